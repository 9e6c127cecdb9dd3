using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Tests.Fakes;

namespace SalesCoachBot.Core.Tests.Pipeline;

/// <summary>Session 49, point 4: the cycle KPI names the stage it is measured from only when deals entered it.</summary>
public sealed class CycleKpiStart49Tests : IDisposable
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

    private static string KpiCycle(string text) =>
        Assert.Single(text.ReplaceLineEndings("\n").Split('\n'), l => l.StartsWith("- sales cycle length", StringComparison.Ordinal)
            || l.StartsWith("- طول دورة البيع", StringComparison.Ordinal));

    [Fact]
    public async Task CycleKpi_NoDealEnteredTheStart_SaysSoNotFromIt_EnglishAndArabic()
    {
        Won("w1", ("sales-engagement", 100), ("contract-signed", 40));
        Won("w2", ("sales-engagement", 90), ("contract-signed", 30));

        var english = await _bot.AskAsync("pipeline", _bot.Manager);
        _bot.Manager.Language = "ar";
        var arabic = await _bot.AskAsync("خط المبيعات", _bot.Manager);

        Assert.StartsWith("- sales cycle length, start to finish and per stage: median 60 days to Contract signed (2 deals won), counted from each "
            + "deal's first recorded stage: no deal entered Brand awareness in the last 12 months; ", KpiCycle(english.Text), StringComparison.Ordinal);
        Assert.DoesNotContain("from Brand awareness", english.Text, StringComparison.Ordinal);
        Assert.Contains("- Median cycle (from each deal's first recorded stage to Contract signed; no deal entered Brand awareness in the last 12 months): "
            + "60 days over 2 deals won.", english.Text, StringComparison.Ordinal);
        Assert.Contains("حتى توقيع العقد", KpiCycle(arabic.Text), StringComparison.Ordinal);
        // Session 50: «مرحلة» before the stage's name, so «لم تدخل أي صفقة مرحلة …» reads as a stage, not an object.
        Assert.Contains("محسوبًا من أول مرحلة سُجّلت لكل صفقة: لم تدخل أي صفقة مرحلة الوعي بالعلامة التجارية خلال آخر 12 شهرًا", KpiCycle(arabic.Text), StringComparison.Ordinal);
        Assert.Contains("وسيط مدة الدورة (من أول مرحلة سُجّلت لكل صفقة إلى توقيع العقد؛ لم تدخل أي صفقة مرحلة الوعي بالعلامة التجارية خلال آخر 12 شهرًا)",
            arabic.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("لم تدخل أي صفقة الوعي", arabic.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("من الوعي بالعلامة التجارية إلى", arabic.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CycleKpi_EveryDealEnteredTheStart_NamedFromIt()
    {
        Won("w1", ("brand-awareness", 100), ("contract-signed", 40));

        var answer = await _bot.AskAsync("pipeline", _bot.Manager);

        Assert.StartsWith("- sales cycle length, start to finish and per stage: median 60 days from Brand awareness to Contract signed (1 deal won); ",
            KpiCycle(answer.Text), StringComparison.Ordinal);
        Assert.Contains("- Median cycle (Brand awareness to Contract signed): 60 days over 1 deal won.", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CycleKpi_SomeDealsEnteredTheStart_SaysHowMany()
    {
        Won("w1", ("brand-awareness", 100), ("contract-signed", 40));
        Won("w2", ("sales-engagement", 90), ("contract-signed", 30));

        var answer = await _bot.AskAsync("pipeline", _bot.Manager);

        Assert.StartsWith("- sales cycle length, start to finish and per stage: median 60 days to Contract signed (2 deals won), from Brand awareness "
            + "for 1 of them and from their first recorded stage for the rest; ", KpiCycle(answer.Text), StringComparison.Ordinal);
    }
}
