using SalesCoachBot.Core.Dates;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Pipeline;

/// <summary>The calendar unit a pipeline period is counted in.</summary>
public enum CalendarUnit
{
    Month,
    Quarter,
    Year,
}

/// <summary>
/// A calendar period a pipeline is asked for, in the team's time zone: "this month" is the month so far (from its 1st to
/// now), "last month" the whole previous month; quarters and years alike. Trailing windows ("last 30 days", "past month",
/// "last 2 weeks") are not calendar periods: they stay a number of days (<see cref="Understanding.PipelineCommand.WindowDays"/>).
/// </summary>
public sealed record CalendarPeriod(CalendarUnit Unit, bool Previous)
{
    /// <summary>"this-month", "last-quarter": how a card's Details button carries the period back.</summary>
    public string Code => (Previous ? "last-" : "this-") + Unit switch
    {
        CalendarUnit.Month => "month",
        CalendarUnit.Quarter => "quarter",
        _ => "year",
    };

    /// <summary>The period a <see cref="Code"/> names; null for anything else.</summary>
    public static CalendarPeriod? FromCode(string? code) => code switch
    {
        "this-month" => new(CalendarUnit.Month, false),
        "last-month" => new(CalendarUnit.Month, true),
        "this-quarter" => new(CalendarUnit.Quarter, false),
        "last-quarter" => new(CalendarUnit.Quarter, true),
        "this-year" => new(CalendarUnit.Year, false),
        "last-year" => new(CalendarUnit.Year, true),
        _ => null,
    };

    /// <summary>
    /// The period's days in <paramref name="zone"/> and the instants they span: from the start of its first local day to
    /// <paramref name="now"/> (this period, so far) or to the start of the next period's first day (the previous period, whole).
    /// </summary>
    public CalendarWindow Resolve(DateTimeOffset now, TimeZoneInfo zone)
    {
        var today = ZonedDay.Of(now, zone);
        var months = Unit switch
        {
            CalendarUnit.Month => 1,
            CalendarUnit.Quarter => 3,
            _ => 12,
        };
        var start = new DateOnly(today.Year, Unit == CalendarUnit.Year ? 1 : (((today.Month - 1) / months) * months) + 1, 1);
        if (Previous)
        {
            start = start.AddMonths(-months);
        }

        var end = start.AddMonths(months);
        var from = SnoozeDates.StartOfDay(start, zone);
        var to = Previous ? SnoozeDates.StartOfDay(end, zone) : now;
        return new CalendarWindow(this, start, end, new AnalysisWindow(from, to));
    }
}

/// <summary>A <see cref="CalendarPeriod"/> resolved in a team's zone: local days [<see cref="Start"/>, <see cref="End"/>) and the instants of <see cref="Window"/>.</summary>
public sealed record CalendarWindow(CalendarPeriod Period, DateOnly Start, DateOnly End, AnalysisWindow Window)
{
    /// <summary>
    /// The period as a reply names it: "December so far", "Q4 2026 so far", "2026 so far" for this one; "November 2026",
    /// "Q3 2026", "2025" for the previous one (Arabic «ديسمبر حتى الآن», «نوفمبر 2026»).
    /// </summary>
    public string Label(Phrases say)
    {
        var name = Period.Unit switch
        {
            CalendarUnit.Month when Period.Previous => say.Language.MonthYear(Start),
            CalendarUnit.Month => Start.ToString("MMMM", say.Language.Culture),
            CalendarUnit.Quarter => TargetPeriods.QuarterName(Start, say),
            _ => PipelineFormat.Plain(Start.Year, say),
        };
        return Period.Previous ? name : say.Pipeline("Window.SoFar", name);
    }
}
