using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Pipeline;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Tests.Fakes;

namespace SalesCoachBot.Core.Tests.Pipeline;

/// <summary>
/// Issue facts55, two cases facts54 left: a deal lost in Demo under map v1 and reopened after v2 renamed Demo to Product
/// demo (<c>replaces: [demo]</c>) was one more deal entering Product demo, as the reopen's id (product-demo) differs from the
/// close's (demo); and an import that closed a deal in another stage than it stood in, then reopened it there, counted the
/// days it was closed as time in that stage and in its cycle.
/// </summary>
public sealed class ClosedDaysAndRenames55Tests
{
    private static readonly ProcessMap V2 = new MapBuilder()
        .Stage("discovery", "Discovery", 14, "product-demo", [("requirements-listed", "Requirements list shared with the buyer", true)], saidNo: "nurture")
        .Stage("product-demo", "Product demo", 10, "contract-signed", [("demo-held", "Demo held with the buyer's team", true)], saidNo: "lost",
            replaces: ["demo"])
        .Stage("contract-signed", "Contract signed", 30, null, [("signed-copy-stored", "Signed contract stored with the deal", true)])
        .Build(version: 2, kpis: ["time in stage"]);

    /// <summary>
    /// Acme entered Discovery 3 days ago (this week's one entry). Tailwind entered Demo 20 days ago and was lost there 10 days
    /// ago, under v1; the manager reopens it now, under v2: into Product demo, the stage it stood in.
    /// </summary>
    private static async Task<(BotHarness Bot, long Tailwind)> ReopenAfterRenameAsync()
    {
        var bot = new BotHarness(V2);
        var now = bot.Clock.GetUtcNow();
        Path(bot, bot.Stores.AddDeal("1001", "Acme", bot.Rep, bot.Emea, "discovery", now.AddDays(-3)), ("discovery", 3));
        var tailwind = bot.Stores.AddDeal("1002", "Tailwind", bot.Rep, bot.Emea, "demo", now.AddDays(-10));
        Path(bot, tailwind, ("discovery", 30), ("demo", 20));
        (tailwind.Status, tailwind.ClosedAt, tailwind.LostReason) = (DealStatus.Lost, now.AddDays(-10), "price");
        Row(bot, tailwind, "demo", 10, StageChangeKind.Closed, "lost (price)");

        var reopened = await bot.AskAsync("reopen tailwind", bot.Manager);
        Assert.StartsWith("Reopened Tailwind in Product demo", reopened.Text, StringComparison.Ordinal);
        Assert.Contains(bot.Stores.History, h => h.Kind == StageChangeKind.Reopened && h.StageId.Value == "product-demo");
        bot.Clock.Advance(TimeSpan.FromHours(1));
        return (bot, tailwind.Id.Value);
    }

    [Fact]
    public async Task Pipeline_ReopenedAfterItsStageWasRenamed_NoStageEntry()
    {
        var (bot, _) = await ReopenAfterRenameAsync();
        using var _bot = bot;

        var answer = await bot.AskAsync("pipeline", bot.Manager);

        // Acme alone entered a stage this week; the reopen put Tailwind back in the stage it stood in (Demo, now Product demo).
        Assert.StartsWith("1 stage entry", answer.Card!.Facts.Single(f => f.Label == "Since last week").Value, StringComparison.Ordinal);
        Assert.DoesNotContain("Product demo: 1 deal entered", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_ReopenedAfterRename_StoreSaysWhereItStood_MapReadsItInPlace()
    {
        var (bot, tailwind) = await ReopenAfterRenameAsync();
        using var _bot = bot;
        var now = bot.Clock.GetUtcNow();

        var data = await new InMemoryPipelineStore(bot.Stores).LoadAsync(new PipelineScope(null, null), now.AddDays(-60), now, CancellationToken.None);

        // The store compares ids: the reopen is elsewhere, from demo; the map says demo is Product demo.
        var reopen = data.History.Single(h => h.DealId == tailwind && h.StageId == "product-demo");
        Assert.Equal((StageEntryKind.ReopenElsewhere, "demo"), (reopen.Kind, reopen.From));
        Assert.Equal(StageEntryKind.CloseInStage, data.History.Single(h => h.DealId == tailwind && h.EnteredAt == now.AddHours(-1).AddDays(-10)).Kind);
        var resolved = PipelineAnalytics.InMapStages(V2, data.History);
        Assert.False(resolved.Single(h => h.DealId == tailwind && h.StageId == "product-demo").EntersStage);
        Assert.Equal(resolved, PipelineReferenceAnalytics.InMapStages(V2, data.History));

        // Week over week, both ways: this week Discovery 1 (Acme), Product demo none.
        var funnel = PipelineAnalytics.Funnel(V2);
        Assert.Equal([("discovery", 1), ("product-demo", 0), ("contract-signed", 0)],
            PipelineReferenceAnalytics.WeekOverWeek(funnel, PipelineReferenceAnalytics.InMapStages(V2, data.History), now).Select(w => (w.Stage.Id.Value, w.ThisWeek)));
        Assert.Equal([("discovery", 1), ("product-demo", 0)],
            PipelineReport.Build(V2, data, 30, now, _ => 14).WeekOverWeek.Select(w => (w.Stage.Id.Value, w.ThisWeek)));
    }

    /// <summary>
    /// Hooli: Discovery 40 days ago; an import closed it lost in Demo 30 days ago (moving it there), reopened it in Demo 10
    /// days ago; it entered Contract signed 4 days ago and is won. It was closed 20 days of its 36.
    /// </summary>
    [Fact]
    public async Task Report_ImportClosesElsewhereThenReopens_ClosedDaysAreNoTimeInStageNorCycle()
    {
        using var bot = new BotHarness();
        var now = bot.Clock.GetUtcNow();
        var hooli = bot.Stores.AddDeal("1003", "Hooli", bot.Rep, bot.Emea, "contract-signed", now.AddDays(-4));
        Path(bot, hooli, ("discovery", 40));
        Row(bot, hooli, "demo", 30, StageChangeKind.Closed, new ImportReason(DealStatus.Lost, DealStatus.Open, "price").Stored);
        Row(bot, hooli, "demo", 10, StageChangeKind.Reopened, new ImportReason(DealStatus.Open, DealStatus.Lost, "price").Stored);
        Row(bot, hooli, "contract-signed", 4, StageChangeKind.Advanced);
        (hooli.Status, hooli.ClosedAt) = (DealStatus.Won, now.AddDays(-4));

        var data = await new InMemoryPipelineStore(bot.Stores).LoadAsync(new PipelineScope(null, null), now.AddDays(-60), now, CancellationToken.None);
        var rows = data.History.Where(h => h.DealId == hooli.Id.Value).OrderBy(h => h.EnteredAt).Select(h => (h.StageId, h.Kind, h.From));
        Assert.Equal(
            [("discovery", StageEntryKind.Entry, null), ("demo", StageEntryKind.CloseElsewhere, "discovery"), ("demo", StageEntryKind.ReopenInStage, null),
                ("contract-signed", StageEntryKind.Entry, null)],
            rows);

        var report = PipelineReport.Build(bot.Map, data, 60, now, _ => 14);
        var window = report.Window;

        // Time in Demo: 6 days, from the reopen to Contract signed; not the 20 days it was closed there. Discovery: 10.
        var spans = PipelineKpis.StageSpans(report, data);
        var index = PipelineAnalytics.FunnelIndex(report.Funnel);
        Assert.Equal([6.0], spans[index["demo"]]!);
        Assert.Equal([10.0], spans[index["discovery"]]!);
        var reference = PipelineReferenceAnalytics.TimeInStage(data.History, window);
        Assert.Equal([6.0], reference["demo"]);
        Assert.Equal([10.0], reference["discovery"]);

        // Its cycle: 36 days from Discovery to Contract signed, less the 20 closed: 16.
        Assert.Equal(16.0, Assert.Single(report.Cycles).Days, 9);
        Assert.Equal(16.0, Assert.Single(PipelineReferenceAnalytics.WonCycles(bot.Map.Start, bot.Map.Won, data.ClosedDeals, data.History, window)).Days, 9);
        Assert.Equal(16.0, report.MedianCycleDays!.Value, 9);
    }

    [Fact]
    public async Task Report_CloseAndReopenInPlace_ClosedDaysNoPartOfTheCycle()
    {
        // The same rule for a close where the deal stood (a chat's "mark lost", then "reopen"): Discovery 40, Demo 35, lost
        // there 30, reopened 10, won 4: 36 days, 20 of them closed.
        using var bot = new BotHarness();
        var now = bot.Clock.GetUtcNow();
        var deal = bot.Stores.AddDeal("1004", "Initech", bot.Rep, bot.Emea, "contract-signed", now.AddDays(-4));
        Path(bot, deal, ("discovery", 40), ("demo", 35));
        Row(bot, deal, "demo", 30, StageChangeKind.Closed, "lost (price)");
        Row(bot, deal, "demo", 10, StageChangeKind.Reopened, "was lost (price)");
        Row(bot, deal, "contract-signed", 4, StageChangeKind.Advanced);
        (deal.Status, deal.ClosedAt) = (DealStatus.Won, now.AddDays(-4));

        var data = await new InMemoryPipelineStore(bot.Stores).LoadAsync(new PipelineScope(null, null), now.AddDays(-60), now, CancellationToken.None);
        var report = PipelineReport.Build(bot.Map, data, 60, now, _ => 14);

        Assert.Equal(16.0, Assert.Single(report.Cycles).Days, 9);
        Assert.Equal(16.0, Assert.Single(PipelineReferenceAnalytics.WonCycles(bot.Map.Start, bot.Map.Won, data.ClosedDeals, data.History, report.Window)).Days, 9);
        // Time in Demo: 5 days to the close, 6 from the reopen.
        Assert.Equal([5.0, 6.0], PipelineKpis.StageSpans(report, data)[PipelineAnalytics.FunnelIndex(report.Funnel)["demo"]]!.Order());
    }

    private static void Path(BotHarness bot, Deal deal, params (string Stage, double DaysAgo)[] path)
    {
        deal.CreatedAt = bot.Clock.GetUtcNow().AddDays(-path[0].DaysAgo);
        foreach (var (stage, daysAgo) in path)
        {
            Row(bot, deal, stage, daysAgo, StageChangeKind.Advanced);
        }
    }

    private static void Row(BotHarness bot, Deal deal, string stage, double daysAgo, StageChangeKind kind, string? reason = null) =>
        bot.Stores.History.Add(new StageHistoryEntry
        {
            Id = (bot.Stores.History.Max(h => (long?)h.Id) ?? 0) + 1,
            DealId = deal.Id,
            StageId = new StageId(stage),
            EnteredAt = bot.Clock.GetUtcNow().AddDays(-daysAgo),
            Kind = kind,
            Reason = reason,
        });
}
