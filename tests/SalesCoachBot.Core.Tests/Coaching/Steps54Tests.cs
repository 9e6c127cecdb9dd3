using SalesCoachBot.Core.Tests.Fakes;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Tests.Coaching;

/// <summary>
/// Session 54: a next step said with only a date, a booked time in "what's due", and «الأحد الجاي» against "next Sunday".
/// The clock is Monday 7 December 2026, 10:00 UTC; the EMEA team works in UTC.
/// </summary>
public sealed class Steps54Tests : IDisposable
{
    private readonly CommandParser _parser = new();
    private readonly BotHarness _bot = new();

    public Steps54Tests() => _bot.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero));

    public void Dispose() => _bot.Dispose();

    [Fact]
    public void Parse_ArabicStepWithOnlyADate_AsksForTheWords()
    {
        var step = Assert.IsType<SetNextStepCommand>(_parser.Parse("الخطوة التالية لـ Initech يوم الجمعة"));

        Assert.Equal(new NameReference("Initech") as DealReference, step.Deal);
        Assert.True(step.AsksWords);
    }

    [Fact]
    public void Parse_StepWithWordsAfterAColon_DoesNotAskForWords()
    {
        var step = Assert.IsType<SetNextStepCommand>(_parser.Parse("next step for Initech: demo by Friday"));

        Assert.False(step.AsksWords);
        Assert.Equal("demo by Friday", step.Text);
    }

    [Theory]
    [InlineData("next step for Initech by Friday", "What is the next step for Initech on Fri 11 Dec 2026? Say it with its words, for example \"next step for Initech: send the proposal by Friday\".")]
    [InlineData("next step for #1002 next week", "What is the next step for Initech on Mon 14 Dec 2026?")]
    [InlineData("الخطوة التالية لـ Initech يوم الجمعة", "ما الخطوة التالية لصفقة \u2068Initech\u2069 يوم الجمعة 11 ديسمبر 2026؟")]
    public async Task StepWithOnlyADate_StepBooked_AsksForTheWordsWithThatDateAndMovesNothing(string said, string asked)
    {
        var deal = _bot.AddDeal("1002", "Initech");
        await _bot.AskAsync("next step for Initech: send ROI case on Wednesday");
        var booked = deal.NextStepAt;

        var answer = await _bot.AskAsync(said);

        Assert.StartsWith(asked, answer.Text, StringComparison.Ordinal);
        Assert.Equal("send ROI case", deal.NextStep);
        Assert.Equal(booked, deal.NextStepAt);
    }

    [Fact]
    public async Task StepWithOnlyADate_NoStep_AsksAndStoresNothing()
    {
        var deal = _bot.AddDeal("1002", "Initech");

        var answer = await _bot.AskAsync("next step for Initech on Friday");

        Assert.StartsWith("What is the next step for Initech on Fri 11 Dec 2026?", answer.Text, StringComparison.Ordinal);
        Assert.EndsWith("Nothing was stored.", answer.Text, StringComparison.Ordinal);
        Assert.Null(deal.NextStep);
        Assert.Null(deal.NextStepAt);
    }

    [Fact]
    public async Task StepWordsGluedToTheName_NoSuchDeal_AsksBackTheStepForTheNamedDeal()
    {
        var deal = _bot.AddDeal("1002", "Initech");

        var answer = await _bot.AskAsync("next step for Initech demo prep");

        // Was 'I can't find a deal matching "Initech demo prep"'. With a date ("… demo by Friday") it is set: Answers55Tests.
        Assert.Contains("next step for Initech: demo prep", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("can't find", answer.Text, StringComparison.Ordinal);
        Assert.Null(deal.NextStep);
    }

    [Theory]
    [InlineData("what's due", "Initech (#1002): call — today, Mon 7 Dec 2026, 20:00")]
    [InlineData("إيش المستحق", "اليوم، الاثنين 7 ديسمبر 2026، \u206820:00\u2069")]
    public async Task Due_StepBookedWithATime_ShowsItsTime(string asked, string line)
    {
        _bot.AddDeal("1002", "Initech");
        await _bot.AskAsync("next step for Initech: call today 8pm");

        var answer = await _bot.AskAsync(asked);

        Assert.Contains(line, answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Due_DayOnlyStep_ShowsTheDayAlone()
    {
        _bot.AddDeal("1002", "Initech");
        await _bot.AskAsync("next step for Initech: call tomorrow");

        var answer = await _bot.AskAsync("what's due");

        Assert.Contains("Initech (#1002): call — tomorrow, Tue 8 Dec 2026", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Tue 8 Dec 2026,", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("next step for Initech: call next Sunday", 20)]
    [InlineData("الخطوة التالية لصفقة Initech: اتصال الأحد الجاي", 13)]
    public async Task NextSunday_ArabicIsTheComingOneEnglishNextWeeks(string said, int day)
    {
        var deal = _bot.AddDeal("1002", "Initech");

        await _bot.AskAsync(said);

        Assert.Equal(new DateOnly(2026, 12, day), DateOnly.FromDateTime(deal.NextStepAt!.Value.UtcDateTime));
    }
}
