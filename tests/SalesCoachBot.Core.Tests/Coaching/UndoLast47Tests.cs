using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.Tests.Fakes;
using SalesCoachBot.Core.Tests.Understanding;

namespace SalesCoachBot.Core.Tests.Coaching;

/// <summary>"oops, undo that": an undo naming no item withdraws the latest confirmation still in force.</summary>
public sealed class UndoLast47Tests : IDisposable
{
    private readonly BotHarness _bot = new();

    public void Dispose() => _bot.Dispose();

    private Confirmation ConfirmationOf(Deal deal, string item) =>
        _bot.Stores.Confirmations.Single(c => c.DealId == deal.Id && c.ItemId == new ChecklistItemId(item));

    [Theory]
    [InlineData("oops undo that", "undolast this")]
    [InlineData("undo that", "undolast this")]
    [InlineData("undo the last one", "undolast this")]
    [InlineData("undo my last confirmation", "undolast this")]
    [InlineData("undo that for Hooli", "undolast 1012")]
    [InlineData("undo the last one on Hooli", "undolast 1012")]
    [InlineData("تراجع عن آخر تأكيد", "undolast this")]
    [InlineData("الغِ اللي سويته", "undolast this")]
    [InlineData("ارجع عن آخر واحد", "undolast this")]
    [InlineData("تراجع عن آخر تأكيد في Hooli", "undolast 1012")]
    [InlineData("تراجع عن آخر واحد في Hooli", "undolast 1012")]
    [InlineData("تراجع عن هذا", "undolast this")]
    [InlineData("اسحب آخر تأكيد", "undolast this")]
    public void Parse_UndoNamingNoItem_IsTheLatestConfirmation(string text, string expected) =>
        Assert.Equal(expected, UnderstandingTestData.Read(text));

    [Theory]
    [InlineData("undo demo held for Hooli", "undo 1012 | demo held")]
    [InlineData("تراجع عن demo-held في Hooli", "undo 1012 | demo-held")]
    public void Parse_UndoNamingAnItem_StaysTheItemsUndo(string text, string expected) =>
        Assert.Equal(expected, UnderstandingTestData.Read(text));

    [Fact]
    public async Task UndoThat_WithdrawsTheLatestOwnConfirmation_AndAnswersAsTheNamedUndo()
    {
        var deal = _bot.AddDeal("1002", "Initech", "discovery");
        await _bot.AskAsync("done requirements listed for initech");
        _bot.Clock.Advance(TimeSpan.FromMinutes(2));
        await _bot.AskAsync("done champion named for initech");
        _bot.Clock.Advance(TimeSpan.FromMinutes(1));

        var answer = await _bot.AskAsync("oops undo that");

        var withdrawn = ConfirmationOf(deal, "champion-named");
        Assert.Equal(_bot.Clock.GetUtcNow(), withdrawn.WithdrawnAt);
        Assert.Equal(_bot.Rep.Id, withdrawn.WithdrawnByPersonId);
        Assert.Null(ConfirmationOf(deal, "requirements-listed").WithdrawnAt);
        Assert.Equal("Initech — Discovery", answer.Card!.Title);
        Assert.Contains("Withdrew the confirmation of \"A champion is named\".", answer.Card.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UndoThat_Again_WithdrawsTheNextMostRecent_ThenSaysNothingRecentWithTheNamedForm()
    {
        var deal = _bot.AddDeal("1002", "Initech", "discovery");
        await _bot.AskAsync("done requirements listed for initech");
        _bot.Clock.Advance(TimeSpan.FromMinutes(2));
        await _bot.AskAsync("done champion named for initech");

        await _bot.AskAsync("undo that");
        var second = await _bot.AskAsync("undo that");
        var third = await _bot.AskAsync("undo that");

        Assert.All(_bot.Stores.Confirmations, c => Assert.NotNull(c.WithdrawnAt));
        Assert.Contains("Withdrew the confirmation of \"Requirements list shared with the buyer\".", second.Card!.Note, StringComparison.Ordinal);
        Assert.Contains("nothing recent to undo", third.Text, StringComparison.Ordinal);
        Assert.Contains("undo demo held for Initech", third.Text, StringComparison.Ordinal);
        Assert.Equal(1, deal.StageVersion);
    }

    [Fact]
    public async Task UndoThat_OnlyOlderThanTheWindow_WithdrawsNothing()
    {
        var deal = _bot.AddDeal("1002", "Initech", "discovery");
        await _bot.AskAsync("done requirements listed for initech");
        _bot.Clock.Advance(TimeSpan.FromHours(25));

        var answer = await _bot.AskAsync("undo the last one");

        Assert.Null(ConfirmationOf(deal, "requirements-listed").WithdrawnAt);
        Assert.Contains("nothing recent to undo", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UndoThat_NamingNoDeal_TakesThePersonsOwnNotATeamMatesLater()
    {
        var deal = _bot.AddDeal("1002", "Initech", "discovery");
        await _bot.AskAsync("done requirements listed for initech");
        _bot.Clock.Advance(TimeSpan.FromMinutes(5));
        await _bot.AskAsync("done champion named for initech", _bot.TeamMate);

        await _bot.AskAsync("undo my last confirmation");

        Assert.NotNull(ConfirmationOf(deal, "requirements-listed").WithdrawnAt);
        Assert.Null(ConfirmationOf(deal, "champion-named").WithdrawnAt);
    }

    [Fact]
    public async Task UndoThatForADeal_TakesThatDealsLatest_NotTheLaterOneElsewhere()
    {
        var initech = _bot.AddDeal("1002", "Initech", "discovery");
        var acme = _bot.AddDeal("1001", "Acme Corp", "discovery");
        await _bot.AskAsync("done requirements listed for initech");
        _bot.Clock.Advance(TimeSpan.FromMinutes(5));
        await _bot.AskAsync("done requirements listed for acme");

        var answer = await _bot.AskAsync("undo the last one on initech");

        Assert.NotNull(ConfirmationOf(initech, "requirements-listed").WithdrawnAt);
        Assert.Null(ConfirmationOf(acme, "requirements-listed").WithdrawnAt);
        Assert.Equal("Initech — Discovery", answer.Card!.Title);
    }

    [Fact]
    public async Task UndoThat_InAChatLinkedToADeal_TakesThatDealsLatest()
    {
        var initech = _bot.AddDeal("1002", "Initech", "discovery");
        var acme = _bot.AddDeal("1001", "Acme Corp", "discovery");
        await _bot.AskAsync("link this chat to initech", conversation: "room-1");
        await _bot.AskAsync("done requirements listed for initech");
        _bot.Clock.Advance(TimeSpan.FromMinutes(5));
        await _bot.AskAsync("done requirements listed for acme");

        await _bot.AskAsync("undo that", conversation: "room-1");

        Assert.NotNull(ConfirmationOf(initech, "requirements-listed").WithdrawnAt);
        Assert.Null(ConfirmationOf(acme, "requirements-listed").WithdrawnAt);
    }

    [Fact]
    public async Task UndoThatOnADeal_ATeamMatesConfirmation_OnlyTheyOrAManagerMayWithdrawIt()
    {
        var deal = _bot.AddDeal("1002", "Initech", "discovery");
        await _bot.AskAsync("done requirements listed for initech", _bot.TeamMate);

        var refused = await _bot.AskAsync("undo that for initech");
        Assert.Null(ConfirmationOf(deal, "requirements-listed").WithdrawnAt);
        Assert.Contains("Only tom, who confirmed it, or a manager", refused.Card!.Note, StringComparison.Ordinal);

        await _bot.AskAsync("undo that for initech", _bot.Manager);
        Assert.Equal(_bot.Manager.Id, ConfirmationOf(deal, "requirements-listed").WithdrawnByPersonId);
    }

    [Fact]
    public async Task UndoThatOnADeal_NothingRecent_SaysSoNamingTheDeal()
    {
        _bot.AddDeal("1002", "Initech", "discovery");

        var answer = await _bot.AskAsync("undo that for initech");

        Assert.Contains("Nothing confirmed, set, noted or logged on Initech", answer.Text, StringComparison.Ordinal);
        Assert.Empty(_bot.Stores.Confirmations);
    }

    [Fact]
    public async Task UndoThat_AfterTheConfirmationMovedTheDealOn_KeepsTheStageAsTheNamedUndoDoes()
    {
        var deal = _bot.AddDeal("1002", "Initech", "discovery");
        await _bot.AskAsync("done requirements listed for initech");
        await _bot.AskAsync("done demo booked for initech");
        Assert.Equal(new StageId("demo"), deal.StageId);

        var named = await _bot.AskAsync("undo demo booked for initech");
        var answer = await _bot.AskAsync("oops undo that");

        Assert.Equal(new StageId("demo"), deal.StageId);
        Assert.Equal(2, deal.StageVersion);
        Assert.All(_bot.Stores.Confirmations, c => Assert.Null(c.WithdrawnAt));
        Assert.Contains("is not an item of Initech", named.Text, StringComparison.Ordinal);
        Assert.Contains("The latest confirmation was \"Demo date agreed with the buyer\" on Initech, at Discovery, and Initech has since moved on to Demo.", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UndoThat_InArabic_WithdrawsAndAnswersInArabic()
    {
        var deal = _bot.AddDeal("1002", "Initech", "discovery");
        await _bot.AskAsync("done requirements listed for initech");

        var answer = await _bot.AskAsync("تراجع عن آخر تأكيد");
        var nothing = await _bot.AskAsync("ارجع عن آخر واحد");

        Assert.NotNull(ConfirmationOf(deal, "requirements-listed").WithdrawnAt);
        Assert.Contains("سُحب تأكيد", answer.Card!.Note, StringComparison.Ordinal);
        Assert.Contains("فلا شيء حديث للتراجع عنه", nothing.Text, StringComparison.Ordinal);
        Assert.Contains("«تراجع عن demo-held في Initech»", Bidi.WithoutIsolates(nothing.Text), StringComparison.Ordinal);
    }
}
