using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Tests.Fakes;
using Xunit;

namespace SalesCoachBot.Core.Tests.Understanding;

/// <summary>
/// fix/phrasing47: requests that were misread as a deal's name ("what's required for verbal agreement", «وش وضع Dana»,
/// «ما هي المرحلة التالية لـ Hooli»), a move to the next stage with its reason, a new deal in comma-separated parts, and
/// a move to a stage no map has (never offered as a move).
/// </summary>
public sealed class Phrasing47Tests : IDisposable
{
    private readonly BotHarness _bot = new();

    public void Dispose() => _bot.Dispose();

    [Theory]
    // The move to the next stage keeps its reason, after "because" or after a comma.
    [InlineData("move #1012 to the next stage because they came back", "move 1012 | next | they came back")]
    [InlineData("move Hooli to the next stage, they signed the NDA", "move 1012 | next | they signed the nda")]
    [InlineData("move Hooli to the next stage because they came back", "move 1012 | next | they came back")]
    [InlineData("Hooli came back", "reopen 1012")]
    [InlineData("move it to the next stage", "move this | next | -")]
    [InlineData("انقلها للمرحلة الجاية", "move this | next | -")]
    [InlineData("انقل Hooli للمرحلة الجاية", "move 1012 | next | -")]
    [InlineData("Hooli's in proposal", "confirm? move 1012 | proposal | -")]
    // A new deal's parts separated by commas: name, amount, stage.
    [InlineData("new deal: Apex, 40k, discovery", "newdeal apex | 40k | discovery | -")]
    [InlineData("new deal Apex, 40k EUR, demo", "newdeal apex | 40k eur | demo | -")]
    [InlineData("new deal Apex 50k EUR in discovery", "newdeal apex | 50k eur | discovery | -")]
    [InlineData("new deal Apex, discovery", "newdeal apex | - | discovery | -")]
    [InlineData("new deal Apex, Berlin", "newdeal apex berlin | - | - | -")]
    // The next stage for a deal, asked in Arabic as in English: the deal's card.
    [InlineData("what's the next stage for Hooli", "next 1012")]
    [InlineData("ما هي المرحلة التالية لـ Hooli", "next 1012")]
    [InlineData("ما هي المرحلة التالية لـHooli", "next 1012")]
    [InlineData("ما هي المرحلة التالية ل Hooli", "next 1012")]
    [InlineData("شو وضع Initech", "next 1002")]
    [InlineData("what's required for Initech", "next 1002")]
    public void Parse_Phrasing47_ReadAsMeant(string text, string expected)
    {
        Assert.Equal(expected, UnderstandingTestData.Read(text));
    }

    [Theory]
    [InlineData("what's required for demo", "Demo (demo)")]
    [InlineData("what do I need to leave discovery", "Discovery (discovery)")]
    [InlineData("what's needed to exit discovery", "Discovery (discovery)")]
    [InlineData("what's required for contract signed", "Contract signed (contract-signed)")]
    public async Task StageNamedWhereADealWasExpected_TheStagesChecklist(string text, string title)
    {
        _bot.AddDeal("1002", "Initech");

        var answer = await _bot.AskAsync(text, _bot.Manager);

        Assert.Equal(CardKind.StageInfo, answer.Card!.Kind);
        Assert.Equal(title, answer.Card.Title);
    }

    [Fact]
    public async Task DealNamedWhereADealWasExpected_StillTheDealsCard()
    {
        _bot.AddDeal("1002", "Initech");

        var answer = await _bot.AskAsync("what's required for Initech", _bot.Manager);

        Assert.Equal("Initech — Discovery", answer.Card!.Title);
    }

    [Theory]
    [InlineData("وش وضع tom هالحين")]
    [InlineData("what's next for tom")]
    public async Task RepNamedWhereADealWasExpected_TheRepsDeals(string text)
    {
        _bot.AddDeal("1002", "Initech", "demo");
        _bot.AddDeal("1004", "Wonka", "demo", owner: _bot.TeamMate);
        _bot.AddDeal("1005", "Hooli", "discovery", owner: _bot.TeamMate);

        var answer = await _bot.AskAsync(text, _bot.Manager);

        Assert.Equal(CardKind.DealList, answer.Card!.Kind);
        Assert.Equal(["Hooli", "Wonka"], answer.Card.Sections.Single().Lines.Select(l => l.Text.Split(' ')[0]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ArabicStatusOfADeal_StillTheDealsCard()
    {
        _bot.AddDeal("1002", "Initech", "demo", owner: _bot.TeamMate);

        var answer = await _bot.AskAsync("شو وضع Initech", _bot.Manager);

        Assert.Equal(CardKind.Checklist, answer.Card!.Kind);
    }

    [Theory]
    [InlineData("انقلها للمرحلة الجاية", "أي صفقة؟")]
    [InlineData("move it to the next stage", "Which deal?")]
    public async Task MoveItToTheNextStage_NoLinkedDeal_AsksWhichDeal(string text, string title)
    {
        _bot.AddDeal("1002", "Initech");

        var answer = await _bot.AskAsync(text, _bot.Manager, conversation: "room-2");

        Assert.Equal(title, answer.Card!.Title);
    }

    [Theory]
    [InlineData("move it to the next stage because the buyer asked")]
    [InlineData("انقلها للمرحلة الجاية لأن العميل طلب")]
    public async Task MoveItToTheNextStage_LinkedDeal_MovesThatDeal(string text)
    {
        _bot.AddDeal("1002", "Initech");
        await _bot.AskAsync("link this chat to initech", _bot.Manager, conversation: "room-1");

        var answer = await _bot.AskAsync(text, _bot.Manager, conversation: "room-1");

        Assert.Equal("demo", _bot.Stores.Deals.Single().StageId.Value);
        Assert.Contains("Initech", answer.Card!.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GuessedMoveToAStageNoMapHas_TheDealsCard_NotAnOffer()
    {
        _bot.AddDeal("1012", "Hooli");

        var answer = await _bot.AskAsync("Hooli's in trouble", _bot.Manager);

        Assert.Equal(CardKind.Checklist, answer.Card!.Kind);
        Assert.Equal("Hooli — Discovery", answer.Card.Title);
        Assert.Equal("discovery", _bot.Stores.Deals.Single().StageId.Value);
    }

    [Fact]
    public async Task GuessedMoveToAStageOfTheMap_StillOffered()
    {
        _bot.AddDeal("1012", "Hooli");

        var answer = await _bot.AskAsync("Hooli's in demo", _bot.Manager);

        Assert.Equal(CardKind.Info, answer.Card!.Kind);
        Assert.Contains("move deal Hooli to demo", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("new deal: Apex, 40k EUR, demo", "Demo")]
    [InlineData("new deal: Apex, 40k EUR, bananas", "bananas")]
    public async Task NewDealInCommaSeparatedParts_StageRead(string text, string shown)
    {
        var answer = await _bot.AskAsync(text, _bot.Rep);

        Assert.Contains(shown, answer.Text, StringComparison.Ordinal);
    }
}
