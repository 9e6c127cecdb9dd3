using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SalesCoachBot.Core.Abstractions;
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
/// 200 at once. HubSpot redelivers a batch it did not see answered in time: each event is claimed by its id in the
/// database (<see cref="IDeliveryClaims"/>, shared by every host, as Slack's event ids are), so a redelivered event is
/// not pulled again, whichever host it reaches.
/// </summary>
internal static partial class HubSpotWebhooks
{
    public const string Path = "/crm/hubspot/webhooks";
    private const int MaxBodyBytes = 1024 * 1024;

    /// <summary>How long an event id is remembered: HubSpot retries a delivery for up to three days.</summary>
    internal static readonly TimeSpan DedupeWindow = TimeSpan.FromDays(3);

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

        var claims = request.HttpContext.RequestServices.GetService<IDeliveryClaims>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var claimed = new List<string>();
        var repeats = 0;
        foreach (var e in events.Where(e => e.ObjectId is > 0 && e.SubscriptionType is { } type
            && (type.StartsWith("deal.", StringComparison.Ordinal) || type.StartsWith("object.", StringComparison.Ordinal))))
        {
            if (claims is not null && ClaimKey(e) is { } key)
            {
                if (!await claims.TryClaimAsync(key, DedupeWindow, cancellationToken))
                {
                    repeats++;   // taken already (a retry, or the batch reached another host): pulled then
                    continue;
                }

                claimed.Add(key);
            }

            ids.Add(e.ObjectId!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (repeats > 0)
        {
            LogRepeats(logger, repeats);
        }

        if (ids.Count > 0 && !queue.Enqueue(ids))
        {
            // Not queued: give the events back, so HubSpot's next retry is taken.
            foreach (var key in claimed)
            {
                await claims!.ReleaseAsync(key, CancellationToken.None);
            }
        }

        return Results.Ok();
    }

    /// <summary>
    /// An event's claim: its <c>eventId</c> within its subscription, with the object it names (HubSpot does not promise
    /// event ids unique across subscriptions). Null without an event id: such an event is pulled every time.
    /// </summary>
    private static string? ClaimKey(HsWebhookEvent e) =>
        e.EventId is { } id
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"hubspot:{e.SubscriptionId}:{id}:{e.ObjectId}")
            : null;

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

    [LoggerMessage(EventId = 1612, Level = LogLevel.Information, Message = "HubSpot webhook: {Count} event(s) already taken (a redelivery), not pulled again")]
    private static partial void LogRepeats(ILogger logger, int count);

    [LoggerMessage(EventId = 1611, Level = LogLevel.Warning, Message = "HubSpot webhook batch of {Count} events refused (limit {Limit}); the next poll catches up")]
    private static partial void LogTooMany(ILogger logger, int count, int limit);
}
