using System.Globalization;
using SalesCoachBot.Core.ProcessMaps;

namespace SalesCoachBot.Core.Pipeline;

/// <summary>The map's <c>kpis:</c>, each computed from the pipeline facts when its words name a measure the data has.</summary>
internal sealed record KpiFigures(IReadOnlyList<string> Computed, IReadOnlyList<string> NotComputed);

/// <summary>
/// Reads each KPI a map lists (free text) for the measure it names — cycle length, time in stage, conversion, hand-off to
/// first sales touch, stalled, win/loss — and says its value over the report's window. KPIs the data cannot answer
/// (churn, retention, revenue of customers) are listed once as not computed, so a map's list is never silently dropped.
/// </summary>
internal static class PipelineKpis
{
    public static KpiFigures Compute(ProcessMap map, PipelineReport report, PipelineData data)
    {
        var computed = new List<string>();
        var missing = new List<string>();
        var window = PipelineFormat.Window(report.WindowDays);
        foreach (var kpi in map.Kpis.Where(k => !string.IsNullOrWhiteSpace(k)))
        {
            var words = kpi.ToLowerInvariant();
            var values = new List<string>();
            if (words.Contains("churn", StringComparison.Ordinal) || words.Contains("retention", StringComparison.Ordinal))
            {
                missing.Add(kpi.Trim());
                continue;
            }

            if (words.Contains("cycle", StringComparison.Ordinal))
            {
                values.Add(report.MedianCycleDays is { } cycle
                    ? $"median {PipelineFormat.Days(cycle)} from {Name(map, map.Start)} to {Name(map, map.Won)} ({PipelineFormat.Deals(report.Cycles.Count)} won)"
                    : $"no deal reached {Name(map, map.Won)} in {window}");
            }

            if (words.Contains("per stage", StringComparison.Ordinal) || words.Contains("time in stage", StringComparison.Ordinal))
            {
                values.Add(TimeInStage(report, data));
            }

            if (words.Contains("hand-off", StringComparison.Ordinal) || words.Contains("handoff", StringComparison.Ordinal)
                || words.Contains("mql", StringComparison.Ordinal) || words.Contains("first sales", StringComparison.Ordinal))
            {
                values.Add(HandOff(map, data, report.Window));
            }

            if (words.Contains("conversion", StringComparison.Ordinal))
            {
                values.Add(StartToWon(report));
            }

            if (words.Contains("stalled", StringComparison.Ordinal))
            {
                values.Add($"{report.Stalled.ToString(CultureInfo.InvariantCulture)} of {PipelineFormat.Deals(report.OpenDeals)} open are stalled now");
            }

            if (words.Contains("win", StringComparison.Ordinal) || words.Contains("loss", StringComparison.Ordinal) || words.Contains("lost", StringComparison.Ordinal))
            {
                var wl = report.WinLoss;
                values.Add(wl.Won + wl.Lost == 0
                    ? $"no deals won or lost in {window}"
                    : $"{PipelineFormat.Percent(wl.WinRate)} won ({wl.Won} won, {wl.Lost} lost)" +
                      (wl.TopLostReasons.Count > 0 ? "; lost to " + string.Join(", ", wl.TopLostReasons.Select(r => $"{r.Reason} ({r.Count})")) : string.Empty));
            }

            if (values.Count == 0)
            {
                missing.Add(kpi.Trim());
                continue;
            }

            computed.Add($"{kpi.Trim()}: {string.Join("; ", values)}.");
        }

        return new KpiFigures(computed, missing);
    }

    /// <summary>Deals that entered start in the window and reached won, of all that entered start: the whole funnel's conversion.</summary>
    private static string StartToWon(PipelineReport report)
    {
        if (report.Conversions.Count == 0 || report.Conversions[0].Entered == 0)
        {
            return $"no deals entered {(report.Funnel.Count > 0 ? report.Funnel[0].Name : "the first stage")} in {PipelineFormat.Window(report.WindowDays)}";
        }

        var rate = PipelineAnalytics.ToWonRate(report.Conversions, 0);
        return $"{PipelineFormat.Percent(rate)} from {report.Funnel[0].Name} to {report.Funnel[^1].Name} (step by step under Conversion)";
    }

    /// <summary>Median days deals spent in each funnel stage before their next recorded stage, for stages left in the window.</summary>
    private static string TimeInStage(PipelineReport report, PipelineData data)
    {
        var spans = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        foreach (var deal in data.History.GroupBy(h => h.DealId))
        {
            var entries = deal.OrderBy(h => h.EnteredAt).ToList();
            for (var i = 0; i + 1 < entries.Count; i++)
            {
                if (report.Window.Contains(entries[i + 1].EnteredAt))
                {
                    var list = spans.TryGetValue(entries[i].StageId, out var l) ? l : spans[entries[i].StageId] = [];
                    list.Add((entries[i + 1].EnteredAt - entries[i].EnteredAt).TotalDays);
                }
            }
        }

        var parts = report.Funnel
            .Where(s => spans.ContainsKey(s.Id.Value))
            .Select(s => $"{s.Name} {PipelineFormat.Days(PipelineAnalytics.Median(spans[s.Id.Value]))} ({spans[s.Id.Value].Count})")
            .ToList();
        return parts.Count == 0 ? "no deal left a stage in the window" : "median time in stage (deals that left it) " + string.Join(", ", parts);
    }

    /// <summary>
    /// From entering the hand-off stage (the last marketing-owned stage before the first sales-owned one) to entering the
    /// first sales-owned stage, median over the deals that did both in the window.
    /// </summary>
    private static string HandOff(ProcessMap map, PipelineData data, AnalysisWindow window)
    {
        var path = MapPicture.NextChain(map);
        var firstSales = path.FindIndex(s => s.Owner == "sales");
        if (firstSales <= 0)
        {
            return "the map has no marketing stage before its first sales stage, so there is no hand-off to time";
        }

        var handOff = path[firstSales - 1];
        var sales = path[firstSales];
        var days = new List<double>();
        foreach (var deal in data.History.GroupBy(h => h.DealId))
        {
            var left = deal.Where(h => h.StageId == handOff.Id.Value).Select(h => (DateTimeOffset?)h.EnteredAt).Min();
            var touched = deal.Where(h => h.StageId == sales.Id.Value && (left is null || h.EnteredAt >= left)).Select(h => (DateTimeOffset?)h.EnteredAt).Min();
            if (left is { } l && touched is { } t && window.Contains(t))
            {
                days.Add((t - l).TotalDays);
            }
        }

        return days.Count == 0
            ? $"no deal went from {handOff.Name} to {sales.Name} in the window"
            : $"median {PipelineFormat.Days(PipelineAnalytics.Median(days))} from {handOff.Name} to {sales.Name} ({PipelineFormat.Deals(days.Count)})";
    }

    private static string Name(ProcessMap map, Domain.StageId id) => map.FindStage(id)?.Name ?? id.Value;
}
