using System.Globalization;
using System.Text.Json;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Nudges;
using SalesCoachBot.Slack.BlockKit;

namespace SalesCoachBot.Slack.Tests.Nudges;

/// <summary>
/// The daily digest as Block Kit, kept as goldens beside the others so tests/peers/slack/check.sh type-checks them.
/// A long digest must keep every button and stay within 50 blocks. UPDATE_GOLDENS=1 rewrites them.
/// </summary>
public sealed class DigestBlockKitGoldenTests
{
    private static BotAnswer Digest(int deals) => DigestBuilder.Render(
        new TeamDigest(1, "EMEA", new DateOnly(2026, 11, 27),
        [
            .. Enumerable.Range(1, deals).Select(i => new DigestDeal(
                new DealId(1000 + i), $"{1000 + i}", i == 1 ? "Initech <EU> & Co" : $"Deal {i}", $"Owner {(i % 4) + 1}", i % 2 == 0 ? "Demo" : "Proposal",
                40 - i, 30 - i, i % 3 == 0 ? null : $"{(i * 12500).ToString("#,0", CultureInfo.InvariantCulture)} EUR",
                i % 5 == 0 ? null : "Demo held with the buyer's team",
                $"{40 - i} days in stage (limit 10).")),
        ]),
        maxDeals: 20);

    public static TheoryData<string, int> Goldens => new() { { "digest", 3 }, { "digest-large", 60 } };

    [Theory]
    [MemberData(nameof(Goldens))]
    public void Render_Digest_MatchesItsGoldenWithinLimitsAndKeepsEveryButton(string name, int deals)
    {
        var answer = Digest(deals);
        var json = BlockKitGoldenTests.RenderJson(answer);
        GoldenFile.AssertMatches(GoldenPath(name), json);
        using var doc = JsonDocument.Parse(json);
        Assert.Empty(BlockKitLimitCheck.Problems(doc.RootElement));

        var message = new BlockKitRenderer().Render(answer);
        Assert.True(message.Blocks.Count <= BlockKitLimits.MessageBlocks, $"{message.Blocks.Count} blocks");
        var buttons = message.Blocks.OfType<SectionBlock>().Count(s => s.Accessory is not null);
        Assert.Equal(answer.Card!.Sections.Sum(s => s.Lines.Count), buttons);
        Assert.DoesNotContain("Buttons are shown for the first", json, StringComparison.Ordinal);
    }

    /// <summary>Issue 15: nurtured deals whose re-engage date came, under the stalled ones; and the owner's message about one.</summary>
    [Theory]
    [InlineData("digest-reengage", 3, 2)]
    [InlineData("digest-reengage-large", 60, 9)]
    public void Render_DigestWithDealsDueToReengage_MatchesItsGoldenWithinLimitsAndKeepsEveryButton(string name, int stalled, int due)
    {
        var answer = ReengageSamples.Digest(stalled, due, firstName: "Initech <EU> & Co");
        var json = BlockKitGoldenTests.RenderJson(answer);
        GoldenFile.AssertMatches(GoldenPath(name), json);
        using var doc = JsonDocument.Parse(json);
        Assert.Empty(BlockKitLimitCheck.Problems(doc.RootElement));

        var message = new BlockKitRenderer().Render(answer);
        Assert.True(message.Blocks.Count <= BlockKitLimits.MessageBlocks, $"{message.Blocks.Count} blocks");
        Assert.Equal(answer.Card!.Sections.Sum(s => s.Lines.Count), message.Blocks.OfType<SectionBlock>().Count(s => s.Accessory is not null));
        Assert.Contains("Due to re-engage", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ReengageOwnerMessage_MatchesItsGoldenWithinLimits()
    {
        var json = BlockKitGoldenTests.RenderJson(ReengageSamples.OwnerMessage());

        GoldenFile.AssertMatches(GoldenPath("reengage-owner"), json);
        using var doc = JsonDocument.Parse(json);
        Assert.Empty(BlockKitLimitCheck.Problems(doc.RootElement));
        Assert.Contains("is due to re-engage", json, StringComparison.Ordinal);
    }

    // Beside the other goldens (tests/SalesCoachBot.Slack.Tests/Goldens), where the peer checker looks.
    private static string GoldenPath(string name, [System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(here)!)!, "Goldens", name + ".json");
}
