using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Teams.Cards;
using SalesCoachBot.Teams.Tests.Support;
using SalesCoachBot.Testing;

namespace SalesCoachBot.Teams.Tests.Cards;

/// <summary>
/// "compare Rita and Tom" on Teams: the two people side by side in a ColumnSet (a column each, the name over a FactSet of
/// their figures), English and Arabic, as goldens that tests/peers/teams/check.sh validates at 1.5. UPDATE_GOLDENS=1
/// rewrites them.
/// </summary>
public sealed class CompareCardTests
{
    [Theory]
    [InlineData("compare Rita and Tom", "compare")]
    [InlineData("قارن بين Rita و Tom", "compare-ar")]
    public async Task Render_Compare_MatchesGolden(string text, string golden)
    {
        var json = CardJson.Indented(new AdaptiveCardRenderer().Render((await CompareSamples.AskAsync(text, ChatChannel.Teams)).Card!));

        GoldenFile.AssertMatches(Golden(golden), json);
        Assert.Equal("1.5", (string?)JsonNode.Parse(json)!["version"]);
    }

    [Fact]
    public async Task Render_Compare_TwoColumnsEachTheNameOverTheirFigures()
    {
        var card = new AdaptiveCardRenderer().Render((await CompareSamples.AskAsync("compare Rita and Tom", ChatChannel.Teams)).Card!);

        var columns = Assert.Single(card.Body.OfType<ColumnSet>()).Columns;
        Assert.Equal(2, columns.Count);
        Assert.All(columns, c => Assert.Equal(ColumnWidth.Stretch, c.Width));
        Assert.Equal(["Rita Rep", "Tom Mate"], columns.Select(c => ((TextBlock)c.Items[0]).Text));
        Assert.Equal("Open|1 deal, 40,000 EUR", ((FactSet)columns[0].Items[1]).Facts.Select(f => f.Title + "|" + f.Value).First());
        Assert.Equal("Open|no deals", ((FactSet)columns[1].Items[1]).Facts.Select(f => f.Title + "|" + f.Value).First());
        // The figures are in the columns only, not again as a card-wide fact list of pairs.
        Assert.Empty(card.Body.OfType<FactSet>());
    }

    [Fact]
    public async Task Render_CompareInArabic_RightToLeftWithArabicLabels()
    {
        var card = new AdaptiveCardRenderer().Render((await CompareSamples.AskAsync("قارن بين Rita و Tom", ChatChannel.Teams)).Card!);

        Assert.True(card.Rtl);
        var columns = Assert.Single(card.Body.OfType<ColumnSet>()).Columns;
        Assert.Equal(["\u2068Rita Rep\u2069", "\u2068Tom Mate\u2069"], columns.Select(c => ((TextBlock)c.Items[0]).Text));
        Assert.Equal("المفتوحة", ((FactSet)columns[0].Items[1]).Facts[0].Title);
    }

    private static string Golden(string name, [CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "Goldens", $"{name}.json"));
}
