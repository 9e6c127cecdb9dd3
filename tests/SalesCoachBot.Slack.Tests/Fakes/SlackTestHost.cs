using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Slack.Processing;

namespace SalesCoachBot.Slack.Tests.Fakes;

/// <summary>The Slack channel alone on an in-memory server, with a fake core and (optionally) the recording fake Slack API.</summary>
internal sealed class SlackTestHost : IAsyncDisposable
{
    public const string Secret = "8f742231b10e8888abcd99yyyzzz85a5";

    private readonly WebApplication app;

    /// <summary>The workspaces the tests' requests come from; served unless a test names its own workspaces.</summary>
    public static readonly string[] TestWorkspaces = ["T0FAKE", "T1DC2JH3J"];

    private SlackTestHost(WebApplication app, FakeCoachBot bot, LogRecorder logs)
    {
        this.app = app;
        Bot = bot;
        Logs = logs;
        Client = app.GetTestClient();
    }

    public FakeCoachBot Bot { get; }

    /// <summary>Every log line the host wrote.</summary>
    public LogRecorder Logs { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => app.Services;

    /// <param name="environment">The host environment; Production (ASP.NET Core's default) unless named.</param>
    public static async Task<SlackTestHost> StartAsync(
        RecordingSlackApi? api = null,
        IDictionary<string, string?>? settings = null,
        bool slackOn = true,
        Action<IServiceCollection>? services = null,
        string environment = "Production")
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.WebHost.UseTestServer();
        // Development turns on build-time validation, which would ask for the core's stores this channel-only host fakes away.
        builder.Host.UseDefaultServiceProvider(o => o.ValidateOnBuild = false);
        builder.Logging.ClearProviders();
        var logs = new LogRecorder();
        builder.Logging.AddProvider(logs);
        var values = new Dictionary<string, string?>
        {
            ["Slack:ChannelMessageInterval"] = "00:00:00.010",
            ["Slack:RetryBaseDelay"] = "00:00:00.010",
        };
        if (slackOn)
        {
            values["Slack:SigningSecret"] = Secret;
            values["Slack:BotToken"] = "xoxb-test-token";
        }

        if (api is not null)
        {
            values["Slack:ApiBaseUrl"] = api.ApiBaseUrl.ToString();
        }

        settings ??= new Dictionary<string, string?>();
        if (!settings.Keys.Any(k => k is "Slack:TeamId" || k.StartsWith("Slack:Allowed", StringComparison.Ordinal)))
        {
            for (var i = 0; i < TestWorkspaces.Length; i++)
            {
                values[$"Slack:AllowedTeamIds:{i}"] = TestWorkspaces[i];
            }
        }

        foreach (var (key, value) in settings)
        {
            values[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(values);
        var bot = new FakeCoachBot();
        builder.Services.AddSingleton<ICoachBot>(bot);
        services?.Invoke(builder.Services);
        builder.Services.AddSlackChannel(builder.Configuration, builder.Environment);
        var app = builder.Build();
        app.MapSlackChannel();
        await app.StartAsync();
        return new SlackTestHost(app, bot, logs);
    }

    /// <summary>
    /// Returns once the worker has finished every piece of work the requests so far queued. Work is queued before the
    /// ack and done after it, so a test that asserts "nothing was sent" waits here first: work queued by mistake has
    /// then run and shown itself.
    /// </summary>
    public Task WorkDoneAsync()
    {
        var queue = app.Services.GetRequiredService<SlackWorkQueue>();
        return Eventually.UntilAsync(() => queue.Unfinished == 0, "the Slack worker to finish the queued work");
    }

    public static string Sign(string secret, long timestamp, string body)
    {
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
        return "v0=" + Convert.ToHexStringLower(hmac.ComputeHash(Encoding.UTF8.GetBytes($"v0:{timestamp}:{body}")));
    }

    public static long Now() => TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();

    /// <summary>Posts a body signed as Slack would (or with the given overrides).</summary>
    public Task<HttpResponseMessage> PostAsync(
        string path,
        string body,
        string contentType,
        long? timestamp = null,
        string? signature = null,
        bool signed = true,
        IDictionary<string, string>? headers = null)
    {
        var ts = timestamp ?? Now();
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (signed)
        {
            request.Headers.Add("X-Slack-Request-Timestamp", ts.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add("X-Slack-Signature", signature ?? Sign(Secret, ts, body));
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.Add(name, value);
        }

        return Client.SendAsync(request);
    }

    public Task<HttpResponseMessage> PostFormAsync(string path, IDictionary<string, string> form, long? timestamp = null) =>
        PostAsync(path, FormBody(form), "application/x-www-form-urlencoded", timestamp);

    public Task<HttpResponseMessage> PostJsonAsync(string path, string json, IDictionary<string, string>? headers = null) =>
        PostAsync(path, json, "application/json", headers: headers);

    public static string FormBody(IDictionary<string, string> form) =>
        string.Join('&', form.Select(kv => Uri.EscapeDataString(kv.Key) + "=" + Uri.EscapeDataString(kv.Value)));

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
