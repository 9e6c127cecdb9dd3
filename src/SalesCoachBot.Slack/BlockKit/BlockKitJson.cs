using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using SalesCoachBot.Slack.WebApi;

namespace SalesCoachBot.Slack.BlockKit;

/// <summary>
/// Writes Block Kit messages with <see cref="Utf8JsonWriter"/> directly: byte for byte what
/// <see cref="SlackJsonContext.Wire"/> writes (property order, snake_case, nulls left out, relaxed escaping;
/// <c>BlockKitJsonTests</c> holds it to that for every golden), without the serializer's polymorphic
/// metadata walk. The hot path: a slash command's ack body and every response_url answer.
/// </summary>
internal static class BlockKitJson
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    private static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText Text = JsonEncodedText.Encode("text");
    private static readonly JsonEncodedText Emoji = JsonEncodedText.Encode("emoji");
    private static readonly JsonEncodedText Blocks = JsonEncodedText.Encode("blocks");
    private static readonly JsonEncodedText BlockId = JsonEncodedText.Encode("block_id");
    private static readonly JsonEncodedText Elements = JsonEncodedText.Encode("elements");
    private static readonly JsonEncodedText Accessory = JsonEncodedText.Encode("accessory");
    private static readonly JsonEncodedText ImageUrl = JsonEncodedText.Encode("image_url");
    private static readonly JsonEncodedText AltText = JsonEncodedText.Encode("alt_text");
    private static readonly JsonEncodedText ActionId = JsonEncodedText.Encode("action_id");
    private static readonly JsonEncodedText Value = JsonEncodedText.Encode("value");
    private static readonly JsonEncodedText Style = JsonEncodedText.Encode("style");
    private static readonly JsonEncodedText Options_ = JsonEncodedText.Encode("options");
    private static readonly JsonEncodedText Description = JsonEncodedText.Encode("description");
    private static readonly JsonEncodedText ResponseType = JsonEncodedText.Encode("response_type");
    private static readonly JsonEncodedText ReplaceOriginal = JsonEncodedText.Encode("replace_original");

    private static readonly JsonEncodedText Header = JsonEncodedText.Encode("header");
    private static readonly JsonEncodedText Section = JsonEncodedText.Encode("section");
    private static readonly JsonEncodedText Context = JsonEncodedText.Encode("context");
    private static readonly JsonEncodedText Actions = JsonEncodedText.Encode("actions");
    private static readonly JsonEncodedText Divider = JsonEncodedText.Encode("divider");
    private static readonly JsonEncodedText Image = JsonEncodedText.Encode("image");
    private static readonly JsonEncodedText Button = JsonEncodedText.Encode("button");
    private static readonly JsonEncodedText Checkboxes = JsonEncodedText.Encode("checkboxes");

    [ThreadStatic]
    private static Utf8JsonWriter? cachedWriter;

    /// <summary>The message as compact UTF-8 JSON into <paramref name="output"/>.</summary>
    public static void Write(IBufferWriter<byte> output, ResponseMessage message) =>
        WithWriter(output, message, static (w, m) => WriteMessage(w, m.Text, m.Blocks, m.ResponseType, m.ReplaceOriginal));

    /// <inheritdoc cref="Write(IBufferWriter{byte}, ResponseMessage)"/>
    public static void Write(IBufferWriter<byte> output, SlackMessage message) =>
        WithWriter(output, message, static (w, m) => WriteMessage(w, m.Text, m.Blocks, null, null));

    public static byte[] ToUtf8Bytes(ResponseMessage message)
    {
        var buffer = new ArrayBufferWriter<byte>(2048);
        Write(buffer, message);
        return buffer.WrittenSpan.ToArray();
    }

    private static void WithWriter<T>(IBufferWriter<byte> output, T message, Action<Utf8JsonWriter, T> write)
    {
        // One writer per thread, reset onto each output: writing is synchronous, so it is never shared.
        var writer = cachedWriter;
        if (writer is null)
        {
            writer = new Utf8JsonWriter(output, Options);
            cachedWriter = writer;
        }
        else
        {
            writer.Reset(output);
        }

        try
        {
            write(writer, message);
            writer.Flush();
        }
        finally
        {
            writer.Reset();
        }
    }

    private static void WriteMessage(Utf8JsonWriter w, string? text, IReadOnlyList<Block>? blocks, string? responseType, bool? replaceOriginal)
    {
        w.WriteStartObject();
        WriteString(w, Text, text);
        if (blocks is not null)
        {
            w.WritePropertyName(Blocks);
            w.WriteStartArray();
            for (var i = 0; i < blocks.Count; i++)
            {
                WriteBlock(w, blocks[i]);
            }

            w.WriteEndArray();
        }

        WriteString(w, ResponseType, responseType);
        if (replaceOriginal is { } replace)
        {
            w.WriteBoolean(ReplaceOriginal, replace);
        }

        w.WriteEndObject();
    }

    private static void WriteBlock(Utf8JsonWriter w, Block block)
    {
        if (block is null)
        {
            w.WriteNullValue();
            return;
        }

        w.WriteStartObject();
        switch (block)
        {
            case HeaderBlock header:
                w.WriteString(Type, Header);
                WriteTextProperty(w, Text, header.Text);
                break;
            case SectionBlock section:
                w.WriteString(Type, Section);
                WriteTextProperty(w, Text, section.Text);
                if (section.Accessory is { } accessory)
                {
                    w.WritePropertyName(Accessory);
                    WriteElement(w, accessory);
                }

                break;
            case ContextBlock context:
                w.WriteString(Type, Context);
                if (context.Elements is { } texts)
                {
                    w.WritePropertyName(Elements);
                    w.WriteStartArray();
                    for (var i = 0; i < texts.Count; i++)
                    {
                        WriteTextObject(w, texts[i]);
                    }

                    w.WriteEndArray();
                }

                break;
            case ActionsBlock actions:
                w.WriteString(Type, Actions);
                if (actions.Elements is { } elements)
                {
                    w.WritePropertyName(Elements);
                    w.WriteStartArray();
                    for (var i = 0; i < elements.Count; i++)
                    {
                        WriteElement(w, elements[i]);
                    }

                    w.WriteEndArray();
                }

                break;
            case DividerBlock:
                w.WriteString(Type, Divider);
                break;
            case ImageBlock image:
                w.WriteString(Type, Image);
                WriteString(w, ImageUrl, image.ImageUrl);
                WriteString(w, AltText, image.AltText);
                break;
            default:
                throw new NotSupportedException($"BlockKitJson does not know the block {block.GetType().Name}; add it here and to SlackJsonContext.");
        }

        WriteString(w, BlockId, block.BlockId);
        w.WriteEndObject();
    }

    private static void WriteElement(Utf8JsonWriter w, BlockElement element)
    {
        if (element is null)
        {
            w.WriteNullValue();
            return;
        }

        w.WriteStartObject();
        switch (element)
        {
            case ButtonElement button:
                w.WriteString(Type, Button);
                WriteTextProperty(w, Text, button.Text);
                WriteString(w, Value, button.Value);
                WriteString(w, Style, button.Style);
                break;
            case CheckboxesElement checkboxes:
                w.WriteString(Type, Checkboxes);
                if (checkboxes.Options is { } options)
                {
                    w.WritePropertyName(Options_);
                    w.WriteStartArray();
                    for (var i = 0; i < options.Count; i++)
                    {
                        WriteOption(w, options[i]);
                    }

                    w.WriteEndArray();
                }

                break;
            default:
                throw new NotSupportedException($"BlockKitJson does not know the element {element.GetType().Name}; add it here and to SlackJsonContext.");
        }

        WriteString(w, ActionId, element.ActionId);
        w.WriteEndObject();
    }

    private static void WriteOption(Utf8JsonWriter w, OptionObject option)
    {
        if (option is null)
        {
            w.WriteNullValue();
            return;
        }

        w.WriteStartObject();
        WriteTextProperty(w, Text, option.Text);
        WriteString(w, Value, option.Value);
        WriteTextProperty(w, Description, option.Description);
        w.WriteEndObject();
    }

    private static void WriteTextProperty(Utf8JsonWriter w, JsonEncodedText name, TextObject? text)
    {
        if (text is null)
        {
            return;
        }

        w.WritePropertyName(name);
        WriteTextObject(w, text);
    }

    private static void WriteTextObject(Utf8JsonWriter w, TextObject text)
    {
        if (text is null)
        {
            w.WriteNullValue();
            return;
        }

        w.WriteStartObject();
        WriteString(w, Type, text.Type);
        WriteString(w, Text, text.Text);
        if (text.Emoji is { } emoji)
        {
            w.WriteBoolean(Emoji, emoji);
        }

        w.WriteEndObject();
    }

    private static void WriteString(Utf8JsonWriter w, JsonEncodedText name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }
}
