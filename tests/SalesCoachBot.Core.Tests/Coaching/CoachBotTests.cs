using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Tests.Fakes;

namespace SalesCoachBot.Core.Tests.Coaching;

public sealed class CoachBotTests : IDisposable
{
    private readonly BotHarness _bot = new();

    public void Dispose() => _bot.Dispose();

    [Fact]
    public async Task WhatsNext_ByLooseName_ShowsStageChecklistAndOwner()
    {
        _bot.AddDeal("1002", "Initech", "discovery");

        var answer = await _bot.AskAsync("whats next for initech?");

        Assert.Equal(CardKind.Checklist, answer.Card!.Kind);
        Assert.Equal("Initech — Discovery", answer.Card.Title);
        Assert.Equal(["requirements-listed", "demo-booked", "champion-named"], answer.Card.Checklist!.Items.Select(i => i.Id.Value));
        Assert.All(answer.Card.Checklist.Items, i => Assert.Equal(ChecklistItemState.Open, i.State));
        Assert.Contains(answer.Card.Facts, f => f.Label == "Deal owner" && f.Value == "rita");
        Assert.Contains("[ ] Requirements list shared with the buyer", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhatsNext_ChecklistAnswer_SummaryIsTheTitleAndTextTheWholeChecklist()
    {
        _bot.AddDeal("1002", "Initech", "discovery");

        var answer = await _bot.AskAsync("whats next for initech?");

        Assert.Equal("Initech — Discovery", answer.Summary);
        Assert.Equal(answer.Summary, answer.NotificationText);
        Assert.StartsWith("Initech — Discovery\n", answer.Text, StringComparison.Ordinal);
        Assert.Contains("[ ] Demo date agreed with the buyer [demo-booked]", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Done_ItemConfirmed_SummarySaysWhatHappenedThenTheTitle()
    {
        _bot.AddDeal("1002", "Initech", "discovery");

        var answer = await _bot.AskAsync("done requirements listed for initech");

        Assert.Equal(answer.Card!.Note + "\n" + answer.Card.Title, answer.Summary);
    }

    [Fact]
    public async Task Done_LastRequiredItem_AdvancesToNextStageOnce()
    {
        var deal = _bot.AddDeal("1002", "Initech", "discovery");

        await _bot.AskAsync("done requirements listed for initech");
        Assert.Equal(new StageId("discovery"), deal.StageId);
        var answer = await _bot.AskAsync("done demo-booked for 1002");

        Assert.Equal(new StageId("demo"), deal.StageId);
        Assert.Equal(2, deal.StageVersion);
        Assert.Single(_bot.Stores.History, h => h.DealId == deal.Id && h.Kind == StageChangeKind.Advanced && h.StageId == new StageId("demo"));
        Assert.Equal("Initech — Demo", answer.Card!.Title);
        Assert.Contains("moved from Discovery to Demo", answer.Card.Note, StringComparison.Ordinal);
        Assert.Equal(["demo-held"], answer.Card.Checklist!.Items.Select(i => i.Id.Value));
    }

    [Fact]
    public async Task Done_ShowsWhoConfirmedAndWhen()
    {
        _bot.AddDeal("1002", "Initech", "discovery");

        var answer = await _bot.AskAsync("done requirements listed for initech", _bot.TeamMate);

        var item = answer.Card!.Checklist!.Items.Single(i => i.Id.Value == "requirements-listed");
        Assert.Equal(ChecklistItemState.Confirmed, item.State);
        Assert.Equal("tom", item.ConfirmedBy);
        Assert.Equal(_bot.Clock.GetUtcNow(), item.ConfirmedAt);
        var confirmation = Assert.Single(_bot.Stores.Confirmations);
        Assert.Equal(ChatChannel.Cli, confirmation.Channel);
        Assert.Equal(_bot.TeamMate.Id, confirmation.PersonId);
    }

    [Fact]
    public async Task Confirm_RepeatedCardPress_RecordsOnce()
    {
        var deal = _bot.AddDeal("1002", "Initech", "discovery");
        var payload = new ConfirmItemsPayload(deal.Id, new StageId("discovery"), 1);
        var input = new ActionInput(payload, [new ChecklistItemId("requirements-listed")]);

        await _bot.TurnAsync(input);
        var second = await _bot.TurnAsync(input);

        Assert.Single(_bot.Stores.Confirmations);
        Assert.Contains("nothing new was recorded", second.Card!.Note, StringComparison.Ordinal);
        Assert.True(second.ReplacesCard);
    }

    [Fact]
    public async Task Confirm_StaleCard_RecordsNothingAndShowsCurrentStage()
    {
        var deal = _bot.AddDeal("1002", "Initech", "discovery");
        var oldCard = new ConfirmItemsPayload(deal.Id, new StageId("discovery"), 1);
        await _bot.AskAsync("done requirements listed and demo booked for initech");

        var answer = await _bot.TurnAsync(new ActionInput(oldCard, [new ChecklistItemId("champion-named")]));

        Assert.Equal(2, _bot.Stores.Confirmations.Count);
        Assert.Equal("Initech — Demo", answer.Card!.Title);
        Assert.Contains("out of date", answer.Card.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Confirm_TamperedPayloadNamingAnotherStage_RecordsNothing()
    {
        var deal = _bot.AddDeal("1002", "Initech", "discovery");
        var tampered = new ConfirmItemsPayload(deal.Id, new StageId("demo"), 1);

        var answer = await _bot.TurnAsync(new ActionInput(tampered, [new ChecklistItemId("demo-held")]));

        Assert.Empty(_bot.Stores.Confirmations);
        Assert.Equal(new StageId("discovery"), deal.StageId);
        Assert.Contains("out of date", answer.Card!.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Confirm_ItemNotInStage_RecordsNothing()
    {
        var deal = _bot.AddDeal("1002", "Initech", "discovery");
        var payload = new ConfirmItemsPayload(deal.Id, new StageId("discovery"), 1);

        var answer = await _bot.TurnAsync(new ActionInput(payload, [new ChecklistItemId("demo-held")]));

        Assert.Empty(_bot.Stores.Confirmations);
        Assert.Contains("not on the Discovery checklist", answer.Card!.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Confirm_ByText_DealMovedOnBeforeTheChangeRuns_SaysSoAndRecordsNothing()
    {
        var deal = _bot.AddDeal("1002", "Initech", stage: "demo");
        // Another host handled the same "done" first: the deal left demo between reading the item and recording it.
        _bot.Stores.BeforeNextChange = d =>
        {
            d.StageId = new StageId("contract-signed");
            d.StageVersion++;
        };

        var answer = await _bot.AskAsync("done demo-held for Initech");

        Assert.Empty(_bot.Stores.Confirmations);
        Assert.Equal("Initech moved on to Contract signed while your message was on its way; nothing was recorded. Here is the current checklist.", answer.Card!.Note);
        Assert.Equal("contract-signed", answer.Card.Checklist!.Stage.Value);
        Assert.DoesNotContain("demo-held", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Confirm_RacingPresses_AdvanceExactlyOnce()
    {
        var deal = _bot.AddDeal("1002", "Initech", "discovery");
        var payload = new ConfirmItemsPayload(deal.Id, new StageId("discovery"), 1);

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => _bot.TurnAsync(new ActionInput(payload,
            [new ChecklistItemId(i % 2 == 0 ? "requirements-listed" : "demo-booked")])))));

        Assert.Equal(new StageId("demo"), deal.StageId);
        Assert.Equal(2, deal.StageVersion);
        Assert.Single(_bot.Stores.History);
        Assert.Equal(2, _bot.Stores.Confirmations.Count);
    }

    [Fact]
    public async Task Ask_UnknownPerson_ToldToAskAnAdminAndSeesNothing()
    {
        _bot.AddDeal("1002", "Initech");
        var stranger = new Person { Id = 99, Email = "who@example.com", Name = "who" };

        var answer = await _bot.AskAsync("what's next for initech", stranger);

        Assert.Contains("admin", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Initech", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhatsNext_DealOfAnotherTeam_NotVisibleToRep()
    {
        _bot.AddDeal("2001", "Globex", owner: _bot.OtherRep, team: _bot.Americas);

        var byId = await _bot.AskAsync("next #2001");
        var byName = await _bot.AskAsync("what's next for globex");

        Assert.Equal(CardKind.Error, byId.Card!.Kind);
        Assert.NotEqual(CardKind.Checklist, byName.Card!.Kind);
        Assert.DoesNotContain("Americas", byName.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhatsNext_OwnDealLeftInAnotherTeam_FoundByNameAsById()
    {
        // The rep moved teams; the deal stayed in Americas, still theirs ("my deals" lists it, "#2001" finds it).
        _bot.AddDeal("2001", "Globex", owner: _bot.Rep, team: _bot.Americas);

        var byId = await _bot.AskAsync("next #2001");
        var byName = await _bot.AskAsync("what's next for globex");

        Assert.Equal(CardKind.Checklist, byId.Card!.Kind);
        Assert.Equal(CardKind.Checklist, byName.Card!.Kind);
    }

    [Fact]
    public async Task Done_TeamMatesDeal_Allowed()
    {
        var deal = _bot.AddDeal("1002", "Initech", owner: _bot.TeamMate);

        await _bot.AskAsync("done requirements listed for initech", _bot.Rep);

        Assert.Single(_bot.Stores.Confirmations, c => c.DealId == deal.Id);
    }

    [Fact]
    public async Task Move_ByRep_RefusedAndNothingChanges()
    {
        var deal = _bot.AddDeal("1002", "Initech");

        var answer = await _bot.AskAsync("move initech to contract signed because they signed early");

        Assert.Equal(new StageId("discovery"), deal.StageId);
        Assert.Contains("manager", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Move_ByManagerSkippingChecklist_RecordedAsOverride()
    {
        var deal = _bot.AddDeal("1002", "Initech");

        await _bot.AskAsync("move initech to contract signed because they signed early", _bot.Manager);

        Assert.Equal(new StageId("contract-signed"), deal.StageId);
        var entry = Assert.Single(_bot.Stores.History);
        Assert.Equal(StageChangeKind.Override, entry.Kind);
        Assert.Equal("they signed early", entry.Reason);
        Assert.Equal(DealStatus.Won, deal.Status);
    }

    [Fact]
    public async Task Move_ToAStageByItsArabicNameInTheMap_MovesThere()
    {
        // «التفاوض» is in no language file: the team's map names its verbal-agreement stage so in Arabic.
        var shipped = ProcessMapLoader.Default;
        var verbal = shipped.GetStage(new StageId("verbal-agreement"));
        var renamed = verbal with { NameText = LocalizedText.Of("en", new Dictionary<string, string> { ["en"] = "Verbal agreement", ["ar"] = "التفاوض" }) };
        var map = new ProcessMap(shipped.Name, shipped.Version, shipped.Start, shipped.Won, [.. shipped.Stages.Select(s => s.Id == verbal.Id ? renamed : s)], shipped.Outcomes);
        using var bot = new BotHarness(map);
        var deal = bot.AddDeal("1002", "Initech", "proposal");

        await bot.AskAsync("انقل Initech إلى مرحلة التفاوض لأن العميل وافق شفهيا", bot.Manager);

        Assert.Equal(new StageId("verbal-agreement"), deal.StageId);
    }

    [Theory]
    [InlineData("move initech to won because they signed early")]
    [InlineData("انقل initech إلى مكسوبة لأن العميل وقع مبكرا")]
    [InlineData("mark initech as won because they signed early")]
    [InlineData("we won initech because they signed early")]
    public async Task Move_ByManagerToWon_TheMapsWonStage(string text)
    {
        // "mark … as won because …" was read as a branch called "won because they signed early", which no stage has.
        var deal = _bot.AddDeal("1002", "Initech");

        await _bot.AskAsync(text, _bot.Manager);

        Assert.Equal((new StageId("contract-signed"), DealStatus.Won), (deal.StageId, deal.Status));
    }

    [Theory]
    [InlineData("mark initech as closed won")]
    [InlineData("mark initech as closed won because they signed")]
    [InlineData("initech is won")]
    [InlineData("we won initech")]
    public async Task ClosedWon_ByRep_NeverMarkedLost(string text)
    {
        // "mark … as closed won" is one word off "mark … as closed lost": it once closed the deal as lost, reason "won".
        var deal = _bot.AddDeal("1002", "Initech");

        var answer = await _bot.AskAsync(text);

        Assert.Equal((new StageId("discovery"), DealStatus.Open), (deal.StageId, deal.Status));
        Assert.DoesNotContain("lost", answer.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("initech: demo held and the decision maker said yes")]
    [InlineData("initech said yes")]
    [InlineData("Initech صاحب القرار وافق")]
    public async Task SaidYes_NeverClosedAsLost(string text)
    {
        // Once read as "Initech said no because yes" (asked to confirm, and "yes" would have closed it as lost).
        var deal = _bot.AddDeal("1002", "Initech");

        var answer = await _bot.AskAsync(text);

        Assert.Equal(DealStatus.Open, deal.Status);
        Assert.DoesNotContain("Why did", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Did you mean", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("don't mark initech lost because they still want it")]
    [InlineData("initech isn't dead because they replied")]
    [InlineData("will confirm requirements listed for initech next week")]
    [InlineData("almost done with requirements listed for initech")]
    [InlineData("we almost lost initech")]
    public async Task Change_SaidWithANegationAskedHedgedOrPlanned_NothingChanges(string text)
    {
        var deal = _bot.AddDeal("1002", "Initech");

        var answer = await _bot.AskAsync(text);

        Assert.Equal(DealStatus.Open, deal.Status);
        Assert.Empty(_bot.Stores.Confirmations);
        Assert.Empty(_bot.Stores.History);
        Assert.StartsWith("Sorry, I didn't understand", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lost_TypedAsAQuestion_AskedBackAndYesClosesIt()
    {
        var deal = _bot.AddDeal("1002", "Initech");

        var asked = await _bot.AskAsync("initech lost because of price?");
        Assert.Equal(DealStatus.Open, deal.Status);
        Assert.Contains("Did you mean", asked.Text, StringComparison.Ordinal);
        var yes = Assert.Single(asked.Card!.Actions, a => a.Payload is RunCommandPayload { Text: "mark deal initech lost because price" });

        var done = await _bot.TurnAsync(new ActionInput(yes.Payload, []));

        Assert.StartsWith("Marked Initech lost (price)", done.Text, StringComparison.Ordinal);
        Assert.Equal(DealStatus.Lost, deal.Status);
    }

    [Fact]
    public async Task Undo_OwnConfirmation_WithdrawsAndKeepsRecord()
    {
        var deal = _bot.AddDeal("1002", "Initech");
        await _bot.AskAsync("done requirements listed for initech");

        var answer = await _bot.AskAsync("undo requirements listed for initech");

        var confirmation = Assert.Single(_bot.Stores.Confirmations);
        Assert.NotNull(confirmation.WithdrawnAt);
        Assert.Equal(_bot.Rep.Id, confirmation.WithdrawnByPersonId);
        Assert.All(answer.Card!.Checklist!.Items, i => Assert.Equal(ChecklistItemState.Open, i.State));
        Assert.Equal(1, deal.StageVersion);
    }

    [Fact]
    public async Task Undo_Reply_QuotesTheItemsTextNotItsId()
    {
        _bot.AddDeal("1002", "Initech", "discovery");
        await _bot.AskAsync("done requirements listed for initech");

        var answer = await _bot.AskAsync("undo requirements listed for initech");

        Assert.Contains("Withdrew the confirmation of \"Requirements list shared with the buyer\".", answer.Card!.Note, StringComparison.Ordinal);
        Assert.DoesNotContain("requirements-listed\"", answer.Card.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SaidNo_InDiscovery_GoesToNurtureWithReengageDate()
    {
        var deal = _bot.AddDeal("1002", "Initech", "discovery");

        await _bot.AskAsync("initech said no because timing");

        Assert.Equal(DealStatus.Nurture, deal.Status);
        Assert.Equal(_bot.Clock.GetUtcNow().AddDays(90), deal.ReengageAt);
    }

    [Fact]
    public async Task SaidNo_InDemo_MarksLostPerMap()
    {
        var deal = _bot.AddDeal("1002", "Initech", "demo");

        await _bot.AskAsync("initech said no because price");

        Assert.Equal(DealStatus.Lost, deal.Status);
    }

    [Fact]
    public async Task MarkLost_WithReason_RecordsKnownReason()
    {
        var deal = _bot.AddDeal("1002", "Initech", "demo");

        await _bot.AskAsync("mark initech lost because they went with a competitor");

        Assert.Equal(DealStatus.Lost, deal.Status);
        Assert.Equal("competitor", deal.LostReason);
        Assert.NotNull(deal.ClosedAt);
    }

    [Theory]
    [InlineData("mark initech lost because no budget this year but the price was fine", "no-budget")]
    [InlineData("mark initech lost because they went with a competitor who was cheaper, budget was cut", "competitor")]
    [InlineData("mark initech lost because the timing, not the price", "timing")]
    [InlineData("خسرنا Initech بسبب السعر", "price")]
    [InlineData("Initech lost because they went with a competitor", "competitor")]
    [InlineData("Initech خسرناها لأنهم اختاروا منافس", "competitor")]
    public async Task MarkLost_ReasonNamingSeveral_RecordsTheOneNamedFirst(string text, string reason)
    {
        // "no budget … but the price was fine" was recorded as price: the map's first reason found anywhere won. The
        // shipped map words its reasons in Arabic too.
        using var bot = new BotHarness(ProcessMapLoader.Default);
        var deal = bot.AddDeal("1002", "Initech", "demo");

        await bot.AskAsync(text);

        Assert.Equal(DealStatus.Lost, deal.Status);
        Assert.Equal(reason, deal.LostReason);
    }

    [Fact]
    public async Task Link_ThenWhatsNextWithoutName_UsesLinkedDeal()
    {
        _bot.AddDeal("1002", "Initech");

        await _bot.AskAsync("link this chat to initech", conversation: "room-1");
        var answer = await _bot.AskAsync("what's next", conversation: "room-1");
        var elsewhere = await _bot.AskAsync("what's next", conversation: "room-2");

        Assert.Equal("Initech — Discovery", answer.Card!.Title);
        Assert.NotEqual(CardKind.Checklist, elsewhere.Card!.Kind);
    }

    [Fact]
    public async Task StageInfo_ByName_DescribesEntryAndChecklist()
    {
        var answer = await _bot.AskAsync("what happens in discovery?");

        Assert.Equal(CardKind.StageInfo, answer.Card!.Kind);
        Assert.Contains("Requirements list shared with the buyer", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tell me about Initech", CardKind.Checklist, "Initech — Discovery")]
    [InlineData("what is Initech?", CardKind.Checklist, "Initech — Discovery")]
    [InlineData("tell me about discovery", CardKind.StageInfo, null)]
    [InlineData("tell me about the weather", CardKind.Help, null)]
    // Typed alone: a deal's or a stage's name; words merely close to a deal's name are not understood.
    [InlineData("Initech?", CardKind.Checklist, "Initech — Discovery")]
    [InlineData("discovery?", CardKind.StageInfo, null)]
    [InlineData("Initech Europe Holdings", CardKind.Help, null)]
    [InlineData("tell me about Initech Europe Holdings", CardKind.ChooseDeal, null)]
    public async Task About_StageElseDealElseHelp(string text, CardKind kind, string? title)
    {
        _bot.AddDeal("1002", "Initech");

        var answer = await _bot.AskAsync(text);

        Assert.Equal(kind, answer.Card!.Kind);
        if (title is not null)
        {
            Assert.Equal(title, answer.Card.Title);
        }

        Assert.Empty(_bot.Stores.Confirmations);
    }

    [Fact]
    public async Task About_DealInArabic_ItsCardInArabic()
    {
        _bot.AddDeal("1002", "Initech");

        var answer = await _bot.AskAsync("ما هو Initech؟");

        Assert.Equal(CardKind.Checklist, answer.Card!.Kind);
        // Answered in Arabic: the Latin names isolated in the title, Arabic words in the text.
        Assert.Equal("\u2068Initech\u2069 — \u2068Discovery\u2069", answer.Card.Title);
        Assert.Contains(answer.Text, SalesCoachBot.Core.Understanding.ArabicText.IsArabicLetter);
    }

    [Fact]
    public async Task MyDeals_ListsOnlyOwnOpenDealsStalledFirst()
    {
        _bot.AddDeal("1002", "Initech", daysInStage: 1);
        _bot.AddDeal("1003", "Hooli", daysInStage: 40);
        _bot.AddDeal("1004", "Mine not", owner: _bot.TeamMate);

        var answer = await _bot.AskAsync("my deals");

        var lines = answer.Card!.Sections.Single().Lines;
        Assert.Equal(2, lines.Count);
        Assert.StartsWith("Hooli", lines[0].Text, StringComparison.Ordinal);
        Assert.Contains("stalled", lines[0].Text, StringComparison.Ordinal);
        Assert.IsType<ShowChecklistPayload>(lines[0].Action!.Payload);
    }

    [Theory]
    [InlineData("which of my deals are in demo")]
    [InlineData("how many of my deals are in the demo stage")]
    public async Task MyDeals_AtAStage_OnlyThoseOwnDeals(string text)
    {
        _bot.AddDeal("1002", "Initech", "demo");
        _bot.AddDeal("1003", "Hooli", "discovery");
        _bot.AddDeal("1004", "Mine not", "demo", owner: _bot.TeamMate);

        var answer = await _bot.AskAsync(text);

        Assert.Equal("My deals in Demo", answer.Card!.Title);
        Assert.StartsWith("Initech", Assert.Single(answer.Card.Sections.Single().Lines).Text, StringComparison.Ordinal);
        Assert.StartsWith("My deals in Demo: 1 open, 0 stalled", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("which deals are in demo")]
    [InlineData("how many deals are in the demo stage")]
    public async Task DealsAtAStage_NotSaidMine_TheTeamsDealsWithTheirOwners(string text)
    {
        _bot.AddDeal("1002", "Initech", "demo");
        _bot.AddDeal("1003", "Hooli", "discovery");
        _bot.AddDeal("1004", "Wonka", "demo", owner: _bot.TeamMate);
        _bot.AddDeal("1005", "Other team's", "demo", owner: _bot.OtherRep, team: _bot.Americas);

        var answer = await _bot.AskAsync(text, _bot.Manager);

        Assert.Equal("Deals in Demo", answer.Card!.Title);
        var lines = answer.Card.Sections.Single().Lines.Select(l => l.Text).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(2, lines.Count);
        Assert.StartsWith("Initech (#1002)", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("owner: " + _bot.Rep.Name, lines[0], StringComparison.Ordinal);
        Assert.StartsWith("Wonka (#1004)", lines[1], StringComparison.Ordinal);
        Assert.EndsWith("owner: " + _bot.TeamMate.Name, lines[1], StringComparison.Ordinal);
        Assert.StartsWith("Deals in Demo: 2 open, 0 stalled", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("show me tom's deals")]
    [InlineData("what is tom working on")]
    public async Task OwnersDeals_AManagerAsksForARep_TheirOpenDealsInTheTeams(string text)
    {
        _bot.AddDeal("1002", "Initech", "demo");
        _bot.AddDeal("1004", "Wonka", "demo", owner: _bot.TeamMate);
        _bot.AddDeal("1005", "Hooli", "discovery", owner: _bot.TeamMate);

        var answer = await _bot.AskAsync(text, _bot.Manager);

        Assert.Equal("tom's deals", answer.Card!.Title);
        Assert.Equal(["Hooli", "Wonka"], answer.Card.Sections.Single().Lines.Select(l => l.Text.Split(' ')[0]).Order(StringComparer.Ordinal));
        Assert.StartsWith("tom's deals: 2 open, 0 stalled", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("how is tom doing")]
    [InlineData("how's tom getting on")]
    public async Task OwnersDeals_AskedAfterLikeADeal_TheRepsDeals(string text)
    {
        _bot.AddDeal("1004", "Wonka", "demo", owner: _bot.TeamMate);

        var answer = await _bot.AskAsync(text, _bot.Manager);

        Assert.Equal("tom's deals", answer.Card!.Title);
    }

    [Fact]
    public async Task OwnersDeals_ADealAskedAfter_TheDealsCard()
    {
        _bot.AddDeal("1002", "Initech", "demo");

        var answer = await _bot.AskAsync("how is Initech doing", _bot.Manager);

        Assert.Equal(CardKind.Checklist, answer.Card!.Kind);
    }

    [Fact]
    public async Task OwnersDeals_ARepOfAnotherTeam_NoneShown()
    {
        _bot.AddDeal("1005", "Other team's", "demo", owner: _bot.OtherRep, team: _bot.Americas);

        var answer = await _bot.AskAsync("show me olga's deals", _bot.Manager);

        Assert.Equal("olga owns no open deals in the teams you can see.", answer.Text);
    }

    [Fact]
    public async Task OwnersDeals_ATeamsName_TheTeamsDeals()
    {
        _bot.AddDeal("1002", "Initech", "demo");
        _bot.AddDeal("1005", "Other team's", "demo", owner: _bot.OtherRep, team: _bot.Americas);

        var answer = await _bot.AskAsync("show me EMEA's deals", _bot.Manager);

        Assert.Equal("EMEA's deals", answer.Card!.Title);
        Assert.StartsWith("Initech", Assert.Single(answer.Card.Sections.Single().Lines).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OwnersDeals_ADealsName_TheDealsCard()
    {
        _bot.AddDeal("1002", "Initech", "demo");

        var answer = await _bot.AskAsync("show me Initech's deals", _bot.Manager);

        Assert.Equal(CardKind.Checklist, answer.Card!.Kind);
    }

    [Fact]
    public async Task OwnersDeals_InArabic_ArabicTitle()
    {
        _bot.AddDeal("1004", "Wonka", "demo", owner: _bot.TeamMate);

        var answer = await _bot.AskAsync("صفقات tom", _bot.Manager);

        Assert.Equal("صفقات \u2068tom\u2069", answer.Card!.Title);
    }

    [Fact]
    public async Task OwnersDeals_InArabicAtAStage_OnlyThoseAtIt()
    {
        _bot.AddDeal("1004", "Wonka", "demo", owner: _bot.TeamMate);
        _bot.AddDeal("1005", "Hooli", "discovery", owner: _bot.TeamMate);

        var answer = await _bot.AskAsync("صفقات tom في العرض التوضيحي", _bot.Manager);

        Assert.Equal("صفقات \u2068tom\u2069 في \u2068Demo\u2069", answer.Card!.Title);
        Assert.StartsWith("\u2068Wonka\u2069", Assert.Single(answer.Card.Sections.Single().Lines).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OwnersDeals_AtAStageTheyHaveNoneAt_SaysAtWhichStage()
    {
        _bot.AddDeal("1004", "Wonka", "demo", owner: _bot.TeamMate);

        var answer = await _bot.AskAsync("tom's deals", _bot.Manager);
        var none = await _bot.AskAsync("صفقات tom في الاكتشاف", _bot.Manager);

        Assert.StartsWith("tom's deals: 1 open", answer.Text, StringComparison.Ordinal);
        Assert.StartsWith("لا توجد صفقات مفتوحة باسم \u2068tom\u2069 في \u2068Disco", none.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OwnersDeals_HowADealIsGoing_TheDealsCard()
    {
        _bot.AddDeal("1004", "Wonka", "demo", owner: _bot.TeamMate);

        var answer = await _bot.AskAsync("شلون Wonka ماشية", _bot.Manager);

        Assert.Equal(CardKind.Checklist, answer.Card!.Kind);
    }

    [Fact]
    public async Task DealsAtAStage_NoneInTheTeams_SaysSoWithoutSayingYours()
    {
        _bot.AddDeal("1005", "Other team's", "demo", owner: _bot.OtherRep, team: _bot.Americas);

        var answer = await _bot.AskAsync("which deals are in demo");

        Assert.Equal("No open deals are in Demo.", answer.Text);
    }

    [Fact]
    public async Task DealsAtAStage_InArabic_ArabicListWithOwners()
    {
        using var bot = new BotHarness(ProcessMapLoader.Default);
        bot.AddDeal("1002", "Initech", "demo", owner: bot.TeamMate);

        var answer = await bot.AskAsync("الصفقات اللي في مرحلة العرض التوضيحي");

        Assert.Equal("الصفقات في العرض التوضيحي / الحل", answer.Card!.Title);
        Assert.Contains("المالك: \u2068" + bot.TeamMate.Name + "\u2069", Assert.Single(answer.Card.Sections.Single().Lines).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MyDeals_AtAStageWithNone_SaysSo()
    {
        _bot.AddDeal("1003", "Hooli", "discovery");

        var answer = await _bot.AskAsync("which of my deals are in demo");

        Assert.Equal("You have no open deals in Demo.", answer.Text);
    }

    [Fact]
    public async Task MyDeals_AtAStageTheMapLacks_NamesTheStages()
    {
        _bot.AddDeal("1003", "Hooli", "discovery");

        var answer = await _bot.AskAsync("which of my deals are in negotiation");

        Assert.Equal("I don't know a stage called \"negotiation\". Stages: Discovery, Demo, Contract signed.", answer.Text);
    }

    [Fact]
    public async Task MyDeals_AtAStageInArabic_ArabicList()
    {
        using var bot = new BotHarness(ProcessMapLoader.Default);
        bot.AddDeal("1002", "Initech", "demo");
        bot.AddDeal("1003", "Hooli", "discovery");

        var answer = await bot.AskAsync("صفقاتي في مرحلة العرض التوضيحي");

        Assert.Equal("صفقاتي في العرض التوضيحي / الحل", answer.Card!.Title);
        Assert.Contains("Initech", Assert.Single(answer.Card.Sections.Single().Lines).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ambiguous_Name_OffersChoicesNotAGuess()
    {
        _bot.AddDeal("1001", "Acme Corp");
        _bot.AddDeal("1011", "Acme Corp - EU rollout");

        var answer = await _bot.AskAsync("what's next for acme");

        Assert.Equal(CardKind.ChooseDeal, answer.Card!.Kind);
        Assert.Equal(2, answer.Card.Choices.Count);
        Assert.All(answer.Card.Choices, c => Assert.IsType<RunCommandPayload>(c.Action.Payload));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("🙂🙂🙂")]
    [InlineData("מה הצעד הבא")]
    [InlineData("\u064B\u064C\u064D\u064E\u064F\u0650\u0651")]
    [InlineData("\u200F\u200E\u200D\u200C\u2067\u2069")]
    public async Task Ask_EmptyOrUnreadableText_AnswersPolitelyWithHelp(string text)
    {
        var answer = await _bot.AskAsync(text);

        Assert.Equal(CardKind.Help, answer.Card!.Kind);
    }

    [Theory]
    [InlineData("ما التالي لصفقة Initech")]
    [InlineData("شو وضع Initech")]
    [InlineData("إيش باقي على صفقة initech؟")]
    [InlineData("\u200Fما التالي لـInitech\u200F")]
    [InlineData("وش الخطوة الجاية مع Initch")]
    public async Task Ask_WhatsNextInArabic_AnswersWithTheChecklist(string text)
    {
        _bot.AddDeal("1002", "Initech");

        var answer = await _bot.AskAsync(text);

        Assert.Equal(CardKind.Checklist, answer.Card!.Kind);

        // Written in Arabic, answered in Arabic (issue 17, point 3): the Latin name isolated inside it.
        Assert.StartsWith("\u2068Initech\u2069", answer.Text, StringComparison.Ordinal);
        Assert.Equal("ar", answer.Card.Language?.Code);
    }

    [Fact]
    public async Task NotUnderstood_OneLatinNameAndOneArabicWord_HelpInArabic()
    {
        _bot.AddDeal("1002", "Initech");

        var answer = await _bot.AskAsync("Initech تبخروا");

        Assert.StartsWith("عذرًا، لم أفهم", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Initech رفضوا")]
    [InlineData("وش صار على Initech Cloud Platform Rollout؟")]
    public async Task Ask_ArabicAroundALongerLatinName_AnsweredInArabic(string text)
    {
        // The Latin name had as many (or more) words as the Arabic around it, so the reply was all English.
        _bot.AddDeal("1002", "Initech Cloud Platform Rollout");

        var answer = await _bot.AskAsync(text);

        Assert.NotNull(answer.Card);
        Assert.Equal("ar", answer.Card.Language?.Code);
    }

    [Fact]
    public async Task Ask_ChecklistInArabic_StageOwnerInArabic()
    {
        // The card said «مسؤول المرحلة: sales»: the map's role word, untranslated.
        using var bot = new BotHarness(ProcessMapLoader.Default);
        bot.AddDeal("1002", "Initech", "discovery");

        var arabic = await bot.AskAsync("وش الخطوة الجاية مع Initech");
        var english = await bot.AskAsync("what's next for Initech");

        Assert.Contains(arabic.Card!.Facts, f => f.Value == "المبيعات");
        Assert.Contains(english.Card!.Facts, f => f.Value == "sales");
    }

    [Theory]
    [InlineData("🙂 ما 🙂 next ✨ Initech 🚀")]
    [InlineData("what's\u200D next\u200F for\u202B Initech\u202C")]
    [InlineData("\u0645\u0627 \u0627\u0644\u062A\u0627\u0644\u064A \U0001F468\u200D\U0001F469\u200D\U0001F467")]
    public async Task Ask_MixedScriptsEmojiAndInvisibleMarks_AnswersPolitely(string text)
    {
        _bot.AddDeal("1002", "Initech");

        var answer = await _bot.AskAsync(text);

        Assert.False(string.IsNullOrWhiteSpace(answer.Text));
        Assert.Empty(_bot.Stores.Confirmations);
    }

    [Fact]
    public async Task Ask_ArabicFiveHundredPlusCharacters_AnswersWithoutRecording()
    {
        _bot.AddDeal("1002", "Initech");

        var answer = await _bot.AskAsync(string.Concat(Enumerable.Repeat("تم البند لصفقة ", 60)));

        Assert.NotNull(answer.Card);
        Assert.Empty(_bot.Stores.Confirmations);
    }

    [Fact]
    public async Task Ask_FiveThousandCharacters_AnswersWithoutRecording()
    {
        _bot.AddDeal("1002", "Initech");

        var answer = await _bot.AskAsync(new string('x', 5000));

        Assert.NotNull(answer.Card);
        Assert.Empty(_bot.Stores.Confirmations);
    }

    [Fact]
    public async Task Advance_IntoWonStageWithLaterStages_WonButStillCoachable()
    {
        var map = new MapBuilder()
            .Stage("proposal", "Proposal", 14, "signed", [("quote-sent", "Quote sent to the buyer", true)])
            .Stage("signed", "Signed", 30, "onboarding", [("kickoff-booked", "Kick-off meeting booked", true)])
            .Stage("onboarding", "Onboarding", 30, null, [("live", "Customer live in production", true)])
            .Won("signed")
            .Build();
        using var bot = new BotHarness(map);
        var deal = bot.AddDeal("3001", "Soylent", "proposal");

        await bot.AskAsync("done quote sent for soylent");
        Assert.Equal((DealStatus.Won, new StageId("signed")), (deal.Status, deal.StageId));
        var answer = await bot.AskAsync("done kickoff booked for soylent");

        Assert.Equal((DealStatus.Won, new StageId("onboarding")), (deal.Status, deal.StageId));
        Assert.NotNull(answer.Card!.Checklist);
    }
}
