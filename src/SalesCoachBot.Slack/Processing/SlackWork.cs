using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;

namespace SalesCoachBot.Slack.Processing;

/// <summary>Work accepted by an endpoint and done after Slack got its ack.</summary>
public abstract record SlackWork;

/// <summary>An app mention or a direct message: answer it with chat.postMessage.</summary>
public sealed record MessageWork(ChatTurn Turn, string Channel, string? ThreadTs) : SlackWork;

/// <summary>A slash command whose answer was not ready within the ack budget: finish it and use the response_url.</summary>
public sealed record DeferredCommandWork(Task<BotAnswer> Answer, Uri ResponseUrl, string ResponseType) : SlackWork;

/// <summary>A card button: call the core, then update the card in place or answer beside it.</summary>
public sealed record InteractionWork(
    ChatTurn Turn,
    string Channel,
    string? MessageTs,
    bool IsEphemeral,
    Uri? ResponseUrl) : SlackWork;

/// <summary>A short ephemeral note on the response_url (a button we cannot use, a refusal).</summary>
public sealed record NoticeWork(Uri ResponseUrl, string Text) : SlackWork;

/// <summary>Helpers for building turns from Slack ids.</summary>
public static class SlackTurns
{
    public static ConversationKey Conversation(string teamId, string channelId) =>
        ConversationKey.For(ChatChannel.Slack, $"{teamId}:{channelId}");

    public static ChatTurn Action(ChatUser user, ConversationKey conversation, ActionPayload payload, IReadOnlyList<ChecklistItemId> selected) =>
        new(user, conversation, new ActionInput(payload, selected));
}
