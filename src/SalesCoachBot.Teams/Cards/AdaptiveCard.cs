using System.Text.Json;
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

    /// <summary>Right to left (Arabic); left out for left-to-right cards.</summary>
    public bool? Rtl { get; init; }
}

/// <summary>
/// An element of a card's body. Each kind names its own <c>type</c> and is written as itself, with nothing added
/// (a card is only ever written, never read): <see cref="RuntimeTypeJsonConverter{T}"/>.
/// </summary>
[JsonConverter(typeof(RuntimeTypeJsonConverter<CardElement>))]
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

/// <summary>A date picker; Teams sends the picked date back under its <c>id</c> as <c>yyyy-MM-dd</c>.</summary>
internal sealed record DateField(string Id, string Label) : CardElement("Input.Date")
{
    public string? Value { get; init; }

    public string? Min { get; init; }

    public bool? IsRequired { get; init; }

    public string? ErrorMessage { get; init; }
}

/// <summary>A text field; its value comes back under its <c>id</c>.</summary>
internal sealed record TextField(string Id, string Label) : CardElement("Input.Text")
{
    public string? Value { get; init; }

    public string? Placeholder { get; init; }

    public bool? IsMultiline { get; init; }

    public int? MaxLength { get; init; }

    public bool? IsRequired { get; init; }

    public string? ErrorMessage { get; init; }
}

/// <summary>The card an <see cref="ShowCardAction"/> unfolds: inputs and their submit button, inside the parent card.</summary>
internal sealed record ShownCard(IReadOnlyList<CardElement> Body, IReadOnlyList<CardButton> Actions)
{
    [JsonPropertyOrder(-1)]
    public string Type => "AdaptiveCard";
}

/// <summary>A button: its type and title; <see cref="DataButton"/> for the ones that send data back.</summary>
[JsonConverter(typeof(RuntimeTypeJsonConverter<CardButton>))]
internal abstract record CardButton
{
    protected CardButton(string type, string title)
    {
        Type = type;
        Title = title;
    }

    [JsonPropertyOrder(-1)]
    public string Type { get; }

    public string Title { get; }

    [JsonPropertyOrder(1)]
    public ActionStyle? Style { get; init; }
}

/// <summary>A button whose <c>data</c> is the typed payload, written with its one contract (<see cref="ActionPayload.JsonTypeInfo"/>).</summary>
internal abstract record DataButton : CardButton
{
    protected DataButton(string type, string title, ActionPayload data)
        : base(type, title) => Data = data;

    [JsonIgnore]
    public ActionPayload Data { get; }

    /// <summary>
    /// <see cref="Data"/> as written: Core's contract, not one generated here, so the bytes a press sends back are the
    /// ones Core reads. Wrapped in a type with its own converter (rather than a converter on the property) so the
    /// button itself keeps its generated writer.
    /// </summary>
    [JsonPropertyName("data")]
    public WrittenPayload Written => new(Data);
}

/// <summary>A button's payload on its way out, written by <see cref="ActionPayloadJsonConverter"/>.</summary>
[JsonConverter(typeof(WrittenPayload.Converter))]
internal readonly record struct WrittenPayload(ActionPayload Payload)
{
    internal sealed class Converter : JsonConverter<WrittenPayload>
    {
        private static readonly ActionPayloadJsonConverter Payloads = new();

        public override WrittenPayload Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("A button's payload is only ever written here.");

        public override void Write(Utf8JsonWriter writer, WrittenPayload value, JsonSerializerOptions options) =>
            Payloads.Write(writer, value.Payload, options);
    }
}

/// <summary>Universal Actions: an invoke whose answer replaces the card; <c>fallback</c> serves clients without them.</summary>
internal sealed record ExecuteAction(string Title, string Verb, ActionPayload Data, SubmitAction Fallback) : DataButton("Action.Execute", Title, Data);

/// <summary>A button that unfolds a form inside the card (the "Set next step" date picker); its Execute sends the inputs.</summary>
internal sealed record ShowCardAction(string Title, ShownCard Card) : CardButton("Action.ShowCard", Title);

/// <summary>A message activity whose <c>value</c> is the data merged with the card's inputs.</summary>
internal sealed record SubmitAction(string Title, ActionPayload Data) : DataButton("Action.Submit", Title, Data);

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
