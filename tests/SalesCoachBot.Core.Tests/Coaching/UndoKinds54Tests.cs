using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.Tests.Fakes;

namespace SalesCoachBot.Core.Tests.Coaching;

/// <summary>undo54: "undo my last confirmation / next step / note / call" takes back only the latest of that kind.</summary>
public sealed class UndoKinds54Tests : IDisposable
{
    private readonly BotHarness _bot = new();

    public void Dispose() => _bot.Dispose();

    [Fact]
    public async Task UndoMyLastConfirmation_ANoteAndACallAfterIt_WithdrawsTheConfirmation_TheNoteAndCallStay()
    {
        var deal = _bot.AddDeal("1002", "Initech", "discovery");
        await _bot.AskAsync("done requirements listed for initech");
        _bot.Clock.Advance(TimeSpan.FromMinutes(1));
        await _bot.AskAsync("note for Initech: they want SSO");
        _bot.Clock.Advance(TimeSpan.FromMinutes(1));
        await _bot.AskAsync("called Initech about pricing");

        var answer = await _bot.AskAsync("undo my last confirmation");

        Assert.NotNull(Assert.Single(_bot.Stores.Confirmations, c => c.DealId == deal.Id).WithdrawnAt);
        Assert.Null(Assert.Single(_bot.Stores.Notes).WithdrawnAt);
        Assert.Null(Assert.Single(_bot.Stores.Activities).WithdrawnAt);
        Assert.Contains("Withdrew", answer.Card!.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UndoThat_SameActs_StillTakesTheNewestOfAnyKind()
    {
        _bot.AddDeal("1002", "Initech", "discovery");
        await _bot.AskAsync("done requirements listed for initech");
        _bot.Clock.Advance(TimeSpan.FromMinutes(1));
        await _bot.AskAsync("note for Initech: they want SSO");

        await _bot.AskAsync("undo that");

        Assert.Null(Assert.Single(_bot.Stores.Confirmations).WithdrawnAt);
        Assert.NotNull(Assert.Single(_bot.Stores.Notes).WithdrawnAt);
    }

    [Fact]
    public async Task UndoMyLastCall_AMeetingLoggedAfterIt_WithdrawsTheCall_TheMeetingStays()
    {
        _bot.AddDeal("1002", "Initech", "discovery");
        await _bot.AskAsync("called Initech about pricing");
        _bot.Clock.Advance(TimeSpan.FromMinutes(1));
        await _bot.AskAsync("met Initech today");

        var answer = await _bot.AskAsync("undo my last call");

        Assert.NotNull(Assert.Single(_bot.Stores.Activities, a => a.Kind == ActivityKind.Call).WithdrawnAt);
        Assert.Null(Assert.Single(_bot.Stores.Activities, a => a.Kind == ActivityKind.Meeting).WithdrawnAt);
        Assert.Contains("Withdrew a call (pricing) on Initech", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UndoMyLastNextStep_ANoteAfterIt_WithdrawsTheStep()
    {
        var deal = _bot.AddDeal("1002", "Initech", "discovery");
        await _bot.AskAsync("next step for Initech: call the CFO friday");
        _bot.Clock.Advance(TimeSpan.FromMinutes(1));
        await _bot.AskAsync("note for Initech: they want SSO");

        await _bot.AskAsync("undo my last next step");

        Assert.Null(deal.NextStep);
        Assert.Null(Assert.Single(_bot.Stores.Notes).WithdrawnAt);
    }

    [Fact]
    public async Task UndoMyLastNote_NoneButAConfirmation_NamesTheKind_WithdrawsNothing()
    {
        _bot.AddDeal("1002", "Initech", "discovery");
        await _bot.AskAsync("done requirements listed for initech");

        var answer = await _bot.AskAsync("undo my last note");

        Assert.Null(Assert.Single(_bot.Stores.Confirmations).WithdrawnAt);
        Assert.Equal("Nothing to undo", answer.Card?.Title ?? answer.Text.Split('\n')[0]);
        Assert.Contains("No note of yours from the last 24 hours is still in force", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UndoMyLastConfirmation_NoneButANote_NamesTheKind_AndHowToNameAnOlderOne()
    {
        _bot.AddDeal("1002", "Initech", "discovery");
        await _bot.AskAsync("note for Initech: they want SSO");

        var answer = await _bot.AskAsync("undo my last confirmation");

        Assert.Null(Assert.Single(_bot.Stores.Notes).WithdrawnAt);
        Assert.Contains(
            "No confirmation of yours from the last 24 hours is still in force, so there is nothing to undo. To withdraw an older confirmation, name it: \"undo demo held for Initech\".",
            answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UndoMyLastCall_ConfirmationOlderThanADay_Nothing_NamesTheCall()
    {
        _bot.AddDeal("1002", "Initech", "discovery");
        await _bot.AskAsync("called Initech about pricing");
        _bot.Clock.Advance(TimeSpan.FromHours(25));

        var answer = await _bot.AskAsync("undo my last call");

        Assert.Null(Assert.Single(_bot.Stores.Activities).WithdrawnAt);
        Assert.Contains("No logged call of yours from the last 24 hours", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Arabic_EachKind_WithdrawsOnlyThatKind()
    {
        var deal = _bot.AddDeal("1002", "Initech", "discovery");
        await _bot.AskAsync("done requirements listed for initech");
        _bot.Clock.Advance(TimeSpan.FromMinutes(1));
        await _bot.AskAsync("next step for Initech: call the CFO friday");
        _bot.Clock.Advance(TimeSpan.FromMinutes(1));
        await _bot.AskAsync("called Initech about pricing");
        _bot.Clock.Advance(TimeSpan.FromMinutes(1));
        await _bot.AskAsync("note for Initech: they want SSO");

        var confirmation = await _bot.AskAsync("تراجع عن آخر تأكيد");
        Assert.NotNull(Assert.Single(_bot.Stores.Confirmations).WithdrawnAt);
        Assert.Equal("call the CFO", deal.NextStep);
        Assert.Contains("سُحب تأكيد", confirmation.Card!.Note, StringComparison.Ordinal);

        await _bot.AskAsync("الغِ آخر خطوة");
        Assert.Null(deal.NextStep);
        Assert.Null(Assert.Single(_bot.Stores.Notes).WithdrawnAt);

        await _bot.AskAsync("الغِ آخر مكالمة");
        Assert.NotNull(Assert.Single(_bot.Stores.Activities).WithdrawnAt);
        Assert.Null(Assert.Single(_bot.Stores.Notes).WithdrawnAt);

        await _bot.AskAsync("تراجع عن آخر ملاحظة");
        Assert.NotNull(Assert.Single(_bot.Stores.Notes).WithdrawnAt);

        var none = await _bot.AskAsync("الغِ آخر مكالمة");
        Assert.Equal("لم تسجّل خلال آخر 24 ساعة مكالمةً ما زالت قائمة، فلا شيء للتراجع عنه.", Bidi.WithoutIsolates(none.Text));
    }
}
