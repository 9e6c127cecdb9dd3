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

        Assert.StartsWith("Pipeline for EMEA (history: December so far)", answer.Text, StringComparison.Ordinal);
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

        Assert.StartsWith("Pipeline for EMEA (history: November 2026)", answer.Text, StringComparison.Ordinal);
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

        Assert.StartsWith("Pipeline for EMEA (history: December so far)", answer.Text, StringComparison.Ordinal);
        Assert.Contains("No deals won or lost in December so far.", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pipeline_Last30Days_StaysATrailingWindow()
    {
        var answer = await _bot.AskAsync("pipeline last 30 days", _bot.Manager);

        Assert.StartsWith("Pipeline for EMEA (history: the last 30 days)", answer.Text, StringComparison.Ordinal);
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

        Assert.StartsWith($"Pipeline for EMEA (history: {window})", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pipeline_DetailsButton_KeepsTheCalendarPeriod()
    {
        var summary = await _bot.AskAsync("pipeline last month", _bot.Manager);
        var open = Assert.IsType<PipelineDetailsPayload>(summary.Card!.Details!.Open);

        var details = await _bot.TurnAsync(new ActionInput(open, []), _bot.Manager);

        Assert.Equal("last-month", open.Period);
        Assert.StartsWith("Pipeline details for EMEA (history: November 2026)", details.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("خط المبيعات هذا الشهر", "ديسمبر حتى الآن", "رابحة 1، خاسرة 0")]
    [InlineData("خط المبيعات الشهر الماضي", "نوفمبر 2026", "رابحة 1، خاسرة 1")]
    [InlineData("خط المبيعات هذا الربع", "الربع \u20684\u2069 من \u20682026\u2069 حتى الآن", "رابحة 2، خاسرة 1")]
    [InlineData("خط المبيعات آخر ٣٠ يوم", "آخر 30 يومًا", "رابحة 2، خاسرة 1")]
    public async Task Pipeline_InArabic_CalendarPeriodsInTheTeamsZone(string text, string window, string outcome)
    {
        _bot.Manager.Language = "ar";

        var answer = await _bot.AskAsync(text, _bot.Manager);

        Assert.Contains($"(الفترة: {window})", answer.Text, StringComparison.Ordinal);
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
}
