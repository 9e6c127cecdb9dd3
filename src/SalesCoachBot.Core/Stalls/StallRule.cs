using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.ProcessMaps;

namespace SalesCoachBot.Core.Stalls;

public enum StallReasonKind
{
    NotStalled,
    OverStageLimit,
    Idle,
    OverStageLimitAndIdle,
}

/// <summary>Whether a deal is stalled, and a sentence saying why (or why not).</summary>
public sealed record StallAssessment(bool IsStalled, StallReasonKind Kind, int DaysInStage, int DaysIdle)
{
    /// <summary>
    /// The verdict as an English sentence, for logs and the command line: the English resource text, built when asked
    /// (a card or digest says it in the reader's language through <see cref="Localization.StallWording"/>).
    /// </summary>
    public string Reason => Localization.StallWording.Reason(this, Localization.Phrases.English);

    /// <summary>How far past its limit the deal is; used to order digests (most overdue first).</summary>
    public int DaysOverdue { get; init; }

    /// <summary>Why, as data: what a reply in any language says (<see cref="Localization.StallWording"/>).</summary>
    public StallWhy Why { get; init; }

    public int StallAfterDays { get; init; }

    public int IdleAfterDays { get; init; }

    /// <summary>Also past the idle limit, when a booked next step no longer suspends the stall (said in the reason).</summary>
    public bool IdleToo { get; init; }

    /// <summary>The booked next step's moment, when it matters to the verdict.</summary>
    public DateTimeOffset? NextStepAt { get; init; }

    public DateTimeOffset? SnoozedUntil { get; init; }

    public DealStatus Status { get; init; }

    /// <summary>The deal's stage, named in the reason (in the reply's language) when a booked next step no longer suspends the stall.</summary>
    public Stage? Stage { get; init; }

    public TimeZoneInfo? Zone { get; init; }
}

/// <summary>Which sentence explains a stall verdict.</summary>
public enum StallWhy
{
    NotOpen,
    NextStepBooked,
    Snoozed,
    OverStageDespiteNextStep,
    OverStageAndIdle,
    OverStage,
    Idle,
    OnTrack,
}

/// <summary>
/// The one stall rule of the product (README, "Rules everyone shares"):
/// stalled when in stage longer than the stage's <c>stallAfterDays</c>, or idle longer than the
/// team's idle limit — unless the deal is snoozed, or a next step is booked in the future and the deal has
/// been in its stage less than twice <c>stallAfterDays</c> (one far-off next step must not hide a deal stuck for
/// months). Only open deals can stall.
/// </summary>
public static class StallRule
{
    public static StallAssessment Assess(
        DealStatus status,
        DateTimeOffset stageEnteredAt,
        DateTimeOffset lastActivityAt,
        DateTimeOffset? nextStepAt,
        DateTimeOffset? snoozedUntil,
        int stallAfterDays,
        int idleAfterDays,
        DateTimeOffset now) =>
        Assess(status, stageEnteredAt, lastActivityAt, nextStepAt, snoozedUntil, stallAfterDays, idleAfterDays, now, stage: null, zone: null);

    /// <param name="stage">Named in the reason when a booked next step no longer suspends the stall.</param>
    /// <param name="zone">The team's zone, for the next step's date in reasons; null: the UTC date.</param>
    public static StallAssessment Assess(
        DealStatus status,
        DateTimeOffset stageEnteredAt,
        DateTimeOffset lastActivityAt,
        DateTimeOffset? nextStepAt,
        DateTimeOffset? snoozedUntil,
        int stallAfterDays,
        int idleAfterDays,
        DateTimeOffset now,
        Stage? stage,
        TimeZoneInfo? zone)
    {
        var verdict = Judge(status, stageEnteredAt, lastActivityAt, nextStepAt, snoozedUntil, stallAfterDays, idleAfterDays, now);
        return verdict with
        {
            StallAfterDays = stallAfterDays,
            IdleAfterDays = idleAfterDays,
            NextStepAt = nextStepAt,
            SnoozedUntil = snoozedUntil,
            Status = status,
            Stage = stage,
            Zone = zone,
        };
    }

    private static StallAssessment Judge(
        DealStatus status,
        DateTimeOffset stageEnteredAt,
        DateTimeOffset lastActivityAt,
        DateTimeOffset? nextStepAt,
        DateTimeOffset? snoozedUntil,
        int stallAfterDays,
        int idleAfterDays,
        DateTimeOffset now)
    {
        var daysInStage = WholeDays(now - stageEnteredAt);
        var lastActivity = lastActivityAt > stageEnteredAt ? lastActivityAt : stageEnteredAt;
        var daysIdle = WholeDays(now - lastActivity);

        if (status != DealStatus.Open)
        {
            return new(false, StallReasonKind.NotStalled, daysInStage, daysIdle) { Why = StallWhy.NotOpen };
        }

        var booked = nextStepAt is { } next && next > now;
        if (booked && !PastTwiceTheLimit(stageEnteredAt, stallAfterDays, now))
        {
            return new(false, StallReasonKind.NotStalled, daysInStage, daysIdle) { Why = StallWhy.NextStepBooked };
        }

        if (snoozedUntil is { } until && until > now)
        {
            return new(false, StallReasonKind.NotStalled, daysInStage, daysIdle) { Why = StallWhy.Snoozed };
        }

        if (booked)
        {
            // In the stage twice its limit: the booked step no longer hides it. The reason says why (time in stage, and
            // idleness when the deal is idle too), with the booked step as context.
            var idleToo = Limits(stageEnteredAt, lastActivity, stallAfterDays, idleAfterDays, now).Idle;
            return new(true, StallReasonKind.OverStageLimit, daysInStage, daysIdle)
            { DaysOverdue = daysInStage - stallAfterDays, Why = StallWhy.OverStageDespiteNextStep, IdleToo = idleToo };
        }

        var (overStage, idle) = Limits(stageEnteredAt, lastActivity, stallAfterDays, idleAfterDays, now);
        var overdue = Math.Max(
            overStage ? daysInStage - stallAfterDays : 0,
            idle ? daysIdle - idleAfterDays : 0);

        return (overStage, idle) switch
        {
            (true, true) => new(true, StallReasonKind.OverStageLimitAndIdle, daysInStage, daysIdle) { DaysOverdue = overdue, Why = StallWhy.OverStageAndIdle },
            (true, false) => new(true, StallReasonKind.OverStageLimit, daysInStage, daysIdle) { DaysOverdue = overdue, Why = StallWhy.OverStage },
            (false, true) => new(true, StallReasonKind.Idle, daysInStage, daysIdle) { DaysOverdue = overdue, Why = StallWhy.Idle },
            _ => new(false, StallReasonKind.NotStalled, daysInStage, daysIdle) { Why = StallWhy.OnTrack },
        };
    }

    /// <summary>The verdict of <see cref="Assess(DealStatus, DateTimeOffset, DateTimeOffset, DateTimeOffset?, DateTimeOffset?, int, int, DateTimeOffset)"/> without the sentence, for reports over thousands of deals.</summary>
    public static bool IsStalled(
        DealStatus status,
        DateTimeOffset stageEnteredAt,
        DateTimeOffset lastActivityAt,
        DateTimeOffset? nextStepAt,
        DateTimeOffset? snoozedUntil,
        int stallAfterDays,
        int idleAfterDays,
        DateTimeOffset now)
    {
        if (status != DealStatus.Open || snoozedUntil > now)
        {
            return false;
        }

        if (nextStepAt > now)
        {
            return PastTwiceTheLimit(stageEnteredAt, stallAfterDays, now);
        }

        var lastActivity = lastActivityAt > stageEnteredAt ? lastActivityAt : stageEnteredAt;
        var (overStage, idle) = Limits(stageEnteredAt, lastActivity, stallAfterDays, idleAfterDays, now);
        return overStage || idle;
    }

    private static (bool OverStage, bool Idle) Limits(
        DateTimeOffset stageEnteredAt, DateTimeOffset lastActivity, int stallAfterDays, int idleAfterDays, DateTimeOffset now) =>
        (stallAfterDays > 0 && now - stageEnteredAt > TimeSpan.FromDays(stallAfterDays),
         idleAfterDays > 0 && now - lastActivity > TimeSpan.FromDays(idleAfterDays));

    public static StallAssessment Assess(Deal deal, int stallAfterDays, int idleAfterDays, DateTimeOffset? snoozedUntil, DateTimeOffset now) =>
        Assess(deal.Status, deal.StageEnteredAt, deal.LastActivityAt, deal.NextStepAt, snoozedUntil, stallAfterDays, idleAfterDays, now);

    /// <summary>For cards and digests: the reason names the stage and gives the next step's date in the team's zone.</summary>
    public static StallAssessment Assess(Deal deal, int stallAfterDays, int idleAfterDays, DateTimeOffset? snoozedUntil, DateTimeOffset now, Stage? stage, TimeZoneInfo? zone) =>
        Assess(deal.Status, deal.StageEnteredAt, deal.LastActivityAt, deal.NextStepAt, snoozedUntil, stallAfterDays, idleAfterDays, now, stage, zone);

    /// <summary>A booked next step suspends the stall only while the deal has been in its stage less than twice the limit.</summary>
    public static bool PastTwiceTheLimit(DateTimeOffset stageEnteredAt, int stallAfterDays, DateTimeOffset now) =>
        stallAfterDays > 0 && now - stageEnteredAt >= TimeSpan.FromDays(2 * stallAfterDays);

    private static int WholeDays(TimeSpan span) => span <= TimeSpan.Zero ? 0 : (int)span.TotalDays;
}
