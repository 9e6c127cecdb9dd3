using System.Globalization;
using System.Text.RegularExpressions;

namespace SalesCoachBot.Core.Pipeline;

/// <summary>
/// The period a target is for, in the team's local dates: [<see cref="Start"/>, <see cref="End"/>). Quarters, months and
/// years are calendar periods (deals already won in them count); "by DATE" runs from today to the end of that day or month.
/// </summary>
public sealed record TargetPeriod(DateOnly Start, DateOnly End, string Label, bool IsDefault)
{
    /// <summary>The last day of the period, as people say it: "by 31 Dec 2026".</summary>
    public string ByDate => End.AddDays(-1).ToString("d MMM yyyy", CultureInfo.InvariantCulture);
}

internal abstract record PeriodParse
{
    public sealed record Parsed(TargetPeriod Period) : PeriodParse;

    public sealed record Rejected(string Message) : PeriodParse;
}

/// <summary>Reads "this quarter", "by March", "in Q1", "by 31 Dec", "this year"; nothing said means the current quarter.</summary>
internal static partial class TargetPeriods
{
    public const string Examples = "\"this quarter\", \"in Q1\", \"by March\", \"by 31 Dec\" or \"this year\"";

    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    public static PeriodParse Parse(string? text, DateOnly today)
    {
        var said = (text ?? string.Empty).Trim().ToLowerInvariant();
        var quarterStart = new DateOnly(today.Year, (((today.Month - 1) / 3) * 3) + 1, 1);
        if (said.Length == 0)
        {
            return Quarter(quarterStart, "this quarter", isDefault: true);
        }

        var words = Regex.Replace(said, @"\b(by|before|until|till|to|the|end|of|in|for|during)\b", " ", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
        words = Regex.Replace(words, @"\s+", " ", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100)).Trim();
        switch (words)
        {
            case "quarter" or "this quarter" or "eoq":
                return Quarter(quarterStart, "this quarter", isDefault: false);
            case "next quarter":
                return Quarter(quarterStart.AddMonths(3), "next quarter", isDefault: false);
            case "year" or "this year" or "eoy" or "fy" or "this fy":
                return new PeriodParse.Parsed(new TargetPeriod(new DateOnly(today.Year, 1, 1), new DateOnly(today.Year + 1, 1, 1), $"this year ({today.Year})", false));
            case "next year":
                return new PeriodParse.Parsed(new TargetPeriod(new DateOnly(today.Year + 1, 1, 1), new DateOnly(today.Year + 2, 1, 1), $"next year ({today.Year + 1})", false));
            case "month" or "this month" or "eom":
                var monthStart = new DateOnly(today.Year, today.Month, 1);
                return new PeriodParse.Parsed(new TargetPeriod(monthStart, monthStart.AddMonths(1), "this month", false));
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
                ? new PeriodParse.Rejected($"Q{q} {start.Year} is over. Give a period still ahead, for example {Examples}.")
                : Quarter(start, $"Q{q} {start.Year}", isDefault: false);
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
                return new PeriodParse.Rejected($"\"{text}\" is not a date I know. Try {Examples}.");
            }

            // "in March": the month itself; "by March", "by 31 Dec": from today to then.
            var inMonth = dayText is null && Regex.IsMatch(said, @"^(in|during) ", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
            var startDay = inMonth ? new DateOnly(last.Year, last.Month, 1) : today;
            var label = inMonth ? last.ToString("MMMM yyyy", CultureInfo.InvariantCulture) : "from today";
            return new PeriodParse.Parsed(new TargetPeriod(startDay, last.AddDays(1), label, false));
        }

        return new PeriodParse.Rejected($"I couldn't read \"{text}\" as a period. Try {Examples}.");
    }

    private static PeriodParse.Parsed Quarter(DateOnly start, string name, bool isDefault) =>
        new(new TargetPeriod(start, start.AddMonths(3), name.StartsWith('Q') ? name : $"{name} (Q{((start.Month - 1) / 3) + 1} {start.Year})", isDefault));

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
