using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
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

    /// <summary>An ack with a message: serialized up front (a buffer of this call's own) so it goes out with its Content-Length.</summary>
    private sealed class AckMessageResult(ResponseMessage message) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var json = new ArrayBufferWriter<byte>(AckBufferBytes);
            SlackWireJson.Write(json, message, Json.ResponseMessage);
            var response = httpContext.Response;
            response.ContentType = "application/json; charset=utf-8";
            response.ContentLength = json.WrittenCount;
            return response.Body.WriteAsync(json.WrittenMemory, httpContext.RequestAborted).AsTask();
        }

        /// <summary>A checklist ack is 2–4 KB: one buffer of this size holds most without growing.</summary>
        private const int AckBufferBytes = 4096;
    }

    private static ReadOnlyMemory<byte> Body(HttpContext http) =>
        http.Features.Get<SlackRequestBody>()?.Bytes ?? throw new InvalidOperationException("Slack handlers run only behind SlackVerificationFilter.");
}
