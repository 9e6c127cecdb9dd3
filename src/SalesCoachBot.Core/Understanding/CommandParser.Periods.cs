using System.Globalization;
using System.Text.RegularExpressions;
using CalendarPeriod = SalesCoachBot.Core.Pipeline.CalendarPeriod;
using CalendarUnit = SalesCoachBot.Core.Pipeline.CalendarUnit;

namespace SalesCoachBot.Core.Understanding;

/// <summary>
/// Periods said in words: a window of days ("last 30 days", "2w"), a named quarter or month, a weekday, a time
/// to come ("next week"), and the period that ends a deal's words ("Initech last week").
/// </summary>
public sealed partial class CommandParser
{
    /// <summary>
    /// "last week", "this month", "Q3", "the last 30 days", "yesterday", «الأسبوع الماضي», «هذا الشهر»: the period these words
    /// are and nothing else (light words aside), after a word of <c>history_period_openers</c> ("from last week") or of
    /// <c>history_period_since</c> ("since last week": from its start to now). A weekday only after one ("since Monday",
    /// «منذ الاثنين»: from the latest Monday to now). Null for any other words.
    /// </summary>
    private static SaidPeriod? SaidPeriodOf(IReadOnlyList<Token> words, LanguagePack pack)
    {
        bool In(string list, Token t) => pack.Words(list).Contains(t.Lower) || pack.Words(list).Contains(t.Canon);
        var onward = words.Count > 0 && In("history_period_since", words[0]);
        var rest = words.SkipWhile(t => In("history_period_since", t) || In("history_period_openers", t)).ToList();
        if (rest.Count == 0 || !rest.Any(t => t.Lower.Any(char.IsLetterOrDigit)))
        {
            return null;
        }

        if (rest is [var day] && WeekdayOf(day, pack) is { } weekday)
        {
            return rest.Count < words.Count ? new SaidPeriod(Weekday: weekday, Onward: true) : null;
        }

        if (rest.All(t => In("due_today", t)))
        {
            return new SaidPeriod(Day: ActsDay.Today, Onward: onward);
        }

        if (rest.All(t => In("day_yesterday", t)))
        {
            return new SaidPeriod(Day: ActsDay.Yesterday, Onward: onward);
        }

        var (days, period, used) = Window(rest, pack);
        return (days is not null || period is not null) && rest.All(t => used.Contains(t) || In("light", t))
            ? new SaidPeriod(period is null ? days : null, period, Onward: onward)
            : null;
    }

    /// <summary>"monday", "mon", «الاثنين», «الاتنين»: the weekday a word names (Arabic through ar.yaml's <c>time_words</c>).</summary>
    private static DayOfWeek? WeekdayOf(Token word, LanguagePack pack) =>
        Dates.DateInWords.Weekday(word.Lower)
        ?? (pack.TimeWords.TryGetValue(word.Lower, out var english) || pack.TimeWords.TryGetValue(word.Canon, out english)
            ? Dates.DateInWords.Weekday(english)
            : null);

    /// <summary>
    /// A deal's slot without a period of words typed after the name («Initech هالشهر», «Wonka الأسبوع اللي فات»), and that
    /// period; never a number alone: "Acme 2026" may be a name.
    /// </summary>
    private static (IReadOnlyList<Token> Deal, IReadOnlyList<Token> Period) WithoutEndingPeriod(IReadOnlyList<Token> slot, LanguagePack pack)
    {
        for (var start = Math.Max(1, slot.Count - 3); start < slot.Count; start++)
        {
            var end = slot.Skip(start).ToList();
            if (end.Any(t => t.Lower.Any(char.IsLetter)) && IsAPeriod(end, pack))
            {
                return ([.. slot.Take(start)], end);
            }
        }

        return (slot, []);
    }

    /// <summary>
    /// «وش وضعنا هالربع» fits «وش وضعنا مع {deal}» with "this quarter" for the deal, «شو لازم أعمل اليوم» «… في {deal}» with
    /// "today", "how did we do in the third quarter" "what did we do on {deal}" with the quarter: a period or a day only
    /// ("the" and the like aside), so no deal. So is a period's unit alone ("what changed this week" read with "week" for
    /// the deal, "this" taken for the example's "on"), spelled out: "q" or "mo" may be a name's.
    /// </summary>
    /// <summary>"next week", "next month": a word of <c>next_as_time</c> before a period's unit, and nothing else but light words.</summary>
    private static bool IsATimeToCome(IReadOnlyList<Token> slot, LanguagePack pack) =>
        Trim(slot, pack.Words("light"), pack.Words("light")) is [var next, var unit]
        && pack.Words("next_as_time").Contains(next.Canon) && pack.PeriodUnits.ContainsKey(unit.Canon);

    private static bool IsAPeriod(IReadOnlyList<Token> slot, LanguagePack pack)
    {
        var light = pack.Words("light");
        var words = Trim(slot, light, light);
        // «كيف كان الربع الماضي» ("how was last quarter"): "was" before a period names no deal either.
        var was = words.SkipWhile(t => pack.Words("period_verbs").Contains(t.Canon)).ToList();
        return slot.Count > 0 && (Window(slot, pack).Used.Count == slot.Count
            || (was.Count > 0 && was.Count < words.Count && Window(was, pack).Used.Count == was.Count)
            || (words is [var unit] && unit.Canon.Length > 2 && pack.PeriodUnits.ContainsKey(unit.Canon))
            || slot.All(t => pack.Words("due_today").Contains(t.Lower) || pack.Words("due_tomorrow").Contains(t.Lower))
            || (words.Count > 0 && (NamedQuarter(words, 0, pack) ?? NamedMonth(words, 0, pack)) is { Words: var said } && said == words.Count));
    }

    private static List<Token> WithoutWindow(IReadOnlyList<Token> words, LanguagePack pack) => [.. words.Except(Window(words, pack).Used)];

    /// <summary>
    /// "last 90 days", "30d", "past month", "past week", "آخر 30 يوم", «آخر أسبوع»: a trailing window in days; "this month",
    /// "last quarter", "last week", "هذا الشهر", "الشهر الماضي", «الأسبوع اللي فات»: a calendar period (a week, month, quarter
    /// or year: this one so far, or the whole previous one).
    /// Either with the words that said it.
    /// </summary>
    private static (int? Days, CalendarPeriod? Period, HashSet<Token> Used) Window(IReadOnlyList<Token> tokens, LanguagePack pack)
    {
        var used = new HashSet<Token>();
        var before = pack.Words("window_last");
        var current = pack.Words("window_current");
        var previous = pack.Words("window_previous");
        var single = pack.Words("window_this");
        var ahead = pack.Words("window_next");
        bool Single(Token t) => single.Contains(t.Canon) || current.Contains(t.Canon) || previous.Contains(t.Canon) || ahead.Contains(t.Canon);
        // «الشهر», «للشهر», «بالشهر الماضي»: a unit with the article, or «ل» / «ب» glued before it.
        int? UnitDays(Token t) => pack.PeriodUnits.TryGetValue(t.Canon, out var d) || pack.PeriodUnits.TryGetValue(ArabicText.WithoutToTheOrArticle(t.Canon), out d) ? d : null;

        // "this month" or "last week" (not "past month" or "past week", the last 30 or 7 days): a week, month, quarter or year
        // of the calendar.
        CalendarPeriod? Calendar(Token word, int unitDays) =>
            Unit(unitDays) is not { } unit ? null
            : current.Contains(word.Canon) ? new(unit, Previous: false)
            : previous.Contains(word.Canon) ? new(unit, Previous: true)
            // "next quarter", «الربع الجاي», "next week": a period to come, refused as one that has not begun (not the default window).
            : ahead.Contains(word.Canon) ? new(unit, Previous: false) { Ahead = true }
            : null;

        for (var i = 0; i < tokens.Count; i++)
        {
            int? window = null;
            CalendarPeriod? period = null;
            var compact = CompactWindowRegex().Match(tokens[i].Canon);
            if (compact.Success)
            {
                window = Times(compact.Groups["n"].Value, Days(1, compact.Groups["u"].Value));
                used.Add(tokens[i]);
            }
            else if (i + 1 < tokens.Count && NumberRegex().IsMatch(tokens[i].Canon) && UnitDays(tokens[i + 1]) is { } unit)
            {
                window = Times(tokens[i].Canon, unit);
                used.Add(tokens[i]);
                used.Add(tokens[i + 1]);
            }
            else if (i + 1 < tokens.Count && Single(tokens[i]) && UnitDays(tokens[i + 1]) is { } one)
            {
                period = Calendar(tokens[i], one);
                window = period is null ? one : null;
                used.Add(tokens[i]);
                used.Add(tokens[i + 1]);
            }
            else if (i + 1 < tokens.Count && UnitDays(tokens[i]) is { } after && Single(tokens[i + 1]))
            {
                // "الشهر الماضي", "الربع الحالي", "الشهر اللي فات": the unit first
                period = Calendar(tokens[i + 1], after);
                window = period is null ? after : null;
                used.Add(tokens[i]);
                used.Add(tokens[i + 1]);
                if (i + 2 < tokens.Count && previous.Contains(tokens[i + 2].Canon))
                {
                    used.Add(tokens[i + 2]);
                }
            }
            else if (pack.IsArabic && tokens[i].Canon.Length > 3 && tokens[i].Canon.StartsWith("\u0647\u0627\u0644", StringComparison.Ordinal)
                && pack.PeriodUnits.TryGetValue(tokens[i].Canon[3..], out var glued))
            {
                // «هالشهر», «هالربع», «هالأسبوع»: «ها» + «ال» glued, "this"; a unit with no calendar period (days) keeps its days.
                period = Unit(glued) is { } gluedUnit ? new(gluedUnit, Previous: false) : null;
                window = period is null ? glued : null;
                used.Add(tokens[i]);
            }
            else if (pack.Words("period_adjectives").Contains(ArabicText.WithoutArticle(tokens[i].Canon)) && UnitDays(tokens[i]) is { } adjective
                && Unit(adjective) is { } adjectiveUnit)
            {
                period = new(adjectiveUnit, Previous: false); // "quarterly pipeline": this quarter
                used.Add(tokens[i]);
            }
            else if ((NamedQuarter(tokens, i, pack) ?? NamedMonth(tokens, i, pack)) is { } named)
            {
                period = named.Period;
                used.UnionWith(tokens.Skip(i).Take(named.Words));
                if (named.AfterMarker)
                {
                    used.Add(tokens[i - 1]); // "for", «شهر»: not a word of the team's name
                }
            }

            if (window is not null || period is not null)
            {
                if (i > 0 && before.Contains(tokens[i - 1].Canon))
                {
                    used.Add(tokens[i - 1]);
                }

                return (window, period, used);
            }
        }

        return (null, null, used);
    }

    /// <summary>
    /// "Q3", "Q3 2025", "third quarter", «الربع الثالث», «للربع الثالث» at <paramref name="i"/>: the quarter named and how many
    /// words said it, its year included. Arabic words are looked up without «ال», «لل» or «بال» too.
    /// </summary>
    private static (CalendarPeriod Period, int Words, bool AfterMarker)? NamedQuarter(IReadOnlyList<Token> tokens, int i, LanguagePack pack)
    {
        (int Quarter, int Words)? Lookup(string first, string? second) =>
            second is not null && pack.QuarterNames.TryGetValue(first + " " + second, out var two) ? (two, 2)
            : pack.QuarterNames.TryGetValue(first, out var one) ? (one, 1)
            : null;

        var next = i + 1 < tokens.Count ? tokens[i + 1].Lower : null;
        var named = Lookup(tokens[i].Lower, next)
            ?? (pack.IsArabic ? Lookup(ArabicText.WithoutToTheOrArticle(tokens[i].Lower), next is null ? null : ArabicText.WithoutArticle(next)) : null);
        if (named is not { } quarter)
        {
            return null;
        }

        var afterMarker = i > 0 && pack.Words("month_markers").Contains(tokens[i - 1].Lower);
        int? year = i + quarter.Words < tokens.Count && CalendarPeriod.TryYear(tokens[i + quarter.Words].Lower, out var said) ? said : null;
        return (CalendarPeriod.NamedQuarter(quarter.Quarter, year), quarter.Words + (year is null ? 0 : 1), afterMarker);
    }

    /// <summary>
    /// "November", "Nov 2025", «نوفمبر», «تشرين الثاني ٢٠٢٥», «بآب» at <paramref name="i"/>: the month named and how many words
    /// said it, its year included. A name that is also an ordinary word ("may I see the pipeline", «آب» "father") is a
    /// month only after a marker ("for May", «في آب»), glued to one («بآب»), or before a year ("May 2026").
    /// </summary>
    private static (CalendarPeriod Period, int Words, bool AfterMarker)? NamedMonth(IReadOnlyList<Token> tokens, int i, LanguagePack pack)
    {
        (string Name, int Month, int Words)? Lookup(string first) =>
            i + 1 < tokens.Count && pack.MonthNames.TryGetValue(first + " " + tokens[i + 1].Lower, out var two) ? (first + " " + tokens[i + 1].Lower, two, 2)
            : pack.MonthNames.TryGetValue(first, out var one) ? (first, one, 1)
            : null;

        var word = tokens[i].Lower;
        var named = Lookup(word);
        var glued = false;
        foreach (var prefix in pack.Words("month_glued"))
        {
            if (named is null && word.Length > prefix.Length + 1 && word.StartsWith(prefix, StringComparison.Ordinal) && Lookup(word[prefix.Length..]) is { } found)
            {
                (named, glued) = (found, true);
            }
        }

        if (named is not { } month)
        {
            return null;
        }

        var afterMarker = i > 0 && pack.Words("month_markers").Contains(tokens[i - 1].Lower);
        int? year = i + month.Words < tokens.Count && CalendarPeriod.TryYear(tokens[i + month.Words].Lower, out var said) ? said : null;
        if (pack.Words("month_ambiguous").Contains(month.Name) && !afterMarker && !glued && year is null)
        {
            return null;
        }

        return (CalendarPeriod.Named(month.Month, year), month.Words + (year is null ? 0 : 1), afterMarker);
    }

    /// <summary>The calendar unit of a period unit's length in days (a week 7, a month 30, a quarter 90, a year 365); null for days.</summary>
    private static CalendarUnit? Unit(int days) => days switch
    {
        7 => CalendarUnit.Week,
        30 => CalendarUnit.Month,
        90 => CalendarUnit.Quarter,
        365 => CalendarUnit.Year,
        _ => null,
    };

    /// <summary>
    /// A number of units in days, at most <see cref="int.MaxValue"/>: "last 99999 days" is read as a window (which the
    /// pipeline refuses as too long, by its size), not left over as words of a team's name.
    /// </summary>
    private static int Times(string digits, int unit) =>
        long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= int.MaxValue / unit ? (int)n * unit : int.MaxValue;

    private static int Days(int n, string unit) => unit switch
    {
        "w" => n * 7,
        "m" => n * 30,
        _ => n,
    };

    [GeneratedRegex(@"^(?<n>\d+)(?<u>d|w|m)$", Options)]
    private static partial Regex CompactWindowRegex();

    [GeneratedRegex(@"^\d+$", Options)]
    private static partial Regex NumberRegex();
}
