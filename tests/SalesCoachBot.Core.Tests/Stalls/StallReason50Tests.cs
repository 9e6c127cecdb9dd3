using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Stalls;

namespace SalesCoachBot.Core.Tests.Stalls;

/// <summary>Session 50: a stall despite a booked next step says why it is stalled first, the booked step after as context.</summary>
public sealed class StallReason50Tests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);

    private static StallAssessment Assess(int daysSinceActivity) =>
        StallRule.Assess(DealStatus.Open, Now.AddDays(-64), Now.AddDays(-daysSinceActivity), new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero), null, 10, 14,
            Now, ProcessMapLoader.Default.GetStage(new StageId("proposal")), null);

    private static string Plain(string text) => new([.. text.Where(c => c is < '\u2066' or > '\u2069')]);

    [Fact]
    public void Reason_IdleToo_SaysNoActivityAndTheLimit_ThenTheBookedStep_EnglishAndArabic()
    {
        var stall = Assess(daysSinceActivity: 30);

        Assert.Equal("64 days in Proposal / quote (limit 10), over twice the limit, and no activity for 30 days (limit 14). "
            + "Next step booked for 2026-12-04, but that no longer holds off the stall.", stall.Reason);
        Assert.Equal("في مرحلة العرض / عرض السعر منذ 64 يومًا (الحد 10)، أي أكثر من ضعف الحد، ولا نشاط منذ 30 يومًا (الحد 14). "
            + "الخطوة التالية محدّدة في 2026-12-04، لكنها لم تعد تمنع عدّها متعثرة.", Plain(StallWording.Reason(stall, ReplyTexts.Shared.In(ReplyLanguage.Arabic))));
    }

    [Fact]
    public void Reason_RecentActivity_NoIdleClause()
    {
        var stall = Assess(daysSinceActivity: 1);

        Assert.StartsWith("64 days in Proposal / quote (limit 10), over twice the limit. Next step booked for ", stall.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("no activity", stall.Reason, StringComparison.Ordinal);
    }
}
