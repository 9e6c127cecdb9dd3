using SalesCoachBot.Core.Coaching;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Localization;

namespace SalesCoachBot.Core.Pipeline;

/// <summary>What the pipeline and the closed-deal lists answer when the time asked for holds no history.</summary>
internal static class ReportPeriods
{
    public const int MaxWindowDays = 3650;

    /// <summary>"last 0 days", "last 40 years": refused with two commands that work (canonical, English); null for a window it can read.</summary>
    public static BotAnswer? DaysRefusal(int days, Phrases say, string example, string longExample)
    {
        if (days is >= 1 and <= MaxWindowDays)
        {
            return null;
        }

        var said = days < 1 ? say.Count(Phrases.Area.Pipeline, "Window.Empty", days) : say.Count(Phrases.Area.Pipeline, "Window.TooLong", days);
        return Errors.Answer(say.Pipeline("Window.Title"), say.Pipeline("Window.Give", said, example, longExample));
    }

    /// <summary>
    /// "January 2027" asked in December 2026: no history yet, and answering another period instead would mislead. The texts
    /// are <paramref name="prefix"/>.NotBegun(.Quarter|.Year|.Week) ("Window" for the pipeline, "Closed.Window" for the lists).
    /// "won deals 2099" is a year not begun either.
    /// </summary>
    public static BotAnswer NotBegunRefusal(CalendarWindow calendar, Phrases say, string prefix)
    {
        var notBegun = calendar.Period.Unit switch
        {
            CalendarUnit.Quarter => say.Pipeline(prefix + ".NotBegun.Quarter", TargetPeriods.QuarterName(calendar.Start, say)),
            CalendarUnit.Year => say.Pipeline(prefix + ".NotBegun.Year", PipelineFormat.Plain(calendar.Start.Year, say)),
            CalendarUnit.Week => say.Pipeline(prefix + ".NotBegun.Week", calendar.FirstDay(say)),
            _ => say.Pipeline(prefix + ".NotBegun", say.Language.MonthYear(calendar.Start)),
        };
        return Errors.Answer(say.Pipeline("Window.Title"), notBegun);
    }
}
