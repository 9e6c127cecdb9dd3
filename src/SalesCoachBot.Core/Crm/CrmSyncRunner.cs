using Microsoft.Extensions.Logging;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.ProcessMaps;

namespace SalesCoachBot.Core.Crm;

/// <summary>What one sync did.</summary>
public sealed record CrmSyncReport(bool Full, bool DryRun, CrmApplyResult Counts, DateTimeOffset? Cursor, string? Paused);

/// <summary>
/// Pulls deals from the CRM into ours: full (everything, and linked deals the CRM no longer has are closed as deleted)
/// or incremental from the stored cursor. Records arrive oldest change first and are applied a batch at a time; the
/// cursor moves after each batch, so an interrupted sync resumes where it stopped and re-reads at most one batch.
/// A revoked credential pauses the sync (one log line, admins told) and loses nothing.
/// </summary>
public sealed partial class CrmSyncRunner(
    ICrmConnector connector,
    ICrmSyncStore store,
    IProcessMapSource maps,
    TimeProvider time,
    ILogger<CrmSyncRunner> logger,
    ReplyTexts? texts = null,
    LanguageChoice? languages = null)
{
    public const int BatchSize = 100;

    public string DisplayName => connector.DisplayName;

    public async Task<CrmSyncReport> SyncAsync(bool full, bool dryRun, Action<string>? progress, CancellationToken cancellationToken)
    {
        var state = await store.GetStateAsync(connector.Provider, cancellationToken);
        var since = full ? null : state.Cursor;
        try
        {
            var context = await ContextAsync(cancellationToken);
            var total = CrmApplyResult.Zero;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var size = full ? store.FullSyncBatchSize : BatchSize;
            var batch = new List<CrmDealRecord>(size);
            DateTimeOffset? cursor = state.Cursor;
            await foreach (var record in connector.ReadChangedAsync(since, withHistory: full || state.LastFullSyncAt is null, cancellationToken))
            {
                seen.Add(record.Id);
                batch.Add(record);
                if (batch.Count == size)
                {
                    (total, cursor) = await FlushAsync(batch, context, dryRun, total, cursor, cancellationToken);
                    progress?.Invoke($"{seen.Count} deals read; {total}");
                }
            }

            (total, cursor) = await FlushAsync(batch, context, dryRun, total, cursor, cancellationToken);
            if (full)
            {
                // Deals we hold that the CRM's full list no longer has were deleted there: closed here, never removed.
                var gone = (await store.ListLiveIdsAsync(connector.Provider, cancellationToken)).Where(id => !seen.Contains(id)).ToList();
                if (gone.Count > 0)
                {
                    var confirmed = await connector.ReadDealsAsync(gone, cancellationToken);
                    total += await store.ApplyAsync([.. confirmed], context with { Now = time.GetUtcNow() }, dryRun, cancellationToken);
                }
            }

            if (!dryRun)
            {
                await store.MarkSyncedAsync(connector.Provider, full, time.GetUtcNow(), cancellationToken);
                if (state.PausedReason is not null)
                {
                    await store.SetPausedAsync(connector.Provider, null, time.GetUtcNow(), cancellationToken);
                }
            }

            progress?.Invoke($"{seen.Count} deals read; {total}");
            return new CrmSyncReport(full, dryRun, total, cursor, null);
        }
        catch (CrmAuthException e)
        {
            // One log line and one message to admins per pause, however many rounds and hosts meet the refusal.
            if (!dryRun && state.PausedReason is null
                && await store.PauseAndNotifyAsync(connector.Provider, e.Message, time.GetUtcNow(), CrmNotices.Paused(connector.DisplayName, e.Message, (texts ?? ReplyTexts.Shared).In(languages?.Default ?? ReplyLanguage.English)), cancellationToken))
            {
                LogPaused(logger, connector.DisplayName, e.Message);
            }

            return new CrmSyncReport(full, dryRun, CrmApplyResult.Zero, state.Cursor, e.Message);
        }
    }

    /// <summary>
    /// An incremental sync, but only once a cursor exists: before the first sync the polling side reads everything, and
    /// a second reader of the whole CRM beside it would only double the work.
    /// </summary>
    public async Task<CrmSyncReport?> CatchUpAsync(CancellationToken cancellationToken) =>
        (await store.GetStateAsync(connector.Provider, cancellationToken)).Cursor is null
            ? null
            : await SyncAsync(full: false, dryRun: false, progress: null, cancellationToken);

    /// <summary>The deals a webhook named, read now and applied (the cursor is the poll's and does not move).</summary>
    public async Task<CrmApplyResult> SyncDealsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return CrmApplyResult.Zero;
        }

        var context = await ContextAsync(cancellationToken);
        var records = await connector.ReadDealsAsync(ids, cancellationToken);
        var total = CrmApplyResult.Zero;
        foreach (var chunk in records.Chunk(BatchSize))
        {
            total += await store.ApplyAsync(chunk, context, dryRun: false, cancellationToken);
        }

        return total;
    }

    /// <summary><c>crm check</c>: the map's mapping against the CRM's pipelines, and owners without a person.</summary>
    public async Task<IReadOnlyList<MapDiagnostic>> CheckAsync(CancellationToken cancellationToken) =>
        [.. (await CheckMapsAsync(cancellationToken)).SelectMany(m => m.Findings)];

    /// <summary>
    /// <c>crm check</c> per map: every map with a crm mapping (one per team's process), else the default map alone
    /// (which then reports that nothing is mapped).
    /// </summary>
    public async Task<IReadOnlyList<(ProcessMap Map, IReadOnlyList<MapDiagnostic> Findings)>> CheckMapsAsync(CancellationToken cancellationToken)
    {
        var schema = await connector.ReadSchemaAsync(cancellationToken);
        var set = maps.Maps;
        var mapped = set.All.Where(m => !new CrmStageMap(m).IsEmpty).ToList();
        return [.. (mapped.Count > 0 ? mapped : [set.Default]).Select(m => (m, new CrmStageMap(m).Check(schema)))];
    }

    public Task<CrmSchema> ReadSchemaAsync(CancellationToken cancellationToken) => connector.ReadSchemaAsync(cancellationToken);

    private async Task<CrmApplyContext> ContextAsync(CancellationToken cancellationToken)
    {
        var schema = await connector.ReadSchemaAsync(cancellationToken);
        var set = maps.Maps;
        var map = set.Default;
        var owners = schema.Owners
            .GroupBy(o => o.Id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        return new CrmApplyContext(connector.Provider, connector.DisplayName, map, new CrmStageMap(map), owners, time.GetUtcNow()) { Maps = set };
    }

    private async Task<(CrmApplyResult, DateTimeOffset?)> FlushAsync(
        List<CrmDealRecord> batch, CrmApplyContext context, bool dryRun, CrmApplyResult total, DateTimeOffset? cursor, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return (total, cursor);
        }

        var newest = batch.Max(r => r.ModifiedAt);
        var advances = cursor is null || newest > cursor;
        var now = context with { Now = time.GetUtcNow() };
        total += advances && !dryRun
            ? await store.ApplyPageAsync([.. batch], now, newest, cancellationToken)
            : await store.ApplyAsync([.. batch], now, dryRun, cancellationToken);
        batch.Clear();
        return (total, advances ? newest : cursor);
    }

    [LoggerMessage(EventId = 1601, Level = LogLevel.Error, Message = "{Crm} sync paused: the CRM refused our credential ({Reason}). Renew it; nothing is lost, the sync resumes from its cursor.")]
    private static partial void LogPaused(ILogger logger, string crm, string reason);
}
