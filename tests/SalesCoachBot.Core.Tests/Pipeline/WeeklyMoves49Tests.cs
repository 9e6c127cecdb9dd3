using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Tests.Fakes;
using SalesCoachBot.Core.Tests.Understanding;

namespace SalesCoachBot.Core.Tests.Pipeline;

/// <summary>
/// Issue misc49: "weekly moves", "monthly moves" and «التحركات الشهرية» are the stage moves of this period, as "what moved
/// this month" is; "weekly pipeline" and "monthly pipeline" stay the pipeline.
/// </summary>
public sealed class WeeklyMoves49Tests : IDisposable
{
    private readonly BotHarness _bot = new();

    public void Dispose() => _bot.Dispose();

    [Fact]
    public async Task MonthlyMoves_EnglishAndArabic_AnsweredAsWhatMovedThisMonth()
    {
        var hooli = _bot.AddDeal("3001", "Hooli");
        _bot.Stores.History.Add(new StageHistoryEntry
        {
            Id = _bot.Stores.History.Count + 1,
            DealId = hooli.Id,
            StageId = new StageId("demo"),
            EnteredAt = _bot.Clock.GetUtcNow().AddDays(-2),
            Kind = StageChangeKind.Advanced,
        });

        var monthly = await _bot.AskAsync("monthly moves", _bot.Manager);
        var thisMonth = await _bot.AskAsync("what moved this month", _bot.Manager);
        var weekly = await _bot.AskAsync("weekly moves", _bot.Manager);
        _bot.Manager.Language = "ar";
        var arabic = await _bot.AskAsync("التحركات الشهرية", _bot.Manager);
        var arabicThisMonth = await _bot.AskAsync("التحركات هذا الشهر", _bot.Manager);

        Assert.StartsWith("1 stage change · EMEA, November so far", monthly.Text, StringComparison.Ordinal);
        Assert.Equal(thisMonth.Text, monthly.Text);
        Assert.Contains("this week (since Mon 23 Nov)", weekly.Text, StringComparison.Ordinal);
        Assert.Equal(arabicThisMonth.Text, arabic.Text);
        Assert.StartsWith("تغيير واحد في المراحل · ", arabic.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("weekly moves", "moves - this-week")]
    [InlineData("monthly moves", "moves - this-month")]
    [InlineData("weekly moves for EMEA", "moves emea this-week")]
    [InlineData("my weekly moves", "moves mine - this-week")]
    [InlineData("show the monthly moves", "moves - this-month")]
    [InlineData("التحركات الشهرية", "moves - this-month")]
    [InlineData("التحركات الأسبوعية", "moves - this-week")]
    // Already understood before; kept so.
    [InlineData("what moved this month", "moves - this-month")]
    [InlineData("weekly stage moves", "moves - this-week")]
    [InlineData("what moved weekly", "moves - this-week")]
    public void Parse_PeriodAdjectiveAndMoves_TheMovesOfThatPeriod(string text, string reads) =>
        Assert.Equal(reads, UnderstandingTestData.Read(text));

    [Theory]
    [InlineData("weekly pipeline", "pipeline - this-week")]
    [InlineData("monthly pipeline", "pipeline - this-month")]
    [InlineData("weekly pipeline for EMEA", "pipeline emea this-week")]
    [InlineData("خط المبيعات الأسبوعي", "pipeline - this-week")]
    public void Parse_PeriodAdjectiveAndPipeline_StillThePipeline(string text, string reads) =>
        Assert.Equal(reads, UnderstandingTestData.Read(text));
}
