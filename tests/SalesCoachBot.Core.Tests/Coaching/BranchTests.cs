using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Tests.Fakes;

namespace SalesCoachBot.Core.Tests.Coaching;

/// <summary>Issue 15, point 6: every branch of the map from chat, the reason asked before a no closes, and undo.</summary>
public sealed class BranchTests : IDisposable
{
    private static readonly ProcessMap Map = new MapBuilder()
        .Stage("discovery", "Discovery", 14, "demo", [("requirements-listed", "Requirements list shared with the buyer", true), ("demo-booked", "Demo date agreed with the buyer", true)], saidNo: "nurture")
        .Stage("demo", "Demo", 10, "contract-signed", [("demo-held", "Demo held with the buyer's team", true)], saidNo: "lost",
            branches: [("not-a-fit", "lost"), ("not-now", "nurture"), ("needs-unclear", "discovery"), ("disqualified", "lost")])
        .Stage("contract-signed", "Contract signed", 30, null, [("signed-copy-stored", "Signed contract stored with the deal", true)])
        .Build();

    private readonly BotHarness _bot = new(Map);

    public void Dispose() => _bot.Dispose();

    private Task<BotAnswer> PressAsync(ActionPayload payload, Person? person = null) => _bot.TurnAsync(new ActionInput(payload, []), person);

    [Fact]
    public async Task SaidNo_WithoutReason_AsksWithTheMapsReasonsAndChangesNothing()
    {
        var deal = _bot.AddDeal("1002", "Initech", "demo");

        var answer = await _bot.AskAsync("initech said no");

        Assert.Equal("Why did Initech say no?", answer.Card!.Title);
        Assert.Equal(MapOutcomes.Default.LostReasons, answer.Card.Choices.Select(c => c.Label));
        Assert.Equal(new SaidNoPayload(deal.Id, 1, "price"), answer.Card.Choices[0].Action.Payload);
        var another = Assert.Single(answer.Card.Forms);
        Assert.Equal(SaidNoPayload.ReasonInput, Assert.Single(another.Inputs).Id);
        Assert.Equal(new SaidNoPayload(deal.Id, 1), another.Submit.Payload);
        Assert.Equal(new SaidNoFormPayload(deal.Id, 1), another.Open);
        Assert.Equal(DealStatus.Open, deal.Status);
        Assert.Empty(_bot.Stores.History);
    }

    [Fact]
    public async Task SaidNo_ReasonPressed_ClosesAsTheMapSaysWithReasonAndUndo()
    {
        var deal = _bot.AddDeal("1002", "Initech", "demo");

        var answer = await PressAsync(new SaidNoPayload(deal.Id, 1, "competitor"));

        Assert.Equal(DealStatus.Lost, deal.Status);
        Assert.Equal("competitor", deal.LostReason);
        Assert.Equal(_bot.Rep.Id, deal.ClosedByPersonId);
        Assert.Equal("Buyer said no: competitor", Assert.Single(_bot.Stores.History).Reason);
        Assert.Contains(new CardAction("Undo", new ReopenDealPayload(deal.Id, 2)), answer.Card!.Actions);
        Assert.Contains("reopen #1002", answer.Text, StringComparison.Ordinal);
        Assert.True(answer.ReplacesCard);
    }

    [Fact]
    public async Task SaidNo_TypedReason_IsKeptAsWritten()
    {
        var deal = _bot.AddDeal("1002", "Initech", "demo");

        await PressAsync(new SaidNoPayload(deal.Id, 1, "They build it in house"));

        Assert.Equal("They build it in house", deal.LostReason);
    }

    [Fact]
    public async Task SaidNo_ReasonInWords_InDiscovery_GoesToNurture()
    {
        var deal = _bot.AddDeal("1002", "Initech", "discovery");

        await _bot.AskAsync("initech said no because timing");

        Assert.Equal(DealStatus.Nurture, deal.Status);
        Assert.Equal(_bot.Clock.GetUtcNow().AddDays(90), deal.ReengageAt);
        Assert.Equal("Buyer said no: timing", Assert.Single(_bot.Stores.History).Reason);
    }

    /// <summary>
    /// Friday 27 November 2026, 23:30 UTC is already Saturday in Riyadh (UTC+3): the re-engage day 90 days on is the
    /// team's Friday 26 February 2027, in words, not UTC's Thursday 25th.
    /// </summary>
    [Fact]
    public async Task SaidNo_GoesToNurture_ReengageDayInWordsInTheTeamsZone()
    {
        _bot.Emea.TimeZoneId = "Asia/Riyadh";
        _bot.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 27, 23, 30, 0, TimeSpan.Zero));
        _bot.AddDeal("1002", "Initech", "discovery");
        _bot.AddDeal("1003", "Globex", "demo");

        var saidNo = await _bot.AskAsync("initech said no because timing");
        var notNow = await _bot.AskAsync("globex is not now");

        Assert.Contains("Re-engage on Fri 26 Feb 2027.", saidNo.Text, StringComparison.Ordinal);
        Assert.Contains("Re-engage on Fri 26 Feb 2027.", notNow.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SaidNo_GoesToNurture_InArabic_ReengageDayInArabicWordsInTheTeamsZone()
    {
        _bot.Emea.TimeZoneId = "Asia/Riyadh";
        _bot.Rep.Language = "ar";
        _bot.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 27, 23, 30, 0, TimeSpan.Zero));
        var deal = _bot.AddDeal("1002", "Initech", "discovery");

        var answer = await PressAsync(new SaidNoPayload(deal.Id, 1, "timing"));

        Assert.Equal(DealStatus.Nurture, deal.Status);
        Assert.Contains("أعد التواصل يوم الجمعة 26 فبراير 2027.", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SaidNo_InArabic_TypedReasonEchoedWithLatinRunsIsolated_HistoryPlain()
    {
        _bot.Rep.Language = "ar";
        var deal = _bot.AddDeal("1002", "Initech", "discovery");

        var answer = await PressAsync(new SaidNoPayload(deal.Id, 1, "اختاروا Contoso بدلنا"));

        // Was «اختاروا Contoso بدلنا» unisolated inside the Arabic reply, while other echoes isolate each Latin run.
        Assert.Contains(": اختاروا \u2068Contoso\u2069 بدلنا)", answer.Text, StringComparison.Ordinal);
        Assert.EndsWith(": اختاروا Contoso بدلنا", Assert.Single(_bot.Stores.History).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SaidNo_CardOutOfDate_ChangesNothing()
    {
        var deal = _bot.AddDeal("1002", "Initech", "demo");
        deal.StageVersion = 3;

        var answer = await PressAsync(new SaidNoPayload(deal.Id, 2, "price"));

        Assert.Equal(DealStatus.Open, deal.Status);
        Assert.Contains("out of date", answer.Card!.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SaidNo_EmptyTypedReason_AsksAgain()
    {
        var deal = _bot.AddDeal("1002", "Initech", "demo");

        var answer = await PressAsync(new SaidNoPayload(deal.Id, 1, "   "));

        Assert.Equal("Another reason", Assert.Single(answer.Card!.Forms).Label);
        Assert.Equal(DealStatus.Open, deal.Status);
    }

    [Fact]
    public async Task CardButton_BuyerSaidNo_OnOpenDealsCard()
    {
        var deal = _bot.AddDeal("1002", "Initech", "demo");

        var card = (await _bot.AskAsync("what's next for initech")).Card!;

        var saidNo = Assert.Single(card.Actions, a => a.Label == "Buyer said no");
        Assert.Equal(new SaidNoPayload(deal.Id, 1), saidNo.Payload);
        Assert.Equal("Why did Initech say no?", (await PressAsync(saidNo.Payload)).Card!.Title);
    }

    [Theory]
    [InlineData("Initech is not a fit", DealStatus.Lost, "not-a-fit", "demo")]
    [InlineData("initech is not now", DealStatus.Nurture, null, "demo")]
    [InlineData("Initech is disqualified", DealStatus.Lost, "disqualified", "demo")]
    [InlineData("disqualify initech", DealStatus.Lost, "disqualified", "demo")]
    [InlineData("initech is not a good fit", DealStatus.Lost, "not-a-fit", "demo")]
    [InlineData("mark initech as needs unclear", DealStatus.Open, null, "discovery")]
    public async Task Branch_NamedByItsWhen_IsFollowed(string text, DealStatus status, string? lostReason, string stage)
    {
        var deal = _bot.AddDeal("1002", "Initech", "demo");

        await _bot.AskAsync(text);

        Assert.Equal((status, lostReason, stage), (deal.Status, deal.LostReason, deal.StageId.Value));
        Assert.Single(_bot.Stores.History);
    }

    [Theory]
    [InlineData("initech is not now because of the reorg", DealStatus.Nurture, "reorg")]
    [InlineData("mark initech as not a fit since they only buy on-premise", DealStatus.Lost, "they only buy on-premise")]
    [InlineData("disqualify initech because they have no budget", DealStatus.Lost, "they have no budget")]
    [InlineData("send initech to nurture because budget is frozen", DealStatus.Nurture, "budget is frozen")]
    [InlineData("استبعد initech لأن ما عندهم ميزانية", DealStatus.Lost, "ما عندهم ميزانية")]
    public async Task Branch_WithAReason_FollowedAndTheReasonInTheHistory(string text, DealStatus status, string reason)
    {
        // Both were read as a branch called "not now because of the reorg", which no stage has, or not understood.
        var deal = _bot.AddDeal("1002", "Initech", "demo");

        await _bot.AskAsync(text);

        Assert.Equal(status, deal.Status);
        Assert.Contains(reason, Assert.Single(_bot.Stores.History).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Branch_Unknown_NamesTheStagesBranchesAndStoresNothing()
    {
        var deal = _bot.AddDeal("1002", "Initech", "demo");

        var answer = await _bot.AskAsync("initech is not on fire");

        Assert.Equal(CardKind.Error, answer.Card!.Kind);
        Assert.Contains("Demo has no branch for \"not on fire\"", answer.Text, StringComparison.Ordinal);
        Assert.Contains("\"not a fit\" → lost", answer.Text, StringComparison.Ordinal);
        Assert.Contains("\"needs unclear\" → stage Discovery", answer.Text, StringComparison.Ordinal); // the stage's name, not its id
        Assert.Equal(DealStatus.Open, deal.Status);
        Assert.Empty(_bot.Stores.History);
        Assert.Empty(_bot.Stores.Notes);
    }

    [Fact]
    public async Task Branch_NotNegatedWhen_IsNotMatched()
    {
        var deal = _bot.AddDeal("1002", "Initech", "demo");

        var answer = await _bot.AskAsync("initech is not disqualified");

        Assert.Equal(CardKind.Error, answer.Card!.Kind);
        Assert.Equal(DealStatus.Open, deal.Status);
    }

    [Fact]
    public async Task Branch_ToLostByTeammate_IsAProposalOnly()
    {
        var deal = _bot.AddDeal("1002", "Initech", "demo");

        var answer = await _bot.AskAsync("initech is not a fit", _bot.TeamMate);

        Assert.Equal(DealStatus.Open, deal.Status);
        Assert.Contains("can close Initech as lost; it stays open", answer.Card!.Note, StringComparison.Ordinal);
        Assert.DoesNotContain(answer.Card.Actions, a => a.Payload is ReopenDealPayload);
    }

    [Fact]
    public async Task Undo_ByCloserWithinTenMinutes_ReopensInTheStageItLeft()
    {
        var deal = _bot.AddDeal("1002", "Initech", "demo");
        await PressAsync(new SaidNoPayload(deal.Id, 1, "price"));
        _bot.Clock.Advance(TimeSpan.FromMinutes(9));

        var answer = await PressAsync(new ReopenDealPayload(deal.Id, 2));

        Assert.Equal((DealStatus.Open, "demo", 3), (deal.Status, deal.StageId.Value, deal.StageVersion));
        Assert.Null(deal.LostReason);
        Assert.Null(deal.ClosedByPersonId);
        Assert.Equal(StageChangeKind.Reopened, _bot.Stores.History[^1].Kind);
        Assert.Contains("Reopened Initech in Demo", answer.Card!.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Undo_PressedTwice_SecondChangesNothing()
    {
        var deal = _bot.AddDeal("1002", "Initech", "demo");
        await PressAsync(new SaidNoPayload(deal.Id, 1, "price"));
        await PressAsync(new ReopenDealPayload(deal.Id, 2));

        await PressAsync(new ReopenDealPayload(deal.Id, 2));

        Assert.Equal(2, _bot.Stores.History.Count);
        Assert.Equal(DealStatus.Open, deal.Status);
    }

    [Fact]
    public async Task Reopen_ByCloserAfterTenMinutes_RefusedButManagerMay()
    {
        var deal = _bot.AddDeal("1002", "Initech", "demo");
        await _bot.AskAsync("initech said no because price");
        _bot.Clock.Advance(TimeSpan.FromMinutes(11));

        var refused = await _bot.AskAsync("reopen initech");
        Assert.Equal(CardKind.Error, refused.Card!.Kind);
        Assert.Equal(DealStatus.Lost, deal.Status);

        await _bot.AskAsync("reopen initech", _bot.Manager);
        Assert.Equal(DealStatus.Open, deal.Status);
        Assert.Equal(_bot.Manager.Id, _bot.Stores.History[^1].ByPersonId);
    }

    [Fact]
    public async Task Reopen_ByTeammateWhoDidNotClose_Refused()
    {
        var deal = _bot.AddDeal("1002", "Initech", "discovery");
        await _bot.AskAsync("initech said no because timing");

        var answer = await _bot.AskAsync("reopen initech", _bot.TeamMate);

        Assert.Equal(CardKind.Error, answer.Card!.Kind);
        Assert.Equal(DealStatus.Nurture, deal.Status);
    }

    [Fact]
    public async Task History_AfterReopen_ShowsTheReopenWithItsReasonNotAnImport()
    {
        _bot.AddDeal("1002", "Initech", "demo");
        await _bot.AskAsync("mark initech lost because price");
        _bot.Clock.Advance(TimeSpan.FromMinutes(2));
        await _bot.AskAsync("reopen initech");

        var english = await _bot.AskAsync("history of initech");
        _bot.Rep.Language = "ar";
        var arabic = await _bot.AskAsync("history of initech");

        var line = english.Card!.Sections[0].Lines[0].Text;
        Assert.Contains("Reopened; was lost (price) — back in Demo", line, StringComparison.Ordinal);
        Assert.DoesNotContain("(imported)", english.Text, StringComparison.Ordinal);
        Assert.Contains("— عادت إلى", arabic.Card!.Sections[0].Lines[0].Text, StringComparison.Ordinal);
        Assert.DoesNotContain("مستوردة", arabic.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NurturedDeal_StageRenamedSince_CardShowsTheReplacingStageAndReopensThere()
    {
        // Closed under v1 in discovery; v2 renames discovery to needs-discovery. Nothing is written to the closed deal.
        var v2 = new MapBuilder()
            .Stage("needs-discovery", "Needs discovery", 14, "demo", [("requirements-listed", "Requirements list shared with the buyer", true)], saidNo: "nurture",
                replaces: ["discovery"])
            .Stage("demo", "Demo", 10, "contract-signed", [("demo-held", "Demo held with the buyer's team", true)], saidNo: "lost")
            .Stage("contract-signed", "Contract signed", 30, null, [("signed-copy-stored", "Signed contract stored with the deal", true)])
            .Build(version: 2);
        using var bot = new BotHarness(v2);
        var deal = bot.AddDeal("1018", "Blue Sun", "discovery");
        (deal.Status, deal.ReengageAt) = (DealStatus.Nurture, bot.Clock.GetUtcNow().AddDays(-1));

        var card = await bot.AskAsync("what's next for blue sun");
        var owner = SalesCoachBot.Core.Nudges.ReengageNudges.OwnerMessage(
            new Abstractions.DealView(deal, "Rita", bot.Rep.Email, "EMEA", null, []), v2, new SalesCoachBot.Core.Coaching.SalesTeamRules([], 14), new DateOnly(2026, 11, 26), bot.Clock.GetUtcNow());

        Assert.Equal("Blue Sun — Needs discovery", card.Card!.Title);
        Assert.DoesNotContain("does not have", card.Text, StringComparison.Ordinal);
        Assert.Contains("went to nurture in Needs discovery", owner.Text, StringComparison.Ordinal);
        Assert.Equal("discovery", deal.StageId.Value); // stored as it was closed
    }

    [Fact]
    public async Task Reopen_ItemForDeal_StaysAnUndoOfAConfirmation()
    {
        var deal = _bot.AddDeal("1002", "Initech", "discovery");
        await _bot.AskAsync("done requirements listed for initech");

        await _bot.AskAsync("reopen requirements listed for initech");

        Assert.NotNull(Assert.Single(_bot.Stores.Confirmations).WithdrawnAt);
        Assert.Equal(DealStatus.Open, deal.Status);
    }
}
