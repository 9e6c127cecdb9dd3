using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Teams.Auth;
using SalesCoachBot.Teams.Connector;
using SalesCoachBot.Teams.Conversations;

namespace SalesCoachBot.Teams.Tests.Support;

/// <summary>
/// The Teams channel on an in-memory ASP.NET Core server, with fakes only at its boundaries:
/// the signing authority and the Bot Connector (one recording HTTP handler), and ICoachBot.
/// </summary>
internal sealed class TeamsTestHost : IAsyncDisposable
{
    public const string ServiceUrl = "https://smba.test/amer/";
    public const string TenantId = "tenant-1";

    private TeamsTestHost(WebApplication app, RecordingHandler handler, FakeCoachBot bot, SigningAuthority authority)
    {
        App = app;
        Connector = handler;
        Bot = bot;
        Authority = authority;
        Client = app.GetTestClient();
    }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    public RecordingHandler Connector { get; }

    public FakeCoachBot Bot { get; }

    public SigningAuthority Authority { get; }

    public IConversationReferenceStore References => App.Services.GetRequiredService<IConversationReferenceStore>();

    public static async Task<TeamsTestHost> StartAsync(string environment = "Production", IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var authority = new SigningAuthority();
        var handler = new RecordingHandler(authority);
        var bot = new FakeCoachBot();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        var config = new Dictionary<string, string?>
        {
            ["Teams:AppId"] = SigningAuthority.AppId,
            ["Teams:AppPassword"] = "not-used-the-token-provider-is-fake",
            ["Teams:OpenIdMetadataUrl"] = SigningAuthority.MetadataUrl,
            ["Teams:TenantId"] = TenantId,   // Production serves only known tenants
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            config[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(config);
        builder.Services.AddSingleton<IConnectorTokenProvider>(new FakeTokenProvider());
        builder.Services.AddTeamsChannel(builder.Configuration, builder.Environment);
        builder.Services.AddSingleton<ICoachBot>(bot);
        services?.Invoke(builder.Services);
        builder.Services.AddHttpClient(BotTokenValidator.OpenIdHttpClientName).ConfigurePrimaryHttpMessageHandler(() => handler);
        builder.Services.AddHttpClient(TeamsConnectorClient.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => handler);
        var app = builder.Build();
        app.MapTeamsChannel();
        await app.StartAsync();
        return new TeamsTestHost(app, handler, bot, authority);
    }

    /// <summary>POSTs raw bytes to /api/messages with a valid token for <see cref="ServiceUrl"/>.</summary>
    public Task<HttpResponseMessage> PostBytesAsync(byte[] body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Authority.Token(ServiceUrl));
        return Client.SendAsync(request);
    }

    /// <summary>POSTs an activity to /api/messages, signed for its serviceUrl unless told otherwise.</summary>
    public Task<HttpResponseMessage> PostAsync(JsonObject activity, string? token = "sign", string? rawBody = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(rawBody ?? activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (token == "sign")
        {
            token = Authority.Token(activity["serviceUrl"]?.GetValue<string>() ?? ServiceUrl);
        }

        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", token.Contains(' ', StringComparison.Ordinal) ? token : $"Bearer {token}");
        }

        return Client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
        Authority.Dispose();
    }

    private sealed class FakeTokenProvider : IConnectorTokenProvider
    {
        public Task<string?> GetTokenAsync(CancellationToken cancellationToken) => Task.FromResult<string?>("connector-token");
    }
}

/// <summary>Teams-shaped activities, as the Agents Playground captures show them.</summary>
internal static class TestActivities
{
    public static JsonObject Message(string text, string conversationType = "personal", string serviceUrl = TeamsTestHost.ServiceUrl) => Base("message", conversationType, serviceUrl, text);

    public static JsonObject Base(string type, string conversationType = "personal", string serviceUrl = TeamsTestHost.ServiceUrl, string? text = null)
    {
        var activity = new JsonObject
        {
            ["type"] = type,
            ["id"] = "act-1",
            ["channelId"] = "msteams",
            ["serviceUrl"] = serviceUrl,
            ["from"] = new JsonObject { ["id"] = "29:user", ["name"] = "Alex Wilber", ["aadObjectId"] = "00000000-0000-0000-0000-0000000000020" },
            ["recipient"] = new JsonObject { ["id"] = "28:bot", ["name"] = "Sales Coach" },
            ["conversation"] = new JsonObject { ["id"] = conversationType == "channel" ? "19:abc@thread.tacv2;messageid=1" : "a:personal-1", ["conversationType"] = conversationType, ["tenantId"] = TeamsTestHost.TenantId },
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = TeamsTestHost.TenantId } },
        };
        if (text is not null)
        {
            activity["text"] = text;
        }

        return activity;
    }
}
