using System.Text.Encodings.Web;
using System.Text.Json;
using SalesCoachBot.Slack.BlockKit;
using SalesCoachBot.Testing;

namespace SalesCoachBot.Slack.Tests;

/// <summary>
/// "compare Rita and Tom" answered by the real Core use cases and rendered as Block Kit: the comparison's title, then
/// one section with a field per person (Slack shows them as two columns), the name over their figures.
/// </summary>
public sealed class CompareRepsRenderTests
{
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public async Task Render_CompareRitaAndTom_OneSectionWithAFieldPerPerson()
    {
        var message = new BlockKitRenderer().Render(await CompareSamples.AskAsync());

        Assert.Equal("Rita Rep vs Tom Mate", ((HeaderBlock)message.Blocks[0]).Text.Text);
        var fields = Assert.Single(message.Blocks.OfType<FieldsBlock>()).Fields;
        Assert.Equal(2, fields.Count);
        Assert.All(fields, f => Assert.Equal("mrkdwn", f.Type));
        Assert.StartsWith("*Rita Rep*\n*Open:* 1 deal, 40,000 EUR\n*Stalled:* 0 of 1 open\n", fields[0].Text, StringComparison.Ordinal);
        Assert.StartsWith("*Tom Mate*\n*Open:* no deals\n", fields[1].Text, StringComparison.Ordinal);
        // The pairs are not repeated as one line per figure.
        Assert.DoesNotContain(" · Tom Mate:", JsonSerializer.Serialize(message.Blocks, Readable), StringComparison.Ordinal);
        using var wire = JsonDocument.Parse(BlockKitGoldenTests.RenderJson(await CompareSamples.AskAsync()));
        Assert.Empty(BlockKitLimitCheck.Problems(wire.RootElement));
    }

    [Fact]
    public async Task Render_CompareInArabic_NamesIsolatedArabicLabels()
    {
        var message = new BlockKitRenderer().Render(await CompareSamples.AskAsync("قارن بين Rita و Tom"));

        var fields = Assert.Single(message.Blocks.OfType<FieldsBlock>()).Fields;
        Assert.StartsWith("*\u2068Rita Rep\u2069*\n*المفتوحة:* ", fields[0].Text, StringComparison.Ordinal);
        Assert.StartsWith("*\u2068Tom Mate\u2069*\n*المفتوحة:* ", fields[1].Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("compare Rita and Tom", "compare")]
    [InlineData("قارن بين Rita و Tom", "compare-ar")]
    public async Task Render_Compare_MatchesGolden(string text, string golden)
    {
        GoldenFile.AssertMatches(BlockKitGoldenTests.Golden(golden), BlockKitGoldenTests.RenderJson(await CompareSamples.AskAsync(text)));
    }
}
