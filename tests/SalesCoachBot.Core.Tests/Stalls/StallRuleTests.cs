using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Stalls;

namespace SalesCoachBot.Core.Tests.Stalls;

public sealed class StallRuleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    private static StallAssessment Assess(
        int daysInStage, int daysIdle, DealStatus status = DealStatus.Open, DateTimeOffset? nextStep = null, DateTimeOffset? snoozedUntil = null,
        int stallAfterDays = 14, int idleAfterDays = 10) =>
        StallRule.Assess(status, Now.AddDays(-daysInStage), Now.AddDays(-daysIdle), nextStep, snoozedUntil, stallAfterDays, idleAfterDays, Now);

    [Fact]
    public void Assess_WithinBothLimits_NotStalledAndSaysWhy()
    {
        var result = Assess(daysInStage: 5, daysIdle: 2);

        Assert.False(result.IsStalled);
        Assert.Equal("5 days in stage (limit 14), last activity 2 days ago.", result.Reason);
    }

    [Fact]
    public void Assess_LongerThanStageLimit_StalledWithStageReason()
    {
        var result = Assess(daysInStage: 20, daysIdle: 1);

        Assert.True(result.IsStalled);
        Assert.Equal(StallReasonKind.OverStageLimit, result.Kind);
        Assert.Equal("20 days in stage (limit 14).", result.Reason);
        Assert.Equal(6, result.DaysOverdue);
    }

    [Fact]
    public void Assess_IdleLongerThanTeamLimit_StalledWithIdleReason()
    {
        var result = Assess(daysInStage: 12, daysIdle: 11);

        Assert.True(result.IsStalled);
        Assert.Equal(StallReasonKind.Idle, result.Kind);
        Assert.Equal("No activity for 11 days (limit 10).", result.Reason);
    }

    [Fact]
    public void Assess_BothLimitsExceeded_NamesBoth()
    {
        var result = Assess(daysInStage: 30, daysIdle: 30);

        Assert.Equal(StallReasonKind.OverStageLimitAndIdle, result.Kind);
        Assert.Equal(20, result.DaysOverdue);
    }

    [Fact]
    public void Assess_ActivityBeforeStageEntry_CountsFromStageEntry()
    {
        // Entering a stage is activity: an older "last activity" must not make a fresh deal idle.
        var result = Assess(daysInStage: 3, daysIdle: 40);

        Assert.False(result.IsStalled);
        Assert.Equal(3, result.DaysIdle);
    }

    [Fact]
    public void Assess_NextStepBookedInFuture_NotStalledWhileUnderTwiceTheStageLimit()
    {
        var result = Assess(daysInStage: 20, daysIdle: 20, nextStep: Now.AddDays(2));

        Assert.False(result.IsStalled);
        Assert.Equal("Next step booked for 2026-11-29.", result.Reason);
    }

    [Fact]
    public void Assess_NextStepBookedButInStageTwiceTheLimit_StalledSayingBoth()
    {
        var friday = new DateTimeOffset(2026, 12, 4, 22, 59, 0, TimeSpan.Zero); // Fri 4 Dec, 23:59 in Berlin
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

        var result = StallRule.Assess(DealStatus.Open, Now.AddDays(-64), Now.AddDays(-1), friday, null, 10, 14, Now, ProcessMapLoader.Default.GetStage(new StageId("proposal")), berlin);

        Assert.True(result.IsStalled);
        Assert.Equal(StallReasonKind.OverStageLimit, result.Kind);
        Assert.Equal("64 days in Proposal / quote (limit 10), over twice the limit. Next step booked for Fri 4 Dec 2026, but that no longer holds off the stall.", result.Reason);
        Assert.Equal(54, result.DaysOverdue);
        Assert.True(StallRule.IsStalled(DealStatus.Open, Now.AddDays(-64), Now.AddDays(-1), friday, null, 10, 14, Now));
    }

    [Theory]
    [InlineData(27.99, false)]   // just under twice the limit of 14: the booked step still suspends the stall
    [InlineData(28, true)]       // exactly twice: no longer
    [InlineData(28.01, true)]
    public void Assess_NextStepBooked_TwiceTheLimitIsTheBoundary(double daysInStage, bool stalled)
    {
        var entered = Now.AddDays(-daysInStage);
        var result = StallRule.Assess(DealStatus.Open, entered, Now, Now.AddDays(3), null, 14, 10, Now);

        Assert.Equal(stalled, result.IsStalled);
        Assert.Equal(stalled, StallRule.IsStalled(DealStatus.Open, entered, Now, Now.AddDays(3), null, 14, 10, Now));
    }

    [Fact]
    public void Assess_NextStepBookedPastTwiceTheLimitButSnoozed_NotStalled()
    {
        var result = Assess(daysInStage: 60, daysIdle: 1, nextStep: Now.AddDays(2), snoozedUntil: Now.AddDays(1));

        Assert.False(result.IsStalled);
        Assert.StartsWith("Snoozed until", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Assess_NextStepBookedAndStageWithoutLimit_NotStalled() =>
        Assert.False(Assess(daysInStage: 400, daysIdle: 400, nextStep: Now.AddDays(2), stallAfterDays: 0).IsStalled);

    [Fact]
    public void Assess_NextStepInPast_DoesNotProtect()
    {
        var result = Assess(daysInStage: 60, daysIdle: 60, nextStep: Now.AddDays(-1));

        Assert.True(result.IsStalled);
    }

    [Fact]
    public void Assess_Snoozed_NotStalledUntilSnoozeEnds()
    {
        Assert.False(Assess(daysInStage: 60, daysIdle: 60, snoozedUntil: Now.AddHours(1)).IsStalled);
        Assert.True(Assess(daysInStage: 60, daysIdle: 60, snoozedUntil: Now.AddHours(-1)).IsStalled);
    }

    [Theory]
    [InlineData(DealStatus.Won)]
    [InlineData(DealStatus.Lost)]
    [InlineData(DealStatus.Nurture)]
    public void Assess_ClosedDeal_NeverStalled(DealStatus status) =>
        Assert.False(Assess(daysInStage: 100, daysIdle: 100, status: status).IsStalled);

    [Fact]
    public void Assess_ExactlyAtLimit_NotYetStalled() =>
        Assert.False(Assess(daysInStage: 14, daysIdle: 10).IsStalled);
}
