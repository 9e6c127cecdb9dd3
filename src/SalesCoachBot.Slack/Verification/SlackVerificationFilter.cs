using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SalesCoachBot.Slack.Verification;

/// <summary>The verified raw body of a Slack request, set by <see cref="SlackVerificationFilter"/>.</summary>
public sealed record SlackRequestBody(byte[] Bytes);

/// <summary>
/// Runs before every /slack/* handler: caps the body size (413), reads the raw bytes once, answers Slack's
/// unsigned <c>ssl_check</c>, and checks the v0 signature and timestamp window (401). Handlers parse only verified bytes.
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

        var body = await ReadBodyAsync(http.Request, max, http.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        if (IsSslCheck(http.Request, body))
        {
            return Results.Ok();
        }

        var check = signature.Verify(
            http.Request.Headers["X-Slack-Request-Timestamp"],
            http.Request.Headers["X-Slack-Signature"],
            body,
            time.GetUtcNow());
        if (check != SignatureCheck.Valid)
        {
            SlackLog.RequestRejected(logger, http.Request.Path, check);
            return Results.StatusCode(StatusCodes.Status401Unauthorized);
        }

        http.Features.Set(new SlackRequestBody(body));
        return await next(context).ConfigureAwait(false);
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int max, CancellationToken cancellationToken)
    {
        // The server's own limit as a second fence, in case Content-Length was absent (chunked).
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = max + 1L;
        }

        var buffer = new byte[request.ContentLength is { } length ? (int)length : 4096];
        var read = 0;
        while (true)
        {
            if (read == buffer.Length)
            {
                if (buffer.Length > max)
                {
                    return null;
                }

                Array.Resize(ref buffer, Math.Min(buffer.Length * 2, max + 1));
            }

            int n;
            try
            {
                n = await request.Body.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false);
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                return null;
            }

            if (n == 0)
            {
                break;
            }

            read += n;
        }

        return read > max ? null : read == buffer.Length ? buffer : buffer[..read];
    }

    /// <summary>Slack's certificate probe: <c>ssl_check=1</c>, form-encoded and unsigned. Answered 200, nothing else.</summary>
    private static bool IsSslCheck(HttpRequest request, byte[] body)
    {
        if (body.Length > 512 || !SlackForm.IsForm(request) || request.Headers.ContainsKey("X-Slack-Signature"))
        {
            return false;
        }

        var form = QueryHelpers.ParseQuery(System.Text.Encoding.UTF8.GetString(body));
        return form.TryGetValue("ssl_check", out var value) && value == "1";
    }
}

/// <summary>Content-type checks and form parsing over verified bytes.</summary>
internal static class SlackForm
{
    public static bool IsForm(HttpRequest request) =>
        request.ContentType is { } type && type.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);

    public static bool IsJson(HttpRequest request) =>
        request.ContentType is { } type && type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase);

    public static Dictionary<string, Microsoft.Extensions.Primitives.StringValues> Parse(byte[] body) =>
        QueryHelpers.ParseQuery(System.Text.Encoding.UTF8.GetString(body));
}
