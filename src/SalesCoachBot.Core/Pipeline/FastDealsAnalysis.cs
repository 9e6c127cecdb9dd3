using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.ProcessMaps;

namespace SalesCoachBot.Core.Pipeline;

/// <summary>
/// A checklist item the fastest won deals confirmed much sooner after entering its stage than the other won deals.
/// Days are medians of "confirmed at" minus "entered the item's stage", less the days the deal stood closed in between.
/// </summary>
public sealed record EarlyItem(Stage Stage, ChecklistItem Item, double FastMedianDays, double OtherMedianDays, int FastDeals, int OtherDeals)
{
    public double DaysSooner => OtherMedianDays - FastMedianDays;
}

public sealed record FastDealsFinding(double MedianCycleDays, int FastDeals, int OtherDeals, IReadOnlyList<EarlyItem> Items);

/// <summary>
/// "What the fastest deals have in common": splits the won deals at the median cycle length (at or under it: fast)
/// and compares, per checklist item, how soon after entering its stage each half confirmed it.
/// </summary>
public static class FastDealsAnalysis
{
    /// <summary>Each half must have at least this many deals that confirmed an item before the item is compared.</summary>
    public const int MinDealsPerHalf = 3;

    /// <summary>An item is reported when the fast half confirmed it at least this many days sooner...</summary>
    public const double MinDaysSooner = 2;

    public static FastDealsFinding? Analyze(
        ProcessMap map,
        IReadOnlyList<WonCycle> cycles,
        IReadOnlyList<StageEntryFact> history,
        IReadOnlyList<ConfirmationFact> confirmations,
        int maxItems = 2) =>
        Analyze(map, cycles, PipelineHistoryIndex.Build(history), confirmations, maxItems);

    internal static FastDealsFinding? Analyze(
        ProcessMap map,
        IReadOnlyList<WonCycle> cycles,
        PipelineHistoryIndex history,
        IReadOnlyList<ConfirmationFact> confirmations,
        int maxItems = 2)
    {
        if (PipelineAnalytics.Median(cycles.Select(c => c.Days)) is not { } median)
        {
            return null;
        }

        var fast = cycles.Where(c => c.Days <= median).Select(c => c.DealId).ToHashSet();
        var others = cycles.Where(c => c.Days > median).Select(c => c.DealId).ToHashSet();
        if (fast.Count < MinDealsPerHalf || others.Count < MinDealsPerHalf)
        {
            return null;
        }

        var starts = cycles.ToDictionary(c => c.DealId, c => c.StartedAt);
        var won = PipelineAnalytics.WonStageIds(map);
        var buffer = new List<StageEntryFact>();

        // Days from entering the item's stage (the latest entry before the confirmation) to confirming it, less the days
        // the deal stood closed in between (lost, or won, then reopened), as its cycle counts them; the earliest
        // confirmation per deal and item counts. A confirmation or entry recorded under an id the stage replaces is the
        // stage's (a renamed stage keeps its history).
        var offsets = confirmations
            .Where(c => starts.ContainsKey(c.DealId))
            .Select(c => (Confirmation: c, Stage: map.ResolveStage(new StageId(c.StageId))))
            .Where(c => c.Stage is not null)
            .Select(c =>
            {
                var stageEntered = LatestEntryAtOrBefore(history, c.Confirmation, c.Stage!) ?? starts[c.Confirmation.DealId];
                var (rows, from, to) = history.InTimeOrder(history.Of(c.Confirmation.DealId), buffer);
                var closed = PipelineAnalytics.ClosedDays(rows, from, to, stageEntered, c.Confirmation.ConfirmedAt, won);
                return (c.Confirmation.DealId, StageId: c.Stage!.Id.Value, c.Confirmation.ItemId,
                    Days: Math.Max(0, (c.Confirmation.ConfirmedAt - stageEntered).TotalDays - closed));
            })
            .GroupBy(o => (o.DealId, o.StageId, o.ItemId))
            .Select(g => (g.Key.DealId, g.Key.StageId, g.Key.ItemId, Days: g.Min(o => o.Days)));

        var items = new List<EarlyItem>();
        foreach (var item in offsets.GroupBy(o => (o.StageId, o.ItemId)))
        {
            var stage = map.GetStage(new StageId(item.Key.StageId));
            if (stage.FindItem(new ChecklistItemId(item.Key.ItemId)) is not { } checklistItem)
            {
                continue;
            }

            var fastDays = item.Where(o => fast.Contains(o.DealId)).Select(o => o.Days).ToList();
            var otherDays = item.Where(o => others.Contains(o.DealId)).Select(o => o.Days).ToList();
            if (fastDays.Count < MinDealsPerHalf || otherDays.Count < MinDealsPerHalf)
            {
                continue;
            }

            var f = PipelineAnalytics.Median(fastDays)!.Value;
            var o = PipelineAnalytics.Median(otherDays)!.Value;

            // ...and in at most half the time, so a 30-vs-32-day difference is not reported as a pattern.
            if (o - f >= MinDaysSooner && f <= o / 2)
            {
                items.Add(new EarlyItem(stage, checklistItem, f, o, fastDays.Count, otherDays.Count));
            }
        }

        return new FastDealsFinding(median, fast.Count, others.Count,
            [.. items.OrderByDescending(i => i.DaysSooner).ThenBy(i => i.Item.Id.Value, StringComparer.Ordinal).Take(maxItems)]);
    }

    private static DateTimeOffset? LatestEntryAtOrBefore(PipelineHistoryIndex history, ConfirmationFact confirmation, Stage stage)
    {
        DateTimeOffset? latest = null;
        var (start, end) = history.Of(confirmation.DealId);
        for (var k = start; k < end; k++)
        {
            var h = history.Entries[k];
            if (h.EntersStage && h.EnteredAt <= confirmation.ConfirmedAt && (latest is null || h.EnteredAt > latest) && stage.Covers(h.StageId))
            {
                latest = h.EnteredAt;
            }
        }

        return latest;
    }
}
