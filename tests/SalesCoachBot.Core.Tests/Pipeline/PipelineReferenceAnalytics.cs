using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Pipeline;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Stalls;

namespace SalesCoachBot.Core.Tests.Pipeline;

/// <summary>
/// The pipeline measures as first written (LINQ over the whole history, the full <c>StallRule</c> per open deal),
/// kept verbatim as the reference the faster versions in <see cref="PipelineAnalytics"/> and
/// <see cref="FastDealsAnalysis"/> must agree with (<see cref="PipelineEquivalenceTests"/>). A close in the stage the deal
/// stood in (<see cref="StageEntryFact.ClosedInStage"/>) and a reopen there (<see cref="StageEntryFact.ReopenedInStage"/>)
/// are no entries here either: only the time in stage reads them (a close ends a stay, a reopen starts one). From any close
/// to the deal's next row the deal was closed, and from a win to its reopen: no time in a stage, no part of a cycle, whose
/// end is the deal's last win.
/// </summary>
internal static class PipelineReferenceAnalytics
{
    public static IReadOnlyList<StageSnapshot> Snapshot(
        IReadOnlyList<Stage> stages,
        IReadOnlyList<OpenDealFact> open,
        Func<Stage, double> weight,
        Func<long, int> idleAfterDays,
        DateTimeOffset now)
    {
        var byStage = open.ToLookup(d => d.StageId, StringComparer.Ordinal);
        return stages.Select(stage =>
        {
            var deals = byStage[stage.Id.Value].ToList();
            var w = weight(stage);
            var total = PipelineAnalytics.SumByCurrency(deals.Select(d => (d.Currency, d.Amount)));
            var stalled = deals.Count(d => StallRule.Assess(
                DealStatus.Open, d.StageEnteredAt, d.LastActivityAt, d.NextStepAt, d.SnoozedUntil,
                stage.StallAfterDays, idleAfterDays(d.TeamId), now).IsStalled);
            return new StageSnapshot(
                stage,
                deals.Count,
                total,
                [.. total.Select(t => t with { Amount = decimal.Round(t.Amount * (decimal)w, 0, MidpointRounding.AwayFromZero) })],
                w,
                PipelineAnalytics.Median(deals.Select(d => Math.Max(0, (now - d.StageEnteredAt).TotalDays))),
                stalled);
        }).ToList();
    }

    public static IReadOnlyList<StageConversion> Conversions(
        IReadOnlyList<Stage> funnel, IReadOnlyList<StageEntryFact> history, AnalysisWindow window)
    {
        var index = funnel.Select((s, i) => (s.Id.Value, i)).ToDictionary(p => p.Value, p => p.i, StringComparer.Ordinal);
        var entered = new int[funnel.Count];
        var converted = new int[funnel.Count];
        foreach (var deal in history.GroupBy(h => h.DealId))
        {
            var entries = deal
                .Where(h => h.EntersStage && index.ContainsKey(h.StageId))
                .Select(h => (Index: index[h.StageId], h.EnteredAt))
                .ToList();
            for (var i = 0; i < funnel.Count - 1; i++)
            {
                DateTimeOffset? first = null;
                foreach (var e in entries)
                {
                    if (e.Index == i && window.Contains(e.EnteredAt) && (first is null || e.EnteredAt < first))
                    {
                        first = e.EnteredAt;
                    }
                }

                if (first is not { } at)
                {
                    continue;
                }

                entered[i]++;
                if (entries.Any(e => e.Index > i && e.EnteredAt >= at))
                {
                    converted[i]++;
                }
            }
        }

        return [.. Enumerable.Range(0, Math.Max(0, funnel.Count - 1))
            .Select(i => new StageConversion(funnel[i], funnel[i + 1], entered[i], converted[i]))];
    }

    public static IReadOnlyList<WonCycle> WonCycles(
        StageId start, StageId won, IReadOnlyList<ClosedDealFact> closed, IReadOnlyList<StageEntryFact> history, AnalysisWindow window)
    {
        var byDeal = history.ToLookup(h => h.DealId);
        var wonIds = new HashSet<string>(StringComparer.Ordinal) { won.Value };
        var cycles = new List<WonCycle>();
        foreach (var deal in closed.Where(c => c.Status == DealStatus.Won))
        {
            var entries = byDeal[deal.DealId].Where(h => h.EntersStage).OrderBy(h => h.EnteredAt).ToList();
            var (wins, _) = WinsAndClosedSpans([.. byDeal[deal.DealId]], wonIds);
            var wonAt = wins.Count > 0 ? wins[^1] : deal.ClosedAt;
            if (!window.Contains(wonAt) && !window.Contains(deal.ClosedAt))
            {
                continue;
            }

            var fromStart = entries.FirstOrDefault(h => h.StageId == start.Value);
            var startedAt = (fromStart ?? entries.FirstOrDefault())?.EnteredAt;
            if (startedAt is { } s && (s < wonAt || (s == wonAt && fromStart is not null)))
            {
                cycles.Add(new WonCycle(deal.DealId, s, wonAt, FromStart: fromStart is not null, ClosedDays([.. byDeal[deal.DealId]], s, wonAt, wonIds)));
            }
        }

        return cycles;
    }

    /// <summary>The closed spans inside [start, end].</summary>
    private static double ClosedDays(List<StageEntryFact> deal, DateTimeOffset start, DateTimeOffset end, HashSet<string> won) =>
        WinsAndClosedSpans(deal, won).Closed
            .Select(p => (From: p.From > start ? p.From : start, To: p.To < end ? p.To : end))
            .Sum(p => p.To > p.From ? (p.To - p.From).TotalDays : 0);

    /// <summary>
    /// A deal's wins and closed spans (facts57), row by row in time order: each row leaves the deal won (a row in a won stage,
    /// unless a reopen in place), lost (any other close) or open. A win is a won row after a row that was not; closed is
    /// from a close to the next row, and from a win to the first later row that is not won.
    /// </summary>
    private static (List<DateTimeOffset> Wins, List<(DateTimeOffset From, DateTimeOffset To)> Closed) WinsAndClosedSpans(List<StageEntryFact> deal, HashSet<string> won)
    {
        var rows = deal.OrderBy(h => h.EnteredAt).ToList();
        var states = rows.Select(r => r.ReopenedInStage ? DealStatus.Open : won.Contains(r.StageId) ? DealStatus.Won : r.Closes ? DealStatus.Lost : DealStatus.Open).ToList();
        var wins = Enumerable.Range(0, rows.Count).Where(i => states[i] == DealStatus.Won && (i == 0 || states[i - 1] != DealStatus.Won)).ToList();
        var closed = Enumerable.Range(0, Math.Max(0, rows.Count - 1)).Where(i => states[i] == DealStatus.Lost).Select(i => (rows[i].EnteredAt, rows[i + 1].EnteredAt)).ToList();
        foreach (var w in wins)
        {
            var back = Enumerable.Range(w + 1, rows.Count - w - 1).FirstOrDefault(j => states[j] != DealStatus.Won, -1);
            if (back >= 0)
            {
                closed.Add((rows[w].EnteredAt, rows[back].EnteredAt));
            }
        }

        return ([.. wins.Select(i => rows[i].EnteredAt)], closed);
    }

    public static IReadOnlyList<WeekChange> WeekOverWeek(IReadOnlyList<Stage> funnel, IReadOnlyList<StageEntryFact> history, DateTimeOffset now)
    {
        var thisWeek = new AnalysisWindow(now.AddDays(-7), now);
        var lastWeek = new AnalysisWindow(now.AddDays(-14), now.AddDays(-7));
        int Count(Stage stage, AnalysisWindow w) =>
            history.Where(h => h.EntersStage && h.StageId == stage.Id.Value && w.Contains(h.EnteredAt)).Select(h => h.DealId).Distinct().Count();
        return [.. funnel.Select(s => new WeekChange(s, Count(s, thisWeek), Count(s, lastWeek)))];
    }

    public static FastDealsFinding? FastDeals(
        ProcessMap map,
        IReadOnlyList<WonCycle> cycles,
        IReadOnlyList<StageEntryFact> history,
        IReadOnlyList<ConfirmationFact> confirmations,
        int maxItems = 2)
    {
        if (PipelineAnalytics.Median(cycles.Select(c => c.Days)) is not { } median)
        {
            return null;
        }

        var fast = cycles.Where(c => c.Days <= median).Select(c => c.DealId).ToHashSet();
        var others = cycles.Where(c => c.Days > median).Select(c => c.DealId).ToHashSet();
        if (fast.Count < FastDealsAnalysis.MinDealsPerHalf || others.Count < FastDealsAnalysis.MinDealsPerHalf)
        {
            return null;
        }

        var entries = history.Where(h => h.EntersStage).ToLookup(h => (h.DealId, h.StageId));
        var byDeal = history.ToLookup(h => h.DealId);
        var starts = cycles.ToDictionary(c => c.DealId, c => c.StartedAt);
        var won = map.WonAndAfter().Select(s => s.Id.Value).ToHashSet(StringComparer.Ordinal);
        var offsets = confirmations
            .Where(c => starts.ContainsKey(c.DealId))
            .Select(c =>
            {
                var stageEntered = entries[(c.DealId, c.StageId)]
                    .Where(h => h.EnteredAt <= c.ConfirmedAt)
                    .Select(h => (DateTimeOffset?)h.EnteredAt)
                    .Max() ?? starts[c.DealId];
                // Less the days the deal stood closed in between (facts56), as its cycle counts them.
                var closedDays = ClosedDays([.. byDeal[c.DealId]], stageEntered, c.ConfirmedAt, won);
                return (c.DealId, c.StageId, c.ItemId, Days: Math.Max(0, (c.ConfirmedAt - stageEntered).TotalDays - closedDays));
            })
            .GroupBy(o => (o.DealId, o.StageId, o.ItemId))
            .Select(g => (g.Key.DealId, g.Key.StageId, g.Key.ItemId, Days: g.Min(o => o.Days)));

        var items = new List<EarlyItem>();
        foreach (var item in offsets.GroupBy(o => (o.StageId, o.ItemId)))
        {
            var stage = map.FindStage(new StageId(item.Key.StageId));
            var checklistItem = stage?.FindItem(new ChecklistItemId(item.Key.ItemId));
            if (stage is null || checklistItem is null)
            {
                continue;
            }

            var fastDays = item.Where(o => fast.Contains(o.DealId)).Select(o => o.Days).ToList();
            var otherDays = item.Where(o => others.Contains(o.DealId)).Select(o => o.Days).ToList();
            if (fastDays.Count < FastDealsAnalysis.MinDealsPerHalf || otherDays.Count < FastDealsAnalysis.MinDealsPerHalf)
            {
                continue;
            }

            var f = PipelineAnalytics.Median(fastDays)!.Value;
            var o = PipelineAnalytics.Median(otherDays)!.Value;
            if (o - f >= FastDealsAnalysis.MinDaysSooner && f <= o / 2)
            {
                items.Add(new EarlyItem(stage, checklistItem, f, o, fastDays.Count, otherDays.Count));
            }
        }

        return new FastDealsFinding(median, fast.Count, others.Count,
            [.. items.OrderByDescending(i => i.DaysSooner).ThenBy(i => i.Item.Id.Value, StringComparer.Ordinal).Take(maxItems)]);
    }

    /// <summary>
    /// The KPI "time in stage" as first written (<c>PipelineKpis</c>, issue 18): a GroupBy and a sort per deal. Nothing in
    /// <paramref name="won"/>: a deal there is won (facts56).
    /// </summary>
    public static Dictionary<string, List<double>> TimeInStage(IReadOnlyList<StageEntryFact> history, AnalysisWindow window, string? won = null)
    {
        var spans = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        foreach (var deal in history.GroupBy(h => h.DealId))
        {
            var entries = deal.OrderBy(h => h.EnteredAt).ToList();
            for (var i = 0; i + 1 < entries.Count; i++)
            {
                if (!entries[i].Closes && entries[i].StageId != won && window.Contains(entries[i + 1].EnteredAt))
                {
                    var list = spans.TryGetValue(entries[i].StageId, out var l) ? l : spans[entries[i].StageId] = [];
                    list.Add((entries[i + 1].EnteredAt - entries[i].EnteredAt).TotalDays);
                }
            }
        }

        return spans;
    }

    /// <summary>The KPI "hand-off" as first written: days from the first hand-off entry to the first sales entry after it.</summary>
    public static List<double> HandOff(IReadOnlyList<StageEntryFact> history, string handOff, string sales, AnalysisWindow window)
    {
        var days = new List<double>();
        foreach (var deal in history.GroupBy(h => h.DealId))
        {
            var left = deal.Where(h => h.EntersStage && h.StageId == handOff).Select(h => (DateTimeOffset?)h.EnteredAt).Min();
            var touched = deal.Where(h => h.EntersStage && h.StageId == sales && (left is null || h.EnteredAt >= left)).Select(h => (DateTimeOffset?)h.EnteredAt).Min();
            if (left is { } l && touched is { } t && window.Contains(t))
            {
                days.Add((t - l).TotalDays);
            }
        }

        return days;
    }

    /// <summary>
    /// <see cref="PipelineAnalytics.InMapStages"/> as a plain projection: a close or reopen elsewhere whose
    /// <see cref="StageEntryFact.From"/> the map resolves to the stage its own id resolves to is one in place.
    /// </summary>
    public static List<StageEntryFact> InMapStages(ProcessMap map, IReadOnlyList<StageEntryFact> history) =>
        [.. history.Select(h => h.Kind is StageEntryKind.CloseElsewhere or StageEntryKind.ReopenElsewhere && h.From is not null
            && map.ResolveStage(new StageId(h.From)) is { } a && a.Id == map.ResolveStage(new StageId(h.StageId))?.Id
                ? h with { Kind = h.Kind == StageEntryKind.CloseElsewhere ? StageEntryKind.CloseInStage : StageEntryKind.ReopenInStage, From = null }
                : h)];
}
