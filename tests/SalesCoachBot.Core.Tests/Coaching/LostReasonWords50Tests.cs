using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Tests.Fakes;

namespace SalesCoachBot.Core.Tests.Coaching;

/// <summary>Session 50: an English lost reason the map writes only as its id reads as words ("no budget").</summary>
public sealed class LostReasonWords50Tests : IDisposable
{
    private readonly BotHarness _bot = new(ProcessMapLoader.Default);

    public void Dispose() => _bot.Dispose();

    [Fact]
    public async Task LostDealCard_MapReasonWithOnlyAnId_ReadsAsWords_EnglishAndArabic()
    {
        var deal = _bot.AddDeal("1004", "Northwind", "proposal");
        deal.Status = DealStatus.Lost;
        deal.LostReason = "no-budget";
        deal.ClosedAt = deal.StageEnteredAt;

        var english = await _bot.AskAsync("what's next for northwind");
        _bot.Rep.Language = "ar";
        var arabic = await _bot.AskAsync("وش الخطوة الجاية مع Northwind");

        Assert.Contains(english.Card!.Facts, f => f.Label == "Status" && f.Value.Contains("no budget", StringComparison.Ordinal));
        Assert.DoesNotContain("no-budget", english.Text, StringComparison.Ordinal);
        Assert.Contains(arabic.Card!.Facts, f => f.Value.Contains("لا توجد ميزانية", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LostDealsList_English_ReasonInWords()
    {
        var deal = _bot.AddDeal("1004", "Northwind", "proposal");
        deal.Status = DealStatus.Lost;
        deal.LostReason = "not-a-fit";
        deal.ClosedAt = _bot.Clock.GetUtcNow().AddDays(-1);

        var answer = await _bot.AskAsync("lost deals", _bot.Manager);

        Assert.Contains("not a fit", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("not-a-fit", answer.Text, StringComparison.Ordinal);
    }
}
