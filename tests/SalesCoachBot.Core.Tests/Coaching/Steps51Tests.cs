using SalesCoachBot.Core.Tests.Fakes;

namespace SalesCoachBot.Core.Tests.Coaching;

/// <summary>Session 51: an emoji-only note, a next step done, and only a next step's date changed.</summary>
public sealed class Steps51Tests : IDisposable
{
    private readonly BotHarness _bot = new();

    public void Dispose() => _bot.Dispose();

    [Theory]
    [InlineData("note for Initech: 👍", "👍")]
    [InlineData("ملاحظة لصفقة Initech: 👍", "👍")]
    public async Task Note_OnlyAnEmoji_IsStored(string said, string note)
    {
        _bot.AddDeal("1002", "Initech");

        await _bot.AskAsync(said);

        Assert.Equal(note, Assert.Single(_bot.Stores.Notes).Text);
    }

    [Theory]
    [InlineData(null, "next step for Initech done", "Done: send ROI case. What's next for Initech?")]
    [InlineData(null, "done next step for Initech", "Done: send ROI case. What's next for Initech?")]
    [InlineData("ar", "خلصت الخطوة التالية لـ Initech", "تم: \u2068send ROI case\u2069. ما الخطوة التالية لصفقة \u2068Initech\u2069؟")]
    public async Task NextStepDone_StepSet_SaysDoneAsksNextClearsTheStep(string? language, string said, string expected)
    {
        var deal = _bot.AddDeal("1002", "Initech");
        await _bot.AskAsync("next step for Initech: send ROI case");
        _bot.Rep.Language = language;

        var answer = await _bot.AskAsync(said);

        Assert.StartsWith(expected, answer.Card!.Note, StringComparison.Ordinal);
        // Session 52: the step is cleared (it stayed until replaced before), never replaced by the word "done".
        Assert.Null(deal.NextStep);
    }

    [Fact]
    public async Task NextStepDone_NoStep_SaysHowToSetOne()
    {
        var deal = _bot.AddDeal("1002", "Initech");

        var answer = await _bot.AskAsync("next step for Initech done");

        Assert.Equal("Initech has no next step to finish. Say \"next step for Initech: what, when\" to set one.", answer.Card!.Note);
        Assert.Null(deal.NextStep);
    }

    [Theory]
    [InlineData("change the next step for Initech to Friday", "Fri 4 Dec 2026")]
    [InlineData("غير الخطوة التالية لـ Initech ليوم الخميس", "الخميس 3 ديسمبر 2026")]
    public async Task ChangeNextStep_OnlyADate_KeepsTheStepMovesItsDate(string said, string day)
    {
        var deal = _bot.AddDeal("1002", "Initech");
        await _bot.AskAsync("next step for Initech: send ROI case");

        var answer = await _bot.AskAsync(said);

        Assert.Equal("send ROI case", deal.NextStep);
        Assert.NotNull(deal.NextStepAt);
        Assert.Contains(day, answer.Text, StringComparison.Ordinal);
    }
}
