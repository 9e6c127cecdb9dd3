namespace SalesCoachBot.Core.Domain;

// Persistent entities. Plain classes so the Data layer can map them with EF Core
// configurations; Core itself never references EF. Deal, stage and item ids are the typed ids the rest of
// the code uses; the Data layer stores them as plain columns (value converters).

public enum PersonRole
{
    Rep,
    Manager,
    Admin,
}

public enum DealStatus
{
    Open,
    Won,
    Lost,
    Nurture,
}

public sealed class SalesTeam
{
    public long Id { get; set; }
    public required string Name { get; set; }

    /// <summary>IANA time zone id, for example <c>Europe/Berlin</c>.</summary>
    public string TimeZoneId { get; set; } = "UTC";

    /// <summary>Local time of the daily stalled-deal digest.</summary>
    public TimeOnly NudgeTime { get; set; } = new(9, 0);

    /// <summary>True: the digest comes on the team's <see cref="Workdays"/> only; false: every day.</summary>
    public bool WeekdaysOnly { get; set; } = true;

    /// <summary>The team's working week (<c>workdays</c> column of teams.csv), Monday to Friday unless it says otherwise.</summary>
    public WorkWeek Workdays { get; set; } = WorkWeek.MondayToFriday;

    /// <summary>Days without activity after which an open deal counts as stalled.</summary>
    public int IdleAfterDays { get; set; } = 14;

    /// <summary>The team's reply language (<c>en</c> or <c>ar</c>): its digest, and people who set none; null: the default.</summary>
    public string? Language { get; set; }

    /// <summary>The id of the team's process map (<c>map</c> column of teams.csv); null: the default map.</summary>
    public string? MapId { get; set; }

    /// <summary>
    /// The team's current quota (<c>quota</c>, <c>quota_currency</c>, <c>quota_period</c> of teams.csv, or "set the EMEA
    /// quota to 500k EUR" in chat): one per team, no history; null amount: none set.
    /// </summary>
    public decimal? QuotaAmount { get; set; }

    /// <summary>The quota's ISO currency code (upper case); wins in other currencies do not count towards it.</summary>
    public string? QuotaCurrency { get; set; }

    /// <summary>The calendar period the quota is for, in the team's time zone.</summary>
    public QuotaPeriod QuotaPeriod { get; set; } = QuotaPeriod.Quarter;

    /// <summary>Who set the quota in chat; null when an import set it (or none is set).</summary>
    public long? QuotaSetByPersonId { get; set; }

    /// <summary>When the quota was last set, in chat or by an import.</summary>
    public DateTimeOffset? QuotaSetAt { get; set; }
}

/// <summary>The calendar period a team's quota is for (<see cref="SalesTeam.QuotaPeriod"/>).</summary>
public enum QuotaPeriod
{
    Quarter,
    Month,
    Year,
}

public sealed class Person
{
    public long Id { get; set; }
    public required string Email { get; set; }
    public required string Name { get; set; }
    public PersonRole Role { get; set; } = PersonRole.Rep;

    /// <summary>Opaque AAD object id from Teams; compared as given, never parsed.</summary>
    public string? TeamsAadObjectId { get; set; }

    /// <summary>Opaque Slack user id; compared as given.</summary>
    public string? SlackUserId { get; set; }

    /// <summary>
    /// The Slack workspace (<c>T…</c>) or Enterprise Grid organisation (<c>E…</c>) of <see cref="SlackUserId"/>:
    /// the id matches only there. Null (records from before it existed): any workspace the bot serves.
    /// </summary>
    public string? SlackTeamId { get; set; }

    /// <summary>The language the person is answered in (<c>en</c> or <c>ar</c>); null: the chat platform's locale, the team's, the default.</summary>
    public string? Language { get; set; }

    public List<TeamMembership> Memberships { get; set; } = [];
}

public sealed class TeamMembership
{
    public long PersonId { get; set; }
    public long TeamId { get; set; }
    public SalesTeam? Team { get; set; }
}

public sealed class Deal
{
    /// <summary>Longest next step a person may write; the column and the CSV import share it.</summary>
    public const int MaxNextStepLength = 500;

    public DealId Id { get; set; }
    public required string ExternalId { get; set; }
    public required string Name { get; set; }
    public string? Account { get; set; }
    public decimal? Amount { get; set; }
    public string? Currency { get; set; }
    public long OwnerId { get; set; }
    public Person? Owner { get; set; }
    public long TeamId { get; set; }
    public SalesTeam? Team { get; set; }
    public required StageId StageId { get; set; }
    public DateTimeOffset StageEnteredAt { get; set; }
    public DateTimeOffset? NextStepAt { get; set; }

    /// <summary>What the next step is ("demo with their CFO"); null when none was said.</summary>
    public string? NextStep { get; set; }

    /// <summary>When the current next step was set: a reminder is due only when nothing happened since.</summary>
    public DateTimeOffset? NextStepSetAt { get; set; }

    /// <summary>When the owner was reminded that the current next step's date passed; cleared by a new next step.</summary>
    public DateTimeOffset? NextStepRemindedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DealStatus Status { get; set; } = DealStatus.Open;
    public string? LostReason { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>
    /// <see cref="ClosedAt"/> once the deal moves at <paramref name="at"/> with <paramref name="status"/>: a deal already won
    /// (or lost) keeps the day it closed as it moves on through post-sale stages or a map change renames its stage, so the
    /// pipeline counts it in the period it was won; an open or nurtured deal has none. Read before the status changes.
    /// </summary>
    public DateTimeOffset? ClosedAtAfterMove(DealStatus status, DateTimeOffset at) =>
        status is DealStatus.Won or DealStatus.Lost ? (Status == status && ClosedAt is { } closed ? closed : at) : null;

    /// <summary>When a nurtured deal should be picked up again.</summary>
    public DateTimeOffset? ReengageAt { get; set; }

    /// <summary>Who closed it (lost, nurture, won) in its latest close; null while open. Decides who may undo the close.</summary>
    public long? ClosedByPersonId { get; set; }

    /// <summary>Bumped on every stage change; cards carry it so stale cards are recognised.</summary>
    public int StageVersion { get; set; } = 1;

    /// <summary>Latest of: stage entered, confirmation, undo, move, note, logged activity.</summary>
    public DateTimeOffset LastActivityAt { get; set; }
}

public enum StageChangeKind
{
    /// <summary>The deal was created or imported in this stage.</summary>
    Entered,

    /// <summary>The last required item was confirmed.</summary>
    Advanced,

    /// <summary>A manager moved the deal by hand (forward or back).</summary>
    Moved,

    /// <summary>A manager moved the deal past a stage whose checklist was not done.</summary>
    Override,

    /// <summary>The buyer said no or the deal was lost.</summary>
    Closed,

    /// <summary>Loaded from a migrated history file.</summary>
    Imported,

    /// <summary>A closed deal (lost or nurture) was reopened in the stage it left.</summary>
    Reopened,

    /// <summary>Changed in the CRM and pulled by the sync (issue 16); the reason names the CRM.</summary>
    MovedInCrm,

    /// <summary>A new process map replaced the deal's stage; the deal moved to the stage that took it over.</summary>
    MapChange,

    /// <summary>Lost or deleted in the CRM and pulled by the sync; the reason names the CRM and its lost reason.</summary>
    ClosedInCrm,
}

public sealed class StageHistoryEntry
{
    public long Id { get; set; }
    public DealId DealId { get; set; }
    public required StageId StageId { get; set; }
    public DateTimeOffset EnteredAt { get; set; }
    public StageChangeKind Kind { get; set; }
    public long? ByPersonId { get; set; }
    public string? Reason { get; set; }

    /// <summary>The chat the change was made from; null for imports, the scheduler and rows from before it was recorded.</summary>
    public ConversationKey? Conversation { get; set; }

    /// <summary>The process map version the change was decided under; null when not recorded.</summary>
    public int? MapVersion { get; set; }

    /// <summary>
    /// The deal's status this change left it in (a close's lost, nurture or won), so the row keeps its outcome when the deal
    /// is reopened and closed otherwise later; null for rows from before migration <c>StageHistoryOutcome</c>.
    /// </summary>
    public DealStatus? Outcome { get; set; }

    /// <summary>
    /// What a row says the deal's status became: its <see cref="Outcome"/>, else (a row from before it) an import's close or
    /// reopen reason (<see cref="ImportReason"/>); null when it says nothing, and the deal's status now is all there is.
    /// </summary>
    public static DealStatus? RecordedOutcome(StageChangeKind kind, DealStatus? outcome, long? byPersonId, string? reason) =>
        outcome ?? ImportReason.OutcomeOf(kind, byPersonId, reason);
}

public sealed class Confirmation
{
    public long Id { get; set; }
    public DealId DealId { get; set; }
    public required StageId StageId { get; set; }
    public int StageVersion { get; set; }
    public required ChecklistItemId ItemId { get; set; }
    public long PersonId { get; set; }
    public DateTimeOffset ConfirmedAt { get; set; }
    public ChatChannel Channel { get; set; }

    /// <summary>The chat the confirmation came from; null for rows from before it was recorded.</summary>
    public ConversationKey? Conversation { get; set; }

    public DateTimeOffset? WithdrawnAt { get; set; }
    public long? WithdrawnByPersonId { get; set; }

    /// <summary>The chat the confirmation was withdrawn from; null while in force and for undos from before it was recorded.</summary>
    public ConversationKey? WithdrawnConversation { get; set; }
}

public sealed class DealNote
{
    public long Id { get; set; }
    public DealId DealId { get; set; }
    public long? PersonId { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Text { get; set; }

    /// <summary>The chat the note was written in; null for imported notes.</summary>
    public ConversationKey? Conversation { get; set; }

    /// <summary>Withdrawn by "undo that": kept (nothing stored is lost), left out of the notes, shown as withdrawn in the history.</summary>
    public DateTimeOffset? WithdrawnAt { get; set; }
    public long? WithdrawnByPersonId { get; set; }
}

/// <summary>What a rep did with the buyer: "called Initech", "met Globex today", "emailed the proposal to Acme".</summary>
public enum ActivityKind
{
    Call,
    Meeting,
    Email,
    Other,
}

/// <summary>A logged call, meeting or email. It counts as activity for the stall rule and shows in the history.</summary>
public sealed class DealActivity
{
    public long Id { get; set; }
    public DealId DealId { get; set; }
    public ActivityKind Kind { get; set; }
    public long? PersonId { get; set; }

    /// <summary>When it happened: when it was logged, or the start of the day the rep named (<see cref="DayOnly"/>).</summary>
    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>
    /// Said with a day and no time ("called Hooli yesterday"): <see cref="OccurredAt"/> is that day's start in the team's
    /// zone and the history shows the day alone, not a time nobody said. False for rows from before migration <c>ActivityDayOnly</c>.
    /// </summary>
    public bool DayOnly { get; set; }

    /// <summary>When it was logged.</summary>
    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>What it was about, as the rep said it ("the proposal"); optional.</summary>
    public string? Text { get; set; }

    /// <summary>The chat it was logged from; null for imported activities.</summary>
    public ConversationKey? Conversation { get; set; }

    /// <summary>Withdrawn by "undo that": kept, and shown as withdrawn in the history.</summary>
    public DateTimeOffset? WithdrawnAt { get; set; }
    public long? WithdrawnByPersonId { get; set; }
}

/// <summary>What happened to a deal's next step: set where there was none, replaced by another, or finished ("done").</summary>
public enum NextStepEventKind
{
    Set,
    Changed,
    Done,

    /// <summary>"undo that": the step an earlier event set, changed or finished is withdrawn and the one before it is back.</summary>
    Undone,
}

/// <summary>
/// A next step set, changed or finished, as the history shows it: who, when, the step's words and day. The deal keeps only
/// its current step (<see cref="Deal.NextStep"/>); these rows keep the ones before it.
/// </summary>
public sealed class DealNextStepEvent
{
    public long Id { get; set; }
    public DealId DealId { get; set; }
    public NextStepEventKind Kind { get; set; }
    public long? PersonId { get; set; }

    /// <summary>When it was set, changed or finished.</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>The step's words (a finished step's, for <see cref="NextStepEventKind.Done"/>); null when it had none.</summary>
    public string? Text { get; set; }

    /// <summary>The step's day (a finished step's, for <see cref="NextStepEventKind.Done"/>); null when it had none.</summary>
    public DateTimeOffset? DueAt { get; set; }

    /// <summary>The chat it came from; null when not recorded.</summary>
    public ConversationKey? Conversation { get; set; }

    /// <summary>
    /// The step the deal had before this event (<see cref="NextStepEventKind.Changed"/> and <see cref="NextStepEventKind.Undone"/>):
    /// what an undo puts back. Both null on a change recorded before migration <c>UndoStepsNotesActivities</c>.
    /// </summary>
    public string? PreviousText { get; set; }
    public DateTimeOffset? PreviousDueAt { get; set; }

    /// <summary>Withdrawn by "undo that" (an <see cref="NextStepEventKind.Undone"/> row records it): never undone twice.</summary>
    public DateTimeOffset? WithdrawnAt { get; set; }
    public long? WithdrawnByPersonId { get; set; }
}

public sealed class Snooze
{
    public long Id { get; set; }
    public DealId DealId { get; set; }
    public long PersonId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Ends the snooze; moved back to the instant it was lifted ("unsnooze") or replaced by a newer snooze.</summary>
    public DateTimeOffset Until { get; set; }

    /// <summary>Why, as the person said it ("the buyer is on leave").</summary>
    public string? Reason { get; set; }

    /// <summary>Who ended it early (unsnooze, or a newer snooze); null while it runs its course.</summary>
    public long? EndedByPersonId { get; set; }

    /// <summary>The chat the snooze was asked for in; null for snoozes from before it was recorded.</summary>
    public ConversationKey? Conversation { get; set; }

    /// <summary>The chat it was ended early from (unsnooze, or a newer snooze); null while it runs its course or when not recorded.</summary>
    public ConversationKey? EndedConversation { get; set; }
}

/// <summary>
/// A "did you mean …?" the bot asked a person in a conversation, so a typed "yes" (or "no") answers it as its buttons do.
/// One per person and conversation; taken when answered.
/// </summary>
public sealed class PendingQuestion
{
    public long Id { get; set; }
    public required ConversationKey ConversationKey { get; set; }
    public long PersonId { get; set; }

    /// <summary>The command its Yes runs, in the canonical words the button carries.</summary>
    public required string CommandText { get; set; }

    public DateTimeOffset AskedAt { get; set; }

    /// <summary>The longest command kept: a note's 2,000 characters and the words around them, with room to spare.</summary>
    public const int MaxCommandLength = 4000;
}

/// <summary>"link this chat to DEAL": the deal a conversation talks about by default.</summary>
public sealed class ConversationLink
{
    public required ConversationKey ConversationKey { get; set; }
    public DealId DealId { get; set; }
    public long LinkedByPersonId { get; set; }
    public DateTimeOffset LinkedAt { get; set; }
}
