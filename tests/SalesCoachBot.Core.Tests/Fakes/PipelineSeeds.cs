using SalesCoachBot.Core.Domain;

namespace SalesCoachBot.Core.Tests.Fakes;

/// <summary>Deal sets several pipeline and reverse-funnel tests start from.</summary>
internal static class PipelineSeeds
{
    /// <summary>
    /// Five EMEA deals won for 100,000 EUR each (discovery 100 days ago, demo 90, contract signed 60) and five open at
    /// discovery for 10,000 EUR, each with its stage history.
    /// </summary>
    public static void SeedWonAndOpen(this BotHarness bot)
    {
        var now = bot.Clock.GetUtcNow();
        for (var i = 0; i < 5; i++)
        {
            var won = bot.Stores.AddDeal($"w{i}", $"Won {i}", bot.Rep, bot.Emea, "contract-signed", now.AddDays(-60));
            won.Amount = 100_000;
            won.Currency = "EUR";
            won.CreatedAt = now.AddDays(-100);
            won.Status = DealStatus.Won;
            won.ClosedAt = won.StageEnteredAt;
            foreach (var (stage, daysAgo) in new[] { ("discovery", 100), ("demo", 90), ("contract-signed", 60) })
            {
                bot.Stores.History.Add(new StageHistoryEntry { Id = bot.Stores.History.Count + 1, DealId = won.Id, StageId = new StageId(stage), EnteredAt = now.AddDays(-daysAgo), Kind = StageChangeKind.Advanced });
            }

            var open = bot.Stores.AddDeal($"o{i}", $"Open {i}", bot.Rep, bot.Emea, "discovery", now.AddDays(-100));
            open.Amount = 10_000;
            open.Currency = "EUR";
            open.CreatedAt = now.AddDays(-100);
            bot.Stores.History.Add(new StageHistoryEntry { Id = bot.Stores.History.Count + 1, DealId = open.Id, StageId = new StageId("discovery"), EnteredAt = now.AddDays(-100), Kind = StageChangeKind.Advanced });
        }
    }
}
