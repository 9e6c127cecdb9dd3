using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SalesCoachBot.Slack.Tests.Fakes;

/// <summary>
/// Slack's Socket Mode played on 127.0.0.1 by Kestrel (the approach of node-slack-sdk's own socket-mode tests):
/// <c>POST /api/apps.connections.open</c> hands out <c>ws://…/link/?ticket=N</c>; each WebSocket gets a hello and
/// then whatever a test sends; everything the client sends back is recorded. Other <c>/api/*</c> methods answer ok.
/// </summary>
internal sealed class FakeSocketModeServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<string> openErrors = new();
    private readonly ConcurrentDictionary<int, FakeSocket> sockets = new();
    private readonly ConcurrentQueue<RecordedCall> calls = new();
    private int opens;
    private int connections;

    private FakeSocketModeServer(WebApplication app) => this.app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public Uri ApiBaseUrl => new(BaseUrl, "api/");

    public int Opens => Volatile.Read(ref opens);

    public int Connections => Volatile.Read(ref connections);

    public bool SendHello { get; set; } = true;

    public IReadOnlyList<RecordedCall> Calls => [.. calls];

    public static async Task<FakeSocketModeServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeSocketModeServer(app);
        app.UseWebSockets();
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.BaseUrl = new Uri(address.TrimEnd('/') + "/");
        return fake;
    }

    /// <summary>The next calls of apps.connections.open answer <c>ok:false</c> with these errors, in order.</summary>
    public void FailOpens(params string[] errors)
    {
        foreach (var error in errors)
        {
            openErrors.Enqueue(error);
        }
    }

    public async Task<FakeSocket> WaitForSocketAsync(int number, int timeoutMs = 20_000)
    {
        await Eventually.UntilAsync(() => sockets.ContainsKey(number), $"WebSocket connection #{number}", TimeSpan.FromMilliseconds(timeoutMs));
        return sockets[number];
    }

    public async Task<IReadOnlyList<RecordedCall>> WaitForCallsAsync(string path, int count = 1, int timeoutMs = 20_000)
    {
        await Eventually.UntilAsync(() => calls.Count(c => c.Path == path) >= count, $"{count} call(s) to {path}", TimeSpan.FromMilliseconds(timeoutMs));
        return calls.Where(c => c.Path == path).ToList();
    }

    private async Task HandleAsync(HttpContext http)
    {
        var path = http.Request.Path.Value ?? string.Empty;
        if (path == "/link/" && http.WebSockets.IsWebSocketRequest)
        {
            var number = Interlocked.Increment(ref connections);
            using var ws = await http.WebSockets.AcceptWebSocketAsync();
            var socket = new FakeSocket(number, ws);
            sockets[number] = socket;
            if (SendHello)
            {
                await socket.SendAsync(new { type = "hello", num_connections = sockets.Values.Count(s => !s.Closed.IsCompleted), connection_info = new { app_id = "A0FAKE" } });
            }

            await socket.RunAsync(http.RequestAborted);
            return;
        }

        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync();
        calls.Enqueue(new RecordedCall(path, http.Request.Headers.Authorization, http.Request.ContentType, body, TimeProvider.System.GetUtcNow()));
        http.Response.ContentType = "application/json";
        if (path == "/api/apps.connections.open")
        {
            if (!(http.Request.Headers.Authorization.ToString() ?? string.Empty).StartsWith("Bearer xapp-", StringComparison.Ordinal))
            {
                await http.Response.WriteAsync("""{"ok":false,"error":"not_authed"}""");
                return;
            }

            var n = Interlocked.Increment(ref opens);
            await http.Response.WriteAsync(openErrors.TryDequeue(out var error)
                ? JsonSerializer.Serialize(new { ok = false, error })
                : JsonSerializer.Serialize(new { ok = true, url = $"ws://{BaseUrl.Authority}/link/?ticket=t{n}&app_id=A0FAKE" }));
            return;
        }

        await http.Response.WriteAsync(path switch
        {
            "/api/conversations.open" => """{"ok":true,"channel":{"id":"D0DM"}}""",
            "/api/users.info" => """{"ok":true,"user":{"id":"U0PAT","profile":{"email":"pat@example.com"}}}""",
            _ => """{"ok":true,"channel":"C0SALES","ts":"1715000000.000900"}""",
        });
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var socket in sockets.Values)
        {
            socket.Abort();
        }

        await app.StopAsync();
        await app.DisposeAsync();
    }
}

/// <summary>One WebSocket as the fake Slack sees it.</summary>
internal sealed class FakeSocket(int number, WebSocket socket)
{
    private readonly Channel<string> received = Channel.CreateUnbounded<string>();
    private readonly SemaphoreSlim sendGate = new(1, 1);
    private readonly TaskCompletionSource closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Number { get; } = number;

    public DateTimeOffset OpenedAt { get; } = TimeProvider.System.GetUtcNow();

    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>Completes when the client closed the socket (or it dropped).</summary>
    public Task Closed => closed.Task;

    public Task SendAsync(object message) => SendRawAsync(JsonSerializer.Serialize(message));

    public async Task SendRawAsync(string text)
    {
        await sendGate.WaitAsync();
        try
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);
        }
        finally
        {
            sendGate.Release();
        }
    }

    /// <summary>The next message the client sent (an ack), parsed.</summary>
    public async Task<JsonElement> NextAsync(int timeoutMs = 20_000)
    {
        using var timeout = new CancellationTokenSource(timeoutMs);
        var text = await received.Reader.ReadAsync(timeout.Token);
        using var doc = JsonDocument.Parse(text);
        return doc.RootElement.Clone();
    }

    public void Abort() => socket.Abort();

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                    break;
                }

                received.Writer.TryWrite(Encoding.UTF8.GetString(buffer, 0, result.Count));
            }
        }
        catch (WebSocketException)
        {
            // Dropped: recorded below like a close.
        }
        catch (OperationCanceledException)
        {
            // Server stopping.
        }
        finally
        {
            ClosedAt = TimeProvider.System.GetUtcNow();
            closed.TrySetResult();
        }
    }
}
