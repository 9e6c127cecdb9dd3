using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Tests.Fakes;

namespace SalesCoachBot.Core.Tests.Coaching;

/// <summary>
/// Issue 3, "Bad input", through the real use cases: every odd or hostile input gets a clear, polite
/// answer (never an exception) and nothing is stored wrongly: no confirmation, no stage change, no
/// history, no snooze, no note.
/// </summary>
public sealed class BadInputTests : IDisposable
{
    private readonly BotHarness _bot = new();

    public void Dispose() => _bot.Dispose();

    [Theory]
    [InlineData("what's next for umbrella")]
    [InlineData("next #9999")]
    [InlineData("done requirements listed for umbrella")]
    [InlineData("undo requirements listed for #9999")]
    [InlineData("mark umbrella lost because price")]
    [InlineData("umbrella said no")]
    public async Task Ask_UnknownDeal_SaysNoSuchDealAndStoresNothing(string text)
    {
        var deal = _bot.AddDeal("1002", "Initech");

        var answer = await _bot.AskAsync(text);

        Assert.NotEqual(CardKind.Checklist, answer.Card?.Kind);
        Assert.Matches("(?i)(no deal|couldn't find|could not find|can't find|don't know|not find)", answer.Text);
        AssertNothingStored(deal);
    }

    [Fact]
    public async Task Ask_UnknownDealWithTypo_SuggestsTheClosest()
    {
        _bot.AddDeal("1002", "Initech");
        _bot.AddDeal("1003", "Hooli");

        var answer = await _bot.AskAsync("what's next for inetach");

        Assert.Contains("Initech", answer.Text + string.Join(' ', answer.Card?.Choices.Select(c => c.Label) ?? []), StringComparison.Ordinal);
        Assert.Empty(_bot.Stores.Confirmations);
    }

    [Fact]
    public async Task StageInfo_UnknownStage_SaysSoAndNamesTheStages()
    {
        var answer = await _bot.AskAsync("what happens in negotiation?");

        Assert.NotEqual(CardKind.StageInfo, answer.Card?.Kind);
        Assert.Contains("negotiation", answer.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Discovery", answer.Text + string.Join(' ', answer.Card?.Choices.Select(c => c.Label) ?? []), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Move_ToUnknownStage_RefusedAndNothingChanges()
    {
        var deal = _bot.AddDeal("1002", "Initech");

        var answer = await _bot.AskAsync("move initech to negotiation because the buyer asked", _bot.Manager);

        Assert.Contains("negotiation", answer.Text, StringComparison.OrdinalIgnoreCase);
        AssertNothingStored(deal);
    }

    [Fact]
    public async Task Done_ItemFromAnotherStageTyped_RecordsNothingAndSaysWhichChecklist()
    {
        var deal = _bot.AddDeal("1002", "Initech", "discovery");

        var answer = await _bot.AskAsync("done signed copy stored for initech");

        Assert.Contains("Discovery", answer.Text + answer.Card?.Note, StringComparison.Ordinal);
        AssertNothingStored(deal);
    }

    [Fact]
    public async Task Undo_ItemNeverConfirmed_PoliteAndNothingChanges()
    {
        var deal = _bot.AddDeal("1002", "Initech", "discovery");

        var answer = await _bot.AskAsync("undo demo booked for initech");

        Assert.False(string.IsNullOrWhiteSpace(answer.Text));
        AssertNothingStored(deal);
    }

    [Fact]
    public async Task Confirm_PayloadForDealThatDoesNotExist_PoliteAndRecordsNothing()
    {
        var deal = _bot.AddDeal("1002", "Initech", "discovery");
        var forged = new ConfirmItemsPayload(new DealId(deal.Id.Value + 1000), new StageId("discovery"), 1);

        var answer = await _bot.TurnAsync(new ActionInput(forged, [new ChecklistItemId("requirements-listed")]));

        Assert.NotEqual(CardKind.Checklist, answer.Card?.Kind);
        Assert.False(string.IsNullOrWhiteSpace(answer.Text));
        AssertNothingStored(deal);
    }

    [Fact]
    public async Task Confirm_PayloadForVersionNewerThanTheDeal_RecordsNothingAndShowsCurrentCard()
    {
        var deal = _bot.AddDeal("1002", "Initech", "discovery");
        var forged = new ConfirmItemsPayload(deal.Id, new StageId("discovery"), 99);

        var answer = await _bot.TurnAsync(new ActionInput(forged, [new ChecklistItemId("requirements-listed"), new ChecklistItemId("demo-booked")]));

        Assert.Equal("Initech — Discovery", answer.Card!.Title);
        Assert.Contains("out of date", answer.Card.Note, StringComparison.Ordinal);
        AssertNothingStored(deal);
    }

    [Fact]
    public async Task Confirm_NoItemsTicked_PoliteAndRecordsNothing()
    {
        var deal = _bot.AddDeal("1002", "Initech", "discovery");

        var answer = await _bot.TurnAsync(new ActionInput(new ConfirmItemsPayload(deal.Id, new StageId("discovery"), 1), []));

        Assert.False(string.IsNullOrWhiteSpace(answer.Text + answer.Card?.Note));
        AssertNothingStored(deal);
    }

    [Fact]
    public async Task Confirm_RepOfAnotherTeamPressesCardForDealTheyCannotSee_RecordsNothingAndRevealsNothing()
    {
        var deal = _bot.AddDeal("1002", "Initech", "discovery");
        var card = new ConfirmItemsPayload(deal.Id, new StageId("discovery"), 1);

        var answer = await _bot.TurnAsync(new ActionInput(card, [new ChecklistItemId("requirements-listed"), new ChecklistItemId("demo-booked")]), _bot.OtherRep);

        Assert.NotEqual(CardKind.Checklist, answer.Card?.Kind);
        Assert.DoesNotContain("Initech", answer.Text + answer.Card?.Title + answer.Card?.Note, StringComparison.Ordinal);
        AssertNothingStored(deal);
    }

    [Theory]
    [InlineData("undo")]
    [InlineData("snooze")]
    [InlineData("checklist")]
    public async Task CardPress_RepOfAnotherTeam_OtherPayloadKinds_ChangeNothingAndRevealNothing(string kind)
    {
        var deal = _bot.AddDeal("1002", "Initech", "discovery");
        await _bot.AskAsync("done requirements listed for initech");
        ActionPayload payload = kind switch
        {
            "undo" => new UndoItemPayload(deal.Id, new StageId("discovery"), 1, new ChecklistItemId("requirements-listed")),
            "snooze" => new SnoozeDealPayload(deal.Id, 30),
            _ => new ShowChecklistPayload(deal.Id),
        };

        var answer = await _bot.TurnAsync(new ActionInput(payload, []), _bot.OtherRep);

        Assert.DoesNotContain("Initech", answer.Text + answer.Card?.Title, StringComparison.Ordinal);
        var confirmation = Assert.Single(_bot.Stores.Confirmations);
        Assert.Null(confirmation.WithdrawnAt);
        Assert.Empty(_bot.Stores.Snoozes);
        Assert.Equal((new StageId("discovery"), 1), (deal.StageId, deal.StageVersion));
    }

    [Fact]
    public async Task CardPress_UnknownPerson_ToldToAskAnAdminAndRecordsNothing()
    {
        var deal = _bot.AddDeal("1002", "Initech", "discovery");
        var stranger = new Person { Id = 99, Email = "who@example.com", Name = "who" };

        var answer = await _bot.TurnAsync(new ActionInput(new ConfirmItemsPayload(deal.Id, new StageId("discovery"), 1), [new ChecklistItemId("requirements-listed")]), stranger);

        Assert.Contains("admin", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Initech", answer.Text + answer.Card?.Title, StringComparison.Ordinal);
        AssertNothingStored(deal);
    }

    [Theory]
    [InlineData("move globex to demo because the buyer asked")]
    [InlineData("mark globex lost because price")]
    [InlineData("globex said no")]
    [InlineData("done requirements listed for globex")]
    public async Task ManagerOfTeamA_ChangesTeamBDeal_RefusedAndNothingChanges(string text)
    {
        var deal = _bot.AddDeal("2001", "Globex", owner: _bot.OtherRep, team: _bot.Americas);

        var answer = await _bot.AskAsync(text, _bot.Manager);

        Assert.NotEqual(CardKind.Checklist, answer.Card?.Kind);
        Assert.DoesNotContain("Americas", answer.Text, StringComparison.Ordinal);
        AssertNothingStored(deal);
        Assert.Equal(DealStatus.Open, deal.Status);
    }

    [Fact]
    public async Task ManagerOfTeamA_MovesTeamBDealByCardCommand_RefusedAndNothingChanges()
    {
        var deal = _bot.AddDeal("2001", "Globex", owner: _bot.OtherRep, team: _bot.Americas);

        await _bot.TurnAsync(new ActionInput(new RunCommandPayload("move #2001 to contract signed because forged"), []), _bot.Manager);

        AssertNothingStored(deal);
    }

    [Fact]
    public async Task Ask_FiveThousandCharactersAroundACommand_AnswersWithoutExceptionOrRecording()
    {
        var deal = _bot.AddDeal("1002", "Initech");
        var text = "what's next for initech " + string.Concat(Enumerable.Repeat("and also please ", 312));

        var answer = await _bot.AskAsync(text[..5000]);

        Assert.NotNull(answer.Card);
        Assert.False(string.IsNullOrWhiteSpace(answer.Text));
        AssertNothingStored(deal);
    }

    [Fact]
    public async Task Ask_FiveThousandCharacterDealName_PoliteNoSuchDeal()
    {
        var deal = _bot.AddDeal("1002", "Initech");

        var answer = await _bot.AskAsync("done requirements listed for " + new string('q', 4970));

        Assert.NotEqual(CardKind.Checklist, answer.Card?.Kind);
        Assert.True(answer.Text.Length < 2000, "the answer does not echo 5,000 characters back");
        AssertNothingStored(deal);
    }

    [Theory]
    [InlineData("🚀🚀 Rocket Co 🚀", "what's next for rocket co")]
    [InlineData("🚀🚀 Rocket Co 🚀", "what's next for 🚀 rocket co 🚀")]
    [InlineData("شركة الأمل", "what's next for شركة الأمل")]
    [InlineData("חברת אור", "next חברת אור")]
    public async Task WhatsNext_DealNamedWithEmojiOrRightToLeftText_Found(string name, string text)
    {
        _bot.AddDeal("4001", name);

        var answer = await _bot.AskAsync(text);

        Assert.Equal(CardKind.Checklist, answer.Card!.Kind);
        Assert.Contains(name, answer.Card.Title, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("done 🙂 for initech")]
    [InlineData("done ‏‏تم for initech")]
    [InlineData("\u202Edone requirements listed for initech")]
    [InlineData("\u0000\u0007 next initech")]
    public async Task Done_EmojiRightToLeftOrControlCharacters_PoliteAndNothingStoredWrongly(string text)
    {
        var deal = _bot.AddDeal("1002", "Initech");

        var answer = await _bot.AskAsync(text);

        Assert.False(string.IsNullOrWhiteSpace(answer.Text));
        Assert.All(_bot.Stores.Confirmations, c => Assert.Equal(new ChecklistItemId("requirements-listed"), c.ItemId));
        Assert.Equal((new StageId("discovery"), 1), (deal.StageId, deal.StageVersion));
    }

    [Fact]
    public async Task CardCommand_FiveThousandCharacters_PoliteHelp()
    {
        var deal = _bot.AddDeal("1002", "Initech");

        var answer = await _bot.TurnAsync(new ActionInput(new RunCommandPayload(string.Concat(Enumerable.Repeat("🙂", 2500))), []));

        Assert.NotNull(answer.Card);
        AssertNothingStored(deal);
    }

    private void AssertNothingStored(Deal deal)
    {
        Assert.Empty(_bot.Stores.Confirmations);
        Assert.Empty(_bot.Stores.History);
        Assert.Empty(_bot.Stores.Snoozes);
        Assert.Equal(1, deal.StageVersion);
        Assert.Equal(DealStatus.Open, deal.Status);
        Assert.Null(deal.LostReason);
    }
}
