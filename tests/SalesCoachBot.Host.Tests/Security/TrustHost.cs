using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SalesCoachBot.Core.Localization;

namespace SalesCoachBot.Host.Tests.Security;

/// <summary>
/// The whole host as <c>Program</c> composes it (real core, SQLite file, demo data) on a test server, with Slack's
/// Web API played by an in-memory handler and every log line kept. Settings go in as command-line arguments, where
/// the channels read them while being registered.
/// </summary>
internal sealed class TrustHost : IAsyncDisposable
{
    public const string SigningSecret = "trust-host-signing-secret";

    private readonly WebApplication app;

    private TrustHost(WebApplication app, FakeSlackWebApi slack, LogLines logs, string folder)
    {
        this.app = app;
        Slack = slack;
        Logs = logs;
        Folder = folder;
        Client = app.GetTestClient();
    }

    public HttpClient Client { get; }

    public FakeSlackWebApi Slack { get; }

    public LogLines Logs { get; }

    public string Folder { get; }

    public IServiceProvider Services => app.Services;

    public TestServer Server => app.GetTestServer();

    /// <param name="teamsConnector">Plays the Bot Connector the Teams channel replies to (with <c>Teams:AllowUnauthenticated</c> in Development).</param>
    public static async Task<TrustHost> StartAsync(string environment, IDictionary<string, string> settings, HttpMessageHandler? teamsConnector = null)
    {
        var folder = Directory.CreateTempSubdirectory("scb-trust-").FullName;
        var values = new Dictionary<string, string>
        {
            ["environment"] = environment,
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:SalesCoach"] = $"Data Source={Path.Combine(folder, "host.db")}",
            ["Database:ReadCacheLifetime"] = "00:00:00",
            ["Demo:Seed"] = "true",
            ["Slack:InstallationsPath"] = Path.Combine(folder, "installations"),
            ["Slack:DataProtectionKeysPath"] = Path.Combine(folder, "keys"),
            ["Slack:ChannelMessageInterval"] = "00:00:00.010",
        };
        foreach (var (key, value) in settings)
        {
            values[key] = value;
        }

        var builder = HostComposition.CreateBuilder([.. values.Select(kv => $"--{kv.Key}={kv.Value}")]);
        builder.WebHost.UseTestServer();
        var logs = new LogLines();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        var slack = new FakeSlackWebApi();
        builder.Services.AddHttpClient("slack").ConfigurePrimaryHttpMessageHandler(() => slack);
        if (teamsConnector is not null)
        {
            builder.Services.AddHttpClient("SalesCoachBot.Teams.Connector").ConfigurePrimaryHttpMessageHandler(() => teamsConnector);
        }

        var app = builder.Build();
        HostComposition.MapEndpoints(app);
        await HostComposition.InitializeAsync(app);
        await app.StartAsync();
        return new TrustHost(app, slack, logs, folder);
    }

    /// <summary>A JSON body (Events API) signed as Slack signs it.</summary>
    public Task<HttpResponseMessage> PostSignedJsonAsync(string path, string body)
    {
        var timestamp = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(SigningSecret), Encoding.UTF8.GetBytes($"v0:{timestamp}:{body}")));
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", signature);
        return Client.SendAsync(request);
    }

    /// <summary>A form body signed as Slack signs it.</summary>
    public Task<HttpResponseMessage> PostSignedFormAsync(string path, IDictionary<string, string> form)
    {
        var body = string.Join('&', form.Select(kv => Uri.EscapeDataString(kv.Key) + "=" + Uri.EscapeDataString(kv.Value)));
        var timestamp = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(SigningSecret), Encoding.UTF8.GetBytes($"v0:{timestamp}:{body}")));
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded");
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", signature);
        return Client.SendAsync(request);
    }

    /// <summary>
    /// A slash command signed as Slack signs it, and the answer to it as JSON text. An answer that misses the ack budget
    /// (a loaded machine) is acked with "Working on it…" and posted to the command's <c>response_url</c> afterwards:
    /// that post is the answer then. The <c>response_url</c> is made unique here, so the post found is this command's.
    /// </summary>
    public async Task<string> CommandAnswerAsync(IDictionary<string, string> form)
    {
        var hook = "command-" + Guid.NewGuid().ToString("N");
        var response = await PostSignedFormAsync("/slack/commands", new Dictionary<string, string>(form) { ["response_url"] = $"https://hooks.slack.com/commands/T0/1/{hook}" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ack = await response.Content.ReadAsStringAsync();
        if (!IsWorkingOnIt(ack))
        {
            return ack;
        }

        var until = TimeProvider.System.GetUtcNow().AddSeconds(30);
        while (true)
        {
            if (Slack.CallsTo(hook) is [var answer, ..])
            {
                return answer;
            }

            Assert.True(TimeProvider.System.GetUtcNow() < until, $"Acked \"Working on it\" but no answer at the response_url within 30 s: {form["text"]}");
            await Task.Delay(20);
        }
    }

    // The placeholder is said in the host's default language, which a test may set to Arabic.
    private static bool IsWorkingOnIt(string ack) =>
        JsonNode.Parse(ack)?["text"]?.GetValue<string>() is { } text
        && ReplyLanguage.Supported.Any(code => Phrases.English.In(ReplyLanguage.FromCode(code)!).Errors("Slack.WorkingOnIt") == text);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}

/// <summary>Slack's Web API in memory: answers per method from a script (else a plain <c>ok</c>) and records the calls.</summary>
internal sealed class FakeSlackWebApi : HttpMessageHandler
{
    private readonly ConcurrentDictionary<string, string> answers = new(StringComparer.Ordinal);

    public ConcurrentQueue<(string Method, string Body)> Calls { get; } = new();

    public void Answer(string method, string json) => answers[method] = json;

    public IReadOnlyList<string> CallsTo(string method) => Calls.Where(c => c.Method == method).Select(c => c.Body).ToList();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var method = request.RequestUri!.Segments[^1];
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        Calls.Enqueue((method, body));
        return new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent(answers.TryGetValue(method, out var json) ? json : """{"ok":true}""", Encoding.UTF8, "application/json"),
        };
    }
}

/// <summary>Every log line the host writes, with its event id.</summary>
internal sealed class LogLines : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, int EventId, string Message)> lines = new();

    public IReadOnlyList<(LogLevel Level, int EventId, string Message)> Lines => [.. lines];

    public ILogger CreateLogger(string categoryName) => new Recorder(lines);

    public void Dispose()
    {
    }

    private sealed class Recorder(ConcurrentQueue<(LogLevel, int, string)> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                lines.Enqueue((logLevel, eventId.Id, formatter(state, exception)));
            }
        }
    }
}
