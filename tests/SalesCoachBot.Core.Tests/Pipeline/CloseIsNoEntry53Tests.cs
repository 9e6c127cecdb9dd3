using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Pipeline;
using SalesCoachBot.Core.Tests.Fakes;

namespace SalesCoachBot.Core.Tests.Pipeline;

/// <summary>
/// Issue facts53: a close's history row stands in the stage the deal stood in. Read as entering that stage, a loss was one
/// more stage entry this week ("4 stage entries" where 3 deals had moved) and an entry in the conversion of a window that
/// held the close but not the real entry.
/// </summary>
public sealed class CloseIsNoEntry53Tests : IDisposable
{
    private readonly BotHarness _bot = new();

    public void Dispose() => _bot.Dispose();

    private Deal Deal(string id, string name, params (string Stage, int DaysAgo)[] path)
    {
        var now = _bot.Clock.GetUtcNow();
        var deal = _bot.Stores.AddDeal(id, name, _bot.Rep, _bot.Emea, path[^1].Stage, now.AddDays(-path[^1].DaysAgo));
        deal.CreatedAt = now.AddDays(-path[0].DaysAgo);
        foreach (var (stage, daysAgo) in path)
        {
            _bot.Stores.History.Add(new StageHistoryEntry
            {
                Id = _bot.Stores.History.Count + 1,
                DealId = deal.Id,
                StageId = new StageId(stage),
                EnteredAt = now.AddDays(-daysAgo),
                Kind = StageChangeKind.Advanced,
            });
        }

        return deal;
    }

    [Fact]
    public async Task Pipeline_DealLostInItsStage_NoStageEntryAdded()
    {
        Deal("1001", "Acme", ("discovery", 3));
        Deal("1002", "Globex", ("discovery", 20), ("demo", 6));
        Deal("1003", "Initech", ("discovery", 5));
        Deal("1004", "Tailwind", ("discovery", 30), ("demo", 12));
        var before = await _bot.AskAsync("pipeline", _bot.Rep);
        Assert.Contains("3 stage entries", before.Text, StringComparison.Ordinal);

        await _bot.AskAsync("mark tailwind lost because price", _bot.Rep);
        Assert.Equal(DealStatus.Lost, _bot.Stores.Deals.Single(d => d.Name == "Tailwind").Status);
        _bot.Clock.Advance(TimeSpan.FromHours(1)); // the close inside the last 7 days, which end now
        var after = await _bot.AskAsync("pipeline", _bot.Rep);

        Assert.Contains("3 stage entries", after.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("4 stage entries", after.Text, StringComparison.Ordinal);
        // Demo was entered by Globex only this week (Tailwind entered it 12 days ago, then lost it in place).
        Assert.Contains("Demo: 1 deal entered", after.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_ChatClose_MarkedClosedInStageAndStillEndsTheTimeInStage()
    {
        var tailwind = Deal("1004", "Tailwind", ("discovery", 30), ("demo", 12));
        await _bot.AskAsync("mark tailwind lost because price", _bot.Rep);
        var closedAt = _bot.Clock.GetUtcNow();
        _bot.Clock.Advance(TimeSpan.FromHours(1));
        var now = _bot.Clock.GetUtcNow();

        var data = await new InMemoryPipelineStore(_bot.Stores).LoadAsync(new PipelineScope(null, null), now.AddDays(-14), now, CancellationToken.None);

        var close = Assert.Single(data.History, h => h.DealId == tailwind.Id.Value && h.EnteredAt == closedAt);
        Assert.True(close.ClosedInStage);
        Assert.Equal("demo", close.StageId);
        var window = AnalysisWindow.LastDays(14, now);
        var demo = PipelineAnalytics.Conversions(
            PipelineAnalytics.Funnel(_bot.Map), data.History, window).Single(c => c.From.Id.Value == "demo");
        Assert.Equal((1, 0), (demo.Entered, demo.Converted)); // entered 12 days ago; the close converts nothing and adds no entry
        Assert.Equal(0, PipelineAnalytics.WeekOverWeek(PipelineAnalytics.Funnel(_bot.Map), data.History, now).Single(w => w.Stage.Id.Value == "demo").ThisWeek);
    }
}
