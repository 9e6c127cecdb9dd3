using System.Globalization;
using System.Text.RegularExpressions;
using SalesCoachBot.Core.Localization;

namespace SalesCoachBot.Core.Pipeline;

/// <summary>
/// The period a target is for, in the team's local dates: [<see cref="Start"/>, <see cref="End"/>). Quarters, months and
/// years are calendar periods (deals already won in them count); "by DATE" runs from today to the end of that day or month.
/// </summary>
public sealed record TargetPeriod(DateOnly Start, DateOnly End, string Label, bool IsDefault)
{
    /// <summary>The language <see cref="Label"/> and <see cref="ByDate"/> are written in.</summary>
    public ReplyLanguage Language { get; init; } = ReplyLanguage.English;

    /// <summary>The last day of the period, as people say it: "by 31 Dec 2026" / «بحلول 31 ديسمبر 2026».</summary>
    public string ByDate => Language.LongDay(End.AddDays(-1));

    /// <summary>The quarter the period starts in, "Q4 2026" / «الربع 4 من 2026».</summary>
    public string QuarterName(Phrases say) => TargetPeriods.QuarterName(Start, say);
}

internal abstract record PeriodParse
{
    public sealed record Parsed(TargetPeriod Period) : PeriodParse;

    public sealed record Rejected(string Message) : PeriodParse;
}

/// <summary>Reads "this quarter", "by March", "in Q1", "by 31 Dec", "this year"; nothing said means the current quarter.</summary>
internal static partial class TargetPeriods
{
    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    /// <summary>Reads a period; its label and a refusal are worded in <paramref name="say"/>'s language (English when none is given).</summary>
    public static PeriodParse Parse(string? text, DateOnly today, Phrases? say = null)
    {
        say ??= Phrases.English;
        var examples = say.Pipeline("Period.Examples");
        var said = (text ?? string.Empty).Trim().ToLowerInvariant();
        var quarterStart = new DateOnly(today.Year, (((today.Month - 1) / 3) * 3) + 1, 1);
        PeriodParse.Parsed Period(DateOnly start, DateOnly end, string label, bool isDefault = false) =>
            new(new TargetPeriod(start, end, label, isDefault) { Language = say.Language });
        string Year(int year) => PipelineFormat.Plain(year, say);
        if (said.Length == 0)
        {
            return Period(quarterStart, quarterStart.AddMonths(3), say.Pipeline("Period.ThisQuarter", QuarterName(quarterStart, say)), isDefault: true);
        }

        var words = Regex.Replace(said, @"\b(by|before|until|till|to|the|end|of|in|for|during)\b", " ", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
        words = Regex.Replace(words, @"\s+", " ", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100)).Trim();
        switch (words)
        {
            case "quarter" or "this quarter" or "eoq":
                return Period(quarterStart, quarterStart.AddMonths(3), say.Pipeline("Period.ThisQuarter", QuarterName(quarterStart, say)));
            case "next quarter":
                var next = quarterStart.AddMonths(3);
                return Period(next, next.AddMonths(3), say.Pipeline("Period.NextQuarter", QuarterName(next, say)));
            case "year" or "this year" or "eoy" or "fy" or "this fy":
                return Period(new DateOnly(today.Year, 1, 1), new DateOnly(today.Year + 1, 1, 1), say.Pipeline("Period.ThisYear", Year(today.Year)));
            case "next year":
                return Period(new DateOnly(today.Year + 1, 1, 1), new DateOnly(today.Year + 2, 1, 1), say.Pipeline("Period.NextYear", Year(today.Year + 1)));
            case "month" or "this month" or "eom":
                var monthStart = new DateOnly(today.Year, today.Month, 1);
                return Period(monthStart, monthStart.AddMonths(1), say.Pipeline("Period.ThisMonth"));
        }

        var quarter = QuarterRegex().Match(words);
        if (quarter.Success)
        {
            var q = quarter.Groups["q"].Value[0] - '0';
            var year = quarter.Groups["y"].Success ? int.Parse(quarter.Groups["y"].Value, CultureInfo.InvariantCulture) : today.Year;
            var start = new DateOnly(year, ((q - 1) * 3) + 1, 1);
            if (!quarter.Groups["y"].Success && start.AddMonths(3) <= today)
            {
                start = start.AddYears(1); // "Q1" in November is next year's
            }

            return start.AddMonths(3) <= today
                ? new PeriodParse.Rejected(say.Pipeline("Period.Over", QuarterName(start, say), examples))
                : Period(start, start.AddMonths(3), QuarterName(start, say));
        }

        var date = DateRegex().Match(words);
        if (date.Success && MonthOf(date.Groups["m"].Success ? date.Groups["m"].Value : date.Groups["m2"].Value) is { } month)
        {
            var dayText = date.Groups["d"].Success ? date.Groups["d"].Value : date.Groups["d2"].Success ? date.Groups["d2"].Value : null;
            var year = today.Year;
            DateOnly last;
            try
            {
                last = dayText is null
                    ? new DateOnly(year, month, 1).AddMonths(1).AddDays(-1)
                    : new DateOnly(year, month, int.Parse(dayText, CultureInfo.InvariantCulture));
                if (last < today)
                {
                    last = dayText is null ? new DateOnly(year + 1, month, 1).AddMonths(1).AddDays(-1) : last.AddYears(1);
                }
            }
            catch (ArgumentOutOfRangeException)
            {
                return new PeriodParse.Rejected(say.Pipeline("Period.BadDate", text, examples));
            }

            // "in March": the month itself; "by March", "by 31 Dec": from today to then.
            var inMonth = dayText is null && Regex.IsMatch(said, @"^(in|during) ", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
            var startDay = inMonth ? new DateOnly(last.Year, last.Month, 1) : today;
            var label = inMonth ? say.Language.MonthYear(last) : say.Pipeline("Period.FromToday");
            return Period(startDay, last.AddDays(1), label);
        }

        return new PeriodParse.Rejected(say.Pipeline("Period.Unreadable", text, examples));
    }

    /// <summary>"Q4 2026" / «الربع الرابع من 2026»: one text per quarter, for the Arabic ordinal word.</summary>
    /// <remarks>The year goes in as a decimal written "{0:0}": digits with no thousands separator and no isolate.</remarks>
    public static string QuarterName(DateOnly start, Phrases say) =>
        say.Pipeline("Period.Quarter." + (((start.Month - 1) / 3) + 1).ToString(CultureInfo.InvariantCulture), (decimal)start.Year);

    private static int? MonthOf(string word)
    {
        if (word.Length < 3)
        {
            return null;
        }

        var index = Array.IndexOf(Months, word[..3]);
        return index < 0 ? null : index + 1;
    }

    [GeneratedRegex(@"^q(?<q>[1-4])( (fy)?(?<y>\d{4}))?$", RegexOptions.CultureInvariant, 100)]
    private static partial Regex QuarterRegex();

    [GeneratedRegex(@"^(?:(?<d>\d{1,2})(st|nd|rd|th)? (?<m>[a-z]{3,9})|(?<m2>[a-z]{3,9})( (?<d2>\d{1,2})(st|nd|rd|th)?)?)$", RegexOptions.CultureInvariant, 100)]
    private static partial Regex DateRegex();
}
