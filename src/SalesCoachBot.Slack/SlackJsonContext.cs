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
[JsonSerializable(typeof(ContextBlock))]
[JsonSerializable(typeof(ActionsBlock))]
[JsonSerializable(typeof(DividerBlock))]
[JsonSerializable(typeof(ImageBlock))]
[JsonSerializable(typeof(ButtonElement))]
[JsonSerializable(typeof(CheckboxesElement))]
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
/// Outbound Slack JSON: the <see cref="SlackJsonContext.Wire"/> contracts written into a writer that leaves quotes
/// and non-ASCII unescaped (Slack reads UTF-8 JSON). The writer and its buffer are reused per thread.
/// </summary>
internal static class SlackWireJson
{
    private const int KeptBufferBytes = 64 * 1024;
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? threadBuffer;

    [ThreadStatic]
    private static Utf8JsonWriter? threadWriter;

    public static byte[] SerializeToUtf8Bytes<T>(T value, JsonTypeInfo<T> info) => Write(value, info).ToArray();

    public static string Serialize<T>(T value, JsonTypeInfo<T> info) => Encoding.UTF8.GetString(Write(value, info));

    /// <summary>The JSON of <paramref name="value"/>, valid until this thread's next call: copy it before awaiting.</summary>
    public static ReadOnlySpan<byte> Write<T>(T value, JsonTypeInfo<T> info)
    {
        var buffer = threadBuffer is { Capacity: <= KeptBufferBytes } kept ? kept : threadBuffer = new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        var writer = threadWriter ??= new Utf8JsonWriter(buffer, WriterOptions);
        writer.Reset(buffer);
        JsonSerializer.Serialize(writer, value, info);
        writer.Flush();
        return buffer.WrittenSpan;
    }
}

internal sealed record UrlVerificationAnswer(string Challenge);
