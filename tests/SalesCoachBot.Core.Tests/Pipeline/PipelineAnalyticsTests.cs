using SalesCoachBot.Core.Pipeline;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Tests.Fakes;

namespace SalesCoachBot.Core.Tests.Pipeline;

public sealed class PipelineAnalyticsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);
    private readonly ProcessMap _map = MapBuilder.ThreeStages();
    private IReadOnlyList<Stage> Funnel => PipelineAnalytics.Funnel(_map);

    /// <summary>
    /// Ten deals entered discovery 100 days ago: 3 won through demo, 3 stuck in demo, 1 skipped demo to won,
    /// 3 never moved. One more entered discovery 400 days ago and demo 300 days ago.
    /// </summary>
    private static PipelineHistory Known()
    {
        var h = new PipelineHistory(Now);
        for (var i = 0; i < 3; i++)
        {
            h.Won(10_000, "EUR", ("discovery", 100), ("demo", 90), ("contract-signed", 80));
        }

        for (var i = 0; i < 3; i++)
        {
            h.Open(5_000, "EUR", ("discovery", 100), ("demo", 90));
        }

        h.Won(40_000, "USD", ("discovery", 100), ("contract-signed", 50));
        for (var i = 0; i < 3; i++)
        {
            h.Open(1_000, "USD", ("discovery", 100));
        }

        h.Open(2_000, "EUR", ("discovery", 400), ("demo", 300));
        return h;
    }

    [Fact]
    public void Funnel_ThreeStageMap_StartToWonInPathOrder()
    {
        Assert.Equal(["discovery", "demo", "contract-signed"], Funnel.Select(s => s.Id.Value));
    }

    [Fact]
    public void Conversions_HandBuiltHistory_CountsDealsThatReachedAnyLaterStage()
    {
        var conversions = PipelineAnalytics.Conversions(Funnel, Known().Data.History, AnalysisWindow.LastDays(365, Now));

        Assert.Equal(2, conversions.Count);
        Assert.Equal((10, 7), (conversions[0].Entered, conversions[0].Converted)); // the skip to won counts
        Assert.Equal(0.7, conversions[0].Rate!.Value, 10);
        Assert.Equal((7, 3), (conversions[1].Entered, conversions[1].Converted)); // the 300-days-ago demo entry is in
        Assert.Equal(3.0 / 7, conversions[1].Rate!.Value, 10);
    }

    [Fact]
    public void Conversions_ShortWindow_OnlyEntriesInsideCount()
    {
        var conversions = PipelineAnalytics.Conversions(Funnel, Known().Data.History, AnalysisWindow.LastDays(95, Now));

        Assert.Equal((0, 0), (conversions[0].Entered, conversions[0].Converted));
        Assert.Null(conversions[0].Rate);
        Assert.Equal((6, 3), (conversions[1].Entered, conversions[1].Converted));
        Assert.Null(PipelineAnalytics.ToWonRate(conversions, 0));
        Assert.Equal(0.5, PipelineAnalytics.ToWonRate(conversions, 1));
        Assert.Equal(1.0, PipelineAnalytics.ToWonRate(conversions, 2));
    }

    [Fact]
    public void ToWonRate_ProductOfStepsToWon()
    {
        var conversions = PipelineAnalytics.Conversions(Funnel, Known().Data.History, AnalysisWindow.LastDays(365, Now));

        Assert.Equal(0.7 * 3 / 7, PipelineAnalytics.ToWonRate(conversions, 0)!.Value, 10);
    }

    [Fact]
    public void WonCycles_StartToWonStage_MedianOfKnownCycles()
    {
        var data = Known().Data;

        var cycles = PipelineAnalytics.WonCycles(_map.Start, _map.Won, data.ClosedDeals, data.History, AnalysisWindow.LastDays(365, Now));

        Assert.Equal([20.0, 20.0, 20.0, 50.0], cycles.Select(c => c.Days).Order());
        Assert.Equal(20.0, PipelineAnalytics.Median(cycles.Select(c => c.Days)));
    }

    [Fact]
    public void WonCycles_HistoryStartsAtTheWonStage_HasNoCycle()
    {
        // Imported straight into Contract signed: no cycle is known, and a 0-day one would pull the median down.
        var h = new PipelineHistory(Now);
        h.Won(10_000, "EUR", ("contract-signed", 30));
        h.Won(10_000, "EUR", ("demo", 58), ("contract-signed", 30));
        var data = h.Data;

        var cycles = PipelineAnalytics.WonCycles(_map.Start, _map.Won, data.ClosedDeals, data.History, AnalysisWindow.LastDays(365, Now));

        var cycle = Assert.Single(cycles);
        Assert.Equal(28.0, cycle.Days);
        Assert.False(cycle.FromStart);
    }

    [Fact]
    public void WonCycles_WonBeforeWindow_Excluded()
    {
        var data = Known().Data;

        var cycles = PipelineAnalytics.WonCycles(_map.Start, _map.Won, data.ClosedDeals, data.History, AnalysisWindow.LastDays(60, Now));

        Assert.Equal([50.0], cycles.Select(c => c.Days));
    }

    [Fact]
    public void Snapshot_AmountsPerCurrency_NeverAddedAcrossCurrencies()
    {
        var h = new PipelineHistory(Now);
        h.Open(100_000, "EUR", ("discovery", 3));
        h.Open(50_000, "eur", ("discovery", 5));
        h.Open(70_000, "USD", ("discovery", 9));
        h.Open(null, null, ("discovery", 20));
        h.Open(10_000, "EUR", ("demo", 1));

        var snapshot = PipelineAnalytics.Snapshot(Funnel.Take(2).ToList(), h.Data.OpenDeals, _ => 0.5, _ => 365, Now);

        var discovery = snapshot[0];
        Assert.Equal(4, discovery.OpenDeals);
        Assert.Equal([new CurrencyAmount("EUR", 150_000), new CurrencyAmount("USD", 70_000)], discovery.Total);
        Assert.Equal([new CurrencyAmount("EUR", 75_000), new CurrencyAmount("USD", 35_000)], discovery.Weighted);
        Assert.Equal(7.0, discovery.MedianDaysInStage); // 3, 5, 9, 20
        Assert.Equal(1, discovery.Stalled); // only the 20-day one is past discovery's 14-day limit
        Assert.Equal(1, snapshot[1].OpenDeals);
    }

    [Fact]
    public void Median_OddAndEvenAndEmpty()
    {
        Assert.Equal(3.0, PipelineAnalytics.Median([5.0, 1.0, 3.0]));
        Assert.Equal(2.5, PipelineAnalytics.Median([4.0, 1.0, 3.0, 2.0]));
        Assert.Null(PipelineAnalytics.Median(Array.Empty<double>()));
    }

    [Fact]
    public void WinLoss_ClosedInWindow_RateAndTopReasons()
    {
        var h = Known();
        h.Lost("price", 10, ("discovery", 30));
        h.Lost("Price", 20, ("discovery", 40));
        h.Lost("competitor", 30, ("discovery", 50));
        h.Lost(null, 40, ("discovery", 60));
        h.Lost("timing", 500, ("discovery", 600));

        var result = PipelineAnalytics.WinLoss(h.Data.ClosedDeals, AnalysisWindow.LastDays(365, Now));

        Assert.Equal((4, 4), (result.Won, result.Lost));
        Assert.Equal(0.5, result.WinRate);
        Assert.Equal([new CurrencyAmount("EUR", 30_000), new CurrencyAmount("USD", 40_000)], result.WonAmounts);
        Assert.Equal(
            [new LostReasonCount("price", 2), new LostReasonCount("competitor", 1), new LostReasonCount("no reason given", 1)],
            result.TopLostReasons);
    }

    [Fact]
    public void WeekOverWeek_EntriesThisWeekAgainstLastWeek()
    {
        var h = new PipelineHistory(Now);
        h.Open(null, null, ("discovery", 2));
        h.Open(null, null, ("discovery", 6.9));
        h.Open(null, null, ("discovery", 8), ("demo", 3));
        h.Open(null, null, ("discovery", 13));
        h.Open(null, null, ("discovery", 15));

        var weeks = PipelineAnalytics.WeekOverWeek(Funnel, h.Data.History, Now);

        Assert.Equal((2, 2, 0), (weeks[0].ThisWeek, weeks[0].LastWeek, weeks[0].Change));
        Assert.Equal((1, 0, 1), (weeks[1].ThisWeek, weeks[1].LastWeek, weeks[1].Change));
    }

    [Fact]
    public void FastDeals_FastHalfConfirmsItemSooner_ReportsThatItemOnly()
    {
        var h = new PipelineHistory(Now);
        foreach (var (cycle, demoBookedAfter) in new[] { (10, 1), (12, 1), (14, 2), (40, 8), (50, 9), (60, 8) })
        {
            var deal = h.Won(10_000, "EUR", ("discovery", 100), ("demo", 100 - (cycle / 2.0)), ("contract-signed", 100 - cycle));
            h.Confirmed(deal, "discovery", "requirements-listed", 97);
            h.Confirmed(deal, "discovery", "demo-booked", 100 - demoBookedAfter);
        }

        var data = h.Data;
        var cycles = PipelineAnalytics.WonCycles(_map.Start, _map.Won, data.ClosedDeals, data.History, AnalysisWindow.LastDays(365, Now));
        var finding = FastDealsAnalysis.Analyze(_map, cycles, data.History, data.WonConfirmations);

        Assert.NotNull(finding);
        Assert.Equal(27.0, finding.MedianCycleDays);
        var item = Assert.Single(finding.Items);
        Assert.Equal("demo-booked", item.Item.Id.Value);
        Assert.Equal((1.0, 8.0), (item.FastMedianDays, item.OtherMedianDays));
    }

    [Fact]
    public void FastDeals_TooFewWonDeals_NoFinding()
    {
        var h = new PipelineHistory(Now);
        for (var i = 0; i < 4; i++)
        {
            var deal = h.Won(1, "EUR", ("discovery", 100), ("contract-signed", 100 - (10 * (i + 1))));
            h.Confirmed(deal, "discovery", "demo-booked", 100 - i);
        }

        var data = h.Data;
        var cycles = PipelineAnalytics.WonCycles(_map.Start, _map.Won, data.ClosedDeals, data.History, AnalysisWindow.LastDays(365, Now));

        Assert.Null(FastDealsAnalysis.Analyze(_map, cycles, data.History, data.WonConfirmations));
    }

    [Fact]
    public void Report_FewWonDeals_PositionWeighting()
    {
        var report = PipelineReport.Build(_map, Known().Data, 365, Now, _ => 14);

        Assert.Equal(WeightingBasis.StagePosition, report.Weighting);
        Assert.Equal([1 / 3.0, 2 / 3.0], report.Stages.Select(s => s.Weight));
        Assert.Equal(7, report.OpenDeals);
    }

    [Fact]
    public void Report_FiveWonDeals_ObservedConversionWeighting()
    {
        var h = Known();
        h.Won(10_000, "EUR", ("demo", 60), ("contract-signed", 30));

        var report = PipelineReport.Build(_map, h.Data, 365, Now, _ => 14);

        // Demo cohort: 8 deals, 4 converted; discovery: 7 of 10.
        Assert.Equal(WeightingBasis.ObservedConversion, report.Weighting);
        Assert.Equal(0.7 * 0.5, report.Stages[0].Weight, 10);
        Assert.Equal(0.5, report.Stages[1].Weight, 10);
    }
}
