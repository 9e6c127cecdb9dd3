using Microsoft.Extensions.Time.Testing;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.Pipeline;
using SalesCoachBot.Core.Tests.Fakes;
using SalesCoachBot.Core.Tests.Understanding;

namespace SalesCoachBot.Core.Tests.Pipeline;

/// <summary>
/// "what moved last week" and "what moved this week" were both the last 7 days. A week is now a calendar period as a month
/// is: "this week" from the team's first workday (Monday, or Sunday for a sun-thu team) to now, "last week" the whole week
/// before, in the team's zone. Asked on Wednesday 2 December 2026 at 10:00 UTC: last week is Mon 23 – Sun 29 November for a
/// Monday team, Sun 22 – Sat 28 November for a Sunday one.
/// </summary>
public sealed class CalendarWeekTests : IDisposable
{
    private static readonly DateTimeOffset Wednesday = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly TimeZoneInfo Riyadh = TimeZoneInfo.FindSystemTimeZoneById("Asia/Riyadh");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly CalendarPeriod ThisWeek = new(CalendarUnit.Week, Previous: false);
    private static readonly CalendarPeriod LastWeek = new(CalendarUnit.Week, Previous: true);
    private readonly BotHarness _bot = new();

    public CalendarWeekTests()
    {
        _bot.Clock.SetUtcNow(Wednesday);
        _bot.Emea.TimeZoneId = "Europe/Berlin";
    }

    public void Dispose() => _bot.Dispose();

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    private static FakeTimeProvider ClockAt(DateTimeOffset utc) => new(utc);

    /// <summary>A deal of <paramref name="team"/> that entered discovery long ago and moved to demo at <paramref name="movedAt"/>.</summary>
    private Deal Moved(string id, string name, DateTimeOffset movedAt, SalesTeam? team = null)
    {
        var deal = _bot.AddDeal(id, name, owner: team == _bot.Americas ? _bot.OtherRep : _bot.Rep, team: team);
        Entry(deal, "discovery", Utc(10, 1, 9), StageChangeKind.Entered);
        Entry(deal, "demo", movedAt, StageChangeKind.Advanced);
        return deal;
    }

    private void Entry(Deal deal, string stage, DateTimeOffset at, StageChangeKind kind)
    {
        _bot.Stores.History.Add(new StageHistoryEntry
        {
            Id = _bot.Stores.History.Count + 1,
            DealId = deal.Id,
            StageId = new StageId(stage),
            EnteredAt = at,
            Kind = kind,
        });
        deal.StageId = new StageId(stage);
    }

    private void Won(string id, string name, DateTimeOffset at)
    {
        var deal = _bot.AddDeal(id, name, "contract-signed", owner: _bot.Rep);
        Entry(deal, "discovery", Utc(10, 1, 9), StageChangeKind.Entered);
        Entry(deal, "contract-signed", at, StageChangeKind.Advanced);
        deal.Status = DealStatus.Won;
        deal.ClosedAt = at;
        deal.Amount = 10_000;
        deal.Currency = "EUR";
    }

    private static List<string> Lines(BotAnswer answer) => [.. answer.Card!.Sections.Single().Lines.Select(l => l.Text)];

    [Theory]
    [InlineData("what moved last week", "moves - last-week")]
    [InlineData("what moved this week", "moves - this-week")]
    [InlineData("what moved the previous week", "moves - last-week")]
    [InlineData("stage changes the current week", "moves - this-week")]
    [InlineData("what did we win last week", "closed won - last-week")]
    [InlineData("won deals last week", "closed won - last-week")]
    [InlineData("what did we lose this week", "closed lost - this-week")]
    [InlineData("pipeline last week", "pipeline - last-week")]
    [InlineData("pipeline for EMEA last week", "pipeline emea last-week")]
    [InlineData("وش تحرك الأسبوع الماضي", "moves - last-week")]
    [InlineData("وش تحرك الأسبوع اللي فات", "moves - last-week")]
    [InlineData("وش تحرك هالأسبوع", "moves - this-week")]
    [InlineData("الصفقات المكسوبة هذا الأسبوع", "closed won - this-week")]
    [InlineData("خط المبيعات الأسبوع الماضي", "pipeline - last-week")]
    public void Parser_ThisOrLastWeek_ACalendarWeek(string text, string expected) =>
        Assert.Equal(expected, UnderstandingTestData.Read(text));

    [Theory]
    [InlineData("what moved past week", "moves - 7")]
    [InlineData("what moved last 7 days", "moves - 7")]
    [InlineData("won deals last 2 weeks", "closed won - 14")]
    [InlineData("pipeline past week", "pipeline - 7")]
    [InlineData("وش تحرك آخر أسبوع", "moves - 7")]
    // "due this week" is the next steps due until the week's end, as before: no calendar period.
    [InlineData("what's due this week", "due all 7")]
    [InlineData("وش عندي هالأسبوع", "due all 7")]
    public void Parser_PastWeekOrDays_StillATrailingWindow(string text, string expected) =>
        Assert.Equal(expected, UnderstandingTestData.Read(text));

    [Fact]
    public void Resolve_MondayTeamInNewYork_OnTheFirstDayOfTheWeek()
    {
        // 04:30 UTC on Monday 30 November is still Sunday 23:30 in New York: the week there began on Monday 23.
        var sunday = ClockAt(Utc(11, 30, 4, 30)).GetUtcNow();
        // 13:00 UTC is 08:00 on Monday 30 November in New York: this week began at its midnight, 05:00 UTC.
        var monday = ClockAt(Utc(11, 30, 13)).GetUtcNow();

        var stillLast = ThisWeek.Resolve(sunday, NewYork, DayOfWeek.Monday);
        var thisWeek = ThisWeek.Resolve(monday, NewYork, DayOfWeek.Monday);
        var lastWeek = LastWeek.Resolve(monday, NewYork, DayOfWeek.Monday);

        Assert.Equal((new DateOnly(2026, 11, 23), new DateOnly(2026, 11, 30), false), (stillLast.Start, stillLast.End, stillLast.Whole));
        Assert.Equal((new DateOnly(2026, 11, 30), new DateOnly(2026, 12, 7), false), (thisWeek.Start, thisWeek.End, thisWeek.Whole));
        Assert.Equal((Utc(11, 30, 5), monday), (thisWeek.Window.From.ToUniversalTime(), thisWeek.Window.To.ToUniversalTime()));
        Assert.Equal((new DateOnly(2026, 11, 23), new DateOnly(2026, 11, 30), true), (lastWeek.Start, lastWeek.End, lastWeek.Whole));
        Assert.Equal((Utc(11, 23, 5), Utc(11, 30, 5)), (lastWeek.Window.From.ToUniversalTime(), lastWeek.Window.To.ToUniversalTime()));
    }

    [Fact]
    public void Resolve_SundayTeamInRiyadh_FirstDayAndMidWeek()
    {
        // 22:00 UTC on Saturday 28 November is 01:00 on Sunday 29 in Riyadh: a sun-thu team's week has begun there.
        var sunday = ClockAt(Utc(11, 28, 22)).GetUtcNow();
        var midWeek = ClockAt(Wednesday).GetUtcNow();

        var first = ThisWeek.Resolve(sunday, Riyadh, DayOfWeek.Sunday);
        var thisWeek = ThisWeek.Resolve(midWeek, Riyadh, DayOfWeek.Sunday);
        var lastWeek = LastWeek.Resolve(midWeek, Riyadh, DayOfWeek.Sunday);

        Assert.Equal((new DateOnly(2026, 11, 29), Utc(11, 28, 21), sunday), (first.Start, first.Window.From.ToUniversalTime(), first.Window.To.ToUniversalTime()));
        Assert.Equal((new DateOnly(2026, 11, 29), Utc(11, 28, 21)), (thisWeek.Start, thisWeek.Window.From.ToUniversalTime()));
        Assert.Equal((new DateOnly(2026, 11, 22), new DateOnly(2026, 11, 29), true), (lastWeek.Start, lastWeek.End, lastWeek.Whole));
        Assert.Equal((Utc(11, 21, 21), Utc(11, 28, 21)), (lastWeek.Window.From.ToUniversalTime(), lastWeek.Window.To.ToUniversalTime()));
        // The same instant for a Monday team: its week began on Monday 30 November.
        Assert.Equal(new DateOnly(2026, 11, 30), ThisWeek.Resolve(midWeek, Riyadh, DayOfWeek.Monday).Start);
    }

    [Fact]
    public void Resolve_LastWeekOverADaylightSavingChange_LocalMidnights()
    {
        // New York left summer time at 02:00 on Sunday 1 November 2026: the week before ran from 04:00 UTC to 05:00 UTC.
        var lastWeek = LastWeek.Resolve(ClockAt(Utc(11, 4, 15)).GetUtcNow(), NewYork);

        Assert.Equal((new DateOnly(2026, 10, 26), new DateOnly(2026, 11, 2)), (lastWeek.Start, lastWeek.End));
        Assert.Equal((Utc(10, 26, 4), Utc(11, 2, 5)), (lastWeek.Window.From.ToUniversalTime(), lastWeek.Window.To.ToUniversalTime()));
    }

    [Fact]
    public void Label_BothLanguages_TheDaysOfTheWeek()
    {
        var arabic = ReplyTexts.Shared.In(ReplyLanguage.Arabic);
        var last = LastWeek.Resolve(Wednesday, Berlin);
        var now = ThisWeek.Resolve(Wednesday, Berlin);
        var acrossMonths = LastWeek.Resolve(Utc(12, 9, 10), Berlin);
        var acrossYears = LastWeek.Resolve(new DateTimeOffset(2027, 1, 5, 10, 0, 0, TimeSpan.Zero), Berlin);

        Assert.Equal("last week (Mon 23 – Sun 29 Nov)", last.Label(Phrases.English));
        Assert.Equal("this week (since Mon 30 Nov)", now.Label(Phrases.English));
        Assert.Equal("last week (Mon 30 Nov – Sun 6 Dec)", acrossMonths.Label(Phrases.English));
        Assert.Equal("last week (Mon 28 Dec 2026 – Sun 3 Jan 2027)", acrossYears.Label(Phrases.English));
        Assert.Equal("the week of Mon 23 – Sun 29 Nov", last.InSentence(Phrases.English));
        Assert.Equal("the week since Mon 30 Nov", now.InSentence(Phrases.English));
        Assert.Equal("الأسبوع الماضي (من الاثنين 23 إلى الأحد 29 نوفمبر)", last.Label(arabic));
        Assert.Equal("هذا الأسبوع (منذ الاثنين 30 نوفمبر)", now.Label(arabic));
    }

    [Theory]
    [InlineData("this-week")]
    [InlineData("last-week")]
    public void Code_Week_RoundTripsForTheDetailsButton(string code)
    {
        var period = CalendarPeriod.FromCode(code)!;

        Assert.Equal(CalendarUnit.Week, period.Unit);
        Assert.Equal(code, period.Code);
    }

    [Fact]
    public async Task WhatMovedLastWeek_MondayTeamInBerlin_LastTuesdayInTheWeekBeforeOut()
    {
        Moved("5001", "Initech", Utc(11, 24, 10)); // last Tuesday
        Moved("5002", "Hooli", Utc(11, 17, 10)); // the Tuesday before: the week before last
        Moved("5003", "Globex", Utc(11, 29, 22, 30)); // Sunday 23:30 in Berlin: last week's
        Moved("5004", "Umbrella", Utc(11, 29, 23, 30)); // Monday 00:30 in Berlin (Sunday in UTC): this week's

        var last = await _bot.AskAsync("what moved last week", _bot.Manager);
        var now = await _bot.AskAsync("what moved this week", _bot.Manager);

        Assert.Equal("last week (Mon 23 – Sun 29 Nov)", last.Card!.Subtitle);
        Assert.StartsWith("2 stage changes · EMEA, last week (Mon 23 – Sun 29 Nov): 2 forward\n", last.Text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Equal(
        [
            "Globex (#5003) · Discovery → Demo · advanced by its checklist · Sun 29 Nov 2026 · owner: rita",
            "Initech (#5001) · Discovery → Demo · advanced by its checklist · Tue 24 Nov 2026 · owner: rita",
        ], Lines(last));
        Assert.StartsWith("1 stage change · EMEA, this week (since Mon 30 Nov): 1 forward\n- Umbrella (#5004)", now.Text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhatMovedLastWeek_SundayTeamInRiyadh_SundayToSaturday()
    {
        _bot.Emea.TimeZoneId = "Asia/Riyadh";
        _bot.Emea.Workdays = WorkWeek.Parse("sun-thu");
        Moved("5001", "Initech", Utc(11, 22, 6)); // Sunday 22 November, 09:00 in Riyadh: the week's first day
        Moved("5002", "Hooli", Utc(11, 28, 20)); // Saturday 23:00 in Riyadh: its last
        Moved("5003", "Globex", Utc(11, 28, 22)); // Sunday 01:00 in Riyadh: this week's
        Moved("5004", "Umbrella", Utc(11, 21, 20)); // Saturday 21 November: the week before

        var answer = await _bot.AskAsync("وش تحرك الأسبوع الماضي", _bot.Manager);
        var english = await _bot.AskAsync("what moved last week", _bot.Manager);

        Assert.Equal(
            "تغييران في المراحل · \u2068EMEA\u2069، الأسبوع الماضي (من الأحد 22 إلى السبت 28 نوفمبر) — إلى الأمام: 2",
            answer.Text.ReplaceLineEndings("\n").Split('\n')[0]);
        Assert.Equal(["Hooli (#5002)", "Initech (#5001)"], Lines(english).Select(l => l[..l.IndexOf(" · ", StringComparison.Ordinal)]));
        Assert.Equal("last week (Sun 22 – Sat 28 Nov)", english.Card!.Subtitle);
    }

    [Fact]
    public async Task WhatMovedLastWeek_AdminOverTeamsWithOtherWeeks_TheFirstTeamsWeek()
    {
        // EMEA (the first team) works sun-thu in Riyadh, Americas mon-fri: one list has one week, EMEA's, as a month has
        // EMEA's zone. Americas' move on Sunday 29 November is this week's there.
        _bot.Emea.TimeZoneId = "Asia/Riyadh";
        _bot.Emea.Workdays = WorkWeek.Parse("sun-thu");
        _bot.Americas.TimeZoneId = "America/New_York";
        Moved("5001", "Initech", Utc(11, 22, 6));
        Moved("5005", "Wayne", Utc(11, 29, 15), _bot.Americas);

        var answer = await _bot.AskAsync("what moved last week", _bot.Admin);

        Assert.Equal("last week (Sun 22 – Sat 28 Nov)", answer.Card!.Subtitle);
        Assert.Equal(["Initech (#5001) · Discovery → Demo · advanced by its checklist · Sun 22 Nov 2026 · owner: rita"], Lines(answer));
    }

    [Fact]
    public async Task WonDealsLastWeek_LastTuesdayListedTheWeekBeforeNot()
    {
        Won("6001", "Initech", Utc(11, 24, 10));
        Won("6002", "Hooli", Utc(11, 17, 10));

        var answer = await _bot.AskAsync("what did we win last week", _bot.Manager);
        var arabic = await _bot.AskAsync("الصفقات المكسوبة الأسبوع الماضي", _bot.Manager);

        Assert.Equal("Deals won · EMEA", answer.Card!.Title);
        Assert.Equal("last week (Mon 23 – Sun 29 Nov)", answer.Card.Subtitle);
        Assert.StartsWith("Deals won · EMEA, last week (Mon 23 – Sun 29 Nov)\n", answer.Text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Single(Lines(answer));
        Assert.StartsWith("Initech (#6001) · 10,000 EUR · won Tue 24 Nov 2026", Lines(answer)[0], StringComparison.Ordinal);
        Assert.StartsWith("الصفقات الرابحة · \u2068EMEA\u2069، الأسبوع الماضي (من الاثنين 23 إلى الأحد 29 نوفمبر)", arabic.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClosedAndMoves_NothingInTheWeek_SaidWithoutIn()
    {
        var lost = await _bot.AskAsync("what did we lose this week", _bot.Manager);
        var won = await _bot.AskAsync("won deals last week", _bot.Manager);
        var moves = await _bot.AskAsync("what moved last week", _bot.Manager);
        var arabic = await _bot.AskAsync("وش خسرنا هالأسبوع", _bot.Manager);

        Assert.Equal("No deals were lost this week (since Mon 30 Nov). For a longer time, ask \"lost deals last 6 months\".", lost.Text);
        Assert.Equal("No deals were won last week (Mon 23 – Sun 29 Nov). For a longer time, ask \"won deals last 6 months\".", won.Text);
        Assert.Equal("No stage changes for EMEA last week (Mon 23 – Sun 29 Nov). For a longer time, ask \"what moved last 90 days\".", moves.Text);
        Assert.Equal("لم تُخسر أي صفقة هذا الأسبوع (منذ الاثنين 30 نوفمبر). لفترة أطول اسأل «الصفقات الخاسرة آخر 6 أشهر».", arabic.Text);
    }

    [Fact]
    public async Task PipelineLastWeek_ThatWeekInTheHeaderAndItsWeekFact()
    {
        Won("6001", "Initech", Utc(11, 24, 10));
        Moved("5001", "Hooli", Utc(11, 25, 10));

        var last = await _bot.AskAsync("pipeline last week", _bot.Manager);
        var now = await _bot.AskAsync("pipeline for EMEA this week", _bot.Manager);

        Assert.StartsWith("Pipeline for EMEA · last week, Mon 23 – Sun 29 Nov", last.Text, StringComparison.Ordinal);
        Assert.Equal("History: last week (Mon 23 – Sun 29 Nov)", last.Card!.Subtitle);
        Assert.Contains("Only 1 deal won in the week of Mon 23 – Sun 29 Nov", last.Text, StringComparison.Ordinal);
        Assert.Contains(last.Card.Facts, f => f.Label == "That week");
        Assert.Equal("History: this week (since Mon 30 Nov)", now.Card!.Subtitle);
        Assert.Contains("No deal won in the week since Mon 30 Nov", now.Text, StringComparison.Ordinal);
    }

    /// <summary>
    /// Issue import49: a card from Sunday 6 December opened on Monday 7 December showed the new week behind "Details". The
    /// button now carries the week the card showed; a button from before carries "this-week" and still works.
    /// </summary>
    [Fact]
    public async Task Pipeline_DetailsOfASundayCardPressedOnMonday_ShowTheCardsWeek()
    {
        Moved("6001", "Sunday deal", Utc(12, 6, 10));
        _bot.Clock.SetUtcNow(Utc(12, 6, 20)); // Sunday 21:00 in Berlin
        var summary = await _bot.AskAsync("pipeline this week", _bot.Manager);
        var open = Assert.IsType<PipelineDetailsPayload>(summary.Card!.Details!.Open);
        Assert.Contains("this week, since Mon 30 Nov", summary.Text, StringComparison.Ordinal);

        _bot.Clock.SetUtcNow(Utc(12, 7, 8)); // Monday 09:00 in Berlin: a new week
        var details = await _bot.TurnAsync(new ActionInput(open, []), _bot.Manager);
        var fromAnOldButton = await _bot.TurnAsync(new ActionInput(open with { Period = "this-week" }, []), _bot.Manager);

        Assert.Equal("week-2026-11-30", open.Period);
        Assert.StartsWith("Pipeline details for EMEA · last week, Mon 30 Nov – Sun 6 Dec", details.Text, StringComparison.Ordinal);
        Assert.StartsWith("Pipeline details for EMEA · this week, since Mon 7 Dec", fromAnOldButton.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("week-2026-11-30", "2026-11-30")]
    [InlineData("week-2026-12-06", "2026-12-06")]
    public void WeekCode_RoundTripsAndPinsItsFirstDay(string code, string first)
    {
        var period = CalendarPeriod.FromCode(code)!;

        Assert.Equal(code, period.Code);
        // Resolved months later, in any zone and whatever the team's first workday: the week of that day.
        var window = period.Resolve(Utc(12, 7, 8).AddDays(90), Riyadh, DayOfWeek.Sunday);
        Assert.Equal((DateOnly.Parse(first, System.Globalization.CultureInfo.InvariantCulture), true), (window.Start, window.Whole));
        Assert.Equal(window.Start.AddDays(7), window.End);
    }

    [Theory]
    [InlineData("week-2026-02-30")]
    [InlineData("week-0999-01-01")]
    [InlineData("week-2026-1-05")]
    public void WeekCode_NotADay_IsNoPeriod(string code) => Assert.Null(CalendarPeriod.FromCode(code));
}
