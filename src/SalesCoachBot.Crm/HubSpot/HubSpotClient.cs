using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using SalesCoachBot.Core.Crm;

namespace SalesCoachBot.Crm.HubSpot;

/// <summary>A HubSpot answer that is not a success, after the resilience handler's retries.</summary>
internal sealed class HubSpotHttpException(HttpStatusCode status, string message, TimeSpan? retryAfter) : Exception(message)
{
    public HttpStatusCode Status { get; } = status;
    public TimeSpan? RetryAfter { get; } = retryAfter;
    public bool IsTransient => Status == HttpStatusCode.TooManyRequests || (int)Status >= 500;
}

/// <summary>
/// HubSpot CRM v3 over a typed <see cref="HttpClient"/> (base address and Bearer token set at registration; retries and
/// rate limits in its handlers, <see cref="HubSpotHttp"/>). 401/403 become <see cref="CrmAuthException"/>; an answer
/// we cannot read becomes <see cref="CrmUnavailableException"/>. Tokens and bodies are never logged.
/// </summary>
internal sealed class HubSpotClient(HttpClient http)
{
    public const int SearchPageSize = 100;

    /// <summary>HubSpot's search returns at most 10,000 results per query (after + limit).</summary>
    public const int SearchWindow = 10_000;

    public static readonly string[] DealProperties =
    [
        "dealname", "amount", "deal_currency_code", "dealstage", "pipeline", "hubspot_owner_id", "closedate",
        "hs_next_step", "hs_lastmodifieddate", "createdate", "closed_lost_reason",
    ];

    public Task<HsPage<HsObject>> SearchDealsAsync(DateTimeOffset? since, string? after, CancellationToken cancellationToken)
    {
        var filters = since is { } from
            ? new[] { new HsFilterGroup([new HsFilter("hs_lastmodifieddate", "GTE", from.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture))]) }
            : [];
        // HubSpot's spec (PublicObjectSearchRequest): sorts are property names ("-name" descending); after is required, "0" first.
        var body = new HsSearchRequest(filters, ["hs_lastmodifieddate"], DealProperties, SearchPageSize, after ?? "0");
        return SendAsync(HttpMethod.Post, "crm/v3/objects/deals/search", body, HubSpotJson.Default.HsSearchRequest, HubSpotJson.Default.HsPageHsObject, cancellationToken);
    }

    public Task<HsPage<HsObject>> BatchReadAsync(IReadOnlyList<string> ids, bool withHistory, CancellationToken cancellationToken)
    {
        var body = new HsBatchReadRequest([.. ids.Select(id => new HsId(id))], DealProperties, withHistory ? ["dealstage"] : []);
        return SendAsync(HttpMethod.Post, "crm/v3/objects/deals/batch/read", body, HubSpotJson.Default.HsBatchReadRequest, HubSpotJson.Default.HsPageHsObject, cancellationToken);
    }

    public Task<HsPage<HsPipeline>> PipelinesAsync(CancellationToken cancellationToken) =>
        SendAsync<object, HsPage<HsPipeline>>(HttpMethod.Get, "crm/v3/pipelines/deals", null, null, HubSpotJson.Default.HsPageHsPipeline, cancellationToken);

    public Task<HsPage<HsOwner>> OwnersAsync(string? after, CancellationToken cancellationToken) =>
        SendAsync<object, HsPage<HsOwner>>(
            HttpMethod.Get, "crm/v3/owners/?limit=100" + (after is null ? string.Empty : "&after=" + Uri.EscapeDataString(after)),
            null, null, HubSpotJson.Default.HsPageHsOwner, cancellationToken);

    public Task<HsObject> UpdateDealAsync(string id, Dictionary<string, string> properties, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Patch, "crm/v3/objects/deals/" + Uri.EscapeDataString(id), new HsProperties(properties),
            HubSpotJson.Default.HsProperties, HubSpotJson.Default.HsObject, cancellationToken);

    public Task<HsObject> CreateNoteAsync(string dealId, string text, DateTimeOffset at, CancellationToken cancellationToken)
    {
        // 214: HubSpot-defined association "note to deal".
        var body = new HsCreateNote(
            new Dictionary<string, string> { ["hs_note_body"] = text, ["hs_timestamp"] = at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) },
            [new HsAssociation(new HsId(dealId), [new HsAssociationType("HUBSPOT_DEFINED", 214)])]);
        return SendAsync(HttpMethod.Post, "crm/v3/objects/notes", body, HubSpotJson.Default.HsCreateNote, HubSpotJson.Default.HsObject, cancellationToken);
    }

    private async Task<TResponse> SendAsync<TRequest, TResponse>(
        HttpMethod method, string path, TRequest? body, JsonTypeInfo<TRequest>? requestType, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null && requestType is not null)
        {
            request.Content = JsonContent.Create(body, requestType);
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new HubSpotHttpException(HttpStatusCode.ServiceUnavailable, $"HubSpot unreachable: {e.Message}", null);
        }
        catch (Exception e) when (e is TimeoutException or Polly.Timeout.TimeoutRejectedException)
        {
            // The resilience handler's per-attempt timeout throws Polly's own exception, not TimeoutException.
            throw new HubSpotHttpException(HttpStatusCode.GatewayTimeout, $"HubSpot timed out: {e.Message}", null);
        }

        using (response)
        {
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                throw new CrmAuthException($"HubSpot answered {(int)response.StatusCode} to {method} {Path(path)}: the token is revoked, expired or lacks a scope");
            }

            if (!response.IsSuccessStatusCode && response.StatusCode != HttpStatusCode.MultiStatus)
            {
                var message = await ErrorMessageAsync(response, cancellationToken);
                throw new HubSpotHttpException(response.StatusCode, $"HubSpot answered {(int)response.StatusCode} to {method} {Path(path)}: {message}", RetryAfter(response.Headers.RetryAfter));
            }

            try
            {
                return await response.Content.ReadFromJsonAsync(responseType, cancellationToken)
                    ?? throw new CrmUnavailableException($"HubSpot sent an empty answer to {method} {Path(path)}");
            }
            catch (JsonException e)
            {
                throw new CrmUnavailableException($"HubSpot sent a malformed answer to {method} {Path(path)}", e);
            }
        }
    }

    private static string Path(string path) => path.Split('?')[0];

    private static TimeSpan? RetryAfter(RetryConditionHeaderValue? header) => header?.Delta;

    private static async Task<string> ErrorMessageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var error = await response.Content.ReadFromJsonAsync(HubSpotJson.Default.HsError, cancellationToken);
            return error?.Message is { Length: > 0 } message ? message : response.ReasonPhrase ?? "no message";
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            return response.ReasonPhrase ?? "no message";
        }
    }
}
