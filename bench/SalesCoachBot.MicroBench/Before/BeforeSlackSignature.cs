using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

using SalesCoachBot.Slack.Verification;

namespace SalesCoachBot.MicroBench.Before;

/// <summary>
/// The removed check (one keyed HMAC per thread, 16 bytes of room in front of every body). Slack's v0 request signature: <c>v0=hex(HMAC-SHA256(secret, "v0:{ts}:{raw body}"))</c>.
/// Unlike Bolt (which only rejects old timestamps) the window applies both ways, and the compare is constant-time.
/// </summary>
internal sealed class BeforeSlackSignature(byte[] secret, TimeSpan tolerance) : IDisposable
{
    private const string Prefix = "v0=";
    private const int HexLength = 64;

    // One keyed HMAC per thread, reset after each use: the one-shot call set up a native context and the key
    // on every request, as much work as hashing a 1 KB body.
    private readonly ThreadLocal<IncrementalHash> hmacs = new(() => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, secret));

    public BeforeSlackSignature(string secret, TimeSpan tolerance)
        : this(Encoding.UTF8.GetBytes(secret), tolerance)
    {
    }

    /// <summary>The signature Slack would send for these exact bytes.</summary>
    public string Compute(long timestamp, ReadOnlySpan<byte> body)
    {
        var buffer = WithRoom(body);
        Span<byte> mac = stackalloc byte[32];
        MacInPlace(timestamp, buffer, mac);
        return Prefix + Convert.ToHexStringLower(mac);
    }

    /// <summary>Free bytes a caller leaves in front of the body for <see cref="VerifyInPlace"/>: <c>v0:</c>, up to 12 digits, <c>:</c>.</summary>
    public const int PrefixRoom = 16;

    /// <summary>The check for a body held without room in front: copies it, then <see cref="VerifyInPlace"/>.</summary>
    public SignatureCheck Verify(string? timestampHeader, string? signatureHeader, ReadOnlySpan<byte> body, DateTimeOffset now) =>
        VerifyInPlace(timestampHeader, signatureHeader, WithRoom(body), now);

    /// <summary>
    /// The same check without copying the body: <paramref name="buffer"/> holds the raw body at
    /// <see cref="PrefixRoom"/>, and the bytes in front of it are overwritten with <c>v0:{ts}:</c> so the whole
    /// base string is hashed in one call.
    /// </summary>
    public SignatureCheck VerifyInPlace(string? timestampHeader, string? signatureHeader, Span<byte> buffer, DateTimeOffset now)
    {
        if (buffer.Length < PrefixRoom)
        {
            throw new ArgumentException($"The buffer must start with {PrefixRoom} free bytes.", nameof(buffer));
        }

        Span<byte> given = stackalloc byte[32];
        var check = CheckHeaders(timestampHeader, signatureHeader, now, given, out var timestamp);
        if (check != SignatureCheck.Valid)
        {
            return check;
        }

        Span<byte> expected = stackalloc byte[32];
        MacInPlace(timestamp, buffer, expected);
        return CryptographicOperations.FixedTimeEquals(expected, given) ? SignatureCheck.Valid : SignatureCheck.Mismatch;
    }

    private static byte[] WithRoom(ReadOnlySpan<byte> body)
    {
        var buffer = new byte[PrefixRoom + body.Length];
        body.CopyTo(buffer.AsSpan(PrefixRoom));
        return buffer;
    }

    /// <summary>Writes <c>v0:{ts}:</c> just in front of the body and hashes the whole base string in one call.</summary>
    private void MacInPlace(long timestamp, Span<byte> buffer, Span<byte> destination)
    {
        Span<byte> head = stackalloc byte[PrefixRoom];
        var length = WriteHead(timestamp, head);
        var start = PrefixRoom - length;
        head[..length].CopyTo(buffer[start..]);
        var hmac = hmacs.Value!;
        hmac.AppendData(buffer[start..]);
        hmac.GetHashAndReset(destination);
    }

    public void Dispose() => hmacs.Dispose();

    private SignatureCheck CheckHeaders(string? timestampHeader, string? signatureHeader, DateTimeOffset now, Span<byte> given, out long timestamp)
    {
        timestamp = 0;
        if (string.IsNullOrEmpty(timestampHeader) || string.IsNullOrEmpty(signatureHeader))
        {
            return SignatureCheck.MissingHeaders;
        }

        if (timestampHeader.Length > 12 ||
            !long.TryParse(timestampHeader, NumberStyles.None, CultureInfo.InvariantCulture, out timestamp))
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

        if (Convert.FromHexString(signatureHeader.AsSpan(Prefix.Length), given, out _, out var written) != OperationStatus.Done || written != 32)
        {
            return SignatureCheck.MalformedSignature;
        }

        return SignatureCheck.Valid;
    }

    /// <summary><c>v0:{timestamp}:</c> as ASCII; at most <see cref="PrefixRoom"/> bytes for the 12 digits the checks allow.</summary>
    private static int WriteHead(long timestamp, Span<byte> destination)
    {
        "v0:"u8.CopyTo(destination);
        if (!timestamp.TryFormat(destination[3..], out var digits, default, CultureInfo.InvariantCulture) || 3 + digits >= destination.Length)
        {
            throw new InvalidOperationException("Timestamp too long for the signature prefix.");
        }

        destination[3 + digits] = (byte)':';
        return 4 + digits;
    }
}
