using SalesCoachBot.Core.ProcessMaps;

namespace SalesCoachBot.Core.Pipeline;

/// <summary>How many deals one stage must hold for the target, and how many it holds now.</summary>
internal sealed record StageNeed(Stage Stage, double? ToWonRate, int? Needed, int Have);

/// <summary>What it takes to reach a target, and the assumptions it rests on.</summary>
internal sealed record ReverseFunnelPlan(
    decimal Target,
    string Currency,
    decimal WonSoFar,
    decimal Remaining,
    decimal MedianWonDeal,
    int WonDealsObserved,
    int DealsToWin,
    IReadOnlyList<StageNeed> Stages,
    double ExpectedWinsFromPipeline,
    int? NewTopOfFunnel,
    double DaysRemaining)
{
    public const double DaysPerMonth = 365.2425 / 12;

    public double MonthsRemaining => DaysRemaining / DaysPerMonth;

    /// <summary>New deals entering <see cref="TopStage"/> per month; null when no stage's rate is known.</summary>
    public double? NewPerMonth => NewTopOfFunnel is { } n && MonthsRemaining > 0 ? n / Math.Max(MonthsRemaining, 1) : null;

    public bool TooThin => WonDealsObserved < PipelineAnalytics.MinWonDealsToTrust;

    /// <summary>Where new deals enter: the first stage with observed conversion to won.</summary>
    public Stage? TopStage { get; init; }
}

/// <summary>
/// Reverse funnel arithmetic: deals to win = remaining target ÷ median won deal size; each stage must hold
/// deals to win ÷ (its observed stage-to-won rate). Wins expected from today's open deals (held × rate) are
/// subtracted before working out how many new deals must enter the top of the funnel.
/// </summary>
internal static class ReverseFunnel
{
    public static ReverseFunnelPlan Plan(
        decimal target,
        string currency,
        decimal wonSoFar,
        decimal medianWonDeal,
        int wonDealsObserved,
        IReadOnlyList<Stage> funnel,
        IReadOnlyList<StageConversion> conversions,
        IReadOnlyDictionary<string, int> openByStage,
        double daysRemaining)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(medianWonDeal);
        var remaining = Math.Max(0, target - wonSoFar);
        var dealsToWin = (int)Math.Ceiling(remaining / medianWonDeal);

        // The won stage itself needs no deals "held": reaching it is the win.
        var stages = new List<StageNeed>();
        var expected = 0.0;
        for (var i = 0; i < funnel.Count - 1; i++)
        {
            var rate = PipelineAnalytics.ToWonRate(conversions, i);
            var have = openByStage.GetValueOrDefault(funnel[i].Id.Value);
            int? needed = rate is > 0 ? CeilingOf(dealsToWin / rate.Value) : null;
            expected += have * (rate ?? 0);
            stages.Add(new StageNeed(funnel[i], rate, needed, have));
        }

        // New deals enter at the first stage with observed conversion: a team that never records its marketing
        // stages starts its funnel where its history starts.
        int? newTop = null;
        var top = stages.FirstOrDefault(s => s.ToWonRate is > 0);
        if (top?.ToWonRate is { } topRate)
        {
            newTop = CeilingOf(Math.Max(0, dealsToWin - expected) / topRate);
        }

        return new ReverseFunnelPlan(
            target, currency, wonSoFar, remaining, medianWonDeal, wonDealsObserved, dealsToWin, stages, expected, newTop, Math.Max(0, daysRemaining))
        {
            TopStage = top?.Stage,
        };
    }

    // Rates are ratios of small counts, so 10 / 0.5 may come out as 20.000000000004; that is 20 deals, not 21.
    internal static int CeilingOf(double value) => (int)Math.Min(int.MaxValue, Math.Ceiling(value - 1e-9));
}
