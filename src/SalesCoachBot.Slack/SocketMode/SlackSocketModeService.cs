using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Registry;
using SalesCoachBot.Core.Resilience;
using SalesCoachBot.Slack.Inbound;
using SalesCoachBot.Slack.WebApi;

namespace SalesCoachBot.Slack.SocketMode;

/// <summary>How one connection's run ended; <see cref="Failed"/> runs are retried with backoff.</summary>
internal enum SocketRun
{
    /// <summary>Served until Slack asked to reconnect, or long enough: connect again at once.</summary>
    Ended,

    /// <summary>Could not connect, or the socket died soon after its hello.</summary>
    Failed,

    /// <summary>An error no retry fixes (<see cref="SlackSocketModeService.FatalError"/>): stop.</summary>
    Fatal,
}

/// <summary>
/// Socket Mode (<c>Slack:AppToken</c>): <c>apps.connections.open</c> → WebSocket → envelopes handed to the same
/// <see cref="SlackInboundHandler"/> as the HTTP endpoints, each acked on its own socket. On <c>disconnect</c> or a lost
/// socket a new connection is opened (and greeted) before the old one is closed, so nothing is dropped in between.
/// Failures back off with jitter (the <see cref="ResiliencePipelines.SlackSocketMode"/> pipeline); errors that retrying
/// cannot fix stop the service with one clear log line.
/// </summary>
internal sealed class SlackSocketModeService(
    ISlackApiClient api,
    SlackInboundHandler handler,
    IOptions<SlackOptions> options,
    TimeProvider time,
    ResiliencePipelineProvider<string> pipelines,
    ILogger<SlackSocketModeService> logger) : BackgroundService
{
    public const string Source = "socket";

    /// <summary><c>apps.connections.open</c> errors that no retry fixes: the token or the app is wrong.</summary>
    internal static readonly IReadOnlySet<string> FatalErrors = new HashSet<string>(StringComparer.Ordinal)
    {
        "invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired", "no_permission",
        "not_allowed_token_type", "missing_scope", "app_deleted", "invalid_token", "ekm_access_denied",
    };

    private static readonly SlackJsonContext Json = SlackJsonContext.Wire;

    private readonly ConcurrentDictionary<string, SeenEnvelope> seen = new(StringComparer.Ordinal);
    private readonly ResiliencePipeline<SocketRun> reconnect = pipelines.GetPipeline<SocketRun>(ResiliencePipelines.SlackSocketMode);
    private SocketModeConnection? active;
    private int connectionCount;
    private CancellationToken stopping;

    /// <summary>Why the service stopped for good (a fatal error), for health checks and tests.</summary>
    public string? FatalError { get; private set; }

    /// <summary>The connection envelopes are read from now (tests watch reconnects through it).</summary>
    internal int ActiveConnection { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        stopping = stoppingToken;
        SlackLog.SocketModeStarting(logger);
        try
        {
            var run = SocketRun.Ended;
            while (run != SocketRun.Fatal && !stoppingToken.IsCancellationRequested)
            {
                // Connections one after another; the pipeline retries failed runs, each after a longer wait, until
                // one ends well (then the next connects at once) or fatally.
                run = await reconnect.ExecuteAsync(static (service, ct) => service.RunOnceAsync(ct), this, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutdown.
        }
        finally
        {
            if (active is not null)
            {
                await RetireAsync(active).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Opens one connection, hands over from the previous one, and serves until the socket ends.</summary>
    private async ValueTask<SocketRun> RunOnceAsync(CancellationToken stoppingToken)
    {
        var (next, fatal) = await ConnectAsync(stoppingToken).ConfigureAwait(false);
        if (fatal is not null)
        {
            FatalError = fatal;
            SlackLog.SocketModeFatal(logger, fatal);
            return SocketRun.Fatal;
        }

        if (next is null)
        {
            return SocketRun.Failed;
        }

        // The new socket is greeted and reading; only now does the old one close (after its acks went out).
        var old = active;
        active = next;
        ActiveConnection = next.Number;
        if (old is not null)
        {
            _ = RetireAsync(old);
        }

        var openedAt = time.GetUtcNow();
        var reason = await next.Ended.WaitAsync(stoppingToken).ConfigureAwait(false);
        if (reason == "link_disabled")
        {
            FatalError = "link_disabled";
            SlackLog.SocketModeFatal(logger, "link_disabled (Socket Mode was turned off for the app)");
            return SocketRun.Fatal;
        }

        SlackLog.SocketModeReconnecting(logger, next.Number, reason);

        // A socket that keeps dying right after its hello counts as a failure, so a flapping link backs off too.
        return time.GetUtcNow() - openedAt < options.Value.SocketMinHealthyTime && !reason.StartsWith("disconnect:", StringComparison.Ordinal)
            ? SocketRun.Failed
            : SocketRun.Ended;
    }

    /// <summary>Opens one connection and waits for Slack's hello. Returns (null, fatal error) when retrying is pointless.</summary>
    private async Task<(SocketModeConnection? Connection, string? Fatal)> ConnectAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var opened = await api.OpenSocketConnectionAsync(stoppingToken).ConfigureAwait(false);
        if (!opened.Ok)
        {
            return FatalErrors.Contains(opened.Error!) ? (null, opened.Error) : (null, null);
        }

        if (!Uri.TryCreate(opened.Value!.Url, UriKind.Absolute, out var url) || url.Scheme is not ("wss" or "ws"))
        {
            SlackLog.SocketModeConnectFailed(logger, "apps.connections.open gave no WebSocket URL");
            return (null, null);
        }

        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = settings.SocketKeepAlive;
        var connection = new SocketModeConnection(socket, Interlocked.Increment(ref connectionCount));
        try
        {
            using var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            connectTimeout.CancelAfter(settings.SocketHelloTimeout);
            await socket.ConnectAsync(url, connectTimeout.Token).ConfigureAwait(false);
            _ = Task.Run(() => connection.ReceiveAsync(OnMessage, OnOversize, stoppingToken), CancellationToken.None)
                .ContinueWith(
                    failed =>
                    {
                        // A bug while reading a message must not leave a socket that nobody reads: log it, reconnect.
                        SlackLog.WorkFailed(logger, failed.Exception!.GetBaseException());
                        connection.MarkEnded("receive loop failed");
                    },
                    CancellationToken.None,
                    TaskContinuationOptions.OnlyOnFaulted,
                    TaskScheduler.Default);
            await connection.Hello.WaitAsync(settings.SocketHelloTimeout, time, stoppingToken).ConfigureAwait(false);
            SlackLog.SocketModeConnected(logger, connection.Number);
            return (connection, null);
        }
        catch (Exception ex) when (ex is WebSocketException or TimeoutException or HttpRequestException
                                       || (ex is OperationCanceledException && !stoppingToken.IsCancellationRequested))
        {
            // The URL carries a one-time ticket, so it is not logged.
            SlackLog.SocketModeConnectFailed(logger, ex.GetType().Name);
            socket.Abort();
            await connection.DisposeAsync().ConfigureAwait(false);
            return (null, null);
        }
    }

    private async Task RetireAsync(SocketModeConnection connection)
    {
        await connection.CloseAsync(options.Value.SocketCloseGrace, time).ConfigureAwait(false);
        SlackLog.SocketModeClosed(logger, connection.Number);
        await connection.DisposeAsync().ConfigureAwait(false);
    }

    private void OnOversize(SocketModeConnection connection, string reason) => SlackLog.SocketModeSkipped(logger, connection.Number, reason);

    /// <summary>Runs on the receive loop: must not block it, so envelope work runs beside it.</summary>
    private void OnMessage(SocketModeConnection connection, ReadOnlyMemory<byte> message)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(message);
        }
        catch (JsonException)
        {
            SlackLog.SocketModeSkipped(logger, connection.Number, "malformed JSON");
            return;
        }

        var root = document.RootElement;
        var type = Text(root, "type");
        switch (type)
        {
            case "hello":
                document.Dispose();
                connection.MarkHello();
                return;
            case "disconnect":
                var reason = Text(root, "reason");
                document.Dispose();
                SlackLog.SocketModeDisconnectRequested(logger, connection.Number, reason ?? "unknown");
                connection.MarkEnded(reason == "link_disabled" ? "link_disabled" : "disconnect:" + (reason ?? "unknown"));
                return;
            case "events_api" or "slash_commands" or "interactive":
                connection.Track(Task.Run(() => HandleEnvelopeAsync(connection, type, document), CancellationToken.None));
                return;
            default:
                var envelopeId = EnvelopeId(root);
                document.Dispose();
                SlackLog.SocketModeSkipped(logger, connection.Number, $"unknown envelope type '{Truncate(type)}'");
                if (envelopeId is not null)
                {
                    // Acked so Slack does not redeliver something the bot will never handle.
                    connection.Track(connection.SendAsync(AckJson(envelopeId, null), stopping));
                }

                return;
        }
    }

    private async Task HandleEnvelopeAsync(SocketModeConnection connection, string type, JsonDocument document)
    {
        using (document)
        {
            var root = document.RootElement;
            if (EnvelopeId(root) is not { } envelopeId)
            {
                SlackLog.SocketModeSkipped(logger, connection.Number, $"{type} envelope without envelope_id");
                return;
            }

            // A redelivered envelope (Slack missed our ack) gets the same ack again and is not handled twice.
            var fresh = new SeenEnvelope(time.GetUtcNow());
            var first = seen.GetOrAdd(envelopeId, fresh);
            if (!ReferenceEquals(first, fresh))
            {
                SlackLog.SocketModeRedelivery(logger, envelopeId, RetryAttempt(root));
                var earlier = await first.Ack.Task.ConfigureAwait(false);
                if (earlier is not null)
                {
                    await connection.SendAsync(earlier, stopping).ConfigureAwait(false);
                }

                return;
            }

            PruneSeen();
            string? ack;
            try
            {
                ack = await DispatchAsync(connection, type, envelopeId, root).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                SlackLog.WorkFailed(logger, ex);
                ack = null;
            }

            if (ack is null)
            {
                // Not acked (queue full): let the redelivery be handled as new.
                seen.TryRemove(envelopeId, out _);
            }

            first.Ack.TrySetResult(ack);
            if (ack is not null && !await connection.SendAsync(ack, stopping).ConfigureAwait(false))
            {
                SlackLog.SocketModeAckLost(logger, envelopeId, connection.Number);
            }
        }
    }

    /// <summary>The ack to send, or null to send none.</summary>
    private async Task<string?> DispatchAsync(SocketModeConnection connection, string type, string envelopeId, JsonElement root)
    {
        if (!root.TryGetProperty("payload", out var payload) || payload.ValueKind != JsonValueKind.Object)
        {
            SlackLog.SocketModeSkipped(logger, connection.Number, $"{type} envelope without payload");
            return AckJson(envelopeId, null);
        }

        SlackAck result;
        switch (type)
        {
            case "events_api":
                var envelope = Parse(payload, Json.SlackEventEnvelope);
                if (envelope is null)
                {
                    SlackLog.SocketModeSkipped(logger, connection.Number, "events_api payload is not an event");
                    return AckJson(envelopeId, null);
                }

                var retry = RetryAttempt(root);
                result = await handler.HandleEventAsync(envelope, Source, retry > 0 ? retry.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
                    Text(root, "retry_reason"), stopping).ConfigureAwait(false);
                break;
            case "slash_commands":
                var command = Parse(payload, Json.SlashCommand);
                result = command is null ? SlackAck.Malformed : await handler.HandleCommandAsync(command, Source, stopping).ConfigureAwait(false);
                break;
            default:
                var interaction = Parse(payload, Json.InteractionPayload);
                result = interaction is null ? SlackAck.Malformed : await handler.HandleInteractionAsync(interaction, Source, stopping).ConfigureAwait(false);
                break;
        }

        if (result.Status == SlackAckStatus.Malformed)
        {
            SlackLog.SocketModeSkipped(logger, connection.Number, $"{type} payload malformed");
        }

        var accepts = root.TryGetProperty("accepts_response_payload", out var a) && a.ValueKind == JsonValueKind.True;
        return result.Status switch
        {
            SlackAckStatus.Busy => null,
            SlackAckStatus.Accepted when accepts && result.Message is { } message => AckJson(envelopeId, message),
            SlackAckStatus.Accepted when result.ViewErrors is { } errors => AckErrorsJson(envelopeId, errors),
            _ => AckJson(envelopeId, null),
        };
    }

    internal static string AckJson(string envelopeId, ResponseMessage? payload)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("envelope_id", envelopeId);
            if (payload is not null)
            {
                writer.WritePropertyName("payload");
                JsonSerializer.Serialize(writer, payload, Json.ResponseMessage);
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>A view_submission refused: the modal stays open with the errors.</summary>
    internal static string AckErrorsJson(string envelopeId, ViewErrorsAck errors)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("envelope_id", envelopeId);
            writer.WritePropertyName("payload");
            JsonSerializer.Serialize(writer, errors, Json.ViewErrorsAck);
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static T? Parse<T>(JsonElement element, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info)
        where T : class
    {
        try
        {
            return element.Deserialize(info);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? EnvelopeId(JsonElement root) => Text(root, "envelope_id") is { Length: > 0 and <= 255 } value ? value : null;

    /// <summary>
    /// A string member of the envelope, or null when missing, not a string, or not text once unescaped (a lone
    /// surrogate such as <c>\ud800</c>): reading that would throw on the receive loop and end it without a reconnect.
    /// </summary>
    private static string? Text(JsonElement root, string name)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static int RetryAttempt(JsonElement root) =>
        root.TryGetProperty("retry_attempt", out var n) && n.ValueKind == JsonValueKind.Number && n.TryGetInt32(out var value) ? value : 0;

    private static string Truncate(string? text) => text is null ? "(none)" : text.Length <= 40 ? text : text[..40];

    private void PruneSeen()
    {
        if (seen.Count < 10_000)
        {
            return;
        }

        var cutoff = time.GetUtcNow() - options.Value.EventDedupeWindow;
        foreach (var old in seen.Where(kv => kv.Value.At < cutoff).Select(kv => kv.Key).ToList())
        {
            seen.TryRemove(old, out _);
        }
    }

    private sealed class SeenEnvelope(DateTimeOffset at)
    {
        public DateTimeOffset At { get; } = at;

        public TaskCompletionSource<string?> Ack { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
