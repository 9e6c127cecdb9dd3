using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Tests.Fakes;

namespace SalesCoachBot.Core.Tests.Coaching;

/// <summary>
/// "biggest 2 deals" over EUR and USD deals: amounts are not converted, so the two biggest of each currency are listed,
/// and the note says so; with one currency it is the two biggest.
/// </summary>
public sealed class TopOfEachCurrencyTests : IDisposable
{
    private readonly BotHarness _bot = new(ProcessMapLoader.Default);

    public void Dispose() => _bot.Dispose();

    private static List<string> Names(BotAnswer answer) =>
        [.. answer.Card!.Sections.Single().Lines.Where(l => l.Action is not null)
            .Select(l => l.Text[..l.Text.IndexOf(" (", StringComparison.Ordinal)].Trim('\u2066', '\u2067', '\u2068', '\u2069'))];

    private void AddDeal(string id, string name, decimal amount, string currency)
    {
        var deal = _bot.AddDeal(id, name, "demo");
        (deal.Amount, deal.Currency) = (amount, currency);
    }

    [Fact]
    public async Task BiggestTwo_InTwoCurrencies_ListsTheTwoBiggestOfEach()
    {
        AddDeal("6101", "Euro small", 1_000m, "EUR");
        AddDeal("6102", "Euro mid", 5_000m, "EUR");
        AddDeal("6103", "Euro big", 9_000m, "EUR");
        AddDeal("6104", "Dollar huge", 400_000m, "USD");
        AddDeal("6105", "Dollar small", 2_000m, "USD");
        AddDeal("6106", "Dollar tiny", 500m, "USD");

        var english = await _bot.AskAsync("biggest 2 deals", _bot.Manager);
        var arabic = await _bot.AskAsync("أكبر 2 صفقات", _bot.Manager);

        // EUR first as before (the currency most deals are in, then by code: both have three here, EUR sorts first).
        Assert.Equal(["Euro big", "Euro mid", "Dollar huge", "Dollar small"], Names(english));
        Assert.Contains("The 2 biggest in each currency; amounts are not converted.", english.Text, StringComparison.Ordinal);
        Assert.Equal(["Euro big", "Euro mid", "Dollar huge", "Dollar small"], Names(arabic));
        Assert.Contains("في كل عملة", arabic.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BiggestTwo_InOneCurrency_ListsTwo()
    {
        AddDeal("6201", "Euro small", 1_000m, "EUR");
        AddDeal("6202", "Euro mid", 5_000m, "EUR");
        AddDeal("6203", "Euro big", 9_000m, "EUR");

        var answer = await _bot.AskAsync("biggest 2 deals", _bot.Manager);

        Assert.Equal(["Euro big", "Euro mid"], Names(answer));
        Assert.DoesNotContain("each currency", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BiggestWithoutANumber_InTwoCurrencies_KeepsEveryDealGroupedByCurrency()
    {
        AddDeal("6301", "Euro small", 1_000m, "EUR");
        AddDeal("6302", "Euro big", 9_000m, "EUR");
        AddDeal("6303", "Dollar huge", 400_000m, "USD");

        var answer = await _bot.AskAsync("biggest deals", _bot.Manager);

        Assert.Equal(["Euro big", "Euro small", "Dollar huge"], Names(answer));
        Assert.Contains("Biggest amount first within each currency", answer.Text, StringComparison.Ordinal);
    }
}
