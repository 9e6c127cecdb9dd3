using SalesCoachBot.Core.Domain;

namespace SalesCoachBot.Core.Stalls;

public enum StallReasonKind
{
    NotStalled,
    OverStageLimit,
    Idle,
    OverStageLimitAndIdle,
}

/// <summary>Whether a deal is stalled, and a sentence saying why (or why not).</summary>
public sealed record StallAssessment(bool IsStalled, StallReasonKind Kind, int DaysInStage, int DaysIdle, string Reason)
{
    /// <summary>How far past its limit the deal is; used to order digests (most overdue first).</summary>
    public int DaysOverdue { get; init; }
}

/// <summary>
/// The one stall rule of the product (README, "Rules everyone shares"):
/// stalled when in stage longer than the stage's <c>stallAfterDays</c>, or idle longer than the
/// team's idle limit — unless a next step is booked in the future or the deal is snoozed.
/// Only open deals can stall.
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
        DateTimeOffset now)
    {
        var daysInStage = WholeDays(now - stageEnteredAt);
        var lastActivity = lastActivityAt > stageEnteredAt ? lastActivityAt : stageEnteredAt;
        var daysIdle = WholeDays(now - lastActivity);

        if (status != DealStatus.Open)
        {
            return new(false, StallReasonKind.NotStalled, daysInStage, daysIdle, $"Not open ({status.ToString().ToLowerInvariant()}).");
        }

        if (nextStepAt is { } next && next > now)
        {
            return new(false, StallReasonKind.NotStalled, daysInStage, daysIdle,
                $"Next step booked for {next.UtcDateTime:yyyy-MM-dd}.");
        }

        if (snoozedUntil is { } until && until > now)
        {
            return new(false, StallReasonKind.NotStalled, daysInStage, daysIdle,
                $"Snoozed until {until.UtcDateTime:yyyy-MM-dd}.");
        }

        var (overStage, idle) = Limits(stageEnteredAt, lastActivity, stallAfterDays, idleAfterDays, now);
        var overdue = Math.Max(
            overStage ? daysInStage - stallAfterDays : 0,
            idle ? daysIdle - idleAfterDays : 0);

        return (overStage, idle) switch
        {
            (true, true) => new(true, StallReasonKind.OverStageLimitAndIdle, daysInStage, daysIdle,
                $"{Days(daysInStage)} in stage (limit {stallAfterDays}) and no activity for {Days(daysIdle)} (limit {idleAfterDays}).")
            { DaysOverdue = overdue },
            (true, false) => new(true, StallReasonKind.OverStageLimit, daysInStage, daysIdle,
                $"{Days(daysInStage)} in stage (limit {stallAfterDays}).")
            { DaysOverdue = overdue },
            (false, true) => new(true, StallReasonKind.Idle, daysInStage, daysIdle,
                $"No activity for {Days(daysIdle)} (limit {idleAfterDays}).")
            { DaysOverdue = overdue },
            _ => new(false, StallReasonKind.NotStalled, daysInStage, daysIdle,
                $"{Days(daysInStage)} in stage (limit {stallAfterDays}), last activity {Days(daysIdle)} ago."),
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
        if (status != DealStatus.Open || nextStepAt > now || snoozedUntil > now)
        {
            return false;
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

    private static int WholeDays(TimeSpan span) => span <= TimeSpan.Zero ? 0 : (int)span.TotalDays;

    private static string Days(int days) => days == 1 ? "1 day" : $"{days} days";
}
