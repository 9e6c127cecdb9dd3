using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Crm;

namespace SalesCoachBot.Crm.Salesforce;

/// <summary>
/// Salesforce Change Data Capture (<c>Crm:Salesforce:ChangeEvents = cdc</c>, ADR 0022): one host of the deployment holds
/// a lease in the database and subscribes to <c>/data/OpportunityChangeEvent</c>, resuming after the stored replayId.
/// Each event's opportunity ids are pulled through the sync path (<see cref="CrmSyncRunner.SyncDealsAsync"/>), so our
/// own pushed change coming back records nothing; a gap or overflow event pulls incrementally from the cursor. The
/// replayId is stored after the pull, so an event is applied at least once; repeats (a replay after a crash, another
/// host taking over) are claimed by transactionKey + record id and skipped. The database unreachable is said through the
/// outage log shared by every worker (<see cref="IDatabaseOutages"/>), and the session tried again with the backoff.
/// </summary>
internal sealed partial class SalesforceChangeEventWorker(
    BayeuxClient bayeux,
    CrmSyncRunner runner,
    ICrmChangeEventStore store,
    IOptions<CrmSettings> settings,
    TimeProvider time,
    ILogger<SalesforceChangeEventWorker> logger,
    IDeliveryClaims? claims = null,
    IDatabaseOutages? outages = null) : BackgroundService
{
    private const string Worker = "Salesforce change events";

    public const string Channel = "/data/OpportunityChangeEvent";
    private const string Provider = "salesforce";

    /// <summary>Longer than one long poll (Salesforce holds it up to 110 s): the holder renews after each.</summary>
    internal static readonly TimeSpan LeaseFor = TimeSpan.FromMinutes(5);

    /// <summary>Salesforce keeps change events 72 hours: a repeat within that is the same event.</summary>
    private static readonly TimeSpan DedupeWindow = TimeSpan.FromHours(72);

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(60);

    private readonly string _owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>Events applied since start (for tests and logs).</summary>
    public long Applied => Interlocked.Read(ref _applied);

    private long _applied;

    /// <summary>Claims of a pull that failed which could not be given back then (the database gone): given back before the events are replayed.</summary>
    private readonly List<string> _unreleased = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromSeconds(1);
        var leader = false;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    if (!await HoldLeaseAsync(stoppingToken))
                    {
                        leader = false;
                        await Task.Delay(LeaseFor / 4, time, stoppingToken);   // another host subscribes; look again later
                        continue;
                    }

                    if (!leader)
                    {
                        leader = true;
                        LogLeading(logger);
                    }

                    await SessionAsync(() => backoff = TimeSpan.FromSeconds(1), stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (BayeuxRehandshakeException e)
                {
                    LogRehandshake(logger, e.Message);   // then a short wait (the backoff), so a server that keeps asking is not hammered
                }
                catch (CrmAuthException e)
                {
                    // The polling side pauses the sync and tells admins; the stream waits for the credential to work again.
                    LogDropped(logger, e.Message, settings.Value.PollInterval);
                    await Task.Delay(settings.Value.PollInterval, time, stoppingToken);
                    continue;
                }
                catch (Exception e) when (e is CrmUnavailableException or HttpRequestException or SalesforceHttpException or System.Text.Json.JsonException)
                {
                    LogDropped(logger, e.Message, backoff);
                }
                catch (Exception e) when (outages?.Report(Worker, e) == true)
                {
                    // The database gone (EF Core wraps it in an InvalidOperationException, so this comes first): said
                    // once for every worker; the session starts again after the backoff, replaying from the stored replayId.
                }
                catch (InvalidOperationException e)
                {
                    LogDropped(logger, e.Message, backoff);
                }

                await Task.Delay(backoff, time, stoppingToken);
                backoff = backoff * 2 > MaxBackoff ? MaxBackoff : backoff * 2;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            if (leader)
            {
                using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await bayeux.DisconnectAsync(stopping.Token);
                try
                {
                    await store.ReleaseLeaseAsync(Provider, _owner, stopping.Token);
                }
                catch (Exception e) when (outages?.Report(Worker, e) == true)
                {
                    // Stopping during an outage: the lease expires by itself (LeaseFor) and another host takes it then.
                }
            }
        }
    }

    /// <summary>Handshake, subscribe from the stored replayId, then long polls until the lease is lost or the server asks for a new handshake.</summary>
    private async Task SessionAsync(Action connected, CancellationToken cancellationToken)
    {
        await ReleaseUnreleasedAsync(cancellationToken);
        await bayeux.HandshakeAsync(cancellationToken);
        var replayId = await store.GetReplayIdAsync(Provider, cancellationToken);
        var subscription = await bayeux.SubscribeAsync(Channel, replayId ?? -1, cancellationToken);
        if (subscription.ReplayIdRefused && replayId is not null)
        {
            // Older than the org keeps (72 hours) or not the org's: what happened meanwhile is pulled from the cursor.
            LogReplayRefused(logger, replayId.Value, subscription.Error ?? string.Empty);
            await store.SaveReplayIdAsync(Provider, null, cancellationToken);
            replayId = null;
            subscription = await bayeux.SubscribeAsync(Channel, -1, cancellationToken);
        }

        if (!subscription.Successful)
        {
            throw new CrmUnavailableException($"Salesforce refused the subscription to {Channel} ({subscription.Error}): select Opportunity in Setup → Change Data Capture and give the integration user read on Opportunity");
        }

        if (replayId is null)
        {
            // -1 delivers only events published from now on: whatever changed while no session was subscribed (first
            // start, a dropped connection before any event was stored, a refused replayId) is pulled from the cursor.
            await runner.CatchUpAsync(cancellationToken);
        }

        LogSubscribed(logger, replayId?.ToString(CultureInfo.InvariantCulture) ?? "-1 (new events only)");
        while (!cancellationToken.IsCancellationRequested)
        {
            var events = await bayeux.ConnectAsync(cancellationToken);
            connected();
            await ApplyAsync(events, cancellationToken);
            if (!await HoldLeaseAsync(cancellationToken))
            {
                LogLeaseLost(logger);
                await bayeux.DisconnectAsync(cancellationToken);
                return;
            }

            if (bayeux.Advice.Interval > TimeSpan.Zero)
            {
                await Task.Delay(bayeux.Advice.Interval, time, cancellationToken);
            }
        }
    }

    /// <summary>Takes or renews the subscription lease; the database answering ends an outage, if one was going on.</summary>
    private async Task<bool> HoldLeaseAsync(CancellationToken cancellationToken)
    {
        var held = await store.TryHoldLeaseAsync(Provider, _owner, time.GetUtcNow() + LeaseFor, time.GetUtcNow(), cancellationToken);
        outages?.Reachable();
        return held;
    }

    private async Task ReleaseUnreleasedAsync(CancellationToken cancellationToken)
    {
        while (_unreleased.Count > 0)
        {
            await claims!.ReleaseAsync(_unreleased[^1], cancellationToken);
            _unreleased.RemoveAt(_unreleased.Count - 1);
        }
    }

    /// <summary>
    /// One long poll's events: the opportunity ids pulled through the sync path (or the whole cursor after a gap), then
    /// the newest replayId stored. A pull that fails gives the claims back, so the replayed events are taken again.
    /// </summary>
    internal async Task ApplyAsync(IReadOnlyList<JsonObject> messages, CancellationToken cancellationToken)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var claimed = new List<string>();
        var gap = false;
        long? newest = null;
        try
        {
            foreach (var message in messages)
            {
                if (message["channel"]?.GetValue<string>() != Channel)
                {
                    continue;
                }

                var change = ChangeEvent.Parse(message["data"]);
                if (change.ReplayId is { } replay && (newest is null || replay > newest))
                {
                    newest = replay;
                }

                if (change.Problem is { } problem)
                {
                    LogMalformed(logger, change.ReplayId?.ToString(CultureInfo.InvariantCulture) ?? "none", problem);
                    continue;
                }

                if (!string.Equals(change.EntityName, "Opportunity", StringComparison.Ordinal))
                {
                    continue;
                }

                if (change.IsGap || change.RecordIds.Any(id => id.Contains('*', StringComparison.Ordinal)))
                {
                    // GAP_* events (and wildcard ids) carry no field values: what changed is read from the cursor.
                    LogGap(logger, change.ChangeType);
                    gap = true;
                    continue;
                }

                foreach (var id in change.RecordIds)
                {
                    if (claims is not null && change.TransactionKey is { Length: > 0 } transaction)
                    {
                        var key = $"sf-cdc:{transaction}:{id}";
                        if (!await claims.TryClaimAsync(key, DedupeWindow, cancellationToken))
                        {
                            continue;   // applied already (replayed after a restart, or by the host that held the lease)
                        }

                        claimed.Add(key);
                    }

                    ids.Add(id);
                }
            }

            if (gap)
            {
                await runner.SyncAsync(full: false, dryRun: false, progress: null, cancellationToken);
            }

            if (ids.Count > 0)
            {
                var result = await runner.SyncDealsAsync(ids, cancellationToken);
                Interlocked.Add(ref _applied, ids.Count);
                LogApplied(logger, ids.Count, result.ToString());
            }
        }
        catch
        {
            // The claims given back, so the replayed events are taken again; with the database gone that waits for
            // the next session, which gives them back before subscribing.
            _unreleased.AddRange(claimed);
            try
            {
                await ReleaseUnreleasedAsync(CancellationToken.None);
            }
            catch (Exception e) when (outages?.Report(Worker, e) == true)
            {
            }

            throw;
        }

        if (newest is { } stored)
        {
            await store.SaveReplayIdAsync(Provider, stored, cancellationToken);
        }
    }

    [LoggerMessage(EventId = 1630, Level = LogLevel.Information, Message = "Salesforce change events: this host holds the subscription")]
    private static partial void LogLeading(ILogger logger);

    [LoggerMessage(EventId = 1631, Level = LogLevel.Information, Message = "Salesforce change events: subscribed to /data/OpportunityChangeEvent, replaying after {ReplayId}")]
    private static partial void LogSubscribed(ILogger logger, string replayId);

    [LoggerMessage(EventId = 1632, Level = LogLevel.Warning, Message = "Salesforce refused the stored replayId {ReplayId} ({Error}); subscribing from -1 (new events) and pulling every change since the sync cursor")]
    private static partial void LogReplayRefused(ILogger logger, long replayId, string error);

    [LoggerMessage(EventId = 1633, Level = LogLevel.Warning, Message = "Salesforce change events: connection lost ({Reason}); reconnecting in {Backoff}")]
    private static partial void LogDropped(ILogger logger, string reason, TimeSpan backoff);

    [LoggerMessage(EventId = 1634, Level = LogLevel.Information, Message = "Salesforce change events: {Reason}")]
    private static partial void LogRehandshake(ILogger logger, string reason);

    [LoggerMessage(EventId = 1635, Level = LogLevel.Warning, Message = "Salesforce change event skipped (replayId {ReplayId}): {Problem}")]
    private static partial void LogMalformed(ILogger logger, string replayId, string problem);

    [LoggerMessage(EventId = 1636, Level = LogLevel.Information, Message = "Salesforce change event {ChangeType}: pulling every change since the sync cursor")]
    private static partial void LogGap(ILogger logger, string changeType);

    [LoggerMessage(EventId = 1637, Level = LogLevel.Information, Message = "Salesforce change events: {Count} opportunities pulled ({Result})")]
    private static partial void LogApplied(ILogger logger, int count, string result);

    [LoggerMessage(EventId = 1638, Level = LogLevel.Information, Message = "Salesforce change events: another host holds the subscription now")]
    private static partial void LogLeaseLost(ILogger logger);
}

/// <summary>The fields of a change event we use (its <c>ChangeEventHeader</c> and <c>event.replayId</c>), or what is wrong with it.</summary>
internal sealed record ChangeEvent(long? ReplayId, string EntityName, string ChangeType, IReadOnlyList<string> RecordIds, string? TransactionKey, string? Problem)
{
    /// <summary>GAP_CREATE, GAP_UPDATE, GAP_DELETE, GAP_UNDELETE, GAP_OVERFLOW: the event says something changed, not what.</summary>
    public bool IsGap => ChangeType.StartsWith("GAP_", StringComparison.Ordinal);

    public static ChangeEvent Parse(JsonNode? data)
    {
        long? replayId = data?["event"]?["replayId"] is JsonValue r && r.TryGetValue<long>(out var id) ? id : null;
        if (data?["payload"]?["ChangeEventHeader"] is not JsonObject header)
        {
            return Bad(replayId, "no payload.ChangeEventHeader");
        }

        if (replayId is null)
        {
            return Bad(null, "no event.replayId");
        }

        var entity = Text(header["entityName"]);
        var type = Text(header["changeType"]);
        if (entity is null || type is null)
        {
            return Bad(replayId, "no entityName or changeType in the header");
        }

        if (type is not ("CREATE" or "UPDATE" or "DELETE" or "UNDELETE") && !type.StartsWith("GAP_", StringComparison.Ordinal))
        {
            return Bad(replayId, $"unknown changeType '{type}'");
        }

        if (header["recordIds"] is not JsonArray ids || ids.Select(Text).ToList() is not { } list || list.Any(i => string.IsNullOrWhiteSpace(i)))
        {
            return Bad(replayId, "recordIds is not a list of ids");
        }

        if (list.Count == 0 && !type.StartsWith("GAP_", StringComparison.Ordinal))
        {
            return Bad(replayId, "recordIds is empty");
        }

        return new ChangeEvent(replayId, entity, type, [.. list.Select(i => i!)], Text(header["transactionKey"]), null);
    }

    private static ChangeEvent Bad(long? replayId, string problem) => new(replayId, string.Empty, string.Empty, [], null, problem);

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
