using System.Text.Json;
using System.Text.Json.Serialization;

namespace SalesCoachBot.Crm.Salesforce;

// Salesforce REST API wire shapes (OAuth token, SOQL query pages, describe, errors, composite),
// only the fields we use. Records stay JsonElement: a query's fields are whatever its SELECT named.

internal sealed record SfToken(
    [property: JsonPropertyName("access_token")] string? AccessToken,
    [property: JsonPropertyName("instance_url")] string? InstanceUrl,
    [property: JsonPropertyName("token_type")] string? TokenType);

internal sealed record SfOAuthError(
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("error_description")] string? Description);

internal sealed record SfQueryPage(
    [property: JsonPropertyName("totalSize")] int? TotalSize,
    [property: JsonPropertyName("done")] bool? Done,
    [property: JsonPropertyName("nextRecordsUrl")] string? NextRecordsUrl,
    [property: JsonPropertyName("records")] List<JsonElement>? Records);

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
[JsonSerializable(typeof(SfQueryPage))]
[JsonSerializable(typeof(List<SfError>))]
[JsonSerializable(typeof(SfDescribe))]
[JsonSerializable(typeof(SfCompositeRequest))]
[JsonSerializable(typeof(SfCompositeResponse))]
[JsonSerializable(typeof(Dictionary<string, object?>))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(JsonElement))]
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class SalesforceJson : JsonSerializerContext;
