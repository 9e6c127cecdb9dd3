using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Tests.Understanding;

/// <summary>"new deal NAME [AMOUNT CURRENCY] [at STAGE] [for team TEAM]" and the ways reps say it.</summary>
public sealed class NewDealParserTests
{
    private readonly CommandParser _parser = new();

    [Theory]
    [InlineData("new deal Contoso", "Contoso", null, null, null)]
    [InlineData("new deal Contoso 50k EUR", "Contoso", "50k EUR", null, null)]
    [InlineData("add deal Contoso at discovery", "Contoso", null, "discovery", null)]
    [InlineData("Add a new deal: Contoso Pharma, €120k, at the proposal stage", "Contoso Pharma", "€120k", "proposal", null)]
    [InlineData("create deal Contoso EUR 50,000 in demo stage", "Contoso", "EUR 50,000", "demo", null)]
    [InlineData("new opportunity Contoso 2.5 million usd at discovery for team EMEA", "Contoso", "2.5 million usd", "discovery", "EMEA")]
    [InlineData("new deal Contoso for team Americas at demo", "Contoso", null, "demo", "Americas")]
    [InlineData("new deal Contoso for the EMEA team", "Contoso", null, null, "EMEA")]
    [InlineData("please new deal Area 51", "Area 51", null, null, null)]
    [InlineData("new deal Contoso 75000", "Contoso", "75000", null, null)]
    [InlineData("new deal 3M renewal $40k", "3M renewal", "$40k", null, null)]
    public void Parse_NewDeal_ReadsNameAmountStageAndTeam(string text, string name, string? amount, string? stage, string? team)
    {
        var command = _parser.Parse(text);

        Assert.Equal(new NewDealCommand(name, amount, stage, team), command);
    }

    [Theory]
    [InlineData("new deal")]
    [InlineData("what's next for the new deal")]
    [InlineData("my new deals")]
    public void Parse_NotANewDeal_IsSomethingElse(string text)
    {
        Assert.IsNotType<NewDealCommand>(_parser.Parse(text));
    }
}
