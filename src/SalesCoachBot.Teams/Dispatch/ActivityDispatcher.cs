using System.Text.Json;
using Microsoft.Extensions.Logging;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Teams.Activities;
using SalesCoachBot.Teams.Cards;
using SalesCoachBot.Teams.Connector;
using SalesCoachBot.Teams.Conversations;

namespace SalesCoachBot.Teams.Dispatch;

/// <summary>What the HTTP edge answers: a status, and for invokes the invoke response body.</summary>
internal sealed record DispatchResult(int StatusCode, AdaptiveCardInvokeResponse? InvokeResponse = null)
{
    public static readonly DispatchResult Ok = new(200);
    public static readonly DispatchResult BadRequest = new(400);
}

/// <summary>
/// Routes an authenticated activity by type, maps it to a Core <see cref="ChatTurn"/>, asks
/// <see cref="ICoachBot"/>, and renders the answer back the Teams way. No coaching logic here.
/// </summary>
internal sealed class ActivityDispatcher(
    ICoachBot bot,
    ITeamsConnector connector,
    IConversationReferenceStore references,
    AdaptiveCardRenderer renderer,
    TimeProvider timeProvider,
    ILogger<ActivityDispatcher> logger)
{
    internal const string WelcomeText =
        "Hi, I'm your sales coach. Ask me \"what's next for DEAL\" to see a deal's stage and exit checklist, " +
        "\"my deals\" for your open deals, \"next step for DEAL: …\", \"note for DEAL: …\" or \"called DEAL\" to keep a deal current, " +
        "\"history of DEAL\" for what happened, \"new deal NAME\" to add one, or \"help\" for everything you can do.";

    internal const string ChannelWelcomeText =
        "Hi, I'm your sales coach. @mention me with \"what's next for DEAL\" to see a deal's stage and exit checklist, " +
        "\"next step for DEAL: …\" or \"note for DEAL: …\" to keep it current, or \"help\" for everything you can do.";

    public async Task<DispatchResult> DispatchAsync(Activity activity, bool authenticated, CancellationToken cancellationToken)
    {
        switch (activity.Type)
        {
            case ActivityTypes.Message:
                return await OnMessageAsync(activity, authenticated, cancellationToken);
            case ActivityTypes.Invoke when activity.Name == ActivityTypes.AdaptiveCardAction:
                return await OnCardActionAsync(activity, authenticated, cancellationToken);
            case ActivityTypes.Invoke:
                TeamsLog.BadActivity(logger, "unsupported invoke name");
                return DispatchResult.BadRequest;
            case ActivityTypes.ConversationUpdate:
                return await OnConversationUpdateAsync(activity, authenticated, cancellationToken);
            case ActivityTypes.InstallationUpdate:
                return await OnInstallationUpdateAsync(activity, authenticated, cancellationToken);
            default:
                // typing, messageReaction, endOfConversation...: acknowledged, nothing to do.
                TeamsLog.IgnoredActivity(logger, activity.Type ?? string.Empty);
                return DispatchResult.Ok;
        }
    }

    private async Task<DispatchResult> OnMessageAsync(Activity activity, bool authenticated, CancellationToken cancellationToken)
    {
        if (activity.Value is { ValueKind: JsonValueKind.Object } value)
        {
            // Action.Submit: a message whose value is the card's data merged with its inputs.
            // Card data that is not ours is refused before anything (even the conversation reference) is stored.
            if (TurnReader.Action(value) is not { } input)
            {
                TeamsLog.BadActivity(logger, "card data not recognised");
                return DispatchResult.BadRequest;
            }

            await RememberAsync(activity, authenticated, cancellationToken);
            var answer = await AskAsync(activity, input, cancellationToken);
            if (answer.ReplacesCard && answer.Card is { } card && activity.ReplyToId is { Length: > 0 } cardMessageId)
            {
                var updated = await connector.UpdateAsync(activity.ServiceUrl!, activity.Conversation!.Id!, cardMessageId, Answer(activity, answer), authenticated, cancellationToken);
                if (updated.Succeeded)
                {
                    return DispatchResult.Ok;
                }
            }

            await SendAnswerAsync(activity, authenticated, answer, cancellationToken);
            return DispatchResult.Ok;
        }

        await RememberAsync(activity, authenticated, cancellationToken);
        var text = TurnReader.Text(activity);
        if (text.Length == 0)
        {
            return DispatchResult.Ok;
        }

        await SendAnswerAsync(activity, authenticated, await AskAsync(activity, new TextInput(text), cancellationToken), cancellationToken);
        return DispatchResult.Ok;
    }

    /// <summary>Action.Execute: the answer goes back in the HTTP response and replaces the card.</summary>
    private async Task<DispatchResult> OnCardActionAsync(Activity activity, bool authenticated, CancellationToken cancellationToken)
    {
        if (activity.Value is not { ValueKind: JsonValueKind.Object } value
            || !value.TryGetProperty("action", out var action)
            || action.ValueKind != JsonValueKind.Object
            || !action.TryGetProperty("data", out var data)
            || TurnReader.Action(data) is not { } input
            || !TurnReader.VerbMatches(action.TryGetProperty("verb", out var verb) && verb.ValueKind == JsonValueKind.String ? verb.GetString() : null, input.Payload))
        {
            TeamsLog.BadActivity(logger, "card action not recognised");
            return new DispatchResult(200, AdaptiveCardInvokeResponse.ForError(400, "BadRequest", "This card action was not recognised."));
        }

        await RememberAsync(activity, authenticated, cancellationToken);
        var answer = await AskAsync(activity, input, cancellationToken);
        return new DispatchResult(200, answer.Card is { } card
            ? AdaptiveCardInvokeResponse.ForCard(renderer.Render(card))
            : AdaptiveCardInvokeResponse.ForMessage(answer.Text));
    }

    private async Task<DispatchResult> OnConversationUpdateAsync(Activity activity, bool authenticated, CancellationToken cancellationToken)
    {
        var botId = activity.Recipient?.Id;
        if (botId is not null && activity.MembersRemoved?.Any(m => m?.Id == botId) == true)
        {
            await references.RemoveAsync(TurnReader.Conversation(activity), cancellationToken);
            return DispatchResult.Ok;
        }

        await RememberAsync(activity, authenticated, cancellationToken, verify: true);
        if (botId is not null && activity.MembersAdded?.Any(m => m?.Id == botId) == true)
        {
            var welcome = activity.Conversation?.ConversationType is "channel" or "groupChat" ? ChannelWelcomeText : WelcomeText;
            await connector.SendAsync(activity.ServiceUrl!, activity.Conversation!.Id!, Reply(activity, welcome, null) with { ReplyToId = null }, null, authenticated, cancellationToken);
        }

        return DispatchResult.Ok;
    }

    private async Task<DispatchResult> OnInstallationUpdateAsync(Activity activity, bool authenticated, CancellationToken cancellationToken)
    {
        if (activity.Action is { } action && action.StartsWith("remove", StringComparison.Ordinal))
        {
            await references.RemoveAsync(TurnReader.Conversation(activity), cancellationToken);
        }
        else
        {
            await RememberAsync(activity, authenticated, cancellationToken, verify: true);
        }

        return DispatchResult.Ok;
    }

    private Task<BotAnswer> AskAsync(Activity activity, TurnInput input, CancellationToken cancellationToken) =>
        bot.HandleAsync(new ChatTurn(TurnReader.User(activity), TurnReader.Conversation(activity), input), cancellationToken);

    /// <summary>
    /// One activity per answer. A card that can change later (it has buttons) carries the answer
    /// text as the activity's <c>summary</c> (what a client shows where it cannot render the card,
    /// and in notifications) rather than as visible text: an Action.Execute answer replaces only
    /// the card, and visible text above it would then describe the old state. A card without
    /// buttons goes with the text shown above it.
    /// </summary>
    private Task SendAnswerAsync(Activity activity, bool authenticated, BotAnswer answer, CancellationToken cancellationToken) =>
        connector.SendAsync(activity.ServiceUrl!, activity.Conversation!.Id!, Answer(activity, answer), activity.Id, authenticated, cancellationToken);

    private Activity Answer(Activity inbound, BotAnswer answer) => answer.Card is { } card && IsInteractive(card)
        ? Reply(inbound, null, card) with { Summary = answer.NotificationText is { Length: > 0 } summary ? summary : null }
        : Reply(inbound, answer.Text, answer.Card);

    private static bool IsInteractive(Card card) =>
        card.Checklist is not null || card.Choices.Count > 0 || card.Actions.Count > 0 || card.Sections.Any(s => s.Lines.Any(l => l.Action is not null));

    private Activity Reply(Activity inbound, string? text, Card? card) => new()
    {
        Type = ActivityTypes.Message,
        From = inbound.Recipient,
        Recipient = inbound.From,
        Conversation = inbound.Conversation,
        ReplyToId = inbound.Id,
        Text = string.IsNullOrEmpty(text) ? null : text,
        TextFormat = string.IsNullOrEmpty(text) ? null : "plain",
        Attachments = card is null ? null : [renderer.ToAttachment(card)],
    };

    /// <summary>
    /// Stores the conversation reference (for nudges) when it is new or its route changed. Messages
    /// and card actions may be answered from the store's record of what it last stored; installs and
    /// welcomes (<paramref name="verify"/>) always check the store itself.
    /// </summary>
    private Task RememberAsync(Activity activity, bool authenticated, CancellationToken cancellationToken, bool verify = false) =>
        references.RememberAsync(TeamsConversationReference.From(activity, authenticated, timeProvider.GetUtcNow()), verify, cancellationToken);
}
