using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
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
[JsonSerializable(typeof(SlashCommand))]
[JsonSerializable(typeof(FilesUploadUrlResponse))]
[JsonSerializable(typeof(FilesCompleteUploadResponse))]
[JsonSerializable(typeof(IReadOnlyList<SlackFileReference>))]
[JsonSerializable(typeof(IReadOnlyList<Block>))]
public sealed partial class SlackJsonContext : JsonSerializerContext
{
    private static readonly Lazy<SlackJsonContext> LazyWire = new(() => new SlackJsonContext(BuildOptions(indented: false)));
    private static readonly Lazy<SlackJsonContext> LazyIndented = new(() => new SlackJsonContext(BuildOptions(indented: true)));

    /// <summary>What goes on the wire: compact, and without \u escapes for quotes and non-ASCII (Slack reads UTF-8 JSON).</summary>
    public static SlackJsonContext Wire => LazyWire.Value;

    /// <summary>Indented, for golden files people read in review.</summary>
    public static SlackJsonContext Indented => LazyIndented.Value;

    private static JsonSerializerOptions BuildOptions(bool indented) => new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        AllowOutOfOrderMetadataProperties = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = indented,
    };
}

public sealed record UrlVerificationAnswer(string Challenge);
