using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Tests.Fakes;

namespace SalesCoachBot.Core.Tests.Pipeline;

/// <summary>
/// The manager numbers on a data set small enough to work out on paper, through chat as a manager asks them. Map:
/// Discovery → Demo → Contract signed (won), every stage sales-owned. Today is 27 Nov 2026 (Q4: 1 Oct – 31 Dec).
///
///   deal  path (days ago)                          status   amount (EUR)
///   W1    discovery 100, demo 90, contract 60      won      100,000   (closed 28 Sep: before Q4)
///   W2    discovery 80, demo 70, contract 30       won      200,000   (closed 28 Oct: in Q4)
///   W3    discovery 50, demo 40, contract 20       won      300,000   (closed 7 Nov: in Q4)
///   L1    discovery 60, demo 50                    lost     price, closed 45 days ago, in Demo
///   O1    discovery 10                             open      50,000
///   O2    discovery 30, demo 5                     open      80,000
///   O3    discovery 20                             open      20,000   (20 days > Discovery's 14: stalled)
///
/// Conversion: 7 entered Discovery, 5 went on (W1-3, L1, O2) = 71%; 5 entered Demo, 3 went on = 60%.
/// Win rate 3 / (3 + 1) = 75%. Cycles 40, 50, 30 days: median 40. Fewer than 5 won: weights by position
/// (Discovery 1/3, Demo 2/3): 70,000 / 3 = 23,333 and 80,000 × 2/3 = 53,333, together 76,666.
/// </summary>
public sealed class ManagerNumbersByHandTests : IDisposable
{
    private readonly BotHarness _bot = new();

    public ManagerNumbersByHandTests()
    {
        Deal("W1", 100_000, ("discovery", 100), ("demo", 90), ("contract-signed", 60)).Close(DealStatus.Won);
        Deal("W2", 200_000, ("discovery", 80), ("demo", 70), ("contract-signed", 30)).Close(DealStatus.Won);
        Deal("W3", 300_000, ("discovery", 50), ("demo", 40), ("contract-signed", 20)).Close(DealStatus.Won);
        Deal("L1", 90_000, ("discovery", 60), ("demo", 50)).Close(DealStatus.Lost, _bot.Clock.GetUtcNow().AddDays(-45), "price");
        Deal("O1", 50_000, ("discovery", 10));
        Deal("O2", 80_000, ("discovery", 30), ("demo", 5));
        Deal("O3", 20_000, ("discovery", 20));
    }

    public void Dispose() => _bot.Dispose();

    [Fact]
    public async Task Pipeline_SmallDataSet_SummaryAndDetailsMatchTheHandCount()
    {
        var answer = await _bot.AskAsync("pipeline", _bot.Manager);

        var facts = answer.Card!.Facts.ToDictionary(f => f.Label, f => f.Value);
        Assert.Equal("3 deals · 150,000 EUR", facts["Open"]);
        Assert.Equal("76,666 EUR (by stage position)", facts["Weighted"]);
        Assert.Equal("1 of 3 open", facts["Stalled"]);
        Assert.Equal("75% (3 won, 1 lost)", facts["Win rate"]);
        Assert.Equal("40 days over 3 deals won", facts["Median cycle"]);
        Assert.DoesNotContain(answer.Card.Facts, f => f.Value.Contains("n/a", StringComparison.Ordinal));

        var details = answer.Card.Details!;
        var conversion = details.Sections.Single(s => s.Heading.StartsWith("Conversion", StringComparison.Ordinal)).Lines.Select(l => l.Text);
        Assert.Equal(["Discovery → Demo: 71% (5 of 7)", "Demo → Contract signed: 60% (3 of 5)"], conversion);
        Assert.Contains(details.Sections.Single(s => s.Heading == "Won and lost").Lines, l => l.Text == "Top lost reasons: price (1 deal).");
        Assert.DoesNotContain("n/a", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReverseFunnel_SmallDataSet_NeedsPerStageAsWorkedOutByHand()
    {
        // Q4 so far: W2 + W3 = 500,000 won, 500,000 to go. Median won deal 200,000 (100k, 200k, 300k): 3 deals to win.
        // Discovery is won 5/7 × 3/5 = 3/7 of the time: 3 ÷ 3/7 = 7 must enter it; Demo 3/5: 3 ÷ 0.6 = 5.
        // Held now: Discovery 2 (O1, O3), Demo 1 (O2): expected 2 × 3/7 + 1 × 0.6 = 1.46 wins, (3 − 1.46) ÷ 3/7 = 3.6 → 4 new.
        var answer = await _bot.AskAsync("what do we need to hit 1M", _bot.Manager);

        Assert.Equal("To close 1,000,000 EUR by 31 Dec 2026", answer.Card!.Title);
        Assert.StartsWith(
            "EMEA: To close 1,000,000 EUR by 31 Dec 2026 you need 5 deals to enter Demo, 7 to enter Discovery — and you hold 1 in Demo, 2 in Discovery now.",
            answer.Text,
            StringComparison.Ordinal);
        Assert.Contains("Period: this quarter (Q4 2026, until 31 Dec 2026) — no period was given", answer.Text, StringComparison.Ordinal);
        Assert.Contains("Won so far in the period: 500,000 EUR, so 500,000 EUR to go.", answer.Text, StringComparison.Ordinal);
        Assert.Contains("the median won deal, 200,000 EUR, from 3 deals won in the last 12 months, so 3 deals to win.", answer.Text, StringComparison.Ordinal);
        Assert.Contains("Discovery → Demo 71% (5 of 7); Demo → Contract signed 60% (3 of 5)", answer.Text, StringComparison.Ordinal);
        Assert.Contains("Beyond what you hold: 4 new deals into Discovery by 31 Dec 2026", answer.Text, StringComparison.Ordinal);
        Assert.Contains("Thin data: only 3 deals won in the last 12 months.", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("what do we need to hit 1M this year", "To close 1,000,000 EUR by 31 Dec 2026", "Won so far in the period: 600,000 EUR, so 400,000 EUR to go.")]
    [InlineData("what do we need to hit €2M in Q1", "To close 2,000,000 EUR by 31 Mar 2027", "Won so far in the period: 0 EUR, so 2,000,000 EUR to go.")]
    [InlineData("what do we need to hit 2M EUR by March for emea", "To close 2,000,000 EUR by 31 Mar 2027", "Period: from today, until 31 Mar 2027.")]
    [InlineData("reverse funnel 2,000,000 by 15 dec", "To close 2,000,000 EUR by 15 Dec 2026", "Won so far in the period: 0 EUR, so 2,000,000 EUR to go.")]
    public async Task ReverseFunnel_PeriodTeamAndCurrencyForms_Honoured(string text, string title, string line)
    {
        var answer = await _bot.AskAsync(text, _bot.Manager);

        Assert.Equal(title, answer.Card!.Title);
        Assert.Contains(line, answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShowMap_SmallDataSet_StagesArrowsAndBranchesCounted()
    {
        var answer = await _bot.AskAsync("show the map", _bot.Manager);

        var lines = answer.Card!.Sections.Single(s => s.Heading == "Stages").Lines.Select(l => l.Text).ToList();
        Assert.Equal("1. Discovery (sales): 2 open · 70k EUR · 1 stalled · median 15 days · → Demo 71% (5 of 7) · buyer says no → nurture 0", lines[0]);
        Assert.Equal("2. Demo (sales): 1 open · 80k EUR · median 5 days · → Contract signed 60% (3 of 5) · buyer says no → lost 1", lines[1]);
        Assert.Equal("3. Contract signed (sales, won): 3 deals won, here now", lines[2]);
        Assert.Contains("Lost: 1 deal in the last 12 months (price 1)", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShowMap_Arabic_BranchCountsAreCountedNouns()
    {
        _bot.Manager.Language = "ar";

        var answer = await _bot.AskAsync("اعرض الخريطة", _bot.Manager);

        // Were bare numbers after the outcome («← الخسارة 1»), where the rest of the Arabic replies count the deals.
        var lines = answer.Card!.Sections.Single(s => s.Heading == "المراحل").Lines.Select(l => l.Text).ToList();
        Assert.EndsWith("← الرعاية: لا صفقات", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("← الخسارة: صفقة واحدة", lines[1], StringComparison.Ordinal);
    }

    private Deal Deal(string id, decimal amount, params (string Stage, int DaysAgo)[] path)
    {
        var now = _bot.Clock.GetUtcNow();
        var deal = _bot.Stores.AddDeal(id, "Deal " + id, _bot.Rep, _bot.Emea, path[^1].Stage, now.AddDays(-path[^1].DaysAgo));
        deal.Amount = amount;
        deal.Currency = "EUR";
        deal.CreatedAt = now.AddDays(-path[0].DaysAgo);
        foreach (var (stage, daysAgo) in path)
        {
            _bot.Stores.History.Add(new StageHistoryEntry
            {
                Id = _bot.Stores.History.Count + 1,
                DealId = deal.Id,
                StageId = new StageId(stage),
                EnteredAt = now.AddDays(-daysAgo),
                Kind = StageChangeKind.Advanced,
            });
        }

        return deal;
    }
}

internal static class DealClosing
{
    public static void Close(this Deal deal, DealStatus status, DateTimeOffset? at = null, string? reason = null)
    {
        deal.Status = status;
        deal.ClosedAt = at ?? deal.StageEnteredAt;
        deal.LostReason = reason;
    }
}
