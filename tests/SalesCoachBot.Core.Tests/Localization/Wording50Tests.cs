using System.Xml.Linq;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Tests.Fakes;

namespace SalesCoachBot.Core.Tests.Localization;

/// <summary>Session 50: wording defects in English and Arabic replies.</summary>
public sealed class Wording50Tests : IDisposable
{
    private readonly BotHarness _bot = new(ProcessMapLoader.Default);

    public void Dispose() => _bot.Dispose();

    private void Won(string id, params (string Stage, int DaysAgo)[] path)
    {
        var now = _bot.Clock.GetUtcNow();
        var deal = _bot.Stores.AddDeal(id, "Deal " + id, _bot.Rep, _bot.Emea, path[^1].Stage, now.AddDays(-path[^1].DaysAgo));
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

        deal.Status = DealStatus.Won;
        deal.ClosedAt = deal.StageEnteredAt;
    }

    private static string[] Lines(string text) => text.ReplaceLineEndings("\n").Split('\n');

    [Fact]
    public async Task PipelineConversion_OneStageNotEntered_ArabicSaysMarhalaBeforeItsName()
    {
        Won("w1", ("brand-engagement", 100), ("mql", 95), ("sales-engagement", 90), ("sql", 85), ("discovery", 80), ("demo", 70),
            ("proposal", 60), ("verbal-agreement", 50), ("contract-signed", 40));

        var english = await _bot.AskAsync("pipeline", _bot.Manager);
        _bot.Manager.Language = "ar";
        var arabic = await _bot.AskAsync("خط المبيعات", _bot.Manager);

        Assert.Contains("- No deals entered Brand awareness in the last 12 months.", Lines(english.Text));
        Assert.Contains("- لم تدخل أي صفقة مرحلة الوعي بالعلامة التجارية خلال آخر 12 شهرًا.", Lines(arabic.Text));
    }

    [Fact]
    public async Task PipelineConversion_SeveralStagesNotEntered_ArabicListsThemAsStages()
    {
        Won("w1", ("sales-engagement", 100), ("contract-signed", 40));

        var english = await _bot.AskAsync("pipeline", _bot.Manager);
        _bot.Manager.Language = "ar";
        var arabic = await _bot.AskAsync("خط المبيعات", _bot.Manager);

        Assert.Single(Lines(english.Text), l => l.StartsWith("- No deals entered Brand awareness, Brand engagement, ", StringComparison.Ordinal)
            && l.EndsWith(" in the last 12 months.", StringComparison.Ordinal));
        Assert.Single(Lines(arabic.Text), l => l.StartsWith("- لم تدخل أي صفقة هذه المراحل خلال آخر 12 شهرًا: الوعي بالعلامة التجارية، ", StringComparison.Ordinal));
    }
    [Fact]
    public void ArabicResources_WonIsAlwaysRabiha_NeverMaksuba()
    {
        var folder = Path.Combine(ResourceFilesTests.RepoRoot(), "src", "SalesCoachBot.Core", "Localization");
        var texts = Directory.GetFiles(folder, "*.ar.resx")
            .SelectMany(f => XDocument.Load(f).Root!.Elements("data").Select(d => (Key: Path.GetFileName(f) + ":" + (string)d.Attribute("name")!, Text: (string?)d.Element("value") ?? "")))
            .ToList();

        Assert.Empty(texts.Where(t => t.Text.Contains("مكسوب", StringComparison.Ordinal) || t.Text.Contains("كسب", StringComparison.Ordinal)).Select(t => t.Key));
        Assert.Contains(texts, t => t.Text.Contains("الصفقات الرابحة", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WonDeals_Arabic_TitleAndNoneSayRabiha_AndTheSuggestedQuestionIsUnderstood()
    {
        _bot.Manager.Language = "ar";

        var none = await _bot.AskAsync("الصفقات الرابحة الربع الماضي", _bot.Manager);
        Won("w1", ("proposal", 80), ("contract-signed", 20));
        var suggested = await _bot.AskAsync("الصفقات الرابحة آخر 6 أشهر", _bot.Manager);

        Assert.StartsWith("لم تُغلق أي صفقة رابحة في ", none.Text, StringComparison.Ordinal);
        Assert.EndsWith("لفترة أطول اسأل «الصفقات الرابحة آخر 6 أشهر».", none.Text, StringComparison.Ordinal);
        Assert.StartsWith("الصفقات الرابحة · ", suggested.Text, StringComparison.Ordinal);
        Assert.Contains("Deal w1", suggested.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("مكسوب", none.Text + suggested.Text, StringComparison.Ordinal);
    }
}
