using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Tests.Fakes;

namespace SalesCoachBot.Core.Tests.Coaching;

/// <summary>
/// "what's stalled for Dana", "Riley's wins", «وش الصفقات اللي خسرها Riley»: a person's stalled deals and a person's won or
/// lost deals, among the deals the person asking may see; a team of that name comes first.
/// </summary>
public sealed class PersonListsTests : IDisposable
{
    private readonly BotHarness _bot = new(ProcessMapLoader.Default);

    public void Dispose() => _bot.Dispose();

    /// <summary>A deal closed <paramref name="daysAgo"/> days before the harness's now (Fri 27 Nov 2026, 09:00 UTC).</summary>
    private Deal Closed(string id, string name, DealStatus status, Person owner, SalesTeam team, int daysAgo, string? reason = null)
    {
        var deal = _bot.AddDeal(id, name, status == DealStatus.Won ? "contract-signed" : "proposal", owner, team, daysAgo);
        deal.Status = status;
        deal.ClosedAt = _bot.Clock.GetUtcNow().AddDays(-daysAgo);
        deal.LostReason = reason;
        return deal;
    }

    [Fact]
    public async Task Stalled_ManagerNamesAnOwner_OnlyThatOwnersStalledDeals()
    {
        _bot.AddDeal("3001", "Hooli", "discovery", _bot.Rep, daysInStage: 100);
        _bot.AddDeal("3002", "Wonka", "discovery", _bot.TeamMate, daysInStage: 120);
        _bot.AddDeal("3003", "Stark", "discovery", _bot.TeamMate, daysInStage: 1);

        var answer = await _bot.AskAsync($"what's stalled for {_bot.TeamMate.Name}", _bot.Manager);

        Assert.Equal($"Stalled deals of {_bot.TeamMate.Name}", answer.Card!.Title);
        var lines = answer.Card.Sections.SelectMany(s => s.Lines).Select(l => l.Text).ToList();
        Assert.Single(lines);
        Assert.StartsWith("Wonka (#3002)", lines[0], StringComparison.Ordinal);
        Assert.StartsWith($"Stalled deals of {_bot.TeamMate.Name}: 1", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stalled_OwnerWithNothingStalled_SaysSoForThatOwner()
    {
        _bot.AddDeal("3011", "Stark", "discovery", _bot.TeamMate, daysInStage: 1);

        var answer = await _bot.AskAsync($"{_bot.TeamMate.Name}'s stalled deals", _bot.Manager);

        Assert.Equal($"No stalled deals of {_bot.TeamMate.Name} in the teams you can see.", answer.Text);
    }

    [Fact]
    public async Task Stalled_RepNamesSomeoneInAnotherTeam_NothingOfThatTeam()
    {
        _bot.AddDeal("3021", "Umbrella", "discovery", _bot.OtherRep, _bot.Americas, daysInStage: 100);

        var answer = await _bot.AskAsync($"stalled deals for {_bot.OtherRep.Name}", _bot.Rep);

        Assert.DoesNotContain("Umbrella", answer.Text, StringComparison.Ordinal);
        Assert.Contains($"I don't know a team called \"{_bot.OtherRep.Name}\"", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stalled_RepNamesATeammate_TheTeammatesStalledDeals()
    {
        _bot.AddDeal("3031", "Wonka", "discovery", _bot.TeamMate, daysInStage: 120);
        _bot.AddDeal("3032", "Hooli", "discovery", _bot.Rep, daysInStage: 100);

        var answer = await _bot.AskAsync($"what's stalled for {_bot.TeamMate.Name}", _bot.Rep);

        Assert.Contains("Wonka", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Hooli", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stalled_ATeamAndAPersonOfTheSameName_TheTeam()
    {
        var emeaPerson = _bot.Stores.AddPerson("emea@example.com", PersonRole.Rep, _bot.Americas);
        _bot.AddDeal("3041", "Umbrella", "discovery", emeaPerson, _bot.Americas, daysInStage: 100);
        _bot.AddDeal("3042", "Wonka", "discovery", _bot.TeamMate, daysInStage: 120);

        var answer = await _bot.AskAsync("stalled deals for emea", _bot.Admin);

        Assert.Equal("Stalled deals", answer.Card!.Title);
        Assert.Contains("Wonka", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Umbrella", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stalled_InArabic_TitledWithTheOwnerInArabic()
    {
        _bot.AddDeal("3051", "Wonka", "discovery", _bot.TeamMate, daysInStage: 120);
        _bot.AddDeal("3052", "Hooli", "discovery", _bot.Rep, daysInStage: 100);

        var answer = await _bot.AskAsync($"وش الصفقات المتعثرة عند {_bot.TeamMate.Name}", _bot.Manager);

        Assert.StartsWith("الصفقات المتعثرة لدى", answer.Card!.Title, StringComparison.Ordinal);
        Assert.Contains(_bot.TeamMate.Name, answer.Card.Title, StringComparison.Ordinal);
        Assert.Contains("Wonka", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Hooli", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Won_ManagerNamesAnOwner_OnlyThatOwnersWins()
    {
        Closed("3101", "Initrode", DealStatus.Won, _bot.Rep, _bot.Emea, 4);
        Closed("3102", "Vehement", DealStatus.Won, _bot.TeamMate, _bot.Emea, 5);

        var answer = await _bot.AskAsync($"{_bot.Rep.Name}'s wins", _bot.Manager);

        Assert.Equal($"Deals won · {_bot.Rep.Name}", answer.Card!.Title);
        Assert.Equal(["Initrode (#3101) · no amount · won Mon 23 Nov 2026"], answer.Card.Sections.Single().Lines.Select(l => l.Text));
    }

    [Fact]
    public async Task Lost_OwnerWithNoLossesThisQuarter_SaysSoForThatOwner()
    {
        _bot.AddDeal("3111", "Stark", "discovery", _bot.TeamMate);
        Closed("3112", "Hooli", DealStatus.Lost, _bot.Rep, _bot.Emea, 3, "price");

        var answer = await _bot.AskAsync($"what did {_bot.TeamMate.Name} lose this quarter", _bot.Manager);

        Assert.Equal($"{_bot.TeamMate.Name} lost no deals in Q4 2026 so far.", answer.Text);
    }

    [Fact]
    public async Task Lost_RepNamesSomeoneInAnotherTeam_NothingOfThatTeam()
    {
        Closed("3121", "Umbrella", DealStatus.Lost, _bot.OtherRep, _bot.Americas, 3, "price");

        var answer = await _bot.AskAsync($"what did {_bot.OtherRep.Name} lose this quarter", _bot.Rep);

        Assert.DoesNotContain("Umbrella", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lost_ManagerNamesSomeoneInATeamTheyDoNotManage_NothingOfThatTeam()
    {
        Closed("3131", "Umbrella", DealStatus.Lost, _bot.OtherRep, _bot.Americas, 3, "price");

        var answer = await _bot.AskAsync($"{_bot.OtherRep.Name}'s losses", _bot.Manager);

        Assert.DoesNotContain("Umbrella", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Won_ATeamAndAPersonOfTheSameName_TheTeam()
    {
        var emeaPerson = _bot.Stores.AddPerson("emea@example.com", PersonRole.Rep, _bot.Americas);
        Closed("3141", "Umbrella", DealStatus.Won, emeaPerson, _bot.Americas, 3);
        Closed("3142", "Vehement", DealStatus.Won, _bot.TeamMate, _bot.Emea, 5);

        var answer = await _bot.AskAsync("won deals emea", _bot.Admin);

        Assert.Equal("Deals won · EMEA", answer.Card!.Title);
        Assert.Contains("Vehement", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Umbrella", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lost_InArabic_TheOwnersLossesInArabic()
    {
        Closed("3151", "Hooli", DealStatus.Lost, _bot.Rep, _bot.Emea, 3, "price");
        Closed("3152", "Wonka", DealStatus.Lost, _bot.TeamMate, _bot.Emea, 4, "price");

        var answer = await _bot.AskAsync($"وش الصفقات اللي خسرها {_bot.Rep.Name}", _bot.Manager);

        Assert.StartsWith("الصفقات الخاسرة · ", answer.Card!.Title, StringComparison.Ordinal);
        Assert.Contains(_bot.Rep.Name, answer.Card.Title, StringComparison.Ordinal);
        Assert.Contains("Hooli", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Wonka", answer.Text, StringComparison.Ordinal);
    }
}
