using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SalesCoachBot.Core.Caching;
using SalesCoachBot.MicroBench.Before;
using SalesCoachBot.Teams;
using SalesCoachBot.Teams.Activities;
using SalesCoachBot.Teams.Auth;

namespace SalesCoachBot.MicroBench;

/// <summary>
/// The edge of a Teams "what's next" turn: reading the body (as it was, the baseline, and now), the UTF-8 / depth
/// pass of <see cref="ReadableJson"/> beside the deserialisation it guards, and the token check with its memo
/// (the same token every time, as the connector sends it) and without (a new token every call, so every check is
/// complete: signature, issuer, audience, lifetime). A turn costs ~110–350 µs of CPU (bench/README.md).
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class TeamsEdgeBenchmarks
{
    private const string AppId = "bench-app-id";
    private const string MetadataUrl = "https://login.bench.test/v1/.well-known/openidconfiguration";
    private const string ServiceUrl = "http://127.0.0.1:3979";

    /// <summary>The activity of the channel benchmark (bench/channels/teams-message.lua), 1 KB.</summary>
    internal static readonly byte[] ActivityBody = Encoding.UTF8.GetBytes(
        "{\"type\":\"message\",\"text\":\"what's next for Globex renewal\",\"id\":\"1-42\",\"timestamp\":\"2026-11-27T10:30:43.656Z\","
        + "\"localTimestamp\":\"2026-11-27T10:30:43.656+00:00\",\"localTimezone\":\"Europe/Berlin\",\"serviceUrl\":\"" + ServiceUrl + "\","
        + "\"channelId\":\"msteams\",\"from\":{\"id\":\"29:1a2b3c-user-dana\",\"name\":\"Dana Demo\",\"aadObjectId\":\"00000000-0000-0000-0000-0000000000020\"},"
        + "\"conversation\":{\"conversationType\":\"personal\",\"tenantId\":\"00000000-0000-0000-0000-000000000001\",\"id\":\"a:1bench-personal-1-7\"},"
        + "\"recipient\":{\"id\":\"28:00000000-0000-0000-0000-000000000011\",\"name\":\"Sales Coach\"},\"textFormat\":\"plain\",\"locale\":\"en-US\","
        + "\"entities\":[{\"type\":\"clientInfo\",\"locale\":\"en-US\",\"country\":\"US\",\"platform\":\"Web\",\"timezone\":\"Europe/Berlin\"}],"
        + "\"channelData\":{\"tenant\":{\"id\":\"00000000-0000-0000-0000-000000000001\"}}}");

    /// <summary>More distinct tokens than the validator remembers (1,000), so cycling through them never hits the memo.</summary>
    private const int DistinctTokens = 2_048;

    private BotTokenValidator validator = null!;
    private string[] headers = [];
    private int next;

    [GlobalSetup]
    public async Task Setup()
    {
        using var rsa = RSA.Create(2048);
        var key = new RsaSecurityKey(rsa.ExportParameters(includePrivateParameters: true)) { KeyId = "bench-key" };
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(key);
        var jwks = JsonSerializer.Serialize(new { keys = new[] { new { kty = "RSA", use = "sig", kid = jwk.Kid, n = jwk.N, e = jwk.E, endorsements = new[] { "msteams" } } } });
        var metadata = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["issuer"] = TeamsOptions.BotFrameworkIssuer,
            ["jwks_uri"] = "https://login.bench.test/v1/keys",
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        });
        var options = Options.Create(new TeamsOptions { AppId = AppId, OpenIdMetadataUrl = MetadataUrl, TenantId = "00000000-0000-0000-0000-000000000001" });
        var caching = new ServiceCollection().AddSingleton(TimeProvider.System).AddLogging().AddSalesCoachCaching().BuildServiceProvider();
        validator = new BotTokenValidator(
            options, new StubClients(metadata, jwks), TimeProvider.System, caching.GetRequiredService<SharedCache>(),
            caching.GetRequiredService<IOptions<CacheOptions>>(), NullLogger<BotTokenValidator>.Instance);

        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        headers = [.. Enumerable.Range(0, DistinctTokens).Select(i => "Bearer " + handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = TeamsOptions.BotFrameworkIssuer,
            Audience = AppId,
            NotBefore = now.AddMinutes(-1),
            IssuedAt = now.AddMinutes(-1),
            Expires = now.AddHours(2).AddSeconds(i),
            Claims = new Dictionary<string, object> { ["serviceurl"] = ServiceUrl },
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        }))];

        var check = await validator.ValidateAsync(headers[0], CancellationToken.None);
        if (!check.IsValid || !check.IsEndorsedFor("msteams"))
        {
            throw new InvalidOperationException("The bench token must pass: " + check.FailureReason);
        }
    }

    [Benchmark(Baseline = true), BenchmarkCategory("read body")]
    public Task<byte[]?> Body_Before() => BeforeBodyReads.TeamsAsync(Request().Request, 256 * 1024, CancellationToken.None);

    [Benchmark, BenchmarkCategory("read body")]
    public async Task<byte[]?> Body_PipeReader() =>
        (await TeamsRequestHandler.ReadBodyAsync(Request().Request, 256 * 1024, CancellationToken.None)).Body;

    [Benchmark(Baseline = true), BenchmarkCategory("activity json")]
    public object? Deserialize() => JsonSerializer.Deserialize(ActivityBody, TeamsJsonContext.Default.Activity);

    [Benchmark, BenchmarkCategory("activity json")]
    public object? ReadableJson_ThenDeserialize() =>
        ReadableJson.IsReadable(ActivityBody) ? JsonSerializer.Deserialize(ActivityBody, TeamsJsonContext.Default.Activity) : null;

    [Benchmark, BenchmarkCategory("activity json")]
    public bool ReadableJson_Alone() => ReadableJson.IsReadable(ActivityBody);

    [Benchmark(Baseline = true), BenchmarkCategory("token")]
    public async Task<bool> Token_FullCheck() => (await validator.ValidateAsync(headers[next++ % DistinctTokens], CancellationToken.None)).IsValid;

    [Benchmark, BenchmarkCategory("token")]
    public async Task<bool> Token_Remembered() => (await validator.ValidateAsync(headers[0], CancellationToken.None)).IsValid;

    private static DefaultHttpContext Request()
    {
        var context = new DefaultHttpContext();
        context.Request.ContentType = "application/json";
        context.Request.ContentLength = ActivityBody.Length;
        context.Request.Body = new MemoryStream(ActivityBody, writable: false);
        return context;
    }

    /// <summary>Serves the OpenID metadata and key set from memory, as login.botframework.com would.</summary>
    private sealed class StubClients(string metadata, string jwks) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(new Handler(metadata, jwks));

        private sealed class Handler(string metadata, string jwks) : HttpMessageHandler
        {
            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
                Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
                {
                    Content = new StringContent(request.RequestUri!.AbsolutePath.EndsWith("/keys", StringComparison.Ordinal) ? jwks : metadata, Encoding.UTF8, "application/json"),
                });
        }
    }
}
