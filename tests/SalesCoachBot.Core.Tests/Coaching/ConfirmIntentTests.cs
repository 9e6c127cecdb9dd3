using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Tests.Fakes;

namespace SalesCoachBot.Core.Tests.Coaching;

/// <summary>
/// A change understood with low confidence asks "did you mean …?" before anything happens; a guess about a deal
/// that nobody has, not even nearly, is answered as words not understood.
/// </summary>
public sealed class ConfirmIntentTests : IDisposable
{
    private readonly BotHarness _bot = new();

    public void Dispose() => _bot.Dispose();

    /// <summary>Presses the Yes of a "Did you mean …?" question (the one button that is not Cancel).</summary>
    private static Task<BotAnswer> PressYesAsync(BotHarness bot, BotAnswer asked, string conversation = "test")
    {
        var yes = Assert.Single(asked.Card!.Actions, a => a.Payload is RunCommandPayload { Text: not "cancel" });
        return bot.TurnAsync(new ActionInput(yes.Payload, []), conversation: conversation);
    }

    [Theory]
    [InlineData("والله ألغِ تأجيل Tailwind", "ألغِ تأجيل \u2068Tailwind\u2069")]
    [InlineData("والله ألغِ تأجيل Tailwnd", "ألغِ تأجيل \u2068Tailwnd\u2069")]
    [InlineData("بصراحة والله أجل Tailwind ٣ أيام", "أجّل \u2068Tailwind\u2069 ٣ أيام")]
    public async Task LowConfidenceChange_DealTheyHaveOrNearly_AsksFirst(string text, string wording)
    {
        _bot.AddDeal("1007", "Tailwind", "discovery", daysInStage: 2);

        var answer = await _bot.AskAsync(text);

        Assert.Contains($"هل تقصد «{wording}»؟", answer.Text, StringComparison.Ordinal);
        Assert.Equal(2, answer.Card!.Actions.Count);
    }

    [Theory]
    [InlineData("بلا بلا بلا")]
    [InlineData("والله ألغِ تأجيل Zyzzogeton")]
    public async Task LowConfidenceChange_NoDealLikeIt_NotUnderstoodNoQuestion(string text)
    {
        _bot.AddDeal("1007", "Tailwind", "discovery", daysInStage: 2);

        var answer = await _bot.AskAsync(text);

        // The echo keeps a Latin name in its own isolate inside the Arabic sentence.
        Assert.StartsWith($"عذرًا، لم أفهم «{text.Replace("Zyzzogeton", "\u2068Zyzzogeton\u2069", StringComparison.Ordinal)}».", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("هل تقصد", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("unsnooze", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LowConfidenceChange_NoDealLikeItRunByAButton_QuotesThePersonsWords()
    {
        // A button running the words is answered as typing them is: the person's words, not the guessed command's.
        _bot.AddDeal("1007", "Tailwind", "discovery", daysInStage: 2);
        const string words = "والله ألغِ تأجيل Zyzzogeton";

        var typed = await _bot.AskAsync(words);
        var pressed = await _bot.TurnAsync(new ActionInput(new RunCommandPayload(words), []));

        Assert.Equal(typed.Text, pressed.Text);
        Assert.DoesNotContain("unsnooze", pressed.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("done demo held hooli")]
    [InlineData("hooli demo held done")]
    public async Task ItemThenDealWithoutFor_ChatLinkedToNoDeal_AsksFirstThenConfirmsOnYes(string text)
    {
        _bot.AddDeal("1002", "Initech", "demo");
        _bot.AddDeal("1012", "Hooli", "demo");

        var asked = await _bot.AskAsync(text);
        var nothingYet = _bot.Stores.Confirmations.Count;
        await PressYesAsync(_bot, asked);

        Assert.Contains("Did you mean \"done demo held for hooli\"?", asked.Text, StringComparison.Ordinal);
        Assert.Equal(0, nothingYet);
        var confirmation = Assert.Single(_bot.Stores.Confirmations);
        Assert.Equal("1012", _bot.Stores.Deals.Single(d => d.Id == confirmation.DealId).ExternalId);
    }

    [Theory]
    [InlineData("everything is done for Initech")]
    [InlineData("tick all for Initech")]
    public async Task EveryItem_AsksNamingTheOpenItemsThenConfirmsAndAdvancesOnYes(string text)
    {
        var deal = _bot.AddDeal("1002", "Initech", "discovery");

        var asked = await _bot.AskAsync(text);
        var nothingYet = _bot.Stores.Confirmations.Count;
        await PressYesAsync(_bot, asked);

        Assert.Contains("Did you mean \"done requirements-listed, demo-booked, champion-named for Initech\"?", asked.Text, StringComparison.Ordinal);
        Assert.Equal(0, nothingYet);
        Assert.Equal(3, _bot.Stores.Confirmations.Count);
        Assert.Equal(new StageId("demo"), deal.StageId);
    }

    [Fact]
    public async Task EveryItem_InArabic_AsksInArabic()
    {
        _bot.AddDeal("1002", "Initech", "discovery");

        var asked = await _bot.AskAsync("خلصنا كل شي في Initech");

        Assert.Contains("هل تقصد «تم \u2068requirements-listed\u2069 و \u2068demo-booked\u2069 و \u2068champion-named\u2069 لصفقة \u2068Initech\u2069»؟", asked.Text, StringComparison.Ordinal);
        Assert.Empty(_bot.Stores.Confirmations);
    }

    [Fact]
    public async Task EveryItem_NoneLeft_ShowsTheChecklistSayingSo()
    {
        var deal = _bot.AddDeal("1012", "Hooli", "demo");
        _bot.Stores.Confirmations.Add(new Confirmation
        {
            Id = 1,
            DealId = deal.Id,
            StageId = deal.StageId,
            StageVersion = deal.StageVersion,
            ItemId = new ChecklistItemId("demo-held"),
            PersonId = _bot.Rep.Id,
            ConfirmedAt = _bot.Clock.GetUtcNow(),
            Channel = ChatChannel.Teams,
        });

        var answer = await _bot.AskAsync("everything is done for Hooli");

        Assert.Contains("Every item of this stage is already confirmed.", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ItemThenDealWithoutFor_ChatLinkedToAnotherDeal_AsksAboutTheNamedDeal()
    {
        _bot.AddDeal("1002", "Initech", "discovery");
        _bot.AddDeal("1012", "Hooli", "demo");
        await _bot.AskAsync("link this chat to Initech", conversation: "room-1");

        var asked = await _bot.AskAsync("done demo held hooli", conversation: "room-1");

        Assert.Contains("Did you mean \"done demo held for hooli\"?", asked.Text, StringComparison.Ordinal);
        Assert.Empty(_bot.Stores.Confirmations);
    }

    [Theory]
    [InlineData("done demo held globex")]
    [InlineData("done signed copy stored hooli")]
    public async Task ItemThenDealWithoutFor_NoSuchDealOrItem_NoQuestion(string text)
    {
        // Globex is no deal; Hooli's stage (demo) has no "signed copy stored".
        _bot.AddDeal("1012", "Hooli", "demo");

        var answer = await _bot.AskAsync(text);

        Assert.DoesNotContain("Did you mean", answer.Text, StringComparison.Ordinal);
        Assert.Empty(_bot.Stores.Confirmations);
    }

    [Theory]
    [InlineData("demo held for Hooli", "done demo held for Hooli")]
    [InlineData("Hooli: demo held", "done demo held for Hooli")]
    [InlineData("hooli demo held", "done demo held for hooli")]
    [InlineData("demo held for #1012", "done demo held for #1012")]
    public async Task ItemSaidWithoutDone_AsksFirstThenConfirmsOnYes(string text, string wording)
    {
        // Said without "done", the words could be anything; they are an item of Hooli's stage, so the bot asks.
        _bot.AddDeal("1002", "Initech", "discovery");
        _bot.AddDeal("1012", "Hooli", "demo");

        var asked = await _bot.AskAsync(text);
        var nothingYet = _bot.Stores.Confirmations.Count;
        await PressYesAsync(_bot, asked);

        Assert.Contains($"Did you mean \"{wording}\"?", asked.Text, StringComparison.Ordinal);
        Assert.Equal(0, nothingYet);
        var confirmation = Assert.Single(_bot.Stores.Confirmations);
        Assert.Equal("1012", _bot.Stores.Deals.Single(d => d.Id == confirmation.DealId).ExternalId);
        Assert.Equal("demo-held", confirmation.ItemId.Value);
    }

    [Fact]
    public async Task ItemsSaidWithoutDone_SeveralOfTheStage_AsksForAllOfThem()
    {
        _bot.AddDeal("1002", "Initech", "discovery");

        var asked = await _bot.AskAsync("requirements listed and demo booked for Initech");
        await PressYesAsync(_bot, asked);

        Assert.Contains("Did you mean \"done requirements listed, demo booked for Initech\"?", asked.Text, StringComparison.Ordinal);
        Assert.Equal(["demo-booked", "requirements-listed"], _bot.Stores.Confirmations.Select(c => c.ItemId.Value).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ItemSaidWithoutDone_InAChatLinkedToTheDeal_AsksAboutThatDeal()
    {
        _bot.AddDeal("1012", "Hooli", "demo");
        await _bot.AskAsync("link this chat to Hooli", conversation: "room-1");

        var asked = await _bot.AskAsync("demo held", conversation: "room-1");
        await PressYesAsync(_bot, asked, "room-1");

        Assert.Contains("Did you mean \"done demo held\"?", asked.Text, StringComparison.Ordinal);
        Assert.Equal("demo-held", Assert.Single(_bot.Stores.Confirmations).ItemId.Value);
    }

    [Fact]
    public async Task ItemSaidWithoutDone_InArabic_AsksInArabicThenConfirmsOnYes()
    {
        // The shipped map writes its items in Arabic too: the rep types the Arabic words of the card.
        using var bot = new BotHarness(ProcessMapLoader.Default);
        bot.AddDeal("1002", "Initech", "discovery");

        var asked = await bot.AskAsync("حدد مناصر داخلي لـInitech");
        await PressYesAsync(bot, asked);

        // Asked back with the item's id: «تم» before the typed verb («تم حدد …») would not read.
        Assert.Contains("هل تقصد «تم \u2068champion-named\u2069 لصفقة \u2068Initech\u2069»؟", asked.Text, StringComparison.Ordinal);
        Assert.Equal("champion-named", Assert.Single(bot.Stores.Confirmations).ItemId.Value);
    }

    [Theory]
    [InlineData("demo held for Hooli?")] // a question, not news
    [InlineData("perfect weather for Hooli")] // no item of its stage
    [InlineData("signed copy stored for Hooli")] // an item of another stage
    [InlineData("demo for Hooli")] // one word fits too much to ask about
    [InlineData("demo held for Globex")] // no such deal
    [InlineData("demo held")] // no deal named and none linked
    public async Task WordsThatAreNoItemOfTheDealsStage_NotUnderstoodNoQuestion(string text)
    {
        _bot.AddDeal("1012", "Hooli", "demo");

        var answer = await _bot.AskAsync(text);

        Assert.DoesNotContain("Did you mean", answer.Text, StringComparison.Ordinal);
        Assert.Empty(_bot.Stores.Confirmations);
    }

    [Fact]
    public async Task NextStepWithTheDealFirst_ChatLinkedToNoDeal_AsksFirstThenStoresOnYes()
    {
        var deal = _bot.AddDeal("1002", "Initech", "demo");

        var asked = await _bot.AskAsync("set next step Initech send SOW");
        var nothingYet = deal.NextStep;
        await PressYesAsync(_bot, asked);

        Assert.Contains("Did you mean \"next step for Initech: send SOW\"?", asked.Text, StringComparison.Ordinal);
        Assert.Null(nothingYet);
        Assert.Equal("send SOW", deal.NextStep);
    }

    [Theory]
    [InlineData("note that Hooli wants SSO")]
    [InlineData("jot down that Hooli wants SSO")]
    public async Task NoteRunTogetherWithTheDealsName_AsksFirstThenStoresOnYes(string text)
    {
        var deal = _bot.AddDeal("1012", "Hooli", "demo");

        var asked = await _bot.AskAsync(text);
        var nothingYet = _bot.Stores.Notes.Count;
        await PressYesAsync(_bot, asked);

        Assert.Contains("Did you mean \"note for Hooli: wants SSO\"?", asked.Text, StringComparison.Ordinal);
        Assert.Equal(0, nothingYet);
        var note = Assert.Single(_bot.Stores.Notes);
        Assert.Equal(deal.Id, note.DealId);
        Assert.Equal("wants SSO", note.Text);
    }

    [Fact]
    public async Task NoteRunTogetherWithNoDealsName_SaysTheNoteIsEmpty()
    {
        _bot.AddDeal("1012", "Hooli", "demo");

        var answer = await _bot.AskAsync("note that nobody wants SSO");

        Assert.DoesNotContain("Did you mean", answer.Text, StringComparison.Ordinal);
        Assert.StartsWith("The note is empty", answer.Text, StringComparison.Ordinal);
        Assert.Empty(_bot.Stores.Notes);
    }
}
