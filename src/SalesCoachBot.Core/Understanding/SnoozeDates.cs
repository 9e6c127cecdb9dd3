using System.Globalization;
using System.Text.RegularExpressions;
using SalesCoachBot.Core.Dates;
using SalesCoachBot.Core.Localization;

namespace SalesCoachBot.Core.Understanding;

/// <summary>
/// When a snooze ends, or why the words could not be read. <see cref="TimeNotKept"/>: a time of day was said with the day
/// ("until Monday 9am"), which the snooze does not keep (it ends as the day starts), so the reply says so.
/// </summary>
internal sealed record SnoozeEndReading(DateTimeOffset? Until, CoachingWords? Problem, bool TimeNotKept = false);

/// <summary>
/// Reads the end of a snooze from words: "3 days", "2 weeks", "a week", "a month", "until tomorrow", "until Monday", "until
/// 2026-12-10"; any other date after "until", "till" or "by" ("till the 15th", "until Dec 20") through the next-step
/// reader, <see cref="DateInWords"/>. A duration counts from now; a day means the start of that day in the team's time
/// zone (the deal is back in that morning's digest). A weekday is the next one after today.
/// </summary>
internal static partial class SnoozeDates
{
    public static SnoozeEndReading Read(string? text, DateTimeOffset now, TimeZoneInfo zone)
    {
        var words = English(text);
        if (words.Length == 0)
        {
            return new(null, new("SnoozeDates.SayHowLong"));
        }

        var duration = DurationRegex().Match(words);
        // "for 2 hours": a snooze ends as a day starts, so it is said in days.
        if (duration.Success && duration.Groups["h"].Success)
        {
            return new(null, new("SnoozeDates.InDays"));
        }

        if (duration.Success)
        {
            // "week", «أسبوع»: one of it. A month is 30 days, as in a pipeline's window: "a month" is the longest snooze,
            // and not the 31 a calendar month can have, which would be refused as too long.
            var count = duration.Groups["n"].Success ? Number(duration.Groups["n"].Value) : 1;
            var days = duration.Groups["u"].Value[0] switch
            {
                'w' => count * 7,
                'm' => count * 30,
                _ => count,
            };
            return days < 1 ? new(null, new("SnoozeDates.AtLeastADay")) : new(now.AddDays(days), null);
        }

        var until = UntilRegex().Match(words);
        if (!until.Success || !(until.Groups["u"].Success || Weekday(until.Groups["d"].Value) is not null || until.Groups["d"].Value is "tomorrow"))
        {
            return UntilADate(text, words, new DateContext(now, zone)) ?? new(null, new("SnoozeDates.NotATime", text));
        }

        var today = ZonedDay.Of(now, zone);
        var day = until.Groups["d"].Value;
        DateOnly? date = day switch
        {
            "tomorrow" or "tmrw" or "tmr" => today.AddDays(1),
            _ when Weekday(day) is { } weekday => today.AddDays(((int)weekday - (int)today.DayOfWeek + 6) % 7 + 1),
            _ when Iso(ArabicText.Normalize(text ?? string.Empty)) is { } iso => iso,
            _ => null,
        };
        if (date is not { } end)
        {
            return UntilADate(text, words, new DateContext(now, zone)) ?? new(null, new("SnoozeDates.NotADay", text));
        }

        var at = ZonedDay.StartOf(end, zone);
        // The day itself, worded in the reply's language where the refusal is shown (CoachingWords).
        return at <= now ? new(null, new("SnoozeDates.NotInFuture", end)) : new(at, null);
    }

    /// <summary>True when the words read as a snooze's time in either language ("3 days", "until Monday", «لحد الأحد»), valid or not.</summary>
    public static bool LooksLikeTime(string? text)
    {
        var words = English(text);
        return words.Length > 0 && (DurationRegex().IsMatch(words) || (UntilRegex().Match(words) is { Success: true } until
            && (until.Groups["u"].Success || Weekday(until.Groups["d"].Value) is not null || until.Groups["d"].Value is "tomorrow" or "tmrw" or "tmr"))
            || UntilADate(text, words, AnyDay) is not null);
    }

    /// <summary>
    /// Where only whether words are a date matters. A day in this century: "the 15th" or "Dec 20" read against the Unix
    /// epoch are no date the reader accepts.
    /// </summary>
    private static readonly DateContext AnyDay = new(new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.Zero), TimeZoneInfo.Utc);

    /// <summary>
    /// "until the 15th", "till Dec 15", "by 10/12": a date the next-step reader knows, after "until", "till" or "by". The
    /// snooze ends as that day starts in the team's zone; a day that has begun is refused. Null when the words are no
    /// such date, so the caller names what it could not read.
    /// </summary>
    private static SnoozeEndReading? UntilADate(string? text, string words, DateContext context)
    {
        if (words.Split(' ')[0] is not ("until" or "till" or "til" or "by"))
        {
            return null;
        }

        return DateInWords.Read(text ?? string.Empty, context) switch
        {
            // A snooze is by day (the deal is back in that morning's digest): "Monday 9am" ends as Monday starts, said in the reply.
            DateReading.Found found when ZonedDay.Of(found.At, context.Zone) is var day && ZonedDay.StartOf(day, context.Zone) > context.Now
                => new(ZonedDay.StartOf(day, context.Zone), null, found.HasTime),
            DateReading.Found found => new(null, new("SnoozeDates.NotInFuture", ZonedDay.Of(found.At, context.Zone))),
            DateReading.InPast past => new(null, new("SnoozeDates.NotInFuture", ZonedDay.Of(past.At, context.Zone))),
            _ => null,
        };
    }

    /// <summary>
    /// The time in the English words this reader takes: folded words, Arabic ones through ar.yaml's <c>time_words</c>
    /// («٣ أيام» → "3 days", «لحد يوم الأحد» → "until day sunday", «لبكرة» → "until tomorrow").
    /// </summary>
    public static string English(string? text)
    {
        var words = TextFolding.Words(ArabicText.Normalize(text ?? string.Empty));
        if (!words.Any(w => w.Any(ArabicText.IsArabicLetter)))
        {
            return string.Join(' ', words);
        }

        var time = LanguagePack.Arabic.TimeWords;
        var english = new List<string>();
        foreach (var word in words)
        {
            if (time.TryGetValue(word, out var known))
            {
                english.Add(known);
                continue;
            }

            // «لبكرة», «للأحد», «بأسبوع»: a glued preposition; «ل» before a day means "until".
            var glued = ArabicText.WithoutPrefixes(word, 3).FirstOrDefault(time.ContainsKey);
            if (glued is null)
            {
                english.Add(word);
                continue;
            }

            var meaning = time[glued];
            english.Add(word[0] == '\u0644' && (Weekday(meaning) is not null || meaning == "tomorrow") ? "until " + meaning : meaning);
        }

        return string.Join(' ', english.Where(w => w.Length > 0));
    }

    /// <summary>
    /// The time as an English wording says it back to a person ("did you mean …?", its Yes button): their own words as
    /// typed when they are English ("until Monday", never "until monday"), else the English words read from the Arabic
    /// ones (<see cref="English"/>) with the weekday written as English writes it («لحد الأحد» → "until Sunday").
    /// </summary>
    public static string EnglishWording(string? text)
    {
        var typed = (text ?? string.Empty).Trim();
        if (!typed.Any(ArabicText.IsArabicLetter))
        {
            return typed;
        }

        return string.Join(' ', English(typed).Split(' ').Select(w => Weekday(w) is { } day ? day.ToString() : w));
    }

    private static DayOfWeek? Weekday(string word) => word switch
    {
        "monday" or "mon" => DayOfWeek.Monday,
        "tuesday" or "tue" or "tues" => DayOfWeek.Tuesday,
        "wednesday" or "wed" => DayOfWeek.Wednesday,
        "thursday" or "thu" or "thur" or "thurs" => DayOfWeek.Thursday,
        "friday" or "fri" => DayOfWeek.Friday,
        "saturday" or "sat" => DayOfWeek.Saturday,
        "sunday" or "sun" => DayOfWeek.Sunday,
        _ => null,
    };

    private static DateOnly? Iso(string? text)
    {
        var match = IsoRegex().Match(text ?? string.Empty);
        return match.Success && DateOnly.TryParseExact(match.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
    }

    private static int Number(string word) => word switch
    {
        "a" or "an" or "one" => 1,
        "two" or "couple" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "ten" => 10,
        "fourteen" => 14,
        "thirty" => 30,
        _ => int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0,
    };

    [GeneratedRegex(@"^((for|by|in|until|till|til) )?(next )?(((a )?(?<n>couple)( of)?|(?<n>\d{1,4}|a|an|one|two|three|four|five|six|seven|ten|fourteen|thirty)) ?((?<u>days?|d|weeks?|wks?|w|months?|mo)|(?<h>hours?|hrs?|minutes?|mins?))|(?<u>days?|weeks?|months?)|(?<h>hours?|minutes?))$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex DurationRegex();

    [GeneratedRegex(@"^((?<u>until|till|til|to) )?(day )?(next )?(?<d>[a-z]+|\d{4} \d{2} \d{2})$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex UntilRegex();

    [GeneratedRegex(@"\b\d{4}-\d{2}-\d{2}\b", RegexOptions.CultureInvariant)]
    private static partial Regex IsoRegex();
}
