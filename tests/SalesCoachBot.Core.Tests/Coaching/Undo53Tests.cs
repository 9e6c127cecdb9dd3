using SalesCoachBot.Core.Tests.Fakes;

namespace SalesCoachBot.Core.Tests.Coaching;

/// <summary>Session 53: undo of a kind named, «الغِ ذلك» with and without a question open.</summary>
public sealed class Undo53Tests : IDisposable
{
    private readonly BotHarness _bot = new();

    public void Dispose() => _bot.Dispose();

    [Fact]
    public async Task UndoMyNote_AfterANoteThenANextStep_WithdrawsTheNote_KeepsTheStep()
    {
        var deal = _bot.AddDeal("1002", "Initech", "discovery");
        await _bot.AskAsync("note for Initech: they want SSO");
        _bot.Clock.Advance(TimeSpan.FromMinutes(1));
        await _bot.AskAsync("next step for Initech: call the CFO friday");
        _bot.Clock.Advance(TimeSpan.FromMinutes(1));

        var answer = await _bot.AskAsync("undo my note on Initech");

        Assert.NotNull(Assert.Single(_bot.Stores.Notes).WithdrawnAt);
        Assert.Equal("call the CFO", deal.NextStep);
        Assert.Contains("Withdrew your note on Initech (\"they want SSO\")", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UndoTheNextStep_InArabic_AfterANoteSince_PutsNoStepBack_KeepsTheNote()
    {
        var deal = _bot.AddDeal("1002", "Initech", "discovery");
        await _bot.AskAsync("next step for Initech: call the CFO friday");
        _bot.Clock.Advance(TimeSpan.FromMinutes(1));
        await _bot.AskAsync("note for Initech: they want SSO");
        _bot.Clock.Advance(TimeSpan.FromMinutes(1));

        await _bot.AskAsync("تراجع عن الخطوة التالية لـ Initech");

        Assert.Null(deal.NextStep);
        Assert.Null(Assert.Single(_bot.Stores.Notes).WithdrawnAt);
    }

    [Fact]
    public async Task CancelThatInArabic_NoQuestionOpen_ChangesNothing()
    {
        _bot.AddDeal("1002", "Initech", "discovery");
        await _bot.AskAsync("note for Initech: they want SSO");
        _bot.Clock.Advance(TimeSpan.FromMinutes(1));

        var answer = await _bot.AskAsync("الغِ ذلك");

        Assert.Equal("حسنًا، لم يتغير شيء.", answer.Text);
        Assert.Null(Assert.Single(_bot.Stores.Notes).WithdrawnAt);
    }

    [Fact]
    public async Task Cancel_NoQuestionOpen_StillChangesNothing()
    {
        _bot.AddDeal("1002", "Initech", "discovery");
        await _bot.AskAsync("note for Initech: they want SSO");

        var answer = await _bot.AskAsync("cancel");

        Assert.Equal("OK, nothing changed.", answer.Text);
        Assert.Null(Assert.Single(_bot.Stores.Notes).WithdrawnAt);
    }
}
