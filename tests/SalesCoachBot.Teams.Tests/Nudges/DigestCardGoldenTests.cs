using System.Runtime.CompilerServices;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Nudges;
using SalesCoachBot.Teams.Cards;
using SalesCoachBot.Teams.Tests.Support;

namespace SalesCoachBot.Teams.Tests.Nudges;

/// <summary>
/// The daily digest as an Adaptive Card, kept as goldens beside the others so tests/peers/teams/check.sh validates
/// them with Microsoft's library. UPDATE_GOLDENS=1 rewrites them.
/// </summary>
public sealed class DigestCardGoldenTests
{
    internal static BotAnswer Digest(int deals) => DigestBuilder.Render(
        new TeamDigest(1, "EMEA", new DateOnly(2026, 11, 27),
        [
            .. Enumerable.Range(1, deals).Select(i => new DigestDeal(
                new DealId(1000 + i), $"{1000 + i}", i == 1 ? "Initech" : $"Deal {i}", $"Owner {(i % 4) + 1}", i % 2 == 0 ? "Demo" : "Proposal",
                40 - i, 30 - i, i % 3 == 0 ? null : $"{(i * 12500).ToString("#,0", System.Globalization.CultureInfo.InvariantCulture)} EUR",
                i % 5 == 0 ? null : "Demo held with the buyer's team",
                $"{40 - i} days in stage (limit 10).")),
        ]),
        maxDeals: 20);

    public static TheoryData<string, int> Goldens => new() { { "digest", 3 }, { "digest-large", 60 } };

    [Theory]
    [MemberData(nameof(Goldens))]
    public void Render_Digest_MatchesItsGoldenAndStaysUnderTeamsSizeLimit(string name, int deals)
    {
        var json = CardJson.Indented(new AdaptiveCardRenderer().Render(Digest(deals).Card!));
        GoldenFile.AssertMatches(Path.Combine(GoldenDirectory(), $"{name}.json"), json);

        // Teams refuses messages over about 28 KB; the digest must leave room for the activity around it.
        var compact = CardJson.Wire(new AdaptiveCardRenderer().Render(Digest(deals).Card!));
        Assert.True(compact.Length < 24 * 1024, $"{name}: {compact.Length} bytes");
    }

    /// <summary>Issue 15: nurtured deals whose re-engage date came, under the stalled ones; and the owner's message about one.</summary>
    [Theory]
    [InlineData("digest-reengage", 3, 2)]
    [InlineData("digest-reengage-large", 60, 9)]
    public void Render_DigestWithDealsDueToReengage_MatchesItsGoldenAndStaysUnderTeamsSizeLimit(string name, int stalled, int due)
    {
        var card = ReengageSamples.Digest(stalled, due).Card!;
        GoldenFile.AssertMatches(Path.Combine(GoldenDirectory(), $"{name}.json"), CardJson.Indented(new AdaptiveCardRenderer().Render(card)));

        Assert.Equal($"Due to re-engage · {due}", card.Sections[^1].Heading);
        Assert.Equal(Math.Min(due, ReengageNudges.MaxShown), card.Sections[^1].Lines.Count);
        Assert.True(CardJson.Wire(new AdaptiveCardRenderer().Render(card)).Length < 24 * 1024);
    }

    [Fact]
    public void Render_ReengageOwnerMessage_MatchesItsGolden()
    {
        var answer = ReengageSamples.OwnerMessage();

        GoldenFile.AssertMatches(Path.Combine(GoldenDirectory(), "reengage-owner.json"), CardJson.Indented(new AdaptiveCardRenderer().Render(answer.Card!)));
        Assert.StartsWith("Blue Sun (#1018) is due to re-engage", answer.Text, StringComparison.Ordinal);
    }

    private static string GoldenDirectory([CallerFilePath] string here = "") =>
        Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(here)!)!, "Goldens");
}
