using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Tests.Fakes;

namespace SalesCoachBot.Core.Tests.Coaching;

/// <summary>"undo that" reaches next steps, notes and logged activities, not only confirmations (journal53).</summary>
public sealed class UndoActs53Tests : IDisposable
{
    private readonly BotHarness _bot = new();

    public void Dispose() => _bot.Dispose();

    private async Task<IReadOnlyList<TimelineEntry>> TimelineAsync(Deal deal) => await _bot.Stores.TimelineAsync(deal.Id, CancellationToken.None);

    [Fact]
    public async Task UndoThat_AfterAChangedNextStep_PutsTheStepBeforeItBack_AndTheHistoryTellsIt()
    {
        var deal = _bot.AddDeal("1002", "Initech", "discovery");
        await _bot.AskAsync("next step for Initech: send the SOW wednesday");
        var sow = deal.NextStepAt;
        _bot.Clock.Advance(TimeSpan.FromMinutes(1));
        await _bot.AskAsync("next step for Initech: call the CFO friday");
        _bot.Clock.Advance(TimeSpan.FromMinutes(1));

        var answer = await _bot.AskAsync("undo that");

        Assert.Equal("send the SOW", deal.NextStep);
        Assert.Equal(sow, deal.NextStepAt);
        Assert.StartsWith("Withdrew the next step for Initech (call the CFO, Fri 4 Dec 2026); the step is back to: send the SOW, Wed 2 Dec 2026.", answer.Text, StringComparison.Ordinal);
        var undone = Assert.Single(await TimelineAsync(deal), e => e.Kind == TimelineEntryKind.NextStepUndone);
        Assert.Equal("call the CFO", undone.Previous);
        Assert.Equal("send the SOW", undone.Text);
        Assert.NotNull(_bot.Stores.NextStepEvents.Single(e => e.Text == "call the CFO").WithdrawnAt);
    }

    [Fact]
    public async Task UndoThat_Twice_WalksBackToNoNextStep_ThenSaysNothingRecent()
    {
        var deal = _bot.AddDeal("1002", "Initech", "discovery");
        await _bot.AskAsync("next step for Initech: send the SOW wednesday");
        await _bot.AskAsync("next step for Initech: call the CFO friday");

        await _bot.AskAsync("undo that");
        var second = await _bot.AskAsync("undo that");
        var third = await _bot.AskAsync("undo that");

        Assert.Null(deal.NextStep);
        Assert.Null(deal.NextStepAt);
        Assert.Contains("there is no next step now", second.Text, StringComparison.Ordinal);
        Assert.Contains("nothing recent to undo", third.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UndoThat_AfterNextStepDone_BringsTheFinishedStepBack()
    {
        var deal = _bot.AddDeal("1002", "Initech", "discovery");
        await _bot.AskAsync("next step for Initech: call the CFO friday");
        await _bot.AskAsync("next step for Initech done");
        Assert.Null(deal.NextStep);

        var answer = await _bot.AskAsync("undo that");

        Assert.Equal("call the CFO", deal.NextStep);
        Assert.Contains("Took back \"done\" for the next step of Initech", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UndoThat_AfterANote_WithdrawsItKeepingTheRow_NotesLeaveItOut_HistorySaysWithdrawn()
    {
        var deal = _bot.AddDeal("1002", "Initech", "discovery");
        await _bot.AskAsync("done requirements listed for initech");
        _bot.Clock.Advance(TimeSpan.FromMinutes(1));
        await _bot.AskAsync("note for Initech: they want SSO");

        var answer = await _bot.AskAsync("undo that");

        var note = Assert.Single(_bot.Stores.Notes);
        Assert.Equal("they want SSO", note.Text);
        Assert.Equal(_bot.Clock.GetUtcNow(), note.WithdrawnAt);
        Assert.Equal(_bot.Rep.Id, note.WithdrawnByPersonId);
        Assert.Empty(await _bot.Stores.RecentNotesAsync(deal.Id, 5, CancellationToken.None));
        Assert.All(_bot.Stores.Confirmations, c => Assert.Null(c.WithdrawnAt));
        Assert.Contains("Withdrew your note on Initech (\"they want SSO\")", answer.Text, StringComparison.Ordinal);
        Assert.Contains(await TimelineAsync(deal), e => e.Kind == TimelineEntryKind.NoteWithdrawn && e.Text == "they want SSO");
        var history = await _bot.AskAsync("history of Initech");
        Assert.Contains("Note withdrawn (undo): they want SSO", history.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UndoThat_AfterALoggedCall_WithdrawsIt_ConfirmationBeforeItStays()
    {
        var deal = _bot.AddDeal("1002", "Initech", "discovery");
        await _bot.AskAsync("done requirements listed for initech");
        _bot.Clock.Advance(TimeSpan.FromMinutes(1));
        await _bot.AskAsync("called Initech yesterday about pricing");

        var answer = await _bot.AskAsync("oops undo that");

        Assert.NotNull(Assert.Single(_bot.Stores.Activities).WithdrawnAt);
        Assert.All(_bot.Stores.Confirmations, c => Assert.Null(c.WithdrawnAt));
        Assert.Contains("Withdrew a call (pricing) on Initech, logged for Thu 26 Nov 2026.", answer.Text, StringComparison.Ordinal);
        Assert.Contains(await TimelineAsync(deal), e => e.Kind == TimelineEntryKind.ActivityWithdrawn && e.Activity == ActivityKind.Call);
    }

    [Fact]
    public async Task UndoThat_ConfirmationNewerThanTheNote_WithdrawsTheConfirmation()
    {
        _bot.AddDeal("1002", "Initech", "discovery");
        await _bot.AskAsync("note for Initech: they want SSO");
        _bot.Clock.Advance(TimeSpan.FromMinutes(1));
        await _bot.AskAsync("done requirements listed for initech");

        await _bot.AskAsync("undo that");

        Assert.NotNull(Assert.Single(_bot.Stores.Confirmations).WithdrawnAt);
        Assert.Null(Assert.Single(_bot.Stores.Notes).WithdrawnAt);
    }

    [Fact]
    public async Task UndoThatOnADeal_ATeamMatesNote_RefusedForARep_AManagerMayWithdrawIt()
    {
        _bot.AddDeal("1002", "Initech", "discovery");
        await _bot.AskAsync("note for Initech: they want SSO", _bot.TeamMate);

        var refused = await _bot.AskAsync("undo that for Initech");
        Assert.Null(Assert.Single(_bot.Stores.Notes).WithdrawnAt);
        Assert.Contains("Only whoever did it, or a manager, can undo", refused.Text, StringComparison.Ordinal);

        await _bot.AskAsync("undo that for Initech", _bot.Manager);
        Assert.Equal(_bot.Manager.Id, Assert.Single(_bot.Stores.Notes).WithdrawnByPersonId);
    }

    [Fact]
    public async Task UndoThat_NoteOlderThanTheWindow_IsLeftAlone()
    {
        _bot.AddDeal("1002", "Initech", "discovery");
        await _bot.AskAsync("note for Initech: they want SSO");
        _bot.Clock.Advance(TimeSpan.FromHours(25));

        var answer = await _bot.AskAsync("undo that");

        Assert.Null(Assert.Single(_bot.Stores.Notes).WithdrawnAt);
        Assert.Contains("nothing recent to undo", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UndoThat_StepChangedByATeamMateSince_TheRepsOwnChangeIsNoLongerInForce()
    {
        var deal = _bot.AddDeal("1002", "Initech", "discovery");
        await _bot.AskAsync("next step for Initech: send the SOW wednesday");
        await _bot.AskAsync("next step for Initech: call the CFO friday", _bot.TeamMate);

        var answer = await _bot.AskAsync("undo that");

        Assert.Equal("call the CFO", deal.NextStep);
        Assert.Contains("nothing recent to undo", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UndoThat_Arabic_SaysWhatWasUndone()
    {
        var deal = _bot.AddDeal("1002", "Initech", "discovery");
        await _bot.AskAsync("next step for Initech: call the CFO friday");

        // «آخر واحد» ("the last one"): any kind; «آخر تأكيد» names a confirmation and would leave the step (undo54).
        var answer = await _bot.AskAsync("تراجع عن آخر واحد");

        Assert.Null(deal.NextStep);
        Assert.Contains("سُحبت الخطوة التالية لصفقة", answer.Text, StringComparison.Ordinal);
        Assert.Contains("ولا خطوة تالية لها الآن", answer.Text, StringComparison.Ordinal);
    }
}
