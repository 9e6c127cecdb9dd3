using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Crm;

namespace SalesCoachBot.Crm.HubSpot;

/// <summary>
/// HubSpot OAuth: access tokens bought with the install's refresh token at <c>POST /oauth/v1/token</c> and renewed
/// <see cref="HubSpotSettings.RefreshBeforeExpiry"/> before they expire. The current tokens are kept encrypted (Data
/// Protection, as Slack's installed tokens are) in the database's installation records, so every host uses one token and
/// a restart does not buy a new one. A refresh token HubSpot refuses is <see cref="CrmAuthException"/>: the sync pauses
/// (one log line, admins told) until the app is connected again.
/// </summary>
internal sealed class HubSpotOAuth(
    HttpClient http,
    IOptions<CrmSettings> options,
    TimeProvider time,
    IDataProtectionProvider protection,
    IChannelInstallationRecords? records = null)
{
    /// <summary>The installation record's key (never a Slack team id, which starts with T or E).</summary>
    internal const string RecordKey = "crm:hubspot:oauth";

    private const string Purpose = "SalesCoachBot.Crm.HubSpot.OAuth.v1";

    private readonly IDataProtector _protector = protection.CreateProtector(Purpose);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Tokens? _current;

    /// <summary>What is kept: the tokens, when the access token expires, and which configured refresh token they came from.</summary>
    internal sealed record Tokens(
        [property: JsonPropertyName("access")] string AccessToken,
        [property: JsonPropertyName("refresh")] string RefreshToken,
        [property: JsonPropertyName("expires")] DateTimeOffset ExpiresAt,
        [property: JsonPropertyName("origin")] string Origin);

    private HubSpotSettings Settings => options.Value.HubSpot;

    /// <summary>A live access token: the one held, else the stored one, else a new one from HubSpot.</summary>
    public async Task<string> AccessTokenAsync(bool renew, CancellationToken cancellationToken)
    {
        var held = _current;
        if (!renew && held is not null && Fresh(held))
        {
            return held.AccessToken;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            // Another caller may have renewed while this one waited; a forced renewal wants a token other than the held one.
            if (_current is { } now && Fresh(now) && (!renew || !ReferenceEquals(now, held)))
            {
                return now.AccessToken;
            }

            if (!renew && await LoadAsync(cancellationToken) is { } stored && Fresh(stored))
            {
                _current = stored;
                return stored.AccessToken;
            }

            _current = await RefreshAsync(cancellationToken);
            await SaveAsync(_current, cancellationToken);
            return _current.AccessToken;
        }
        finally
        {
            _gate.Release();
        }
    }

    private bool Fresh(Tokens tokens) =>
        tokens.Origin == Origin() && tokens.ExpiresAt - Settings.RefreshBeforeExpiry > time.GetUtcNow();

    /// <summary>A hash of the configured refresh token: stored tokens bought with an older one (before a reconnect) are ignored.</summary>
    private string Origin() =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Settings.RefreshToken ?? string.Empty)))[..16];

    private async Task<Tokens> RefreshAsync(CancellationToken cancellationToken)
    {
        // HubSpot may hand back a new refresh token; the newest one held for this install is used.
        var refresh = _current is { } c && c.Origin == Origin() ? c.RefreshToken : Settings.RefreshToken!;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = Settings.ClientId!,
            ["client_secret"] = Settings.ClientSecret!,
            ["refresh_token"] = refresh,
        });
        HttpResponseMessage response;
        try
        {
            response = await http.PostAsync(new Uri(new Uri(Settings.BaseUrl.ToString().TrimEnd('/') + "/"), "oauth/v1/token"), form, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new CrmUnavailableException($"HubSpot's token endpoint is unreachable: {e.Message}", e);
        }
        catch (Exception e) when (e is TimeoutException or Polly.Timeout.TimeoutRejectedException)
        {
            throw new CrmUnavailableException($"HubSpot's token endpoint timed out: {e.Message}", e);
        }

        using (response)
        {
            if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                var error = await ReadErrorAsync(response, cancellationToken);
                // The refresh token or the app was revoked (uninstalled, secret rotated): only a person can fix it.
                throw new CrmAuthException($"HubSpot refused the OAuth refresh token ({error}): connect the app again and set Crm:HubSpot:RefreshToken");
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new CrmUnavailableException($"HubSpot's token endpoint answered {(int)response.StatusCode}");
            }

            HsTokenResponse? answer;
            try
            {
                answer = await response.Content.ReadFromJsonAsync(HubSpotJson.Default.HsTokenResponse, cancellationToken);
            }
            catch (JsonException)
            {
                answer = null;
            }

            if (answer is not { AccessToken.Length: > 0, ExpiresIn: > 0 })
            {
                throw new CrmUnavailableException("HubSpot's token endpoint sent an answer without an access token");
            }

            return new Tokens(answer.AccessToken, answer.RefreshToken is { Length: > 0 } r ? r : refresh, time.GetUtcNow().AddSeconds(answer.ExpiresIn.Value), Origin());
        }
    }

    private static async Task<string> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var error = await response.Content.ReadFromJsonAsync(HubSpotJson.Default.HsTokenResponse, cancellationToken);
            return error?.Status is { } status ? $"{(int)response.StatusCode} {status}" : $"{(int)response.StatusCode}";
        }
        catch (JsonException)
        {
            return $"{(int)response.StatusCode}";
        }
    }

    private async Task<Tokens?> LoadAsync(CancellationToken cancellationToken)
    {
        if (records is null || await records.FindAsync(RecordKey, cancellationToken) is not { } payload)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(_protector.Unprotect(payload), HubSpotJson.Default.Tokens);
        }
        catch (Exception e) when (e is CryptographicException or JsonException)
        {
            return null;   // keys lost or another key ring: a new token is bought and stored
        }
    }

    private async Task SaveAsync(Tokens tokens, CancellationToken cancellationToken)
    {
        if (records is not null)
        {
            await records.SaveAsync(RecordKey, _protector.Protect(JsonSerializer.SerializeToUtf8Bytes(tokens, HubSpotJson.Default.Tokens)), cancellationToken);
        }
    }
}

/// <summary>Puts the current OAuth access token on every HubSpot call; a 401 renews it once and repeats the call.</summary>
internal sealed class HubSpotOAuthHandler(HubSpotOAuth oauth) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await oauth.AccessTokenAsync(renew: false, cancellationToken));
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        // Revoked or expired early: one new token, one more try; a second 401 reaches the client (and pauses the sync).
        response.Dispose();
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await oauth.AccessTokenAsync(renew: true, cancellationToken));
        return await base.SendAsync(request, cancellationToken);
    }
}
