using System.Globalization;
using System.Text.RegularExpressions;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Dates;

/// <summary>How a short numeric date such as 10/12 is read: 10 December (day first) or October 12 (month first).</summary>
public enum DateOrder
{
    DayMonth,
    MonthDay,
}

/// <summary>
/// Where and when a date in words is read: "now", the time zone whose calendar "today" and "Friday" mean, the
/// order of a short numeric date, and the team's working week ("end of week" is its last working day). A date without a
/// time is due by the end of its local day (stored as 23:59 local), so a step booked "for Friday" is still ahead all Friday.
/// </summary>
public sealed record DateContext(DateTimeOffset Now, TimeZoneInfo Zone, DateOrder Order = DateOrder.DayMonth)
{
    /// <summary>The local time a date without a time stands for: the end of that day.</summary>
    public static readonly TimeOnly EndOfDay = new(23, 59);

    /// <summary>The team's working days: "next week" starts on the first, "end of week" is the last.</summary>
    public WorkWeek Workdays { get; init; } = WorkWeek.MondayToFriday;

    public DateOnly Today => ZonedDay.Of(Now, Zone);

    /// <summary>
    /// The order for a culture name such as <c>en-US</c> (month first) or <c>en-GB</c> (day first), read from the
    /// culture's short date pattern; unknown or missing names give day first, the order of most of the world.
    /// </summary>
    public static DateOrder OrderFor(string? cultureName)
    {
        if (string.IsNullOrWhiteSpace(cultureName))
        {
            return DateOrder.DayMonth;
        }

        try
        {
            var pattern = CultureInfo.GetCultureInfo(cultureName.Trim()).DateTimeFormat.ShortDatePattern;
            var month = pattern.IndexOf('M', StringComparison.Ordinal);
            var day = pattern.IndexOf('d', StringComparison.Ordinal);
            return month >= 0 && day >= 0 && month < day ? DateOrder.MonthDay : DateOrder.DayMonth;
        }
        catch (CultureNotFoundException)
        {
            return DateOrder.DayMonth;
        }
    }
}

/// <summary>What reading a date gave.</summary>
public abstract record DateReading
{
    private DateReading()
    {
    }

    /// <summary>
    /// A date (and maybe a time) in the future; <see cref="Rest"/> is the text around it. <see cref="SaidIn"/>: the zone
    /// the time was said in ("3pm Dubai time"), when not the context's; <see cref="At"/> is the same instant either way.
    /// </summary>
    public sealed record Found(DateTimeOffset At, bool HasTime, string Phrase, string Rest) : DateReading
    {
        public TimeZoneInfo? SaidIn { get; init; }
    }

    /// <summary>No date in the text at all.</summary>
    public sealed record None(string Rest) : DateReading;

    /// <summary>Something that looks like a date but is not one; <see cref="Problem"/> says why, naming it.</summary>
    public sealed record Unreadable(string Phrase, CoachingWords Problem) : DateReading;

    /// <summary>A real date that has passed.</summary>
    public sealed record InPast(DateTimeOffset At, bool HasTime, string Phrase) : DateReading;
}

/// <summary>
/// Reads dates people type: today, tomorrow, weekday names (the next one; "next Friday" is the Friday of next week),
/// "next week" (its first working day: Monday, or Sunday for a sun-thu team), "next month" (its 1st), "in 3
/// days|weeks|months", "end of week" (the team's last working day) and "end of month", ISO 2026-12-10,
/// 10/12 and 10/12/2026 in the <see cref="DateOrder"/>, "10 Dec", "December 10th", "the 10th", with an optional time
/// ("3pm", "3:30 pm", "15:00", "noon"). Pure: the clock and zone come in a <see cref="DateContext"/>.
/// </summary>
public static partial class DateInWords
{
    private static readonly string[] Lead = ["on", "by", "for", "due", "at", "before", "until", "till", "from"];

    /// <summary>
    /// Finds a date at the end or the start of <paramref name="text"/> ("call back tomorrow 3pm", "2026-12-10 send
    /// pricing"); the rest of the text comes back without the date and its lead word ("on", "by").
    /// </summary>
    public static DateReading Find(string text, DateContext context)
    {
        // "call back tomorrow 3pm Dubai time", "at 3pm CET", «… الساعة 3 العصر بتوقيت دبي»: the time is read in that zone
        // (the instant is the same in the team's); a day alone is the team's day, the zone's words dropped either way.
        if (ZoneAtEnd(text) is { } said)
        {
            switch (FindHere(said.Before, context with { Zone = said.Zone }))
            {
                case DateReading.Found { HasTime: true } found:
                    return found with { SaidIn = said.Zone };
                case DateReading.InPast { HasTime: true } past:
                    return past;
            }

            if (FindHere(said.Before, context) is (DateReading.Found or DateReading.InPast or DateReading.Unreadable) and var day)
            {
                return day;
            }
        }

        return FindHere(text, context);
    }

    /// <summary>
    /// A time zone named at the end of the words: "Dubai time", "in London time", an abbreviation alone ("CET", "ET"),
    /// «بتوقيت دبي», «حسب توقيت السعودية» (the <c>time_zones</c> of en.yaml and ar.yaml). A city without "time" is not
    /// one ("demo at 3pm London" may say where). Null when none is, or the zone is not on this machine.
    /// </summary>
    // «حسب توقيت», «على توقيت»: the words before «توقيت» that open a zone, folded as typed words are («على» → «علي»).
    private static readonly string[] ZoneOpeners = [LanguagePack.Lower("حسب"), LanguagePack.Lower("على")];

    internal static (string Before, TimeZoneInfo Zone)? ZoneAtEnd(string text)
    {
        var typed = text.Split((char[])[' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries);
        var keys = typed.Select(w => LanguagePack.Lower(w).Trim('.', ',', ';', '!', '?', ':', '(', ')', '"', '\'')).ToArray();
        var n = keys.Length;
        (string Before, TimeZoneInfo Zone)? Zone(LanguagePack pack, int from, int to, int restEnd)
        {
            var name = string.Join(' ', keys[from..to]);
            return restEnd > 0 && pack.TimeZones.TryGetValue(name, out var id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone)
                ? (string.Join(' ', typed[..restEnd]), zone)
                : null;
        }

        var english = LanguagePack.English;
        var arabic = LanguagePack.Arabic;
        if (n >= 2 && keys[^1] is "time" or "timezone")
        {
            for (var length = Math.Min(2, n - 1); length >= 1; length--)
            {
                var start = n - 1 - length;
                var restEnd = start > 0 && keys[start - 1] == "in" ? start - 1 : start;
                if (Zone(english, start, n - 1, restEnd) is { } named)
                {
                    return named;
                }
            }
        }

        // An abbreviation alone: short, and in the zones' list ("3pm CET", "10am ET").
        if (n >= 2 && keys[^1].Length <= 4 && keys[^1].All(char.IsAsciiLetter) && Zone(english, n - 1, n, n - 1) is { } abbreviated)
        {
            return abbreviated;
        }

        // «بتوقيت دبي», «على توقيت أبو ظبي»: the marker, then one or two words of the zone's name.
        for (var length = 1; length <= 2 && n - length - 1 >= 1; length++)
        {
            var marker = n - length - 1;
            if (keys[marker] is "بتوقيت" or "توقيت")
            {
                var restEnd = keys[marker] == "توقيت" && marker > 0 && ZoneOpeners.Contains(keys[marker - 1]) ? marker - 1 : marker;
                if (Zone(arabic, marker + 1, n, restEnd) is { } named)
                {
                    return named;
                }
            }
        }

        return null;
    }

    private static DateReading FindHere(string text, DateContext context)
    {
        var words = Words(text);
        if (words.Count == 0)
        {
            return new DateReading.None(string.Empty);
        }

        // Longest date at the end first, then at the start: "demo with the CFO on Friday", "Friday: demo".
        for (var start = Math.Max(0, words.Count - 6); start < words.Count; start++)
        {
            if (TryRead(words, start, words.Count, context) is { } atEnd)
            {
                // "send the minutes of Dec 10", "… from Dec 3", «إرسال محضر ١٠ ديسمبر»: a date after a word of date_owners
                // says which minutes, not when they are due; the words stay as typed.
                if (OwnedBy(words, start))
                {
                    break;
                }

                return WithRest(atEnd, words, TrimLead(words, start), words.Count);
            }
        }

        var first = 0;
        while (first < words.Count && Lead.Contains(words[first].Key, StringComparer.Ordinal))
        {
            first++;
        }

        for (var end = Math.Min(words.Count, first + 6); end > first; end--)
        {
            if (TryRead(words, first, end, context) is { } atStart)
            {
                return WithRest(atStart, words, 0, end);
            }
        }

        // Nothing readable: a word that looks like a date (31/02, 25:00, "on fridya") is named rather than kept as text.
        for (var i = 0; i < words.Count; i++)
        {
            var afterLead = i > 0 && Lead.Contains(words[i - 1].Key, StringComparer.Ordinal);

            // A real day inside the words ("call about the 10/12 invoice") names something; it is not a due date and no error.
            if (TryRead(words, i, i + 1, context) is DateReading.Found or DateReading.InPast)
            {
                continue;
            }

            if (LooksLikeDate(words[i].Key, afterLead) is { } problem)
            {
                return new DateReading.Unreadable(words[i].Text, problem);
            }
        }

        return new DateReading.None(string.Join(' ', words.Select(w => w.Text)));
    }

    /// <summary>
    /// Whether a date found in the middle of a step is when it is due, not words of the step: opened by a word that says so
    /// ("on", "by", "due", "before", "until", "for", "at", "in" of "in 3 days"; «يوم», «في», «قبل», «بعد» through ar.yaml's
    /// <c>date_words</c>), or said right after the deal's name without "the" ("call Initech tomorrow about pricing"). "send
    /// Globex the Dec 10 minutes" keeps "the Dec 10 minutes" as the step's words. "from" says where, not when.
    /// </summary>
    public static bool SaysWhenDue(string text, bool rightAfterName) => Words(text) is [var first, ..]
        && (first.Key is "in" || (first.Key is not "from" && Lead.Contains(first.Key, StringComparer.Ordinal)) || (rightAfterName && first.Key is not "the"));

    /// <summary>Reads text that should be nothing but a date (a date picker's value, "tomorrow 3pm").</summary>
    public static DateReading Read(string text, DateContext context)
    {
        var words = Words(text);
        if (words.Count == 0)
        {
            return new DateReading.Unreadable(string.Empty, new("Dates.NoDate"));
        }

        if (ReadWhole(words, context) is { } reading)
        {
            return reading;
        }

        var phrase = string.Join(' ', words.Select(w => w.Text));
        return new DateReading.Unreadable(phrase, words.Select(w => LooksLikeDate(w.Key, fuzzy: true)).FirstOrDefault(p => p is not null)
            ?? new CoachingWords("Dates.Unreadable", phrase));
    }

    /// <summary>
    /// Whether <paramref name="text"/> is nothing but a date, past or to come: <see cref="Read"/> for callers that only ask,
    /// without naming what is wrong when it is not (a fuzzy look at every word, most of the parser's cost of a deal's name).
    /// </summary>
    public static bool IsDate(string text, DateContext context) =>
        Words(text) is { Count: > 0 } words && ReadWhole(words, context) is DateReading.Found or DateReading.InPast;

    /// <summary>The words, after any leading "on", "by", "due" …, read as one date; null when they are none.</summary>
    private static DateReading? ReadWhole(List<Word> words, DateContext context)
    {
        var start = 0;
        while (start < words.Count - 1 && Lead.Contains(words[start].Key, StringComparer.Ordinal))
        {
            start++;
        }

        return TryRead(words, start, words.Count, context);
    }

    /// <summary>
    /// Text that is nothing but a clock time ("at 3pm", "15:30", «الساعة 3 العصر»): that time; null for anything else,
    /// a date or a bare number ("Phase 2") included.
    /// </summary>
    public static TimeOnly? ReadTime(string text)
    {
        var keys = Words(text).Select(w => w.Key).Where(k => k.Length > 0).SkipWhile(k => k == "at").ToList();
        return keys.Count == 0 ? null : ParseTime(keys).Time;
    }

    /// <summary>A date for people: "Fri 11 Dec 2026", with ", 15:00" when it has a time of its own.</summary>
    public static string Describe(DateTimeOffset at, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        var date = local.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture);
        return TimeOnly.FromDateTime(local.DateTime) == DateContext.EndOfDay
            ? date
            : date + local.ToString(", HH:mm", CultureInfo.InvariantCulture);
    }

    /// <summary>Whether <paramref name="at"/> carries a time of its own (not the end-of-day stand-in).</summary>
    public static bool HasTime(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime) != DateContext.EndOfDay;

    private readonly record struct Word(string Text, string Key);

    private static List<Word> Words(string text)
    {
        List<Word> words = [.. text.Split((char[])[' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries)
            .Select(w => new Word(w, w.Trim('.', ',', ';', '!', '?', ':', '(', ')', '"', '\'').ToLowerInvariant()))
            .Where(w => w.Text.Length > 0)];
        return words.Any(w => w.Key.Any(ArabicText.IsArabicLetter)) ? InEnglish(words) : words;
    }

    /// <summary>
    /// Arabic date words as the English ones this reader takes («يوم الأحد الساعة 3 العصر» → on sunday at 3 pm): ar.yaml's
    /// <c>date_words</c>, two words or one, then its <c>time_words</c>. Each word keeps its Arabic text, so the rest of
    /// the step reads as it was typed; a word whose meaning is empty («الجاي») joins the word before it.
    /// </summary>
    private static List<Word> InEnglish(List<Word> words)
    {
        var arabic = LanguagePack.Arabic;
        var keys = words.Select(w => LanguagePack.Lower(w.Key).Trim('.', ',', ';', '!', '?', ':')).ToList();
        var result = new List<Word>(words.Count);
        for (var i = 0; i < words.Count; i++)
        {
            if (i + 1 < words.Count && arabic.DateWords.TryGetValue(keys[i] + " " + keys[i + 1], out var pair))
            {
                result.Add(new Word(words[i].Text + " " + words[i + 1].Text, pair));
                i++;
            }
            else if (!arabic.DateWords.TryGetValue(keys[i], out var english) && !arabic.TimeWords.TryGetValue(keys[i], out english))
            {
                result.Add(words[i] with { Key = keys[i] });
            }
            else if (english.Length > 0 || result.Count == 0)
            {
                result.Add(new Word(words[i].Text, english.Length > 0 ? english : keys[i]));
            }
            else
            {
                result[^1] = result[^1] with { Text = result[^1].Text + " " + words[i].Text };
            }
        }

        return result;
    }

    /// <summary>Whether the date from <paramref name="start"/> belongs to an object: said after "of", "from", «محضر», «عن».</summary>
    private static bool OwnedBy(List<Word> words, int start) =>
        words.Skip(Math.Max(0, start - 1)).Take(start > 0 ? 2 : 1).Any(w =>
            LanguagePack.English.Words("date_owners").Contains(w.Key) || LanguagePack.Arabic.Words("date_owners").Contains(w.Key));

    private static int TrimLead(List<Word> words, int start)
    {
        while (start > 0 && Lead.Contains(words[start - 1].Key, StringComparer.Ordinal))
        {
            start--;
        }

        return start;
    }

    private static DateReading WithRest(DateReading reading, List<Word> words, int from, int to)
    {
        var restWords = words.Take(from).Concat(words.Skip(to)).ToList();
        while (restWords.Count > 0 && Lead.Contains(restWords[^1].Key, StringComparer.Ordinal))
        {
            restWords.RemoveAt(restWords.Count - 1);
        }

        var rest = string.Join(' ', restWords.Select(w => w.Text)).Trim().Trim(',', ';', ':', '-', '–').Trim();
        return reading is DateReading.Found found ? found with { Rest = rest } : reading;
    }

    /// <summary>Reads words [start, end) as one date phrase with an optional time before or after; null when they are not one.</summary>
    private static DateReading? TryRead(List<Word> words, int start, int end, DateContext context)
    {
        var keys = words.Skip(start).Take(end - start).Select(w => w.Key).Where(k => k.Length > 0).ToList();
        if (keys.Count == 0 || keys.Count != end - start || Lead.Contains(keys[0], StringComparer.Ordinal))
        {
            return null;
        }

        var phrase = string.Join(' ', words.Skip(start).Take(end - start).Select(w => w.Text)).Trim(',', '.', ';', ':');

        // A time at the end ("tomorrow 3pm", "friday at 15:00") or at the start ("3pm tomorrow"), or alone (today).
        for (var split = keys.Count; split >= 0; split--)
        {
            var datePart = keys.Take(split).ToList();
            var timePart = keys.Skip(split).ToList();
            if (timePart.Count > 0 && timePart[0] == "at")
            {
                timePart.RemoveAt(0);
            }

            if (datePart.Count > 0 && datePart[^1] == "at")
            {
                datePart.RemoveAt(datePart.Count - 1);
            }

            var time = timePart.Count == 0 ? new TimeResult(null, null) : ParseTime(timePart);
            if (time.Problem is not null && timePart.Count > 0 && datePart.Count > 0 && ParseDate(datePart, context) is { Date: not null })
            {
                return new DateReading.Unreadable(phrase, time.Problem);
            }

            if (timePart.Count > 0 && time.Time is null)
            {
                continue;
            }

            var date = datePart.Count == 0
                ? (time.Time is null ? new DateResult(null, null) : new DateResult(context.Today, null))
                : ParseDate(datePart, context);
            if (date.Problem is not null)
            {
                return new DateReading.Unreadable(phrase, date.Problem);
            }

            if (date.Date is { } day)
            {
                return Resolve(day, time.Time, phrase, context);
            }
        }

        // Time first: "3pm tomorrow", "at 10am on friday".
        for (var split = 1; split < keys.Count; split++)
        {
            var timePart = keys.Take(split).Where(k => k != "at").ToList();
            var datePart = keys.Skip(split).SkipWhile(k => k is "on" or "at").ToList();
            if (timePart.Count == 0 || datePart.Count == 0)
            {
                continue;
            }

            var parsedTime = ParseTime(timePart);
            if (parsedTime.Problem is not null && ParseDate(datePart, context) is { Date: not null })
            {
                return new DateReading.Unreadable(phrase, parsedTime.Problem);
            }

            if (parsedTime.Time is not { } time)
            {
                continue;
            }

            var date = ParseDate(datePart, context);
            if (date.Problem is not null)
            {
                return new DateReading.Unreadable(phrase, date.Problem);
            }

            if (date.Date is { } day)
            {
                return Resolve(day, time, phrase, context);
            }
        }

        return null;
    }

    private static DateReading Resolve(DateOnly day, TimeOnly? time, string phrase, DateContext context)
    {
        var local = ZonedDay.FirstExisting(day.ToDateTime(time ?? DateContext.EndOfDay, DateTimeKind.Unspecified), context.Zone);

        var offset = context.Zone.IsAmbiguousTime(local) ? context.Zone.GetAmbiguousTimeOffsets(local).Max() : context.Zone.GetUtcOffset(local);
        var at = new DateTimeOffset(local, offset);
        return day < context.Today || at <= context.Now
            ? new DateReading.InPast(at, time is not null, phrase)
            : new DateReading.Found(at, time is not null, phrase, string.Empty);
    }

    private readonly record struct DateResult(DateOnly? Date, CoachingWords? Problem);

    private readonly record struct TimeResult(TimeOnly? Time, CoachingWords? Problem);

    private static DateResult ParseDate(List<string> keys, DateContext context)
    {
        var today = context.Today;
        var text = string.Join(' ', keys);
        switch (text)
        {
            case "today" or "tonight" or "this evening" or "this afternoon" or "this morning" or "eod" or "end of day" or "end of today":
                return new(today, null);
            case "tomorrow" or "tmrw" or "tmr" or "tomorow" or "tommorow" or "tommorrow" or "tomorrow morning" or "tomorrow afternoon":
                return new(today.AddDays(1), null);
            case "yesterday":
                return new(today.AddDays(-1), null); // read, so it can be refused as past rather than kept as text
            case "day after tomorrow" or "the day after tomorrow":
                return new(today.AddDays(2), null);
            case "next week":
                return new(NextWeekStart(context), null);
            case "next month":
                return new(new DateOnly(today.Year, today.Month, 1).AddMonths(1), null);
            case "end of week" or "end of the week" or "end of this week" or "eow" or "this week":
                return new(today.AddDays(DaysUntil(today.DayOfWeek, context.Workdays.Last, allowToday: true)), null);
            case "end of month" or "end of the month" or "end of this month" or "eom" or "this month":
                return new(new DateOnly(today.Year, today.Month, 1).AddMonths(1).AddDays(-1), null);
            case "end of next month":
                return new(new DateOnly(today.Year, today.Month, 1).AddMonths(2).AddDays(-1), null);
            case "end of next week":
                return new(NextWeekStart(context).AddDays(DaysUntil(context.Workdays.First, context.Workdays.Last, allowToday: true)), null);
        }

        // Weekdays: "friday" / "this friday" is the next one; "next friday" the one in next week.
        if (keys.Count <= 2 && Weekday(keys[^1]) is { } weekday)
        {
            var first = keys.Count == 1 ? null : keys[0];
            if (first is null or "this" or "coming" or "on")
            {
                return new(today.AddDays(DaysUntil(today.DayOfWeek, weekday, allowToday: false)), null);
            }

            if (first == "next")
            {
                return new(NextWeekStart(context).AddDays(DaysUntil(context.Workdays.First, weekday, allowToday: true)), null);
            }

            return new(null, null);
        }

        // "in 3 days", "in a week", "in two weeks". «بعد يومين», «بعد أسبوعين» ("in two days/weeks", one Arabic word
        // each): the dual reads through time_words as one key "2 days", split here as typed in English.
        if (keys is ["in", var dual] && dual.Contains(' ', StringComparison.Ordinal))
        {
            keys = ["in", .. dual.Split(' ', StringSplitOptions.RemoveEmptyEntries)];
        }

        if (keys.Count is 2 or 3 && keys[0] == "in")
        {
            var count = keys.Count == 2 ? "1" : keys[1];
            var unit = keys[^1];
            if (Number(count) is { } n && n is > 0 and <= 366)
            {
                return unit switch
                {
                    "day" or "days" => new(today.AddDays(n), null),
                    "week" or "weeks" or "wk" or "wks" => new(today.AddDays(7 * n), null),
                    "month" or "months" => n <= 24 ? new(today.AddMonths(n), null) : new(null, null),
                    _ => new(null, null),
                };
            }

            return new(null, null);
        }

        if (keys.Count == 1 && IsoRegex().Match(keys[0]) is { Success: true } iso)
        {
            return Checked(Int(iso, "y"), Int(iso, "m"), Int(iso, "d"), keys[0]);
        }

        if (keys.Count == 1 && NumericRegex().Match(keys[0]) is { Success: true } numeric)
        {
            var a = Int(numeric, "a");
            var b = Int(numeric, "b");
            var (day, month) = context.Order == DateOrder.MonthDay ? (b, a) : (a, b);
            if (!numeric.Groups["y"].Success)
            {
                if (month is < 1 or > 12 || day < 1 || day > 31)
                {
                    return new(null, Invalid(keys[0], context.Order));
                }

                return ThisOrNextYear(today, month, day, keys[0]);
            }

            var year = Int(numeric, "y");
            year = year < 100 ? 2000 + year : year;
            return month is < 1 or > 12 ? new(null, Invalid(keys[0], context.Order)) : Checked(year, month, day, keys[0]);
        }

        // "10 dec", "10th of december 2026", "dec 10", "december 10th, 2026", "the 10th".
        var words = keys.Where(k => k is not ("the" or "of")).ToList();
        if (words.Count is >= 1 and <= 3)
        {
            int? dayOfMonth = null;
            int? monthNumber = null;
            int? yearNumber = null;
            foreach (var word in words)
            {
                if (Month(word) is { } m && monthNumber is null)
                {
                    monthNumber = m;
                }
                else if (OrdinalRegex().Match(word) is { Success: true } ordinal && dayOfMonth is null)
                {
                    dayOfMonth = Int(ordinal, "n");
                }
                else if (YearRegex().IsMatch(word) && yearNumber is null && dayOfMonth is not null)
                {
                    yearNumber = Digits(word);
                }
                else
                {
                    return new(null, null);
                }
            }

            if (dayOfMonth is not { } dom || (monthNumber is null && (words.Count > 1 || !keys.Contains("the"))))
            {
                return new(null, null);
            }

            if (monthNumber is not { } month)
            {
                // "the 10th": this month's, or next month's when it has passed.
                var candidate = Checked(today.Year, today.Month, dom, text);
                if (candidate.Date is { } c && c >= today)
                {
                    return candidate;
                }

                var next = new DateOnly(today.Year, today.Month, 1).AddMonths(1);
                return Checked(next.Year, next.Month, dom, text);
            }

            if (yearNumber is { } y)
            {
                return Checked(y, month, dom, text);
            }

            return ThisOrNextYear(today, month, dom, text);
        }

        return new(null, null);
    }

    /// <summary>
    /// A date without a year: this year's, or next year's when this year's is long gone ("3/1" said in December). A date
    /// a few weeks back stays this year's, so it is refused as past rather than moved a year ahead.
    /// </summary>
    private static DateResult ThisOrNextYear(DateOnly today, int month, int day, string text)
    {
        var thisYear = Checked(today.Year, month, day, text);
        return thisYear.Date is { } d && d < today.AddDays(-60) ? Checked(today.Year + 1, month, day, text) : thisYear;
    }

    private static CoachingWords Invalid(string text, DateOrder order) =>
        new(order == DateOrder.MonthDay ? "Dates.NoSuchDay.MonthDay" : "Dates.NoSuchDay.DayMonth", text);

    private static DateResult Checked(int year, int month, int day, string text)
    {
        if (year is < 2000 or > 2100 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return new(null, new CoachingWords("Dates.NoSuchDay", text));
        }

        return new(new DateOnly(year, month, day), null);
    }

    private static TimeResult ParseTime(List<string> keys)
    {
        var text = string.Concat(keys);
        switch (text)
        {
            case "noon" or "midday":
                return new(new TimeOnly(12, 0), null);
            case "midnight":
                return new(new TimeOnly(0, 0), null);
        }

        // "12 noon", «الساعة ٢ الظهر» ("2 at midday", read "2 noon"): the early afternoon, not noon itself.
        if (NoonHourRegex().Match(text) is { Success: true } noonHour)
        {
            return Int(noonHour, "h") switch
            {
                12 => new(new TimeOnly(12, 0), null),
                var h and >= 1 and <= 5 => new(new TimeOnly(h + 12, 0), null),
                _ => new(null, new CoachingWords("Dates.NoSuchTime", string.Join(' ', keys))),
            };
        }

        if (TimeRegex().Match(text) is not { Success: true } match)
        {
            return new(null, null);
        }

        var hour = Int(match, "h");
        var minute = match.Groups["m"].Success ? Int(match, "m") : 0;
        var meridiem = match.Groups["p"].Success ? match.Groups["p"].Value : null;
        if (meridiem is null && !match.Groups["m"].Success)
        {
            return new(null, null); // a bare number is not a time
        }

        if (minute > 59 || (meridiem is null ? hour > 23 : hour is < 1 or > 12))
        {
            return new(null, new CoachingWords("Dates.NoSuchTime", string.Join(' ', keys)));
        }

        if (meridiem is not null)
        {
            hour = (hour % 12) + (meridiem.StartsWith('p') ? 12 : 0);
        }

        return new(new TimeOnly(hour, minute), null);
    }

    /// <summary>A word that looks like a date or time but is not one, with the reason; null for ordinary words.</summary>
    /// <param name="fuzzy">Whether a near miss of a weekday or month counts ("on fridya"); only where a date is expected.</param>
    private static CoachingWords? LooksLikeDate(string key, bool fuzzy)
    {
        if (IsoRegex().IsMatch(key) || LooseIsoRegex().IsMatch(key))
        {
            return new("Dates.NoSuchDay", key);
        }

        if (NumericRegex().IsMatch(key))
        {
            return new("Dates.NoSuchDay", key);
        }

        if (TimeRegex().Match(key) is { Success: true } time && (time.Groups["p"].Success || time.Groups["m"].Success))
        {
            return new("Dates.NoSuchTime", key);
        }

        if (fuzzy && key.Length >= 5 && Weekday(key) is null && Month(key) is null
            && KnownWords.FirstOrDefault(w => Math.Abs(w.Length - key.Length) <= 2 && Distance(w, key) is > 0 and <= 2) is { } meant)
        {
            return new("Dates.DidYouMean", key, meant);
        }

        return null;
    }

    private static readonly string[] KnownWords =
    [
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "tomorrow", "today",
        "january", "february", "march", "april", "august", "september", "october", "november", "december",
    ];

    private static readonly F23.StringSimilarity.Levenshtein Levenshtein = new();

    private static int Distance(string a, string b) => (int)Levenshtein.Distance(a, b);

    /// <summary>The first day of the team's next week: its first working day after today (a Monday, or a Sunday for sun-thu).</summary>
    private static DateOnly NextWeekStart(DateContext context) =>
        context.Today.AddDays(DaysUntil(context.Today.DayOfWeek, context.Workdays.First, allowToday: false));

    private static int DaysUntil(DayOfWeek from, DayOfWeek to, bool allowToday)
    {
        var days = ((int)to - (int)from + 7) % 7;
        return days == 0 && !allowToday ? 7 : days;
    }

    /// <summary>An English weekday, full or abbreviated, in lower case ("thu", "thurs", "thursday"); null otherwise.</summary>
    internal static DayOfWeek? Weekday(string word) => word switch
    {
        "monday" or "mon" => DayOfWeek.Monday,
        "tuesday" or "tue" or "tues" => DayOfWeek.Tuesday,
        "wednesday" or "wed" or "weds" => DayOfWeek.Wednesday,
        "thursday" or "thu" or "thur" or "thurs" => DayOfWeek.Thursday,
        "friday" or "fri" => DayOfWeek.Friday,
        "saturday" or "sat" => DayOfWeek.Saturday,
        "sunday" or "sun" => DayOfWeek.Sunday,
        _ => null,
    };

    private static int? Month(string word) => word switch
    {
        "january" or "jan" => 1,
        "february" or "feb" => 2,
        "march" or "mar" => 3,
        "april" or "apr" => 4,
        "may" => 5,
        "june" or "jun" => 6,
        "july" or "jul" => 7,
        "august" or "aug" => 8,
        "september" or "sep" or "sept" => 9,
        "october" or "oct" => 10,
        "november" or "nov" => 11,
        "december" or "dec" => 12,
        _ => null,
    };

    private static int? Number(string word) => word switch
    {
        "a" or "an" or "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        _ => int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null,
    };

    private static int Int(Match match, string group) => Digits(match.Groups[group].Value);

    // \d matches every script's decimal digits («١٥/١٢» from an English sentence keeps them); int.Parse takes ASCII only.
    private static int Digits(string digits) => digits.Aggregate(0, (value, c) => (value * 10) + (int)char.GetNumericValue(c));

    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;

    [GeneratedRegex(@"^(?<y>\d{4})-(?<m>\d{1,2})-(?<d>\d{1,2})$", Options)]
    private static partial Regex IsoRegex();

    [GeneratedRegex(@"^\d{4}-\d+-\d+$", Options)]
    private static partial Regex LooseIsoRegex();

    [GeneratedRegex(@"^(?<a>\d{1,2})(/(?<b>\d{1,2})(/(?<y>\d{2}|\d{4}))?|\.(?<b>\d{1,2})\.(?<y>\d{4}))$", Options)]
    private static partial Regex NumericRegex();

    [GeneratedRegex(@"^(?<n>\d{1,2})(st|nd|rd|th)?$", Options)]
    private static partial Regex OrdinalRegex();

    [GeneratedRegex(@"^\d{4}$", Options)]
    private static partial Regex YearRegex();

    [GeneratedRegex(@"^(?<h>\d{1,2})([:h](?<m>\d{2}))?(?<p>am|pm|a\.m\.|p\.m\.|a|p)?$", Options)]
    private static partial Regex TimeRegex();

    [GeneratedRegex(@"^(?<h>\d{1,2})noon$", Options)]
    private static partial Regex NoonHourRegex();
}
