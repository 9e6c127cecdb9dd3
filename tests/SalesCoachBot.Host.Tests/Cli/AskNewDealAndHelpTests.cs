using System.Text.Json;

namespace SalesCoachBot.Host.Tests.Cli;

/// <summary>Issue 15, points 8 and 10 through <c>ask</c>: the real Core and Data over SQLite with the demo data.</summary>
public sealed class AskNewDealAndHelpTests : IAsyncLifetime
{
    private DemoAskHost _host = null!;

    public async Task InitializeAsync() => _host = await DemoAskHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<(int Exit, string Out)> AskAsync(params string[] args)
    {
        var (exit, stdout, _) = await _host.AskAsync(args);
        return (exit, stdout);
    }

    [Fact]
    public async Task Ask_NewDeal_CreatedWithTheNextIdAndFoundByNameInTheNextRun()
    {
        var (exit, created) = await AskAsync("new deal Zenith Labs 120k USD at demo", "--as", "dana@example.com", "--json");
        var (_, next) = await AskAsync("what's next for zenith", "--as", "dana@example.com");
        var (_, mine) = await AskAsync("my deals", "--as", "dana@example.com");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(created);
        var card = json.RootElement.GetProperty("card");
        Assert.Equal("checklist", card.GetProperty("kind").GetString());
        Assert.Equal("Created Zenith Labs (#1022) in Demo / solution for EMEA, 120,000 USD, owned by you.", card.GetProperty("note").GetString());
        Assert.StartsWith("Zenith Labs — Demo / solution", next, StringComparison.Ordinal);
        Assert.Contains("Zenith Labs", mine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_NewDealLikeAnOpenOneOrWithoutATeam_ClearAnswerNothingStored()
    {
        var (_, duplicate) = await AskAsync("new deal Initech GmbH", "--as", "sam@example.com");
        var (_, noTeam) = await AskAsync("new deal Zenith Labs", "--as", "admin@example.com");
        var (_, twoTeams) = await AskAsync("new deal Zenith Labs", "--as", "morgan@example.com");
        var (_, after) = await AskAsync("what's next for zenith labs", "--as", "admin@example.com");

        Assert.StartsWith("Initech already exists: #1002.", duplicate, StringComparison.Ordinal);
        Assert.Contains("not in a sales team", noTeam, StringComparison.Ordinal);
        Assert.Contains("You are in Americas and EMEA", twoTeams, StringComparison.Ordinal);
        Assert.Contains("can't find", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_Help_RepGetsDealCommandsManagerAlsoTeamCommands()
    {
        var (exit, rep) = await AskAsync("help", "--as", "dana@example.com");
        var (_, manager) = await AskAsync("help", "--as", "morgan@example.com");

        Assert.Equal(0, exit);
        Assert.Contains("\"new deal Contoso 50k EUR at discovery\"", rep, StringComparison.Ordinal);
        Assert.Contains("\"history of Initech\"", rep, StringComparison.Ordinal);
        Assert.DoesNotContain("\"use this channel for EMEA nudges\"", rep, StringComparison.Ordinal);
        Assert.Contains("\"use this channel for EMEA nudges\"", manager, StringComparison.Ordinal);
        Assert.Contains("\"pipeline EMEA last 90 days\"", manager, StringComparison.Ordinal);
        Assert.Contains("\"what do we need to hit 2M\"", manager, StringComparison.Ordinal);
    }
}
