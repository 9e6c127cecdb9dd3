using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Tests.Fakes;
using static SalesCoachBot.Core.Tests.Localization.Isolates;

namespace SalesCoachBot.Core.Tests.Localization;

/// <summary>
/// Session 52's audit of a manager's and an admin's week: the replies it found wrong, each asserted as now worded,
/// English and Arabic where the text has both.
/// </summary>
public sealed class ManagerReplyWording52Tests : IDisposable
{
    private readonly BotHarness _bot = new();

    public void Dispose() => _bot.Dispose();

    private static string FirstLine(string text) => text.ReplaceLineEndings("\n").Split('\n')[0];

    private void WonAndOpen() => _bot.SeedWonAndOpen();

    [Fact]
    public async Task ReverseFunnel_AdminWithoutTeam_LineOpensWithACapital()
    {
        // Was "all teams: To close 2,000,000 EUR …": the audience label is written for mid-sentence use.
        WonAndOpen();

        var english = await _bot.AskAsync("what do we need to hit €2M this year", _bot.Admin);
        _bot.Admin.Language = "ar";
        var arabic = await _bot.AskAsync("what do we need to hit €2M this year", _bot.Admin);

        Assert.StartsWith("All teams: To close 2,000,000 EUR by 31 Dec 2026 you need", FirstLine(english.Text), StringComparison.Ordinal);
        Assert.StartsWith($"كل الفرق: لإغلاق {Iso("2,000,000 EUR")} بحلول 31 ديسمبر 2026", FirstLine(arabic.Text), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReverseFunnel_Arabic_ExpectedWins_CountFollowsALabel()
    {
        // Was «… {0} فوزًا بهذه النسب» ("1.5 فوزًا"): a count, often a fraction, before a noun it must agree with.
        WonAndOpen();
        _bot.Manager.Language = "ar";

        var answer = await _bot.AskAsync("what do we need to hit €2M this year for emea", _bot.Manager);

        // A decimal figure needs no isolate in Arabic text (Bidi.IsFormattedFigure).
        Assert.Matches("\\n- الصفقات الرابحة المتوقعة من الصفقات التي لديك الآن بهذه النسب: [0-9.]+\\.", answer.Text.ReplaceLineEndings("\n"));
        Assert.DoesNotContain("فوزًا", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pipeline_Arabic_NoWonDeal_NamesTheWonStageAsAStage()
    {
        // Was «لم تبلغ أي صفقة توقيع العقد خلال …»: a stage's name needs «مرحلة» before it, as «لم تدخل أي صفقة مرحلة …» has.
        var now = _bot.Clock.GetUtcNow();
        var open = _bot.Stores.AddDeal("o1", "Open 1", _bot.Rep, _bot.Emea, "discovery", now.AddDays(-10));
        open.Amount = 10_000;
        open.Currency = "EUR";
        _bot.Manager.Language = "ar";

        var answer = await _bot.AskAsync("خط المبيعات", _bot.Manager);

        Assert.Contains("لم تبلغ أي صفقة مرحلة ", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotMatch("لم تبلغ أي صفقة (?!مرحلة )", answer.Text);
    }

    [Fact]
    public async Task Pipeline_NoOpenDeal_StalledLineSaysSoInBothLanguages()
    {
        // Was "Stalled: 0 of 0 open" where the Arabic says «المتعثرة: لا صفقات مفتوحة».
        var english = await _bot.AskAsync("pipeline", _bot.Rep);
        _bot.Rep.Language = "ar";
        var arabic = await _bot.AskAsync("pipeline", _bot.Rep);

        Assert.Contains("\nStalled: no open deals\n", english.Text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("\nالمتعثرة: لا صفقات مفتوحة\n", arabic.Text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhatMoved_Arabic_NothingMoved_ReadsAsOneSentence()
    {
        // Was «لا تغييرات في المراحل هذا الأسبوع (منذ …) · ⁨EMEA⁩.»: the audience tacked on after a dot.
        _bot.Manager.Language = "ar";

        var answer = await _bot.AskAsync("وش تحرك هالأسبوع", _bot.Manager);

        Assert.StartsWith($"لا تغييرات في المراحل في {Iso("EMEA")} هذا الأسبوع (منذ ", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(" · ", answer.Text, StringComparison.Ordinal);
    }
}
