using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Tests.Fakes;
using static SalesCoachBot.Core.Tests.Localization.Isolates;

namespace SalesCoachBot.Core.Tests.Coaching;

/// <summary>
/// Session 49, wording the audit left: the reverse funnel's scope after its full stop, an example team lowercased, and
/// diacritics alone echoed back. English and Arabic each.
/// </summary>
public sealed class Wording49bTests : IDisposable
{
    private readonly BotHarness _bot = new();

    public void Dispose() => _bot.Dispose();

    private void WonAndOpen() => _bot.SeedWonAndOpen();

    [Fact]
    public async Task ReverseFunnel_Team_ScopeLeadsTheFirstLine_EnglishAndArabic()
    {
        WonAndOpen();

        var english = await _bot.AskAsync("what do we need to hit €2M this year for emea", _bot.Manager);
        _bot.Manager.Language = "ar";
        var arabic = await _bot.AskAsync("what do we need to hit €2M this year for emea", _bot.Manager);

        var first = english.Text.ReplaceLineEndings("\n").Split('\n')[0];
        Assert.StartsWith("EMEA: To close 2,000,000 EUR by 31 Dec 2026 you need", first, StringComparison.Ordinal);
        Assert.EndsWith("now.", first, StringComparison.Ordinal);
        var firstArabic = arabic.Text.ReplaceLineEndings("\n").Split('\n')[0];
        Assert.StartsWith($"{Iso("EMEA")}: لإغلاق {Iso("2,000,000 EUR")} بحلول 31 ديسمبر 2026 يلزم أن تدخل", firstArabic, StringComparison.Ordinal);
        Assert.EndsWith(".", firstArabic, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownTeam_ExampleKeepsTheTeamsCase_EnglishAndArabic()
    {
        var english = await _bot.AskAsync("pipeline narnia", _bot.Manager);
        _bot.Manager.Language = "ar";
        var arabic = await _bot.AskAsync("خط المبيعات لفريق narnia", _bot.Manager);

        Assert.EndsWith("For example: \"pipeline EMEA last 90 days\".", english.Text, StringComparison.Ordinal);
        Assert.EndsWith($"مثال: «خط المبيعات لفريق {Iso("EMEA")} آخر 90 يومًا».", arabic.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("emea", arabic.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PersonsDeals_OneOwner_NoOwnerOnEachLine_EnglishAndArabic()
    {
        _bot.AddDeal("4001", "Hooli", "discovery", _bot.TeamMate);
        _bot.AddDeal("4002", "Wonka", "demo", _bot.TeamMate);

        var english = await _bot.AskAsync($"how is {_bot.TeamMate.Name} doing", _bot.Manager);
        _bot.Manager.Language = "ar";
        var arabic = await _bot.AskAsync($"صفقات {_bot.TeamMate.Name}", _bot.Manager);

        Assert.Contains("Hooli", english.Text, StringComparison.Ordinal);
        Assert.Contains("Wonka", english.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("owner:", english.Text, StringComparison.Ordinal);
        Assert.All(english.Card!.Sections.SelectMany(s => s.Lines), l => Assert.DoesNotContain(_bot.TeamMate.Name, l.Text, StringComparison.Ordinal));
        Assert.Contains("Hooli", arabic.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("المالك:", arabic.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PersonsStalledDeals_OneOwner_NoOwnerGroupUnderTheHeader_EnglishAndArabic()
    {
        _bot.AddDeal("4011", "Wonka", "discovery", _bot.TeamMate, daysInStage: 120);
        _bot.AddDeal("4012", "Hooli", "discovery", _bot.TeamMate, daysInStage: 100);

        var english = await _bot.AskAsync($"{_bot.TeamMate.Name}'s stalled deals", _bot.Manager);
        _bot.Manager.Language = "ar";
        var arabic = await _bot.AskAsync($"{_bot.TeamMate.Name}'s stalled deals", _bot.Manager);

        var lines = english.Text.ReplaceLineEndings("\n").Split('\n');
        Assert.Equal($"Stalled deals of {_bot.TeamMate.Name}: 2", lines[0]);
        Assert.StartsWith("- Wonka (#4011)", lines[1], StringComparison.Ordinal);
        Assert.DoesNotContain($"{_bot.TeamMate.Name}:\n", english.Text.ReplaceLineEndings("\n")[1..], StringComparison.Ordinal);
        var arabicLines = arabic.Text.ReplaceLineEndings("\n").Split('\n');
        Assert.StartsWith("الصفقات المتعثرة لدى ", arabicLines[0], StringComparison.Ordinal);
        Assert.StartsWith("- ", arabicLines[1], StringComparison.Ordinal);
        Assert.Contains("Wonka", arabicLines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task TeamStalledDeals_SeveralOwners_StillGroupedByOwner()
    {
        _bot.AddDeal("4021", "Wonka", "discovery", _bot.TeamMate, daysInStage: 120);
        _bot.AddDeal("4022", "Hooli", "discovery", _bot.Rep, daysInStage: 100);

        var answer = await _bot.AskAsync("stalled deals for emea", _bot.Manager);

        Assert.Contains($"{_bot.TeamMate.Name}:", answer.Text, StringComparison.Ordinal);
        Assert.Contains($"{_bot.Rep.Name}:", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\u064B\u064C\u064D\u064E\u064F\u0650\u0651")]
    [InlineData(" \u0651\u0651 ")]
    [InlineData("\u200F\u0650")]
    public async Task Ask_DiacriticsOnly_ThePlainHelpAsForNothingTyped_EnglishAndArabic(string marks)
    {
        var english = await _bot.AskAsync(marks);
        _bot.Rep.Language = "ar";
        var arabic = await _bot.AskAsync(marks);

        Assert.Equal(CardKind.Help, english.Card!.Kind);
        Assert.StartsWith("I coach deals through your team's sales process. Try:", english.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("\u0651", english.Text, StringComparison.Ordinal);
        Assert.StartsWith("أرافقك في صفقاتك خطوة بخطوة وفق عملية المبيعات لدى فريقك. جرّب:", arabic.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("لم أفهم", arabic.Text, StringComparison.Ordinal);
    }
}
