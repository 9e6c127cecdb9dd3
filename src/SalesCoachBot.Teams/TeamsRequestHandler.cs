using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SalesCoachBot.Teams.Activities;
using SalesCoachBot.Teams.Auth;
using SalesCoachBot.Teams.Dispatch;

namespace SalesCoachBot.Teams;

/// <summary>
/// The HTTP edge of <c>POST /api/messages</c>: size limit, authentication, parsing, tenant
/// check, then dispatch. Every refusal happens before anything is processed or stored, and
/// answers in protocol terms (401, 400, 403, 413), never 500.
/// </summary>
internal sealed class TeamsRequestHandler(
    IOptions<TeamsOptions> options,
    TeamsChannelState state,
    BotTokenValidator validator,
    ServiceUrlTrust trust,
    ILogger<TeamsRequestHandler> logger)
{
    private readonly TeamsOptions options = options.Value;

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
        string? serviceUrlClaim = null;
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

            serviceUrlClaim = check.ServiceUrlClaim;
        }

        var body = await ReadBodyAsync(context.Request, limit, cancellationToken);
        if (body is null)
        {
            await RefuseAsync(context, StatusCodes.Status413PayloadTooLarge, "body too large");
            return;
        }

        Activity? activity;
        try
        {
            activity = JsonSerializer.Deserialize(body, TeamsJsonContext.Default.Activity);
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

        if (authenticated && !SameServiceUrl(serviceUrlClaim, activity!.ServiceUrl!))
        {
            await RefuseAsync(context, StatusCodes.Status401Unauthorized, "serviceurl claim does not match the activity");
            return;
        }

        if (options.TenantId is { Length: > 0 } tenant && !string.Equals(activity!.TenantId, tenant, StringComparison.OrdinalIgnoreCase))
        {
            TeamsLog.TenantRejected(logger, activity.TenantId ?? "(none)");
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        trust.Trust(activity!.ServiceUrl!, authenticated);
        var dispatcher = context.RequestServices.GetRequiredService<ActivityDispatcher>();
        var result = await dispatcher.DispatchAsync(activity, authenticated, cancellationToken);
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

    private static bool SameServiceUrl(string? claim, string serviceUrl) =>
        claim is not null && string.Equals(ServiceUrlTrust.Normalize(claim), ServiceUrlTrust.Normalize(serviceUrl), StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads at most <paramref name="limit"/> bytes; null when the body is longer.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(limit + 1, (int?)request.ContentLength + 1 ?? 16 * 1024));
        try
        {
            var length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > limit)
                    {
                        return null;
                    }

                    var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(limit + 1, buffer.Length * 2));
                    buffer.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }

                int read;
                try
                {
                    read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken);
                }
                catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
                {
                    return null;
                }

                if (read == 0)
                {
                    return length > limit ? null : buffer.AsSpan(0, length).ToArray();
                }

                length += read;
                if (length > limit)
                {
                    return null;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
