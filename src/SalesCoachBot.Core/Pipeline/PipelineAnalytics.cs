using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Stalls;

namespace SalesCoachBot.Core.Pipeline;

/// <summary>The period the history figures cover: entries and closes in [From, To).</summary>
public sealed record AnalysisWindow(DateTimeOffset From, DateTimeOffset To)
{
    public static AnalysisWindow LastDays(int days, DateTimeOffset now) => new(now.AddDays(-days), now);

    public bool Contains(DateTimeOffset at) => at >= From && at < To;
}

/// <summary>An amount in one currency; amounts in different currencies are never added up.</summary>
public sealed record CurrencyAmount(string Currency, decimal Amount);

/// <summary>Open deals sitting in one stage right now.</summary>
public sealed record StageSnapshot(
    Stage Stage,
    int OpenDeals,
    IReadOnlyList<CurrencyAmount> Total,
    IReadOnlyList<CurrencyAmount> Weighted,
    double Weight,
    double? MedianDaysInStage,
    int Stalled);

/// <summary>Of the deals that entered <see cref="From"/> in the window, how many later reached <see cref="To"/> or a stage after it.</summary>
public sealed record StageConversion(Stage From, Stage To, int Entered, int Converted)
{
    public double? Rate => Entered == 0 ? null : (double)Converted / Entered;
}

/// <summary>
/// A won deal's cycle; <paramref name="FromStart"/>: measured from the map's start stage (else the deal's first recorded one).
/// <paramref name="ClosedDays"/>: the days between its start and its win that the deal spent closed (from a close to its next
/// row), which are no part of the cycle.
/// </summary>
public sealed record WonCycle(long DealId, DateTimeOffset StartedAt, DateTimeOffset WonAt, bool FromStart = true, double ClosedDays = 0)
{
    public double Days => (WonAt - StartedAt).TotalDays - ClosedDays;
}

public sealed record LostReasonCount(string Reason, int Count);

public sealed record WinLoss(int Won, int Lost, IReadOnlyList<CurrencyAmount> WonAmounts, IReadOnlyList<LostReasonCount> TopLostReasons)
{
    public double? WinRate => Won + Lost == 0 ? null : (double)Won / (Won + Lost);
}

/// <summary>Deals that entered a stage in the last 7 days against the 7 days before.</summary>
public sealed record WeekChange(Stage Stage, int ThisWeek, int LastWeek)
{
    public int Change => ThisWeek - LastWeek;
}

/// <summary>
/// The pipeline measures as pure functions of the facts a store read, so each has a known answer
/// on a hand-built history. Nothing here reads a clock or a database.
/// </summary>
public static class PipelineAnalytics
{
    /// <summary>Won deals below this count make rates and sizes too thin to trust.</summary>
    public const int MinWonDealsToTrust = 5;

    /// <summary>
    /// The map's funnel: the stages on the path from <c>start</c> up to and including <c>won</c>
    /// (the whole path when <c>won</c> is not on it).
    /// </summary>
    public static IReadOnlyList<Stage> Funnel(ProcessMap map)
    {
        var path = new List<Stage>();
        var seen = new HashSet<StageId>();
        for (var stage = map.FindStage(map.Start); stage is not null && seen.Add(stage.Id); stage = map.NextOf(stage))
        {
            path.Add(stage);
            if (stage.Id == map.Won)
            {
                break;
            }
        }

        return path;
    }

    /// <summary>Per stage: open deals, amounts per currency (total and weighted), median days in stage, stalled count.</summary>
    public static IReadOnlyList<StageSnapshot> Snapshot(
        IReadOnlyList<Stage> stages,
        IReadOnlyList<OpenDealFact> open,
        Func<Stage, double> weight,
        Func<long, int> idleAfterDays,
        DateTimeOffset now)
    {
        var byStage = new Dictionary<string, List<OpenDealFact>>(StringComparer.Ordinal);
        foreach (var deal in open)
        {
            if (!byStage.TryGetValue(deal.StageId, out var list))
            {
                byStage[deal.StageId] = list = [];
            }

            list.Add(deal);
        }

        var idle = new Dictionary<long, int>();
        var currencies = new Dictionary<string, string>(StringComparer.Ordinal);
        var snapshots = new List<StageSnapshot>(stages.Count);
        foreach (var stage in stages)
        {
            var deals = byStage.GetValueOrDefault(stage.Id.Value) ?? [];
            var w = weight(stage);
            var sums = new Dictionary<string, decimal>(StringComparer.Ordinal);
            var days = new double[deals.Count];
            var stalled = 0;
            for (var i = 0; i < deals.Count; i++)
            {
                var d = deals[i];
                if (d.Amount is { } amount)
                {
                    var currency = Normalized(currencies, d.Currency);
                    sums[currency] = sums.GetValueOrDefault(currency) + amount;
                }

                days[i] = Math.Max(0, (now - d.StageEnteredAt).TotalDays);
                if (!idle.TryGetValue(d.TeamId, out var idleDays))
                {
                    idle[d.TeamId] = idleDays = idleAfterDays(d.TeamId);
                }

                if (IsStalled(d, stage.StallAfterDays, idleDays, now))
                {
                    stalled++;
                }
            }

            List<CurrencyAmount> total = [.. sums.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new CurrencyAmount(p.Key, p.Value))];
            Array.Sort(days);
            snapshots.Add(new StageSnapshot(
                stage,
                deals.Count,
                total,
                [.. total.Select(t => t with { Amount = decimal.Round(t.Amount * (decimal)w, 0, MidpointRounding.AwayFromZero) })],
                w,
                MedianOfSorted(days),
                stalled));
        }

        return snapshots;
    }

    private static string Normalized(Dictionary<string, string> seen, string? currency)
    {
        if (currency is null)
        {
            return string.Empty;
        }

        if (!seen.TryGetValue(currency, out var normalized))
        {
            seen[currency] = normalized = NormalizeCurrency(currency);
        }

        return normalized;
    }

    internal static double? MedianOfSorted(IReadOnlyList<double> sorted)
    {
        if (sorted.Count == 0)
        {
            return null;
        }

        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /// <summary>
    /// Stage-to-stage conversion over the window: of the deals that entered a funnel stage in the window, those
    /// that afterwards entered any later funnel stage (a deal moved past a stage still counts as converted).
    /// Deals that entered recently and have not moved yet count as not converted.
    /// </summary>
    public static IReadOnlyList<StageConversion> Conversions(
        IReadOnlyList<Stage> funnel, IReadOnlyList<StageEntryFact> history, AnalysisWindow window) =>
        Conversions(funnel, PipelineHistoryIndex.Build(history), window);

    internal static IReadOnlyList<StageConversion> Conversions(IReadOnlyList<Stage> funnel, PipelineHistoryIndex history, AnalysisWindow window)
    {
        var index = FunnelIndex(funnel);
        var entered = new int[funnel.Count];
        var converted = new int[funnel.Count];

        // Per deal and funnel stage: the first entry inside the window and the latest entry at all (UTC ticks).
        // A step converts when any later funnel stage was entered at or after that first entry, i.e. when the
        // latest entry over the later stages is at or after it.
        var first = new long[funnel.Count];
        var latest = new long[funnel.Count];
        long from = window.From.UtcTicks, to = window.To.UtcTicks;
        var entries = history.Entries;
        for (var run = 0; run < history.RunCount; run++)
        {
            Array.Fill(first, long.MaxValue);
            Array.Fill(latest, long.MinValue);
            var (start, end) = history.Run(run);
            for (var k = start; k < end; k++)
            {
                var entry = entries[k];
                if (!entry.EntersStage || !index.TryGetValue(entry.StageId, out var i))
                {
                    continue; // a close or a reopen where the deal stood enters nothing
                }

                var at = entry.EnteredAt.UtcTicks;
                latest[i] = Math.Max(latest[i], at);
                if (at >= from && at < to)
                {
                    first[i] = Math.Min(first[i], at);
                }
            }

            var later = long.MinValue;
            for (var i = funnel.Count - 1; i >= 0; i--)
            {
                if (i < funnel.Count - 1 && first[i] != long.MaxValue)
                {
                    entered[i]++;
                    if (later >= first[i])
                    {
                        converted[i]++;
                    }
                }

                later = Math.Max(later, latest[i]);
            }
        }

        return [.. Enumerable.Range(0, Math.Max(0, funnel.Count - 1))
            .Select(i => new StageConversion(funnel[i], funnel[i + 1], entered[i], converted[i]))];
    }

    /// <summary>
    /// The observed chance that a deal in stage <paramref name="stageIndex"/> of the funnel is won: the product of
    /// the step conversions from it to the won stage. Null when a step has no deals to measure; 1 for the won stage.
    /// </summary>
    public static double? ToWonRate(IReadOnlyList<StageConversion> conversions, int stageIndex)
    {
        var rate = 1.0;
        for (var i = stageIndex; i < conversions.Count; i++)
        {
            if (conversions[i].Rate is not { } step)
            {
                return null;
            }

            rate *= step;
        }

        return rate;
    }

    /// <summary>Position-based weight: a stage's place on the way to won (the won stage weighs 1).</summary>
    public static double PositionWeight(int stageIndex, int funnelLength) =>
        funnelLength <= 1 ? 1 : (double)(stageIndex + 1) / funnelLength;

    /// <summary>
    /// Cycles of the deals won in the window, by <see cref="Wins"/>' rule: a deal won, reopened and won again counts once,
    /// at its last win. The start is the first entry into the map's start stage, or the deal's first recorded stage when it
    /// never passed through start; the end is its last win (or its close time when the history records none); the days it
    /// stood closed in between (lost, or won until it was reopened) are no part of it.
    /// </summary>
    public static IReadOnlyList<WonCycle> WonCycles(
        StageId start, StageId won, IReadOnlyList<ClosedDealFact> closed, IReadOnlyList<StageEntryFact> history, AnalysisWindow window) =>
        WonCycles((start, []), new HashSet<string>(StringComparer.Ordinal) { won.Value }, closed, PipelineHistoryIndex.Build(history), window);

    /// <summary>
    /// The same on <paramref name="map"/>: the stages after its won stage count as won too, and history recorded under an
    /// id the map's start or a won stage <c>replaces</c> counts as that stage.
    /// </summary>
    public static IReadOnlyList<WonCycle> WonCycles(
        ProcessMap map, IReadOnlyList<ClosedDealFact> closed, IReadOnlyList<StageEntryFact> history, AnalysisWindow window) =>
        WonCycles(map, closed, PipelineHistoryIndex.Build(history), window);

    internal static IReadOnlyList<WonCycle> WonCycles(
        ProcessMap map, IReadOnlyList<ClosedDealFact> closed, PipelineHistoryIndex history, AnalysisWindow window) =>
        WonCycles((map.Start, map.FindStage(map.Start)?.Replaces ?? []), WonStageIds(map), closed, history, window);

    private static IReadOnlyList<WonCycle> WonCycles(
        (StageId Id, IReadOnlyList<StageId> Replaces) start,
        IReadOnlySet<string> won,
        IReadOnlyList<ClosedDealFact> closed,
        PipelineHistoryIndex history,
        AnalysisWindow window)
    {
        var entries = history.Entries;
        var cycles = new List<WonCycle>();
        var buffer = new List<StageEntryFact>();
        foreach (var deal in closed)
        {
            if (deal.Status != DealStatus.Won)
            {
                continue;
            }

            // The earliest entry into start, and at all (the first of equal times, as a stable sort gives).
            StageEntryFact? firstStart = null, firstAny = null;
            var (from, to) = history.Of(deal.DealId);
            for (var k = from; k < to; k++)
            {
                var h = entries[k];
                if (!h.EntersStage)
                {
                    continue; // no entry: a won close in place is the deal's close time, the fallback below; a reopen starts no cycle
                }

                if (firstAny is null || h.EnteredAt < firstAny.EnteredAt)
                {
                    firstAny = h;
                }

                if ((firstStart is null || h.EnteredAt < firstStart.EnteredAt) && Stage.Covers(start.Id, start.Replaces, h.StageId))
                {
                    firstStart = h;
                }
            }

            var (rows, first, last) = history.InTimeOrder((from, to), buffer);
            var wins = Wins(rows, first, last, won, DateTimeOffset.MinValue, DateTimeOffset.MaxValue);
            var wonAt = wins.Last ?? deal.ClosedAt;
            if (!window.Contains(wonAt) && !window.Contains(deal.ClosedAt))
            {
                continue;
            }

            // A deal whose history starts at the won stage (imported there) has no cycle to measure: a 0-day cycle would
            // drag the median down (the demo's EMEA showed 14 days where its one measurable cycle took 28).
            var startedAt = (firstStart ?? firstAny)?.EnteredAt;
            if (startedAt is { } s && (s < wonAt || (s == wonAt && firstStart is not null)))
            {
                cycles.Add(new WonCycle(deal.DealId, s, wonAt, FromStart: firstStart is not null, ClosedDays(rows, first, last, s, wonAt, won)));
            }
        }

        return cycles;
    }

    /// <summary>
    /// The ids a won deal stands in (<see cref="ProcessMap.WonAndAfter"/>: the won stage and the stages after it, with the ids
    /// each <c>replaces</c>), for <see cref="Wins"/>. Built once per report.
    /// </summary>
    internal static HashSet<string> WonStageIds(ProcessMap map)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var stage in map.WonAndAfter())
        {
            ids.Add(stage.Id.Value);
            foreach (var old in stage.Replaces)
            {
                ids.Add(old.Value);
            }
        }

        return ids;
    }

    /// <summary>
    /// The days in [<paramref name="start"/>, <paramref name="end"/>] a deal spent closed (<see cref="Wins"/>' rule). The one
    /// rule for a won cycle and for how long a checklist item took (<see cref="FastDealsAnalysis"/>).
    /// <paramref name="inTime"/>[<paramref name="from"/>, <paramref name="to"/>): the deal's rows in time order
    /// (<see cref="PipelineHistoryIndex.InTimeOrder(IReadOnlyList{StageEntryFact}, int, int, List{StageEntryFact})"/>).
    /// </summary>
    internal static double ClosedDays(
        IReadOnlyList<StageEntryFact> inTime, int from, int to, DateTimeOffset start, DateTimeOffset end, IReadOnlySet<string> won) =>
        Wins(inTime, from, to, won, start, end).ClosedDays;

    /// <summary>
    /// The one rule for when a deal was won and when it stood closed (facts57), over its rows in time order. After each row
    /// the deal is won (the row puts it in the won stage or one after it, <paramref name="won"/>: an entry, an import's
    /// close there, a CRM's move there), closed (any other close, to the deal's next row), or open (any other entry, or a
    /// reopen where it stood). A win is a row that makes an unwon deal won; <see cref="WinRule.Last"/> is the latest, so a
    /// deal won, reopened and won again was won at its second win, as its status and close date say. Closed are the days
    /// from a close to the next row, and from a win to the row that took the deal out of the won stages (a reopen, a move
    /// back, a loss): none while it is still won. <see cref="WinRule.ClosedDays"/> counts those in [<paramref name="start"/>,
    /// <paramref name="end"/>].
    /// </summary>
    internal static WinRule Wins(
        IReadOnlyList<StageEntryFact> inTime, int from, int to, IReadOnlySet<string> won, DateTimeOffset start, DateTimeOffset end)
    {
        DateTimeOffset? last = null;
        var state = DealStatus.Open;
        var since = default(DateTimeOffset);
        var days = 0.0;
        for (var k = from; k < to; k++)
        {
            var row = inTime[k];
            var after = row.ReopenedInStage ? DealStatus.Open
                : won.Contains(row.StageId) ? DealStatus.Won
                : row.Closes ? DealStatus.Lost
                : DealStatus.Open;
            if (state == DealStatus.Lost || (state == DealStatus.Won && after != DealStatus.Won))
            {
                var closed = Max(since, start);
                var reopened = Min(row.EnteredAt, end);
                days += reopened > closed ? (reopened - closed).TotalDays : 0;
            }

            if (after != state || after == DealStatus.Lost)
            {
                if (after == DealStatus.Won)
                {
                    last = row.EnteredAt;
                }

                since = row.EnteredAt;
            }

            state = after;
        }

        return new WinRule(last, days);
    }

    /// <summary><see cref="Wins"/>' answer: the deal's last win (null when its history records none) and its closed days.</summary>
    internal readonly record struct WinRule(DateTimeOffset? Last, double ClosedDays);

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    /// <summary>
    /// The history as <paramref name="map"/> reads it: a close or reopen the store read as moving the deal
    /// (<see cref="StageEntryKind.CloseElsewhere"/>, <see cref="StageEntryKind.ReopenElsewhere"/>, its
    /// <see cref="StageEntryFact.From"/> another id) into the stage the map resolves that id to (a stage renamed since the
    /// close: the close under the old id, the reopen under the new) is one in place, no stage entry. The same list when no
    /// row is (the usual case: one pass, nothing copied).
    /// </summary>
    public static IReadOnlyList<StageEntryFact> InMapStages(ProcessMap map, IReadOnlyList<StageEntryFact> history)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(history);
        List<StageEntryFact>? resolved = null;
        for (var i = 0; i < history.Count; i++)
        {
            var h = history[i];
            if (h.From is { } from && h.Kind is StageEntryKind.CloseElsewhere or StageEntryKind.ReopenElsewhere
                && map.ResolveStage(new StageId(from)) is { } stood && map.ResolveStage(new StageId(h.StageId)) is { } now && stood.Id == now.Id)
            {
                if (resolved is null)
                {
                    resolved = new List<StageEntryFact>(history.Count);
                    for (var k = 0; k < i; k++)
                    {
                        resolved.Add(history[k]);
                    }
                }

                resolved.Add(h with { Kind = h.Closes ? StageEntryKind.CloseInStage : StageEntryKind.ReopenInStage, From = null });
            }
            else
            {
                resolved?.Add(h);
            }
        }

        return resolved ?? history;
    }

    /// <summary>
    /// The key lost deals without a reason are counted under: data, compared and stored as it is; a reply shows it in its
    /// own language (<see cref="PipelineFormat.LostReason"/>).
    /// </summary>
    public const string NoReasonGiven = @"no reason given";

    /// <summary>Deals closed in the window: won and lost counts, won amounts per currency, the most common lost reasons.</summary>
    public static WinLoss WinLoss(IReadOnlyList<ClosedDealFact> closed, AnalysisWindow window, int topReasons = 3)
    {
        var inWindow = closed.Where(c => window.Contains(c.ClosedAt)).ToList();
        var won = inWindow.Where(c => c.Status == DealStatus.Won).ToList();
        var lost = inWindow.Where(c => c.Status == DealStatus.Lost).ToList();
        var reasons = lost
            .GroupBy(c => string.IsNullOrWhiteSpace(c.LostReason) ? NoReasonGiven : c.LostReason.Trim().ToLowerInvariant(), StringComparer.Ordinal)
            .Select(g => new LostReasonCount(g.Key, g.Count()))
            .OrderByDescending(r => r.Count)
            .ThenBy(r => r.Reason, StringComparer.Ordinal)
            .Take(topReasons)
            .ToList();
        return new WinLoss(won.Count, lost.Count, SumByCurrency(won.Select(w => (w.Currency, w.Amount))), reasons);
    }

    /// <summary>Distinct deals entering each funnel stage in the 7 days before <paramref name="now"/> against the 7 days before those.</summary>
    public static IReadOnlyList<WeekChange> WeekOverWeek(IReadOnlyList<Stage> funnel, IReadOnlyList<StageEntryFact> history, DateTimeOffset now)
    {
        var thisWeek = new AnalysisWindow(now.AddDays(-7), now);
        var lastWeek = new AnalysisWindow(now.AddDays(-14), now.AddDays(-7));
        var index = FunnelIndex(funnel);
        var deals = funnel.Select(_ => (This: new HashSet<long>(), Last: new HashSet<long>())).ToArray();
        foreach (var h in history)
        {
            var inThis = thisWeek.Contains(h.EnteredAt);
            if (h.EntersStage && (inThis || lastWeek.Contains(h.EnteredAt)) && index.TryGetValue(h.StageId, out var i))
            {
                (inThis ? deals[i].This : deals[i].Last).Add(h.DealId);
            }
        }

        return [.. funnel.Select((s, i) => new WeekChange(s, deals[i].This.Count, deals[i].Last.Count))];
    }

    /// <summary>
    /// <see cref="StallRule.Assess(DealStatus, DateTimeOffset, DateTimeOffset, DateTimeOffset?, DateTimeOffset?, int, int, DateTimeOffset)"/>'s
    /// verdict for an open deal, from the rule's own <see cref="StallRule.IsStalled"/>: no reason sentence,
    /// which was most of its cost at 25,000 deals per report for a big team.
    /// </summary>
    public static bool IsStalled(OpenDealFact deal, int stallAfterDays, int idleAfterDays, DateTimeOffset now) =>
        StallRule.IsStalled(
            DealStatus.Open, deal.StageEnteredAt, deal.LastActivityAt, deal.NextStepAt, deal.SnoozedUntil, stallAfterDays, idleAfterDays, now);

    /// <summary>Amounts added up per currency (deals without an amount add nothing), ordered by currency code.</summary>
    public static IReadOnlyList<CurrencyAmount> SumByCurrency(IEnumerable<(string? Currency, decimal? Amount)> amounts) =>
        [.. amounts
            .Where(a => a.Amount is not null)
            .GroupBy(a => NormalizeCurrency(a.Currency), StringComparer.Ordinal)
            .Select(g => new CurrencyAmount(g.Key, g.Sum(a => a.Amount!.Value)))
            .OrderBy(a => a.Currency, StringComparer.Ordinal)];

    public static string NormalizeCurrency(string? currency) =>
        string.IsNullOrWhiteSpace(currency) ? string.Empty : currency.Trim().ToUpperInvariant();

    /// <summary>The median; the mean of the middle two for an even count; null when there is nothing.</summary>
    public static double? Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0)
        {
            return null;
        }

        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    public static decimal? Median(IEnumerable<decimal> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0)
        {
            return null;
        }

        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /// <summary>
    /// Funnel position by recorded stage id: each stage's own id and the ids it <c>replaces</c>, so history written
    /// before a rename or merge counts for the stage that took it over at no cost per row (one lookup either way).
    /// </summary>
    internal static Dictionary<string, int> FunnelIndex(IReadOnlyList<Stage> funnel)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < funnel.Count; i++)
        {
            index[funnel[i].Id.Value] = i;
        }

        for (var i = 0; i < funnel.Count; i++)
        {
            foreach (var old in funnel[i].Replaces)
            {
                index.TryAdd(old.Value, i);
            }
        }

        return index;
    }
}
