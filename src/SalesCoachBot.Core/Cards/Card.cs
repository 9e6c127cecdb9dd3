using SalesCoachBot.Core.Domain;

namespace SalesCoachBot.Core.Cards;

/// <summary>What kind of answer a card is; renderers may lay kinds out differently.</summary>
public enum CardKind
{
    Checklist,
    StageInfo,
    ChooseDeal,
    DealList,
    Help,
    Error,
    Info,
    Digest,
    Pipeline,
}

/// <summary>
/// A channel-neutral answer card. Teams renders it as an Adaptive Card, Slack as Block Kit,
/// the command line as JSON. Nothing here knows about either platform.
/// </summary>
public sealed record Card
{
    public required CardKind Kind { get; init; }
    public required string Title { get; init; }
    public string? Subtitle { get; init; }

    /// <summary>Paragraphs of plain text (what the stage is for, explanations).</summary>
    public IReadOnlyList<string> Body { get; init; } = [];

    public IReadOnlyList<CardFact> Facts { get; init; } = [];

    /// <summary>The exit checklist, when the card shows one.</summary>
    public CardChecklist? Checklist { get; init; }

    /// <summary>Lists of lines under a heading (my deals, digests, pipeline tables).</summary>
    public IReadOnlyList<CardSection> Sections { get; init; } = [];

    /// <summary>Pick-one options, e.g. when several deals fit a name.</summary>
    public IReadOnlyList<CardChoice> Choices { get; init; } = [];

    public IReadOnlyList<CardAction> Actions { get; init; } = [];

    /// <summary>A one-line note shown above the content, e.g. "This card was out of date".</summary>
    public string? Note { get; init; }

    public CardImage? Image { get; init; }

    /// <summary>A free-text field with its own send button (e.g. "another reason"), shown after the actions.</summary>
    public CardTextInput? TextInput { get; init; }
}

/// <summary>
/// A free-text field and the button that sends it. What was typed arrives in <see cref="Submit"/>'s payload as the
/// property named <see cref="Id"/> (Teams merges inputs into the button's data; Slack's adapter does the same).
/// </summary>
public sealed record CardTextInput(string Id, string Label, string Placeholder, int MaxLength, CardAction Submit);

public sealed record CardFact(string Label, string Value);

public sealed record CardSection(string Heading, IReadOnlyList<CardLine> Lines);

/// <summary>One line of a section, optionally with an action (e.g. "open checklist").</summary>
public sealed record CardLine(string Text, CardAction? Action = null);

public sealed record CardChoice(string Label, string? Description, CardAction Action);

public sealed record CardImage(string Url, string AltText);

public enum CardActionStyle
{
    Default,
    Primary,
    Destructive,
}

public sealed record CardAction(string Label, ActionPayload Payload, CardActionStyle Style = CardActionStyle.Default);

/// <summary>The exit checklist of one deal at one stage version.</summary>
public sealed record CardChecklist(
    DealId Deal,
    StageId Stage,
    int StageVersion,
    IReadOnlyList<CardChecklistItem> Items,
    CardAction Confirm)
{
    public int RequiredOpen => Items.Count(i => i.Required && i.State != ChecklistItemState.Confirmed);
}

public enum ChecklistItemState
{
    Open,
    Confirmed,
}

public sealed record CardChecklistItem(
    ChecklistItemId Id,
    string Text,
    bool Required,
    ChecklistItemState State,
    string? ConfirmedBy = null,
    DateTimeOffset? ConfirmedAt = null);
