using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;
using SalesCoachBot.Core.Crm;

namespace SalesCoachBot.Crm.Salesforce;

/// <summary>A Salesforce answer that is not a success, after the resilience handler's retries.</summary>
internal sealed class SalesforceHttpException(HttpStatusCode status, string message, TimeSpan? retryAfter, string? errorCode) : Exception(message)
{
    public HttpStatusCode Status { get; } = status;
    public TimeSpan? RetryAfter { get; } = retryAfter;
    public string? ErrorCode { get; } = errorCode;

    /// <summary>Worth trying again later: 429 / 5xx, the org's API limit, a record locked by another transaction.</summary>
    public bool IsTransient => Status == HttpStatusCode.TooManyRequests || (int)Status >= 500
        || ErrorCode is "REQUEST_LIMIT_EXCEEDED" or "UNABLE_TO_LOCK_ROW" or SalesforceClient.UsageGuardCode;
}

/// <summary>
/// The Salesforce REST API (<c>/services/data/vXX.X/</c>) over a typed <see cref="HttpClient"/> whose handlers retry
/// 429 / 5xx (honouring Retry-After) and cap concurrent calls. Every call carries the session's token; a 401 signs in
/// again once and repeats the call, a second 401 is <see cref="CrmAuthException"/>. The org's daily API usage
/// (<c>Sforce-Limit-Info: api-usage=used/max</c>) is read from every answer; above
/// <c>Crm:Salesforce:MaxApiUsagePercent</c> the client makes no call for 15 minutes. Tokens and bodies are never logged.
/// </summary>
internal sealed class SalesforceClient(HttpClient http, SalesforceAuth auth, IOptions<CrmSettings> options, TimeProvider time)
{
    public const string UsageGuardCode = "API_USAGE_GUARD";

    /// <summary>Records per query page we ask for (Salesforce allows 200 to 2,000).</summary>
    public const int QueryBatchSize = 2000;

    private static readonly TimeSpan UsageWait = TimeSpan.FromMinutes(15);

    /// <summary>How long an answer's body may take once its headers came (the resilience handler times the headers).</summary>
    private static readonly TimeSpan BodyTimeout = TimeSpan.FromSeconds(30);
    private readonly Lock _usageGate = new();
    private (long Used, long Max, DateTimeOffset At)? _usage;

    private SalesforceSettings Settings => options.Value.Salesforce;

    public string DataPath => $"/services/data/v{Settings.ApiVersion}/";

    /// <summary>The last <c>api-usage</c> Salesforce reported: requests used in the last 24 hours, and the org's allocation.</summary>
    public (long Used, long Max)? ApiUsage
    {
        get
        {
            lock (_usageGate)
            {
                return _usage is { } u ? (u.Used, u.Max) : null;
            }
        }
    }

    /// <summary>Every record a SOQL query returns, following <c>nextRecordsUrl</c>; <paramref name="all"/> includes deleted ones (queryAll).</summary>
    public IAsyncEnumerable<JsonElement> QueryAsync(string soql, bool all, CancellationToken cancellationToken) =>
        QueryAsync(soql, all, SalesforceJson.Default.SfQueryPageJsonElement, cancellationToken);

    /// <summary>The same, records read straight into <typeparamref name="T"/> (the sync's Opportunity and history pages).</summary>
    public async IAsyncEnumerable<T> QueryAsync<T>(string soql, bool all, JsonTypeInfo<SfQueryPage<T>> type, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var path = $"{DataPath}{(all ? "queryAll" : "query")}?q={Uri.EscapeDataString(soql)}";
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (path is not null)
        {
            var page = await SendAsync(HttpMethod.Get, path, null, type, cancellationToken, batched: true)
                ?? throw new CrmUnavailableException("Salesforce sent an empty query answer");
            foreach (var record in page.Records ?? [])
            {
                yield return record;
            }

            // A page that names itself (or an earlier page) again would never end.
            path = page.Done == true || page.NextRecordsUrl is not { Length: > 0 } next || !seen.Add(next) ? null : next;
        }
    }

    public async Task<SfDescribe> DescribeAsync(string sobject, CancellationToken cancellationToken) =>
        await SendAsync(HttpMethod.Get, $"{DataPath}sobjects/{sobject}/describe", null, SalesforceJson.Default.SfDescribe, cancellationToken)
        ?? throw new CrmUnavailableException($"Salesforce sent an empty describe of {sobject}");

    public Task<SfCompositeResponse?> CompositeAsync(SfCompositeRequest request, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"{DataPath}composite", JsonContent.Create(request, SalesforceJson.Default.SfCompositeRequest),
            SalesforceJson.Default.SfCompositeResponse, cancellationToken);

    private async Task<T?> SendAsync<T>(
        HttpMethod method, string path, HttpContent? content, JsonTypeInfo<T> type, CancellationToken cancellationToken, bool batched = false)
    {
        GuardUsage();
        // The body is kept as bytes: a 401 repeats the call with a new request and the same body.
        var body = content is null ? null : await content.ReadAsByteArrayAsync(cancellationToken);
        var contentType = content?.Headers.ContentType;
        content?.Dispose();
        var session = await auth.GetAsync(cancellationToken);
        for (var attempt = 0; ; attempt++)
        {
            HttpResponseMessage response;
            try
            {
                using var request = new HttpRequestMessage(method, new Uri(session.InstanceUrl, path));
                if (body is not null)
                {
                    request.Content = new ByteArrayContent(body);
                    request.Content.Headers.ContentType = contentType;
                }

                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session.AccessToken);
                if (batched)
                {
                    request.Headers.Add("Sforce-Query-Options", $"batchSize={QueryBatchSize}");
                }

                // Headers only: the body is read as it streams in. A query page is 1–2 MB; buffered whole it was a
                // large-object-heap array per page, and those collections were most of a full sync's GC time.
                response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            }
            catch (HttpRequestException e)
            {
                throw new SalesforceHttpException(HttpStatusCode.ServiceUnavailable, $"Salesforce unreachable: {e.Message}", null, null);
            }
            catch (Exception e) when (e is TimeoutException or Polly.Timeout.TimeoutRejectedException)
            {
                // The resilience handler's per-attempt timeout: a slow org is "unavailable, try later", not a crash.
                throw new SalesforceHttpException(HttpStatusCode.GatewayTimeout, $"Salesforce timed out: {e.Message}", null, null);
            }

            using (response)
            {
                TrackUsage(response);
                if (response.StatusCode == HttpStatusCode.Unauthorized)
                {
                    if (attempt == 0)
                    {
                        session = await auth.RenewAsync(session, cancellationToken);
                        continue;
                    }

                    throw new CrmAuthException($"Salesforce answered 401 to {method} {Path(path)} after signing in again: the session or the connected app was revoked");
                }

                if (!response.IsSuccessStatusCode)
                {
                    var (code, message) = await ErrorAsync(response, cancellationToken);
                    throw new SalesforceHttpException(response.StatusCode,
                        $"Salesforce answered {(int)response.StatusCode} to {method} {Path(path)}: {(code is null ? message : $"{code}: {message}")}",
                        response.Headers.RetryAfter?.Delta ?? (code == "REQUEST_LIMIT_EXCEEDED" ? TimeSpan.FromHours(1) : null), code);
                }

                if (response.StatusCode == HttpStatusCode.NoContent)
                {
                    return default;
                }

                using var bodyTimeout = new CancellationTokenSource(BodyTimeout, time);
                using var reading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, bodyTimeout.Token);
                try
                {
                    return await response.Content.ReadFromJsonAsync(type, reading.Token);
                }
                catch (JsonException e)
                {
                    throw new CrmUnavailableException($"Salesforce sent a malformed answer to {method} {Path(path)}", e);
                }
                catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new SalesforceHttpException(HttpStatusCode.GatewayTimeout, $"Salesforce timed out sending its answer to {method} {Path(path)}: {e.Message}", null, null);
                }
                catch (Exception e) when (e is IOException or HttpRequestException)
                {
                    throw new SalesforceHttpException(HttpStatusCode.ServiceUnavailable, $"Salesforce unreachable while sending its answer to {method} {Path(path)}: {e.Message}", null, null);
                }
            }
        }
    }

    private void GuardUsage()
    {
        lock (_usageGate)
        {
            if (_usage is { } u && u.Max > 0 && u.Used * 100 >= u.Max * Settings.MaxApiUsagePercent && time.GetUtcNow() - u.At < UsageWait)
            {
                throw new SalesforceHttpException(HttpStatusCode.TooManyRequests,
                    $"Salesforce's daily API requests are at {u.Used} of {u.Max}, over Crm:Salesforce:MaxApiUsagePercent ({Settings.MaxApiUsagePercent}%); no call for {UsageWait.TotalMinutes:0} minutes",
                    UsageWait, UsageGuardCode);
            }
        }
    }

    private void TrackUsage(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Sforce-Limit-Info", out var values))
        {
            return;
        }

        foreach (var part in values.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries)))
        {
            if (part.StartsWith("api-usage=", StringComparison.Ordinal) && part["api-usage=".Length..].Split('/') is [var used, var max]
                && long.TryParse(used, NumberStyles.None, CultureInfo.InvariantCulture, out var u)
                && long.TryParse(max, NumberStyles.None, CultureInfo.InvariantCulture, out var m))
            {
                lock (_usageGate)
                {
                    _usage = (u, m, time.GetUtcNow());
                }
            }
        }
    }

    private static string Path(string path) => path.Split('?')[0];

    /// <summary>Salesforce's error body: a list of {errorCode, message}; the first one is what it refused.</summary>
    internal static async Task<(string? Code, string Message)> ErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var errors = await response.Content.ReadFromJsonAsync(SalesforceJson.Default.ListSfError, cancellationToken);
            return errors is [var first, ..] ? (first.ErrorCode, first.Message ?? "no message") : (null, response.ReasonPhrase ?? "no message");
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            return (null, response.ReasonPhrase ?? "no message");
        }
    }
}
