using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Pipeline;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Stalls;
using SalesCoachBot.Core.Tests.Fakes;

namespace SalesCoachBot.Core.Tests.Pipeline;

/// <summary>
/// The faster measures give exactly what the first versions (<see cref="PipelineReferenceAnalytics"/>) gave, on
/// random histories: shuffled or grouped by deal, ties, re-entered stages, stages off the funnel, entries after
/// now, deals without history; and the stall verdict equals <see cref="StallRule"/>'s.
/// </summary>
public sealed class PipelineEquivalenceTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    private static readonly ProcessMap Map = new MapBuilder()
        .Stage("discovery", "Discovery", 14, "demo", [("requirements-listed", "Requirements listed", true), ("demo-booked", "Demo booked", true)])
        .Stage("demo", "Demo", 10, "proposal", [("demo-held", "Demo held", true)])
        .Stage("proposal", "Proposal", 0, "contract-signed", [("proposal-sent", "Proposal sent", true), ("pricing-agreed", "Pricing agreed", false)])
        .Stage("contract-signed", "Contract signed", 30, null, [("signed-copy-stored", "Signed copy stored", true)])
        .Stage("nurture", "Nurture", 60, null, [])
        .Won("contract-signed")
        .Build();

    private static readonly string[] Stages = ["discovery", "demo", "proposal", "contract-signed", "nurture", "retired-stage"];

    private static readonly (string Stage, string Item)[] Items =
        [("discovery", "requirements-listed"), ("discovery", "demo-booked"), ("demo", "demo-held"), ("proposal", "proposal-sent"), ("proposal", "pricing-agreed"), ("proposal", "no-such-item")];

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    [InlineData(3, false)]
    [InlineData(4, true)]
    [InlineData(5, false)]
    [InlineData(6, true)]
    public void Measures_RandomHistories_SameAsReference(int seed, bool shuffled)
    {
        var random = new Random(seed);
        var data = RandomData(random, deals: 400, shuffled);
        var funnel = PipelineAnalytics.Funnel(Map);
        foreach (var days in new[] { 7, 30, 90, 365 })
        {
            var window = AnalysisWindow.LastDays(days, Now);
            Assert.Equal(
                PipelineReferenceAnalytics.Conversions(funnel, data.History, window).Select(c => (c.From.Id, c.Entered, c.Converted)),
                PipelineAnalytics.Conversions(funnel, data.History, window).Select(c => (c.From.Id, c.Entered, c.Converted)));

            var expectedCycles = PipelineReferenceAnalytics.WonCycles(Map.Start, Map.Won, data.ClosedDeals, data.History, window);
            var cycles = PipelineAnalytics.WonCycles(Map.Start, Map.Won, data.ClosedDeals, data.History, window);
            Assert.Equal(Cycles(expectedCycles), Cycles(cycles));

            Assert.Equal(
                Finding(PipelineReferenceAnalytics.FastDeals(Map, expectedCycles, data.History, data.WonConfirmations)),
                Finding(FastDealsAnalysis.Analyze(Map, cycles, data.History, data.WonConfirmations)));
        }

        Assert.Equal(
            PipelineReferenceAnalytics.WeekOverWeek(funnel, data.History, Now).Select(w => (w.Stage.Id, w.ThisWeek, w.LastWeek)),
            PipelineAnalytics.WeekOverWeek(funnel, data.History, Now).Select(w => (w.Stage.Id, w.ThisWeek, w.LastWeek)));
    }

    [Theory]
    [InlineData(31, false)]
    [InlineData(32, true)]
    public void InMapStages_RandomHistories_SameAsReference(int seed, bool shuffled)
    {
        // Proposal took over a retired stage's id: a close there and a reopen in Proposal is one in place.
        var map = new ProcessMap(Map.Name, Map.Version, Map.Start, Map.Won,
            [.. Map.Stages.Select(s => s.Id.Value == "proposal" ? s with { Replaces = [new StageId("retired-stage")] } : s)], Map.Outcomes);
        var data = RandomData(new Random(seed), deals: 600, shuffled);

        var expected = PipelineReferenceAnalytics.InMapStages(map, data.History);
        var resolved = PipelineAnalytics.InMapStages(map, data.History);

        Assert.Equal(expected, resolved);
        Assert.Contains(expected.Zip(data.History), p => p.First.Kind != p.Second.Kind); // some were resolved
        var untouched = data.History.Where(h => h.From is null).ToList();
        Assert.Same(untouched, PipelineAnalytics.InMapStages(map, untouched)); // nothing to resolve: the list itself
    }

    [Theory]
    [InlineData(21, false)]
    [InlineData(22, true)]
    [InlineData(23, true)]
    public void KpiTimeInStageAndHandOff_RandomHistories_SameAsReference(int seed, bool shuffled)
    {
        // Discovery owned by marketing, so Discovery → Demo is the hand-off the KPI measures.
        var map = new ProcessMap(Map.Name, Map.Version, Map.Start, Map.Won, [Map.Stages[0] with { Owner = "marketing" }, .. Map.Stages.Skip(1)], Map.Outcomes);
        var data = RandomData(new Random(seed), deals: 600, shuffled);
        foreach (var days in new[] { 7, 90, 365 })
        {
            var report = PipelineReport.Build(map, data, days, Now, _ => 14);
            var expected = PipelineReferenceAnalytics.TimeInStage(data.History, report.Window, map.Won.Value);
            var spans = PipelineKpis.StageSpans(report, data);
            Assert.Contains(spans, s => s is { Count: > 0 });
            for (var i = 0; i < report.Funnel.Count; i++)
            {
                var stage = report.Funnel[i].Id.Value;
                Assert.Equal(expected.GetValueOrDefault(stage)?.Order(), spans[i]?.Order());
            }

            var handOff = PipelineKpis.HandOffDays(map, report, data);
            Assert.NotNull(handOff);
            Assert.Equal(("discovery", "demo"), (handOff.Value.HandOff.Id.Value, handOff.Value.Sales.Id.Value));
            Assert.True(days < 90 || handOff.Value.Days.Count > 0, "the longer windows hold hand-offs");
            Assert.Equal(
                PipelineReferenceAnalytics.HandOff(PipelineReferenceAnalytics.InMapStages(map, data.History), "discovery", "demo", report.Window).Order(),
                handOff.Value.Days.Order());

            // The same spans without the report's index (a report built elsewhere), and the KPI lines agree.
            Assert.Equal(spans.Select(s => s?.Count), PipelineKpis.StageSpans(report with { HistoryIndex = null }, data).Select(s => s?.Count));
        }
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public void Snapshot_RandomOpenDeals_SameAsReference(int seed)
    {
        var random = new Random(seed);
        string?[] currencies = ["EUR", "eur", " EUR ", "USD", "usd ", null, "", "GBP"];
        var open = Enumerable.Range(1, 3_000).Select(i =>
        {
            var entered = Now.AddHours(-random.Next(-48, 24 * 90));
            return new OpenDealFact(
                i, random.Next(1, 4), Stages[random.Next(Stages.Length)],
                random.Next(5) == 0 ? null : random.Next(0, 100_000) / 100m + (random.Next(3) == 0 ? 0.005m : 0),
                currencies[random.Next(currencies.Length)],
                entered,
                entered.AddHours(random.Next(-100, 24 * 60)),
                random.Next(4) == 0 ? Now.AddDays(random.Next(-5, 5)) : null,
                random.Next(6) == 0 ? Now.AddDays(random.Next(-5, 5)) : null);
        }).ToList();
        var stages = Map.OrderedStages().ToList();
        double Weight(Stage s) => s.Id.Value.Length / 17.0;
        int Idle(long team) => (int)team * 5 - 5; // 0 (no idle rule), 5, 10

        Assert.Equal(
            Describe(PipelineReferenceAnalytics.Snapshot(stages, open, Weight, Idle, Now)),
            Describe(PipelineAnalytics.Snapshot(stages, open, Weight, Idle, Now)));
    }

    [Fact]
    public void FastDeals_ClearPattern_SameAsReferenceAndFound()
    {
        // Enough won deals with a real difference, so the comparison covers a finding that is not empty.
        var h = new PipelineHistory(Now);
        foreach (var (cycle, after) in new[] { (10, 1), (12, 1), (14, 2), (16, 1), (40, 8), (50, 9), (60, 8), (70, 12) })
        {
            var deal = h.Won(10_000, "EUR", ("discovery", 100), ("demo", 100 - (cycle / 2.0)), ("demo", 100 - (cycle / 3.0)), ("contract-signed", 100 - cycle));
            h.Confirmed(deal, "discovery", "demo-booked", 100 - after);
            h.Confirmed(deal, "demo", "demo-held", 100 - (cycle / 2.0) - after);
            h.Confirmed(deal, "demo", "demo-held", 100 - (cycle / 2.0) - (after / 2.0));
        }

        var data = h.Data;
        var window = AnalysisWindow.LastDays(365, Now);
        var cycles = PipelineAnalytics.WonCycles(Map.Start, Map.Won, data.ClosedDeals, data.History, window);
        var finding = FastDealsAnalysis.Analyze(Map, cycles, data.History, data.WonConfirmations);

        Assert.NotNull(finding);
        Assert.NotEmpty(finding.Items);
        Assert.Equal(Finding(PipelineReferenceAnalytics.FastDeals(Map, cycles, data.History, data.WonConfirmations)), Finding(finding));
    }

    [Fact]
    public void IsStalled_RandomDeals_SameAsStallRule()
    {
        var random = new Random(7);
        for (var i = 0; i < 20_000; i++)
        {
            var entered = Now.AddHours(-random.Next(-48, 24 * 120)).AddTicks(random.Next(0, 3) - 1);
            var activity = random.Next(3) == 0 ? entered.AddHours(-random.Next(0, 500)) : entered.AddHours(random.Next(0, 24 * 100));
            DateTimeOffset? next = random.Next(3) == 0 ? Now.AddHours(random.Next(-100, 100)) : random.Next(10) == 0 ? Now : null;
            DateTimeOffset? snoozed = random.Next(4) == 0 ? Now.AddHours(random.Next(-100, 100)) : random.Next(10) == 0 ? Now : null;
            var stallAfter = random.Next(-1, 40);
            var idleAfter = random.Next(-1, 30);
            var deal = new OpenDealFact(i, 1, "demo", null, null, entered, activity, next, snoozed);

            var expected = StallRule.Assess(DealStatus.Open, entered, activity, next, snoozed, stallAfter, idleAfter, Now).IsStalled;

            Assert.True(expected == PipelineAnalytics.IsStalled(deal, stallAfter, idleAfter, Now), $"deal {i}: {deal} stall {stallAfter} idle {idleAfter}");
        }

        // Exactly at the limits.
        var atLimit = new OpenDealFact(1, 1, "demo", null, null, Now.AddDays(-10), Now.AddDays(-14), null, null);
        Assert.Equal(StallRule.Assess(DealStatus.Open, atLimit.StageEnteredAt, atLimit.LastActivityAt, null, null, 10, 10, Now).IsStalled, PipelineAnalytics.IsStalled(atLimit, 10, 10, Now));
        Assert.False(PipelineAnalytics.IsStalled(atLimit, 10, 10, Now));
        Assert.True(PipelineAnalytics.IsStalled(atLimit with { StageEnteredAt = Now.AddDays(-10).AddTicks(-1) }, 10, 10, Now));
    }

    private static PipelineData RandomData(Random random, int deals, bool shuffled)
    {
        var closed = new List<ClosedDealFact>();
        var history = new List<StageEntryFact>();
        var confirmations = new List<ConfirmationFact>();
        for (long id = 1; id <= deals; id++)
        {
            // Whole days often, so equal times (ties) are common; now and then an entry after now.
            DateTimeOffset At(int maxDaysAgo) => random.Next(3) == 0
                ? Now.AddDays(-random.Next(-2, maxDaysAgo)).AddHours(random.Next(0, 24))
                : Now.AddDays(-random.Next(-2, maxDaysAgo));

            var entries = random.Next(0, 7);
            for (var k = 0; k < entries; k++)
            {
                // Now and then a close or a reopen, in place (no entry; a close ends the time in a stage, a reopen starts a
                // new stay) or elsewhere (an entry; after a close the deal is closed), from a stage the map may rename.
                var kind = random.Next(12) switch
                {
                    0 => StageEntryKind.CloseInStage,
                    1 => StageEntryKind.ReopenInStage,
                    2 => StageEntryKind.CloseElsewhere,
                    3 => StageEntryKind.ReopenElsewhere,
                    _ => StageEntryKind.Entry,
                };
                var from = kind is StageEntryKind.CloseElsewhere or StageEntryKind.ReopenElsewhere && random.Next(4) > 0 ? Stages[random.Next(Stages.Length)] : null;
                history.Add(new StageEntryFact(id, Stages[random.Next(Stages.Length)], At(500), kind, from));
            }

            switch (random.Next(4))
            {
                case 0:
                    var closedAt = At(400);
                    closed.Add(new ClosedDealFact(id, DealStatus.Won, 1000, "EUR", closedAt, null));
                    for (var c = random.Next(0, 5); c > 0; c--)
                    {
                        var (stage, item) = Items[random.Next(Items.Length)];
                        confirmations.Add(new ConfirmationFact(id, stage, item, closedAt.AddDays(-random.Next(0, 200))));
                    }

                    break;
                case 1:
                    closed.Add(new ClosedDealFact(id, DealStatus.Lost, null, null, At(400), random.Next(2) == 0 ? "price" : null));
                    break;
            }
        }

        if (shuffled)
        {
            var array = history.ToArray();
            random.Shuffle(array);
            history = [.. array];
        }

        return new PipelineData([], closed, history, confirmations);
    }

    private static string Describe(IEnumerable<StageSnapshot> snapshots) => string.Join("\n", snapshots.Select(s => FormattableString.Invariant(
        $"{s.Stage.Id} {s.OpenDeals} [{string.Join(",", s.Total.Select(t => $"{t.Currency}:{t.Amount}"))}] [{string.Join(",", s.Weighted.Select(t => $"{t.Currency}:{t.Amount}"))}] {s.Weight:R} {s.MedianDaysInStage:R} {s.Stalled}")));

    private static List<(long, long, long, double)> Cycles(IEnumerable<WonCycle> cycles) =>
        [.. cycles.Select(c => (c.DealId, c.StartedAt.UtcTicks, c.WonAt.UtcTicks, Math.Round(c.ClosedDays, 9)))];

    private static string Finding(FastDealsFinding? finding) => finding is null ? "none" :
        FormattableString.Invariant($"{finding.MedianCycleDays:R} {finding.FastDeals} {finding.OtherDeals} ") +
        string.Join(",", finding.Items.Select(i => FormattableString.Invariant($"{i.Stage.Id}/{i.Item.Id}:{i.FastMedianDays:R}:{i.OtherMedianDays:R}:{i.FastDeals}:{i.OtherDeals}")));
}
