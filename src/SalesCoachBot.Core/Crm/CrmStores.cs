using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.ProcessMaps;

namespace SalesCoachBot.Core.Crm;

/// <summary>Where a sync stands: the incremental cursor, the last runs, and whether it is paused (revoked credential).</summary>
public sealed record CrmSyncState(
    string Provider,
    DateTimeOffset? Cursor,
    DateTimeOffset? LastFullSyncAt,
    DateTimeOffset? LastIncrementalSyncAt,
    string? PausedReason,
    DateTimeOffset? PausedAt);

/// <summary>What a batch of CRM deals is applied against.</summary>
public sealed record CrmApplyContext(
    string Provider,
    string DisplayName,
    ProcessMap Map,
    CrmStageMap Stages,
    IReadOnlyDictionary<string, CrmOwner> Owners,
    DateTimeOffset Now)
{
    private readonly Dictionary<string, CrmStageMap> _stagesByMap = new(StringComparer.Ordinal);

    /// <summary>Every map in force (issue 18: one per team); null: <see cref="Map"/> for every team.</summary>
    public ProcessMapSet? Maps { get; init; }

    /// <summary>Whether teams run more than one map (then a deal's team decides its map and crm mapping).</summary>
    public bool SeveralMaps => Maps is { All.Count: > 1 };

    /// <summary>The map of a team with this <c>map</c> id (null: the default).</summary>
    public ProcessMap MapFor(string? teamMapId) => Maps?.For(teamMapId) ?? Map;

    /// <summary>The crm mapping of that team's map.</summary>
    public CrmStageMap StagesFor(string? teamMapId)
    {
        var map = MapFor(teamMapId);
        if (ReferenceEquals(map, Map))
        {
            return Stages;
        }

        lock (_stagesByMap)
        {
            return _stagesByMap.TryGetValue(map.Id, out var stages) ? stages : _stagesByMap[map.Id] = new CrmStageMap(map);
        }
    }
}

/// <summary>Counts of one sync (or one batch of it).</summary>
public sealed record CrmApplyResult(int Added, int Updated, int Moved, int Closed, int Unchanged, int Flagged)
{
    public static readonly CrmApplyResult Zero = new(0, 0, 0, 0, 0, 0);

    public int Total => Added + Updated + Moved + Closed + Unchanged + Flagged;

    public static CrmApplyResult operator +(CrmApplyResult a, CrmApplyResult b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new(a.Added + b.Added, a.Updated + b.Updated, a.Moved + b.Moved, a.Closed + b.Closed, a.Unchanged + b.Unchanged, a.Flagged + b.Flagged);
    }

    public override string ToString() =>
        $"added {Added}, updated {Updated}, moved {Moved}, closed {Closed}, unchanged {Unchanged}, flagged {Flagged}";
}

/// <summary>What <c>crm status</c> shows besides the sync state.</summary>
/// <param name="PendingPushes">Pending changes of deals linked to a CRM record: what the push dispatcher sends.</param>
/// <param name="UnlinkedPushes">
/// Pending changes of deals with no CRM record (demo, chat or CSV deals): the dispatcher marks them skipped, never sends them.
/// </param>
public sealed record CrmStatusReport(
    int LinkedDeals,
    IReadOnlyList<string> Flagged,
    int PendingPushes,
    int FailedPushes,
    IReadOnlyList<string> RecentFailures,
    int UnlinkedPushes = 0);

/// <summary>The CRM link of deals: upserts by CRM id, the cursor, and the status figures.</summary>
public interface ICrmSyncStore
{
    /// <summary>
    /// Deals a full sync applies per transaction. Each batch pays its look-ups, a transaction and a cache announcement, so
    /// larger batches cost less a deal; the store says how large its database takes them (on SQLite a
    /// batch holds the write gate that chat writes wait for).
    /// </summary>
    int FullSyncBatchSize { get; }

    Task<CrmSyncState> GetStateAsync(string provider, CancellationToken cancellationToken);

    Task MarkSyncedAsync(string provider, bool full, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Pauses the sync with a reason (a revoked credential), or resumes it when <paramref name="reason"/> is null.</summary>
    Task SetPausedAsync(string provider, string? reason, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>
    /// Pauses the sync and, in the same transaction, queues <paramref name="notice"/> as a direct message to every admin
    /// with a chat id. False, and nothing written, when it was paused already (by this host or another): admins hear once.
    /// </summary>
    Task<bool> PauseAndNotifyAsync(string provider, string reason, DateTimeOffset at, BotAnswer notice, CancellationToken cancellationToken);

    /// <summary>
    /// Applies CRM deals: new ones added, changed ones updated (the CRM wins for name, amount, currency, owner), stage
    /// changes recorded as history "moved in CRM", deletions closed. A deal that cannot be placed (unknown stage, owner
    /// without a person) is kept and flagged, never dropped. With <paramref name="dryRun"/> nothing is written.
    /// </summary>
    Task<CrmApplyResult> ApplyAsync(IReadOnlyList<CrmDealRecord> records, CrmApplyContext context, bool dryRun, CancellationToken cancellationToken);

    /// <summary>
    /// A page of a sync: applied as <see cref="ApplyAsync"/> does, and in the same transaction the cursor moves forward
    /// to <paramref name="cursor"/> (never back), so a page and the cursor past it are stored together or not at all.
    /// </summary>
    Task<CrmApplyResult> ApplyPageAsync(IReadOnlyList<CrmDealRecord> records, CrmApplyContext context, DateTimeOffset cursor, CancellationToken cancellationToken);

    /// <summary>The CRM ids of every deal linked and not yet known as deleted.</summary>
    Task<IReadOnlyList<string>> ListLiveIdsAsync(string provider, CancellationToken cancellationToken);

    Task<CrmStatusReport> StatusAsync(string provider, CancellationToken cancellationToken);
}

public enum CrmPushStatus
{
    Pending,
    Sent,
    Failed,

    /// <summary>Nothing to write: the deal has no CRM record (a CSV or chat deal).</summary>
    Skipped,
}

/// <summary>One leased push: the change as recorded, and the deal's CRM id when it has one.</summary>
public sealed record CrmPushItem(long Id, DealId DealId, CrmPushKind Kind, int Attempts, string? CrmDealId)
{
    public StageId? Stage { get; init; }
    public DealStatus? Status { get; init; }
    public string? Text { get; init; }
    public DateTimeOffset? At { get; init; }
    public long? ByPersonId { get; init; }

    /// <summary>The <c>map</c> of the deal's team (null: the default map): its crm mapping names the CRM stage.</summary>
    public string? TeamMapId { get; init; }
}

public abstract record CrmPushCompletion
{
    private CrmPushCompletion()
    {
    }

    public sealed record Sent(DateTimeOffset At) : CrmPushCompletion;

    public sealed record RetryLater(DateTimeOffset NextAttemptAt, string Error) : CrmPushCompletion;

    public sealed record Failed(string Error) : CrmPushCompletion;

    public sealed record Skipped(string Reason) : CrmPushCompletion;

    /// <summary>Not tried (the sync is paused): back to the queue untouched.</summary>
    public sealed record Released : CrmPushCompletion;
}

/// <summary>A push the CRM refused, as the person who made the change is told about it.</summary>
/// <param name="KeptStage">The stage the deal went back to (a refused stage change is undone here); null when nothing was undone.</param>
public sealed record CrmRefusal(DealId DealId, string DealName, string ExternalId, long TeamId, CrmPushKind Kind, StageId? Target, StageId? KeptStage)
{
    /// <summary>The reply language of the person told (people.csv <c>language</c>); null when they set none.</summary>
    public string? Language { get; init; }
}

/// <summary>The durable push outbox: rows written in the same transaction as the change they describe.</summary>
public interface ICrmPushOutbox
{
    /// <summary>
    /// Records a refusal, in one transaction: the row failed with <paramref name="error"/>; a refused stage change undone
    /// when the deal is still where the push would have put it (back to the stage before, its confirmations kept, a
    /// history row saying why); and <paramref name="message"/>'s answer queued as a direct message to the person who made
    /// the change (the deal's owner when none is recorded). False, and nothing written, when the lease was lost.
    /// </summary>
    Task<bool> RefuseAsync(
        CrmPushItem item, string owner, int attempts, string error, Func<StageId, DealStatus> statusOf, Func<CrmRefusal, BotAnswer> message,
        DateTimeOffset now, CancellationToken cancellationToken);

    Task<IReadOnlyList<CrmPushItem>> LeaseDueAsync(string provider, string owner, DateTimeOffset now, TimeSpan leaseFor, int max, CancellationToken cancellationToken);

    /// <summary>Records the outcome; <paramref name="attempts"/> counts this one. False when the lease was lost.</summary>
    Task<bool> CompleteAsync(long id, string owner, int attempts, CrmPushCompletion completion, CancellationToken cancellationToken);
}

/// <summary>
/// Change Data Capture's durable state beside the sync cursor: the replayId of the last event applied (so events during
/// downtime are replayed from there) and the lease that keeps one subscription per deployment, whatever the hosts.
/// </summary>
public interface ICrmChangeEventStore
{
    Task<long?> GetReplayIdAsync(string provider, CancellationToken cancellationToken);

    /// <summary>Stores the replayId to resume after; null forgets it (the next subscription starts with new events, -1).</summary>
    Task SaveReplayIdAsync(string provider, long? replayId, CancellationToken cancellationToken);

    /// <summary>Takes or renews the lease for <paramref name="owner"/> until <paramref name="until"/>; false while another host holds a live one.</summary>
    Task<bool> TryHoldLeaseAsync(string provider, string owner, DateTimeOffset until, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Gives the lease back (a host stopping), so another host subscribes at once.</summary>
    Task ReleaseLeaseAsync(string provider, string owner, CancellationToken cancellationToken);
}
