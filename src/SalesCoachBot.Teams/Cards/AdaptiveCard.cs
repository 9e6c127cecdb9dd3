using System.Text.Json.Serialization;
using SalesCoachBot.Core.Cards;

namespace SalesCoachBot.Teams.Cards;

// Typed Adaptive Card 1.5 (adaptivecards.io/explorer). Only what the bot sends; the golden files are validated
// with Microsoft's adaptivecards library (tests/peers/teams), so a wrong shape here fails CI. Written with
// TeamsJsonContext: camelCase, nulls left out.

/// <summary>A whole card: <c>fallbackText</c> for clients that cannot render it, then the body and the card's buttons.</summary>
internal sealed record AdaptiveCard(string FallbackText, IReadOnlyList<CardElement> Body)
{
    public const string CardVersion = "1.5";
    public const string SchemaUrl = "http://adaptivecards.io/schemas/adaptive-card.json";

    [JsonPropertyOrder(-3)]
    public string Type => "AdaptiveCard";

    [JsonPropertyName("$schema")]
    [JsonPropertyOrder(-2)]
    public string Schema => SchemaUrl;

    [JsonPropertyOrder(-1)]
    public string Version => CardVersion;

    public IReadOnlyList<CardButton>? Actions { get; init; }
}

/// <summary>
/// An element of a card's body. Each kind names its own <c>type</c>; the derived types are declared without a
/// discriminator, so each is written as itself and nothing is added (a card is only ever written, never read).
/// </summary>
[JsonDerivedType(typeof(TextBlock))]
[JsonDerivedType(typeof(Container))]
[JsonDerivedType(typeof(FactSet))]
[JsonDerivedType(typeof(ActionSet))]
[JsonDerivedType(typeof(ColumnSet))]
[JsonDerivedType(typeof(ImageElement))]
[JsonDerivedType(typeof(ToggleInput))]
[JsonDerivedType(typeof(TextFieldInput))]
internal abstract record CardElement
{
    protected CardElement(string type) => Type = type;

    [JsonPropertyOrder(-1)]
    public string Type { get; }

    [JsonPropertyOrder(1)]
    public bool? Separator { get; init; }

    [JsonPropertyOrder(2)]
    public Spacing? Spacing { get; init; }
}

/// <summary>Text that renders Markdown: what goes in has been through <see cref="CardMarkdown.Escape"/>, or is Markdown on purpose.</summary>
internal sealed record TextBlock(string Text) : CardElement("TextBlock")
{
    public bool Wrap => true;

    public bool? IsSubtle { get; init; }

    public TextSize? Size { get; init; }

    public TextWeight? Weight { get; init; }

    public TextBlockStyle? Style { get; init; }

    public TextColor? Color { get; init; }
}

internal sealed record Container(IReadOnlyList<CardElement> Items) : CardElement("Container")
{
    public ContainerStyle? Style { get; init; }
}

internal sealed record FactSet(IReadOnlyList<Fact> Facts) : CardElement("FactSet");

internal sealed record Fact(string Title, string Value);

internal sealed record ActionSet(IReadOnlyList<CardButton> Actions) : CardElement("ActionSet");

internal sealed record ColumnSet(IReadOnlyList<Column> Columns) : CardElement("ColumnSet");

internal sealed record Column(ColumnWidth Width, IReadOnlyList<CardElement> Items)
{
    [JsonPropertyOrder(-1)]
    public string Type => "Column";

    public VerticalAlignment? VerticalContentAlignment { get; init; }
}

internal sealed record ImageElement(string Url, string AltText, ImageSize Size) : CardElement("Image");

/// <summary>A checkbox; Teams sends its value back under its <c>id</c> as the string <c>"true"</c> or <c>"false"</c>.</summary>
internal sealed record ToggleInput(string Id, string Title) : CardElement("Input.Toggle")
{
    public string Value => "false";

    public string ValueOn => "true";

    public string ValueOff => "false";

    public bool Wrap => true;
}

/// <summary>
/// A free-text field; Teams sends what was typed back under its <c>id</c>, merged into the pressed button's data (the id
/// is the payload property it fills, see <see cref="CardTextInput"/>).
/// </summary>
internal sealed record TextFieldInput(string Id, string Label, string Placeholder, int MaxLength) : CardElement("Input.Text")
{
    public bool IsMultiline => true;
}

/// <summary>A button; <c>data</c> is the typed payload, written with its one contract (<see cref="ActionPayload.JsonTypeInfo"/>).</summary>
[JsonDerivedType(typeof(ExecuteAction))]
[JsonDerivedType(typeof(SubmitAction))]
[JsonDerivedType(typeof(ShowCardAction))]
internal abstract record CardButton
{
    protected CardButton(string type, string title, ActionPayload? data)
    {
        Type = type;
        Title = title;
        Data = data;
    }

    [JsonPropertyOrder(-1)]
    public string Type { get; }

    public string Title { get; }

    // Core's contract, not one generated here: the bytes a press sends back are the ones Core reads.
    [JsonConverter(typeof(ActionPayloadJsonConverter))]
    public ActionPayload? Data { get; }

    [JsonPropertyOrder(1)]
    public ActionStyle? Style { get; init; }
}

/// <summary>Universal Actions: an invoke whose answer replaces the card; <c>fallback</c> serves clients without them.</summary>
internal sealed record ExecuteAction(string Title, string Verb, ActionPayload Data, SubmitAction Fallback) : CardButton("Action.Execute", Title, Data);

/// <summary>A message activity whose <c>value</c> is the data merged with the card's inputs.</summary>
internal sealed record SubmitAction(string Title, ActionPayload Data) : CardButton("Action.Submit", Title, Data);

/// <summary>A button that unfolds a small card under the buttons (a text field and its send button); it sends nothing itself.</summary>
internal sealed record ShowCardAction(string Title, AdaptiveCard Card) : CardButton("Action.ShowCard", Title, null);

[JsonConverter(typeof(JsonStringEnumConverter<Spacing>))]
internal enum Spacing
{
    None,
    Small,
    Medium,
}

[JsonConverter(typeof(JsonStringEnumConverter<TextSize>))]
internal enum TextSize
{
    Small,
    Large,
}

[JsonConverter(typeof(JsonStringEnumConverter<TextWeight>))]
internal enum TextWeight
{
    Bolder,
}

[JsonConverter(typeof(JsonStringEnumConverter<TextColor>))]
internal enum TextColor
{
    Attention,
}

[JsonConverter(typeof(JsonStringEnumConverter<TextBlockStyle>))]
internal enum TextBlockStyle
{
    [JsonStringEnumMemberName("heading")]
    Heading,
}

[JsonConverter(typeof(JsonStringEnumConverter<ContainerStyle>))]
internal enum ContainerStyle
{
    [JsonStringEnumMemberName("warning")]
    Warning,
}

[JsonConverter(typeof(JsonStringEnumConverter<ColumnWidth>))]
internal enum ColumnWidth
{
    [JsonStringEnumMemberName("auto")]
    Auto,

    [JsonStringEnumMemberName("stretch")]
    Stretch,
}

[JsonConverter(typeof(JsonStringEnumConverter<VerticalAlignment>))]
internal enum VerticalAlignment
{
    Center,
}

[JsonConverter(typeof(JsonStringEnumConverter<ImageSize>))]
internal enum ImageSize
{
    Stretch,
}

[JsonConverter(typeof(JsonStringEnumConverter<ActionStyle>))]
internal enum ActionStyle
{
    [JsonStringEnumMemberName("positive")]
    Positive,

    [JsonStringEnumMemberName("destructive")]
    Destructive,
}
