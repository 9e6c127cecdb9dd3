using System.Text.Json;
using SalesCoachBot.Testing;

namespace SalesCoachBot.Slack.Tests;

/// <summary>
/// Issue 17, point 4: the main answers in Arabic as Block Kit goldens (<c>Goldens/*-ar.json</c>), checked by
/// tests/peers/slack/check.sh with @slack/types like the English ones. Slack has no direction flag: the Latin names,
/// ids and amounts inside Arabic text carry Unicode isolates. UPDATE_GOLDENS=1 rewrites them.
/// </summary>
public sealed class ArabicBlockKitGoldenTests
{
    public static TheoryData<string> Names => [.. ArabicSamples.Names];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Render_ArabicAnswer_MatchesItsGoldenWithinLimits(string name)
    {
        var json = BlockKitGoldenTests.RenderJson(await ArabicSamples.ByNameAsync(name));

        GoldenFile.AssertMatches(BlockKitGoldenTests.Golden($"{name}-ar"), json);
        using var doc = JsonDocument.Parse(json);
        Assert.Empty(BlockKitLimitCheck.Problems(doc.RootElement));
    }

    [Fact]
    public void Render_ArabicChecklist_ArabicSummaryIsolatedFactsRequiredInArabic()
    {
        var json = BlockKitGoldenTests.RenderJson(ArabicSamples.Checklist());
        var text = JsonDocument.Parse(json).RootElement.GetRawText();
        var readable = JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

        Assert.Contains("*قائمة الخروج من المرحلة* · ", readable, StringComparison.Ordinal);
        Assert.Contains("*مالك الصفقة:* \u2068Dana Demo\u2069", readable, StringComparison.Ordinal);
        Assert.Contains("\"text\":\"مطلوب\"", readable, StringComparison.Ordinal);
        Assert.DoesNotContain("Required", text, StringComparison.Ordinal);
    }
}
