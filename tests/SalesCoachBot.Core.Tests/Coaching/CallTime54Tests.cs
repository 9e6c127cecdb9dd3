using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Tests.Fakes;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Tests.Coaching;

/// <summary>
/// Session 54: the time of day of a logged call or meeting ("called Initech yesterday at 3pm", «… الساعة 3 العصر»). The
/// EMEA team works in Dubai (UTC+4) and the clock is Monday 7 December 2026, 10:00 UTC (14:00 in Dubai).
/// </summary>
public sealed class CallTime54Tests : IDisposable
{
    private readonly BotHarness _bot = new();

    public CallTime54Tests()
    {
        _bot.Emea.TimeZoneId = "Asia/Dubai";
        _bot.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero));
    }

    public void Dispose() => _bot.Dispose();

    [Theory]
    [InlineData("called Initech yesterday at 3pm", ActivityKind.Call, ActivityDay.Yesterday, "Initech", 15, 0)]
    [InlineData("called Initech at 3pm yesterday", ActivityKind.Call, ActivityDay.Yesterday, "Initech", 15, 0)]
    [InlineData("met Globex today at 9:30", ActivityKind.Meeting, ActivityDay.Today, "Globex", 9, 30)]
    [InlineData("called Initech at 11am", ActivityKind.Call, ActivityDay.Now, "Initech", 11, 0)]
    public void Parse_ActivityWithAClockTime_TimeIsNoPartOfTheName(string text, ActivityKind kind, ActivityDay day, string deal, int hour, int minute)
    {
        var command = Assert.IsType<LogActivityCommand>(new CommandParser().Parse(text));

        Assert.Equal(new LogActivityCommand(new NameReference(deal), kind, day, null) { Clock = new TimeOnly(hour, minute) }, command);
    }

    [Fact]
    public void Parse_ArabicCallWithAnHour_HourIsNoPartOfTheName()
    {
        var command = Assert.IsType<LogActivityCommand>(new CommandParser().Parse("اتصلت بـ Initech امبارح الساعة 3 العصر"));

        // Was the deal «Initech امبارح الساعة 3» ("… yesterday at 3 o'clock").
        Assert.Equal(new LogActivityCommand(new NameReference("Initech"), ActivityKind.Call, ActivityDay.Yesterday, null) { Clock = new TimeOnly(15, 0), Language = "ar" }, command);
    }

    [Theory]
    [InlineData("met Globex this morning", ActivityKind.Meeting, "Globex")]
    [InlineData("كلمت Globex الصبح", ActivityKind.Call, "Globex")]
    [InlineData("called Phase 2", ActivityKind.Call, "Phase 2")]
    public void Parse_ActivityWithoutAClockTime_HasNone(string text, ActivityKind kind, string deal)
    {
        var command = Assert.IsType<LogActivityCommand>(new CommandParser().Parse(text));

        Assert.Equal(kind, command.Kind);
        Assert.Equal(new NameReference(deal) as DealReference, command.Deal);
        Assert.Null(command.Clock);
    }

    [Fact]
    public async Task CallYesterdayAt3pm_StoresThatTimeInTheTeamsZone_ShowsItInReplyAndHistory()
    {
        _bot.AddDeal("1002", "Initech");

        var answer = await _bot.AskAsync("called Initech yesterday at 3pm");

        var activity = Assert.Single(_bot.Stores.Activities);
        Assert.Equal(new DateTimeOffset(2026, 12, 6, 11, 0, 0, TimeSpan.Zero), activity.OccurredAt);
        Assert.False(activity.DayOnly);
        Assert.Null(activity.Text);
        Assert.StartsWith("Logged a call for Initech on Sun 6 Dec 2026, 15:00.", answer.Card!.Note, StringComparison.Ordinal);
        var history = await _bot.AskAsync("what did I do on Initech");
        Assert.Contains("Sun 6 Dec 2026, 15:00 · ", history.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ArabicCallYesterdayAt3_IsLoggedAt15InArabic()
    {
        _bot.AddDeal("1002", "Initech");

        var answer = await _bot.AskAsync("اتصلت بـ Initech امبارح الساعة 3 العصر");

        var activity = Assert.Single(_bot.Stores.Activities);
        Assert.Equal(new DateTimeOffset(2026, 12, 6, 11, 0, 0, TimeSpan.Zero), activity.OccurredAt);
        Assert.Contains("الأحد 6 ديسمبر 2026، \u206815:00\u2069", answer.Card!.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallAtATimeStillToCome_IsRefusedAndNothingLogged()
    {
        _bot.AddDeal("1002", "Initech");

        var answer = await _bot.AskAsync("called Initech at 5pm");

        Assert.Empty(_bot.Stores.Activities);
        Assert.Contains("Mon 7 Dec 2026, 17:00 is still to come (it is now Mon 7 Dec 2026, 14:00)", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MetThisMorning_StaysDayOnly()
    {
        _bot.AddDeal("1003", "Globex");

        await _bot.AskAsync("met Globex this morning");

        Assert.True(Assert.Single(_bot.Stores.Activities).DayOnly);
    }
}
