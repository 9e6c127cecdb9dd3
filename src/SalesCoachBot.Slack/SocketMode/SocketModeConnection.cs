using System.Buffers;
using System.Net.WebSockets;
using System.Text;

namespace SalesCoachBot.Slack.SocketMode;

/// <summary>
/// One Socket Mode WebSocket: reads whole text messages, sends one message at a time (a WebSocket allows a single
/// sender), and says why it ended. The service decides what each message means.
/// </summary>
internal sealed class SocketModeConnection(ClientWebSocket socket, int number) : IAsyncDisposable
{
    /// <summary>Slack's envelopes are small; anything bigger than this is not one of them.</summary>
    private const int MaxMessageBytes = 1024 * 1024;

    private readonly SemaphoreSlim sendGate = new(1, 1);
    private readonly TaskCompletionSource hello = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<string> ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<Task> inFlight = [];
    private readonly Lock gate = new();

    public int Number { get; } = number;

    /// <summary>Completes when Slack's <c>hello</c> arrived: the connection is ready.</summary>
    public Task Hello => hello.Task;

    /// <summary>Completes with the reason the connection should be replaced (a <c>disconnect</c> reason, or the socket ended).</summary>
    public Task<string> Ended => ended.Task;

    public bool IsOpen => socket.State == WebSocketState.Open;

    public void MarkHello() => hello.TrySetResult();

    public void MarkEnded(string reason) => ended.TrySetResult(reason);

    /// <summary>Reads messages until the socket closes or fails; each whole text message goes to <paramref name="onMessage"/>.</summary>
    public async Task ReceiveAsync(Action<SocketModeConnection, ReadOnlyMemory<byte>> onMessage, Action<SocketModeConnection, string> onOversize, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        var message = new ArrayBufferWriter<byte>();
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer.AsMemory(), cancellationToken).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    MarkEnded("socket closed by Slack");
                    return;
                }

                message.Write(buffer.AsSpan(0, result.Count));
                if (message.WrittenCount > MaxMessageBytes)
                {
                    onOversize(this, $"message over {MaxMessageBytes} bytes");
                    await DrainAsync(buffer, result, cancellationToken).ConfigureAwait(false);
                    message.Clear();
                    continue;
                }

                if (result.EndOfMessage)
                {
                    if (result.MessageType == WebSocketMessageType.Text)
                    {
                        onMessage(this, message.WrittenMemory.ToArray());
                    }

                    message.Clear();
                }
            }

            MarkEnded("socket closed");
        }
        catch (WebSocketException)
        {
            MarkEnded("socket lost");
        }
        catch (OperationCanceledException)
        {
            MarkEnded("stopping");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Runs envelope work beside the receive loop, remembered so a close can wait for its ack.</summary>
    public void Track(Task work)
    {
        lock (gate)
        {
            inFlight.RemoveAll(t => t.IsCompleted);
            inFlight.Add(work);
        }
    }

    public async Task<bool> SendAsync(string json, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        await sendGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (socket.State != WebSocketState.Open)
            {
                return false;
            }

            await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (WebSocketException)
        {
            return false;
        }
        finally
        {
            sendGate.Release();
        }
    }

    /// <summary>Lets envelopes already received finish and ack, then closes the socket politely (bounded by <paramref name="grace"/>).</summary>
    public async Task CloseAsync(TimeSpan grace, TimeProvider time)
    {
        Task[] pending;
        lock (gate)
        {
            pending = [.. inFlight];
        }

        using var timeout = new CancellationTokenSource(grace, time);
        try
        {
            await Task.WhenAll(pending).WaitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Slack redelivers anything left un-acked on another connection.
        }

        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var closing = new CancellationTokenSource(TimeSpan.FromSeconds(2), time);
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "reconnecting", closing.Token).ConfigureAwait(false);
            }
        }
        catch (WebSocketException)
        {
            // Already gone: nothing left to close.
        }
        catch (OperationCanceledException)
        {
            socket.Abort();
        }

        MarkEnded("closed");
    }

    public ValueTask DisposeAsync()
    {
        socket.Dispose();
        sendGate.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task DrainAsync(byte[] buffer, ValueWebSocketReceiveResult last, CancellationToken cancellationToken)
    {
        while (!last.EndOfMessage && socket.State == WebSocketState.Open)
        {
            last = await socket.ReceiveAsync(buffer.AsMemory(), cancellationToken).ConfigureAwait(false);
        }
    }
}
