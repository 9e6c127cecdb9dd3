using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Tests.Fakes;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Tests.Coaching;

/// <summary>"my biggest deals", "which deal is closest to closing": one's deals sorted as asked, saying so.</summary>
public sealed class DealOrderTests : IDisposable
{
    // The shipped 14-stage map: discovery, then demo, then proposal.
    private readonly BotHarness _bot = new(ProcessMapLoader.Default);

    public void Dispose() => _bot.Dispose();

    [Theory]
    [InlineData("my deals", DealOrder.StalledFirst)]
    [InlineData("what's my biggest deal", DealOrder.Biggest)]
    [InlineData("show me my largest deals", DealOrder.Biggest)]
    [InlineData("my deals by value", DealOrder.Biggest)]
    [InlineData("which of my deals is nearest to closing?", DealOrder.ClosestToClosing)]
    [InlineData("أكبر صفقاتي", DealOrder.Biggest)]
    [InlineData("وش أكبر صفقة عندي", DealOrder.Biggest)]
    [InlineData("أقرب صفقة عندي للإغلاق", DealOrder.ClosestToClosing)]
    public void Parse_TheOrderAsked(string text, DealOrder order)
    {
        var command = Assert.IsType<MyDealsCommand>(new CommandParser().Parse(text));

        Assert.Equal(order, command.Order);
        Assert.Null(command.OwnerName);
        Assert.True(command.Mine);
    }

    [Theory]
    [InlineData("what are our biggest deals", DealOrder.Biggest)]
    [InlineData("biggest deals", DealOrder.Biggest)]
    [InlineData("which deals are closest to closing", DealOrder.ClosestToClosing)]
    [InlineData("which deal is closest to closing", DealOrder.ClosestToClosing)]
    [InlineData("أكبر صفقة", DealOrder.Biggest)]
    public void Parse_SortedWithoutMy_TheTeamsDeals(string text, DealOrder order)
    {
        var command = Assert.IsType<MyDealsCommand>(new CommandParser().Parse(text));

        Assert.Equal((order, false), (command.Order, command.Mine));
    }

    [Fact]
    public async Task BiggestWithoutMy_Manager_TheTeamsDealsWithOwners()
    {
        Deals();
        var other = _bot.AddDeal("3005", "Teammate's giant", "demo", owner: _bot.TeamMate);
        (other.Amount, other.Currency) = (500_000m, "EUR");
        _bot.AddDeal("3006", "Americas giant", "demo", owner: _bot.OtherRep, team: _bot.Americas).Amount = 900_000m;

        var answer = await _bot.AskAsync("what are our biggest deals", _bot.Manager);

        Assert.Equal("Deals in your teams", answer.Card!.Title);
        var lines = answer.Card.Sections.Single().Lines.Select(l => l.Text).ToList();
        Assert.StartsWith("Teammate's giant (#3005)", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("· EUR 500,000 · owner: tom", lines[0], StringComparison.Ordinal);
        Assert.Equal(5, lines.Count); // EMEA's five; the Americas deal is another team's
        Assert.Equal("You have no open deals.", (await _bot.AskAsync("my biggest deals", _bot.Manager)).Text);
    }

    private void Deals()
    {
        _bot.AddDeal("3001", "Small early", "discovery", daysInStage: 40).Amount = 5_000m;
        var big = _bot.AddDeal("3002", "Big middle", "demo", daysInStage: 3);
        (big.Amount, big.Currency) = (90_000m, "EUR");
        var late = _bot.AddDeal("3003", "Late one", "proposal", daysInStage: 8);
        (late.Amount, late.Currency) = (20_000m, "EUR");
        _bot.AddDeal("3004", "No amount", "proposal", daysInStage: 2);
    }

    [Fact]
    public async Task Biggest_AmountsFirstWithTheAmountOnEachLine()
    {
        Deals();

        var answer = await _bot.AskAsync("what's my biggest deal", _bot.Rep);

        var lines = answer.Card!.Sections.Single().Lines.Select(l => l.Text).ToList();
        Assert.Equal(["Big middle", "Late one", "Small early", "No amount"], lines.Select(l => l[..l.IndexOf(" (#", StringComparison.Ordinal)]));
        Assert.EndsWith("· EUR 90,000", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("· no amount", lines[3], StringComparison.Ordinal);
        Assert.Equal("Biggest amount first.", answer.Card.Note);
    }

    [Fact]
    public async Task ClosestToClosing_FurthestStageFirstThenTheNewestThere()
    {
        Deals();

        var answer = await _bot.AskAsync("which deal is closest to closing", _bot.Rep);

        var lines = answer.Card!.Sections.Single().Lines.Select(l => l.Text).ToList();
        Assert.Equal(["No amount", "Late one", "Big middle", "Small early"], lines.Select(l => l[..l.IndexOf(" (#", StringComparison.Ordinal)]));
        Assert.Contains("الأقرب للإغلاق أولًا", (await _bot.AskAsync("أقرب صفقة عندي للإغلاق", _bot.Rep)).Text, StringComparison.Ordinal);
    }
}
