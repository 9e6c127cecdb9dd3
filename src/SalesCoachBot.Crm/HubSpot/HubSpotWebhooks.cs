using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SalesCoachBot.Core.Crm;

namespace SalesCoachBot.Crm.HubSpot;

/// <summary>Deal ids named by webhooks, waiting for the worker to pull them (<see cref="CrmWorker"/>).</summary>
internal sealed class CrmWebhookQueue
{
    private readonly Channel<IReadOnlyCollection<string>> _channel = Channel.CreateBounded<IReadOnlyCollection<string>>(
        new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropOldest });

    public ChannelReader<IReadOnlyCollection<string>> Reader => _channel.Reader;

    /// <summary>False when the queue is full: the oldest batch gave way; the next poll catches up on both.</summary>
    public bool Enqueue(IReadOnlyCollection<string> ids) => _channel.Writer.TryWrite(ids);
}

/// <summary>The public base URL HubSpot calls (<c>PublicBaseUrl</c>): the signed URI is built from it, never from the Host header.</summary>
public sealed class CrmPublicUrl
{
    public Uri? PublicBaseUrl { get; set; }
}

/// <summary>
/// <c>POST /crm/hubspot/webhooks</c>: the v3 signature is checked over the raw body before anything is parsed (bad or
/// old → 401, nothing read). A valid batch's deal ids are queued for an incremental pull of those deals and answered
/// 200 at once; HubSpot's retries name the same deals again, which the pull applies idempotently.
/// </summary>
internal static partial class HubSpotWebhooks
{
    public const string Path = "/crm/hubspot/webhooks";
    private const int MaxBodyBytes = 1024 * 1024;

    public static IEndpointRouteBuilder MapHubSpotWebhooks(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, HandleAsync);
        return app;
    }

    private static async Task<IResult> HandleAsync(
        HttpRequest request,
        IOptions<CrmSettings> settings,
        IOptions<CrmPublicUrl> publicUrl,
        CrmWebhookQueue queue,
        TimeProvider time,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger("SalesCoachBot.Crm.HubSpotWebhooks");
        if (settings.Value.HubSpot.ClientSecret is not { Length: > 0 } secret || publicUrl.Value.PublicBaseUrl is not { } baseUrl)
        {
            return Results.NotFound();
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        var body = await ReadBodyAsync(request, cancellationToken);
        if (body is null)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        var uri = new Uri(baseUrl, request.Path.Value).GetLeftPart(UriPartial.Path) + request.QueryString.Value;
        var problem = HubSpotSignature.Verify(
            secret, request.Method, uri, body, request.Headers["X-HubSpot-Request-Timestamp"], request.Headers["X-HubSpot-Signature-v3"], time.GetUtcNow());
        if (problem is not null)
        {
            LogRejected(logger, problem);
            return Results.Unauthorized();
        }

        List<HsWebhookEvent>? events;
        try
        {
            events = JsonSerializer.Deserialize(body, HubSpotJson.Default.ListHsWebhookEvent);
        }
        catch (JsonException)
        {
            return Results.BadRequest(new { error = "the body is not a JSON array of HubSpot webhook events" });
        }

        if (events is null)
        {
            return Results.BadRequest(new { error = "the body is not a JSON array of HubSpot webhook events" });
        }

        if (events.Count > settings.Value.MaxWebhookEvents)
        {
            LogTooMany(logger, events.Count, settings.Value.MaxWebhookEvents);
            return Results.BadRequest(new { error = $"{events.Count} events in one batch; at most {settings.Value.MaxWebhookEvents} are taken (Crm:MaxWebhookEvents). The next poll picks the changes up." });
        }

        var ids = events
            .Where(e => e.ObjectId is > 0 && e.SubscriptionType is { } type
                && (type.StartsWith("deal.", StringComparison.Ordinal) || type.StartsWith("object.", StringComparison.Ordinal)))
            .Select(e => e.ObjectId!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .ToHashSet(StringComparer.Ordinal);
        if (ids.Count > 0)
        {
            queue.Enqueue(ids);
        }

        return Results.Ok();
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    [LoggerMessage(EventId = 1610, Level = LogLevel.Warning, Message = "HubSpot webhook refused: {Problem}")]
    private static partial void LogRejected(ILogger logger, string problem);

    [LoggerMessage(EventId = 1611, Level = LogLevel.Warning, Message = "HubSpot webhook batch of {Count} events refused (limit {Limit}); the next poll catches up")]
    private static partial void LogTooMany(ILogger logger, int count, int limit);
}
