using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Domain;

namespace SalesCoachBot.Core.Conversations;

/// <summary>
/// Who is speaking, as the chat platform identifies them. Ids are opaque strings. A Slack user id is unique within
/// its workspace only, so it comes with the workspace (<see cref="SlackTeamId"/>, and for Enterprise Grid
/// <see cref="SlackEnterpriseId"/>). <see cref="Email"/> is set only when the platform vouches for it.
/// </summary>
public sealed record ChatUser(
    ChatChannel Channel,
    string? TeamsAadObjectId = null,
    string? SlackUserId = null,
    string? Email = null,
    string? DisplayName = null,
    string? SlackTeamId = null,
    string? SlackEnterpriseId = null,
    string? Locale = null)
{
    /// <summary>
    /// Whether a person's recorded Slack workspace (<see cref="Person.SlackTeamId"/>: a team or an Enterprise Grid
    /// organisation id) is this user's. Nothing recorded counts as a match: such records predate the column.
    /// </summary>
    public bool IsInSlackWorkspace(string? workspaceId) =>
        workspaceId is null || string.Equals(workspaceId, SlackTeamId, StringComparison.Ordinal) || string.Equals(workspaceId, SlackEnterpriseId, StringComparison.Ordinal);
}

/// <summary>What the person did: typed text, or pressed a card button.</summary>
public abstract record TurnInput;

public sealed record TextInput(string Text) : TurnInput;

/// <summary>A card button press, with the checklist items ticked on the card at that moment.</summary>
public sealed record ActionInput(ActionPayload Payload, IReadOnlyList<ChecklistItemId> SelectedItems) : TurnInput;

/// <summary>One chat turn, channel-neutral.</summary>
public sealed record ChatTurn(ChatUser User, ConversationKey Conversation, TurnInput Input)
{
    public ChatChannel Channel => User.Channel;

    /// <summary>The words the person chose: typed text, or the command a button ran (an ask-back's Yes); null for other presses.</summary>
    public string? Words => Input switch
    {
        TextInput text => text.Text,
        ActionInput { Payload: RunCommandPayload run } => run.Text,
        _ => null,
    };
}

/// <summary>The bot's answer: text that stands on its own, plus an optional card.</summary>
public sealed record BotAnswer
{
    private readonly Func<string>? _compose;
    private string? _text;

    public BotAnswer(string text, Card? card = null)
    {
        _text = text;
        Card = card;
    }

    /// <summary>
    /// A card answer whose plain-text twin is long and read only where no card is shown (the CLI, a test): it is
    /// composed on first read. Chat platforms show the card with <paramref name="summary"/> as its notification line.
    /// </summary>
    public BotAnswer(Func<string> composeText, string summary, Card card)
    {
        _compose = composeText;
        Summary = summary;
        Card = card;
    }

    /// <summary>The answer as plain text, standing on its own.</summary>
    public string Text
    {
        // Composing is a pure function of the answer's own values: two threads racing here write the same text.
        get => _text ??= _compose!();
        init
        {
            _text = value;
            _compose = null;
        }
    }

    public Card? Card { get; init; }

    /// <summary>
    /// One line that stands for a card answer where the card itself is not shown (a notification, a screen reader's
    /// first words); null when <see cref="Text"/> is short enough to do that.
    /// </summary>
    public string? Summary { get; init; }

    /// <summary>What goes beside a card as the message's own text: the summary, else the text.</summary>
    public string NotificationText => Summary ?? Text;

    /// <summary>True when the answer changes the card the action came from (update in place).</summary>
    public bool ReplacesCard { get; init; }

    /// <summary>True when the answer belongs under the card the action came from (Slack: a reply in its thread).</summary>
    public bool InThread { get; init; }

    /// <summary>
    /// When a form's input was refused (a past date): the message per input id, so a form that can show errors next to
    /// its fields (a Slack modal) keeps itself open with them; nothing was stored.
    /// </summary>
    public IReadOnlyDictionary<string, string>? InputErrors { get; init; }

    // Equal when they say the same: a text not yet composed counts as the text it composes to.
    public bool Equals(BotAnswer? other) =>
        other is not null && Text == other.Text && Equals(Card, other.Card) && Summary == other.Summary &&
        ReplacesCard == other.ReplacesCard && InThread == other.InThread && Equals(InputErrors, other.InputErrors);

    public override int GetHashCode() => HashCode.Combine(Text, Card, Summary, ReplacesCard, InThread, InputErrors);
}

/// <summary>The channel-neutral entry point every adapter (CLI, Teams, Slack) calls.</summary>
public interface ICoachBot
{
    Task<BotAnswer> HandleAsync(ChatTurn turn, CancellationToken cancellationToken);
}
