using System.Globalization;
using SalesCoachBot.Core.Dates;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Localization;

namespace SalesCoachBot.Core.Tests.Dates;

public sealed class DateInWordsTests
{
    // Thursday 3 December 2026, 11:00 in Berlin.
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    private static DateContext Context(DateOrder order = DateOrder.DayMonth, TimeZoneInfo? zone = null, DateTimeOffset? now = null) =>
        new(now ?? Now, zone ?? Berlin, order);

    private static DateTimeOffset Local(int year, int month, int day, int hour = 23, int minute = 59, TimeZoneInfo? zone = null)
    {
        var local = new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, (zone ?? Berlin).GetUtcOffset(local));
    }

    private static DateReading.Found Found(string text, DateContext? context = null) =>
        Assert.IsType<DateReading.Found>(DateInWords.Read(text, context ?? Context()));

    [Theory]
    [InlineData("today", 2026, 12, 3)]
    [InlineData("tomorrow", 2026, 12, 4)]
    [InlineData("Tomorrow", 2026, 12, 4)]
    [InlineData("tmrw", 2026, 12, 4)]
    [InlineData("friday", 2026, 12, 4)]
    [InlineData("this Friday", 2026, 12, 4)]
    [InlineData("fri", 2026, 12, 4)]
    [InlineData("thursday", 2026, 12, 10)]        // today's weekday: the next one, not today
    [InlineData("monday", 2026, 12, 7)]
    [InlineData("next friday", 2026, 12, 11)]     // the Friday of next week
    [InlineData("next monday", 2026, 12, 7)]
    [InlineData("next week", 2026, 12, 7)]        // its Monday
    [InlineData("next month", 2027, 1, 1)]
    [InlineData("in 3 days", 2026, 12, 6)]
    [InlineData("in a week", 2026, 12, 10)]
    [InlineData("in two weeks", 2026, 12, 17)]
    [InlineData("in 2 months", 2027, 2, 3)]
    [InlineData("end of week", 2026, 12, 4)]
    [InlineData("end of month", 2026, 12, 31)]
    [InlineData("end of the month", 2026, 12, 31)]
    [InlineData("2026-12-10", 2026, 12, 10)]
    [InlineData("2027-1-5", 2027, 1, 5)]
    [InlineData("10/12", 2026, 12, 10)]           // day/month by default
    [InlineData("10/12/2026", 2026, 12, 10)]
    [InlineData("10/12/26", 2026, 12, 10)]
    [InlineData("10.12.2026", 2026, 12, 10)]
    [InlineData("3/1", 2027, 1, 3)]               // this year's 3 January has passed: next year's
    [InlineData("10 Dec", 2026, 12, 10)]
    [InlineData("December 10th", 2026, 12, 10)]
    [InlineData("10th of december 2027", 2027, 12, 10)]
    [InlineData("jan 5", 2027, 1, 5)]
    [InlineData("the 10th", 2026, 12, 10)]
    [InlineData("the 2nd", 2027, 1, 2)]
    [InlineData("on Friday", 2026, 12, 4)]
    public void Read_DateWithoutTime_IsTheEndOfThatLocalDay(string text, int year, int month, int day)
    {
        var found = Found(text);

        Assert.Equal(Local(year, month, day), found.At);
        Assert.False(found.HasTime);
    }

    [Theory]
    [InlineData("end of week", "2026-12-03", "2026-12-03")]        // Thursday, the week's last working day: today
    [InlineData("end of week", "2026-12-04", "2026-12-10")]        // Friday is the weekend: next Thursday
    [InlineData("next week", "2026-12-03", "2026-12-06")]          // its Sunday
    [InlineData("end of next week", "2026-12-03", "2026-12-10")]
    [InlineData("next thursday", "2026-12-03", "2026-12-10")]      // the Thursday of the week starting Sunday 6th
    [InlineData("next sunday", "2026-12-03", "2026-12-06")]
    public void Read_TeamWorkingSundayToThursday_WeekWordsFollowItsWeek(string text, string today, string expected)
    {
        var now = new DateTimeOffset(DateOnly.Parse(today, CultureInfo.InvariantCulture).ToDateTime(new TimeOnly(8, 0)), TimeSpan.Zero);
        var context = Context(now: now) with { Workdays = WorkWeek.Parse("sun-thu") };

        var found = Found(text, context);

        var day = DateOnly.Parse(expected, CultureInfo.InvariantCulture);
        Assert.Equal(Local(day.Year, day.Month, day.Day), found.At);
    }

    [Theory]
    [InlineData("end of week", "2026-12-04")]        // Friday, as before for a Monday-to-Friday team
    [InlineData("next week", "2026-12-07")]
    [InlineData("end of next week", "2026-12-11")]
    public void Read_TeamWorkingMondayToFriday_WeekWordsAsBefore(string text, string expected)
    {
        var day = DateOnly.Parse(expected, CultureInfo.InvariantCulture);

        Assert.Equal(Local(day.Year, day.Month, day.Day), Found(text).At);
    }

    [Theory]
    [InlineData("tomorrow 3pm", 2026, 12, 4, 15, 0)]
    [InlineData("tomorrow at 3 pm", 2026, 12, 4, 15, 0)]
    [InlineData("friday 15:00", 2026, 12, 4, 15, 0)]
    [InlineData("friday at 9:30am", 2026, 12, 4, 9, 30)]
    [InlineData("3pm friday", 2026, 12, 4, 15, 0)]
    [InlineData("at 10am on monday", 2026, 12, 7, 10, 0)]
    [InlineData("noon tomorrow", 2026, 12, 4, 12, 0)]
    [InlineData("2026-12-10 14:30", 2026, 12, 10, 14, 30)]
    [InlineData("3pm", 2026, 12, 3, 15, 0)]       // a time alone is today
    [InlineData("12am tomorrow", 2026, 12, 4, 0, 0)]
    [InlineData("12pm tomorrow", 2026, 12, 4, 12, 0)]
    public void Read_DateAndTime_IsThatLocalTime(string text, int year, int month, int day, int hour, int minute)
    {
        var found = Found(text);

        Assert.Equal(Local(year, month, day, hour, minute), found.At);
        Assert.True(found.HasTime);
    }

    [Fact]
    public void Read_ShortNumericDate_FollowsTheLocaleOrder()
    {
        Assert.Equal(Local(2026, 12, 10), Found("12/10", Context(DateOrder.MonthDay)).At);
        Assert.Equal(Local(2026, 12, 10), Found("10/12", Context(DateOrder.DayMonth)).At);

        // Read the other way they are 12 and 10 October: weeks ago, so refused as past, not moved a year ahead.
        Assert.IsType<DateReading.InPast>(DateInWords.Read("12/10", Context(DateOrder.DayMonth)));
        Assert.IsType<DateReading.InPast>(DateInWords.Read("10/12", Context(DateOrder.MonthDay)));
    }

    [Theory]
    [InlineData("en-US", DateOrder.MonthDay)]
    [InlineData("en-GB", DateOrder.DayMonth)]
    [InlineData("de-DE", DateOrder.DayMonth)]
    [InlineData("fr-FR", DateOrder.DayMonth)]
    [InlineData(null, DateOrder.DayMonth)]
    [InlineData("", DateOrder.DayMonth)]
    public void OrderFor_CultureName_ReadsItsShortDatePattern(string? culture, DateOrder expected) =>
        Assert.Equal(expected, DateContext.OrderFor(culture));

    [Theory]
    [InlineData("yesterday")]
    [InlineData("2026-12-01")]
    [InlineData("9am")]                           // today, but 9:00 has passed (it is 11:00 in Berlin)
    [InlineData("1/12")]
    public void Read_PastDate_IsInPast(string text)
    {
        var past = Assert.IsType<DateReading.InPast>(DateInWords.Read(text, Context()));
        Assert.True(past.At <= Now || DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(past.At, Berlin).DateTime) < new DateOnly(2026, 12, 3));
    }

    [Theory]
    [InlineData("31/02", "31/02")]
    [InlineData("2026-13-45", "2026-13-45")]
    [InlineData("2026-02-30", "2026-02-30")]
    [InlineData("32/12", "32/12")]
    [InlineData("tomorrow 25:00", "25:00")]
    [InlineData("friday 13pm", "13pm")]
    [InlineData("fridya", "friday")]
    [InlineData("soon", "soon")]
    public void Read_NotADate_UnreadableNamingIt(string text, string named)
    {
        var unreadable = Assert.IsType<DateReading.Unreadable>(DateInWords.Read(text, Context()));
        Assert.Contains(named, unreadable.Problem.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("13/13", "ليس تاريخًا: يُقرأ يومًا/شهرًا", "is read day/month")]
    [InlineData("31/02", "ليس تاريخًا: لا يوجد يوم كهذا", "there is no such day")]
    [InlineData("2026-02-30", "ليس تاريخًا: لا يوجد يوم كهذا", "there is no such day")]
    [InlineData("friday 13pm", "ليس وقتًا من اليوم", "is not a time of day")]
    [InlineData("fridya", "هل تقصد «\u2068friday\u2069»؟", "did you mean \"friday\"?")]
    [InlineData("soon", "ليس تاريخًا أستطيع قراءته", "is not a date I can read")]
    [InlineData("", "لم يُذكر أي تاريخ", "No date was given")]
    public void Read_NotADate_ProblemWordedInTheRepliesLanguage(string text, string arabic, string english)
    {
        var problem = Assert.IsType<DateReading.Unreadable>(DateInWords.Read(text, Context())).Problem;

        var inArabic = problem.In(ReplyTexts.Shared.In(ReplyLanguage.Arabic));
        Assert.Contains(arabic, inArabic, StringComparison.Ordinal);
        Assert.DoesNotContain("not a", inArabic, StringComparison.Ordinal);
        Assert.Contains(english, problem.In(ReplyTexts.Shared.In(ReplyLanguage.English)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("demo with their CFO on Friday", "demo with their CFO", 2026, 12, 4, false)]
    [InlineData("call back tomorrow 3pm", "call back", 2026, 12, 4, true)]
    [InlineData("2026-12-10 send pricing", "send pricing", 2026, 12, 10, false)]
    [InlineData("by friday: send the contract", "send the contract", 2026, 12, 4, false)]
    [InlineData("send pricing by end of month", "send pricing", 2026, 12, 31, false)]
    [InlineData("follow up in 3 days", "follow up", 2026, 12, 6, false)]
    [InlineData("meet Sam next week", "meet Sam", 2026, 12, 7, false)]
    public void Find_DateAtEndOrStart_SplitsItFromTheText(string text, string rest, int year, int month, int day, bool hasTime)
    {
        var found = Assert.IsType<DateReading.Found>(DateInWords.Find(text, Context()));

        Assert.Equal(rest, found.Rest);
        Assert.Equal(hasTime, found.HasTime);
        Assert.Equal(new DateOnly(year, month, day), DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(found.At, Berlin).DateTime));
    }

    /// <summary>The dates the unreadable-date answer suggests, in each language, are dates the bot reads.</summary>
    [Theory]
    [InlineData("Friday")]
    [InlineData("tomorrow 3pm")]
    [InlineData("in 3 days")]
    [InlineData("يوم الأحد")]
    [InlineData("بكرة الساعة 3 العصر")]
    [InlineData("بعد 3 أيام")]
    public void Read_TheSuggestedDates_AreRead(string suggested) =>
        Assert.IsType<DateReading.Found>(DateInWords.Read(suggested, Context()));

    // Arabic: the step's words stay as typed, the date words are read through ar.yaml's date_words and time_words.
    [Theory]
    [InlineData("اتصال غدًا", "اتصال", 2026, 12, 4, 23, 59)]
    [InlineData("اتصال بكرة الساعة 3 العصر", "اتصال", 2026, 12, 4, 15, 0)]
    [InlineData("عرض للمدير المالي يوم الأحد", "عرض للمدير المالي", 2026, 12, 6, 23, 59)]
    [InlineData("عرض الأحد الجاي", "عرض", 2026, 12, 6, 23, 59)]
    [InlineData("إرسال العقد الأسبوع القادم", "إرسال العقد", 2026, 12, 7, 23, 59)]
    [InlineData("إرسال العقد نهاية الشهر", "إرسال العقد", 2026, 12, 31, 23, 59)]
    [InlineData("اجتماع في ١٥ ديسمبر", "اجتماع", 2026, 12, 15, 23, 59)]
    [InlineData("اجتماع بعد ٣ أيام", "اجتماع", 2026, 12, 6, 23, 59)]
    [InlineData("اتصال بعد بكرة", "اتصال", 2026, 12, 5, 23, 59)]
    [InlineData("اتصال بعد يومين", "اتصال", 2026, 12, 5, 23, 59)]
    [InlineData("إرسال العقد بعد أسبوعين", "إرسال العقد", 2026, 12, 17, 23, 59)]
    [InlineData("مراجعة بعد شهرين", "مراجعة", 2027, 2, 3, 23, 59)]
    [InlineData("الخميس الجاي 10 صباحا: عرض السعر", "عرض السعر", 2026, 12, 10, 10, 0)]
    public void Find_ArabicDateInWords_ReadWithTheStepAsTyped(string text, string rest, int year, int month, int day, int hour, int minute)
    {
        var found = Assert.IsType<DateReading.Found>(DateInWords.Find(text, Context()));

        Assert.Equal(rest, found.Rest);
        Assert.Equal(Local(year, month, day, hour, minute), found.At);
    }

    [Theory]
    [InlineData("مراجعة العقد مع الإدارة القانونية")]
    [InlineData("اجتماع في المكتب")]
    [InlineData("دراسة جدوى مُفصّلة")]
    public void Find_ArabicWithoutDate_NoneWithTheWholeTextAsTyped(string text)
    {
        var none = Assert.IsType<DateReading.None>(DateInWords.Find(text, Context()));
        Assert.Equal(text, none.Rest);
    }

    [Fact]
    public void Find_ArabicYesterday_InPast()
    {
        var past = Assert.IsType<DateReading.InPast>(DateInWords.Find("اتصال أمس", Context()));
        Assert.Equal("أمس", past.Phrase);
    }

    [Theory]
    [InlineData("send the ROI case")]
    [InlineData("discount of 10.50 agreed")]
    [InlineData("talk about money")]
    [InlineData("call 3 people")]
    public void Find_NoDate_NoneWithTheWholeText(string text)
    {
        var none = Assert.IsType<DateReading.None>(DateInWords.Find(text, Context()));
        Assert.Equal(text, none.Rest);
    }

    [Theory]
    [InlineData("demo on fridya", "friday")]
    [InlineData("send pricing on 31/02", "31/02")]
    [InlineData("call at 25:00 tomorrow", "25:00")]
    public void Find_DateThatCannotBeRead_Unreadable(string text, string named)
    {
        var unreadable = Assert.IsType<DateReading.Unreadable>(DateInWords.Find(text, Context()));
        Assert.Contains(named, unreadable.Problem.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("call about the 10/12 invoice")]
    [InlineData("send the 3/11 minutes to legal")]
    [InlineData("raise the 2026-11-30 invoice again")]
    public void Find_RealDayInsideTheWords_NoneWithTheWholeText(string text)
    {
        // A day that exists, said inside the words, names something ("the 10/12 invoice"): no due date and no "no such day".
        var none = Assert.IsType<DateReading.None>(DateInWords.Find(text, Context()));
        Assert.Equal(text, none.Rest);
    }

    [Fact]
    public void Find_ImpossibleDayInsideTheWords_StillUnreadable()
    {
        var unreadable = Assert.IsType<DateReading.Unreadable>(DateInWords.Find("call about the 31/02 invoice", Context()));
        Assert.Contains("31/02", unreadable.Problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Find_PastDate_InPast()
    {
        var past = Assert.IsType<DateReading.InPast>(DateInWords.Find("send pricing on 2026-11-30", Context()));
        Assert.Equal("2026-11-30", past.Phrase);
    }

    [Fact]
    public void Read_Tomorrow_IsTheTeamsLocalTomorrowNotUtcs()
    {
        // 22:00 on 3 December in New York is already 4 December in UTC.
        var now = new DateTimeOffset(2026, 12, 4, 3, 0, 0, TimeSpan.Zero);

        var found = Found("tomorrow", Context(zone: NewYork, now: now));

        Assert.Equal(Local(2026, 12, 4, zone: NewYork), found.At);
        Assert.Equal(new DateTimeOffset(2026, 12, 5, 4, 59, 0, TimeSpan.Zero), found.At.ToUniversalTime());
    }

    [Fact]
    public void Read_TimeSkippedBySpringForward_TheFirstMinuteThatExists()
    {
        var now = new DateTimeOffset(2027, 3, 20, 10, 0, 0, TimeSpan.Zero);

        var found = Found("2027-03-28 2:30am", Context(now: now));

        Assert.Equal(new DateTimeOffset(2027, 3, 28, 3, 0, 0, TimeSpan.FromHours(2)), found.At);
    }

    [Fact]
    public void Describe_DateOnlyAndWithTime_InTheZone()
    {
        Assert.Equal("Fri 4 Dec 2026", DateInWords.Describe(Local(2026, 12, 4), Berlin));
        Assert.Equal("Fri 4 Dec 2026, 15:00", DateInWords.Describe(Local(2026, 12, 4, 15, 0), Berlin));
        Assert.False(DateInWords.HasTime(Local(2026, 12, 4), Berlin));
    }

    [Fact]
    public void Read_AfterEndOfDayOnTheDay_TodayIsPast()
    {
        var late = new DateTimeOffset(2026, 12, 3, 22, 59, 30, TimeSpan.Zero); // 23:59:30 in Berlin

        Assert.IsType<DateReading.InPast>(DateInWords.Read("today", Context(now: late)));
        Assert.IsType<DateReading.Found>(DateInWords.Read("tomorrow", Context(now: late)));
    }
}
