using SalesCoachBot.Core.Pipeline;
using SalesCoachBot.Core.Tests.Fakes;

namespace SalesCoachBot.Core.Tests.Pipeline;

public sealed class ReverseFunnelTests
{
    [Fact]
    public void Plan_KnownRates_DealsPerStageAndNewDealsPerMonth()
    {
        var funnel = PipelineAnalytics.Funnel(MapBuilder.ThreeStages());
        StageConversion[] conversions = [new(funnel[0], funnel[1], 20, 10), new(funnel[1], funnel[2], 10, 4)];
        var open = new Dictionary<string, int> { ["discovery"] = 10, ["demo"] = 5 };

        var plan = ReverseFunnel.Plan(1_000_000m, "EUR", 200_000m, 40_000m, 12, funnel, conversions, open, daysRemaining: 122);

        Assert.Equal(800_000m, plan.Remaining);
        Assert.Equal(20, plan.DealsToWin);                                  // 800k / 40k
        Assert.Equal([0.2, 0.4], plan.Stages.Select(s => Math.Round(s.ToWonRate!.Value, 10)));
        Assert.Equal([100, 50], plan.Stages.Select(s => s.Needed!.Value)); // 20 / 0.2, 20 / 0.4
        Assert.Equal([10, 5], plan.Stages.Select(s => s.Have));
        Assert.Equal(4.0, plan.ExpectedWinsFromPipeline, 10);               // 10 × 0.2 + 5 × 0.4
        Assert.Equal(80, plan.NewTopOfFunnel);                              // (20 − 4) / 0.2
        Assert.Equal("discovery", plan.TopStage!.Id.Value);
        Assert.Equal(20, (int)Math.Ceiling(plan.NewPerMonth!.Value));      // 80 over 4.01 months
        Assert.False(plan.TooThin);
    }

    [Fact]
    public void Plan_RemainderNotWholeDeals_RoundsUp()
    {
        var funnel = PipelineAnalytics.Funnel(MapBuilder.ThreeStages());
        StageConversion[] conversions = [new(funnel[0], funnel[1], 3, 1), new(funnel[1], funnel[2], 1, 1)];

        var plan = ReverseFunnel.Plan(2_000_000m, "USD", 0, 300_000m, 3, funnel, conversions, new Dictionary<string, int>(), 365);

        Assert.Equal(7, plan.DealsToWin);          // 6.67 rounds up
        Assert.Equal([21, 7], plan.Stages.Select(s => s.Needed!.Value));
        Assert.Equal(21, plan.NewTopOfFunnel);

        var none = ReverseFunnel.Plan(1m, "USD", 0, 1m, 1, funnel, [new(funnel[0], funnel[1], 0, 0), new(funnel[1], funnel[2], 2, 0)], new Dictionary<string, int>(), 365);
        Assert.Null(none.TopStage);
        Assert.Null(none.NewTopOfFunnel);
        Assert.True(plan.TooThin);
    }

    [Fact]
    public void Plan_FirstStageWithNoHistory_NewDealsEnterAtFirstObservedStage()
    {
        var funnel = PipelineAnalytics.Funnel(MapBuilder.ThreeStages());
        StageConversion[] conversions = [new(funnel[0], funnel[1], 0, 0), new(funnel[1], funnel[2], 4, 2)];

        var plan = ReverseFunnel.Plan(100_000m, "EUR", 0, 10_000m, 5, funnel, conversions, new Dictionary<string, int>(), 30);

        Assert.Null(plan.Stages[0].Needed);
        Assert.Equal(20, plan.Stages[1].Needed);
        Assert.Equal("demo", plan.TopStage!.Id.Value);
        Assert.Equal(20, plan.NewTopOfFunnel);
    }

    [Theory]
    [InlineData("2M", 2_000_000, null)]
    [InlineData("2m", 2_000_000, null)]
    [InlineData("$2M", 2_000_000, "USD")]
    [InlineData("€500k", 500_000, "EUR")]
    [InlineData("500k EUR", 500_000, "EUR")]
    [InlineData("EUR 750k", 750_000, "EUR")]
    [InlineData("£1.2m", 1_200_000, "GBP")]
    [InlineData("1.5 million", 1_500_000, null)]
    [InlineData("2,000,000", 2_000_000, null)]
    [InlineData("2bn", 2_000_000_000, null)]
    [InlineData("250 grand", 250_000, null)]
    [InlineData("50kEUR", 50_000, "EUR")]
    [InlineData("12500 KWD", 12_500, "KWD")]
    [InlineData("2m BHD", 2_000_000, "BHD")]
    public void Parse_CommonForms_Amount(string text, double amount, string? currency)
    {
        var parsed = Assert.IsType<AmountParse.Parsed>(MoneyText.Parse(text));

        Assert.Equal((decimal)amount, parsed.Money.Amount);
        Assert.Equal(currency, parsed.Money.Currency);
    }

    [Theory]
    [InlineData("2 bananas", "couldn't read \"2 bananas\"")]
    [InlineData("0", "above zero")]
    [InlineData("0k", "above zero")]
    [InlineData("-5M", "can't be negative (\"-5M\")")]
    [InlineData("\u22122M EUR", "can't be negative")]
    [InlineData("", "Tell me the target")]
    [InlineData("2,5M", "use . for decimals")]
    [InlineData("$2M EUR", "couldn't read")]
    [InlineData("9999999999999999", "more than I can plan for")]
    [InlineData("1000000000000000000000000000000 EUR", "more than I can plan for")]   // past what a decimal holds: was "couldn't read"
    public void Parse_BadInput_ClearAnswerWithExample(string text, string expected)
    {
        var rejected = Assert.IsType<AmountParse.Rejected>(MoneyText.Parse(text));

        Assert.Contains(expected, rejected.Message, StringComparison.Ordinal);
        Assert.Equal(expected == "more than I can plan for", rejected.TooLarge);
        Assert.Contains("what do we need to hit 2M", rejected.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2", "what do we need to hit 2 bananas", "2 bananas")]
    [InlineData("2M", "what do we need to hit 2M this year?", "2M")]
    [InlineData("500k", "reverse funnel 500k EUR", "500k EUR")]
    [InlineData("2M", "hit 2M", "2M")]
    public void WithFollowingWord_KeepsAWordThatCouldBeAUnit(string amount, string message, string expected)
    {
        Assert.Equal(expected, MoneyText.WithFollowingWord(amount, message));
    }

    [Theory]
    [InlineData("5M", "what do we need to hit -5M this quarter", "-5M")]
    [InlineData("5M", "what do we need to hit \u22125M", "-5M")]
    [InlineData("50k", "new deal Acme Rockets \u201350k", "-50k")]
    [InlineData("5M", "what do we need to hit 5M", "5M")]
    [InlineData("5M", "what do we need to hit - 5M", "5M")]
    [InlineData("5M", "hit 2M", "5M")]
    [InlineData("5000 SAR", "صفقة جديدة Vega بـ -5000 ريال", "-5000 SAR")] // «صفقة جديدة Vega بـ -5000 ريال»
    [InlineData("5000 SAR", "صفقة جديدة Vega بـ-٥٠٠٠ ريال", "-5000 SAR")] // Arabic-Indic «-٥٠٠٠»
    [InlineData("5000 SAR", "صفقة جديدة Vega بـ 5000 ريال", "5000 SAR")]
    [InlineData("5000 SAR", "صفقة جديدة Vega-15000 بـ 5000 ريال", "5000 SAR")] // a minus before another number
    public void WithSign_KeepsAMinusTypedRightBeforeTheAmount(string amount, string message, string expected)
    {
        Assert.Equal(expected, MoneyText.WithSign(amount, message));
    }

    [Fact]
    public void WithSignThenFollowingWord_BothKept()
    {
        const string message = "what do we need to hit -2 bananas";

        Assert.Equal("-2 bananas", MoneyText.WithFollowingWord(MoneyText.WithSign("2", message), message));
    }
}
