using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace SalesCoachBot.Slack.Installs;

internal enum OAuthStateCheck
{
    Valid,
    Malformed,
    BadSignature,
    Expired,
    CookieMismatch,
    Replayed,
}

/// <summary>
/// The OAuth <c>state</c>: <c>nonce.expiry.HMAC-SHA256(Slack:StateSecret, nonce.expiry)</c>. The nonce is also set
/// in a browser cookie, so a state only completes an install in the browser that started it; each state completes
/// at most one install.
/// </summary>
internal sealed class OAuthStateSigner(IOptions<SlackOptions> options, TimeProvider time)
{
    public const string CookieName = "slack_oauth_nonce";

    private readonly ConcurrentDictionary<string, DateTimeOffset> used = new(StringComparer.Ordinal);

    public (string State, string Nonce, DateTimeOffset ExpiresAt) Issue()
    {
        var nonce = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(18));
        var expires = time.GetUtcNow() + options.Value.StateLifetime;
        var body = $"{nonce}.{expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}";
        return ($"{body}.{Sign(body)}", nonce, expires);
    }

    /// <summary>Checks signature, expiry and cookie, and on success uses the state up.</summary>
    public OAuthStateCheck Redeem(string? state, string? cookieNonce)
    {
        var parts = state?.Split('.');
        if (parts is not [var nonce, var expiry, var signature] || nonce.Length == 0 || state!.Length > 256 ||
            !long.TryParse(expiry, NumberStyles.None, CultureInfo.InvariantCulture, out var unix))
        {
            return OAuthStateCheck.Malformed;
        }

        var expected = Encoding.ASCII.GetBytes(Sign($"{nonce}.{expiry}"));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature)))
        {
            return OAuthStateCheck.BadSignature;
        }

        var now = time.GetUtcNow();
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(unix);
        if (now >= expiresAt)
        {
            return OAuthStateCheck.Expired;
        }

        if (cookieNonce is null || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(nonce), Encoding.ASCII.GetBytes(cookieNonce)))
        {
            return OAuthStateCheck.CookieMismatch;
        }

        foreach (var stale in used.Where(kv => kv.Value <= now).Select(kv => kv.Key).ToList())
        {
            used.TryRemove(stale, out _);
        }

        return used.TryAdd(nonce, expiresAt) ? OAuthStateCheck.Valid : OAuthStateCheck.Replayed;
    }

    private string Sign(string body)
    {
        var key = Encoding.UTF8.GetBytes(options.Value.StateSecret ?? throw new InvalidOperationException("Slack:StateSecret is required for installs."));
        return WebEncoders.Base64UrlEncode(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(body)));
    }
}
