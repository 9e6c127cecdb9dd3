using SalesCoachBot.Core.Domain;

namespace SalesCoachBot.Core.Pipeline;

/// <summary>Reads what the pipeline answers need, in one pass, for the deals in a scope.</summary>
public interface IPipelineStore
{
    /// <summary>
    /// Open deals of the scope; deals closed (won or lost) at or after <paramref name="since"/>; the whole stage
    /// history of every deal in the scope that entered a stage at or after <paramref name="since"/>, without the rows
    /// of kind <see cref="StageChangeKind.MapChange"/> (a map change moves no deal on: it renames where it is), each close and
    /// reopen marked in the stage the deal stood in or elsewhere (<see cref="StageEntryFact.Kind"/>, <see cref="StageEntryFact.From"/>); and the active confirmations of the won deals returned.
    /// </summary>
    Task<PipelineData> LoadAsync(PipelineScope scope, DateTimeOffset since, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Deals of the scope sitting in each stage with status won (post-sale stages) or nurture, for the map picture.
    /// A store that cannot say returns nothing, and the picture shows open deals only.
    /// </summary>
    Task<IReadOnlyList<StageStatusCount>> CountClosedByStageAsync(PipelineScope scope, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<StageStatusCount>>([]);

    /// <summary>
    /// Deals of the scope closed with <paramref name="status"/> (won or lost) at or after <paramref name="from"/> and before
    /// <paramref name="to"/>, newest first, with their owners' and teams' names: "won deals", "what did we lose this month".
    /// </summary>
    Task<IReadOnlyList<ClosedDealLine>> ListClosedAsync(
        PipelineScope scope, DealStatus status, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>
    /// The stage changes of the scope's deals entered at or after <paramref name="from"/> and before <paramref name="to"/>,
    /// newest first, at most <paramref name="limit"/> of them, with how many there are in all: "what moved this week". Left
    /// out: <see cref="StageChangeKind.MapChange"/> (a map change moves no deal on) and the rows that put a deal on the map
    /// (<see cref="StageChangeKind.Entered"/>, and <see cref="StageChangeKind.Imported"/> with no stage before it).
    /// </summary>
    Task<StageChangeList> ListStageChangesAsync(
        PipelineScope scope, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken);
}

/// <summary>The newest stage changes of a period (<see cref="Lines"/>) and how many the period holds (<see cref="Total"/>).</summary>
public sealed record StageChangeList(IReadOnlyList<StageChangeLine> Lines, int Total)
{
    public static readonly StageChangeList Empty = new([], 0);
}

/// <summary>
/// One stage change as the moves list shows it: the deal entered <see cref="StageId"/> at <see cref="EnteredAt"/> by
/// <see cref="Kind"/>, from <see cref="PreviousStageId"/> (the deal's stage entry before this one, map changes included, as
/// that is where it sat; null when none). <see cref="Status"/> is the deal's status now: a close into nurture and a loss
/// are both <see cref="StageChangeKind.Closed"/>. <see cref="Outcome"/> is the status the row itself records
/// (<see cref="StageHistoryEntry.RecordedOutcome"/>: a chat's or an import's close), read before the deal's status, which may
/// have changed since; null when it records none (a chat close from before the rows recorded it). <see cref="Reason"/> is the
/// row's stored reason (a CRM reopen is told by it).
/// </summary>
public sealed record StageChangeLine(
    DealId Id,
    string ExternalId,
    string Name,
    string OwnerName,
    long TeamId,
    string TeamName,
    string? TeamMapId,
    string StageId,
    string? PreviousStageId,
    StageChangeKind Kind,
    DateTimeOffset EnteredAt,
    DealStatus Status,
    DealStatus? Outcome = null,
    string? Reason = null);

/// <summary>A won or lost deal as the closed-deal lists show it.</summary>
public sealed record ClosedDealLine(
    DealId Id,
    string ExternalId,
    string Name,
    decimal? Amount,
    string? Currency,
    DateTimeOffset ClosedAt,
    string? LostReason,
    long TeamId,
    string OwnerName,
    string TeamName,
    string? TeamMapId);

/// <summary>How many deals with <see cref="Status"/> sit in stage <see cref="StageId"/> now.</summary>
public sealed record StageStatusCount(string StageId, DealStatus Status, int Count);

/// <summary>Which deals: those of <see cref="TeamIds"/> (every team when null), only <see cref="OwnerId"/>'s when set.</summary>
public sealed record PipelineScope(IReadOnlyCollection<long>? TeamIds, long? OwnerId);

public sealed record OpenDealFact(
    long DealId,
    long TeamId,
    string StageId,
    decimal? Amount,
    string? Currency,
    DateTimeOffset StageEnteredAt,
    DateTimeOffset LastActivityAt,
    DateTimeOffset? NextStepAt,
    DateTimeOffset? SnoozedUntil);

public sealed record ClosedDealFact(long DealId, DealStatus Status, decimal? Amount, string? Currency, DateTimeOffset ClosedAt, string? LostReason);

/// <summary>What a stage history row is to the pipeline's measures (<see cref="StageEntryFact.Kind"/>).</summary>
public enum StageEntryKind : byte
{
    /// <summary>Moves the deal into its stage: its first stage, an advance, a move, an import's or a CRM's change.</summary>
    Entry,

    /// <summary>
    /// A close (<see cref="StageChangeKind.Closed"/>, <see cref="StageChangeKind.ClosedInCrm"/>) that also moved the deal (an
    /// import's, closed in another stage than it stood in): it enters that stage, and the deal is closed after it.
    /// </summary>
    CloseElsewhere,

    /// <summary>A close in the stage the deal stood in: it enters nothing and ends the time in that stage.</summary>
    CloseInStage,

    /// <summary>
    /// A reopen (<see cref="StageChangeKind.Reopened"/>, or <see cref="StageChangeKind.MovedInCrm"/> that
    /// <see cref="Crm.CrmReasons.IsReopened"/> reads as one) into another stage than the deal stood in: it enters it.
    /// </summary>
    ReopenElsewhere,

    /// <summary>A reopen in the stage the deal stood in: the deal is back where it was, not a new entry; a new stay starts.</summary>
    ReopenInStage,
}

/// <summary>
/// A stage history row. <paramref name="Kind"/>: an entry, or a close or a reopen, in the stage the deal stood in (the row
/// before it, map changes included, left it there) or elsewhere. <paramref name="From"/>: for a close or reopen elsewhere,
/// the stage id the row before left the deal in (null when none): the store compares ids only, so a stage a map renamed
/// since (closed under the old id, reopened under the new) is told apart by the map (<see cref="PipelineAnalytics.InMapStages"/>).
/// From a close (either) to the deal's next row the deal was closed: no time in any stage, nor in its cycle.
/// </summary>
public sealed record StageEntryFact(long DealId, string StageId, DateTimeOffset EnteredAt, StageEntryKind Kind = StageEntryKind.Entry, string? From = null)
{
    /// <summary>A close where the deal stood: it ends the time in that stage and tells where a loss happened, enters nothing.</summary>
    public bool ClosedInStage => Kind == StageEntryKind.CloseInStage;

    /// <summary>A reopen where the deal stood: its time in that stage starts again from it, no deal entered it.</summary>
    public bool ReopenedInStage => Kind == StageEntryKind.ReopenInStage;

    /// <summary>Whether the row closes the deal (in place or elsewhere): the time until its next row is no time in a stage.</summary>
    public bool Closes => Kind is StageEntryKind.CloseInStage or StageEntryKind.CloseElsewhere;

    /// <summary>Whether the row enters its stage (counted in entries, conversion, cycles): neither a close nor a reopen in place.</summary>
    public bool EntersStage => Kind is StageEntryKind.Entry or StageEntryKind.CloseElsewhere or StageEntryKind.ReopenElsewhere;
}

public sealed record ConfirmationFact(long DealId, string StageId, string ItemId, DateTimeOffset ConfirmedAt);

public sealed record PipelineData(
    IReadOnlyList<OpenDealFact> OpenDeals,
    IReadOnlyList<ClosedDealFact> ClosedDeals,
    IReadOnlyList<StageEntryFact> History,
    IReadOnlyList<ConfirmationFact> WonConfirmations)
{
    public static readonly PipelineData Empty = new([], [], [], []);
}
