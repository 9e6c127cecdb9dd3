using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using System.Security.Cryptography;
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
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SalesCoachBot.Host.Tests.Fuzzing;

/// <summary>
/// Stands in for login.botframework.com: one local RSA key, published as OpenID metadata and JWKS (endorsed for
/// msteams), and Bot Framework tokens signed with it for any serviceUrl (cached: signing costs a millisecond).
/// </summary>
internal sealed class FuzzSigning : IDisposable
{
    public const string MetadataUrl = "https://login.fuzz.test/v1/.well-known/openidconfiguration";
    public const string JwksUrl = "https://login.fuzz.test/v1/.well-known/keys";
    public const string Issuer = "https://api.botframework.com";
    public const string AppId = "f0f0f0f0-1313-4013-8013-131313131313";
    public const string SlackSecret = "fuzz-signing-secret-0123456789abcdef";

    private readonly RsaSecurityKey key = new(RSA.Create(2048)) { KeyId = "fuzz-key" };
    private readonly ConcurrentDictionary<string, string> tokens = new(StringComparer.Ordinal);

    public string MetadataJson() => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["issuer"] = Issuer,
        ["jwks_uri"] = JwksUrl,
        ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
    });

    public string JwksJson()
    {
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(key);
        return JsonSerializer.Serialize(new
        {
            keys = new[] { new Dictionary<string, object?> { ["kty"] = "RSA", ["use"] = "sig", ["kid"] = jwk.Kid, ["n"] = jwk.N, ["e"] = jwk.E, ["endorsements"] = new[] { "msteams" } } },
        });
    }

    /// <summary>A valid token whose <c>serviceurl</c> claim is <paramref name="serviceUrl"/>.</summary>
    public string Token(string serviceUrl)
    {
        if (tokens.TryGetValue(serviceUrl, out var cached))
        {
            return cached;
        }

        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var token = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = AppId,
            NotBefore = now.AddMinutes(-1),
            IssuedAt = now.AddMinutes(-1),
            Expires = now.AddHours(1),
            Claims = new Dictionary<string, object> { ["serviceurl"] = serviceUrl },
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
        if (tokens.Count < 2_000)
        {
            tokens[serviceUrl] = token;
        }

        return token;
    }

    /// <summary>Slack's v0 signature over the exact bytes sent.</summary>
    public static string SlackSignature(long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.ASCII.GetBytes($"v0:{timestamp}:");
        var data = new byte[prefix.Length + body.Length];
        prefix.CopyTo(data, 0);
        body.CopyTo(data.AsSpan(prefix.Length));
        return "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(SlackSecret), data));
    }

    public void Dispose() => key.Rsa?.Dispose();
}

/// <summary>
/// Every outbound call of the host under test ends here, in memory, whatever URL a fuzzed request named
/// (<c>serviceUrl</c>, <c>response_url</c>): OpenID metadata and keys, the Bot Connector (201 with an id), and
/// Slack's Web API (ok answers; <c>apps.connections.open</c> points at the loopback <see cref="FuzzSocketServer"/>).
/// Nothing leaves the process except the Socket Mode WebSocket to 127.0.0.1.
/// </summary>
internal sealed class FuzzNetwork(FuzzSigning signing) : HttpMessageHandler
{
    private int calls;

    public Uri? SocketUrl { get; set; }

    public int Calls => Volatile.Read(ref calls);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref calls);
        if (request.Content is not null)
        {
            _ = await request.Content.ReadAsByteArrayAsync(cancellationToken);
        }

        var url = request.RequestUri!;
        var path = url.AbsolutePath;
        return url.AbsoluteUri switch
        {
            FuzzSigning.MetadataUrl => Json(signing.MetadataJson()),
            FuzzSigning.JwksUrl => Json(signing.JwksJson()),
            _ when path.EndsWith("/apps.connections.open", StringComparison.Ordinal) && SocketUrl is { } socket =>
                Json(JsonSerializer.Serialize(new { ok = true, url = socket.ToString() })),
            _ when path.EndsWith("/users.info", StringComparison.Ordinal) =>
                Json("""{"ok":true,"user":{"id":"U0DEMO","profile":{"email":"dana@example.com"},"is_email_confirmed":true}}"""),
            _ when path.EndsWith("/conversations.open", StringComparison.Ordinal) => Json("""{"ok":true,"channel":{"id":"D0FUZZ"}}"""),
            _ when path.EndsWith("/auth.test", StringComparison.Ordinal) => Json("""{"ok":true,"team_id":"T0FUZZ","user_id":"U0BOT","bot_id":"B0BOT"}"""),
            _ when path.Contains("/v3/conversations/", StringComparison.Ordinal) =>
                new HttpResponseMessage(HttpStatusCode.Created) { Content = new StringContent("""{"id":"fuzz-activity"}""", Encoding.UTF8, "application/json") },
            _ => Json("""{"ok":true,"channel":"C0FUZZ","ts":"1715000000.000100"}"""),
        };
    }

    private static HttpResponseMessage Json(string json) => new(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
}

/// <summary>
/// Slack's Socket Mode side on 127.0.0.1 (Kestrel): every WebSocket gets a <c>hello</c>; the fuzzer sends envelopes
/// on the newest socket and reads the acks the bot sends back.
/// </summary>
internal sealed class FuzzSocketServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly Channel<(int Socket, string Text)> acks = Channel.CreateUnbounded<(int, string)>();
    private readonly SemaphoreSlim sendGate = new(1, 1);
    private readonly TaskCompletionSource<bool> first = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WebSocket? current;
    private int connections;

    private FuzzSocketServer(WebApplication app) => this.app = app;

    public Uri Url { get; private set; } = null!;

    public int Connections => Volatile.Read(ref connections);

    public static async Task<FuzzSocketServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FuzzSocketServer(app);
        app.UseWebSockets();
        app.Run(server.AcceptAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Url = new Uri(address.Replace("http://", "ws://", StringComparison.Ordinal).TrimEnd('/') + "/link/?ticket=fuzz");
        return server;
    }

    /// <summary>Waits until the bot has a socket open (and was greeted) after connection number <paramref name="after"/>.</summary>
    public async Task<bool> WaitForConnectionAsync(int after, TimeSpan timeout)
    {
        var until = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        await first.Task.WaitAsync(timeout);
        while (Environment.TickCount64 < until)
        {
            if (Connections > after && current is { State: WebSocketState.Open })
            {
                return true;
            }

            await Task.Delay(5);
        }

        return false;
    }

    /// <summary>Sends one frame on the newest socket: text (maybe not valid UTF-8, which ends the socket) or binary.</summary>
    public async Task<bool> SendAsync(ReadOnlyMemory<byte> frame, bool binary = false)
    {
        await sendGate.WaitAsync();
        try
        {
            if (current is not { State: WebSocketState.Open } socket)
            {
                return false;
            }

            await socket.SendAsync(frame, binary ? WebSocketMessageType.Binary : WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
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

    /// <summary>The ack for <paramref name="envelopeId"/>, or null when none came within the timeout. Other acks are skipped.</summary>
    public async Task<string?> WaitForAckAsync(string envelopeId, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            while (true)
            {
                var (_, text) = await acks.Reader.ReadAsync(cts.Token);
                if (AckId(text) == envelopeId)
                {
                    return text;
                }
            }
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Drops acks already received (of envelopes nobody waits for).</summary>
    public void DrainAcks()
    {
        while (acks.Reader.TryRead(out _))
        {
        }
    }

    private static string? AckId(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            return doc.RootElement.TryGetProperty("envelope_id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task AcceptAsync(HttpContext http)
    {
        if (!http.WebSockets.IsWebSocketRequest)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        var number = Interlocked.Increment(ref connections);
        await sendGate.WaitAsync();
        try
        {
            await socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(new { type = "hello", num_connections = 1, connection_info = new { app_id = "A0FUZZ" }, debug_info = new { host = $"fuzz-{number}" } }),
                WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
            current = socket;
        }
        finally
        {
            sendGate.Release();
        }

        first.TrySetResult(true);
        var buffer = new byte[64 * 1024];
        var message = new MemoryStream();
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, http.RequestAborted);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                    break;
                }

                message.Write(buffer, 0, result.Count);
                if (result.EndOfMessage)
                {
                    acks.Writer.TryWrite((number, Encoding.UTF8.GetString(message.ToArray())));
                    message.SetLength(0);
                }
            }
        }
        catch (WebSocketException)
        {
            // The bot dropped the socket (it reconnects on its own).
        }
        catch (OperationCanceledException)
        {
            // Server stopping.
        }
    }

    public async ValueTask DisposeAsync()
    {
        current?.Abort();
        await app.StopAsync();
        await app.DisposeAsync();
        sendGate.Dispose();
    }
}
