using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Tests.Fakes;

namespace SalesCoachBot.Core.Tests.Pipeline;

/// <summary>
/// Session 53 (audit52 LEFT 19, 18, 12): a KPI question gets its answer in the first line, before the report; a reverse
/// funnel names the currency it chose; "pipeline in EUR" is a currency, not a team.
/// </summary>
public sealed class PipelineFocusAnswerTests : IDisposable
{
    private readonly BotHarness _bot = new();

    public void Dispose() => _bot.Dispose();

    private Deal Deal(string id, decimal amount, string currency, params (string Stage, int DaysAgo)[] path)
    {
        var now = _bot.Clock.GetUtcNow();
        var deal = _bot.Stores.AddDeal(id, "Deal " + id, _bot.Rep, _bot.Emea, path[^1].Stage, now.AddDays(-path[^1].DaysAgo));
        deal.Amount = amount;
        deal.Currency = currency;
        deal.CreatedAt = now.AddDays(-path[0].DaysAgo);
        foreach (var (stage, daysAgo) in path)
        {
            _bot.Stores.History.Add(new StageHistoryEntry { Id = _bot.Stores.History.Count + 1, DealId = deal.Id, StageId = new StageId(stage), EnteredAt = now.AddDays(-daysAgo), Kind = StageChangeKind.Advanced });
        }

        return deal;
    }

    private void Closed(string id, DealStatus status, decimal amount, string currency, params (string Stage, int DaysAgo)[] path)
    {
        var deal = Deal(id, amount, currency, path);
        deal.Status = status;
        deal.ClosedAt = deal.StageEnteredAt;
    }

    /// <summary>Three won in 30 days from discovery, one lost at demo, one open deal in each currency.</summary>
    private void ThinHistory()
    {
        for (var i = 0; i < 3; i++)
        {
            Closed($"w{i}", DealStatus.Won, 100_000, "EUR", ("discovery", 100), ("demo", 90), ("contract-signed", 70));
        }

        Closed("l1", DealStatus.Lost, 40_000, "EUR", ("discovery", 100), ("demo", 90));
        Deal("o1", 20_000, "EUR", ("discovery", 10));
        Deal("o2", 50_000, "USD", ("discovery", 12), ("demo", 5));
    }

    private void EnoughHistory()
    {
        for (var i = 0; i < 5; i++)
        {
            Closed($"w{i}", DealStatus.Won, 100_000, "EUR", ("discovery", 100), ("demo", 90), ("contract-signed", 60));
            Deal($"o{i}", 10_000, "EUR", ("discovery", 100));
        }

        Deal("usd", 50_000, "USD", ("discovery", 12));
    }

    [Fact]
    public async Task WinRate_ThinHistory_FirstLineAnswersAndSaysItIsThin()
    {
        ThinHistory();

        var answer = await _bot.AskAsync("win rate", _bot.Manager);

        var first = answer.Text.Split('\n')[0];
        Assert.Equal("Win rate, the last 12 months: 75% (3 won, 1 lost) · EMEA. Only 3 deals won in the last 12 months: rates and cycle times are too thin to trust yet.", first);
        Assert.Equal(first, answer.Card!.Lead);
        // The report follows as before, its thin line not repeated.
        Assert.StartsWith("Pipeline for EMEA · the last 12 months", answer.Text.Split('\n')[1], StringComparison.Ordinal);
        Assert.Single(answer.Text.Split('\n'), l => l.Contains("too thin to trust", StringComparison.Ordinal));
        Assert.Null(answer.Card.Note);
    }

    [Fact]
    public async Task CycleTime_EnoughHistory_MedianOverTheWonDealsNoThinWord()
    {
        EnoughHistory();

        var answer = await _bot.AskAsync("cycle time this quarter", _bot.Manager);

        // Won 60 days ago: not in Q4 (the harness's clock is in late November), so the quarter has no cycle yet.
        Assert.StartsWith("Median cycle, Q4 2026 so far: no deal reached Contract signed · EMEA", answer.Card!.Lead, StringComparison.Ordinal);

        var year = await _bot.AskAsync("how long is our sales cycle", _bot.Manager);

        Assert.Equal("Median cycle, the last 12 months: 40 days over 5 deals won · EMEA", year.Card!.Lead);
        Assert.DoesNotContain("thin", year.Card.Lead, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Conversion_FirstLineNamesTheWeakestStepAndTheOverallRate()
    {
        EnoughHistory();

        var answer = await _bot.AskAsync("conversion rates", _bot.Manager);

        Assert.Equal("Conversion, the last 12 months: 2 steps measured, the weakest Discovery → Demo: 45% (5 of 11); Discovery to Contract signed overall: 45% · EMEA", answer.Card!.Lead);
        Assert.StartsWith(answer.Card.Lead, answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Weighted_FirstLineIsTheWeightedAmountAndItsBasis()
    {
        EnoughHistory();

        var answer = await _bot.AskAsync("forecast", _bot.Manager);

        Assert.StartsWith("Weighted pipeline, the last 12 months: ", answer.Card!.Lead, StringComparison.Ordinal);
        Assert.Contains("(by observed conversion) · EMEA", answer.Card.Lead, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pipeline_NoFigureAsked_NoLeadAndTheReportAsBefore()
    {
        ThinHistory();

        var answer = await _bot.AskAsync("pipeline", _bot.Manager);

        Assert.Null(answer.Card!.Lead);
        Assert.StartsWith("Pipeline for EMEA · the last 12 months", answer.Text, StringComparison.Ordinal);
        Assert.NotNull(answer.Card.Note);
    }

    [Fact]
    public async Task WinRate_Arabic_FirstLineInArabicWithTheThinSentence()
    {
        ThinHistory();

        var answer = await _bot.AskAsync("معدل الفوز", _bot.Manager);

        var first = answer.Text.Split('\n')[0];
        Assert.StartsWith("نسبة الفوز، ", first, StringComparison.Ordinal);
        Assert.Contains("75%", first, StringComparison.Ordinal);
        Assert.Contains("أقل من أن يُعتمد عليها", first, StringComparison.Ordinal);
        Assert.Equal(first, answer.Card!.Lead);
    }

    [Fact]
    public async Task CycleTime_Arabic_FirstLineIsTheMedianCycle()
    {
        EnoughHistory();

        var answer = await _bot.AskAsync("متوسط مدة دورة البيع", _bot.Manager);

        Assert.StartsWith("وسيط مدة دورة البيع، ", answer.Card!.Lead, StringComparison.Ordinal);
        Assert.Contains("40", answer.Card.Lead, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pipeline in USD", "In USD, the last 12 months: open 50,000 USD, weighted ")]
    [InlineData("EMEA pipeline in EUR", "In EUR, the last 12 months: open 20,000 EUR, weighted ")]
    [InlineData("pipeline EMEA in EUR", "In EUR, the last 12 months: open 20,000 EUR, weighted ")]
    [InlineData("pipeline in dollars", "In USD, the last 12 months: open 50,000 USD")]
    public async Task Pipeline_InACurrency_ThatCurrencysAmountsFirstNotAnUnknownTeam(string text, string start)
    {
        ThinHistory();

        var answer = await _bot.AskAsync(text, _bot.Manager);

        Assert.StartsWith(start, answer.Card!.Lead, StringComparison.Ordinal);
        Assert.EndsWith("Amounts below are per currency, never converted.", answer.Card.Lead, StringComparison.Ordinal);
        Assert.DoesNotContain("I don't know a team", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pipeline_InACurrencyWithNoDeals_SaysWhichCurrenciesThereAre()
    {
        ThinHistory();

        var answer = await _bot.AskAsync("pipeline in GBP", _bot.Manager);

        Assert.Equal("No deals in GBP, the last 12 months · EMEA: the amounts below are in EUR, USD, never converted.", answer.Card!.Lead);
    }

    [Theory]
    [InlineData("خط المبيعات بالدولار", "USD")]
    [InlineData("خط المبيعات لفريق EMEA باليورو", "EUR")]
    public async Task Pipeline_InACurrency_Arabic(string text, string currency)
    {
        ThinHistory();

        var answer = await _bot.AskAsync(text, _bot.Manager);

        Assert.StartsWith("بعملة ", answer.Card!.Lead, StringComparison.Ordinal);
        Assert.Contains(currency, answer.Card.Lead, StringComparison.Ordinal);
        Assert.DoesNotContain("لا أعرف فريقًا", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReverseFunnel_CurrencyChosen_NamedInTheFirstLineWithHowToAskForTheOther()
    {
        EnoughHistory();

        var answer = await _bot.AskAsync("what do we need to hit 1.5m this year", _bot.Manager);

        var first = answer.Text.Split('\n')[0];
        Assert.Contains("To close 1,500,000 EUR (say \"$1.5m\" or \"1.5m USD\" for the USD deals) by 31 Dec 2026", first, StringComparison.Ordinal);
        Assert.Equal("To close 1,500,000 EUR by 31 Dec 2026", answer.Card!.Title);
    }

    [Fact]
    public async Task ReverseFunnel_CurrencyTyped_NothingToExplain()
    {
        EnoughHistory();

        var answer = await _bot.AskAsync("what do we need to hit €1.5m this year", _bot.Manager);

        Assert.DoesNotContain("(say", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReverseFunnel_CurrencyChosen_Arabic()
    {
        EnoughHistory();

        var answer = await _bot.AskAsync("كم نحتاج لتحقيق 2 مليون هذه السنة", _bot.Manager);

        var first = answer.Text.Split('\n')[0];
        Assert.Contains("(قل «", first, StringComparison.Ordinal);
        Assert.Contains("2 مليون USD", first, StringComparison.Ordinal);
        Assert.Contains("لصفقات", first, StringComparison.Ordinal);
    }
}
