using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SalesCoachBot.Teams.Activities;
using SalesCoachBot.Teams.Auth;
using SalesCoachBot.Teams.Dispatch;

namespace SalesCoachBot.Teams;

/// <summary>
/// The HTTP edge of <c>POST /api/messages</c>: size limit, authentication, parsing, channel,
/// endorsement and tenant checks, then dispatch. Every refusal happens before anything is
/// processed, read or stored, and answers in protocol terms (401, 400, 403, 413), never 500.
/// Scoped: one per request, with the request's <see cref="ActivityDispatcher"/> in its constructor.
/// </summary>
internal sealed class TeamsRequestHandler(
    IOptions<TeamsOptions> options,
    TeamsChannelState state,
    BotTokenValidator validator,
    ServiceUrlTrust trust,
    ActivityDispatcher dispatcher,
    ILogger<TeamsRequestHandler> logger)
{
    /// <summary>The only channel served: Web Chat, Direct Line and every other Bot Framework channel are refused.</summary>
    internal const string TeamsChannelId = "msteams";

    private readonly TeamsOptions options = options.Value;
    private readonly IReadOnlySet<string> tenants = state.ServedTenants;

    public async Task HandleAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        var limit = options.MaxBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            await RefuseAsync(context, StatusCodes.Status413PayloadTooLarge, "body too large");
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = limit;
        }

        // Authenticate before reading anything the sender wrote.
        var header = context.Request.Headers.Authorization.ToString();
        var authenticated = true;
        TokenCheck? token = null;
        if (state.AllowUnauthenticated && header.Length == 0)
        {
            authenticated = false;
        }
        else
        {
            var check = await validator.ValidateAsync(header, cancellationToken);
            if (!check.IsValid)
            {
                await RefuseAsync(context, check.MetadataUnavailable ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status401Unauthorized, check.FailureReason!);
                return;
            }

            token = check;
        }

        var (body, status) = await ReadBodyAsync(context.Request, limit, cancellationToken);
        if (body is null)
        {
            await RefuseAsync(context, status, status == StatusCodes.Status413PayloadTooLarge ? "body too large" : "body cut short");
            return;
        }

        Activity? activity;
        try
        {
            // Every string checked once here, so that the fields read later (channelData, value,
            // the tenant) cannot fail deep in a turn.
            activity = ReadableJson.IsReadable(body) ? JsonSerializer.Deserialize(body, TeamsJsonContext.Default.Activity) : null;
        }
        catch (JsonException)
        {
            activity = null;
        }

        if (Problem(activity) is { } problem)
        {
            TeamsLog.BadActivity(logger, problem);
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        if (token is not null && !SameServiceUrl(token.ServiceUrlClaim, activity!.ServiceUrl!))
        {
            await RefuseAsync(context, StatusCodes.Status401Unauthorized, "serviceurl claim does not match the activity");
            return;
        }

        if (!string.Equals(activity!.ChannelId, TeamsChannelId, StringComparison.Ordinal))
        {
            TeamsLog.ChannelRejected(logger, Shorten(activity.ChannelId ?? "(none)"));
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        // Checked per activity, remembered token or not: one token may come with activities of several channels.
        if (token is not null && !token.IsEndorsedFor(activity.ChannelId))
        {
            await RefuseAsync(context, StatusCodes.Status401Unauthorized, "signing key not endorsed for the activity's channel");
            return;
        }

        if (tenants.Count > 0 && !FromServedTenant(activity))
        {
            TeamsLog.TenantRejected(logger, Shorten(activity.TenantId ?? activity.Conversation?.TenantId ?? "(none)"));
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        trust.Trust(activity.ServiceUrl!, authenticated);
        DispatchResult result;
        try
        {
            result = await dispatcher.DispatchAsync(activity, authenticated, cancellationToken);
        }
        catch (Exception ex) when (IsParseFailure(ex))
        {
            // The edge check above should make this unreachable; if a field still cannot be read, it is the sender's input.
            TeamsLog.UnreadableActivity(logger, ex.GetType().Name);
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        context.Response.StatusCode = result.StatusCode;
        if (result.InvokeResponse is { } invoke)
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            await JsonSerializer.SerializeAsync(context.Response.Body, invoke, TeamsJsonContext.Default.AdaptiveCardInvokeResponse, cancellationToken);
        }
    }

    private Task RefuseAsync(HttpContext context, int statusCode, string reason)
    {
        TeamsLog.AuthRejected(logger, reason);
        context.Response.StatusCode = statusCode;
        return Task.CompletedTask;
    }

    private static string? Problem(Activity? activity)
    {
        if (activity is null)
        {
            return "body is not an activity";
        }

        if (string.IsNullOrWhiteSpace(activity.Type))
        {
            return "activity without type";
        }

        if (string.IsNullOrWhiteSpace(activity.Conversation?.Id))
        {
            return "activity without conversation";
        }

        return Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp)
            ? null
            : "activity without a valid serviceUrl";
    }

    /// <summary>
    /// Both places Teams puts the tenant name a served one, and at least one is there: the tenant the
    /// activity reports (<c>channelData.tenant.id</c>, else <c>conversation.tenantId</c>) and <c>conversation.tenantId</c>.
    /// </summary>
    private bool FromServedTenant(Activity activity)
    {
        var reported = activity.TenantId;
        var conversation = activity.Conversation?.TenantId;
        return reported is not null
            && tenants.Contains(reported)
            && (conversation is null || tenants.Contains(conversation));
    }

    /// <summary>
    /// A field of the activity that could not be read: JSON that does not parse, text that does not
    /// decode (System.Text.Json throws InvalidOperationException for that), nothing else.
    /// </summary>
    private static bool IsParseFailure(Exception exception) => exception switch
    {
        JsonException or DecoderFallbackException => true,
        InvalidOperationException e => e.TargetSite?.Module.Assembly == typeof(JsonException).Assembly,
        _ => false,
    };

    private static string Shorten(string value) => value.Length <= 64 ? value : string.Concat(value.AsSpan(0, 64), "…");

    private static bool SameServiceUrl(string? claim, string serviceUrl) =>
        claim is not null && string.Equals(ServiceUrlTrust.Normalize(claim), ServiceUrlTrust.Normalize(serviceUrl), StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The whole body, at most <paramref name="limit"/> bytes, or null and the status to answer. The server stops a
    /// longer body at its request size limit (set above, for chunked bodies); without a Content-Length the reader waits
    /// for one byte past the limit or the end, so a server without that limit is held to it too.
    /// </summary>
    internal static async Task<(byte[]? Body, int Status)> ReadBodyAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        var reader = request.BodyReader;
        try
        {
            // With a Content-Length (at most the limit, checked first) the server ends the body there.
            var wanted = request.ContentLength is { } known ? (int)known : limit + 1;
            var read = await reader.ReadAtLeastAsync(wanted, cancellationToken);
            var buffer = read.Buffer;
            var body = buffer.Length <= limit ? buffer.ToArray() : null;
            reader.AdvanceTo(buffer.End);
            if (body is null)
            {
                return (null, StatusCodes.Status413PayloadTooLarge);
            }

            // A body that ended before its Content-Length was cut short (Kestrel throws for that; other servers end the stream).
            return body.Length < request.ContentLength ? (null, StatusCodes.Status400BadRequest) : (body, 0);
        }
        catch (BadHttpRequestException ex)
        {
            // Too large for the server's limit (413), or a body cut short by the client (400): never a 500.
            return (null, ex.StatusCode == StatusCodes.Status413PayloadTooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest);
        }
    }
}
