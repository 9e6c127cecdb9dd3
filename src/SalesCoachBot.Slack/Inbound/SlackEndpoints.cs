using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Slack.BlockKit;
using SalesCoachBot.Slack.Processing;
using SalesCoachBot.Slack.Verification;
using SalesCoachBot.Slack.WebApi;

namespace SalesCoachBot.Slack.Inbound;

/// <summary>
/// The three Slack endpoints after verification: parse, map to a core turn, ack. Slow work goes to the queue.
/// Bad input answers 4xx or a polite note, never 500.
/// </summary>
public sealed partial class SlackEndpoints(
    SlackWorkQueue queue,
    ISlackEventDeduplicator deduplicator,
    SlackTurnProcessor processor,
    SlackUserDirectory users,
    BlockKitRenderer renderer,
    IOptions<SlackOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<SlackEndpoints> logger)
{
    public const string Ephemeral = "ephemeral";
    public const string InChannel = "in_channel";

    private static readonly SlackJsonContext Json = SlackJsonContext.Wire;

    public IResult HandleEvent(HttpContext http)
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

        if (envelope.Type == "url_verification")
        {
            return envelope.Challenge is { Length: > 0 and <= 1024 } challenge
                ? Results.Json(new UrlVerificationAnswer(challenge), Json.UrlVerificationAnswer)
                : Malformed(http, "url_verification without a challenge");
        }

        if (!IsOurWorkspace(http, envelope.TeamId))
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        if (envelope.Type != "event_callback" || envelope.Event is not { } ev || string.IsNullOrEmpty(envelope.EventId))
        {
            SlackLog.EventIgnored(logger, envelope.Type);
            return Results.Ok();
        }

        var botUserId = envelope.Authorizations?.FirstOrDefault(a => a.IsBot == true)?.UserId;
        var text = ConversationalText(ev, botUserId);
        if (text is null || ev.User is null || ev.Channel is null)
        {
            SlackLog.EventIgnored(logger, ev.Type);
            return Results.Ok();
        }

        if (!deduplicator.TryBegin(envelope.EventId))
        {
            SlackLog.DuplicateEvent(logger, envelope.EventId, http.Request.Headers["X-Slack-Retry-Num"], http.Request.Headers["X-Slack-Retry-Reason"]);
            return Results.Ok();
        }

        var user = new ChatUser(ChatChannel.Slack, SlackUserId: ev.User);
        var turn = new ChatTurn(user, SlackTurns.Conversation(envelope.TeamId!, ev.Channel), new TextInput(text));
        if (!queue.TryEnqueue(new MessageWork(turn, ev.Channel, ev.ThreadTs)))
        {
            // Let Slack's retry bring it back when the queue has room.
            deduplicator.Forget(envelope.EventId);
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }

        return Results.Ok();
    }

    public async Task<IResult> HandleCommandAsync(HttpContext http)
    {
        if (!SlackForm.IsForm(http.Request))
        {
            return Results.StatusCode(StatusCodes.Status415UnsupportedMediaType);
        }

        var form = SlackForm.Parse(Body(http));
        string? Field(string name) => form.TryGetValue(name, out var v) && v.Count == 1 && !string.IsNullOrEmpty(v[0]) ? v[0] : null;
        if (Field("user_id") is not { } userId || Field("team_id") is not { } teamId || Field("channel_id") is not { } channelId)
        {
            return Malformed(http, "slash command without user, team or channel");
        }

        if (!IsOurWorkspace(http, teamId))
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        var (text, responseType) = ReadVisibility(Field("text") ?? string.Empty);
        var responseUrl = Uri.TryCreate(Field("response_url"), UriKind.Absolute, out var url) && url.Scheme is "https" or "http" ? url : null;

        var email = await users.FindEmailAsync(userId, http.RequestAborted).ConfigureAwait(false);
        var user = new ChatUser(ChatChannel.Slack, SlackUserId: userId, Email: email, DisplayName: Field("user_name"));
        var turn = new ChatTurn(user, SlackTurns.Conversation(teamId, channelId), new TextInput(text.Length == 0 ? "help" : text));

        // The answer keeps going after the ack when it is slow, so it runs on the app's lifetime, not the request's.
        var answering = processor.AskAsync(turn, lifetime.ApplicationStopping);
        try
        {
            var answer = await answering.WaitAsync(options.Value.AckBudget, time, http.RequestAborted).ConfigureAwait(false);
            return Results.Json(ResponseMessage.From(renderer.Render(answer), responseType), Json.ResponseMessage);
        }
        catch (TimeoutException) when (responseUrl is not null && queue.TryEnqueue(new DeferredCommandWork(answering, responseUrl, responseType)))
        {
            SlackLog.CommandDeferred(logger, options.Value.AckBudget);
            return Results.Json(new ResponseMessage("Working on it…", []) { ResponseType = Ephemeral }, Json.ResponseMessage);
        }
    }

    public IResult HandleInteraction(HttpContext http)
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

        if (payload is null)
        {
            return Malformed(http, "no interaction payload");
        }

        var teamId = payload.Team?.Id ?? payload.User?.TeamId;
        if (!IsOurWorkspace(http, teamId))
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        var action = payload.Actions is [var first, ..] ? first : null;
        if (payload.Type != "block_actions" || action?.ActionId is not { } actionId)
        {
            SlackLog.InteractionIgnored(logger, payload.Type, action?.ActionId, "not a block action");
            return Results.Ok();
        }

        // Ticking a box records nothing (confirmations happen on Confirm), so the tick itself is only acknowledged.
        if (actionId.StartsWith(BlockKitRenderer.TickActionPrefix, StringComparison.Ordinal))
        {
            return Results.Ok();
        }

        var responseUrl = Uri.TryCreate(payload.ResponseUrl, UriKind.Absolute, out var url) && url.Scheme is "https" or "http" ? url : null;
        if (actionId != BlockKitRenderer.ConfirmActionId && !actionId.StartsWith(BlockKitRenderer.ButtonActionPrefix, StringComparison.Ordinal))
        {
            SlackLog.InteractionIgnored(logger, payload.Type, actionId, "unknown action id");
            return Results.Ok();
        }

        var channelId = payload.Channel?.Id ?? payload.Container?.ChannelId;
        if (ActionPayload.TryParse(action.Value) is not { } typed || payload.User?.Id is not { } userId || teamId is null || channelId is null)
        {
            SlackLog.InteractionIgnored(logger, payload.Type, actionId, "button value is not one of ours");
            if (responseUrl is not null)
            {
                queue.TryEnqueue(new NoticeWork(responseUrl, "Sorry, I can't use that button. Ask me again (for example `/coach next acme`) for a fresh card."));
            }

            return Results.Ok();
        }

        var selected = typed is ConfirmItemsPayload ? SelectedItems(payload) : [];
        var user = new ChatUser(ChatChannel.Slack, SlackUserId: userId, DisplayName: payload.User.Name ?? payload.User.Username);
        var turn = SlackTurns.Action(user, SlackTurns.Conversation(teamId, channelId), typed, selected);
        var work = new InteractionWork(turn, channelId, payload.Container?.MessageTs ?? payload.Message?.Ts, payload.Container?.IsEphemeral == true, responseUrl);
        return queue.TryEnqueue(work) ? Results.Ok() : Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>The ticked item ids: the current selection of every checklist group on the card.</summary>
    internal static IReadOnlyList<ChecklistItemId> SelectedItems(InteractionPayload payload)
    {
        if (payload.State?.Values is not { } values)
        {
            return [];
        }

        return values
            .Where(block => block.Key.StartsWith(BlockKitRenderer.ChecklistBlockPrefix, StringComparison.Ordinal))
            .SelectMany(block => block.Value.Values)
            .Where(element => element.Type == "checkboxes" && element.SelectedOptions is not null)
            .SelectMany(element => element.SelectedOptions!)
            .Select(option => option.Value)
            .Where(value => !string.IsNullOrWhiteSpace(value) && value.Length <= BlockKitLimits.OptionText)
            .Distinct(StringComparer.Ordinal)
            .Select(value => new ChecklistItemId(value!))
            .ToList();
    }

    /// <summary>
    /// Answers are private (ephemeral) unless the text ends with <c>public</c> or <c>share</c>
    /// (<c>/coach next acme public</c>): then the whole channel sees them.
    /// </summary>
    internal static (string Text, string ResponseType) ReadVisibility(string text)
    {
        var trimmed = text.Trim();
        var match = ShareSuffix().Match(trimmed);
        return match.Success ? (trimmed[..match.Index].TrimEnd(), InChannel) : (trimmed, Ephemeral);
    }

    /// <summary>The words addressed to the bot: mentions stripped; null for anything the bot should not answer.</summary>
    internal static string? ConversationalText(SlackEvent ev, string? botUserId)
    {
        // The bot's own posts, other bots and edits/joins (subtypes) are never answered.
        if (ev.BotId is not null || ev.Subtype is not null || ev.Text is null || (botUserId is not null && ev.User == botUserId))
        {
            return null;
        }

        var isMention = ev.Type == "app_mention";
        var isDirect = ev.Type == "message" && ev.ChannelType == "im";
        if (!isMention && !isDirect)
        {
            return null;
        }

        var text = Mention().Replace(ev.Text, " ").Trim();
        return text.Length == 0 ? "help" : System.Net.WebUtility.HtmlDecode(text);
    }

    private bool IsOurWorkspace(HttpContext http, string? teamId)
    {
        var configured = options.Value.TeamId;
        if (string.IsNullOrEmpty(configured) || string.Equals(configured, teamId, StringComparison.Ordinal))
        {
            return true;
        }

        SlackLog.ForeignWorkspace(logger, http.Request.Path, teamId);
        return false;
    }

    private IResult Malformed(HttpContext http, string reason)
    {
        SlackLog.Malformed(logger, http.Request.Path, reason);
        return Results.BadRequest();
    }

    private static byte[] Body(HttpContext http) =>
        http.Features.Get<SlackRequestBody>()?.Bytes ?? throw new InvalidOperationException("Slack handlers run only behind SlackVerificationFilter.");

    [GeneratedRegex(@"<@[UW][A-Z0-9]+(\|[^>]*)?>", RegexOptions.CultureInvariant)]
    private static partial Regex Mention();

    [GeneratedRegex(@"(^|\s)(public|share|--public)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ShareSuffix();
}
