using System.Globalization;
using System.Text.RegularExpressions;
using SalesCoachBot.Core.Dates;
using SalesCoachBot.Core.Localization;

namespace SalesCoachBot.Core.Pipeline;

/// <summary>The calendar unit a pipeline period is counted in.</summary>
public enum CalendarUnit
{
    Month,
    Quarter,
    Year,

    /// <summary>A week from the team's first workday (Monday, or Sunday for a Sunday–Thursday team): "this week", "last week".</summary>
    Week,
}

/// <summary>
/// A calendar period a pipeline is asked for, in the team's time zone: "this month" is the month so far (from its 1st to
/// now), "last month" the whole previous month; quarters, years and weeks alike ("this week" from the team's first
/// workday to now, "last week" the whole week before). A named month ("November", "Nov 2025", «نوفمبر»)
/// is that month (<see cref="Named"/>), a named quarter ("Q3", "Q3 2025", «الربع الثالث») that quarter (<see cref="NamedQuarter"/>),
/// a year said alone ("won deals 2025") that year (<see cref="NamedYear"/>).
/// Trailing windows ("last 30 days", "past month", "past week", "last 2 weeks") are not calendar
/// periods: they stay a number of days (<see cref="Understanding.PipelineCommand.WindowDays"/>).
/// </summary>
public sealed partial record CalendarPeriod(CalendarUnit Unit, bool Previous)
{
    /// <summary>
    /// The month of the year (1–12) of a named month, the first month of a named quarter, or January of a named year; null for
    /// "this" or "last" periods.
    /// </summary>
    public int? Month { get; private init; }

    /// <summary>
    /// The year of a named month or quarter when it is said ("Nov 2025", "Q3 2025"); null means the most recent such month or
    /// quarter that has begun.
    /// </summary>
    public int? Year { get; private init; }

    /// <summary>
    /// The first day of a week pinned by a card's Details button ("week-2026-11-30"): that week whenever the button is
    /// pressed; null for "this week" and "last week", which are counted from today.
    /// </summary>
    public DateOnly? WeekOf { get; private init; }

    /// <summary>"next month", "next quarter", «السنة الجاية»: the period after this one, which has not begun (no history in it).</summary>
    public bool Ahead { get; init; }

    /// <summary>"November" (<paramref name="year"/> null: the latest November that has begun) or "November 2025".</summary>
    public static CalendarPeriod Named(int month, int? year = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(month, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(month, 12);
        if (year is { } y && !IsYear(y))
        {
            throw new ArgumentOutOfRangeException(nameof(year), year, "A named month's year is between 1900 and 2999.");
        }

        return new(CalendarUnit.Month, Previous: false) { Month = month, Year = year };
    }

    /// <summary>"Q3" (<paramref name="year"/> null: the latest third quarter that has begun) or "Q3 2025".</summary>
    public static CalendarPeriod NamedQuarter(int quarter, int? year = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quarter, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quarter, 4);
        if (year is { } y && !IsYear(y))
        {
            throw new ArgumentOutOfRangeException(nameof(year), year, "A named quarter's year is between 1900 and 2999.");
        }

        return new(CalendarUnit.Quarter, Previous: false) { Month = ((quarter - 1) * 3) + 1, Year = year };
    }

    /// <summary>"won deals 2025", "pipeline for 2024": the whole year (so far, when it is this one).</summary>
    public static CalendarPeriod NamedYear(int year)
    {
        if (!IsYear(year))
        {
            throw new ArgumentOutOfRangeException(nameof(year), year, "A named year is between 1900 and 2999.");
        }

        return new(CalendarUnit.Year, Previous: false) { Month = 1, Year = year };
    }

    /// <summary>"2025" after a month's name, or alone: four digits, 1900 to 2999 (a larger number is no year, and no date can hold it).</summary>
    public static bool TryYear(string text, out int year) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out year) && text.Length == 4 && IsYear(year);

    private static bool IsYear(int year) => year is >= 1900 and <= 2999;

    /// <summary>
    /// "this-month", "last-quarter", "this-week", "month-2026-11" (a named month; "month-11" when its year was not said), "quarter-2026-3"
    /// (a named quarter; "quarter-3"), "year-2025" (a named year): how a card's Details button carries the period back.
    /// </summary>
    public string Code => WeekOf is { } week
        ? string.Create(CultureInfo.InvariantCulture, $"week-{week:yyyy-MM-dd}")
        : Month is { } month
        ? NamedCode(month)
        : (Previous ? "last-" : Ahead ? "next-" : "this-") + Unit switch
        {
            CalendarUnit.Month => "month",
            CalendarUnit.Quarter => "quarter",
            CalendarUnit.Week => "week",
            _ => "year",
        };

    private string NamedCode(int month)
    {
        var year = Year is { } y ? string.Create(CultureInfo.InvariantCulture, $"{y:D4}-") : string.Empty;
        if (Unit == CalendarUnit.Year)
        {
            return string.Create(CultureInfo.InvariantCulture, $"year-{Year:D4}");
        }

        return Unit == CalendarUnit.Quarter
            ? string.Create(CultureInfo.InvariantCulture, $"quarter-{year}{(month + 2) / 3}")
            : string.Create(CultureInfo.InvariantCulture, $"month-{year}{month:D2}");
    }

    /// <summary>The period a <see cref="Code"/> names; null for anything else.</summary>
    public static CalendarPeriod? FromCode(string? code) => code switch
    {
        "this-month" => new(CalendarUnit.Month, false),
        "last-month" => new(CalendarUnit.Month, true),
        "this-quarter" => new(CalendarUnit.Quarter, false),
        "last-quarter" => new(CalendarUnit.Quarter, true),
        "this-year" => new(CalendarUnit.Year, false),
        "last-year" => new(CalendarUnit.Year, true),
        "this-week" => new(CalendarUnit.Week, false),
        "last-week" => new(CalendarUnit.Week, true),
        _ when code is not null && NamedCodeRegex().Match(code) is { Success: true } m
            && (!m.Groups["y"].Success || TryYear(m.Groups["y"].Value, out _)) => Named(
            int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture),
            m.Groups["y"].Success ? int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture) : null),
        _ when code is not null && NamedQuarterCodeRegex().Match(code) is { Success: true } q
            && (!q.Groups["y"].Success || TryYear(q.Groups["y"].Value, out _)) => NamedQuarter(
            int.Parse(q.Groups["q"].Value, CultureInfo.InvariantCulture),
            q.Groups["y"].Success ? int.Parse(q.Groups["y"].Value, CultureInfo.InvariantCulture) : null),
        _ when code is not null && NamedYearCodeRegex().Match(code) is { Success: true } n && TryYear(n.Groups["y"].Value, out var named) => NamedYear(named),
        _ when code is not null && WeekCodeRegex().Match(code) is { Success: true } w && TryYear(w.Groups["y"].Value, out _)
            && DateOnly.TryParseExact(code[5..], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var weekOf) =>
            new(CalendarUnit.Week, Previous: false) { WeekOf = weekOf },
        _ => null,
    };

    /// <summary>
    /// The period's days in <paramref name="zone"/> and the instants they span: from the start of its first local day to
    /// <paramref name="now"/> (a period under way, so far) or to the start of the next period's first day (a period that is
    /// over, whole). A named month that has not begun yet ("January 2027" in December 2026) resolves to its days but
    /// <see cref="CalendarWindow.HasBegun"/> is false: there is no history in it. A week starts on <paramref name="weekStart"/>
    /// (the team's <see cref="Domain.WorkWeek.First"/>).
    /// </summary>
    public CalendarWindow Resolve(DateTimeOffset now, TimeZoneInfo zone, DayOfWeek weekStart = DayOfWeek.Monday)
    {
        var today = ZonedDay.Of(now, zone);
        if (Unit == CalendarUnit.Week)
        {
            return ResolveWeek(now, today, zone, weekStart);
        }

        var months = Unit switch
        {
            CalendarUnit.Month => 1,
            CalendarUnit.Quarter => 3,
            _ => 12,
        };
        var start = new DateOnly(today.Year, Unit == CalendarUnit.Year ? 1 : (((today.Month - 1) / months) * months) + 1, 1);
        if (Month is { } month)
        {
            // Without a year, the latest such month (or quarter) that has begun: "November" asked in January is last year's.
            start = new DateOnly(Year ?? (month <= today.Month ? today.Year : today.Year - 1), month, 1);
        }
        else if (Previous)
        {
            start = start.AddMonths(-months);
        }
        else if (Ahead)
        {
            start = start.AddMonths(months);
        }

        var end = start.AddMonths(months);
        var whole = end <= today;
        var from = ZonedDay.StartOf(start, zone);
        var to = whole ? ZonedDay.StartOf(end, zone) : now;
        // A named month or quarter keeps its year once resolved, so a Details button pressed later shows the same month.
        var period = Month is not null ? this with { Year = start.Year } : this;
        return new CalendarWindow(period, start, end, new AnalysisWindow(from, to < from ? from : to), whole, HasBegun: start <= today);
    }

    /// <summary>The week holding <paramref name="today"/> so far, or the whole week before it: seven local days from <paramref name="weekStart"/>.</summary>
    private CalendarWindow ResolveWeek(DateTimeOffset now, DateOnly today, TimeZoneInfo zone, DayOfWeek weekStart)
    {
        var start = today.AddDays(-(((int)today.DayOfWeek - (int)weekStart + 7) % 7));
        if (WeekOf is { } pinned)
        {
            start = pinned;
        }
        else if (Previous)
        {
            start = start.AddDays(-7);
        }
        else if (Ahead)
        {
            start = start.AddDays(7);
        }

        var end = start.AddDays(7);
        var whole = end <= today;
        var from = ZonedDay.StartOf(start, zone);
        var to = whole ? ZonedDay.StartOf(end, zone) : now;
        return new CalendarWindow(this, start, end, new AnalysisWindow(from, to < from ? from : to), whole, HasBegun: start <= today);
    }

    [GeneratedRegex(@"^month-(?:(?<y>\d{4})-)?(?<m>0[1-9]|1[0-2])$", RegexOptions.CultureInvariant)]
    private static partial Regex NamedCodeRegex();

    [GeneratedRegex(@"^quarter-(?:(?<y>\d{4})-)?(?<q>[1-4])$", RegexOptions.CultureInvariant)]
    private static partial Regex NamedQuarterCodeRegex();

    [GeneratedRegex(@"^year-(?<y>\d{4})$", RegexOptions.CultureInvariant)]
    private static partial Regex NamedYearCodeRegex();

    [GeneratedRegex(@"^week-(?<y>\d{4})-\d{2}-\d{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex WeekCodeRegex();
}

/// <summary>
/// A <see cref="CalendarPeriod"/> resolved in a team's zone: local days [<see cref="Start"/>, <see cref="End"/>) and the
/// instants of <see cref="Window"/>; <see cref="Whole"/> when the period is over (its window runs to its end, not to now).
/// </summary>
public sealed record CalendarWindow(CalendarPeriod Period, DateOnly Start, DateOnly End, AnalysisWindow Window, bool Whole, bool HasBegun = true)
{
    /// <summary>
    /// The period as a reply names it: "December so far", "Q4 2026 so far", "2026 so far" for one under way; "November 2026",
    /// "Q3 2026", "2025" for one that is over (Arabic «ديسمبر حتى الآن», «نوفمبر 2026»); "this week (since Mon 30 Nov)",
    /// "last week (Mon 23 – Sun 29 Nov)" for a week («هذا الأسبوع (منذ الاثنين 30 نوفمبر)»).
    /// </summary>
    public string Label(Phrases say)
    {
        if (Period.Unit == CalendarUnit.Week)
        {
            return WeekLabel(say);
        }

        var name = Period.Unit switch
        {
            CalendarUnit.Month when Whole => say.Language.MonthYear(Start),
            CalendarUnit.Month => Start.ToString("MMMM", say.Language.Culture),
            CalendarUnit.Quarter => TargetPeriods.QuarterName(Start, say),
            _ => PipelineFormat.Plain(Start.Year, say),
        };
        return Whole ? name : say.Pipeline("Window.SoFar", name);
    }

    /// <summary>
    /// The period as resolved, for a card's Details button: the week by its first day ("week-2026-11-30"), the month, quarter
    /// or year with its year ("month-2026-12"), so a card from Sunday opened on Monday shows the week the card showed, not
    /// the new one. Its label reads as the card's did while the period is under way, and as the whole period once it is over.
    /// </summary>
    public string Code => Period.Unit switch
    {
        CalendarUnit.Week => string.Create(CultureInfo.InvariantCulture, $"week-{Start:yyyy-MM-dd}"),
        CalendarUnit.Month => CalendarPeriod.Named(Start.Month, Start.Year).Code,
        CalendarUnit.Quarter => CalendarPeriod.NamedQuarter(((Start.Month - 1) / 3) + 1, Start.Year).Code,
        _ => CalendarPeriod.NamedYear(Start.Year).Code,
    };

    /// <summary>
    /// The period in a header after " · ": <see cref="Label"/> without brackets, so a week is "this week, since Mon 30 Nov"
    /// or "last week, Mon 23 – Sun 29 Nov" and the header does not nest them.
    /// </summary>
    public string Heading(Phrases say)
    {
        if (!IsWeek)
        {
            return Label(say);
        }

        var (first, last) = WeekDays(say);
        return Whole ? say.Pipeline("Window.LastWeek.Heading", first, last) : say.Pipeline("Window.ThisWeek.Heading", first);
    }

    /// <summary>Whether this is a week: its texts say "last week", not "in last week" (<c>….Week</c> keys).</summary>
    public bool IsWeek => Period.Unit == CalendarUnit.Week;

    /// <summary>
    /// The period inside a sentence, after "in" or "over" or in brackets: <see cref="Label"/>, but a week is "the week of
    /// Mon 23 – Sun 29 Nov" or "the week since Mon 30 Nov" («الأسبوع من الاثنين 23 إلى الأحد 29 نوفمبر»).
    /// </summary>
    public string InSentence(Phrases say)
    {
        if (!IsWeek)
        {
            return Label(say);
        }

        var (first, last) = WeekDays(say);
        return Whole ? say.Pipeline("Window.WeekOf", first, last) : say.Pipeline("Window.WeekSince", first);
    }

    /// <summary>
    /// A week's days as the header names them: the month once at the end when both ends share it ("Mon 23 – Sun 29 Nov"),
    /// at both ends when not ("Mon 30 Nov – Sun 6 Dec"), and the year only when the week runs into the next one.
    /// </summary>
    private string WeekLabel(Phrases say)
    {
        var (first, last) = WeekDays(say);
        return Whole ? say.Pipeline("Window.LastWeek", first, last) : say.Pipeline("Window.ThisWeek", first);
    }

    /// <summary>The week's first and last day in words: a week under way is named by its first ("since Mon 30 Nov").</summary>
    /// <summary>The week's first day, "Mon 14 Dec" («الاثنين 14 ديسمبر»): how a week not begun yet is named.</summary>
    public string FirstDay(Phrases say) => WeekDay(Start, say, withMonth: true, withYear: Start.Year != End.AddDays(-1).Year);

    private (string First, string Last) WeekDays(Phrases say)
    {
        var last = End.AddDays(-1);
        var withYear = Start.Year != last.Year;
        var sameMonth = Whole && Start.Month == last.Month && !withYear;
        return (WeekDay(Start, say, withMonth: !sameMonth, withYear), WeekDay(last, say, withMonth: true, withYear));
    }

    /// <summary>"Mon 23", "Mon 23 Nov", "Mon 28 Dec 2026" (Arabic «الاثنين 23 نوفمبر»), digits as the reply writes them.</summary>
    internal static string WeekDay(DateOnly day, Phrases say, bool withMonth, bool withYear)
    {
        var arabic = say.Language.IsRightToLeft;
        var format = (arabic ? "dddd d" : "ddd d") + (withMonth ? arabic ? " MMMM" : " MMM" : string.Empty) + (withYear ? " yyyy" : string.Empty);
        return say.Language.Digits(day.ToString(format, arabic ? say.Language.Culture : CultureInfo.InvariantCulture));
    }
}
