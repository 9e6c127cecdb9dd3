using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using SalesCoachBot.Teams.Cards;
using SalesCoachBot.Teams.Tests.Support;
using SalesCoachBot.Testing;

namespace SalesCoachBot.Teams.Tests.Cards;

/// <summary>
/// Issue 17, point 4: the main cards in Arabic, as goldens (<c>Goldens/*-ar.json</c>) that tests/peers/teams/check.sh
/// validates with Microsoft's adaptivecards library at 1.5 like the English ones. UPDATE_GOLDENS=1 rewrites them.
/// </summary>
public sealed class ArabicCardGoldenTests
{
    public static TheoryData<string> Names => [.. ArabicSamples.Names];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Render_ArabicAnswer_MatchesItsGoldenRightToLeft(string name)
    {
        var card = new AdaptiveCardRenderer().Render((await ArabicSamples.ByNameAsync(name)).Card!);
        var json = CardJson.Indented(card);

        GoldenFile.AssertMatches(Golden($"{name}-ar"), json);
        Assert.True(card.Rtl);
        Assert.Equal("1.5", (string?)JsonNode.Parse(json)!["version"]);
    }

    [Fact]
    public void Render_ArabicChecklist_LatinNamesIdsAndAmountIsolatedArabicChrome()
    {
        var json = CardJson.Indented(new AdaptiveCardRenderer().Render(ArabicSamples.Checklist().Card!));
        var text = JsonNode.Parse(json)!.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

        Assert.Contains("\u2068Initech\u2069 — ", text, StringComparison.Ordinal);
        Assert.Contains("\u2068#1002\u2069", text, StringComparison.Ordinal);
        Assert.Contains("\u206827,500 EUR\u2069", text, StringComparison.Ordinal);
        Assert.Contains("قائمة الخروج من المرحلة", text, StringComparison.Ordinal);
        // Teams writes DATE(…, SHORT) with its weekday ("Wed, Nov 25th, 2026"): «يوم», as before a weekday in Arabic.
        Assert.Contains("أكّده \u2068Dana Demo\u2069 يوم \u2068{{DATE(", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exit checklist", text, StringComparison.Ordinal);
        Assert.DoesNotContain("(optional)", text, StringComparison.Ordinal);
    }

    private static string Golden(string name, [CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "Goldens", $"{name}.json"));
}
