using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Abstractions;

/// <summary>People and sales teams.</summary>
public interface IDirectoryStore
{
    /// <summary>
    /// Finds the person behind a chat identity: by Teams AAD object id or Slack user id first, then by email.
    /// Ids are compared exactly as given; a Slack user id matches only in the person's own workspace
    /// (<see cref="Person.SlackTeamId"/>, any workspace when that is not recorded).
    /// </summary>
    Task<PersonView?> FindPersonAsync(ChatUser user, CancellationToken cancellationToken);

    Task<PersonView?> FindPersonByEmailAsync(string email, CancellationToken cancellationToken);

    Task<IReadOnlyList<SalesTeam>> ListTeamsAsync(CancellationToken cancellationToken);

    /// <summary>Case-insensitive lookup by team name.</summary>
    Task<SalesTeam?> FindTeamByNameAsync(string name, CancellationToken cancellationToken);

    /// <summary>
    /// The members of <paramref name="teamIds"/> (a row per person and team), each with the open deals they own in that team,
    /// and each team's open deals: counted in the database, one query for the people and one for the teams, however many.
    /// </summary>
    Task<TeamRoster> ListRosterAsync(IReadOnlyCollection<long> teamIds, CancellationToken cancellationToken);

    /// <summary>Stores the team's one current quota in place of any other, with who set it and when; false when no such team.</summary>
    Task<bool> SetQuotaAsync(long teamId, TeamQuota quota, long byPersonId, DateTimeOffset at, CancellationToken cancellationToken);
}

/// <summary>A team's quota as set: an amount in a currency for each quarter, month or year (<see cref="SalesTeam.QuotaAmount"/>).</summary>
public sealed record TeamQuota(decimal Amount, string Currency, QuotaPeriod Period);

/// <summary>One person in one team, with the open deals they own there.</summary>
public sealed record TeamMember(long TeamId, long PersonId, string Name, PersonRole Role, string? Language, int OpenDeals);

/// <summary>The members of some teams (<see cref="IDirectoryStore.ListRosterAsync"/>) and each team's open deals (a team with none is left out).</summary>
public sealed record TeamRoster(IReadOnlyList<TeamMember> Members, IReadOnlyDictionary<long, int> OpenDealsByTeam);

/// <summary>A person with the ids of the teams they belong to (or manage).</summary>
public sealed record PersonView(long Id, string Email, string Name, PersonRole Role, IReadOnlyList<long> TeamIds)
{
    public bool IsAdmin => Role == PersonRole.Admin;
    public bool IsManager => Role == PersonRole.Manager;

    /// <summary>The person's own reply language (people.csv <c>language</c>); null when they set none.</summary>
    public string? Language { get; init; }
}

/// <summary>Reads and changes deals. Every change goes through <see cref="ChangeDealAsync{T}"/>.</summary>
public interface IDealStore
{
    Task<DealView?> GetAsync(DealId id, CancellationToken cancellationToken);

    /// <summary>Exact, case-insensitive external id lookup.</summary>
    Task<DealView?> FindByExternalIdAsync(string externalId, CancellationToken cancellationToken);

    /// <summary>
    /// Name-matching candidates for deals in the given teams (all teams when null).
    /// Includes closed deals; callers decide.
    /// </summary>
    Task<IReadOnlyList<DealNameEntry>> ListNamesAsync(
        IReadOnlyCollection<long>? teamIds, CancellationToken cancellationToken);

    /// <summary>Open deals owned by a person, oldest stage entry first.</summary>
    Task<IReadOnlyList<DealView>> ListOpenByOwnerAsync(long ownerId, CancellationToken cancellationToken);

    /// <summary>Open deals in the given teams (all when null).</summary>
    Task<IReadOnlyList<DealView>> ListOpenAsync(
        IReadOnlyCollection<long>? teamIds, CancellationToken cancellationToken);

    /// <summary>
    /// Open deals in the given teams (all when null) at one of <paramref name="stages"/>, in the order of
    /// <see cref="ListOpenAsync"/>: "which deals are in demo" reads only the deals it may list.
    /// </summary>
    Task<IReadOnlyList<DealView>> ListOpenAtStagesAsync(
        IReadOnlyCollection<long>? teamIds, IReadOnlyCollection<StageId> stages, CancellationToken cancellationToken);

    /// <summary>
    /// The stages at which the given teams (all when null) have open deals, each once: which reads of
    /// <see cref="ListOpenAtStagesAsync"/> would find none ("closest to closing" asks from the end of the path).
    /// </summary>
    async Task<IReadOnlySet<StageId>> ListOpenStageIdsAsync(IReadOnlyCollection<long>? teamIds, CancellationToken cancellationToken) =>
        (await ListOpenAsync(teamIds, cancellationToken)).Select(view => view.Deal.StageId).ToHashSet();

    /// <summary>
    /// Open deals <paramref name="scope"/> allows (every deal when null) owned by one of <paramref name="ownerIds"/>, oldest
    /// stage entry first.
    /// </summary>
    Task<IReadOnlyList<DealView>> ListOpenOfOwnersAsync(
        DealScope? scope, IReadOnlyCollection<long> ownerIds, CancellationToken cancellationToken);

    /// <summary>The owners of the open deals <paramref name="scope"/> allows (every deal when null), each once.</summary>
    Task<IReadOnlyList<DealOwner>> ListOpenOwnersAsync(DealScope? scope, CancellationToken cancellationToken);

    /// <summary>
    /// The open deals <paramref name="scope"/> allows (every deal when null) counted by the currency of their amount as
    /// stored (not folded to one case), and those without an amount apart: a list's totals without reading its deals.
    /// </summary>
    Task<IReadOnlyList<OpenDealCurrency>> CountOpenByCurrencyAsync(DealScope? scope, CancellationToken cancellationToken);

    /// <summary>
    /// How many open deals <paramref name="scope"/> allows (every deal when null) the stall rule finds stalled at
    /// <paramref name="now"/> under <paramref name="limits"/>, counted in the database (<see cref="Stalls.StallRule.IsStalled"/>).
    /// </summary>
    Task<int> CountStalledAsync(DealScope? scope, StallLimits limits, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// <see cref="CountOpenByCurrencyAsync"/> and <see cref="CountStalledAsync"/> together: a list's header counts. A store
    /// that can take both in one pass over the deals does (at 100,000 deals each pass is most of a "biggest" turn).
    /// </summary>
    async Task<OpenDealCounts> CountOpenAsync(DealScope? scope, StallLimits limits, DateTimeOffset now, CancellationToken cancellationToken) =>
        new(await CountOpenByCurrencyAsync(scope, cancellationToken), await CountStalledAsync(scope, limits, now, cancellationToken));

    /// <summary>
    /// The open deals' next steps <paramref name="scope"/> allows (every deal when null), for "what's due": those with a
    /// day before <paramref name="datedBefore"/> (none when null) and, when <paramref name="withoutDay"/>, those with no day.
    /// No confirmations or snoozes are read. Oldest stage entry first, as <see cref="ListOpenAsync"/>.
    /// </summary>
    Task<IReadOnlyList<DealStep>> ListOpenStepsAsync(
        DealScope? scope, DateTimeOffset? datedBefore, bool withoutDay, CancellationToken cancellationToken);

    /// <summary>
    /// <see cref="ListOpenStepsAsync"/> without reading every deal that has no next step: the steps it gives but those with
    /// neither words nor a day (both null), which come counted per owner, each owner's with at least the first
    /// <paramref name="names"/> of them as "what's due" names them (by name under <see cref="StringComparer.OrdinalIgnoreCase"/>,
    /// ties in the order of <see cref="ListOpenStepsAsync"/>). At 100,000 deals those were most of an admin's "what's due".
    /// </summary>
    async Task<DueSteps> ListDueStepsAsync(
        DealScope? scope, DateTimeOffset? datedBefore, bool withoutDay, int names, CancellationToken cancellationToken)
    {
        var steps = await ListOpenStepsAsync(scope, datedBefore, withoutDay, cancellationToken);
        static bool None(DealStep step) => step.NextStep is null && step.NextStepAt is null;
        return new DueSteps(
            [.. steps.Where(step => !None(step))],
            [.. steps.Where(None).GroupBy(step => step.OwnerName).Select(owner => new StepsMissing(owner.Key, owner.Count(), [.. owner]))]);
    }

    /// <summary>
    /// The open deals of the given teams (all when null) the stall rule finds stalled at <paramref name="now"/> under
    /// <paramref name="limits"/>, found in the database as <see cref="CountStalledAsync"/> counts them, without their
    /// confirmations (none is snoozed); oldest stage entry first.
    /// </summary>
    Task<IReadOnlyList<StalledDeal>> ListStalledOpenAsync(
        IReadOnlyCollection<long>? teamIds, StallLimits limits, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// At least the <paramref name="count"/> biggest open deals <paramref name="scope"/> allows among those of
    /// <paramref name="currencies"/> (rows of <see cref="CountOpenByCurrencyAsync"/>): every deal whose amount is not smaller
    /// than the <paramref name="count"/>-th biggest, so deals tied with it come too and the caller orders them. Rows
    /// without an amount stand for every deal without one (all tied). Oldest stage entry first.
    /// </summary>
    Task<IReadOnlyList<DealView>> ListBiggestOpenAsync(
        DealScope? scope, IReadOnlyCollection<OpenDealCurrency> currencies, int count, CancellationToken cancellationToken);

    /// <summary>
    /// At least the <paramref name="count"/> open deals <paramref name="scope"/> allows that were created first: every
    /// deal created no later than the <paramref name="count"/>-th, ties included; oldest stage entry first.
    /// </summary>
    Task<IReadOnlyList<DealView>> ListOldestOpenAsync(DealScope? scope, int count, CancellationToken cancellationToken);

    /// <summary>Open deal count per stage id, for map drawings.</summary>
    Task<IReadOnlyDictionary<string, int>> CountOpenByStageAsync(long? teamId, CancellationToken cancellationToken);

    /// <summary>
    /// The latest confirmation not withdrawn, confirmed at or after <paramref name="since"/>, among the deals
    /// <paramref name="scope"/> allows (every deal when null): the one <paramref name="personId"/> made when given, on
    /// <paramref name="deal"/> when given. Null when there is none. Its stage version may be one the deal has left.
    /// </summary>
    Task<LatestConfirmation?> FindLatestConfirmationAsync(
        long? personId, DealId? deal, DealScope? scope, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>
    /// The latest deal <paramref name="personId"/> closed (lost or nurture, still so) at or after <paramref name="since"/>,
    /// only <paramref name="deal"/> when given: what "undo that" reopens within the close's undo window. Null when none.
    /// </summary>
    Task<LatestClose?> FindLatestCloseAsync(long personId, DealId? deal, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>
    /// Runs <paramref name="decide"/> against the deal's current state while holding an exclusive
    /// per-deal lock (serialised with every other change of the same deal, across processes),
    /// then applies the returned plan atomically. Returns null when the deal does not exist.
    /// </summary>
    Task<T?> ChangeDealAsync<T>(
        DealId id, Func<DealState, DealChangePlan<T>> decide, CancellationToken cancellationToken)
        where T : class;
}

/// <summary>A deal as read for answers: the entity plus names it refers to.</summary>
public sealed record DealView(
    Deal Deal,
    string OwnerName,
    string OwnerEmail,
    string TeamName,
    DateTimeOffset? SnoozedUntil,
    IReadOnlyList<ConfirmationView> Confirmations)
{
    public DealId Id => Deal.Id;

    /// <summary>The <c>map</c> of the deal's team (<see cref="SalesTeam.MapId"/>): null for the default map.</summary>
    public string? TeamMapId { get; init; }

    /// <summary>How many of the latest notes a single deal's read brings along (the card shows them).</summary>
    public const int LatestNotesRead = 3;

    /// <summary>
    /// The deal's latest notes, newest first, when the read brought them: <see cref="IDealStore.GetAsync"/> and the view a
    /// change leaves in the cache do (so they are cached and invalidated with the view), lists do not (null).
    /// </summary>
    public IReadOnlyList<NoteView>? LatestNotes { get; init; }
}

/// <summary>An open deal's next step as "what's due" lists it: its words and day, and whose deal it is.</summary>
public sealed record DealStep(
    DealId Id, string ExternalId, string Name, long TeamId, string OwnerName, string? NextStep, DateTimeOffset? NextStepAt, DateTimeOffset StageEnteredAt)
{
    public static DealStep Of(DealView view) => new(
        view.Id, view.Deal.ExternalId, view.Deal.Name, view.Deal.TeamId, view.OwnerName, view.Deal.NextStep, view.Deal.NextStepAt, view.Deal.StageEnteredAt);
}

/// <summary>
/// What "what's due" reads (<see cref="IDealStore.ListDueStepsAsync"/>): the steps, and per owner the deals with no next step
/// at all, counted, with the first of them by name.
/// </summary>
public sealed record DueSteps(IReadOnlyList<DealStep> Steps, IReadOnlyList<StepsMissing> Missing);

/// <summary>
/// An owner's open deals with neither a next step's words nor its day: <see cref="Count"/> of them, of which <see cref="First"/>
/// are read (at least the first few by name). Two owners of one name may come as two rows.
/// </summary>
public sealed record StepsMissing(string OwnerName, int Count, IReadOnlyList<DealStep> First);

/// <summary>A deal the stall rule is asked about: the deal, its owner's name, its team's map and running snooze; no confirmations.</summary>
public sealed record StalledDeal(Deal Deal, string OwnerName, string? TeamMapId, DateTimeOffset? SnoozedUntil)
{
    public DealId Id => Deal.Id;

    public static StalledDeal Of(DealView view) => new(view.Deal, view.OwnerName, view.TeamMapId, view.SnoozedUntil);
}

/// <summary>A person who owns open deals, by the name lists show.</summary>
public sealed record DealOwner(long Id, string Name);

/// <summary>
/// How many open deals have an amount in <see cref="Currency"/> as stored (null: none given), or, when not
/// <see cref="HasAmount"/>, no amount at all.
/// </summary>
public sealed record OpenDealCurrency(string? Currency, bool HasAmount, int Count);

/// <summary>The open deals by currency (<see cref="IDealStore.CountOpenByCurrencyAsync"/>) and how many of them stall.</summary>
public sealed record OpenDealCounts(IReadOnlyList<OpenDealCurrency> Currencies, int Stalled);

/// <summary>
/// The stall rule's limits for every team, as <see cref="IDealStore.CountStalledAsync"/> applies them in the database: a stage's
/// <c>stallAfterDays</c> (only limits above 0) for the deals of <see cref="StageStallLimit.TeamIds"/> at
/// <see cref="StageStallLimit.StageIds"/>, and each team's idle limit (only limits above 0).
/// </summary>
public sealed record StallLimits(IReadOnlyList<StageStallLimit> Stages, IReadOnlyList<TeamIdleLimit> Idle);

/// <summary>A stage limit of some teams' deals; <see cref="TeamIds"/> null: of every team's (one map for all).</summary>
public sealed record StageStallLimit(IReadOnlyCollection<long>? TeamIds, IReadOnlyCollection<StageId> StageIds, int Days);

/// <summary>The idle limit of some teams' deals; <see cref="TeamIds"/> null: of every team's.</summary>
public sealed record TeamIdleLimit(IReadOnlyCollection<long>? TeamIds, int Days);

/// <summary>An active (not withdrawn) confirmation at the deal's current stage version.</summary>
public sealed record ConfirmationView(ChecklistItemId Item, long PersonId, string PersonName, DateTimeOffset ConfirmedAt, ChatChannel Channel);

/// <summary>A deal closed and not reopened since, as "undo that" finds it: which deal, and when it was closed.</summary>
public sealed record LatestClose(DealId Deal, DateTimeOffset ClosedAt);

/// <summary>A confirmation still in force, as "undo that" finds it: which deal, stage (and its version) and item, and when.</summary>
public sealed record LatestConfirmation(DealId Deal, StageId Stage, int StageVersion, ChecklistItemId Item, DateTimeOffset ConfirmedAt);

/// <summary>What the name resolver needs about each deal.</summary>
public sealed record DealNameEntry(DealId Id, string ExternalId, string Name, string? Account, long TeamId, long OwnerId, DealStatus Status);

/// <summary>The deal as seen inside the lock: the same shape as a read.</summary>
public sealed record DealState(DealView View)
{
    public Deal Deal => View.Deal;
}

/// <summary>
/// What a change does. Everything in it is applied in one transaction; an empty plan writes nothing.
/// </summary>
public sealed record DealChangePlan<T>(T Result) where T : class
{
    public IReadOnlyList<NewConfirmation> Confirm { get; init; } = [];
    public IReadOnlyList<ChecklistItemId> Withdraw { get; init; } = [];
    public long? WithdrawnBy { get; init; }
    public StageTransition? Transition { get; init; }
    public string? Note { get; init; }
    public long? NoteBy { get; init; }
    public SnoozeRequest? Snooze { get; init; }

    /// <summary>When set, replaces the deal's next step (text and date) and clears its reminder.</summary>
    public NextStepChange? NextStep { get; init; }

    /// <summary>Ends every running snooze of the deal ("unsnooze").</summary>
    public SnoozeEnd? EndSnooze { get; init; }

    /// <summary>When set, the deal's last activity moves to this instant.</summary>
    public DateTimeOffset? ActivityAt { get; init; }

    /// <summary>Where the change came from: recorded on the confirmations, stage history rows, notes and activities it writes.</summary>
    public ChangeSource? Source { get; init; }

    /// <summary>A note to add; one with the same author and text within <see cref="NewNote.RetryWindow"/> is a retry and is not stored again.</summary>
    public NewNote? AddNote { get; init; }

    /// <summary>
    /// When set, what the change returns instead of <see cref="Result"/> if <see cref="AddNote"/> finds its note already
    /// stored: a retry, or a racing twin that held the deal's lock first. The store decides it under that lock, so of two
    /// identical changes exactly one gets <see cref="Result"/> (a close proposal is sent once).
    /// </summary>
    public T? IfNoteAlreadyStored { get; init; }

    /// <summary>A note to withdraw ("undo that"): marked withdrawn by <see cref="WithdrawnBy"/> at <see cref="ActivityAt"/>, never deleted.</summary>
    public long? WithdrawNote { get; init; }

    /// <summary>A logged activity to withdraw, as <see cref="WithdrawNote"/>.</summary>
    public long? WithdrawActivity { get; init; }

    /// <summary>
    /// What the change returns instead of <see cref="Result"/> when the note, activity or next step event it withdraws
    /// (<see cref="NextStepChange.Undoes"/>) is already withdrawn; then it writes nothing. Decided under the deal's lock,
    /// so of two racing "undo that" exactly one undoes.
    /// </summary>
    public T? IfAlreadyWithdrawn { get; init; }

    /// <summary>An activity to log; the same one (author, kind, day, text) within <see cref="NewNote.RetryWindow"/> is a retry and is not stored again.</summary>
    public NewActivity? LogActivity { get; init; }

    public static DealChangePlan<T> Nothing(T result) => new(result);
}

/// <summary>A confirmation to record at the deal's current stage and version, by the named person.</summary>
public sealed record NewConfirmation(ChecklistItemId Item, long PersonId, string PersonName, DateTimeOffset At, ChatChannel Channel);

/// <summary>
/// A stage or status change. The store bumps the stage version, sets the stage-entered time,
/// writes a history entry, and sets status / lost reason / closed / re-engage fields as given; a change to a
/// status other than open records <c>ByPersonId</c> as the closer (<see cref="Deal.ClosedByPersonId"/>).
/// </summary>
public sealed record StageTransition(
    StageId ToStage,
    DealStatus Status,
    StageChangeKind Kind,
    DateTimeOffset At,
    long? ByPersonId,
    string? Reason,
    string? LostReason = null,
    DateTimeOffset? ReengageAt = null)
{
    /// <summary>Confirmations recorded at the new stage and version right after the move (a map change carries them over).</summary>
    public IReadOnlyList<NewConfirmation> Carry { get; init; } = [];

    /// <summary>The map version the move happened under, when no chat <see cref="ChangeSource"/> says it (a map change).</summary>
    public int? MapVersion { get; init; }
}

/// <summary>
/// A new next step: what, by when (null: no date said), set at <paramref name="SetAt"/>; or, when <see cref="Done"/>, the
/// current step finished and cleared (<paramref name="Text"/> and <paramref name="At"/> null). The store records either in
/// the deal's history, by <see cref="ByPersonId"/>.
/// </summary>
public sealed record NextStepChange(string? Text, DateTimeOffset? At, DateTimeOffset SetAt)
{
    /// <summary>Who set or finished it; null when no person did (recorded without a name).</summary>
    public long? ByPersonId { get; init; }

    /// <summary>The step is finished: the deal has no next step after it.</summary>
    public bool Done { get; init; }

    /// <summary>"undo that": the next step event (<see cref="DealNextStepEvent.Id"/>) this change withdraws, putting back the step before it.</summary>
    public long? Undoes { get; init; }

    /// <summary>"next step for DEAL done": clears the step, recorded as finished by the person.</summary>
    public static NextStepChange Finished(long personId, DateTimeOffset at) => new(null, null, at) { ByPersonId = personId, Done = true };
}

/// <summary>A snooze until <c>Until</c>; it replaces any snooze still running (ended at <c>At</c>).</summary>
public sealed record SnoozeRequest(long PersonId, DateTimeOffset Until, DateTimeOffset At, string? Reason = null);

/// <summary>Ends the deal's running snoozes at <c>At</c>, recorded as ended by the person.</summary>
public sealed record SnoozeEnd(long PersonId, DateTimeOffset At);

/// <summary>The conversation a change was made from and the map version it was decided under (issue 15: "where" is the chat).</summary>
public sealed record ChangeSource(ConversationKey Conversation, int MapVersion);

/// <summary>A note by a person. Retries of the same turn (Slack redelivery, Teams retries) repeat it within minutes.</summary>
public sealed record NewNote(long PersonId, string Text, DateTimeOffset At)
{
    /// <summary>How long the same text by the same person on the same deal counts as the same note (Slack retries for about 5 minutes).</summary>
    public static readonly TimeSpan RetryWindow = TimeSpan.FromMinutes(15);

    /// <summary>The longest note taken; longer ones are refused, not cut.</summary>
    public const int MaxLength = 2000;
}

/// <summary>A call, meeting or email a person logged; <paramref name="OccurredAt"/> is when it happened, <paramref name="At"/> when it was logged.</summary>
public sealed record NewActivity(long PersonId, ActivityKind Kind, DateTimeOffset OccurredAt, DateTimeOffset At, string? Text)
{
    /// <summary>Said with a day and no time: <paramref name="OccurredAt"/> is the day's start (<see cref="DealActivity.DayOnly"/>).</summary>
    public bool DayOnly { get; init; }

    /// <summary>The longest "what it was about" taken (the column's size); longer is refused, not cut: a note holds more.</summary>
    public const int MaxTextLength = 500;
}

/// <summary>A deal's notes and history (issue 15): what a coach reads to hear what happened.</summary>
public interface IDealJournal
{
    /// <summary>The deal's latest notes, newest first.</summary>
    Task<IReadOnlyList<NoteView>> RecentNotesAsync(DealId deal, int count, CancellationToken cancellationToken);

    /// <summary>Everything recorded about the deal, newest first: stage changes, confirmations and undos, notes, activities, snoozes, next steps.</summary>
    Task<IReadOnlyList<TimelineEntry>> TimelineAsync(DealId deal, CancellationToken cancellationToken);

    /// <summary>
    /// The latest note, logged activity or next step change (set, changed, done; not an undo) not withdrawn, made at or after
    /// <paramref name="since"/> among the deals <paramref name="scope"/> allows (every deal when null): by
    /// <paramref name="personId"/> when given, on <paramref name="deal"/> when given, of <paramref name="kind"/> when given
    /// (and only activities of <paramref name="activity"/> when given: "undo my last call").
    /// A next step change counts only while it is the deal's latest still standing (not withdrawn). Null when there is none.
    /// </summary>
    Task<LatestAct?> FindLatestActAsync(
        long? personId, DealId? deal, DealScope? scope, DateTimeOffset since, UndoableAct? kind, ActivityKind? activity, CancellationToken cancellationToken);

    /// <summary>
    /// "what did I do this week": the rows <paramref name="personId"/> wrote at or after <paramref name="from"/> and before
    /// <paramref name="to"/> on the deals of <paramref name="teamIds"/> (every team when null): checklist confirmations, notes,
    /// logged activities (by when they happened), next steps set, changed or done, and stage changes made in chat (moves,
    /// advances, overrides, closes, reopens), newest first, at most <paramref name="limit"/> of each kind. What was withdrawn
    /// or undone since is left out (and so is an undo itself): the list says what still stands.
    /// </summary>
    Task<PersonActs> ListActsAsync(
        long personId, IReadOnlyCollection<long>? teamIds, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken);
}

/// <summary>A person's rows of a period (<see cref="IDealJournal.ListActsAsync"/>) and the deals they are on.</summary>
public sealed record PersonActs(
    IReadOnlyList<ActDeal> Deals,
    IReadOnlyList<StageHistoryEntry> Stages,
    IReadOnlyList<Confirmation> Confirmations,
    IReadOnlyList<DealNote> Notes,
    IReadOnlyList<DealActivity> Activities,
    IReadOnlyList<DealNextStepEvent> NextSteps)
{
    public static readonly PersonActs Empty = new([], [], [], [], [], []);

    /// <summary>The stage changes a person makes in chat: a map change, a deal's creation, an import or a CRM sync is no act of theirs.</summary>
    public static bool IsOwnStageChange(StageChangeKind kind) =>
        kind is StageChangeKind.Advanced or StageChangeKind.Moved or StageChangeKind.Override or StageChangeKind.Closed or StageChangeKind.Reopened;
}

/// <summary>A deal some act of a person's is on: its name, number, team and the team's map.</summary>
public sealed record ActDeal(DealId Id, string ExternalId, string Name, long TeamId, string? TeamMapId);

/// <summary>What "undo that" may take back besides a confirmation.</summary>
public enum UndoableAct
{
    NextStep,
    Note,
    Activity,
}

/// <summary>
/// A note, activity or next step change "undo that" may withdraw: its row id, deal, author and time, and what it said
/// (<see cref="Text"/>: the note, what the activity was about, the step's words it left; <see cref="Due"/> the step's day).
/// </summary>
public sealed record LatestAct(UndoableAct Kind, long Id, DealId Deal, long? PersonId, DateTimeOffset At)
{
    public string? Text { get; init; }
    public DateTimeOffset? Due { get; init; }

    /// <summary>A next step change's kind, and the step before it (what an undo puts back).</summary>
    public NextStepEventKind? StepChange { get; init; }
    public string? PreviousText { get; init; }
    public DateTimeOffset? PreviousDue { get; init; }

    /// <summary>An activity's kind, when it happened and whether only its day was said.</summary>
    public ActivityKind? Activity { get; init; }
    public DateTimeOffset? OccurredAt { get; init; }
    public bool DayOnly { get; init; }
}

public sealed record NoteView(string? AuthorName, DateTimeOffset At, string Text);

public enum TimelineEntryKind
{
    StageChange,
    Confirmed,
    Withdrawn,
    Note,
    Activity,
    Snooze,

    /// <summary>A snooze lifted before its day ("unsnooze"), by whom and when.</summary>
    SnoozeEnded,

    /// <summary>A next step set where there was none: <see cref="TimelineEntry.Text"/> and <see cref="TimelineEntry.Due"/>.</summary>
    NextStepSet,

    /// <summary>A next step replaced by another (the new one's words and day).</summary>
    NextStepChanged,

    /// <summary>A next step finished ("next step for DEAL done"): the finished one's words and day.</summary>
    NextStepDone,

    /// <summary>"undo that" withdrew a next step: <see cref="TimelineEntry.Previous"/> the withdrawn one, <see cref="TimelineEntry.Text"/> and <see cref="TimelineEntry.Due"/> the step back (none when both null).</summary>
    NextStepUndone,

    /// <summary>A note withdrawn by "undo that": its text.</summary>
    NoteWithdrawn,

    /// <summary>A logged activity withdrawn by "undo that": its kind and what it was about.</summary>
    ActivityWithdrawn,
}

/// <summary>
/// One line of a deal's history, as stored: what happened, when, who, and the chat it came from. Only the fields of
/// its kind are set (<see cref="Stage"/> and <see cref="StageChange"/> for stage changes, <see cref="Item"/> for
/// confirmations, <see cref="Activity"/> for activities, <see cref="Until"/> for snoozes).
/// </summary>
public sealed record TimelineEntry(TimelineEntryKind Kind, DateTimeOffset At, string? PersonName)
{
    public StageId? Stage { get; init; }
    public StageChangeKind? StageChange { get; init; }
    public ChecklistItemId? Item { get; init; }
    public ActivityKind? Activity { get; init; }
    public DateTimeOffset? Until { get; init; }

    /// <summary>A next step's day (<see cref="TimelineEntryKind.NextStepSet"/> and the like); null when it had none.</summary>
    public DateTimeOffset? Due { get; init; }

    /// <summary>The reason of a stage change or a snooze, a note's text, what an activity was about, or a next step's words.</summary>
    public string? Text { get; init; }

    public ChatChannel? Channel { get; init; }
    public ConversationKey? Conversation { get; init; }
    public int? MapVersion { get; init; }

    /// <summary>A stage change's recorded outcome (<see cref="StageHistoryEntry.Outcome"/>); null for other entries and older rows.</summary>
    public DealStatus? Outcome { get; init; }

    /// <summary>A confirmation a map change copied into the stage that replaced the deal's (same person and time).</summary>
    public bool CarriedOver { get; init; }

    /// <summary>A snooze ended before its day: <see cref="Until"/> is then when it ended, not the day it was set for.</summary>
    public bool EndedEarly { get; init; }

    /// <summary>An activity said with a day and no time: <see cref="At"/> is the day's start, shown as the day alone.</summary>
    public bool DayOnly { get; init; }

    /// <summary>The step an undo withdrew (<see cref="TimelineEntryKind.NextStepUndone"/>): its words and day.</summary>
    public string? Previous { get; init; }
    public DateTimeOffset? PreviousDue { get; init; }
}

/// <summary>Which deal a conversation is linked to ("link this chat to Initech").</summary>
public interface IConversationStore
{
    Task<DealId?> GetLinkedDealAsync(ConversationKey conversation, CancellationToken cancellationToken);

    Task LinkAsync(ConversationKey conversation, DealId deal, long personId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Returns false when nothing was linked.</summary>
    Task<bool> UnlinkAsync(ConversationKey conversation, CancellationToken cancellationToken);

    /// <summary>
    /// A "did you mean …?" asked of <paramref name="personId"/> in <paramref name="conversation"/>: the command its Yes runs.
    /// One per person and conversation; asking again replaces it.
    /// </summary>
    Task AskAsync(ConversationKey conversation, long personId, string commandText, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>
    /// Takes the person's question in the conversation (it is answered, so it is gone): its command, when asked at or
    /// after <paramref name="since"/> and, when <paramref name="commandText"/> is given, for that command. Null when there is
    /// none; of two takes at once, one gets it.
    /// </summary>
    Task<string?> TakeQuestionAsync(
        ConversationKey conversation, long personId, DateTimeOffset since, string? commandText, CancellationToken cancellationToken);
}
