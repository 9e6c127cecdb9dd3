using System.Globalization;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Coaching;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Nudges;
using SalesCoachBot.Core.ProcessMaps;

namespace SalesCoachBot.Testing;

/// <summary>Nurtured deals that come back (issue 15, point 7), as the channel tests render and send them.</summary>
public static class ReengageSamples
{
    public static readonly DateTimeOffset Now = new(2026, 11, 27, 8, 0, 0, TimeSpan.Zero);

    /// <summary>The owner's direct message about Blue Sun, as stored in the outbox and read back by the dispatcher.</summary>
    public static BotAnswer OwnerMessage()
    {
        var map = ProcessMapLoader.Default;
        var team = new SalesTeam { Id = 1, Name = "EMEA", TimeZoneId = "Europe/Berlin" };
        var deal = new Deal
        {
            Id = new DealId(18),
            ExternalId = "1018",
            Name = "Blue Sun",
            Amount = 26_000m,
            Currency = "EUR",
            OwnerId = 2,
            TeamId = team.Id,
            StageId = new StageId("discovery"),
            Status = DealStatus.Nurture,
            StageEnteredAt = Now.AddDays(-90),
            CreatedAt = Now.AddDays(-120),
            LastActivityAt = Now.AddDays(-90),
            ReengageAt = Now.AddHours(-1),
            StageVersion = 4,
        };
        var view = new DealView(deal, "Sam Seller", "sam@example.com", team.Name, null, []);
        var answer = ReengageNudges.OwnerMessage(view, map, new SalesTeamRules([team], 14), DateOnly.FromDateTime(Now.UtcDateTime), Now);
        return DigestPayload.Deserialize(DigestPayload.Serialize(answer));
    }

    /// <summary>A team digest with <paramref name="stalled"/> stalled deals and <paramref name="due"/> deals due to re-engage.</summary>
    public static BotAnswer Digest(int stalled, int due, string firstName = "Initech") => DigestBuilder.Render(
        new TeamDigest(1, "EMEA", new DateOnly(2026, 11, 27),
        [
            .. Enumerable.Range(1, stalled).Select(i => new DigestDeal(
                new DealId(1000 + i), $"{1000 + i}", i == 1 ? firstName : $"Deal {i}", $"Owner {(i % 4) + 1}", i % 2 == 0 ? "Demo" : "Proposal",
                40 - i, 30 - i, i % 3 == 0 ? null : $"{(i * 12500).ToString("#,0", CultureInfo.InvariantCulture)} EUR",
                i % 5 == 0 ? null : "Demo held with the buyer's team",
                $"{40 - i} days in stage (limit 10).")),
        ])
        {
            Reengage =
            [
                .. Enumerable.Range(1, due).Select(i => new DigestReengage(
                    new DealId(2000 + i), $"{2000 + i}", i == 1 ? "Blue Sun" : $"Nurtured {i}", $"Owner {(i % 3) + 1}", "Discovery",
                    new DateOnly(2026, 11, 27).AddDays(-i), i % 2 == 0 ? null : $"{(i * 9000).ToString("#,0", CultureInfo.InvariantCulture)} EUR")),
            ],
        },
        maxDeals: 20);
}
