using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Tests.Understanding;

public sealed class SnoozeDatesTests
{
    // Friday 27 November 2026, 23:30 UTC: already Saturday in Berlin.
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 23, 30, 0, TimeSpan.Zero);
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    [Theory]
    [InlineData("3 days", "2026-11-30T23:30:00+00:00")]
    [InlineData("3d", "2026-11-30T23:30:00+00:00")]
    [InlineData("2 weeks", "2026-12-11T23:30:00+00:00")]
    [InlineData("a week", "2026-12-04T23:30:00+00:00")]
    [InlineData("a month", "2026-12-27T23:30:00+00:00")]
    [InlineData("2 months", "2027-01-26T23:30:00+00:00")]
    [InlineData("شهر", "2026-12-27T23:30:00+00:00")]
    [InlineData("لمدة شهرين", "2027-01-26T23:30:00+00:00")]
    [InlineData("until tomorrow", "2026-11-29T00:00:00+01:00")]
    [InlineData("until monday", "2026-11-30T00:00:00+01:00")]
    [InlineData("until saturday", "2026-12-05T00:00:00+01:00")]
    [InlineData("till next fri", "2026-12-04T00:00:00+01:00")]
    [InlineData("until 2026-12-10", "2026-12-10T00:00:00+01:00")]
    // "next week", "in 3 days": a length of time, however it is introduced.
    [InlineData("until next week", "2026-12-04T23:30:00+00:00")]
    [InlineData("till next month", "2026-12-27T23:30:00+00:00")]
    [InlineData("in 3 days", "2026-11-30T23:30:00+00:00")]
    [InlineData("next two weeks", "2026-12-11T23:30:00+00:00")]
    [InlineData("٣ أيام", "2026-11-30T23:30:00+00:00")]
    [InlineData("أسبوع", "2026-12-04T23:30:00+00:00")]
    [InlineData("أسبوعين", "2026-12-11T23:30:00+00:00")]
    [InlineData("لبعد أسبوع", "2026-12-04T23:30:00+00:00")]
    [InlineData("لمدة عشرة أيام", "2026-12-07T23:30:00+00:00")]
    [InlineData("يومين", "2026-11-29T23:30:00+00:00")]
    [InlineData("لحد الأحد", "2026-11-29T00:00:00+01:00")]
    [InlineData("حتى يوم الاثنين الجاي", "2026-11-30T00:00:00+01:00")]
    [InlineData("لبكرة", "2026-11-29T00:00:00+01:00")]
    [InlineData("إلى ٢٠٢٦-١٢-١٠", "2026-12-10T00:00:00+01:00")]
    // A date the next-step reader knows, after "until", "till" or "by": that day's start.
    [InlineData("till the 15th", "2026-12-15T00:00:00+01:00")]
    [InlineData("until Dec 20", "2026-12-20T00:00:00+01:00")]
    [InlineData("by the 1st", "2026-12-01T00:00:00+01:00")]
    public void Read_WordsInTheTeamsZone_EndOfSnooze(string text, string expected)
    {
        var reading = SnoozeDates.Read(text, Now, Berlin);

        Assert.Null(reading.Problem);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), reading.Until);
    }

    [Theory]
    // Santiago skips midnight on Sun 6 Sep 2026 (00:00 → 01:00): the snooze ends at 01:00, the day's first minute.
    [InlineData("until Sunday")]
    [InlineData("لحد الأحد")]
    [InlineData("until 2026-09-06")]
    public void Read_DayWhoseMidnightIsSkipped_EndsAtItsFirstMinute(string text)
    {
        var santiago = TimeZoneInfo.FindSystemTimeZoneById("America/Santiago");
        var thursday = new DateTimeOffset(2026, 9, 3, 15, 0, 0, TimeSpan.Zero);

        var reading = SnoozeDates.Read(text, thursday, santiago);

        Assert.Null(reading.Problem);
        Assert.Equal(new DateTimeOffset(2026, 9, 6, 1, 0, 0, TimeSpan.FromHours(-3)), reading.Until);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0 days")]
    [InlineData("until someday")]
    [InlineData("until 2026-13-40")]
    [InlineData("until 2026-11-20")]
    [InlineData("soon")]
    [InlineData("قريبا")]
    [InlineData("لحد بعدين")]
    [InlineData("لبعد الإجازة")]
    public void Read_Unreadable_SaysWhy(string text)
    {
        var reading = SnoozeDates.Read(text, Now, Berlin);

        Assert.Null(reading.Until);
        Assert.False(string.IsNullOrWhiteSpace(reading.Problem?.ToString()));
    }

    /// <summary>
    /// Why the words were refused, in the reply's language; a past day is said in words, and "until 2026-11-28" is past
    /// because Saturday has begun in Berlin though UTC still reads Friday.
    /// </summary>
    [Theory]
    [InlineData("", "قل إلى متى", "Say for how long")]
    [InlineData("0 days", "يوم واحد على الأقل", "at least one day")]
    [InlineData("soon", "لا أستطيع قراءة «\u2068soon\u2069» كمدة", "I can't read \"soon\" as a time")]
    [InlineData("until 2026-13-40", "لا أستطيع قراءة «\u2068until 2026-13-40\u2069» كيوم", "as a day")]
    [InlineData("until 2026-11-20", "الجمعة 20 نوفمبر 2026 ليس في المستقبل.", "Fri 20 Nov 2026 is not in the future.")]
    [InlineData("until 2026-11-28", "السبت 28 نوفمبر 2026 ليس في المستقبل.", "Sat 28 Nov 2026 is not in the future.")]
    [InlineData("until the 28th", "السبت 28 نوفمبر 2026 ليس في المستقبل.", "Sat 28 Nov 2026 is not in the future.")]
    public void Read_Unreadable_ProblemWordedInTheRepliesLanguage(string text, string arabic, string english)
    {
        var problem = SnoozeDates.Read(text, Now, Berlin).Problem;

        Assert.NotNull(problem);
        Assert.Contains(arabic, problem.In(ReplyTexts.Shared.In(ReplyLanguage.Arabic)), StringComparison.Ordinal);
        Assert.Contains(english, problem.In(ReplyTexts.Shared.In(ReplyLanguage.English)), StringComparison.Ordinal);
    }
}
