using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Domain;

namespace SalesCoachBot.Core.Conversations;

/// <summary>Who is speaking, as the chat platform identifies them. Ids are opaque strings.</summary>
public sealed record ChatUser(
    ChatChannel Channel,
    string? TeamsAadObjectId = null,
    string? SlackUserId = null,
    string? Email = null,
    string? DisplayName = null);

/// <summary>What the person did: typed text, or pressed a card button.</summary>
public abstract record TurnInput;

public sealed record TextInput(string Text) : TurnInput;

/// <summary>A card button press, with the checklist items ticked on the card at that moment.</summary>
public sealed record ActionInput(ActionPayload Payload, IReadOnlyList<ChecklistItemId> SelectedItems) : TurnInput;

/// <summary>One chat turn, channel-neutral.</summary>
public sealed record ChatTurn(ChatUser User, ConversationKey Conversation, TurnInput Input)
{
    public ChatChannel Channel => User.Channel;
}

/// <summary>The bot's answer: text that stands on its own, plus an optional card.</summary>
public sealed record BotAnswer(string Text, Card? Card = null)
{
    /// <summary>True when the answer changes the card the action came from (update in place).</summary>
    public bool ReplacesCard { get; init; }
}

/// <summary>The channel-neutral entry point every adapter (CLI, Teams, Slack) calls.</summary>
public interface ICoachBot
{
    Task<BotAnswer> HandleAsync(ChatTurn turn, CancellationToken cancellationToken);
}
