using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Tests.Fakes;

namespace SalesCoachBot.Core.Tests.Coaching;

/// <summary>Session 50: a lost or nurtured deal's card shows no "days in stage" counted since the close.</summary>
public sealed class ClosedDealCards50Tests : IDisposable
{
    private readonly BotHarness _bot = new(ProcessMapLoader.Default);

    public void Dispose() => _bot.Dispose();

    [Theory]
    [InlineData(DealStatus.Lost, false)]
    [InlineData(DealStatus.Nurture, false)]
    [InlineData(DealStatus.Won, true)]
    [InlineData(DealStatus.Open, true)]
    public async Task Card_DaysInStage_OnlyWhereTheStageClockRuns(DealStatus status, bool shown)
    {
        var deal = _bot.AddDeal("1004", "Northwind", status == DealStatus.Won ? "contract-signed" : "proposal", daysInStage: 0);
        deal.Status = status;
        deal.ClosedAt = status == DealStatus.Open ? null : deal.StageEnteredAt;

        var english = await _bot.AskAsync("what's next for northwind");
        _bot.Rep.Language = "ar";
        var arabic = await _bot.AskAsync("وش الخطوة الجاية مع Northwind");

        Assert.Equal(shown, english.Card!.Facts.Any(f => f.Label == "Days in stage"));
        Assert.Equal(shown, arabic.Card!.Facts.Any(f => f.Label == "الأيام في المرحلة"));
        Assert.Equal(shown, english.Text.Contains("Days in stage:", StringComparison.Ordinal));
    }
}
