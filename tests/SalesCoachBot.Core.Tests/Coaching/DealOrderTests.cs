using SalesCoachBot.Core.Cards;
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

        Assert.Equal("Deals in EMEA", answer.Card!.Title);
        var lines = answer.Card.Sections.Single().Lines.Select(l => l.Text).ToList();
        Assert.StartsWith("Teammate's giant (#3005)", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("· 500,000 EUR · owner: tom", lines[0], StringComparison.Ordinal);
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
        Assert.EndsWith("· 90,000 EUR", lines[0], StringComparison.Ordinal);
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
    [Fact]
    public async Task Biggest_InSeveralCurrencies_EachCurrencyTogetherTheCommonestFirst()
    {
        Deals();
        var yen = _bot.AddDeal("3007", "Tokyo", "demo");
        (yen.Amount, yen.Currency) = (9_000_000m, "JPY");
        var dollars = _bot.AddDeal("3008", "Austin", "demo");
        (dollars.Amount, dollars.Currency) = (70_000m, "usd");

        var answer = await _bot.AskAsync("my biggest deals", _bot.Rep);

        // Two in EUR, then JPY and USD (one each, by code), then an amount with no currency, then none.
        var lines = answer.Card!.Sections.Single().Lines.Select(l => l.Text).ToList();
        Assert.Equal(
            ["Big middle", "Late one", "Tokyo", "Austin", "Small early", "No amount"],
            lines.Select(l => l[..l.IndexOf(" (#", StringComparison.Ordinal)]));
        Assert.Equal("Biggest amount first within each currency; amounts are not converted.", answer.Card.Note);
        Assert.Contains("الأكبر مبلغًا أولًا في كل عملة", (await _bot.AskAsync("أكبر صفقاتي", _bot.Rep)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ManyDeals_TheFirstOnesListedAndTheRestCounted()
    {
        var total = ListLimits.Deals + 7;
        for (var i = 0; i < total; i++)
        {
            // The oldest first: stalled-first order lists the longest in their stage on top.
            _bot.AddDeal($"{4000 + i}", $"Deal {i:00}", "demo", daysInStage: 100 - i);
        }

        var answer = await _bot.AskAsync("my deals", _bot.Rep);

        var lines = answer.Card!.Sections.Single().Lines;
        Assert.Equal(ListLimits.Deals + 1, lines.Count);
        Assert.StartsWith("Deal 00 (#4000)", lines[0].Text, StringComparison.Ordinal);
        Assert.StartsWith($"Deal {ListLimits.Deals - 1:00} ", lines[^2].Text, StringComparison.Ordinal);
        Assert.Null(lines[^1].Action);
        Assert.StartsWith("… and 7 more.", lines[^1].Text, StringComparison.Ordinal);
        Assert.Equal($"{total} open, {total} stalled", answer.Card.Subtitle);
        Assert.StartsWith($"My deals: {total} open", answer.Text, StringComparison.Ordinal);
        Assert.EndsWith("to see fewer.", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain($"Deal {ListLimits.Deals:00} ", answer.Text, StringComparison.Ordinal);

        var arabic = await _bot.AskAsync("صفقاتي", _bot.Rep);
        Assert.Contains("… و7 غيرها", arabic.Card!.Sections.Single().Lines[^1].Text, StringComparison.Ordinal);
    }
    /// <summary>The hint under a long list names requests the bot reads as a list at a stage and a person's list.</summary>
    [Theory]
    [InlineData("deals in demo", "demo", null)]
    [InlineData("Dana's deals", null, "Dana")]
    [InlineData("الصفقات اللي في مرحلة العرض التوضيحي", "demo", null)]
    [InlineData("صفقات دانة", null, "دانة")]
    public void MoreHint_ItsExamplesAreUnderstood(string example, string? stage, string? owner)
    {
        var command = Assert.IsType<MyDealsCommand>(new CommandParser().Parse(example));

        Assert.Equal((stage, owner), (command.StageText, command.OwnerName));
    }
}
