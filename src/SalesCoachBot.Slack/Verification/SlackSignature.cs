using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SalesCoachBot.Slack.Verification;

/// <summary>Why a request was or was not accepted as coming from Slack.</summary>
public enum SignatureCheck
{
    Valid,
    MissingHeaders,
    MalformedTimestamp,
    MalformedSignature,
    OutsideWindow,
    Mismatch,
}

/// <summary>
/// Slack's v0 request signature: <c>v0=hex(HMAC-SHA256(secret, "v0:{ts}:{raw body}"))</c>.
/// Unlike Bolt (which only rejects old timestamps) the window applies both ways, and the compare is constant-time.
/// </summary>
public sealed class SlackSignature(byte[] secret, TimeSpan tolerance)
{
    private const string Prefix = "v0=";
    private const int HexLength = 64;

    public SlackSignature(string secret, TimeSpan tolerance)
        : this(Encoding.UTF8.GetBytes(secret), tolerance)
    {
    }

    /// <summary>The signature Slack would send for these exact bytes.</summary>
    public string Compute(long timestamp, ReadOnlySpan<byte> body)
    {
        Span<byte> mac = stackalloc byte[32];
        ComputeMac(timestamp, body, mac);
        return Prefix + Convert.ToHexStringLower(mac);
    }

    public SignatureCheck Verify(string? timestampHeader, string? signatureHeader, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(timestampHeader) || string.IsNullOrEmpty(signatureHeader))
        {
            return SignatureCheck.MissingHeaders;
        }

        if (timestampHeader.Length > 12 ||
            !long.TryParse(timestampHeader, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp))
        {
            return SignatureCheck.MalformedTimestamp;
        }

        if (Math.Abs(now.ToUnixTimeSeconds() - timestamp) > (long)tolerance.TotalSeconds)
        {
            return SignatureCheck.OutsideWindow;
        }

        if (signatureHeader.Length != Prefix.Length + HexLength || !signatureHeader.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return SignatureCheck.MalformedSignature;
        }

        Span<byte> given = stackalloc byte[32];
        if (Convert.FromHexString(signatureHeader.AsSpan(Prefix.Length), given, out _, out var written) != OperationStatus.Done || written != 32)
        {
            return SignatureCheck.MalformedSignature;
        }

        Span<byte> expected = stackalloc byte[32];
        ComputeMac(timestamp, body, expected);
        return CryptographicOperations.FixedTimeEquals(expected, given) ? SignatureCheck.Valid : SignatureCheck.Mismatch;
    }

    private void ComputeMac(long timestamp, ReadOnlySpan<byte> body, Span<byte> destination)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, secret);
        Span<byte> head = stackalloc byte[32];
        var written = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"v0:{timestamp}:"), head);
        hmac.AppendData(head[..written]);
        hmac.AppendData(body);
        hmac.GetHashAndReset(destination);
    }
}
