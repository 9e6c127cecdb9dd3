using SalesCoachBot.Core.Dates;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Tests.Fakes;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Tests.Coaching;

/// <summary>
/// Session 55: times of day in lists and logs. The EMEA team works in Dubai (UTC+4); the clock is Monday 7 December 2026,
/// 10:00 UTC (14:00 in Dubai).
/// </summary>
public sealed class Dates55Tests : IDisposable
{
    private readonly BotHarness _bot = new();

    public Dates55Tests()
    {
        _bot.Emea.TimeZoneId = "Asia/Dubai";
        _bot.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero));
    }

    public void Dispose() => _bot.Dispose();

    [Fact]
    public async Task MyDeals_StepBookedWithATime_ShowsTheTimeAsTheDueListDoes()
    {
        _bot.AddDeal("1003", "Globex");
        _bot.AddDeal("1005", "Hooli");
        await _bot.AskAsync("next step for Globex: demo on Friday at 10am");
        await _bot.AskAsync("next step for Hooli: send pricing on Friday");

        var english = await _bot.AskAsync("my deals");
        var arabic = await _bot.AskAsync("صفقاتي");
        var due = await _bot.AskAsync("what's due");

        // Was "next: Fri 11 Dec 2026", the 10:00 booked left out; a day-only step keeps its day alone.
        Assert.Contains("Globex (#1003) — Discovery, 2 d in stage · next: Fri 11 Dec 2026, 10:00", english.Text, StringComparison.Ordinal);
        Assert.Contains("Hooli (#1005) — Discovery, 2 d in stage · next: Fri 11 Dec 2026" + Environment.NewLine, english.Text + Environment.NewLine, StringComparison.Ordinal);
        Assert.Contains("Globex (#1003): demo — Fri 11 Dec 2026, 10:00", due.Text, StringComparison.Ordinal);
        var globex = arabic.Text.Split('\n').Single(l => l.Contains("Globex", StringComparison.Ordinal));
        Assert.Contains("الجمعة 11 ديسمبر 2026، \u206810:00\u2069", globex, StringComparison.Ordinal);
        var hooli = arabic.Text.Split('\n').Single(l => l.Contains("Hooli", StringComparison.Ordinal));
        Assert.DoesNotContain("10:00", hooli, StringComparison.Ordinal);
        Assert.Contains("الجمعة 11 ديسمبر 2026", hooli, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("met Globex this morning, they want a quote", ActivityKind.Meeting, ActivityDay.Today, DayPart.Morning, "they want a quote")]
    [InlineData("called Globex this afternoon", ActivityKind.Call, ActivityDay.Today, DayPart.Afternoon, null)]
    [InlineData("met Globex this evening", ActivityKind.Meeting, ActivityDay.Today, DayPart.Evening, null)]
    [InlineData("met Globex tonight", ActivityKind.Meeting, ActivityDay.Today, DayPart.Evening, null)]
    [InlineData("called Globex yesterday afternoon", ActivityKind.Call, ActivityDay.Yesterday, DayPart.Afternoon, null)]
    [InlineData("كلمت Globex الصبح", ActivityKind.Call, ActivityDay.Today, DayPart.Morning, null)]
    [InlineData("كلمت Globex الصباح", ActivityKind.Call, ActivityDay.Today, DayPart.Morning, null)]
    [InlineData("كلمت Globex العصر", ActivityKind.Call, ActivityDay.Today, DayPart.Afternoon, null)]
    [InlineData("كلمت Globex بعد الظهر", ActivityKind.Call, ActivityDay.Today, DayPart.Afternoon, null)]
    [InlineData("كلمت Globex المسا", ActivityKind.Call, ActivityDay.Today, DayPart.Evening, null)]
    [InlineData("قابلت Globex الليلة", ActivityKind.Meeting, ActivityDay.Today, DayPart.Evening, null)]
    [InlineData("قابلت Globex امبارح العصر", ActivityKind.Meeting, ActivityDay.Yesterday, DayPart.Afternoon, null)]
    public void Parse_PartOfTheDay_IsKeptNotDropped(string text, ActivityKind kind, ActivityDay day, DayPart part, string? about)
    {
        var command = Assert.IsType<LogActivityCommand>(new CommandParser().Parse(text));

        Assert.Equal(new NameReference("Globex") as DealReference, command.Deal);
        Assert.Equal((kind, day, (DayPart?)part, about, (TimeOnly?)null), (command.Kind, command.Day, command.Part, command.About, command.Clock));
    }

    [Fact]
    public void Parse_DayAlone_HasNoPart()
    {
        var command = Assert.IsType<LogActivityCommand>(new CommandParser().Parse("called Globex yesterday"));

        Assert.Null(command.Part);
    }

    [Fact]
    public async Task MetThisMorning_StoredAsTheMorningOfToday_ShownInReplyHistoryAndActs()
    {
        _bot.AddDeal("1003", "Globex");

        var answer = await _bot.AskAsync("met Globex this morning, they want a quote");

        var activity = Assert.Single(_bot.Stores.Activities);
        Assert.True(activity.DayOnly);
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 5, 0, 0, TimeSpan.FromHours(4)), activity.OccurredAt);
        Assert.Equal("they want a quote", activity.Text);
        // Was "… for Globex on Mon 7 Dec 2026."
        Assert.StartsWith("Logged a meeting (they want a quote) for Globex on Mon 7 Dec 2026, morning.", answer.Card!.Note, StringComparison.Ordinal);
        var history = await _bot.AskAsync("what did I do on Globex");
        Assert.Contains("Mon 7 Dec 2026, morning · ", history.Text, StringComparison.Ordinal);
        var acts = await _bot.AskAsync("what did I do today");
        Assert.Contains("Mon 7 Dec 2026, morning", acts.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("05:00", history.Text + acts.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ArabicCallInTheMorning_ShowsSabahan()
    {
        _bot.AddDeal("1003", "Globex");

        var answer = await _bot.AskAsync("كلمت Globex الصبح");

        Assert.Equal(new DateTimeOffset(2026, 12, 7, 5, 0, 0, TimeSpan.FromHours(4)), Assert.Single(_bot.Stores.Activities).OccurredAt);
        Assert.Contains("الاثنين 7 ديسمبر 2026، صباحًا", answer.Card!.Note, StringComparison.Ordinal);
        var history = await _bot.AskAsync("سجل صفقة Globex");
        Assert.Contains("الاثنين 7 ديسمبر 2026، صباحًا", history.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CalledYesterdayEvening_StoredThatEvening()
    {
        _bot.AddDeal("1003", "Globex");

        var answer = await _bot.AskAsync("called Globex yesterday evening");

        Assert.Equal(new DateTimeOffset(2026, 12, 6, 17, 0, 0, TimeSpan.FromHours(4)), Assert.Single(_bot.Stores.Activities).OccurredAt);
        Assert.StartsWith("Logged a call for Globex on Sun 6 Dec 2026, evening.", answer.Card!.Note, StringComparison.Ordinal);
    }

    [Theory]
    // 14:00 in Dubai: the evening has not begun, so nothing is logged (a call to come is a next step).
    [InlineData("met Globex this evening", "Mon 7 Dec 2026, evening is still to come (it is now Mon 7 Dec 2026, 14:00)")]
    [InlineData("قابلت Globex الليلة", "موعد الاثنين 7 ديسمبر 2026، مساءً لم يحن بعد")]
    public async Task EveningSaidInTheAfternoon_Refused_NothingStored(string said, string reply)
    {
        _bot.AddDeal("1003", "Globex");

        var answer = await _bot.AskAsync(said);

        Assert.Empty(_bot.Stores.Activities);
        Assert.Contains(reply, answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveningSaidInTheEvening_Logged()
    {
        _bot.AddDeal("1003", "Globex");
        _bot.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 7, 15, 0, 0, TimeSpan.Zero)); // 19:00 in Dubai

        await _bot.AskAsync("met Globex tonight");

        Assert.Equal(new DateTimeOffset(2026, 12, 7, 17, 0, 0, TimeSpan.FromHours(4)), Assert.Single(_bot.Stores.Activities).OccurredAt);
    }
}
