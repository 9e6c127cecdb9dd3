using SalesCoachBot.Core.ProcessMaps;

namespace SalesCoachBot.Core.Pipeline;

public enum WeightingBasis
{
    /// <summary>Weight = the observed chance that a deal in the stage is won (enough won deals in the window).</summary>
    ObservedConversion,

    /// <summary>Weight = the stage's place on the way to won (too little history to observe).</summary>
    StagePosition,
}

/// <summary>Everything a "pipeline" answer says, computed from one read of the store.</summary>
public sealed record PipelineReport(
    AnalysisWindow Window,
    int WindowDays,
    IReadOnlyList<Stage> Funnel,
    IReadOnlyList<StageSnapshot> Stages,
    WeightingBasis Weighting,
    IReadOnlyList<StageConversion> Conversions,
    IReadOnlyList<WonCycle> Cycles,
    WinLoss WinLoss,
    IReadOnlyList<WeekChange> WeekOverWeek,
    FastDealsFinding? FastDeals)
{
    public int OpenDeals => Stages.Sum(s => s.OpenDeals);

    public int Stalled => Stages.Sum(s => s.Stalled);

    public IReadOnlyList<CurrencyAmount> OpenTotal => Combine(Stages.SelectMany(s => s.Total));

    public IReadOnlyList<CurrencyAmount> WeightedTotal => Combine(Stages.SelectMany(s => s.Weighted));

    public double? MedianCycleDays => PipelineAnalytics.Median(Cycles.Select(c => c.Days));

    /// <summary>The history the report was built from, grouped by deal, so the KPIs walk it without grouping it again.</summary>
    internal PipelineHistoryIndex? HistoryIndex { get; init; }

    /// <summary>The map the report was built against, so its words (lost reasons) are shown in the reply's language.</summary>
    internal ProcessMap? Map { get; init; }

    /// <summary>The calendar period <see cref="Window"/> is, when one was asked for ("this month"); null for a trailing window.</summary>
    public CalendarWindow? Calendar { get; init; }

    /// <summary>The history window as a reply names it: "the last 30 days", "December so far", "Q3 2026".</summary>
    public string WindowText(Localization.Phrases say) => Calendar?.Label(say) ?? PipelineFormat.Window(WindowDays, say);

    /// <summary>The history window in a header after " · " ("this week, since Mon 30 Nov"): no brackets to nest.</summary>
    public string WindowHeading(Localization.Phrases say) => Calendar?.Heading(say) ?? PipelineFormat.Window(WindowDays, say);

    /// <summary>The history window inside a sentence ("No deals won or lost in …"): a week is "the week of Mon 23 – Sun 29 Nov".</summary>
    public string WindowInSentence(Localization.Phrases say) => Calendar?.InSentence(say) ?? PipelineFormat.Window(WindowDays, say);

    private static IReadOnlyList<CurrencyAmount> Combine(IEnumerable<CurrencyAmount> amounts) =>
        PipelineAnalytics.SumByCurrency(amounts.Select(a => ((string?)a.Currency, (decimal?)a.Amount)));

    /// <summary>Builds the report over the last <paramref name="windowDays"/> days.</summary>
    public static PipelineReport Build(ProcessMap map, PipelineData data, int windowDays, DateTimeOffset now, Func<long, int> idleAfterDays) =>
        Build(map, data, AnalysisWindow.LastDays(windowDays, now), windowDays, now, idleAfterDays);

    /// <summary>Builds the report over a calendar period resolved in the team's zone (<see cref="CalendarPeriod.Resolve"/>).</summary>
    public static PipelineReport Build(ProcessMap map, PipelineData data, CalendarWindow calendar, DateTimeOffset now, Func<long, int> idleAfterDays) =>
        Build(map, data, calendar.Window, (int)Math.Ceiling((calendar.Window.To - calendar.Window.From).TotalDays), now, idleAfterDays) with { Calendar = calendar };

    /// <summary>
    /// Builds the report. Stages shown: the funnel before won, then any other stage holding open deals (now). Conversion,
    /// win rate, cycle time and the KPIs count what happened in <paramref name="window"/>; the week-over-week figures are
    /// its last 7 days against the 7 before (the last 7 days up to now for a window that ends now).
    /// </summary>
    private static PipelineReport Build(ProcessMap map, PipelineData data, AnalysisWindow window, int windowDays, DateTimeOffset now, Func<long, int> idleAfterDays)
    {
        var funnel = PipelineAnalytics.Funnel(map);
        if (PipelineAnalytics.InMapStages(map, data.History) is var resolved && !ReferenceEquals(resolved, data.History))
        {
            data = data with { History = resolved }; // a close and a reopen across a rename: in place
        }

        var history = PipelineHistoryIndex.Build(data.History);
        var conversions = PipelineAnalytics.Conversions(funnel, history, window);
        var winLoss = PipelineAnalytics.WinLoss(data.ClosedDeals, window);
        var index = PipelineAnalytics.FunnelIndex(funnel);
        var beforeWon = funnel.Take(Math.Max(0, funnel.Count - 1)).ToList();

        var observed = winLoss.Won >= PipelineAnalytics.MinWonDealsToTrust
            && beforeWon.Select((_, i) => PipelineAnalytics.ToWonRate(conversions, i)).All(r => r is not null);
        double Weight(Stage stage)
        {
            if (!index.TryGetValue(stage.Id.Value, out var i))
            {
                return 0; // off the path to won: no weight
            }

            return observed ? PipelineAnalytics.ToWonRate(conversions, i) ?? 0 : PipelineAnalytics.PositionWeight(i, funnel.Count);
        }

        var holding = data.OpenDeals.Select(d => d.StageId).ToHashSet(StringComparer.Ordinal);
        var shown = beforeWon
            .Concat(map.OrderedStages().Where(s => !beforeWon.Contains(s) && holding.Contains(s.Id.Value)))
            .ToList();

        var cycles = PipelineAnalytics.WonCycles(map, data.ClosedDeals, history, window);
        return new PipelineReport(
            window,
            windowDays,
            funnel,
            PipelineAnalytics.Snapshot(shown, data.OpenDeals, Weight, idleAfterDays, now),
            observed ? WeightingBasis.ObservedConversion : WeightingBasis.StagePosition,
            conversions,
            cycles,
            winLoss,
            PipelineAnalytics.WeekOverWeek(beforeWon, data.History, window.To),
            FastDealsAnalysis.Analyze(map, cycles, history, data.WonConfirmations))
        {
            HistoryIndex = history,
            Map = map,
        };
    }
}
