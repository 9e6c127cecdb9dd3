using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using SalesCoachBot.Slack.BlockKit;
using SalesCoachBot.Slack.Inbound;
using SalesCoachBot.Slack.WebApi;

namespace SalesCoachBot.Slack;

/// <summary>Source-generated JSON for everything that crosses the Slack boundary (snake_case, nulls left out).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowOutOfOrderMetadataProperties = true)]
[JsonSerializable(typeof(SlackMessage))]
[JsonSerializable(typeof(ResponseMessage))]
[JsonSerializable(typeof(ChatPostMessageRequest))]
[JsonSerializable(typeof(ChatPostEphemeralRequest))]
[JsonSerializable(typeof(ChatUpdateRequest))]
[JsonSerializable(typeof(ConversationsOpenRequest))]
[JsonSerializable(typeof(SlackApiResponse))]
[JsonSerializable(typeof(EmptyResponse))]
[JsonSerializable(typeof(ChatMessageResponse))]
[JsonSerializable(typeof(UserResponse))]
[JsonSerializable(typeof(ConversationOpenResponse))]
[JsonSerializable(typeof(ConversationMembersResponse))]
[JsonSerializable(typeof(SlackEventEnvelope))]
[JsonSerializable(typeof(InteractionPayload))]
[JsonSerializable(typeof(UrlVerificationAnswer))]
[JsonSerializable(typeof(ViewsPublishRequest))]
[JsonSerializable(typeof(HomeView))]
[JsonSerializable(typeof(ConnectionsOpenResponse))]
[JsonSerializable(typeof(OAuthAccessResponse))]
[JsonSerializable(typeof(AuthTestResponse))]
[JsonSerializable(typeof(SlashCommand))]
[JsonSerializable(typeof(FilesUploadUrlResponse))]
[JsonSerializable(typeof(FilesCompleteUploadResponse))]
[JsonSerializable(typeof(IReadOnlyList<SlackFileReference>))]
[JsonSerializable(typeof(IReadOnlyList<Block>))]
[JsonSerializable(typeof(HeaderBlock))]
[JsonSerializable(typeof(SectionBlock))]
[JsonSerializable(typeof(FieldsBlock))]
[JsonSerializable(typeof(ContextBlock))]
[JsonSerializable(typeof(ActionsBlock))]
[JsonSerializable(typeof(DividerBlock))]
[JsonSerializable(typeof(ImageBlock))]
[JsonSerializable(typeof(ButtonElement))]
[JsonSerializable(typeof(CheckboxesElement))]
[JsonSerializable(typeof(InputBlock))]
[JsonSerializable(typeof(DatePickerElement))]
[JsonSerializable(typeof(PlainTextInputElement))]
[JsonSerializable(typeof(ViewsOpenRequest))]
[JsonSerializable(typeof(ModalView))]
[JsonSerializable(typeof(ViewErrorsAck))]
[JsonSerializable(typeof(FormModalContext))]
internal sealed partial class SlackJsonContext : JsonSerializerContext
{
    private static readonly Lazy<SlackJsonContext> LazyWire = new(() => new SlackJsonContext(BuildOptions(indented: false)));
    private static readonly Lazy<SlackJsonContext> LazyIndented = new(() => new SlackJsonContext(BuildOptions(indented: true)));

    /// <summary>
    /// What goes on the wire: compact. Its options match the generated ones (no custom encoder), so the serializer
    /// takes the generated fast path; write outbound JSON with <see cref="SlackWireJson"/> to keep it unescaped.
    /// </summary>
    public static SlackJsonContext Wire => LazyWire.Value;

    /// <summary>Indented and unescaped, for golden files people read in review.</summary>
    public static SlackJsonContext Indented => LazyIndented.Value;

    private static JsonSerializerOptions BuildOptions(bool indented) => new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        AllowOutOfOrderMetadataProperties = true,
        Encoder = indented ? JavaScriptEncoder.UnsafeRelaxedJsonEscaping : null,
        WriteIndented = indented,
    };
}

/// <summary>
/// Outbound Slack JSON: the <see cref="SlackJsonContext.Wire"/> contracts (the serializer's generated fast path, which
/// needs options without an encoder) written by a <see cref="Utf8JsonWriter"/> that leaves quotes and non-ASCII
/// unescaped (Slack reads UTF-8 JSON). Every call has its own writer and buffer: nothing is shared between calls.
/// </summary>
internal static class SlackWireJson
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes the JSON of <paramref name="value"/> to <paramref name="destination"/>.</summary>
    public static void Write<T>(IBufferWriter<byte> destination, T value, JsonTypeInfo<T> info)
    {
        using var writer = new Utf8JsonWriter(destination, WriterOptions);
        JsonSerializer.Serialize(writer, value, info);
    }

    public static byte[] SerializeToUtf8Bytes<T>(T value, JsonTypeInfo<T> info)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        Write(buffer, value, info);
        return buffer.WrittenSpan.ToArray();
    }

    public static string Serialize<T>(T value, JsonTypeInfo<T> info)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        Write(buffer, value, info);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}

internal sealed record UrlVerificationAnswer(string Challenge);
