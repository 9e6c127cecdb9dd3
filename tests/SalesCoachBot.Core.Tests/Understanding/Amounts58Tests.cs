using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Tests.Fakes;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Tests.Understanding;

/// <summary>
/// Session 58: a deal's amount. "deals over 50k" was an owner called "over 50k"; "what's the amount on Globex" a deal called
/// "amount on Globex"; "Globex is now 120k EUR" a move to a stage called "120k EUR"; "when is Globex closing" a stage called
/// "Globex closing"; "top loss reasons" a team called "loss". ("how much is Globex", "Globex close date" and «غيّر مبلغ
/// Globex إلى 120 ألف» were already read so: no case here, as a test must fail without the change it guards.)
/// </summary>
public sealed class Amounts58Tests : IDisposable
{
    private readonly CommandParser _parser = new();
    private readonly BotHarness _bot = new();

    public void Dispose() => _bot.Dispose();

    private Deal Priced(string id, string name, decimal? amount, string? currency, Person? owner = null, SalesTeam? team = null)
    {
        var deal = _bot.AddDeal(id, name, "discovery", owner, team);
        deal.Amount = amount;
        deal.Currency = currency;
        return deal;
    }

    [Theory]
    [InlineData("deals over 50k", "50k", null, false)]
    [InlineData("deals above 100k EUR", "100k EUR", null, false)]
    [InlineData("deals under 10k", null, "10k", false)]
    [InlineData("deals between 20k and 80k", "20k", "80k", false)]
    [InlineData("my deals over 50k", "50k", null, true)]
    [InlineData("deals over banana", "banana", null, false)]
    [InlineData("صفقات فوق 50 ألف", "50 thousand", null, false)]
    [InlineData("الصفقات الأكبر من 100 ألف يورو", "100 thousand EUR", null, false)]
    [InlineData("صفقاتي أقل من 10 آلاف", null, "10 thousand", true)]
    [InlineData("الصفقات بين 20 و80 ألف", "20 thousand", "80 thousand", false)]
    public void DealsWithAnAmountFilter_AreTheDealListFiltered(string text, string? over, string? under, bool mine)
    {
        var deals = Assert.IsType<MyDealsCommand>(_parser.Parse(text));

        // Was an owner called "over 50k" (or the help).
        Assert.Null(deals.OwnerName);
        Assert.Equal(new AmountFilter(over, under, Inclusive: over is not null && under is not null), deals.Amount);
        Assert.Equal(mine, deals.Mine);
    }

    [Theory]
    [InlineData("biggest deals over 100k", DealOrder.Biggest)]
    [InlineData("my biggest deals above 20k", DealOrder.Biggest)]
    public void SortedListWithAnAmountFilter_KeepsItsOrder(string text, DealOrder order)
    {
        var deals = Assert.IsType<MyDealsCommand>(_parser.Parse(text));

        Assert.Equal(order, deals.Order);
        Assert.NotNull(deals.Amount);
    }

    [Theory]
    [InlineData("stalled deals over 50k")]
    [InlineData("الصفقات المتعثرة فوق 50 ألف")]
    public void StalledWithAnAmountFilter_IsTheStalledListFiltered(string text) =>
        Assert.NotNull(Assert.IsType<StalledCommand>(_parser.Parse(text)).Amount);

    [Fact]
    public async Task DealsOverAnAmount_InAnyCurrency_KeepsBiggerAmountsAndCountsThoseWithout()
    {
        Priced("5801", "Initech", 60_000m, "EUR");
        Priced("5802", "Globex", 96_000m, "USD");
        Priced("5803", "Hooli", 30_000m, "EUR");
        Priced("5804", "Acme", null, null);

        var answer = await _bot.AskAsync("deals over 50k", _bot.Manager);

        var header = answer.Text.Split('\n')[0];
        Assert.Contains("over 50,000 (any currency)", header, StringComparison.Ordinal);
        Assert.Contains("Initech", answer.Text, StringComparison.Ordinal);
        Assert.Contains("Globex", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Hooli", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Acme", answer.Text, StringComparison.Ordinal);
        Assert.Contains("1 deal with no amount left out", answer.Text, StringComparison.Ordinal);
        Assert.Contains("60,000 EUR", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("deals over 50k EUR", "over 50,000 EUR")]
    [InlineData("صفقات فوق 50 ألف يورو", "فوق")]
    public async Task DealsOverAnAmountInACurrency_KeepOnlyThatCurrency(string text, string said)
    {
        Priced("5811", "Initech", 60_000m, "EUR");
        Priced("5812", "Globex", 96_000m, "USD");
        Priced("5813", "Hooli", 30_000m, "EUR");

        var answer = await _bot.AskAsync(text, _bot.Manager);

        Assert.Contains(said, answer.Text.Split('\n')[0], StringComparison.Ordinal);
        Assert.Contains("Initech", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Globex", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Hooli", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DealsBetweenTwoAmounts_KeepBothEnds()
    {
        Priced("5821", "Initech", 20_000m, "EUR");
        Priced("5822", "Globex", 80_000m, "EUR");
        Priced("5823", "Hooli", 90_000m, "EUR");

        var answer = await _bot.AskAsync("my deals between 20k and 80k EUR", _bot.Rep);

        Assert.Contains("between 20,000 EUR and 80,000 EUR", answer.Text.Split('\n')[0], StringComparison.Ordinal);
        Assert.Contains("Initech", answer.Text, StringComparison.Ordinal);
        Assert.Contains("Globex", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Hooli", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("deals over banana", "banana")]
    [InlineData("deals over -5k", "negative")]
    [InlineData("deals between 80k and 20k", "smaller amount first")]
    [InlineData("deals over 2000000000000", "more than any deal")]
    [InlineData("صفقات فوق موز", "موز")]
    [InlineData("صفقات فوق -5 آلاف", "سالبًا")]
    public async Task DealsFilteredByABadAmount_AreToldWhy(string text, string why)
    {
        Priced("5831", "Initech", 60_000m, "EUR");

        var answer = await _bot.AskAsync(text, _bot.Manager);

        Assert.Equal(CardKind.Error, answer.Card!.Kind);
        Assert.Contains(why, answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Initech", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("what's the amount on Globex")]
    [InlineData("Globex amount")]
    [InlineData("deal size of Globex")]
    [InlineData("كم قيمة Globex")]
    [InlineData("مبلغ صفقة Globex")]
    public void AmountAskedOfADeal_IsTheDealsCard(string text)
    {
        var asked = Assert.IsType<WhatsNextCommand>(_parser.Parse(text));

        // Was a deal called "amount on Globex" (or not understood).
        Assert.Equal(new NameReference("Globex"), asked.Deal);
    }

    [Theory]
    [InlineData("Globex is now 120k EUR", NotOffered.Amounts)]
    [InlineData("Globex amount 120k", NotOffered.Amounts)]
    [InlineData("change Globex to 120k", NotOffered.Amounts)]
    [InlineData("when is Globex closing", NotOffered.CloseDates)]
    [InlineData("when will Initech close", NotOffered.CloseDates)]
    [InlineData("متى تقفل Globex", NotOffered.CloseDates)]
    public void ChangeOrDateTheBotDoesNotKeep_GetsTheNotOfferedAnswer(string text, NotOffered topic) =>
        Assert.Equal(topic, Assert.IsType<NotOfferedCommand>(_parser.Parse(text)).Topic);

    [Theory]
    [InlineData("Globex is now 120k EUR")]
    [InlineData("move Globex to 120k EUR because they grew")]
    public async Task NewAmountSaid_NeverMovesTheDeal(string text)
    {
        var globex = _bot.AddDeal("5841", "Globex", "discovery");

        // A manager, who may move the deal: the words are still no stage.
        var answer = await _bot.AskAsync(text, _bot.Manager);

        Assert.Contains("I don't change deal amounts", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("stage called", answer.Text, StringComparison.Ordinal);
        Assert.Equal("discovery", globex.StageId.Value);
    }

    [Theory]
    [InlineData("top loss reasons", null)]
    [InlineData("why do we lose deals", null)]
    [InlineData("why did we lose deals last quarter", null)]
    [InlineData("loss reasons in EMEA", "EMEA")]
    [InlineData("lost reasons", null)]
    [InlineData("أسباب الخسارة", null)]
    [InlineData("ليش نخسر الصفقات", null)]
    [InlineData("ليه بنخسر", null)]
    public void LossReasonsAsked_AreTheLostListReasonsFirst(string text, string? team)
    {
        var closed = Assert.IsType<ClosedDealsCommand>(_parser.Parse(text));

        // Was a team called "loss" (or the pipeline report, or not understood).
        Assert.True(closed.Lost);
        Assert.True(closed.ReasonsFirst);
        Assert.Equal(team, closed.TeamName);
    }

    [Fact]
    public async Task TopLossReasons_AnswersWithTheReasonsFirst()
    {
        var lost = _bot.AddDeal("5851", "Hooli", "proposal", _bot.Rep, _bot.Emea, 3);
        lost.Status = DealStatus.Lost;
        lost.ClosedAt = _bot.Clock.GetUtcNow().AddDays(-3);
        lost.LostReason = "price";

        var answer = await _bot.AskAsync("top loss reasons", _bot.Manager);

        Assert.StartsWith("Reasons", answer.Text.Split('\n')[1], StringComparison.Ordinal);
        Assert.Contains("Hooli", answer.Text, StringComparison.Ordinal);
        Assert.Equal("Reasons", answer.Card!.Facts[0].Label);
    }
}
