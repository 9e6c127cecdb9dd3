using SalesCoachBot.Core.Domain;
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
    public void Assess_NextStepBookedInFuture_NotStalledEvenWhenOverdue()
    {
        var result = Assess(daysInStage: 60, daysIdle: 60, nextStep: Now.AddDays(2));

        Assert.False(result.IsStalled);
        Assert.Equal("Next step booked for 2026-11-29.", result.Reason);
    }

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
