using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SalesCoachBot.Slack.Tests.Fakes;

/// <summary>One request the fake received.</summary>
internal sealed record RecordedCall(string Path, string? Authorization, string? ContentType, string Body, DateTimeOffset At);

/// <summary>
/// A scripted answer for the next call of a path; <paramref name="Hold"/> keeps the caller waiting that long, and
/// <paramref name="Until"/> until that task completes (the test decides when a slow Slack answers), or until it gives up.
/// </summary>
internal sealed record ScriptedAnswer(int Status, string Body, string? RetryAfter = null, string ContentType = "application/json", TimeSpan? Hold = null, Task? Until = null);

/// <summary>
/// A real HTTP server on a free local port that plays Slack's Web API and response_url hooks:
/// records every call and answers from a per-path script, else with a plain success.
/// </summary>
internal sealed class RecordingSlackApi : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<ScriptedAnswer>> scripts = new();
    private readonly ConcurrentQueue<RecordedCall> calls = new();

    private RecordingSlackApi(WebApplication app) => this.app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public Uri ApiBaseUrl => new(BaseUrl, "api/");

    public IReadOnlyList<RecordedCall> Calls => [.. calls];

    public static async Task<RecordingSlackApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new RecordingSlackApi(app);
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.BaseUrl = new Uri(address.TrimEnd('/') + "/");
        return fake;
    }

    public Uri ResponseUrl(string id) => new(BaseUrl, "hooks/" + id);

    public void Script(string path, params ScriptedAnswer[] answers)
    {
        var queue = scripts.GetOrAdd(path, _ => new ConcurrentQueue<ScriptedAnswer>());
        foreach (var answer in answers)
        {
            queue.Enqueue(answer);
        }
    }

    public IReadOnlyList<RecordedCall> CallsTo(string path) => Calls.Where(c => c.Path == path).ToList();

    /// <summary>Waits until at least <paramref name="count"/> calls reached the path (work happens after the ack).</summary>
    public async Task<IReadOnlyList<RecordedCall>> WaitForCallsAsync(string path, int count = 1, int timeoutMs = 20_000)
    {
        await Eventually.UntilAsync(() => CallsTo(path).Count >= count, $"{count} call(s) to {path}", TimeSpan.FromMilliseconds(timeoutMs));
        return CallsTo(path);
    }

    private async Task HandleAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync();
        var path = http.Request.Path.Value ?? string.Empty;
        calls.Enqueue(new RecordedCall(path, http.Request.Headers.Authorization, http.Request.ContentType, body, TimeProvider.System.GetUtcNow()));

        var answer = scripts.TryGetValue(path, out var queue) && queue.TryDequeue(out var next)
            ? next
            : path.StartsWith("/hooks/", StringComparison.Ordinal)
                ? new ScriptedAnswer(200, "ok", ContentType: "text/html")
                : new ScriptedAnswer(200, """{"ok":true,"channel":"C0SALES","ts":"1715000000.000900"}""");
        try
        {
            if (answer.Hold is { } hold)
            {
                await Task.Delay(hold, http.RequestAborted);
            }

            if (answer.Until is { } until)
            {
                await until.WaitAsync(http.RequestAborted);
            }
        }
        catch (OperationCanceledException)
        {
            return;
        }

        http.Response.StatusCode = answer.Status;
        http.Response.ContentType = answer.ContentType;
        if (answer.RetryAfter is not null)
        {
            http.Response.Headers.RetryAfter = answer.RetryAfter;
        }

        await http.Response.WriteAsync(answer.Body);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
