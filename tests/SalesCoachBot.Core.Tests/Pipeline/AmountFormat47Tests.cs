using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.Tests.Fakes;

namespace SalesCoachBot.Core.Tests.Pipeline;

/// <summary>
/// One chat writes one deal's amount one way: the deal card and the pipeline report both say "48,000 EUR" (number first,
/// then the code), in English and in Arabic, isolated there and in Arabic-Indic digits when those are asked for. They
/// wrote "48,000 EUR" on the card and "EUR 48,000" in the report.
/// </summary>
public sealed class AmountFormat47Tests
{
    private const string Fsi = "\u2068";
    private const string Pdi = "\u2069";

    [Theory]
    [InlineData("en", false, "48000", "EUR", "48,000 EUR")]
    [InlineData("en", false, "12345.675", "KWD", "12,345.675 KWD")]
    [InlineData("ar", false, "48000", "EUR", Fsi + "48,000 EUR" + Pdi)]
    [InlineData("ar", false, "12345.675", "KWD", Fsi + "12,345.675 KWD" + Pdi)]
    [InlineData("ar", true, "48000", "EUR", Fsi + "٤٨٬٠٠٠ EUR" + Pdi)]
    [InlineData("ar", true, "12345.675", "KWD", Fsi + "١٢٬٣٤٥٫٦٧٥ KWD" + Pdi)]
    public async Task CardAndPipelineReport_SameDeal_SameAmountText(string language, bool arabicDigits, string amount, string currency, string expected)
    {
        using var bot = new BotHarness(configure: s => s.Configure<LanguageOptions>(o => o.ArabicDigits = arabicDigits));
        bot.Rep.Language = language;
        var deal = bot.AddDeal("4711", "Initech", "demo");
        deal.Amount = decimal.Parse(amount, CultureInfo.InvariantCulture);
        deal.Currency = currency;

        var card = await bot.AskAsync("what's next for Initech", bot.Rep);
        var report = await bot.AskAsync("pipeline", bot.Rep);

        var cardAmount = Assert.Single(card.Card!.Facts, f => f.Value.Contains(currency, StringComparison.Ordinal)).Value;
        Assert.Equal(expected, cardAmount);
        Assert.Contains(cardAmount, AmountsIn(report), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BiggestDealsList_Arabic_WritesTheCardsAmount()
    {
        using var bot = new BotHarness();
        var deal = bot.AddDeal("4711", "Initech", "demo");
        deal.Amount = 48_000m;
        deal.Currency = "EUR";
        bot.Rep.Language = "ar";

        var card = await bot.AskAsync("what's next for Initech", bot.Rep);
        var biggest = await bot.AskAsync("my biggest deals", bot.Rep);

        Assert.Contains(card.Card!.Facts, f => f.Value == Fsi + "48,000 EUR" + Pdi);
        Assert.Contains(Fsi + "48,000 EUR" + Pdi, biggest.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("EUR 48,000", biggest.Text, StringComparison.Ordinal);
    }

    /// <summary>The report's text, its facts and its details: where a pipeline amount may be written.</summary>
    private static string AmountsIn(BotAnswer report) =>
        string.Join('\n', [
            report.Text,
            .. report.Card!.Facts.Select(f => f.Value),
            .. (report.Card.Details?.Sections ?? []).SelectMany(s => s.Lines).Select(l => l.Text),
        ]);
}
