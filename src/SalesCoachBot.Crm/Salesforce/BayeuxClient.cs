using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using SalesCoachBot.Core.Crm;

namespace SalesCoachBot.Crm.Salesforce;

/// <summary>What the server advised in its last meta reply (Bayeux 1.0 §5.2): reconnect = retry | handshake | none.</summary>
internal sealed record BayeuxAdvice(string Reconnect, TimeSpan Interval, TimeSpan Timeout)
{
    public static readonly BayeuxAdvice Default = new("retry", TimeSpan.Zero, TimeSpan.FromSeconds(110));
}

/// <summary>The server forgot our client (<c>403::Unknown client</c>, advice <c>handshake</c>): handshake again and resubscribe.</summary>
internal sealed class BayeuxRehandshakeException(string message) : Exception(message);

/// <summary>A <c>/meta/subscribe</c> answer: refused with Salesforce's <c>error</c> (e.g. <c>400::The replayId … was invalid</c>) or not.</summary>
internal sealed record BayeuxSubscription(bool Successful, string? Error)
{
    /// <summary>Salesforce refuses a replayId outside its retention (or never issued) with 400 and this wording.</summary>
    public bool ReplayIdRefused => !Successful && Error is { } e && e.StartsWith("400", StringComparison.Ordinal)
        && e.Contains("replayId", StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// A minimal Bayeux 1.0 client, long-polling transport only, for Salesforce's Streaming API (<c>/cometd/vXX.X</c>):
/// handshake, subscribe with the <c>replay</c> extension (<c>ext.replay = { channel: replayId }</c>), the
/// <c>/meta/connect</c> long poll, disconnect. Every request carries the session's Bearer token; an HTTP 401 or a
/// <c>401::</c> error signs in again once (<see cref="SalesforceAuth.RenewAsync"/>). Salesforce tracks a client with a
/// cookie as well as the clientId, so cookies are kept per handshake here (the pooled handler keeps none). ADR 0022.
/// </summary>
internal sealed class BayeuxClient(HttpClient http, SalesforceAuth auth, IOptions<CrmSettings> options)
{
    private CookieContainer _cookies = new();
    private long _messageId;

    public string? ClientId { get; private set; }

    public BayeuxAdvice Advice { get; private set; } = BayeuxAdvice.Default;

    public async Task HandshakeAsync(CancellationToken cancellationToken)
    {
        ClientId = null;
        _cookies = new CookieContainer();
        var reply = Meta(await SendAsync(
            new JsonObject
            {
                ["channel"] = "/meta/handshake",
                ["version"] = "1.0",
                ["minimumVersion"] = "1.0",
                ["supportedConnectionTypes"] = new JsonArray("long-polling"),
            }, cancellationToken), "/meta/handshake");
        TakeAdvice(reply);
        if (reply?["successful"]?.GetValue<bool>() != true || reply["clientId"]?.GetValue<string>() is not { Length: > 0 } clientId)
        {
            var error = Error(reply);
            if (error.StartsWith("401", StringComparison.Ordinal) || error.StartsWith("403", StringComparison.Ordinal))
            {
                throw new CrmAuthException($"Salesforce's Streaming API refused the handshake ({error}): the integration user needs API Enabled and read on Opportunity");
            }

            throw new CrmUnavailableException($"Salesforce's Streaming API refused the handshake: {error}");
        }

        ClientId = clientId;
    }

    /// <summary>Subscribes to <paramref name="channel"/> replaying after <paramref name="replayFrom"/> (-1: new events only; -2: every retained event).</summary>
    public async Task<BayeuxSubscription> SubscribeAsync(string channel, long replayFrom, CancellationToken cancellationToken)
    {
        var reply = Meta(await SendAsync(
            new JsonObject
            {
                ["channel"] = "/meta/subscribe",
                ["clientId"] = ClientId,
                ["subscription"] = channel,
                ["ext"] = new JsonObject { ["replay"] = new JsonObject { [channel] = replayFrom } },
            }, cancellationToken), "/meta/subscribe");
        TakeAdvice(reply);
        return reply?["successful"]?.GetValue<bool>() == true ? new BayeuxSubscription(true, null) : Rehandshake(reply, new BayeuxSubscription(false, Error(reply)));
    }

    /// <summary>One long poll: the data messages that arrived (possibly none, after the server's timeout).</summary>
    public async Task<IReadOnlyList<JsonObject>> ConnectAsync(CancellationToken cancellationToken)
    {
        var messages = await SendAsync(
            new JsonObject { ["channel"] = "/meta/connect", ["clientId"] = ClientId, ["connectionType"] = "long-polling" }, cancellationToken);
        if (Meta(messages, "/meta/connect") is { } reply)
        {
            TakeAdvice(reply);
            if (reply["successful"]?.GetValue<bool>() != true)
            {
                Rehandshake(reply, 0);
                if (Advice.Reconnect == "none")
                {
                    throw new CrmUnavailableException($"Salesforce's Streaming API ended the connection (advice reconnect none): {Error(reply)}");
                }
            }
        }

        return [.. messages.Where(m => m["channel"]?.GetValue<string>() is { } c && !c.StartsWith("/meta/", StringComparison.Ordinal))];
    }

    /// <summary>Best effort: the server frees the client now rather than after its timeout.</summary>
    public async Task DisconnectAsync(CancellationToken cancellationToken)
    {
        if (ClientId is null)
        {
            return;
        }

        try
        {
            await SendAsync(new JsonObject { ["channel"] = "/meta/disconnect", ["clientId"] = ClientId }, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or CrmUnavailableException or CrmAuthException or BayeuxRehandshakeException or OperationCanceledException)
        {
            // The server forgets the client after its own timeout. Never thrown on: the caller is stopping and still has
            // its subscription lease to give back (an expired session answers 401, read as "handshake again").
        }

        ClientId = null;
    }

    /// <summary>A refused meta message whose advice (or a 403::Unknown client) says: handshake again.</summary>
    private T Rehandshake<T>(JsonObject? reply, T otherwise)
    {
        var error = Error(reply);
        if (Advice.Reconnect == "handshake" || error.StartsWith("403", StringComparison.Ordinal) || error.StartsWith("401", StringComparison.Ordinal))
        {
            ClientId = null;
            throw new BayeuxRehandshakeException($"Salesforce's Streaming API asks for a new handshake: {error}");
        }

        return otherwise;
    }

    private void TakeAdvice(JsonObject? reply)
    {
        if (reply?["advice"] is not JsonObject advice)
        {
            return;
        }

        Advice = new BayeuxAdvice(
            advice["reconnect"]?.GetValue<string>() ?? Advice.Reconnect,
            Milliseconds(advice["interval"]) ?? Advice.Interval,
            Milliseconds(advice["timeout"]) ?? Advice.Timeout);
    }

    private static TimeSpan? Milliseconds(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<double>(out var ms) && ms >= 0 ? TimeSpan.FromMilliseconds(Math.Min(ms, 600_000)) : null;

    private static JsonObject? Meta(IReadOnlyList<JsonObject> messages, string channel) =>
        messages.FirstOrDefault(m => m["channel"]?.GetValue<string>() == channel);

    private static string Error(JsonObject? reply) => reply?["error"]?.GetValue<string>() ?? (reply is null ? "no reply" : "refused without an error");

    private async Task<IReadOnlyList<JsonObject>> SendAsync(JsonObject message, CancellationToken cancellationToken)
    {
        message["id"] = Interlocked.Increment(ref _messageId).ToString(CultureInfo.InvariantCulture);
        var body = new JsonArray(message).ToJsonString();
        var session = await auth.GetAsync(cancellationToken);
        for (var attempt = 0; ; attempt++)
        {
            var endpoint = Endpoint(session);
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session.AccessToken);
            if (_cookies.GetCookieHeader(endpoint) is { Length: > 0 } cookies)
            {
                request.Headers.Add("Cookie", cookies);
            }

            // The long poll may be held up to the advised timeout; the client's own timeout is that plus a margin.
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Advice.Timeout + TimeSpan.FromSeconds(30));
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, timeout.Token);
            }
            catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                throw new CrmUnavailableException($"Salesforce's Streaming API did not answer {message["channel"]} in time", e);
            }

            using (response)
            {
                if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
                {
                    foreach (var cookie in setCookies)
                    {
                        try
                        {
                            _cookies.SetCookies(endpoint, cookie);
                        }
                        catch (CookieException)
                        {
                            // a cookie the container cannot hold is not one the protocol needs
                        }
                    }
                }

                if (response.StatusCode == HttpStatusCode.Unauthorized)
                {
                    if (attempt == 0)
                    {
                        session = await auth.RenewAsync(session, cancellationToken);
                        if (message["channel"]?.GetValue<string>() != "/meta/handshake")
                        {
                            // A new session is a new client for Salesforce: handshake again.
                            ClientId = null;
                            throw new BayeuxRehandshakeException("Salesforce's Streaming API answered 401: signed in again");
                        }

                        continue;
                    }

                    throw new CrmAuthException("Salesforce's Streaming API answered 401 after signing in again: the session or the connected app was revoked");
                }

                if (!response.IsSuccessStatusCode)
                {
                    throw new CrmUnavailableException($"Salesforce's Streaming API answered {(int)response.StatusCode} to {message["channel"]}");
                }

                try
                {
                    var node = await JsonNode.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
                    return node switch
                    {
                        JsonArray array => [.. array.OfType<JsonObject>()],
                        JsonObject single => [single],
                        _ => throw new CrmUnavailableException($"Salesforce's Streaming API sent no Bayeux messages to {message["channel"]}"),
                    };
                }
                catch (JsonException e)
                {
                    throw new CrmUnavailableException($"Salesforce's Streaming API sent malformed JSON to {message["channel"]}", e);
                }
            }
        }
    }

    private Uri Endpoint(SalesforceSession session)
    {
        var settings = options.Value.Salesforce;
        return settings.StreamingUrl ?? new Uri(session.InstanceUrl, $"/cometd/{settings.ApiVersion}");
    }
}
