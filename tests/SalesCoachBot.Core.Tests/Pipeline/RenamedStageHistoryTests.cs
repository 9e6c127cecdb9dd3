using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Pipeline;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Tests.Fakes;

namespace SalesCoachBot.Core.Tests.Pipeline;

/// <summary>
/// The manager numbers after map v2 renamed Demo to Product demo (<c>product-demo</c>, <c>replaces: [demo]</c>). The
/// history was recorded under v1, so it says <c>demo</c>; the two open deals in Demo were moved by the map change
/// yesterday (a "map change" row into product-demo, time in stage kept). Today is 27 Nov 2026 (Q4).
///
///   deal  path (days ago)                          status   amount (EUR)
///   W1    discovery 100, demo 90, contract 60      won      100,000   (closed before Q4)
///   W2    discovery 80, demo 70, contract 30       won      200,000
///   W3    discovery 50, demo 40, contract 20       won      300,000
///   L1    discovery 60, demo 50                    lost     price, in Demo
///   O1    discovery 10                             open      50,000
///   O2    discovery 30, demo 5, map change 1       open      80,000
///   O3    discovery 20                             open      20,000
///   O4    discovery 40, demo 20, map change 1      open      60,000
///
/// Conversion: 8 entered Discovery, 6 went on = 75%; 6 entered Product demo (as demo), 3 went on = 50%.
/// Time in Product demo of the deals that left it: 30, 40, 20 days: median 30 (3). This week one deal entered
/// Product demo (O2, 5 days ago), the week before one entered Discovery (O1); the map change is no entry.
/// Reverse funnel for 1M in Q4: 500,000 won, 500,000 to go at a median of 200,000 = 3 deals; Product demo wins 1/2,
/// so 6 must enter it; Discovery 3/4 × 1/2 = 3/8, so 8. Held: 2 and 2, expected 2 × 1/2 + 2 × 3/8 = 1.75 wins;
/// (3 − 1.75) ÷ 3/8 = 3.3 → 4 new deals.
/// </summary>
public sealed class RenamedStageHistoryTests : IDisposable
{
    private static readonly ProcessMap V2 = new MapBuilder()
        .Stage("discovery", "Discovery", 14, "product-demo", [("requirements-listed", "Requirements list shared with the buyer", true)], saidNo: "nurture")
        .Stage("product-demo", "Product demo", 10, "contract-signed", [("demo-held", "Demo held with the buyer's team", true)], saidNo: "lost",
            replaces: ["demo"])
        .Stage("contract-signed", "Contract signed", 30, null, [("signed-copy-stored", "Signed contract stored with the deal", true)])
        .Build(version: 2, kpis: ["time in stage"]);

    private readonly BotHarness _bot = new(V2);

    public RenamedStageHistoryTests()
    {
        Deal("W1", 100_000, ("discovery", 100), ("demo", 90), ("contract-signed", 60)).Close(DealStatus.Won);
        Deal("W2", 200_000, ("discovery", 80), ("demo", 70), ("contract-signed", 30)).Close(DealStatus.Won);
        Deal("W3", 300_000, ("discovery", 50), ("demo", 40), ("contract-signed", 20)).Close(DealStatus.Won);
        Deal("L1", 90_000, ("discovery", 60), ("demo", 50)).Close(DealStatus.Lost, _bot.Clock.GetUtcNow().AddDays(-45), "price");
        Deal("O1", 50_000, ("discovery", 10));
        MovedByMapChange(Deal("O2", 80_000, ("discovery", 30), ("demo", 5)));
        Deal("O3", 20_000, ("discovery", 20));
        MovedByMapChange(Deal("O4", 60_000, ("discovery", 40), ("demo", 20)));
    }

    public void Dispose() => _bot.Dispose();

    [Fact]
    public async Task Pipeline_HistoryUnderReplacedId_CountsForTheReplacingStage()
    {
        var answer = await _bot.AskAsync("pipeline", _bot.Manager);

        var details = answer.Card!.Details!;
        var conversion = details.Sections.Single(s => s.Heading.StartsWith("Conversion", StringComparison.Ordinal)).Lines.Select(l => l.Text);
        Assert.Equal(["Discovery → Product demo: 75% (6 of 8)", "Product demo → Contract signed: 50% (3 of 6)"], conversion);
        Assert.Contains("median time in stage (deals that left it) Discovery 10 days (6 deals), Product demo 30 days (3 deals)", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pipeline_MapChangeMove_IsNotAStageEntry()
    {
        var answer = await _bot.AskAsync("pipeline", _bot.Manager);

        // This week O2 into Product demo (5 days ago); the week before O1 into Discovery (10 days ago).
        Assert.Equal("1 stage entry (±0 on the week before)", answer.Card!.Facts.Single(f => f.Label == "Since last week").Value);
        Assert.Contains("Product demo: 1 deal entered (+1 on the week before)", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pipeline_Arabic_CountsBesideStagesNameTheirNoun()
    {
        _bot.Manager.Language = "ar";

        var answer = await _bot.AskAsync("خط المبيعات", _bot.Manager);

        // Were «(6)», «(3)» and «دخلتها 1»: bare numbers with no noun.
        Assert.Contains("(6 صفقات)", answer.Text, StringComparison.Ordinal);
        Assert.Contains("(3 صفقات)", answer.Text, StringComparison.Ordinal);
        Assert.Contains("\u2068Product demo\u2069: دخلتها صفقة واحدة (", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("دخلتها 1", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReverseFunnel_HistoryUnderReplacedId_PlansEveryStage()
    {
        var answer = await _bot.AskAsync("what do we need to hit 1M", _bot.Manager);

        Assert.StartsWith(
            "EMEA: To close 1,000,000 EUR by 31 Dec 2026 you need 6 deals to enter Product demo, 8 to enter Discovery — and you hold 2 in Product demo, 2 in Discovery now.",
            answer.Text,
            StringComparison.Ordinal);
        Assert.Contains("Discovery → Product demo 75% (6 of 8); Product demo → Contract signed 50% (3 of 6)", answer.Text, StringComparison.Ordinal);
        Assert.Contains("Beyond what you hold: 4 new deals into Discovery by 31 Dec 2026", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShowMap_LostUnderReplacedId_CountedOnTheReplacingStage()
    {
        var answer = await _bot.AskAsync("show the map", _bot.Manager);

        var lines = answer.Card!.Sections.Single(s => s.Heading == "Stages").Lines.Select(l => l.Text).ToList();
        Assert.Contains("→ Product demo 75% (6 of 8)", lines[0], StringComparison.Ordinal);
        Assert.Contains("→ Contract signed 50% (3 of 6) · buyer says no → lost 1", lines[1], StringComparison.Ordinal);
    }

    private Deal Deal(string id, decimal amount, params (string Stage, int DaysAgo)[] path)
    {
        var now = _bot.Clock.GetUtcNow();
        var deal = _bot.Stores.AddDeal(id, "Deal " + id, _bot.Rep, _bot.Emea, path[^1].Stage, now.AddDays(-path[^1].DaysAgo));
        deal.Amount = amount;
        deal.Currency = "EUR";
        deal.CreatedAt = now.AddDays(-path[0].DaysAgo);
        foreach (var (stage, daysAgo) in path)
        {
            AddHistory(deal, stage, now.AddDays(-daysAgo), StageChangeKind.Advanced);
        }

        return deal;
    }

    /// <summary>What the map change does to an open deal in a replaced stage: a new stage id, a "map change" row, same time in stage.</summary>
    private void MovedByMapChange(Deal deal)
    {
        deal.StageId = new StageId("product-demo");
        AddHistory(deal, "product-demo", _bot.Clock.GetUtcNow().AddDays(-1), StageChangeKind.MapChange, MapChange.Reason(1, 2));
    }

    private void AddHistory(Deal deal, string stage, DateTimeOffset at, StageChangeKind kind, string? reason = null) =>
        _bot.Stores.History.Add(new StageHistoryEntry
        {
            Id = _bot.Stores.History.Count + 1,
            DealId = deal.Id,
            StageId = new StageId(stage),
            EnteredAt = at,
            Kind = kind,
            Reason = reason,
        });
}

/// <summary>The measures alone, on history recorded under ids the map's stages replace.</summary>
public sealed class RenamedStageAnalyticsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Conversions_StageRenamedTwice_HistoryUnderBothOldIdsCounts()
    {
        // v2 renamed demo to product-demo, v3 renamed that to demo-call and lists both older ids.
        var map = new MapBuilder()
            .Stage("discovery", "Discovery", 14, "demo-call", [("a", "A", true)])
            .Stage("demo-call", "Demo call", 10, "won", [("b", "B", true)], replaces: ["product-demo", "demo"])
            .Stage("won", "Won", 0, null, [("c", "C", true)])
            .Build(version: 3);
        var h = new PipelineHistory(Now);
        h.Won(1, "EUR", ("discovery", 100), ("demo", 90), ("won", 80));             // under v1
        h.Won(1, "EUR", ("discovery", 60), ("product-demo", 50), ("won", 40));      // under v2
        h.Open(1, "EUR", ("discovery", 30), ("demo-call", 20));                    // under v3

        var conversions = PipelineAnalytics.Conversions(PipelineAnalytics.Funnel(map), h.Data.History, AnalysisWindow.LastDays(365, Now));

        Assert.Equal([("discovery", 3, 3), ("demo-call", 3, 2)], conversions.Select(c => (c.From.Id.Value, c.Entered, c.Converted)));
    }

    [Fact]
    public void WonCycles_StartAndWonRenamed_MeasuredFromTheOldIds()
    {
        var map = new MapBuilder()
            .Stage("qualify", "Qualify", 14, "signed", [("a", "A", true)], replaces: ["discovery"])
            .Stage("signed", "Signed", 0, null, [("b", "B", true)], replaces: ["contract-signed"])
            .Build(version: 2);
        var h = new PipelineHistory(Now);
        // A lead stage the map never had, then start and won under their old ids; closed 10 days after it was signed.
        var deal = h.Won(1, "EUR", ("lead", 120), ("discovery", 100), ("contract-signed", 60), ("aftercare", 50));

        var cycle = Assert.Single(PipelineAnalytics.WonCycles(map, h.Data.ClosedDeals, h.Data.History, AnalysisWindow.LastDays(365, Now)));

        Assert.Equal((deal, 40.0), (cycle.DealId, cycle.Days));
    }

    [Fact]
    public void FastDeals_ConfirmationsUnderReplacedId_ReportedForTheReplacingStage()
    {
        var map = new MapBuilder()
            .Stage("needs-discovery", "Needs discovery", 14, "demo",
                [("requirements-listed", "Requirements list shared with the buyer", true), ("demo-booked", "Demo date agreed", true)], replaces: ["discovery"])
            .Stage("demo", "Demo", 10, "contract-signed", [("demo-held", "Demo held", true)])
            .Stage("contract-signed", "Contract signed", 30, null, [("signed-copy-stored", "Signed copy stored", true)])
            .Build(version: 2);
        var h = new PipelineHistory(Now);
        foreach (var (cycle, demoBookedAfter) in new[] { (10, 1), (12, 1), (14, 2), (40, 8), (50, 9), (60, 8) })
        {
            var deal = h.Won(10_000, "EUR", ("discovery", 100), ("demo", 100 - (cycle / 2.0)), ("contract-signed", 100 - cycle));
            h.Confirmed(deal, "discovery", "requirements-listed", 97);
            h.Confirmed(deal, "discovery", "demo-booked", 100 - demoBookedAfter);
        }

        var data = h.Data;
        var cycles = PipelineAnalytics.WonCycles(map, data.ClosedDeals, data.History, AnalysisWindow.LastDays(365, Now));
        var finding = FastDealsAnalysis.Analyze(map, cycles, data.History, data.WonConfirmations);

        Assert.Equal(27.0, finding!.MedianCycleDays);
        var item = Assert.Single(finding.Items);
        Assert.Equal(("needs-discovery", "demo-booked"), (item.Stage.Id.Value, item.Item.Id.Value));
        Assert.Equal((1.0, 8.0), (item.FastMedianDays, item.OtherMedianDays));
    }
}
