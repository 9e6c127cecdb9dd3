using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SalesCoachBot.Slack.Verification;

/// <summary>The verified raw body of a Slack request, set by <see cref="SlackVerificationFilter"/>.</summary>
internal sealed class SlackRequestBody(ReadOnlyMemory<byte> bytes)
{
    public ReadOnlyMemory<byte> Bytes { get; } = bytes;
}

/// <summary>
/// Runs before every /slack/* handler: caps the body size (413), reads the raw bytes once (400 when fewer than the
/// Content-Length arrive), answers Slack's unsigned <c>ssl_check</c>, and checks the v0 signature and timestamp window
/// (401). Handlers parse only verified bytes.
/// </summary>
internal sealed class SlackVerificationFilter(
    SlackSignature signature,
    TimeProvider time,
    IOptions<SlackOptions> options,
    ILogger<SlackVerificationFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var max = options.Value.MaxBodyBytes;
        if (http.Request.ContentLength > max)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        var (body, status) = await ReadBodyAsync(http.Request, max, http.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            return Results.StatusCode(status);
        }

        if (IsSslCheck(http.Request, body))
        {
            return Results.Ok();
        }

        var headers = http.Request.Headers;
        var check = signature.Verify(headers["X-Slack-Request-Timestamp"], headers["X-Slack-Signature"], body, time.GetUtcNow());
        if (check != SignatureCheck.Valid)
        {
            SlackLog.RequestRejected(logger, http.Request.Path, check);
            return Results.StatusCode(StatusCodes.Status401Unauthorized);
        }

        http.Features.Set(new SlackRequestBody(body));
        return await next(context).ConfigureAwait(false);
    }

    /// <summary>
    /// The whole body, at most <paramref name="max"/> bytes, or null and the status to answer. The server stops a longer
    /// body at its request size limit (set here, for chunked bodies without a Content-Length); without a length the
    /// reader waits for one byte past the limit or the end, so a server without that limit is held to it too.
    /// </summary>
    internal static async ValueTask<(byte[]? Body, int Status)> ReadBodyAsync(HttpRequest request, int max, CancellationToken cancellationToken)
    {
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = max;
        }

        PipeReader reader = request.BodyReader;
        try
        {
            // With a Content-Length (at most max, checked above) the server ends the body there.
            var wanted = request.ContentLength is { } known ? (int)known : max + 1;
            var read = await reader.ReadAtLeastAsync(wanted, cancellationToken).ConfigureAwait(false);
            var buffer = read.Buffer;
            var body = buffer.Length <= max ? buffer.ToArray() : null;
            reader.AdvanceTo(buffer.End);
            if (body is null)
            {
                return (null, StatusCodes.Status413PayloadTooLarge);
            }

            // A body that ended before its Content-Length was cut short (Kestrel throws for that; other servers end the stream).
            return body.Length < request.ContentLength ? (null, StatusCodes.Status400BadRequest) : (body, 0);
        }
        catch (BadHttpRequestException e)
        {
            // Too large for the server's limit (413), or a body cut short by the client (400): never a 500.
            return (null, e.StatusCode == StatusCodes.Status413PayloadTooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest);
        }
    }

    /// <summary>Slack's certificate probe: <c>ssl_check=1</c>, form-encoded and unsigned. Answered 200, nothing else.</summary>
    private static bool IsSslCheck(HttpRequest request, ReadOnlySpan<byte> body) =>
        body.Length <= 512
        && SlackForm.IsForm(request)
        && !request.Headers.ContainsKey("X-Slack-Signature")
        && SlackForm.Read(body, "ssl_check")[0] == "1";
}
