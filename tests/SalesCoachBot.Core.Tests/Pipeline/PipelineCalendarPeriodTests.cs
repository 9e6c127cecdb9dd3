using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Pipeline;
using SalesCoachBot.Core.Tests.Fakes;

namespace SalesCoachBot.Core.Tests.Pipeline;

/// <summary>
/// "pipeline this month" was the last 30 days and "this quarter" the last 90: a manager means the calendar month or
/// quarter so far, and "last month" the whole month before, in the team's time zone. Asked at 03:00 UTC on Tuesday
/// 1 December 2026, which is noon in Tokyo, for a team in Tokyo: December there began at 15:00 UTC on 30 November.
/// </summary>
public sealed class PipelineCalendarPeriodTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 3, 0, 0, TimeSpan.Zero);
    private readonly BotHarness _bot = new();

    public PipelineCalendarPeriodTests()
    {
        _bot.Emea.TimeZoneId = "Asia/Tokyo";
        _bot.Clock.SetUtcNow(Now);

        // Won at 01:00 on 1 December in Tokyo (still 30 November in UTC): December's.
        Closed("A", DealStatus.Won, ("discovery", At(11, 20, 0)), ("demo", At(11, 25, 0)), ("contract-signed", At(11, 30, 16)));
        // Won at 23:00 on 30 November in Tokyo: November's.
        Closed("B", DealStatus.Won, ("discovery", At(11, 10, 0)), ("demo", At(11, 20, 0)), ("contract-signed", At(11, 30, 14)));
        Closed("L", DealStatus.Lost, ("discovery", At(11, 5, 0)), ("demo", At(11, 15, 0)));
        // Entered discovery at 03:00 on 1 December in Tokyo, still there.
        Open("C", ("discovery", At(11, 30, 18)));
    }

    public void Dispose() => _bot.Dispose();

    private static DateTimeOffset At(int month, int day, int hour) => new(2026, month, day, hour, 0, 0, TimeSpan.Zero);

    private Deal Open(string id, params (string Stage, DateTimeOffset At)[] path)
    {
        var deal = _bot.Stores.AddDeal(id, "Deal " + id, _bot.Rep, _bot.Emea, path[^1].Stage, path[^1].At);
        deal.Amount = 10_000;
        deal.Currency = "EUR";
        deal.CreatedAt = path[0].At;
        foreach (var (stage, at) in path)
        {
            _bot.Stores.History.Add(new StageHistoryEntry
            {
                Id = _bot.Stores.History.Count + 1,
                DealId = deal.Id,
                StageId = new StageId(stage),
                EnteredAt = at,
                Kind = StageChangeKind.Advanced,
            });
        }

        return deal;
    }

    private void Closed(string id, DealStatus status, params (string Stage, DateTimeOffset At)[] path)
    {
        var deal = Open(id, path);
        deal.Status = status;
        deal.ClosedAt = path[^1].At;
        deal.LostReason = status == DealStatus.Lost ? "price" : null;
    }

    [Fact]
    public async Task Pipeline_ThisMonth_FromTheFirstInTheTeamsZoneToNow()
    {
        var answer = await _bot.AskAsync("pipeline this month", _bot.Manager);

        Assert.StartsWith("Pipeline for EMEA · December so far", answer.Text, StringComparison.Ordinal);
        Assert.Equal("History: December so far", answer.Card!.Subtitle);
        Assert.Contains("Won 1, lost 0: win rate 100%", answer.Text, StringComparison.Ordinal);
        Assert.Contains("Median cycle (Discovery to Contract signed): 11 days over 1 deal won.", answer.Text, StringComparison.Ordinal);
        Assert.Contains("Discovery → Demo: 0% (0 of 1)", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("30 days", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pipeline_LastMonth_TheWholeMonthBeforeInTheTeamsZone()
    {
        var answer = await _bot.AskAsync("pipeline last month", _bot.Manager);

        Assert.StartsWith("Pipeline for EMEA · November 2026", answer.Text, StringComparison.Ordinal);
        Assert.Contains("Won 1, lost 1: win rate 50%", answer.Text, StringComparison.Ordinal);
        Assert.Contains("Median cycle (Discovery to Contract signed): 21 days over 1 deal won.", answer.Text, StringComparison.Ordinal);
        Assert.Contains("Discovery → Demo: 100% (3 of 3)", answer.Text, StringComparison.Ordinal);
        // Its week is November's last, not the last 7 days before now.
        Assert.Contains("Last week of November 2026: 1 stage entry", answer.Text, StringComparison.Ordinal);
        Assert.Contains("The last 7 days of November 2026 against the 7 before", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Since last week", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pipeline_TeamInUtc_TheSameInstantsFallInNovember()
    {
        _bot.Emea.TimeZoneId = "UTC";

        var answer = await _bot.AskAsync("pipeline this month", _bot.Manager);

        Assert.StartsWith("Pipeline for EMEA · December so far", answer.Text, StringComparison.Ordinal);
        Assert.Contains("No deals won or lost in December so far.", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pipeline_Last30Days_StaysATrailingWindow()
    {
        var answer = await _bot.AskAsync("pipeline last 30 days", _bot.Manager);

        Assert.StartsWith("Pipeline for EMEA · the last 30 days", answer.Text, StringComparison.Ordinal);
        Assert.Contains("Won 2, lost 1: win rate 67%", answer.Text, StringComparison.Ordinal);
        Assert.Contains("Since last week: ", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pipeline this quarter", "Q4 2026 so far")]
    [InlineData("pipeline last quarter", "Q3 2026")]
    [InlineData("pipeline this year", "2026 so far")]
    [InlineData("pipeline last year", "2025")]
    public async Task Pipeline_QuartersAndYears_CalendarPeriodsNamedInTheReply(string text, string window)
    {
        var answer = await _bot.AskAsync(text, _bot.Manager);

        Assert.StartsWith($"Pipeline for EMEA · {window}", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pipeline_DetailsButton_KeepsTheCalendarPeriod()
    {
        var summary = await _bot.AskAsync("pipeline last month", _bot.Manager);
        var open = Assert.IsType<PipelineDetailsPayload>(summary.Card!.Details!.Open);

        var details = await _bot.TurnAsync(new ActionInput(open, []), _bot.Manager);

        // The month the card showed, with its year (issue import49: "last-month" pressed in January meant December).
        Assert.Equal("month-2026-11", open.Period);
        Assert.StartsWith("Pipeline details for EMEA · November 2026", details.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("خط المبيعات هذا الشهر", "ديسمبر حتى الآن", "صفقة رابحة واحدة، لا صفقات خاسرة")]
    [InlineData("خط المبيعات الشهر الماضي", "نوفمبر 2026", "صفقة رابحة واحدة، صفقة خاسرة واحدة")]
    [InlineData("خط المبيعات هذا الربع", "الربع الرابع من 2026 حتى الآن", "صفقتان رابحتان، صفقة خاسرة واحدة")]
    [InlineData("خط المبيعات آخر ٣٠ يوم", "آخر 30 يومًا", "صفقتان رابحتان، صفقة خاسرة واحدة")]
    public async Task Pipeline_InArabic_CalendarPeriodsInTheTeamsZone(string text, string window, string outcome)
    {
        _bot.Manager.Language = "ar";

        var answer = await _bot.AskAsync(text, _bot.Manager);

        Assert.Contains($"· {window}", answer.Text, StringComparison.Ordinal);
        Assert.Contains(outcome, answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_BerlinAroundAMonthEndAndADaylightSavingChange_LocalMidnights()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

        // 23:30 UTC on 30 November is 00:30 on 1 December in Berlin: this month is December, begun 30 minutes ago.
        var december = new CalendarPeriod(CalendarUnit.Month, Previous: false).Resolve(new DateTimeOffset(2026, 11, 30, 23, 30, 0, TimeSpan.Zero), berlin);
        // October runs from 22:00 UTC (summer time) to 23:00 UTC (winter time).
        var october = new CalendarPeriod(CalendarUnit.Month, Previous: true).Resolve(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero), berlin);

        Assert.Equal((new DateOnly(2026, 12, 1), new DateTimeOffset(2026, 11, 30, 23, 0, 0, TimeSpan.Zero)), (december.Start, december.Window.From.ToUniversalTime()));
        Assert.Equal((new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 1)), (october.Start, october.End));
        Assert.Equal(
            (new DateTimeOffset(2026, 9, 30, 22, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 10, 31, 23, 0, 0, TimeSpan.Zero)),
            (october.Window.From.ToUniversalTime(), october.Window.To.ToUniversalTime()));
    }

    [Theory]
    [InlineData("pipeline EMEA for November")]
    [InlineData("how did EMEA do in November")]
    [InlineData("pipeline Nov 2026")]
    public async Task Pipeline_NamedPastMonth_ThatWholeMonthInTheTeamsZone(string text)
    {
        var answer = await _bot.AskAsync(text, _bot.Manager);

        // The same days as "last month": B won at 23:00 on 30 November in Tokyo counts, A won at 01:00 on 1 December does not.
        Assert.StartsWith("Pipeline for EMEA · November 2026", answer.Text, StringComparison.Ordinal);
        Assert.Equal("History: November 2026", answer.Card!.Subtitle);
        Assert.Contains("Won 1, lost 1: win rate 50%", answer.Text, StringComparison.Ordinal);
        Assert.Contains("Median cycle (Discovery to Contract signed): 21 days over 1 deal won.", answer.Text, StringComparison.Ordinal);
        Assert.Contains("Last week of November 2026: 1 stage entry", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pipeline_NamedCurrentMonth_SoFar()
    {
        var answer = await _bot.AskAsync("pipeline for December", _bot.Manager);

        Assert.StartsWith("Pipeline for EMEA · December so far", answer.Text, StringComparison.Ordinal);
        Assert.Contains("Won 1, lost 0: win rate 100%", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pipeline for January", "January 2026")]
    [InlineData("pipeline November 2025", "November 2025")]
    public async Task Pipeline_NamedMonthBeforeTheHistory_ThatMonthEmpty(string text, string month)
    {
        var answer = await _bot.AskAsync(text, _bot.Manager);

        // "January" asked in December is the January that has begun, this year's; November 2025 is a year back.
        Assert.StartsWith($"Pipeline for EMEA · {month}", answer.Text, StringComparison.Ordinal);
        Assert.Contains($"No deals won or lost in {month}.", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pipeline_MonthNotBegunInTheTeamsZone_RefusedByName()
    {
        // 03:00 UTC on 1 December is still 30 November in New York: December 2026 has not begun there.
        _bot.Emea.TimeZoneId = "America/New_York";

        var future = await _bot.AskAsync("pipeline EMEA for January 2027", _bot.Manager);
        var december = await _bot.AskAsync("pipeline December 2026", _bot.Manager);

        Assert.Equal(
            "January 2027 has not begun yet, so there is no history in it. Ask for a month that has begun, for example \"pipeline last month\".",
            future.Text);
        Assert.Equal("Pick another window", future.Card!.Title);
        Assert.Contains("December 2026 has not begun yet", december.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pipeline_InArabic_MonthNotBegunRefused()
    {
        _bot.Manager.Language = "ar";

        var answer = await _bot.AskAsync("خط المبيعات لفريق EMEA في يناير 2027", _bot.Manager);

        Assert.Contains("لم يبدأ شهر يناير 2027 بعد، فلا سجل فيه. اسأل عن شهر قد بدأ، مثل «خط المبيعات الشهر الماضي».", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("(الفترة:", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("خط المبيعات لفريق EMEA في نوفمبر", "نوفمبر 2026", "صفقة رابحة واحدة، صفقة خاسرة واحدة")]
    [InlineData("خط المبيعات تشرين الثاني", "نوفمبر 2026", "صفقة رابحة واحدة، صفقة خاسرة واحدة")]
    [InlineData("خط المبيعات ديسمبر", "ديسمبر حتى الآن", "صفقة رابحة واحدة، لا صفقات خاسرة")]
    [InlineData("خط المبيعات لفريق EMEA للربع الرابع", "الربع الرابع من 2026 حتى الآن", "صفقتان رابحتان، صفقة خاسرة واحدة")]
    public async Task Pipeline_InArabic_NamedMonthOrQuarterSaysIt(string text, string window, string outcome)
    {
        _bot.Manager.Language = "ar";

        var answer = await _bot.AskAsync(text, _bot.Manager);

        Assert.Contains($"· {window}", answer.Text, StringComparison.Ordinal);
        Assert.Contains(outcome, answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pipeline EMEA for Q4", "Q4 2026 so far", "Won 2, lost 1: win rate 67%")]
    [InlineData("how did we do in the fourth quarter", "Q4 2026 so far", "Won 2, lost 1: win rate 67%")]
    [InlineData("pipeline Q3", "Q3 2026", "No deals won or lost in Q3 2026.")]
    [InlineData("win rate for Q4 2025", "Q4 2025", "No deals won or lost in Q4 2025.")]
    [InlineData("quarterly pipeline", "Q4 2026 so far", "Won 2, lost 1: win rate 67%")]
    public async Task Pipeline_NamedQuarter_ThatQuarterInTheTeamsZone(string text, string window, string outcome)
    {
        var answer = await _bot.AskAsync(text, _bot.Manager);

        // Q4 so far in Tokyo holds A (won 1 December there), B (won 30 November) and L (lost 15 November). "win rate" opens
        // with its own line, the report's header after it.
        Assert.Contains(answer.Text.Split('\n').Take(2), l => l.StartsWith($"Pipeline for EMEA · {window}", StringComparison.Ordinal));
        Assert.Contains(outcome, answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pipeline_QuarterNotBegun_RefusedByName()
    {
        var english = await _bot.AskAsync("pipeline for Q1 2027", _bot.Manager);
        _bot.Manager.Language = "ar";
        var arabic = await _bot.AskAsync("خط المبيعات للربع الأول 2027", _bot.Manager);

        Assert.Equal(
            "Q1 2027 has not begun yet, so there is no history in it. Ask for a quarter that has begun, for example \"pipeline last quarter\".",
            english.Text);
        // The quarter's figures are isolated (U+2068 … U+2069) in the Arabic text.
        Assert.Equal("لم يبدأ الربع الأول من 2027 بعد، فلا سجل فيه. اسأل عن ربع قد بدأ، مثل «خط المبيعات الربع الماضي».", arabic.Text);
    }

    [Theory]
    [InlineData("pipeline next quarter", "Q1 2027 has not begun yet, so there is no history in it.")]
    [InlineData("pipeline EMEA next month", "January 2027 has not begun yet, so there is no history in it.")]
    [InlineData("pipeline for the coming year", "2027 has not begun yet, so there is no history in it.")]
    public async Task Pipeline_PeriodAhead_RefusedAsNotBegun(string text, string first)
    {
        var answer = await _bot.AskAsync(text, _bot.Manager);

        // Was the last 12 months with nothing said about "next quarter" (audit52 LEFT 1).
        Assert.StartsWith(first, answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("خط المبيعات الربع الجاي", "لم يبدأ الربع الأول من 2027 بعد، فلا سجل فيه.")]
    [InlineData("خط المبيعات للشهر القادم", "لم يبدأ شهر يناير 2027 بعد، فلا سجل فيه.")]
    public async Task Pipeline_InArabic_PeriodAhead_RefusedAsNotBegun(string text, string first)
    {
        _bot.Manager.Language = "ar";

        var answer = await _bot.AskAsync(text, _bot.Manager);

        Assert.StartsWith(first, answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pipeline next week", "Next week (from Mon 7 Dec) has not begun yet, so there is no history in it.")]
    [InlineData("what moved next week", "Next week (from Mon 7 Dec) has not begun yet, so no deal has moved in it.")]
    [InlineData("won deals next week", "Next week (from Mon 7 Dec) has not begun yet, so nothing has closed in it.")]
    public async Task Pipeline_WeekAhead_RefusedAsNotBegun(string text, string first)
    {
        var answer = await _bot.AskAsync(text, _bot.Manager);

        // Was "the last 7 days" with nothing said about "next week", while "next quarter" was refused.
        Assert.StartsWith(first, answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pipeline_InArabic_WeekAhead_RefusedAsNotBegun()
    {
        _bot.Manager.Language = "ar";

        var answer = await _bot.AskAsync("خط المبيعات الأسبوع الجاي", _bot.Manager);

        Assert.StartsWith("لم يبدأ الأسبوع القادم (من الاثنين 7 ديسمبر) بعد، فلا سجل فيه.", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pipeline_YearNotBegun_RefusedByName()
    {
        var english = await _bot.AskAsync("won deals 2099", _bot.Manager);
        _bot.Manager.Language = "ar";
        var arabic = await _bot.AskAsync("خط المبيعات 2099", _bot.Manager);

        Assert.Equal(
            "2099 has not begun yet, so nothing has closed in it. Ask for a year that has begun, for example \"won deals last year\".",
            english.Text);
        Assert.Equal("لم تبدأ سنة \u20682099\u2069 بعد، فلا سجل فيها. اسأل عن سنة قد بدأت، مثل «خط المبيعات السنة الماضية».", arabic.Text);
    }

    [Fact]
    public async Task Pipeline_YearAlone_ThatWholeYear()
    {
        var answer = await _bot.AskAsync("pipeline EMEA 2025", _bot.Manager);

        Assert.StartsWith("Pipeline for EMEA · 2025", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pipeline EMEA for November", "month-2026-11", "November 2026")]
    [InlineData("pipeline EMEA for Q3", "quarter-2026-3", "Q3 2026")]
    public async Task Pipeline_DetailsButton_KeepsTheNamedMonthOrQuarterWithItsYear(string text, string code, string period)
    {
        var summary = await _bot.AskAsync(text, _bot.Manager);
        var open = Assert.IsType<PipelineDetailsPayload>(summary.Card!.Details!.Open);
        // Pressed a month later, "November" alone would still be November 2026; the year keeps it so in any case.
        _bot.Clock.SetUtcNow(Now.AddDays(400));

        var details = await _bot.TurnAsync(new ActionInput(open, []), _bot.Manager);

        Assert.Equal(code, open.Period);
        Assert.StartsWith($"Pipeline details for EMEA · {period}", details.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("this-month")]
    [InlineData("last-month")]
    [InlineData("this-quarter")]
    [InlineData("last-quarter")]
    [InlineData("this-year")]
    [InlineData("last-year")]
    [InlineData("month-2026-11")]
    [InlineData("month-1999-01")]
    [InlineData("month-05")]
    [InlineData("quarter-2026-3")]
    [InlineData("quarter-4")]
    [InlineData("year-2025")]
    public void Code_RoundTrips(string code)
    {
        Assert.Equal(code, CalendarPeriod.FromCode(code)!.Code);
    }

    [Theory]
    [InlineData("month-2026-13")]
    [InlineData("month-2026-00")]
    [InlineData("month-0000-01")]
    [InlineData("month-9999-12")]
    [InlineData("month-2026-1")]
    [InlineData("next-month")]
    [InlineData("quarter-5")]
    [InlineData("quarter-2026-0")]
    [InlineData("quarter-0999-1")]
    [InlineData("year-0999")]
    [InlineData("year-25")]
    [InlineData(null)]
    public void FromCode_NotAPeriod_Null(string? code)
    {
        Assert.Null(CalendarPeriod.FromCode(code));
    }

    [Fact]
    public void Resolve_NamedQuarterWithoutYear_TheLatestThatHasBegun()
    {
        var february = new DateTimeOffset(2027, 2, 10, 12, 0, 0, TimeSpan.Zero);

        var first = CalendarPeriod.NamedQuarter(1).Resolve(february, TimeZoneInfo.Utc);
        var fourth = CalendarPeriod.NamedQuarter(4).Resolve(february, TimeZoneInfo.Utc);

        Assert.Equal((new DateOnly(2027, 1, 1), new DateOnly(2027, 4, 1), false), (first.Start, first.End, first.Whole));
        Assert.Equal((new DateOnly(2026, 10, 1), new DateOnly(2027, 1, 1), true), (fourth.Start, fourth.End, fourth.Whole));
        Assert.Throws<ArgumentOutOfRangeException>(() => CalendarPeriod.NamedQuarter(5));
        Assert.Throws<ArgumentOutOfRangeException>(() => CalendarPeriod.NamedQuarter(2, 3000));
    }

    [Fact]
    public void Resolve_NamedMonthInRiyadh_ItsLocalMidnights()
    {
        var riyadh = TimeZoneInfo.FindSystemTimeZoneById("Asia/Riyadh");
        // 22:00 UTC on 31 December 2026 is 01:00 on 1 January 2027 in Riyadh (UTC+3): January 2027 has begun there.
        var newYear = new DateTimeOffset(2026, 12, 31, 22, 0, 0, TimeSpan.Zero);

        var november = CalendarPeriod.Named(11).Resolve(newYear, riyadh);
        var january = CalendarPeriod.Named(1, 2027).Resolve(newYear, riyadh);
        var december = CalendarPeriod.Named(12).Resolve(newYear, riyadh);

        Assert.Equal(
            (new DateOnly(2026, 11, 1), true, new DateTimeOffset(2026, 10, 31, 21, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 30, 21, 0, 0, TimeSpan.Zero)),
            (november.Start, november.Whole, november.Window.From.ToUniversalTime(), november.Window.To.ToUniversalTime()));
        Assert.Equal((true, false, new DateTimeOffset(2026, 12, 31, 21, 0, 0, TimeSpan.Zero), newYear), (january.HasBegun, january.Whole, january.Window.From.ToUniversalTime(), january.Window.To));
        Assert.Equal((new DateOnly(2026, 12, 1), new DateOnly(2027, 1, 1), true), (december.Start, december.End, december.Whole));
        Assert.Equal(2026, december.Period.Year);
    }

    [Fact]
    public void Resolve_NamedMonthInNewYork_ItsLocalMidnightsAcrossDaylightSaving()
    {
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        // The same instant is still 31 December 2026 in New York (17:00, UTC-5): January 2027 has not begun.
        var newYear = new DateTimeOffset(2026, 12, 31, 22, 0, 0, TimeSpan.Zero);

        var january = CalendarPeriod.Named(1, 2027).Resolve(newYear, newYork);
        var januaryAlone = CalendarPeriod.Named(1).Resolve(newYear, newYork);
        // November begins in summer time (UTC-4) and ends in winter time (UTC-5).
        var november = CalendarPeriod.Named(11).Resolve(newYear, newYork);

        Assert.False(january.HasBegun);
        Assert.Equal((new DateOnly(2026, 1, 1), true, true), (januaryAlone.Start, januaryAlone.Whole, januaryAlone.HasBegun));
        Assert.Equal(
            (new DateTimeOffset(2026, 11, 1, 4, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 1, 5, 0, 0, TimeSpan.Zero)),
            (november.Window.From.ToUniversalTime(), november.Window.To.ToUniversalTime()));
    }
}
