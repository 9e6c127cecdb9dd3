using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace SalesCoachBot.Slack.WebApi;

/// <summary>
/// <c>oauth.v2.access</c> with the app's client credentials: exchanges an install's code, or a rotating token's refresh
/// token. Apart from <see cref="SlackApiClient"/> because it needs no bot token: the token provider refreshes tokens
/// through it, and the client depends on the token provider.
/// </summary>
internal sealed class SlackOAuthClient(SlackWebApiTransport transport, IOptions<SlackOptions> options)
{
    public Task<SlackApiResult<OAuthAccessResponse>> AccessAsync(IReadOnlyList<KeyValuePair<string, string>> grant, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (string.IsNullOrWhiteSpace(settings.ClientId) || string.IsNullOrWhiteSpace(settings.ClientSecret))
        {
            return Task.FromResult(SlackApiResult<OAuthAccessResponse>.Failure("not_configured"));
        }

        // Client credentials go in HTTP Basic auth (Slack prefers it over form fields).
        var basic = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{settings.ClientId}:{settings.ClientSecret}"));
        return transport.SendAsync("oauth.v2.access", transport.MethodUri("oauth.v2.access"), new AuthenticationHeaderValue("Basic", basic),
            () => new FormUrlEncodedContent(grant), SlackJsonContext.Wire.OAuthAccessResponse, cancellationToken, webApi: true);
    }
}
