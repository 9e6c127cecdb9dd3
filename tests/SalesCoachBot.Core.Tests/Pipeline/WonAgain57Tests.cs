using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Pipeline;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Tests.Fakes;

namespace SalesCoachBot.Core.Tests.Pipeline;

/// <summary>
/// Issue won57: a deal won, reopened and won again is won once, at its last win, in every measure. Its cycle was measured
/// to its first win, with the days it stood won before the reopen left in, while the win rate and the won list (its close
/// date) counted it at the second: a period holding only the first win showed a cycle for a deal it did not count as won.
/// </summary>
public sealed class WonAgain57Tests
{
    private static readonly ProcessMap Map = new MapBuilder()
        .Stage("discovery", "Discovery", 14, "demo", [("requirements-listed", "Requirements list shared with the buyer", true)], saidNo: "nurture")
        .Stage("demo", "Demo", 10, "contract-signed", [("demo-held", "Demo held with the buyer's team", true)], saidNo: "lost")
        .Stage("contract-signed", "Contract signed", 30, "implementation", [("signed-copy-stored", "Signed contract stored with the deal", true)])
        .Stage("implementation", "Implementation", 60, null, [("plan-agreed", "Implementation plan agreed", true)])
        .Won("contract-signed")
        .Build();

    /// <summary>
    /// Globex entered Discovery 30 days ago and Demo 20 days ago; the manager marks it won now. Ten days on it moves on to
    /// Implementation, two days later the buyer's lawyers reopen the contract and the manager moves it back to Demo; three
    /// days after that it is won again. Its cycle: 45 days from Discovery to the second win, less the 12 it stood won.
    /// </summary>
    [Fact]
    public async Task WonReopenedWonAgain_CountedOnceAtTheLastWin_CycleLessTheDaysItStoodWon()
    {
        using var bot = new BotHarness(Map);
        var start = bot.Clock.GetUtcNow();
        var deal = bot.Stores.AddDeal("1001", "Globex", bot.Rep, bot.Emea, "demo", start.AddDays(-20));
        Row(bot, deal, "discovery", start.AddDays(-30), StageChangeKind.Entered);
        Row(bot, deal, "demo", start.AddDays(-20), StageChangeKind.Advanced);

        await bot.AskAsync("mark globex as won because they signed", bot.Manager);
        var firstWin = bot.Clock.GetUtcNow();
        bot.Clock.Advance(TimeSpan.FromDays(10));
        await bot.AskAsync("move globex to implementation because the kickoff is booked", bot.Manager);
        bot.Clock.Advance(TimeSpan.FromDays(2));
        await bot.AskAsync("move globex to demo because their lawyers reopened the contract", bot.Manager);
        Assert.Equal((DealStatus.Open, "demo"), (deal.Status, deal.StageId.Value));
        bot.Clock.Advance(TimeSpan.FromDays(3));
        await bot.AskAsync("mark globex as won because they signed again", bot.Manager);
        var lastWin = bot.Clock.GetUtcNow();
        Assert.Equal((DealStatus.Won, (DateTimeOffset?)lastWin), (deal.Status, deal.ClosedAt));

        bot.Clock.Advance(TimeSpan.FromDays(1));
        var now = bot.Clock.GetUtcNow();
        var store = new InMemoryPipelineStore(bot.Stores);
        var data = await store.LoadAsync(new PipelineScope(null, null), now.AddDays(-365), now, CancellationToken.None);

        // The last 90 days: one deal won, one cycle ending at the second win, 33 days (45 less the 12 it stood won; was 30).
        var report = PipelineReport.Build(Map, data, 90, now, _ => 14);
        Assert.Equal(1, report.WinLoss.Won);
        var cycle = Assert.Single(report.Cycles);
        Assert.Equal((lastWin, 33.0), (cycle.WonAt, Math.Round(cycle.Days, 9)));
        var demo = report.Conversions.Single(c => c.From.Id.Value == "demo");
        Assert.Equal((1, 1), (demo.Entered, demo.Converted));

        // The days around the first win only: nothing won there for the win rate or the won list, and no cycle either.
        var firstDays = new AnalysisWindow(firstWin.AddDays(-1), firstWin.AddDays(5));
        var around = PipelineAnalytics.WonCycles(Map, data.ClosedDeals, data.History, firstDays);
        var listed = await store.ListClosedAsync(new PipelineScope(null, null), DealStatus.Won, firstDays.From, firstDays.To, CancellationToken.None);
        Assert.Equal((0, 0, 0), (PipelineAnalytics.WinLoss(data.ClosedDeals, firstDays).Won, listed.Count, around.Count));
        var wonList = await store.ListClosedAsync(new PipelineScope(null, null), DealStatus.Won, lastWin.AddDays(-1), now, CancellationToken.None);
        Assert.Equal("1001", Assert.Single(wonList).ExternalId);
    }

    /// <summary>
    /// Five deals took 10 days from Discovery to won, five took 40. Initech was won 12 days in, stood won 20 days, was reopened
    /// in Demo and won again 8 days later: a 20-day cycle (was 12, to its first win), so "what the fastest deals have in
    /// common" splits the deals at 20 days.
    /// </summary>
    [Fact]
    public void FastDeals_WonReopenedWonAgain_SplitByTheCycleToTheLastWin()
    {
        var h = new PipelineHistory(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));
        for (var i = 0; i < 5; i++)
        {
            h.Won(10_000, "EUR", ("discovery", 100), ("demo", 95), ("contract-signed", 90));
            h.Won(10_000, "EUR", ("discovery", 100), ("demo", 80), ("contract-signed", 60));
        }

        var initech = h.Won(10_000, "EUR", ("discovery", 60), ("demo", 55), ("contract-signed", 48), ("demo", 28), ("contract-signed", 20));

        var report = PipelineReport.Build(Map, h.Data, 365, h.Now, _ => 14);

        Assert.Equal(20.0, Math.Round(report.Cycles.Single(c => c.DealId == initech).Days, 9));
        Assert.Equal(20.0, Math.Round(report.FastDeals!.MedianCycleDays, 9));
    }

    /// <summary>An import's win from Demo reads as the move into the won stage it is, not as "In Contract signed (imported)".</summary>
    [Fact]
    public async Task History_ImportsWinFromDemo_SaidAsAMoveIntoTheWonStage()
    {
        using var bot = new BotHarness(Map);
        var now = bot.Clock.GetUtcNow();
        var deal = bot.Stores.AddDeal("1001", "Globex", bot.Rep, bot.Emea, "contract-signed", now.AddDays(-2));
        (deal.Status, deal.ClosedAt) = (DealStatus.Won, now.AddDays(-2));
        Row(bot, deal, "demo", now.AddDays(-9), StageChangeKind.Entered);
        Row(bot, deal, "contract-signed", now.AddDays(-2), StageChangeKind.Imported, new ImportReason(DealStatus.Won, DealStatus.Open).Stored);

        var english = await bot.AskAsync("history of globex", bot.Manager);
        var arabic = await bot.AskAsync("سجل صفقة Globex", bot.Manager);

        Assert.Contains("Moved to Contract signed: imported, won", english.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("(imported)", english.Text, StringComparison.Ordinal);
        Assert.Contains("نُقلت إلى", arabic.Text, StringComparison.Ordinal);
        Assert.Contains("مستوردة، رابحة", arabic.Text, StringComparison.Ordinal);
    }

    private static void Row(BotHarness bot, Deal deal, string stage, DateTimeOffset at, StageChangeKind kind, string? reason = null) =>
        bot.Stores.History.Add(new StageHistoryEntry
        {
            Id = (bot.Stores.History.Max(h => (long?)h.Id) ?? 0) + 1,
            DealId = deal.Id,
            StageId = new StageId(stage),
            EnteredAt = at,
            Kind = kind,
            Reason = reason,
        });
}
