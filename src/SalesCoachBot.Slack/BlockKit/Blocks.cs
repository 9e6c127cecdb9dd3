using System.Text.Json;
using System.Text.Json.Serialization;
using SalesCoachBot.Core.Cards;

namespace SalesCoachBot.Slack.BlockKit;

// Typed Block Kit (docs.slack.dev/reference/block-kit). Only what the bot sends; the golden files
// are type-checked against @slack/types, so a wrong shape here fails CI.

/// <summary>A composition text object: <c>plain_text</c> or <c>mrkdwn</c>.</summary>
internal sealed record TextObject(
    [property: JsonPropertyOrder(-1)] string Type,
    string Text,
    bool? Emoji = null)
{
    public static TextObject Plain(string text) => new("plain_text", text, true);

    public static TextObject Markdown(string text) => new("mrkdwn", text);
}

/// <summary>
/// A layout block. Each kind names its own <c>type</c>; <see cref="RuntimeTypeJsonConverter{T}"/> writes a block as
/// its runtime type, so the serializer's generated fast path writes every block (a polymorphic base would send
/// each one through the slower metadata path).
/// </summary>
[JsonConverter(typeof(RuntimeTypeJsonConverter<Block>))]
internal abstract record Block
{
    protected Block(string type) => Type = type;

    [JsonPropertyOrder(-1)]
    public string Type { get; }

    public string? BlockId { get; init; }
}

internal sealed record HeaderBlock(TextObject Text) : Block("header");

internal sealed record SectionBlock(TextObject Text) : Block("section")
{
    public BlockElement? Accessory { get; init; }
}

/// <summary>A section of fields only, shown in two columns; at most 10 fields of 2,000 characters each.</summary>
internal sealed record FieldsBlock(IReadOnlyList<TextObject> Fields) : Block("section");

/// <summary>Small grey lines; at most 10 elements.</summary>
internal sealed record ContextBlock(IReadOnlyList<TextObject> Elements) : Block("context");

/// <summary>Interactive elements; at most 25.</summary>
internal sealed record ActionsBlock(IReadOnlyList<BlockElement> Elements) : Block("actions");

internal sealed record DividerBlock() : Block("divider");

internal sealed record ImageBlock(string ImageUrl, string AltText) : Block("image");

/// <summary>A labelled form field of a modal; its value comes back in the view's <c>state.values[block_id][action_id]</c>.</summary>
internal sealed record InputBlock(TextObject Label, BlockElement Element) : Block("input")
{
    public bool? Optional { get; init; }
}

/// <summary>An interactive element, written as its runtime type like <see cref="Block"/>.</summary>
[JsonConverter(typeof(RuntimeTypeJsonConverter<BlockElement>))]
internal abstract record BlockElement
{
    protected BlockElement(string type) => Type = type;

    [JsonPropertyOrder(-1)]
    public string Type { get; }

    public required string ActionId { get; init; }
}

internal sealed record ButtonElement(TextObject Text) : BlockElement("button")
{
    public string? Value { get; init; }

    /// <summary><c>primary</c> or <c>danger</c>; default when null.</summary>
    public string? Style { get; init; }
}

/// <summary>A date picker; its value comes back as <c>selected_date</c>, <c>YYYY-MM-DD</c>.</summary>
internal sealed record DatePickerElement() : BlockElement("datepicker")
{
    public string? InitialDate { get; init; }

    public TextObject? Placeholder { get; init; }
}

/// <summary>A text field; its value comes back as <c>value</c>.</summary>
internal sealed record PlainTextInputElement() : BlockElement("plain_text_input")
{
    public string? InitialValue { get; init; }

    public TextObject? Placeholder { get; init; }

    public bool? Multiline { get; init; }

    public int? MaxLength { get; init; }
}

internal sealed record CheckboxesElement(IReadOnlyList<OptionObject> Options) : BlockElement("checkboxes");

internal sealed record OptionObject(TextObject Text, string Value)
{
    public TextObject? Description { get; init; }
}

/// <summary>A whole message: the top-level <c>text</c> fallback is always present.</summary>
internal sealed record SlackMessage(string Text, IReadOnlyList<Block> Blocks);
