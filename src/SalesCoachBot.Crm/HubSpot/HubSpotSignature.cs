using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SalesCoachBot.Crm.HubSpot;

/// <summary>
/// HubSpot webhook signature v3: base64(HMAC-SHA256(client secret, method + URI + body + timestamp)), the timestamp
/// (<c>X-HubSpot-Request-Timestamp</c>, ms) within 5 minutes either way, compared in constant time. The URI is the public
/// one HubSpot called (<c>PublicBaseUrl</c> + path + query), with HubSpot's documented encoded characters decoded first.
/// </summary>
internal static class HubSpotSignature
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    // HubSpot's v3 guide: these percent-encodings are decoded before signing; everything else stays as sent.
    private static readonly (string Encoded, string Decoded)[] UriDecodings =
    [
        ("%3A", ":"), ("%2F", "/"), ("%3F", "?"), ("%40", "@"), ("%21", "!"), ("%24", "$"), ("%27", "'"),
        ("%28", "("), ("%29", ")"), ("%2A", "*"), ("%2C", ","), ("%3B", ";"),
    ];

    public static string Compute(string secret, string method, string uri, ReadOnlySpan<byte> body, string timestamp)
    {
        var prefix = Encoding.UTF8.GetBytes(method + DecodeUri(uri));
        var suffix = Encoding.UTF8.GetBytes(timestamp);
        var message = new byte[prefix.Length + body.Length + suffix.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        suffix.CopyTo(message, prefix.Length + body.Length);
        return Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message));
    }

    /// <summary>Null when valid, else why not (for the log line; the caller answers 401 either way).</summary>
    public static string? Verify(string secret, string method, string uri, ReadOnlySpan<byte> body, string? timestamp, string? signature, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(signature) || string.IsNullOrEmpty(timestamp))
        {
            return "missing X-HubSpot-Signature-v3 or X-HubSpot-Request-Timestamp";
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var ms))
        {
            return "timestamp is not a number";
        }

        var at = DateTimeOffset.FromUnixTimeMilliseconds(Math.Clamp(ms, 0, 253402300799999));
        if ((now - at).Duration() > MaxAge)
        {
            return "timestamp outside the 5-minute window";
        }

        var expected = Encoding.ASCII.GetBytes(Compute(secret, method, uri, body, timestamp));
        var given = Encoding.ASCII.GetBytes(signature);
        return CryptographicOperations.FixedTimeEquals(expected, given) ? null : "signature mismatch";
    }

    internal static string DecodeUri(string uri)
    {
        var result = uri;
        foreach (var (encoded, decoded) in UriDecodings)
        {
            result = result.Replace(encoded, decoded, StringComparison.OrdinalIgnoreCase);
        }

        return result;
    }
}
