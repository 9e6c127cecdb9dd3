using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using SalesCoachBot.Teams.Activities;
using SalesCoachBot.Teams.Auth;

namespace SalesCoachBot.Teams.Connector;

/// <summary>What the connector did with a send or update.</summary>
internal sealed record ConnectorResult(bool Succeeded, int StatusCode, string? ActivityId = null, string? ErrorCode = null)
{
    /// <summary>The connector's Retry-After on a failed call (429 after the handler's own retries), for callers that retry later.</summary>
    public TimeSpan? RetryAfter { get; init; }

    public const string UntrustedServiceUrl = "UntrustedServiceUrl";
    public const string MessageWritesBlocked = "MessageWritesBlocked";
}

/// <summary>
/// The Bot Connector REST calls the bot makes. <c>authenticated</c> is whether the activity being
/// answered (or the stored conversation reference) came with a valid token: only then does the call
/// carry the bot's token, whatever else was seen on the same service URL.
/// </summary>
internal interface ITeamsConnector
{
    /// <summary>POST a new activity, or a reply when <paramref name="replyToId"/> is given.</summary>
    Task<ConnectorResult> SendAsync(string serviceUrl, string conversationId, Activity activity, string? replyToId, bool authenticated, CancellationToken cancellationToken);

    /// <summary>PUT: replace an activity the bot sent earlier (update a card in place).</summary>
    Task<ConnectorResult> UpdateAsync(string serviceUrl, string conversationId, string activityId, Activity activity, bool authenticated, CancellationToken cancellationToken);
}

/// <summary>
/// Typed HttpClient for the Bot Connector v3 API. Retries (429/412/502/504, Retry-After) live in
/// the resilience handler registered with it; pacing per conversation happens here, before a send.
/// </summary>
internal sealed class TeamsConnectorClient(
    HttpClient http,
    IConnectorTokenProvider tokens,
    ServiceUrlTrust trust,
    ConversationPacer pacer,
    ILogger<TeamsConnectorClient> logger) : ITeamsConnector
{
    public const string HttpClientName = "SalesCoachBot.Teams.Connector";

    public Task<ConnectorResult> SendAsync(string serviceUrl, string conversationId, Activity activity, string? replyToId, bool authenticated, CancellationToken cancellationToken) =>
        CallAsync(HttpMethod.Post, serviceUrl, conversationId, replyToId, activity, authenticated, cancellationToken);

    public Task<ConnectorResult> UpdateAsync(string serviceUrl, string conversationId, string activityId, Activity activity, bool authenticated, CancellationToken cancellationToken) =>
        CallAsync(HttpMethod.Put, serviceUrl, conversationId, activityId, activity with { Id = activityId }, authenticated, cancellationToken);

    /// <summary><c>{serviceUrl}/v3/conversations/{id}/activities[/{activityId}]</c>, with exactly one slash between parts.</summary>
    internal static Uri ActivitiesUri(string serviceUrl, string conversationId, string? activityId)
    {
        var path = $"{ServiceUrlTrust.Normalize(serviceUrl)}/v3/conversations/{Uri.EscapeDataString(conversationId)}/activities";
        return new Uri(activityId is null ? path : $"{path}/{Uri.EscapeDataString(activityId)}");
    }

    private async Task<ConnectorResult> CallAsync(HttpMethod method, string serviceUrl, string conversationId, string? activityId, Activity activity, bool authenticated, CancellationToken cancellationToken)
    {
        if (!trust.IsTrusted(serviceUrl, out var urlAuthenticated))
        {
            TeamsLog.UntrustedServiceUrl(logger, serviceUrl);
            return new ConnectorResult(false, 0, ErrorCode: ConnectorResult.UntrustedServiceUrl);
        }

        using var request = new HttpRequestMessage(method, ActivitiesUri(serviceUrl, conversationId, activityId))
        {
            Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(activity, TeamsJsonContext.Default.Activity))
            {
                Headers = { ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" } },
            },
        };

        // A token goes only in answer to an authenticated activity (a tokenless development activity
        // never gets it, even on a URL an authenticated one named), and only to URLs authenticated activities named.
        if (authenticated && urlAuthenticated && await tokens.GetTokenAsync(cancellationToken) is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        await pacer.WaitTurnAsync(conversationId, cancellationToken);
        using var response = await http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return new ConnectorResult(true, (int)response.StatusCode, ReadId(body) ?? activityId);
        }

        var code = ReadErrorCode(body);
        if (response.StatusCode == HttpStatusCode.Forbidden && code == ConnectorResult.MessageWritesBlocked)
        {
            TeamsLog.WritesBlocked(logger, conversationId);
        }
        else
        {
            TeamsLog.ConnectorFailed(logger, method.Method, conversationId, (int)response.StatusCode, code);
        }

        return new ConnectorResult(false, (int)response.StatusCode, ErrorCode: code) { RetryAfter = response.Headers.RetryAfter?.Delta };
    }

    private static string? ReadId(byte[] body)
    {
        if (body.Length == 0)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(body, TeamsJsonContext.Default.ResourceResponse)?.Id;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? ReadErrorCode(byte[] body)
    {
        if (body.Length == 0)
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.ValueKind == JsonValueKind.Object
                && doc.RootElement.TryGetProperty("error", out var error)
                && error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty("code", out var code)
                && code.ValueKind == JsonValueKind.String
                    ? code.GetString()
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
