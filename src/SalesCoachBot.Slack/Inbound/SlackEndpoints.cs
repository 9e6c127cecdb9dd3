using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IO;
using SalesCoachBot.Slack.Verification;
using SalesCoachBot.Slack.WebApi;

namespace SalesCoachBot.Slack.Inbound;

/// <summary>
/// The three HTTP endpoints after signature verification: read the body into Slack's shapes, hand it to
/// <see cref="SlackInboundHandler"/> (shared with Socket Mode), and answer in HTTP terms. Never 500 on bad input.
/// </summary>
internal sealed class SlackEndpoints(SlackInboundHandler handler, ILogger<SlackEndpoints> logger)
{
    public const string Ephemeral = SlackInboundHandler.Ephemeral;
    public const string InChannel = SlackInboundHandler.InChannel;

    private static readonly SlackJsonContext Json = SlackJsonContext.Wire;

    public async Task<IResult> HandleEventAsync(HttpContext http)
    {
        if (!SlackForm.IsJson(http.Request))
        {
            return Results.StatusCode(StatusCodes.Status415UnsupportedMediaType);
        }

        SlackEventEnvelope? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize(Body(http).Span, Json.SlackEventEnvelope);
        }
        catch (JsonException)
        {
            envelope = null;
        }

        if (envelope is null)
        {
            return Malformed(http, "not an event envelope");
        }

        var ack = await handler.HandleEventAsync(
            envelope, http.Request.Path, http.Request.Headers["X-Slack-Retry-Num"], http.Request.Headers["X-Slack-Retry-Reason"], http.RequestAborted).ConfigureAwait(false);
        return ack.Challenge is { } challenge
            ? Results.Json(new UrlVerificationAnswer(challenge), Json.UrlVerificationAnswer)
            : ToResult(ack);
    }

    public async Task<IResult> HandleCommandAsync(HttpContext http)
    {
        if (!SlackForm.IsForm(http.Request))
        {
            return Results.StatusCode(StatusCodes.Status415UnsupportedMediaType);
        }

        var f = SlackForm.Read(Body(http).Span, "command", "text", "user_id", "user_name", "team_id", "channel_id", "response_url", "trigger_id", "enterprise_id");
        var command = new SlashCommand(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8]);
        return ToResult(await handler.HandleCommandAsync(command, http.Request.Path, http.RequestAborted).ConfigureAwait(false));
    }

    public async Task<IResult> HandleInteractionAsync(HttpContext http)
    {
        if (!SlackForm.IsForm(http.Request))
        {
            return Results.StatusCode(StatusCodes.Status415UnsupportedMediaType);
        }

        InteractionPayload? payload = null;
        if (SlackForm.Read(Body(http).Span, "payload")[0] is { } json)
        {
            try
            {
                payload = JsonSerializer.Deserialize(json, Json.InteractionPayload);
            }
            catch (JsonException)
            {
                payload = null;
            }
        }

        return payload is null
            ? Malformed(http, "no interaction payload")
            : ToResult(await handler.HandleInteractionAsync(payload, http.Request.Path, http.RequestAborted).ConfigureAwait(false));
    }

    private static IResult ToResult(SlackAck ack) => ack.Status switch
    {
        SlackAckStatus.Accepted when ack.Message is { } message => new AckMessageResult(message),
        SlackAckStatus.Accepted when ack.ViewErrors is { } errors => Results.Text(SlackWireJson.Serialize(errors, Json.ViewErrorsAck), "application/json; charset=utf-8"),
        SlackAckStatus.Accepted => Results.Ok(),
        SlackAckStatus.Forbidden => Results.StatusCode(StatusCodes.Status403Forbidden),
        SlackAckStatus.Busy => Results.StatusCode(StatusCodes.Status503ServiceUnavailable),
        _ => Results.BadRequest(),
    };

    private IResult Malformed(HttpContext http, string reason)
    {
        SlackLog.Malformed(logger, http.Request.Path, reason);
        return Results.BadRequest();
    }

    /// <summary>
    /// An ack with a message: serialized up front so it goes out with its Content-Length, into pooled memory (a
    /// checklist ack is 2–4 KB, and a new buffer for each was 2 % of a <c>/coach</c> request's CPU).
    /// </summary>
    private sealed class AckMessageResult(ResponseMessage message) : IResult
    {
        // 16 KB blocks hold any ack; at most 1 MB of free blocks is kept between bursts.
        private static readonly RecyclableMemoryStreamManager Buffers = new(new RecyclableMemoryStreamManager.Options
        {
            BlockSize = 16 * 1024,
            MaximumSmallPoolFreeBytes = 1024 * 1024,
        });

        public async Task ExecuteAsync(HttpContext httpContext)
        {
            // A stream's id is only for the library's diagnostic events. Left to itself it takes a new Guid per stream,
            // read from /dev/urandom on Linux: a system call that was 3 % of a /coach request's CPU.
            await using var json = Buffers.GetStream(Guid.Empty);
            SlackWireJson.Write(json, message, Json.ResponseMessage);
            var response = httpContext.Response;
            response.ContentType = "application/json; charset=utf-8";
            response.ContentLength = json.Length;
            foreach (var segment in json.GetReadOnlySequence())
            {
                await response.BodyWriter.WriteAsync(segment, httpContext.RequestAborted).ConfigureAwait(false);
            }
        }
    }

    private static ReadOnlyMemory<byte> Body(HttpContext http) =>
        http.Features.Get<SlackRequestBody>()?.Bytes ?? throw new InvalidOperationException("Slack handlers run only behind SlackVerificationFilter.");
}
