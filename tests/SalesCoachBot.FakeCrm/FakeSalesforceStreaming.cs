using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SalesCoachBot.FakeCrm;

/// <summary>
/// The org's Streaming API (<c>/cometd/{version}</c>): a Bayeux 1.0 server with the long-polling transport only, shaped
/// like Salesforce's — handshake, subscribe with the <c>replay</c> extension (-1 new events, -2 every retained one, an
/// id: the events after it; an id outside retention is refused with Salesforce's <c>400::The replayId … was invalid</c>),
/// <c>/meta/connect</c> held until an event or <see cref="ConnectTimeout"/>, and <c>403::Unknown client</c> with advice
/// handshake for a client it forgot. The Bearer check is the org's (401 for an unknown session). Scripted faults:
/// connections dropped mid poll, clients forgotten, events expired.
/// </summary>
public sealed partial class FakeSalesforce
{
    private readonly Lock _streamGate = new();
    private readonly List<(long ReplayId, string Channel, JsonObject Data)> _events = [];
    private readonly ConcurrentDictionary<string, StreamClient> _streamClients = new(StringComparer.Ordinal);
    private long _nextReplayId = 1000;
    private int _dropConnects;
    private int _handshakes;

    /// <summary>How long a <c>/meta/connect</c> is held without events (Salesforce: 110 s).</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Every subscribe as received: the channel and its <c>ext.replay</c> value (null when none was sent).</summary>
    public ConcurrentQueue<(string Channel, long? ReplayFrom, string? Error)> Subscriptions { get; } = new();

    public int Handshakes => Volatile.Read(ref _handshakes);

    /// <summary>The next <paramref name="count"/> long polls are cut (the TCP connection aborted), as a network drop would.</summary>
    public void DropNextConnects(int count) => Interlocked.Add(ref _dropConnects, count);

    /// <summary>Forgets every CometD client (a server restart): their next connect answers 403::Unknown client.</summary>
    public void ForgetStreamingClients() => _streamClients.Clear();

    /// <summary>Events up to this replayId fall out of retention (72 hours in Salesforce): replaying from them is refused.</summary>
    public void ExpireEventsThrough(long replayId)
    {
        lock (_streamGate)
        {
            _events.RemoveAll(e => e.ReplayId <= replayId);
        }
    }

    /// <summary>An OpportunityChangeEvent as Salesforce sends it; returns its replayId.</summary>
    public long PublishChangeEvent(string changeType, IReadOnlyList<string> recordIds, IReadOnlyList<string>? changedFields = null, string? transactionKey = null) =>
        Publish("/data/OpportunityChangeEvent", replayId => new JsonObject
        {
            ["schema"] = "IeRuaY6cbI_HsV8Rv1Mc5g",
            ["payload"] = new JsonObject
            {
                ["ChangeEventHeader"] = new JsonObject
                {
                    ["entityName"] = "Opportunity",
                    ["recordIds"] = new JsonArray([.. recordIds.Select(id => (JsonNode?)id)]),
                    ["changeType"] = changeType,
                    ["changeOrigin"] = "com/salesforce/api/rest/59.0",
                    ["transactionKey"] = transactionKey ?? Guid.NewGuid().ToString(),
                    ["sequenceNumber"] = 1,
                    ["commitTimestamp"] = Interlocked.Read(ref _clock),
                    ["commitUser"] = "005000000000001AAA",
                    ["changedFields"] = new JsonArray([.. (changedFields ?? []).Select(f => (JsonNode?)f)]),
                },
            },
            ["event"] = new JsonObject { ["replayId"] = replayId },
        });

    /// <summary>Any data message (a malformed event, say) on <paramref name="channel"/>, built around its replayId.</summary>
    public long Publish(string channel, Func<long, JsonObject> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        lock (_streamGate)
        {
            var replayId = ++_nextReplayId;
            var message = data(replayId);
            _events.Add((replayId, channel, message));
            foreach (var client in _streamClients.Values.Where(c => c.Channels.ContainsKey(channel)))
            {
                client.Pending.Writer.TryWrite(new JsonObject { ["channel"] = channel, ["data"] = message.DeepClone() });
            }

            return replayId;
        }
    }

    private void MapStreaming(WebApplication app) => app.MapPost("/cometd/{version}", Bayeux);

    private async Task Bayeux(HttpContext context)
    {
        var body = await JsonNode.ParseAsync(context.Request.Body);
        var messages = body switch
        {
            JsonArray array => array.OfType<JsonObject>().ToList(),
            JsonObject one => [one],
            _ => [],
        };
        var replies = new JsonArray();
        foreach (var message in messages)
        {
            var channel = message["channel"]?.GetValue<string>();
            var reply = new JsonObject { ["channel"] = channel, ["id"] = message["id"]?.DeepClone() };
            var clientId = message["clientId"]?.GetValue<string>();
            var client = clientId is null ? null : _streamClients.GetValueOrDefault(clientId);
            switch (channel)
            {
                case "/meta/handshake":
                    Interlocked.Increment(ref _handshakes);
                    var id = Guid.NewGuid().ToString("N");
                    _streamClients[id] = new StreamClient();
                    reply["successful"] = true;
                    reply["clientId"] = id;
                    reply["version"] = "1.0";
                    reply["supportedConnectionTypes"] = new JsonArray("long-polling");
                    reply["advice"] = Advice("retry");
                    context.Response.Headers.Append("Set-Cookie", $"BAYEUX_BROWSER={id[..8]}; Path=/");
                    break;
                case "/meta/subscribe" when client is null:
                case "/meta/connect" when client is null:
                    reply["successful"] = false;
                    reply["error"] = "403::Unknown client";
                    reply["advice"] = Advice("handshake");
                    break;
                case "/meta/subscribe":
                    var subscription = message["subscription"]?.GetValue<string>() ?? string.Empty;
                    reply["subscription"] = subscription;
                    long? from = message["ext"]?["replay"]?[subscription] is JsonValue v && v.TryGetValue<long>(out var n) ? n : null;
                    var error = Subscribe(client, subscription, from ?? -1);
                    Subscriptions.Enqueue((subscription, from, error));
                    reply["successful"] = error is null;
                    if (error is not null)
                    {
                        reply["error"] = error;
                    }

                    break;
                case "/meta/connect":
                    if (TakeDrop())
                    {
                        context.Abort();
                        return;
                    }

                    foreach (var data in await WaitAsync(client, context.RequestAborted))
                    {
                        replies.Add(data);
                    }

                    reply["successful"] = true;
                    reply["advice"] = Advice("retry");
                    break;
                case "/meta/disconnect":
                    _streamClients.TryRemove(clientId!, out _);
                    reply["successful"] = true;
                    break;
                default:
                    reply["successful"] = false;
                    reply["error"] = $"400::unknown channel {channel}";
                    break;
            }

            replies.Add(reply);
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(replies.ToJsonString());
    }

    private bool TakeDrop()
    {
        int seen;
        do
        {
            seen = Volatile.Read(ref _dropConnects);
            if (seen <= 0)
            {
                return false;
            }
        }
        while (Interlocked.CompareExchange(ref _dropConnects, seen - 1, seen) != seen);
        return true;
    }

    private JsonObject Advice(string reconnect) => new()
    {
        ["reconnect"] = reconnect,
        ["interval"] = 0,
        ["timeout"] = (long)ConnectTimeout.TotalMilliseconds,
    };

    /// <summary>Salesforce's rules: -1 new events, -2 all retained, else an id it still holds (the events after it are replayed).</summary>
    private string? Subscribe(StreamClient client, string channel, long from)
    {
        lock (_streamGate)
        {
            var retained = _events.Where(e => e.Channel == channel).ToList();
            if (from is not (-1 or -2) && !retained.Any(e => e.ReplayId == from))
            {
                return string.Create(CultureInfo.InvariantCulture,
                    $"400::The replayId {{{from}}} you provided was invalid.  Please provide a valid ID, -2 to replay all events, or -1 to replay only new events.");
            }

            client.Channels[channel] = 0;
            foreach (var e in retained.Where(e => from == -2 || (from >= 0 && e.ReplayId > from)))
            {
                client.Pending.Writer.TryWrite(new JsonObject { ["channel"] = channel, ["data"] = e.Data.DeepClone() });
            }

            return null;
        }
    }

    private async Task<List<JsonObject>> WaitAsync(StreamClient client, CancellationToken aborted)
    {
        var found = new List<JsonObject>();
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        wait.CancelAfter(ConnectTimeout);
        try
        {
            if (!client.Pending.Reader.TryPeek(out _))
            {
                await client.Pending.Reader.WaitToReadAsync(wait.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // the long poll's timeout: an empty answer
        }

        while (client.Pending.Reader.TryRead(out var data))
        {
            found.Add(data);
        }

        return found;
    }

    private sealed class StreamClient
    {
        public ConcurrentDictionary<string, byte> Channels { get; } = new(StringComparer.Ordinal);
        public Channel<JsonObject> Pending { get; } = Channel.CreateUnbounded<JsonObject>();
    }
}
