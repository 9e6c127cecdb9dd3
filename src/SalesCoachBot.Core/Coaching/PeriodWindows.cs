using System.Globalization;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Dates;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.Pipeline;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Coaching;

/// <summary>
/// A <see cref="SaidPeriod"/> resolved in a team's zone: the instants it spans, how a reply names it ("last week (Mon 30 Nov
/// – Sun 6 Dec)", "since Mon 30 Nov"), whether a sentence says it after "in" ("in November 2026", not "in last week"), and
/// the <see cref="Code"/> a card's button carries it back by.
/// </summary>
internal sealed record PeriodWindow(AnalysisWindow Window, string Label, bool InPeriod, string Code)
{
    /// <summary>The period inside a sentence: "last week (…)", "since Mon 30 Nov", "in November 2026".</summary>
    public string InSentence(Phrases say) => InPeriod ? say.Coaching("Acts.In", Label) : Label;
}

/// <summary>
/// One reading of the times a person narrows a list or a history to ("this week", "last month", "the last 30 days",
/// "yesterday", "since Monday"), in the team's time zone and week: the acts diary and a deal's history both read them so.
/// </summary>
internal static class PeriodWindows
{
    /// <summary>
    /// The window of <paramref name="said"/> at <paramref name="now"/>, or the refusal to answer instead: a calendar period
    /// not begun yet (texts <paramref name="notBegunPrefix"/>.NotBegun…) or a window of days too short or too long.
    /// </summary>
    public static (PeriodWindow? Window, BotAnswer? Refusal) Resolve(
        SaidPeriod said, DateTimeOffset now, TimeZoneInfo zone, DayOfWeek weekStart, Phrases say, string notBegunPrefix, string example, string longExample)
    {
        var today = ZonedDay.Of(now, zone);
        if (said.Onward || said.Weekday is not null)
        {
            // "since Monday": from the start of the latest Monday (today when it is one) to now; "since last week" from its first day.
            var from = said.Weekday is { } weekday ? today.AddDays(-(((int)today.DayOfWeek - (int)weekday + 7) % 7))
                : said.Day == ActsDay.Yesterday ? today.AddDays(-1)
                : said.Day == ActsDay.Today ? today
                : said.Period is { } period ? period.Resolve(now, zone, weekStart).Start
                : ZonedDay.Of(now.AddDays(-(said.WindowDays ?? 0)), zone);
            if (!said.Onward)
            {
                return (Day(from, now, zone, today, say, Code(said)), null);
            }

            var since = ZonedDay.StartOf(from, zone);
            return since > now
                ? (null, ReportPeriods.NotBegunRefusal(said.Period!.Resolve(now, zone, weekStart), say, notBegunPrefix))
                : (new PeriodWindow(new AnalysisWindow(since, now), say.Coaching("Period.Since", ShortDay(from, today, say)), false, Code(said)), null);
        }

        if (said.Day is { } day)
        {
            return (Day(today.AddDays(day == ActsDay.Yesterday ? -1 : 0), now, zone, today, say, Code(said)), null);
        }

        if (said.Period is { } calendarPeriod || said.WindowDays is null)
        {
            var calendar = (said.Period ?? new CalendarPeriod(CalendarUnit.Week, Previous: false)).Resolve(now, zone, weekStart);
            return calendar.HasBegun
                ? (new PeriodWindow(calendar.Window, calendar.Label(say), !calendar.IsWeek, calendar.Code), null)
                : (null, ReportPeriods.NotBegunRefusal(calendar, say, notBegunPrefix));
        }

        var days = said.WindowDays.Value;
        return ReportPeriods.DaysRefusal(days, say, example, longExample) is { } badWindow
            ? (null, badWindow)
            : (new PeriodWindow(AnalysisWindow.LastDays(days, now), PipelineFormat.Window(days, say), true, Code(said)), null);
    }

    /// <summary>
    /// How a button carries a said period back: a calendar period by <see cref="CalendarPeriod.Code"/>, "days-30", "today",
    /// "yesterday", a weekday ("monday"), each after "since-" when it runs to now.
    /// </summary>
    public static string Code(SaidPeriod said)
    {
        var code = said.Weekday is { } weekday ? weekday.ToString().ToLowerInvariant()
            : said.Day is { } day ? day.ToString().ToLowerInvariant()
            : said.Period is { } period ? period.Code
            : string.Create(CultureInfo.InvariantCulture, $"days-{said.WindowDays ?? 7}");
        return said.Onward ? "since-" + code : code;
    }

    /// <summary>The said period a <see cref="Code"/> names; null for anything else.</summary>
    public static SaidPeriod? FromCode(string? code)
    {
        if (code is null)
        {
            return null;
        }

        var onward = code.StartsWith("since-", StringComparison.Ordinal);
        var inner = onward ? code["since-".Length..] : code;
        SaidPeriod? said = inner switch
        {
            "today" => new(Day: ActsDay.Today),
            "yesterday" => new(Day: ActsDay.Yesterday),
            _ when Enum.TryParse<DayOfWeek>(inner, ignoreCase: true, out var weekday) && !inner.Any(char.IsAsciiDigit) => new(Weekday: weekday),
            _ when inner.StartsWith("days-", StringComparison.Ordinal)
                && int.TryParse(inner["days-".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var days) => new(WindowDays: days),
            _ when CalendarPeriod.FromCode(inner) is { } period => new(Period: period),
            _ => null,
        };
        return said is null ? null : said with { Onward = onward };
    }

    /// <summary>One local day, midnight to midnight (today to now): "today (Mon 7 Dec)", "yesterday (…)", or "on Mon 30 Nov".</summary>
    private static PeriodWindow Day(DateOnly date, DateTimeOffset now, TimeZoneInfo zone, DateOnly today, Phrases say, string code)
    {
        var end = date >= today ? now : ZonedDay.StartOf(date.AddDays(1), zone);
        var words = say.Language.DayInWords(date);
        var label = date == today ? say.Coaching("Acts.Today", words)
            : date == today.AddDays(-1) ? say.Coaching("Acts.Yesterday", words)
            : say.Coaching("Period.Day", ShortDay(date, today, say));
        return new PeriodWindow(new AnalysisWindow(ZonedDay.StartOf(date, zone), end), label, false, code);
    }

    /// <summary>"Mon 30 Nov" ("Mon 29 Dec 2025" in another year), as a week's header names its days.</summary>
    private static string ShortDay(DateOnly day, DateOnly today, Phrases say) => CalendarWindow.WeekDay(day, say, withMonth: true, withYear: day.Year != today.Year);
}
