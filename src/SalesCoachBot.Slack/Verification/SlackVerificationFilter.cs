using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SalesCoachBot.Slack.Verification;

/// <summary>The verified raw body of a Slack request, set by <see cref="SlackVerificationFilter"/>.</summary>
public sealed class SlackRequestBody(ReadOnlyMemory<byte> bytes)
{
    public ReadOnlyMemory<byte> Bytes { get; } = bytes;
}

/// <summary>
/// Runs before every /slack/* handler: caps the body size (413), reads the raw bytes once, answers Slack's
/// unsigned <c>ssl_check</c>, and checks the v0 signature and timestamp window (401). Handlers parse only verified bytes.
/// The body is read once into a buffer with room in front for <c>v0:{ts}:</c>, so the HMAC runs over it in place.
/// </summary>
internal sealed class SlackVerificationFilter(
    SlackSignature signature,
    TimeProvider time,
    IOptions<SlackOptions> options,
    ILogger<SlackVerificationFilter> logger) : IEndpointFilter
{
    private const int Room = SlackSignature.PrefixRoom;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var max = options.Value.MaxBodyBytes;
        if (http.Request.ContentLength > max)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        var (buffer, length, status) = await ReadBodyAsync(http.Request, max, http.RequestAborted).ConfigureAwait(false);
        if (buffer is null)
        {
            return Results.StatusCode(status);
        }

        var body = new ReadOnlyMemory<byte>(buffer, Room, length);
        if (IsSslCheck(http.Request, body.Span))
        {
            return Results.Ok();
        }

        var headers = http.Request.Headers;
        var check = signature.VerifyInPlace(headers["X-Slack-Request-Timestamp"], headers["X-Slack-Signature"], buffer.AsSpan(0, Room + length), time.GetUtcNow());
        if (check != SignatureCheck.Valid)
        {
            SlackLog.RequestRejected(logger, http.Request.Path, check);
            return Results.StatusCode(StatusCodes.Status401Unauthorized);
        }

        http.Features.Set(new SlackRequestBody(body));
        return await next(context).ConfigureAwait(false);
    }

    /// <summary>The body at offset <see cref="Room"/> of the returned buffer, or a null buffer and the status to answer.</summary>
    private static async ValueTask<(byte[]? Buffer, int Length, int Status)> ReadBodyAsync(HttpRequest request, int max, CancellationToken cancellationToken)
    {
        // The server's own limit as a second fence, in case Content-Length was absent (chunked).
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = max + 1L;
        }

        try
        {
            if (request.ContentLength is { } known)
            {
                // Kestrel enforces Content-Length, so one read of exactly that many bytes is the whole body.
                var exact = new byte[Room + (int)known];
                var got = known == 0 ? 0 : await request.Body.ReadAtLeastAsync(exact.AsMemory(Room), (int)known, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                return got == known ? (exact, got, 0) : (null, 0, StatusCodes.Status400BadRequest);
            }

            var buffer = new byte[Room + 4096];
            var read = 0;
            while (true)
            {
                if (Room + read == buffer.Length)
                {
                    if (read > max)
                    {
                        return (null, 0, StatusCodes.Status413PayloadTooLarge);
                    }

                    Array.Resize(ref buffer, Room + Math.Min(read * 2, max + 1));
                }

                var n = await request.Body.ReadAsync(buffer.AsMemory(Room + read), cancellationToken).ConfigureAwait(false);
                if (n == 0)
                {
                    break;
                }

                read += n;
            }

            return read > max ? (null, 0, StatusCodes.Status413PayloadTooLarge) : (buffer, read, 0);
        }
        catch (BadHttpRequestException e)
        {
            // Too large for the server's fence (413), or a body cut short by the client (400): never a 500.
            return (null, 0, e.StatusCode == StatusCodes.Status413PayloadTooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest);
        }
    }

    /// <summary>Slack's certificate probe: <c>ssl_check=1</c>, form-encoded and unsigned. Answered 200, nothing else.</summary>
    private static bool IsSslCheck(HttpRequest request, ReadOnlySpan<byte> body)
    {
        if (body.Length > 512 || !SlackForm.IsForm(request) || request.Headers.ContainsKey("X-Slack-Signature"))
        {
            return false;
        }

        Span<string?> value = new string?[1];
        SlackForm.Read(body, ["ssl_check"], value);
        return value[0] == "1";
    }
}

/// <summary>Content-type checks and form parsing over verified bytes.</summary>
internal static class SlackForm
{
    public static bool IsForm(HttpRequest request) =>
        request.ContentType is { } type && type.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);

    public static bool IsJson(HttpRequest request) =>
        request.ContentType is { } type && type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The values of <paramref name="names"/> in a form body, as ASP.NET Core's query parser reads them.
    /// A field that is missing, empty or given more than once reads as null (Slack sends each field once).
    /// </summary>
    public static void Read(ReadOnlySpan<byte> body, ReadOnlySpan<string> names, Span<string?> values)
    {
        if (values.Length < names.Length)
        {
            throw new ArgumentException("One value slot per name.", nameof(values));
        }

        // Read as ParseQuery would (pairs split on '&', names before the first '=', '+' as space, %XX unescaped,
        // case-insensitive names), straight from the bytes: only the wanted values become strings.
        Span<int> seen = stackalloc int[names.Length];
        values[..names.Length].Clear();
        var rest = body.StartsWith("?"u8) ? body[1..] : body;
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOf((byte)'&');
            var pair = end < 0 ? rest : rest[..end];
            rest = end < 0 ? default : rest[(end + 1)..];
            var split = pair.IndexOf((byte)'=');
            var name = split < 0 ? pair : pair[..split];
            if (name.IsEmpty)
            {
                continue;
            }

            // A name that is not plain ASCII (escaped, '+', non-ASCII) is decoded once and compared as text.
            var decodedName = name.IndexOfAnyExcept(PlainAscii) < 0 ? null : Decode(name);
            for (var i = 0; i < names.Length; i++)
            {
                if (decodedName is null ? System.Text.Ascii.EqualsIgnoreCase(name, names[i]) : decodedName.Equals(names[i], StringComparison.OrdinalIgnoreCase))
                {
                    var value = split < 0 ? [] : pair[(split + 1)..];
                    values[i] = ++seen[i] == 1 && !value.IsEmpty ? Decode(value) : null;
                }
            }
        }
    }

    private static string Decode(ReadOnlySpan<byte> encoded)
    {
        var text = System.Text.Encoding.UTF8.GetString(encoded);
        var spaced = encoded.Contains((byte)'+') ? text.Replace('+', ' ') : text;
        return encoded.Contains((byte)'%') ? Uri.UnescapeDataString(spaced) : spaced;
    }

    /// <summary>Bytes a form name can hold that decode to themselves: ASCII other than '%' and '+'.</summary>
    private static readonly System.Buffers.SearchValues<byte> PlainAscii = System.Buffers.SearchValues.Create(
        [.. Enumerable.Range(0x20, 0x5F).Select(b => (byte)b).Where(b => b is not (byte)'%' and not (byte)'+')]);
}
