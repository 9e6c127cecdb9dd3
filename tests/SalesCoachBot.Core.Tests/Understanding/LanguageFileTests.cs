using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Tests.Understanding;

/// <summary>Issue 17: every command is written with at least 30 examples in each language, and both languages know the same commands.</summary>
public sealed class LanguageFileTests
{
    private const int MinimumExamples = 30;

    [Fact]
    public void Commands_SameInBothLanguages_EachWithAtLeast30Examples()
    {
        var perLanguage = LanguagePack.All.ToDictionary(
            p => p.Code,
            p => p.Examples.GroupBy(e => e.Command, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal));

        var tooFew = perLanguage
            .SelectMany(language => language.Value.Where(c => c.Value < MinimumExamples).Select(c => $"{language.Key} {c.Key}: {c.Value}"))
            .ToList();

        Assert.Equal(["ar", "en"], perLanguage.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(perLanguage["en"].Keys.Order(StringComparer.Ordinal), perLanguage["ar"].Keys.Order(StringComparer.Ordinal));
        Assert.Contains("thanks", perLanguage["en"].Keys);
        Assert.Empty(tooFew);
    }
}
