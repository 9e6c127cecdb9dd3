using System.Text.Json.Serialization;

namespace SalesCoachBot.Slack.BlockKit;

// Typed Block Kit (docs.slack.dev/reference/block-kit). Only what the bot sends; the golden files
// are type-checked against @slack/types, so a wrong shape here fails CI.

/// <summary>A composition text object: <c>plain_text</c> or <c>mrkdwn</c>.</summary>
public sealed record TextObject(
    [property: JsonPropertyOrder(-1)] string Type,
    string Text,
    bool? Emoji = null)
{
    public static TextObject Plain(string text) => new("plain_text", text, true);

    public static TextObject Markdown(string text) => new("mrkdwn", text);
}

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(HeaderBlock), "header")]
[JsonDerivedType(typeof(SectionBlock), "section")]
[JsonDerivedType(typeof(ContextBlock), "context")]
[JsonDerivedType(typeof(ActionsBlock), "actions")]
[JsonDerivedType(typeof(DividerBlock), "divider")]
[JsonDerivedType(typeof(ImageBlock), "image")]
public abstract record Block
{
    public string? BlockId { get; init; }
}

public sealed record HeaderBlock(TextObject Text) : Block;

public sealed record SectionBlock(TextObject Text) : Block
{
    public BlockElement? Accessory { get; init; }
}

/// <summary>Small grey lines; at most 10 elements.</summary>
public sealed record ContextBlock(IReadOnlyList<TextObject> Elements) : Block;

/// <summary>Interactive elements; at most 25.</summary>
public sealed record ActionsBlock(IReadOnlyList<BlockElement> Elements) : Block;

public sealed record DividerBlock : Block;

public sealed record ImageBlock(string ImageUrl, string AltText) : Block;

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ButtonElement), "button")]
[JsonDerivedType(typeof(CheckboxesElement), "checkboxes")]
public abstract record BlockElement
{
    public required string ActionId { get; init; }
}

public sealed record ButtonElement(TextObject Text) : BlockElement
{
    public string? Value { get; init; }

    /// <summary><c>primary</c> or <c>danger</c>; default when null.</summary>
    public string? Style { get; init; }
}

public sealed record CheckboxesElement(IReadOnlyList<OptionObject> Options) : BlockElement;

public sealed record OptionObject(TextObject Text, string Value)
{
    public TextObject? Description { get; init; }
}

/// <summary>A whole message: the top-level <c>text</c> fallback is always present.</summary>
public sealed record SlackMessage(string Text, IReadOnlyList<Block> Blocks);
