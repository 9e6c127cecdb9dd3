using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.ProcessMaps;

namespace SalesCoachBot.Core.Pipeline;

/// <summary>The map's <c>kpis:</c>, each computed from the pipeline facts when its words name a measure the data has.</summary>
internal sealed record KpiFigures(IReadOnlyList<string> Computed, IReadOnlyList<string> NotComputed);

/// <summary>
/// Reads each KPI a map lists (free text) for the measure it names — cycle length, time in stage, conversion, hand-off to
/// first sales touch, stalled, win/loss — and says its value over the report's window. KPIs the data cannot answer
/// (churn, retention, revenue of customers) are listed once as not computed, so a map's list is never silently dropped.
/// The KPI's own words are the map's; what is said about them is in the reply's language.
/// </summary>
internal static class PipelineKpis
{
    public static KpiFigures Compute(ProcessMap map, PipelineReport report, PipelineData data, Phrases? say = null)
    {
        say ??= Phrases.English;
        var computed = new List<string>();
        var missing = new List<string>();
        var window = PipelineFormat.Window(report.WindowDays, say);
        string Name(Domain.StageId id) => map.FindStage(id) is { } stage ? MapWording.Name(stage, say.Language) : id.Value;
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
                    ? say.Pipeline("Kpi.Cycle", PipelineFormat.Days(cycle, say), Name(map.Start), Name(map.Won), PipelineFormat.Deals(report.Cycles.Count, say))
                    : say.Pipeline("Kpi.Cycle.None", Name(map.Won), window));
            }

            if (words.Contains("per stage", StringComparison.Ordinal) || words.Contains("time in stage", StringComparison.Ordinal))
            {
                values.Add(TimeInStage(report, data, say));
            }

            if (words.Contains("hand-off", StringComparison.Ordinal) || words.Contains("handoff", StringComparison.Ordinal)
                || words.Contains("mql", StringComparison.Ordinal) || words.Contains("first sales", StringComparison.Ordinal))
            {
                values.Add(HandOff(map, data, report.Window, say));
            }

            if (words.Contains("conversion", StringComparison.Ordinal))
            {
                values.Add(StartToWon(report, say));
            }

            if (words.Contains("stalled", StringComparison.Ordinal))
            {
                values.Add(say.Pipeline("Kpi.Stalled", PipelineFormat.Plain(report.Stalled, say), PipelineFormat.Deals(report.OpenDeals, say)));
            }

            if (words.Contains("win", StringComparison.Ordinal) || words.Contains("loss", StringComparison.Ordinal) || words.Contains("lost", StringComparison.Ordinal))
            {
                var wl = report.WinLoss;
                values.Add(wl.Won + wl.Lost == 0
                    ? say.Pipeline("Kpi.WinLoss.None", window)
                    : say.Pipeline("Kpi.WinLoss", PipelineFormat.Percent(wl.WinRate, say), PipelineFormat.Plain(wl.Won, say), PipelineFormat.Plain(wl.Lost, say)) +
                      (wl.TopLostReasons.Count > 0
                          ? say.Pipeline("Kpi.LostTo", string.Join(say.Nudges("ListSeparator"),
                              wl.TopLostReasons.Select(r => say.Pipeline("Outcome.Reason", PipelineFormat.LostReason(r.Reason, say), PipelineFormat.Plain(r.Count, say)))))
                          : string.Empty));
            }

            if (values.Count == 0)
            {
                missing.Add(kpi.Trim());
                continue;
            }

            computed.Add(say.Pipeline("Kpi.Line", kpi.Trim(), string.Join(say.Pipeline("Separator.Strong"), values)));
        }

        return new KpiFigures(computed, missing);
    }

    /// <summary>Deals that entered start in the window and reached won, of all that entered start: the whole funnel's conversion.</summary>
    private static string StartToWon(PipelineReport report, Phrases say)
    {
        if (report.Conversions.Count == 0 || report.Conversions[0].Entered == 0)
        {
            return say.Pipeline("Kpi.Conversion.None",
                report.Funnel.Count > 0 ? MapWording.Name(report.Funnel[0], say.Language) : say.Pipeline("Kpi.Conversion.FirstStage"), PipelineFormat.Window(report.WindowDays, say));
        }

        var rate = PipelineAnalytics.ToWonRate(report.Conversions, 0);
        return say.Pipeline("Kpi.Conversion", PipelineFormat.Percent(rate, say), MapWording.Name(report.Funnel[0], say.Language), MapWording.Name(report.Funnel[^1], say.Language));
    }

    /// <summary>Median days deals spent in each funnel stage before their next recorded stage, for stages left in the window.</summary>
    private static string TimeInStage(PipelineReport report, PipelineData data, Phrases say)
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
            .Select(s => say.Pipeline("Kpi.TimeInStage.Stage", MapWording.Name(s, say.Language), PipelineFormat.Days(PipelineAnalytics.Median(spans[s.Id.Value]), say),
                PipelineFormat.Plain(spans[s.Id.Value].Count, say)))
            .ToList();
        return parts.Count == 0 ? say.Pipeline("Kpi.TimeInStage.None") : say.Pipeline("Kpi.TimeInStage", string.Join(say.Nudges("ListSeparator"), parts));
    }

    /// <summary>
    /// From entering the hand-off stage (the last marketing-owned stage before the first sales-owned one) to entering the
    /// first sales-owned stage, median over the deals that did both in the window.
    /// </summary>
    private static string HandOff(ProcessMap map, PipelineData data, AnalysisWindow window, Phrases say)
    {
        var path = MapPicture.NextChain(map);
        var firstSales = path.FindIndex(s => s.Owner == "sales");
        if (firstSales <= 0)
        {
            return say.Pipeline("Kpi.HandOff.NoMarketing");
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

        var from = MapWording.Name(handOff, say.Language);
        var to = MapWording.Name(sales, say.Language);
        return days.Count == 0
            ? say.Pipeline("Kpi.HandOff.None", from, to)
            : say.Pipeline("Kpi.HandOff", PipelineFormat.Days(PipelineAnalytics.Median(days), say), from, to, PipelineFormat.Deals(days.Count, say));
    }
}
