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
public sealed class SlackEndpoints(SlackInboundHandler handler, ILogger<SlackEndpoints> logger)
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
            envelope = JsonSerializer.Deserialize(Body(http), Json.SlackEventEnvelope);
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

        var form = SlackForm.Parse(Body(http));
        string? Field(string name) => form.TryGetValue(name, out var v) && v.Count == 1 && !string.IsNullOrEmpty(v[0]) ? v[0] : null;
        var command = new SlashCommand(
            Field("command"), Field("text"), Field("user_id"), Field("user_name"), Field("team_id"), Field("channel_id"),
            Field("response_url"), Field("trigger_id"), Field("enterprise_id"));
        return ToResult(await handler.HandleCommandAsync(command, http.Request.Path, http.RequestAborted).ConfigureAwait(false));
    }

    public async Task<IResult> HandleInteractionAsync(HttpContext http)
    {
        if (!SlackForm.IsForm(http.Request))
        {
            return Results.StatusCode(StatusCodes.Status415UnsupportedMediaType);
        }

        var form = SlackForm.Parse(Body(http));
        InteractionPayload? payload = null;
        if (form.TryGetValue("payload", out var raw) && raw.Count == 1 && !string.IsNullOrEmpty(raw[0]))
        {
            try
            {
                payload = JsonSerializer.Deserialize(raw[0]!, Json.InteractionPayload);
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
        SlackAckStatus.Accepted when ack.Message is { } message => Results.Json(message, Json.ResponseMessage),
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

    private static byte[] Body(HttpContext http) =>
        http.Features.Get<SlackRequestBody>()?.Bytes ?? throw new InvalidOperationException("Slack handlers run only behind SlackVerificationFilter.");
}
