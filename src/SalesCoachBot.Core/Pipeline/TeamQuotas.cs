using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Localization;

namespace SalesCoachBot.Core.Pipeline;

/// <summary>A team's stored quota read against the calendar: the period it runs in now, in the team's local dates.</summary>
internal static class TeamQuotas
{
    /// <summary>The current quarter, month or year holding <paramref name="today"/> (the team's local day).</summary>
    public static TargetPeriod CurrentPeriod(QuotaPeriod kind, DateOnly today, Phrases say) =>
        ((PeriodParse.Parsed)TargetPeriods.Parse(kind switch
        {
            QuotaPeriod.Month => Canonical.Command("this month"),
            QuotaPeriod.Year => Canonical.Command("this year"),
            _ => Canonical.Command("this quarter"),
        }, today, say)).Period;

    /// <summary>"Q4 2026", "December 2026", "2026": the period's own name, which the progress answer repeats per team.</summary>
    public static string PeriodName(QuotaPeriod kind, TargetPeriod period, Phrases say) => kind switch
    {
        QuotaPeriod.Month => say.Language.MonthYear(period.Start),
        QuotaPeriod.Year => PipelineFormat.Plain(period.Start.Year, say),
        _ => period.QuarterName(say),
    };

    /// <summary>"500,000 EUR a quarter" / «500,000 EUR لكل ربع سنة»: the quota as stored.</summary>
    public static string Describe(SalesTeam team, Phrases say) =>
        say.Pipeline("Quota.Per." + team.QuotaPeriod, say.Language.Money(team.QuotaAmount ?? 0, team.QuotaCurrency));
}
