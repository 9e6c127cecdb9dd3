using System.Text.Json.Serialization;

namespace SalesCoachBot.Crm.HubSpot;

// HubSpot CRM v3 wire shapes (deals, search, batch read, pipelines, owners, notes), only the fields we use.

internal sealed record HsObject(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("properties")] Dictionary<string, string?>? Properties,
    [property: JsonPropertyName("propertiesWithHistory")] Dictionary<string, List<HsHistoryValue>>? PropertiesWithHistory,
    [property: JsonPropertyName("archived")] bool? Archived);

internal sealed record HsHistoryValue(
    [property: JsonPropertyName("value")] string? Value,
    [property: JsonPropertyName("timestamp")] DateTimeOffset? Timestamp);

internal sealed record HsPaging([property: JsonPropertyName("next")] HsNext? Next);

internal sealed record HsNext([property: JsonPropertyName("after")] string? After);

internal sealed record HsPage<T>(
    [property: JsonPropertyName("results")] List<T>? Results,
    [property: JsonPropertyName("paging")] HsPaging? Paging,
    [property: JsonPropertyName("total")] int? Total);

internal sealed record HsFilter(
    [property: JsonPropertyName("propertyName")] string PropertyName,
    [property: JsonPropertyName("operator")] string Operator,
    [property: JsonPropertyName("value")] string Value);

internal sealed record HsFilterGroup([property: JsonPropertyName("filters")] IReadOnlyList<HsFilter> Filters);

internal sealed record HsSearchRequest(
    [property: JsonPropertyName("filterGroups")] IReadOnlyList<HsFilterGroup> FilterGroups,
    [property: JsonPropertyName("sorts")] IReadOnlyList<string> Sorts,
    [property: JsonPropertyName("properties")] IReadOnlyList<string> Properties,
    [property: JsonPropertyName("limit")] int Limit,
    [property: JsonPropertyName("after")] string After);

internal sealed record HsId([property: JsonPropertyName("id")] string Id);

internal sealed record HsBatchReadRequest(
    [property: JsonPropertyName("inputs")] IReadOnlyList<HsId> Inputs,
    [property: JsonPropertyName("properties")] IReadOnlyList<string> Properties,
    [property: JsonPropertyName("propertiesWithHistory")] IReadOnlyList<string> PropertiesWithHistory,
    [property: JsonPropertyName("archived")] bool Archived = false);

internal sealed record HsPipeline(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("label")] string? Label,
    [property: JsonPropertyName("stages")] List<HsStage>? Stages);

internal sealed record HsStage(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("label")] string? Label);

internal sealed record HsOwner(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("email")] string? Email,
    [property: JsonPropertyName("firstName")] string? FirstName,
    [property: JsonPropertyName("lastName")] string? LastName);

internal sealed record HsProperties([property: JsonPropertyName("properties")] Dictionary<string, string> Properties);

internal sealed record HsAssociationType(
    [property: JsonPropertyName("associationCategory")] string AssociationCategory,
    [property: JsonPropertyName("associationTypeId")] int AssociationTypeId);

internal sealed record HsAssociation(
    [property: JsonPropertyName("to")] HsId To,
    [property: JsonPropertyName("types")] IReadOnlyList<HsAssociationType> Types);

internal sealed record HsCreateNote(
    [property: JsonPropertyName("properties")] Dictionary<string, string> Properties,
    [property: JsonPropertyName("associations")] IReadOnlyList<HsAssociation> Associations);

internal sealed record HsError(
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("category")] string? Category);

/// <summary>
/// <c>POST /oauth/v1/token</c>'s answer: <c>token_type</c>, <c>access_token</c>, <c>refresh_token</c>, <c>expires_in</c>
/// (seconds); an error has <c>status</c> (BAD_REFRESH_TOKEN, BAD_CLIENT_ID, …) and <c>message</c>.
/// </summary>
internal sealed record HsTokenResponse(
    [property: JsonPropertyName("access_token")] string? AccessToken,
    [property: JsonPropertyName("refresh_token")] string? RefreshToken,
    [property: JsonPropertyName("expires_in")] int? ExpiresIn,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("message")] string? Message);

/// <summary>One webhook event (HubSpot's webhook docs); only the fields the sync needs.</summary>
internal sealed record HsWebhookEvent(
    [property: JsonPropertyName("objectId")] long? ObjectId,
    [property: JsonPropertyName("subscriptionType")] string? SubscriptionType,
    [property: JsonPropertyName("eventId")] long? EventId,
    [property: JsonPropertyName("occurredAt")] long? OccurredAt)
{
    [JsonPropertyName("subscriptionId")]
    public long? SubscriptionId { get; init; }
}

[JsonSerializable(typeof(HsPage<HsObject>))]
[JsonSerializable(typeof(HsPage<HsPipeline>))]
[JsonSerializable(typeof(HsPage<HsOwner>))]
[JsonSerializable(typeof(HsSearchRequest))]
[JsonSerializable(typeof(HsBatchReadRequest))]
[JsonSerializable(typeof(HsProperties))]
[JsonSerializable(typeof(HsCreateNote))]
[JsonSerializable(typeof(HsObject))]
[JsonSerializable(typeof(HsError))]
[JsonSerializable(typeof(List<HsWebhookEvent>))]
[JsonSerializable(typeof(HsTokenResponse))]
[JsonSerializable(typeof(HubSpotOAuth.Tokens))]
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class HubSpotJson : JsonSerializerContext;
