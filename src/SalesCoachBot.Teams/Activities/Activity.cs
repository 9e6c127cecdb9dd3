using System.Text.Json;
using System.Text.Json.Serialization;
using SalesCoachBot.Teams.Cards;

namespace SalesCoachBot.Teams.Activities;

/// <summary>The activity types and invoke names the bot handles (Bot Framework activity schema).</summary>
internal static class ActivityTypes
{
    public const string Message = "message";
    public const string Invoke = "invoke";
    public const string ConversationUpdate = "conversationUpdate";
    public const string InstallationUpdate = "installationUpdate";
    public const string AdaptiveCardAction = "adaptiveCard/action";
}

/// <summary>
/// An inbound or outbound Bot Framework activity: only the fields the bot reads or writes.
/// Unknown fields are ignored on read and never echoed back.
/// </summary>
internal sealed record Activity
{
    public string? Type { get; init; }
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? ChannelId { get; init; }
    public string? ServiceUrl { get; init; }
    public ChannelAccount? From { get; init; }
    public ChannelAccount? Recipient { get; init; }
    public ConversationAccount? Conversation { get; init; }
    public string? ReplyToId { get; init; }
    public string? Text { get; init; }
    public string? TextFormat { get; init; }

    /// <summary>Text for clients that cannot render the attached card (and for notifications).</summary>
    public string? Summary { get; init; }
    public string? Locale { get; init; }
    public string? Action { get; init; }
    public JsonElement? Value { get; init; }
    public JsonElement? ChannelData { get; init; }
    public IReadOnlyList<ChannelAccount>? MembersAdded { get; init; }
    public IReadOnlyList<ChannelAccount>? MembersRemoved { get; init; }
    public IReadOnlyList<Attachment>? Attachments { get; init; }

    /// <summary>The tenant as Teams reports it: <c>channelData.tenant.id</c>, else <c>conversation.tenantId</c>.</summary>
    [JsonIgnore]
    public string? TenantId
    {
        get
        {
            if (ChannelData is { ValueKind: JsonValueKind.Object } data
                && data.TryGetProperty("tenant", out var tenant)
                && tenant.ValueKind == JsonValueKind.Object
                && tenant.TryGetProperty("id", out var id)
                && id.ValueKind == JsonValueKind.String)
            {
                return id.GetString();
            }

            return Conversation?.TenantId;
        }
    }
}

internal sealed record ChannelAccount
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? AadObjectId { get; init; }
}

internal sealed record ConversationAccount
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? ConversationType { get; init; }
    public string? TenantId { get; init; }
    public bool? IsGroup { get; init; }
}

/// <summary>
/// An attachment. The bot sends typed Adaptive Cards (<see cref="Cards.AdaptiveCard"/>); what clients send in is read as
/// a <see cref="JsonElement"/> and left alone.
/// </summary>
public sealed record Attachment(string ContentType, object Content);

/// <summary>What the connector answers to a send: the id of the new activity.</summary>
internal sealed record ResourceResponse(string? Id);

/// <summary>
/// The body of an invoke response (Universal Actions): a card, a message string, or an error.
/// </summary>
internal sealed record AdaptiveCardInvokeResponse(int StatusCode, string Type, object? Value)
{
    public const string CardType = "application/vnd.microsoft.card.adaptive";
    public const string MessageType = "application/vnd.microsoft.activity.message";
    public const string ErrorType = "application/vnd.microsoft.error";

    internal static AdaptiveCardInvokeResponse ForCard(AdaptiveCard card) => new(200, CardType, card);

    public static AdaptiveCardInvokeResponse ForMessage(string text) => new(200, MessageType, text);

    public static AdaptiveCardInvokeResponse ForError(int statusCode, string code, string message) =>
        new(statusCode, ErrorType, new InvokeError(code, message));
}

/// <summary>The value of an error invoke response.</summary>
public sealed record InvokeError(string Code, string Message);

/// <summary>Source-generated (de)serialisation of the activity model: camelCase, nulls left out.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Activity))]
[JsonSerializable(typeof(ResourceResponse))]
[JsonSerializable(typeof(AdaptiveCardInvokeResponse))]
[JsonSerializable(typeof(AdaptiveCard))]

// Each kind of card element and button, written as itself (RuntimeTypeJsonConverter).
[JsonSerializable(typeof(TextBlock))]
[JsonSerializable(typeof(Container))]
[JsonSerializable(typeof(FactSet))]
[JsonSerializable(typeof(ActionSet))]
[JsonSerializable(typeof(ColumnSet))]
[JsonSerializable(typeof(ImageElement))]
[JsonSerializable(typeof(ToggleInput))]
[JsonSerializable(typeof(DateField))]
[JsonSerializable(typeof(TextField))]
[JsonSerializable(typeof(ExecuteAction))]
[JsonSerializable(typeof(SubmitAction))]
[JsonSerializable(typeof(ShowCardAction))]
[JsonSerializable(typeof(InvokeError))]
[JsonSerializable(typeof(string))]
internal sealed partial class TeamsJsonContext : JsonSerializerContext;
