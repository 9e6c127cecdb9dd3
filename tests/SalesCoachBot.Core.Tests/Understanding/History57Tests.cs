using SalesCoachBot.Core.Coaching;
using SalesCoachBot.Core.Pipeline;
using SalesCoachBot.Core.Tests.Fakes;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Tests.Understanding;

/// <summary>
/// fix/history57: a deal's history and a person's activity, asked every natural way: a period narrows a history ("history
/// of Initech last week", "since Monday", «منذ الاثنين»), a deal whose name holds "by" or "from" is that deal, and
/// "activities of NAME", "NAME's activity", «نشاطات دانا», «نشاط Initech» answer with the person's acts or the deal's history.
/// </summary>
public sealed class History57Tests : IDisposable
{
    private readonly CommandParser _parser = new();
    private readonly BotHarness _bot = new();

    public void Dispose() => _bot.Dispose();

    /// <summary>
    /// A call on Fri 27 Nov (last week, seen from Fri 4 Dec) and a note on Tue 1 Dec (this week): the clock ends on Fri 4 Dec.
    /// </summary>
    private async Task TwoWeeksOfInitechAsync()
    {
        _bot.AddDeal("1002", "Initech", "demo", _bot.Rep, daysInStage: 30);
        await _bot.AskAsync("called Initech about the pricing call", _bot.Rep);
        _bot.Clock.Advance(TimeSpan.FromDays(4));
        await _bot.AskAsync("note for Initech: legal review this week", _bot.Rep);
        _bot.Clock.Advance(TimeSpan.FromDays(3));
    }

    [Theory]
    [InlineData("history of Initech last week", "History of Initech, last week")]
    [InlineData("history of Initech from last week", "History of Initech, last week")] // was 'I can't find a deal matching "Initech from"'
    [InlineData("Initech history last week", "History of Initech, last week")]
    [InlineData("سجل Initech الأسبوع الماضي", "سجل صفقة Initech، الأسبوع الماضي")]
    [InlineData("سجل صفقة Initech في الأسبوع اللي فات", "سجل صفقة Initech، الأسبوع الماضي")]
    public async Task HistoryOfLastWeek_ShowsOnlyLastWeeksEntries_AndSaysWhichWeek(string text, string title)
    {
        await TwoWeeksOfInitechAsync();

        var parsed = Assert.IsType<HistoryCommand>(_parser.Parse(text));
        var answer = await _bot.AskAsync(text, _bot.Manager);
        var plain = Unwrapped(answer.Text);

        // Was the whole history, the period ignored.
        Assert.Equal(("Initech", new SaidPeriod(Period: new CalendarPeriod(CalendarUnit.Week, Previous: true))), (((NameReference)parsed.Deal).Text, parsed.Period));
        Assert.StartsWith(title, plain, StringComparison.Ordinal);
        Assert.Contains("pricing call", plain, StringComparison.Ordinal);
        Assert.DoesNotContain("legal review", plain, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Initech history since monday")]
    [InlineData("history of Initech since Monday")]
    [InlineData("سجل Initech منذ الاثنين")]
    [InlineData("سجل صفقة Initech من يوم الاثنين")]
    public async Task HistorySinceMonday_ShowsTheEntriesFromTheTeamsMonday_ToNow(string text)
    {
        await TwoWeeksOfInitechAsync();

        var parsed = Assert.IsType<HistoryCommand>(_parser.Parse(text));
        var plain = Unwrapped((await _bot.AskAsync(text, _bot.Manager)).Text);

        Assert.Equal(new SaidPeriod(Weekday: DayOfWeek.Monday, Onward: true), parsed.Period);
        Assert.Contains("legal review", plain, StringComparison.Ordinal);
        Assert.DoesNotContain("pricing call", plain, StringComparison.Ordinal);
        Assert.True(plain.Contains("since Mon 30 Nov", StringComparison.Ordinal) || plain.Contains("منذ الاثنين 30 نوفمبر", StringComparison.Ordinal), plain);
    }

    [Theory]
    [InlineData("history of Initech in October", "Nothing recorded on Initech in October 2026; 3 entries at other times: \"history of Initech\" shows them.")]
    [InlineData("سجل Initech الشهر الماضي", "لم يُسجَّل شيء على Initech في أكتوبر 2026، وفي سجلها 3 إدخالات في أوقات أخرى يعرضها «سجل صفقة Initech».")]
    public async Task HistoryOfAnEmptyPeriod_SaysNothingHappenedThen_AndCountsTheOtherEntries(string text, string nothing)
    {
        _bot.AddDeal("1002", "Initech", "demo", _bot.Rep, daysInStage: 5);
        await _bot.AskAsync("called Initech about the pricing call", _bot.Rep);
        await _bot.AskAsync("note for Initech: legal review", _bot.Rep);
        await _bot.AskAsync("emailed Initech the proposal", _bot.Rep);

        var answer = await _bot.AskAsync(text, _bot.Manager);
        var all = await _bot.AskAsync("history of Initech", _bot.Manager);

        Assert.Contains("of 3, newest first", all.Text, StringComparison.Ordinal);
        Assert.Contains(nothing, Unwrapped(answer.Text), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("history of Gifts from Home", "Gifts from Home")]
    [InlineData("Gifts from Home history", "Gifts from Home")]
    [InlineData("history of Made by Hand", "Made by Hand")]
    [InlineData("سجل Gifts from Home", "Gifts from Home")]
    public async Task HistoryOfADealNamedWithByOrFrom_IsThatDeal_NotAPersonFilter(string text, string deal)
    {
        _bot.AddDeal("1002", "Initech", "demo", _bot.Rep);
        _bot.AddDeal("1020", "Gifts from Home", "demo", _bot.Rep);
        _bot.AddDeal("1021", "Made by Hand", "demo", _bot.Rep);

        var answer = Unwrapped((await _bot.AskAsync(text, _bot.Manager)).Text);

        // Was 'I can't find a deal matching "Gifts"' (the rest read as a person, "Home").
        Assert.Contains(deal, answer.Split('\n')[0], StringComparison.Ordinal);
        Assert.Contains("#" + (deal == "Made by Hand" ? "1021" : "1020"), answer, StringComparison.Ordinal);
        // A person the asker sees after "by" still filters; a tail naming nobody is part of the name asked for.
        Assert.StartsWith("History of Initech: rita", Unwrapped((await _bot.AskAsync("history of Initech by rita", _bot.Manager)).Text), StringComparison.Ordinal);
        Assert.Contains("Initech by nobody", (await _bot.AskAsync("history of Initech by nobody", _bot.Manager)).Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("activities of rita", "activity for rita this week")]
    [InlineData("activities for rita", "activity for rita this week")]
    [InlineData("activity by rita", "activity for rita this week")]
    [InlineData("rita's activity", "activity for rita this week")]
    [InlineData("نشاطات rita", "نشاط rita هذا الأسبوع")]
    [InlineData("نشاطات ريتا", "نشاط rita هذا الأسبوع")]
    [InlineData("نشاطات ريتا هذا الأسبوع", "نشاط rita هذا الأسبوع")]
    [InlineData("activities of rita this week", "activity for rita this week")]
    public async Task ActivitiesOfAPerson_AnyWording_IsTheirActsThisWeek(string text, string usual)
    {
        _bot.AddDeal("1002", "Initech", "demo", _bot.Rep);
        await _bot.AskAsync("called Initech about pricing", _bot.Rep);

        var parsed = Assert.IsType<MyActsCommand>(_parser.Parse(text));
        var answer = await _bot.AskAsync(text, _bot.Manager);
        var expected = await _bot.AskAsync(usual, _bot.Manager);

        // Was "Sorry, I didn't understand" («لم أفهم»).
        Assert.NotNull(parsed.PersonName);
        Assert.Equal(expected.Text, answer.Text);
        Assert.Contains("Initech", answer.Text, StringComparison.Ordinal);
        // Read so before, and still.
        Assert.Equal((await _bot.AskAsync("activity for rita this week", _bot.Manager)).Text, (await _bot.AskAsync("activity of rita", _bot.Manager)).Text);
    }

    [Theory]
    [InlineData("نشاط Initech", "سجل Initech")]
    [InlineData("activities of Initech", "history of Initech")]
    [InlineData("Initech activity last week", "history of Initech last week")]
    [InlineData("نشاط Initech الأسبوع الماضي", "سجل Initech الأسبوع الماضي")]
    public async Task ActivityOfADeal_IsTheDealsHistory(string text, string history)
    {
        await TwoWeeksOfInitechAsync();

        var answer = await _bot.AskAsync(text, _bot.Manager);
        var expected = await _bot.AskAsync(history, _bot.Manager);

        // «نشاط Initech» was «لا أعرف أحدًا اسمه «Initech»…».
        Assert.Equal(expected.Text, answer.Text);
        Assert.Equal(expected.Text, (await _bot.AskAsync(text, _bot.Rep)).Text);
        // Read so before, and still.
        var initech = (await _bot.AskAsync("history of Initech", _bot.Manager)).Text;
        Assert.Equal(initech, (await _bot.AskAsync("activity on Initech", _bot.Manager)).Text);
        Assert.Equal(initech, (await _bot.AskAsync("Initech activity", _bot.Manager)).Text);
    }

    [Theory]
    [InlineData("activity of tom", "tom is also a deal you can see: \"history of tom\" shows its history.")]
    [InlineData("نشاط tom", "tom اسم صفقة تراها أيضًا: «سجل صفقة tom» يعرض سجلها.")]
    public async Task ActivityOfANameThatIsAPersonAndADeal_IsThePersonsActs_AndSaysHowToGetTheDeals(string text, string also)
    {
        _bot.AddDeal("1002", "Initech", "demo", _bot.TeamMate);
        _bot.AddDeal("1030", "tom", "demo", _bot.Rep);
        await _bot.AskAsync("called Initech about pricing", _bot.TeamMate);

        var answer = Unwrapped((await _bot.AskAsync(text, _bot.Manager)).Text);

        Assert.Contains("Initech", answer, StringComparison.Ordinal);
        Assert.EndsWith(also, answer, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("last week")]
    [InlineData("since monday")]
    [InlineData("since last month")]
    [InlineData("yesterday")]
    [InlineData("last 30 days")]
    [InlineData("Q3")]
    public void PeriodCode_ReadsBackAsTheSamePeriod_ForTheMoreButton(string words)
    {
        var said = Assert.IsType<HistoryCommand>(_parser.Parse("history of Initech " + words)).Period;

        Assert.NotNull(said);
        Assert.Equal(said, PeriodWindows.FromCode(PeriodWindows.Code(said)));
    }

    /// <summary>The text without the Unicode isolates an Arabic reply wraps Latin names in.</summary>
    private static string Unwrapped(string text) => text.Replace("\u2068", string.Empty, StringComparison.Ordinal).Replace("\u2069", string.Empty, StringComparison.Ordinal);
}
