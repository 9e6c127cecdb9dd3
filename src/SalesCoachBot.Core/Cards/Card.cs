using System.Text.Json.Serialization;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Localization;

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

    /// <summary>Nothing but a form (<see cref="Card.Forms"/>): Slack shows it as a modal.</summary>
    Form,
    History,
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

    /// <summary>
    /// Figures side by side, one column each under its heading (two people compared): Teams lays them out as a column
    /// set, Slack as a section's fields.
    /// </summary>
    public IReadOnlyList<CardColumn> Columns { get; init; } = [];

    /// <summary>The exit checklist, when the card shows one.</summary>
    public CardChecklist? Checklist { get; init; }

    /// <summary>Lists of lines under a heading (my deals, digests, pipeline tables).</summary>
    public IReadOnlyList<CardSection> Sections { get; init; } = [];

    /// <summary>Pick-one options, e.g. when several deals fit a name.</summary>
    public IReadOnlyList<CardChoice> Choices { get; init; } = [];

    public IReadOnlyList<CardAction> Actions { get; init; } = [];

    /// <summary>The one line that answers the question asked ("Win rate, Q4 2026 so far: 75% …"), shown before the figures.</summary>
    public string? Lead { get; init; }

    /// <summary>A one-line note shown above the content, e.g. "This card was out of date".</summary>
    public string? Note { get; init; }

    public CardImage? Image { get; init; }

    /// <summary>Buttons that open a small form (set a next step): inline in Teams, a modal in Slack.</summary>
    public IReadOnlyList<CardForm> Forms { get; init; } = [];

    /// <summary>More than fits on a screen, behind a button: unfolded inside the card (Teams) or sent on request (Slack).</summary>
    public CardDetails? Details { get; init; }

    /// <summary>The language the card is written in; null is English. Arabic cards are laid out right to left.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonConverter(typeof(ReplyLanguageJsonConverter))]
    public ReplyLanguage? Language { get; init; }
}

/// <summary>
/// Sections shown only when asked for: Teams unfolds them in place (<c>Action.ShowCard</c>); Slack shows a button whose
/// <see cref="Open"/> payload asks for them as an answer of their own, posted in the message's thread.
/// </summary>
public sealed record CardDetails(string Label, IReadOnlyList<CardSection> Sections, ActionPayload Open)
{
    public IReadOnlyList<string> Body { get; init; } = [];
}

public enum CardInputKind
{
    Date,
    Text,
}

/// <summary>One field of a form; <see cref="Id"/> is the property of the submit payload it fills.</summary>
public sealed record CardInput(string Id, CardInputKind Kind, string Label)
{
    public string? Value { get; init; }
    public string? Placeholder { get; init; }
    public int? MaxLength { get; init; }
    public bool Required { get; init; }

    /// <summary>For a text: several lines (a note) rather than one (a next step).</summary>
    public bool Multiline { get; init; }

    /// <summary>For a date: the earliest date offered (ISO yyyy-MM-dd).</summary>
    public string? Min { get; init; }
}

/// <summary>
/// A button (<see cref="Label"/>) that opens a form titled <see cref="Title"/>. <see cref="Submit"/>'s payload is sent
/// with the inputs filled in; <see cref="Open"/> asks for the form as an answer of its own, for channels that cannot
/// carry a form inside a message (Slack: a modal).
/// </summary>
public sealed record CardForm(string Label, string Title, IReadOnlyList<CardInput> Inputs, CardAction Submit, ActionPayload Open);

public sealed record CardFact(string Label, string Value);

/// <summary>One column of <see cref="Card.Columns"/>: whose figures (<see cref="Heading"/>) and the figures.</summary>
public sealed record CardColumn(string Heading, IReadOnlyList<CardFact> Facts);

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
