using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace SalesCoachBot.Slack.WebApi;

/// <summary>
/// Sends one Web API call over the named HttpClient (whose resilience handler retries) and turns the answer into a
/// typed result: what the retries could not fix, and <c>ok:false</c>, become Slack's error code, logged once. Knows no
/// tokens: <see cref="SlackApiClient"/> adds the workspace's bot token, <see cref="SlackOAuthClient"/> the client
/// credentials, so the token provider can refresh tokens through this without depending on the client that uses it.
/// </summary>
internal sealed class SlackWebApiTransport(IHttpClientFactory httpClientFactory, IOptions<SlackOptions> options, ILogger<SlackApiClient> logger)
{
    public const string HttpClientName = "slack";

    public Uri MethodUri(string method) => new(options.Value.ApiBaseUrl, method);

    public async Task<SlackApiResult<TResponse>> SendAsync<TResponse>(
        string method, Uri uri, AuthenticationHeaderValue? authorization, Func<HttpContent> content, JsonTypeInfo<TResponse> responseInfo, CancellationToken cancellationToken, bool webApi)
        where TResponse : SlackApiResponse
    {
        var client = httpClientFactory.CreateClient(HttpClientName);
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = content() };
        request.Headers.Authorization = authorization;
        request.Options.Set(SlackResilience.Method, method);

        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            return Fail<TResponse>(method, "request_failed");
        }
        catch (TimeoutRejectedException)
        {
            return Fail<TResponse>(method, "timeout");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Fail<TResponse>(method, "timeout");
        }

        using (response)
        {
            // What the retries could not fix (or were not allowed to wait for).
            var status = (int)response.StatusCode;
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                return Fail<TResponse>(method, "ratelimited");
            }

            if (status >= 500)
            {
                return Fail<TResponse>(method, $"http_{status}");
            }

            return await ReadAsync(method, response, webApi, responseInfo, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<SlackApiResult<TResponse>> ReadAsync<TResponse>(
        string method, HttpResponseMessage response, bool webApi, JsonTypeInfo<TResponse> responseInfo, CancellationToken cancellationToken)
        where TResponse : SlackApiResponse
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!webApi)
        {
            // response_url answers plain "ok", or an error word such as "expired_url" / "invalid_blocks".
            if (response.IsSuccessStatusCode)
            {
                return SlackApiResult<TResponse>.Success((TResponse)(SlackApiResponse)new EmptyResponse { Ok = true });
            }

            var word = text.Trim();
            return Fail<TResponse>(method, word.Length is > 0 and <= 64 && word.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') ? word : $"http_{(int)response.StatusCode}");
        }

        if (!response.IsSuccessStatusCode)
        {
            return Fail<TResponse>(method, $"http_{(int)response.StatusCode}");
        }

        TResponse? value;
        try
        {
            value = JsonSerializer.Deserialize(text, responseInfo);
        }
        catch (JsonException)
        {
            value = null;
        }

        if (value is null)
        {
            return Fail<TResponse>(method, "invalid_response");
        }

        return value.Ok ? SlackApiResult<TResponse>.Success(value) : Fail<TResponse>(method, value.Error ?? "unknown_error");
    }

    public SlackApiResult<TResponse> Fail<TResponse>(string method, string error)
        where TResponse : SlackApiResponse
    {
        SlackLog.ApiFailed(logger, method, error);
        return SlackApiResult<TResponse>.Failure(error);
    }
}
