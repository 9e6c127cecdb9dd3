using SalesCoachBot.Core.Tests.Fakes;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Tests.Understanding;

/// <summary>
/// Session 58: "my stalled deals" listed every stalled deal of the rep's team, a team-mate's among them; «صفقاتي
/// المتعثرة» listed all the rep's deals; "stalled deals owned by Sam" listed all of Sam's.
/// </summary>
public sealed class Lead58Tests : IDisposable
{
    private readonly CommandParser _parser = new();
    private readonly BotHarness _bot = new();

    public void Dispose() => _bot.Dispose();

    [Theory]
    [InlineData("my stalled deals")]
    [InlineData("which of my deals are stalled")]
    [InlineData("my stuck deals")]
    [InlineData("show my stalled deals")]
    [InlineData("صفقاتي المتعثرة")]
    [InlineData("صفقاتي العالقة")]
    [InlineData("ايش الصفقات المتعثرة عندي")]
    public async Task MyStalledDeals_AreTheRepsOwnStalledOnly(string text)
    {
        _bot.AddDeal("1001", "Initech", "discovery", _bot.Rep, daysInStage: 90);
        _bot.AddDeal("1002", "Globex", "discovery", _bot.Rep, daysInStage: 1);
        _bot.AddDeal("1003", "Hooli", "discovery", _bot.TeamMate, daysInStage: 90);

        var parsed = Assert.IsType<StalledCommand>(_parser.Parse(text));
        var answer = await _bot.AskAsync(text, _bot.Rep);

        Assert.True(parsed.Mine);
        Assert.Contains("Initech", answer.Text, StringComparison.Ordinal);
        // Was the team's list (Hooli, the team-mate's), or every deal of the rep's (Globex, on track).
        Assert.DoesNotContain("Hooli", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Globex", answer.Text, StringComparison.Ordinal);
        Assert.StartsWith(text.Any(c => c > 0x600) ? "صفقاتك المتعثرة: 1" : "Your stalled deals: 1", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MyStalledDeals_WhenNoneIsStalled_SaysSo()
    {
        _bot.AddDeal("1002", "Globex", "discovery", _bot.Rep, daysInStage: 1);
        _bot.AddDeal("1003", "Hooli", "discovery", _bot.TeamMate, daysInStage: 90);

        var answer = await _bot.AskAsync("my stalled deals", _bot.Rep);

        Assert.Equal("None of your open deals is stalled.", answer.Text);
    }

    [Fact]
    public async Task MyStalledDealsInATeam_AreTheOwnOfThatTeam()
    {
        _bot.AddDeal("1001", "Initech", "discovery", _bot.Manager, _bot.Emea, daysInStage: 90);
        _bot.AddDeal("2001", "Oscorp", "discovery", _bot.Manager, _bot.Americas, daysInStage: 90);

        var answer = await _bot.AskAsync("my stalled deals in EMEA", _bot.Manager);

        Assert.StartsWith("Your stalled deals in EMEA: 1", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Oscorp", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("show me the stalled deals")]
    [InlineData("give me the stalled list")]
    [InlineData("stalled")]
    [InlineData("الصفقات المتعثرة")]
    public async Task StalledWithoutMy_StaysTheTeams(string text)
    {
        _bot.AddDeal("1001", "Initech", "discovery", _bot.Rep, daysInStage: 90);
        _bot.AddDeal("1003", "Hooli", "discovery", _bot.TeamMate, daysInStage: 90);

        var parsed = Assert.IsType<StalledCommand>(_parser.Parse(text));
        var answer = await _bot.AskAsync(text, _bot.Rep);

        Assert.False(parsed.Mine);
        Assert.Contains("Hooli", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StalledDealsOwnedBySomeone_AreTheirStalledOnly()
    {
        _bot.AddDeal("1001", "Initech", "discovery", _bot.TeamMate, daysInStage: 90);
        _bot.AddDeal("1002", "Globex", "discovery", _bot.TeamMate, daysInStage: 1);
        var mate = _bot.TeamMate.Name.Split(' ')[0];

        var parsed = Assert.IsType<StalledCommand>(_parser.Parse($"stalled deals owned by {mate}"));
        var answer = await _bot.AskAsync($"stalled deals owned by {mate}", _bot.Manager);

        // Was every deal of the owner's, Globex (on track) among them.
        Assert.Equal(mate, parsed.TeamName);
        Assert.Contains("Initech", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Globex", answer.Text, StringComparison.Ordinal);
    }
}
