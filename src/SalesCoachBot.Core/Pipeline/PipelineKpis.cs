using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Pipeline;

/// <summary>The map's <c>kpis:</c>, each computed from the pipeline facts when its words name a measure the data has.</summary>
internal sealed record KpiFigures(IReadOnlyList<string> Computed, IReadOnlyList<string> NotComputed);

/// <summary>
/// Reads each KPI a map lists (free text, in any of its languages) for the measure it names — cycle length, time in stage, conversion, hand-off to
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
        var window = report.WindowInSentence(say);
        string Name(Domain.StageId id) => map.FindStage(id) is { } stage ? MapWording.Name(stage, say.Language) : id.Value;
        foreach (var kpi in map.Kpis.Where(k => !string.IsNullOrWhiteSpace(k.Default)))
        {
            // The measure is recognised in any language the KPI is written in; it is shown in the reply's.
            var words = Words(kpi);
            var shown = kpi.For(say.Language.Code).Trim();
            var values = new List<string>();
            if (Mentions(words, "churn", "retention", "الاحتفاظ", "التسرب", "تسرب"))
            {
                missing.Add(shown);
                continue;
            }

            if (Mentions(words, "cycle", "دورة"))
            {
                values.Add(Cycle(report, Name(map.Start), Name(map.Won), window, say));
            }

            // "per stage" qualifies the measure it is written with: "stalled deals per stage" is the stalled count of each
            // stage and "stage-to-stage conversion" each step's rate; only with neither is it the time spent in each stage.
            var stalled = Mentions(words, "stalled", "المتعثرة", "متعثرة", "التعثر");
            var conversion = Mentions(words, "conversion", "التحويل");
            var perStage = Mentions(words, "per stage", "each stage", "every stage", "by stage", "لكل مرحلة", "كل مرحلة", "في المرحلة", "حسب المرحلة");
            if (Mentions(words, "time in stage", "days in stage") || (perStage && !stalled && !conversion))
            {
                values.Add(TimeInStage(report, data, say));
            }

            if (Mentions(words, "hand-off", "handoff", "mql", "first sales", "التسليم", "أول تواصل"))
            {
                values.Add(HandOff(map, report, data, say));
            }

            if (conversion)
            {
                values.Add(Conversion(report, say));
            }

            if (stalled)
            {
                values.Add(perStage ? StalledPerStage(report, say)
                    : say.Count(Phrases.Area.Pipeline, "Kpi.Stalled", report.Stalled, PipelineFormat.Deals(report.OpenDeals, say)));
            }

            if (Mentions(words, "win", "loss", "lost", "الفوز", "الربح", "الخسارة"))
            {
                var wl = report.WinLoss;
                values.Add(wl.Won + wl.Lost == 0
                    ? say.Pipeline("Kpi.WinLoss.None", window)
                    : say.Pipeline("Kpi.WinLoss", PipelineFormat.Percent(wl.WinRate, say), PipelineFormat.WonCount(wl.Won, say), PipelineFormat.LostCount(wl.Lost, say)) +
                      (wl.TopLostReasons.Count > 0
                          ? say.Pipeline("Kpi.LostTo", string.Join(say.Nudges("ListSeparator"),
                              wl.TopLostReasons.Select(r => say.Pipeline("Outcome.Reason", PipelineFormat.LostReason(r.Reason, say, map), PipelineFormat.Deals(r.Count, say)))))
                          : string.Empty));
            }

            if (values.Count == 0)
            {
                missing.Add(shown);
                continue;
            }

            computed.Add(say.Pipeline("Kpi.Line", shown, string.Join(say.Pipeline("Separator.Strong"), values)));
        }

        return new KpiFigures(computed, missing);
    }

    /// <summary>
    /// The median cycle, named from the map's start stage only when every cycle was measured from it: a deal that never
    /// entered it (most teams start at sales engagement) is counted from its first recorded stage, and saying "from Brand
    /// awareness" then would be untrue. None from it says no deal entered it; some from it says how many.
    /// </summary>
    private static string Cycle(PipelineReport report, string start, string won, string window, Phrases say)
    {
        if (report.MedianCycleDays is not { } cycle)
        {
            return say.Pipeline("Kpi.Cycle.None", won, window);
        }

        var days = PipelineFormat.Days(cycle, say);
        var deals = PipelineFormat.CycleDeals(report.Cycles.Count, say);
        var fromStart = report.Cycles.Count(c => c.FromStart);
        return fromStart == report.Cycles.Count ? say.Pipeline("Kpi.Cycle", days, start, won, deals)
            : fromStart == 0 ? say.Pipeline("Kpi.Cycle.NoStart", days, start, won, deals, window)
            : say.Pipeline("Kpi.Cycle.SomeFromStart", days, start, won, deals, PipelineFormat.Plain(fromStart, say));
    }

    /// <summary>Every language's text of a KPI, lower case, Arabic spelling folded as the recogniser folds it.</summary>
    private static string Words(LocalizedText kpi) =>
        string.Join(" | ", kpi.Languages.Select(l => ArabicText.Normalize(kpi.For(l).ToLowerInvariant())));

    private static bool Mentions(string words, params ReadOnlySpan<string> measures)
    {
        foreach (var measure in measures)
        {
            if (words.Contains(ArabicText.Normalize(measure), StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The stage-to-stage rates summed up: how many steps deals entered in the window, the weakest of them, and the rate from
    /// the first stage deals entered to won (the product of the steps from there, when each was measured). A map's start
    /// that no deal entered (most teams start at sales engagement) does not blank the figure: each step is in the
    /// Conversion section.
    /// </summary>
    private static string Conversion(PipelineReport report, Phrases say) =>
        report.Conversions.Any(c => c.Entered > 0) ? ConversionSummary(report, say) + say.Pipeline("Kpi.Conversion.Where") : ConversionSummary(report, say);

    /// <summary>The summary of <see cref="Conversion"/> without its pointer to the section: a pipeline question's first line.</summary>
    internal static string ConversionSummary(PipelineReport report, Phrases say)
    {
        var measured = report.Conversions.Where(c => c.Entered > 0).ToList();
        if (measured.Count == 0)
        {
            var won = report.Funnel.Count > 0 ? MapWording.Name(report.Funnel[^1], say.Language) : say.Pipeline("Outcome.Won");
            return say.Pipeline("Kpi.Conversion.None", won, report.WindowInSentence(say));
        }

        // The lowest rate; of equal rates the one measured over more deals, then the earlier step.
        var weakest = measured.OrderBy(c => c.Rate).ThenByDescending(c => c.Entered).First();
        var first = report.Conversions.ToList().FindIndex(c => c.Entered > 0);
        var overall = PipelineAnalytics.ToWonRate(report.Conversions, first) is { } rate
            ? say.Pipeline("Kpi.Conversion.Overall", MapWording.Name(report.Conversions[first].From, say.Language), MapWording.Name(report.Funnel[^1], say.Language),
                PipelineFormat.Percent(rate, say))
            : string.Empty;
        // Joined, not nested: a clause passed as an argument would be isolated as one run in Arabic.
        return say.Count(Phrases.Area.Pipeline, "Kpi.Conversion.Steps", measured.Count, MapWording.Name(weakest.From, say.Language),
            MapWording.Name(weakest.To, say.Language), PipelineFormat.Rate(weakest.Converted, weakest.Entered, say)) + overall;
    }

    /// <summary>The stalled deals of each stage that has any, with the total over the open deals; "none" when no deal is stalled.</summary>
    private static string StalledPerStage(PipelineReport report, Phrases say)
    {
        var open = PipelineFormat.DealsOrNone(report.OpenDeals, say);
        if (report.Stalled == 0)
        {
            return say.Pipeline("Kpi.StalledPerStage.None", open);
        }

        var stages = report.Stages.Where(s => s.Stalled > 0)
            .Select(s => say.Pipeline("Kpi.StalledPerStage.Stage", MapWording.Name(s.Stage, say.Language), PipelineFormat.Plain(s.Stalled, say)));
        return say.Count(Phrases.Area.Pipeline, "Kpi.StalledPerStage", report.Stalled, open, string.Join(say.Nudges("ListSeparator"), stages));
    }

    /// <summary>Median days deals spent in each funnel stage before won, to their next recorded stage, for stages left in the window.</summary>
    private static string TimeInStage(PipelineReport report, PipelineData data, Phrases say)
    {
        var spans = StageSpans(report, data);
        var parts = report.Funnel
            .Select((s, i) => (Stage: s, Spans: spans[i]))
            .Where(s => s.Spans is not null)
            .Select(s => say.Count(Phrases.Area.Pipeline, "Kpi.TimeInStage.Stage", s.Spans!.Count, MapWording.Name(s.Stage, say.Language),
                PipelineFormat.Days(MedianInPlace(s.Spans!), say)))
            .ToList();
        return parts.Count == 0 ? say.Pipeline("Kpi.TimeInStage.None") : say.Pipeline("Kpi.TimeInStage", string.Join(say.Nudges("ListSeparator"), parts));
    }

    /// <summary>The median of a list this class made, sorted in place (no copy of ~20,000 values per stage).</summary>
    private static double? MedianInPlace(List<double> values)
    {
        values.Sort();
        return PipelineAnalytics.MedianOfSorted(values);
    }

    /// <summary>
    /// Per funnel stage (by index; null when none): the days each deal spent in it before its next recorded stage, when
    /// that next entry is in the window. None in the won stage: a deal there is won, its sales cycle over, whether a chat
    /// or a CRM recorded the win as an entry there or an import as a close. One walk over the report's history index (each
    /// deal's entries in time order, ties in arrival order), not a GroupBy and a sort per deal: at 50,000 deals that was
    /// most of the answer's CPU.
    /// </summary>
    internal static List<double>?[] StageSpans(PipelineReport report, PipelineData data)
    {
        var history = report.HistoryIndex ?? PipelineHistoryIndex.Build(data.History);
        var index = PipelineAnalytics.FunnelIndex(report.Funnel);
        var won = report.Map is { } map && report.Funnel.Count > 0 && report.Funnel[^1].Id == map.Won ? report.Funnel.Count - 1 : -1;
        // Two walks: count, then fill lists of exactly that size (growing lists of ~160,000 spans left megabytes of
        // large-object garbage per answer, and with it a full collection).
        var counts = new int[report.Funnel.Count];
        var spans = new List<double>?[report.Funnel.Count];
        var buffer = new List<StageEntryFact>();
        for (var pass = 0; pass < 2; pass++)
        {
            for (var run = 0; run < history.RunCount; run++)
            {
                var (entries, from, to) = history.InTimeOrder(history.Run(run), buffer);
                for (var i = from; i + 1 < to; i++)
                {
                    // From a close (in place or one that moved the deal) to the next row (a reopen) the deal was closed: no
                    // time in a stage.
                    if (!entries[i].Closes && report.Window.Contains(entries[i + 1].EnteredAt) && index.TryGetValue(entries[i].StageId, out var stage)
                        && stage != won)
                    {
                        if (pass == 0)
                        {
                            counts[stage]++;
                        }
                        else
                        {
                            (spans[stage] ??= new List<double>(counts[stage])).Add((entries[i + 1].EnteredAt - entries[i].EnteredAt).TotalDays);
                        }
                    }
                }
            }
        }

        return spans;
    }

    /// <summary>
    /// From entering the hand-off stage (the last marketing-owned stage before the first sales-owned one) to entering the
    /// first sales-owned stage, median over the deals that did both in the window.
    /// </summary>
    private static string HandOff(ProcessMap map, PipelineReport report, PipelineData data, Phrases say)
    {
        if (HandOffDays(map, report, data) is not { } found)
        {
            return say.Pipeline("Kpi.HandOff.NoMarketing");
        }

        var (handOff, sales, days) = found;
        var from = MapWording.Name(handOff, say.Language);
        var to = MapWording.Name(sales, say.Language);
        return days.Count == 0
            ? say.Pipeline("Kpi.HandOff.None", from, to)
            : say.Pipeline("Kpi.HandOff", PipelineFormat.Days(PipelineAnalytics.Median(days), say), from, to, PipelineFormat.Deals(days.Count, say));
    }

    /// <summary>
    /// The hand-off stage, the first sales-owned stage, and per deal that entered both with the sales entry in the window,
    /// the days between (the first hand-off entry, then the first sales entry at or after it); null when the map has no
    /// marketing stage before sales.
    /// </summary>
    internal static (Stage HandOff, Stage Sales, List<double> Days)? HandOffDays(ProcessMap map, PipelineReport report, PipelineData data)
    {
        var path = MapPicture.NextChain(map);
        var firstSales = path.FindIndex(s => s.Owner == "sales");
        if (firstSales <= 0)
        {
            return null;
        }

        var handOff = path[firstSales - 1];
        var sales = path[firstSales];
        var days = new List<double>();
        var history = report.HistoryIndex ?? PipelineHistoryIndex.Build(data.History);
        var entries = history.Entries;
        for (var run = 0; run < history.RunCount; run++)
        {
            var (start, end) = history.Run(run);
            DateTimeOffset? left = null;
            for (var k = start; k < end; k++)
            {
                if (entries[k].EntersStage && (left is null || entries[k].EnteredAt < left) && handOff.Covers(entries[k].StageId))
                {
                    left = entries[k].EnteredAt;
                }
            }

            if (left is not { } l)
            {
                continue;
            }

            DateTimeOffset? touched = null;
            for (var k = start; k < end; k++)
            {
                if (entries[k].EntersStage && entries[k].EnteredAt >= l && (touched is null || entries[k].EnteredAt < touched) && sales.Covers(entries[k].StageId))
                {
                    touched = entries[k].EnteredAt;
                }
            }

            if (touched is { } t && report.Window.Contains(t))
            {
                days.Add((t - l).TotalDays);
            }
        }

        return (handOff, sales, days);
    }
}
