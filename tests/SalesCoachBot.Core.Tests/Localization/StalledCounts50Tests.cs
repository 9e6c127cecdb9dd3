using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Tests.Fakes;

namespace SalesCoachBot.Core.Tests.Localization;

/// <summary>Session 50: a count beside "stalled" reads as a counted noun in Arabic, never «1 متعثرة».</summary>
public sealed class StalledCounts50Tests : IDisposable
{
    private readonly BotHarness _bot = new(ProcessMapLoader.Default);

    public void Dispose() => _bot.Dispose();

    [Theory]
    [InlineData(1, "صفقاتي: 4 صفقات مفتوحة، صفقة متعثرة واحدة")]
    [InlineData(2, "صفقاتي: 4 صفقات مفتوحة، صفقتان متعثرتان")]
    [InlineData(3, "صفقاتي: 4 صفقات مفتوحة، 3 صفقات متعثرة")]
    public async Task MyDeals_Arabic_StalledCountIsACountedNoun(int stalled, string header)
    {
        for (var i = 0; i < 4; i++)
        {
            _bot.AddDeal("10" + i, "Deal " + i, "discovery", daysInStage: i < stalled ? 60 : 1);
        }

        var english = await _bot.AskAsync("my deals");
        _bot.Rep.Language = "ar";
        var arabic = await _bot.AskAsync("صفقاتي");

        Assert.StartsWith($"My deals: 4 open, {stalled} stalled", english.Text, StringComparison.Ordinal);
        Assert.Equal(header, arabic.Text.ReplaceLineEndings("\n").Split('\n')[0]);
    }

    [Fact]
    public async Task Pipeline_Arabic_StageAndKpiStalledCountsAreCountedNouns()
    {
        _bot.AddDeal("101", "Deal 1", "discovery", daysInStage: 60);
        _bot.AddDeal("102", "Deal 2", "discovery", daysInStage: 60);
        _bot.Manager.Language = "ar";

        var arabic = await _bot.AskAsync("خط المبيعات", _bot.Manager);

        Assert.Contains(" · صفقتان متعثرتان", arabic.Text, StringComparison.Ordinal);
        Assert.Contains("صفقتان متعثرتان الآن (المفتوحة: صفقتان)", arabic.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("2 متعثرة", arabic.Text, StringComparison.Ordinal);
    }
}
