using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.ObjectPool;

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
internal sealed class SlackSignature(byte[] secret, TimeSpan tolerance)
{
    /// <summary>
    /// HMAC instances keyed with the secret, reused: the one-shot <see cref="HMACSHA256.HashData(byte[], byte[])"/>
    /// sets up a new OpenSSL context for every request, which was ~5 % of a <c>/coach</c> request's CPU.
    /// </summary>
    private readonly ObjectPool<IncrementalHash> _macs = new DefaultObjectPool<IncrementalHash>(new KeyedMacPolicy(secret));

    private const string Prefix = "v0=";
    private const int HexLength = 64;

    /// <summary><c>v0:</c>, at most 12 digits (the header check allows no more), <c>:</c>.</summary>
    private const int MaxHeadLength = 16;

    public SlackSignature(string secret, TimeSpan tolerance)
        : this(Encoding.UTF8.GetBytes(secret), tolerance)
    {
    }

    /// <summary>The signature Slack would send for these exact bytes.</summary>
    public string Compute(long timestamp, ReadOnlySpan<byte> body)
    {
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        Mac(timestamp, body, mac);
        return Prefix + Convert.ToHexStringLower(mac);
    }

    /// <summary>Checks the headers, the timestamp window and, last, the HMAC of the raw body.</summary>
    public SignatureCheck Verify(string? timestampHeader, string? signatureHeader, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        Span<byte> given = stackalloc byte[HMACSHA256.HashSizeInBytes];
        var check = CheckHeaders(timestampHeader, signatureHeader, now, given, out var timestamp);
        if (check != SignatureCheck.Valid)
        {
            return check;
        }

        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        Mac(timestamp, body, expected);
        return CryptographicOperations.FixedTimeEquals(expected, given) ? SignatureCheck.Valid : SignatureCheck.Mismatch;
    }

    /// <summary>The HMAC of the base string <c>v0:{ts}:{body}</c>, fed in two parts to a pooled keyed instance.</summary>
    private void Mac(long timestamp, ReadOnlySpan<byte> body, Span<byte> destination)
    {
        Span<byte> head = stackalloc byte[MaxHeadLength];
        var headLength = WriteHead(timestamp, head);
        // Returned only when the hash was read (and so reset): an instance an exception left half-fed is not reused.
        var mac = _macs.Get();
        mac.AppendData(head[..headLength]);
        mac.AppendData(body);
        mac.GetHashAndReset(destination);
        _macs.Return(mac);
    }

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

        if (Convert.FromHexString(signatureHeader.AsSpan(Prefix.Length), given, out _, out var written) != OperationStatus.Done
            || written != HMACSHA256.HashSizeInBytes)
        {
            return SignatureCheck.MalformedSignature;
        }

        return SignatureCheck.Valid;
    }

    /// <summary><c>v0:{timestamp}:</c> as ASCII; returns its length.</summary>
    private static int WriteHead(long timestamp, Span<byte> destination)
    {
        "v0:"u8.CopyTo(destination);
        if (!timestamp.TryFormat(destination[3..MaxHeadLength], out var digits, default, CultureInfo.InvariantCulture) || 3 + digits >= MaxHeadLength)
        {
            throw new ArgumentOutOfRangeException(nameof(timestamp), "A Slack timestamp has at most 12 digits.");
        }

        destination[3 + digits] = (byte)':';
        return 4 + digits;
    }

    /// <summary>Creates instances keyed with the secret.</summary>
    private sealed class KeyedMacPolicy(byte[] secret) : PooledObjectPolicy<IncrementalHash>
    {
        public override IncrementalHash Create() => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, secret);

        public override bool Return(IncrementalHash obj) => true;
    }
}
