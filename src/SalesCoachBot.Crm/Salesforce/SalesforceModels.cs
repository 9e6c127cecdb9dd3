using System.Text.Json;
using System.Text.Json.Serialization;

namespace SalesCoachBot.Crm.Salesforce;

// Salesforce REST API wire shapes (OAuth token, SOQL query pages, describe, errors, composite),
// only the fields we use. Records of ad-hoc queries stay JsonElement (a query's fields are whatever its SELECT
// named); the two a sync reads by the thousand, Opportunity and OpportunityHistory, are typed (ADR 0025).

internal sealed record SfToken(
    [property: JsonPropertyName("access_token")] string? AccessToken,
    [property: JsonPropertyName("instance_url")] string? InstanceUrl,
    [property: JsonPropertyName("token_type")] string? TokenType);

internal sealed record SfOAuthError(
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("error_description")] string? Description);

internal sealed record SfQueryPage<T>(
    [property: JsonPropertyName("totalSize")] int? TotalSize,
    [property: JsonPropertyName("done")] bool? Done,
    [property: JsonPropertyName("nextRecordsUrl")] string? NextRecordsUrl,
    [property: JsonPropertyName("records")] List<T>? Records);

/// <summary>
/// An Opportunity as the sync's SELECT names it. Lenient like the <see cref="JsonElement"/> reading it replaced: a
/// field of an unexpected JSON type reads as null rather than failing the page (<see cref="SfLenient"/>).
/// </summary>
internal sealed class SfOpportunity
{
    [JsonPropertyName("Id")][JsonConverter(typeof(SfLenientString))] public string? Id { get; init; }
    [JsonPropertyName("Name")][JsonConverter(typeof(SfLenientString))] public string? Name { get; init; }
    [JsonPropertyName("Amount")][JsonConverter(typeof(SfLenientDecimal))] public decimal? Amount { get; init; }
    [JsonPropertyName("CurrencyIsoCode")][JsonConverter(typeof(SfLenientString))] public string? CurrencyIsoCode { get; init; }
    [JsonPropertyName("StageName")][JsonConverter(typeof(SfLenientString))] public string? StageName { get; init; }
    [JsonPropertyName("OwnerId")][JsonConverter(typeof(SfLenientString))] public string? OwnerId { get; init; }
    [JsonPropertyName("CloseDate")][JsonConverter(typeof(SfLenientDate))] public DateTimeOffset? CloseDate { get; init; }
    [JsonPropertyName("NextStep")][JsonConverter(typeof(SfLenientString))] public string? NextStep { get; init; }
    [JsonPropertyName("IsDeleted")][JsonConverter(typeof(SfLenientBool))] public bool? IsDeleted { get; init; }
    [JsonPropertyName("CreatedDate")][JsonConverter(typeof(SfLenientDate))] public DateTimeOffset? CreatedDate { get; init; }
    [JsonPropertyName("SystemModstamp")][JsonConverter(typeof(SfLenientDate))] public DateTimeOffset? SystemModstamp { get; init; }
    [JsonPropertyName("LastStageChangeDate")][JsonConverter(typeof(SfLenientDate))] public DateTimeOffset? LastStageChangeDate { get; init; }
}

/// <summary>One OpportunityHistory row: the stage an opportunity entered, and when.</summary>
internal sealed class SfHistoryRow
{
    [JsonPropertyName("OpportunityId")][JsonConverter(typeof(SfLenientString))] public string? OpportunityId { get; init; }
    [JsonPropertyName("StageName")][JsonConverter(typeof(SfLenientString))] public string? StageName { get; init; }
    [JsonPropertyName("CreatedDate")][JsonConverter(typeof(SfLenientDate))] public DateTimeOffset? CreatedDate { get; init; }
}

/// <summary>One entry of a REST error body (Salesforce answers a list of them).</summary>
internal sealed record SfError(
    [property: JsonPropertyName("errorCode")] string? ErrorCode,
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("fields")] List<string>? Fields);

internal sealed record SfDescribe(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("fields")] List<SfField>? Fields);

internal sealed record SfField([property: JsonPropertyName("name")] string? Name);

internal sealed record SfCompositeRequest(
    [property: JsonPropertyName("allOrNone")] bool AllOrNone,
    [property: JsonPropertyName("compositeRequest")] IReadOnlyList<SfSubrequest> CompositeRequest);

internal sealed record SfSubrequest(
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("referenceId")] string ReferenceId,
    [property: JsonPropertyName("body")] Dictionary<string, object?>? Body);

internal sealed record SfCompositeResponse([property: JsonPropertyName("compositeResponse")] List<SfSubresponse>? CompositeResponse);

internal sealed record SfSubresponse(
    [property: JsonPropertyName("body")] JsonElement Body,
    [property: JsonPropertyName("httpStatusCode")] int HttpStatusCode,
    [property: JsonPropertyName("referenceId")] string? ReferenceId);

[JsonSerializable(typeof(SfToken))]
[JsonSerializable(typeof(SfOAuthError))]
[JsonSerializable(typeof(SfQueryPage<JsonElement>))]
[JsonSerializable(typeof(SfQueryPage<SfOpportunity>))]
[JsonSerializable(typeof(SfQueryPage<SfHistoryRow>))]
[JsonSerializable(typeof(List<SfError>))]
[JsonSerializable(typeof(SfDescribe))]
[JsonSerializable(typeof(SfCompositeRequest))]
[JsonSerializable(typeof(SfCompositeResponse))]
[JsonSerializable(typeof(Dictionary<string, object?>))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(JsonElement))]
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, Converters = [typeof(SfHistoryRowsConverter)])]
internal sealed partial class SalesforceJson : JsonSerializerContext;
