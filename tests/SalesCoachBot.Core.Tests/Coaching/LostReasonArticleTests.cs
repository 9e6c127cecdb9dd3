using SalesCoachBot.Core.Coaching.UseCases;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Tests.Coaching;

/// <summary>
/// A lost reason typed in words is the map's reason it names (<see cref="CloseDealUseCase.NormaliseLostReason"/>), «ال»
/// dropped by <see cref="ArabicText.WithoutArticle"/>, the one rule stage names use. It had a rule of its own (from four
/// letters, not five); every reason of the shipped map, in each language it is written in, typed with and without «ال»,
/// resolves to the same reason as under that rule.
/// </summary>
public sealed class LostReasonArticleTests
{
    private static readonly ProcessMap Shipped = ProcessMapLoader.Default;

    /// <summary>The rule before session 50, kept here only to compare with: «ال» off every word of four letters or more.</summary>
    private static string? Before(string reason, ProcessMap map)
    {
        static string Fold(string text) => string.Join(' ', ArabicText.Normalize(text).ToLowerInvariant().Replace('-', ' ')
            .Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w.Length > 3 && w.StartsWith("ال", StringComparison.Ordinal) ? w[2..] : w));

        var typed = Fold(reason);
        string? named = null;
        var at = int.MaxValue;
        foreach (var key in map.Outcomes.LostReasons)
        {
            var texts = map.Outcomes.LostReasonTexts[key];
            foreach (var word in texts.Languages.Select(texts.For).Append(key).Select(Fold).Where(w => w.Length > 0))
            {
                var index = typed.IndexOf(word, StringComparison.Ordinal);
                if (index >= 0 && index < at)
                {
                    (named, at) = (key, index);
                }
            }
        }

        return named;
    }

    /// <summary>Each Arabic word of three letters or more with «ال» put on, or taken off when it has it.</summary>
    private static string ArticleToggled(string text) => string.Join(' ', text.Split(' ').Select(w =>
        !w.Any(ArabicText.IsArabicLetter) || ArabicText.Normalize(w).Length < 3 ? w
        : w.StartsWith("ال", StringComparison.Ordinal) ? w[2..]
        : "ال" + w));

    /// <summary>Every reason of the shipped map: its id, and each text it has, as written and with «ال» toggled, alone and in a sentence.</summary>
    public static TheoryData<string, string> EveryShippedReason()
    {
        var data = new TheoryData<string, string>();
        foreach (var key in Shipped.Outcomes.LostReasons)
        {
            var texts = Shipped.Outcomes.LostReasonTexts[key];
            foreach (var text in texts.Languages.Select(texts.For).Append(key).Distinct(StringComparer.Ordinal))
            {
                foreach (var typed in new[] { text, ArticleToggled(text) }.Distinct(StringComparer.Ordinal))
                {
                    data.Add(key, typed);
                    data.Add(key, typed.Any(ArabicText.IsArabicLetter) ? "بسبب " + typed + " هذا الربع" : "because " + typed + " this quarter");
                }
            }
        }

        return data;
    }

    [Fact]
    public void ShippedMap_HasTheSixReasonsWrittenInEnglishAndArabic()
    {
        Assert.Equal(["price", "competitor", "no-budget", "no-decision", "timing", "not-a-fit"], Shipped.Outcomes.LostReasons);
        Assert.All(Shipped.Outcomes.LostReasons, key => Assert.Equal(["ar", "en"], Shipped.Outcomes.LostReasonTexts[key].Languages.Order(StringComparer.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(EveryShippedReason))]
    public void NormaliseLostReason_ShippedReasonWithOrWithoutTheArticle_IsThatReasonAsBefore(string key, string typed)
    {
        var reason = CloseDealUseCase.NormaliseLostReason(typed, Shipped);

        Assert.Equal(key, reason);
        Assert.Equal(Before(typed, Shipped), reason);
    }

    [Theory]
    [InlineData("السعر غالي", "price")]
    [InlineData("سعر", "price")]
    [InlineData("المنافس أرخص", "competitor")]
    [InlineData("راحوا لمنافس الآن", "competitor")]                 // «الآن»: four letters, which only the old rule cut
    [InlineData("لا توجد الميزانية", "no-budget")]
    [InlineData("التوقيت مش مناسب", "timing")]                      // the first reason named wins
    [InlineData("غير المناسب لهم", "not-a-fit")]
    [InlineData("لم يتخذوا القرار", null)]                         // no reason's words: kept as typed
    public void NormaliseLostReason_TypedArabic_NamesTheReasonAsBefore(string typed, string? key)
    {
        var reason = CloseDealUseCase.NormaliseLostReason(typed, Shipped);

        Assert.Equal(key ?? typed, reason);
        Assert.Equal(Before(typed, Shipped) ?? typed, reason);
    }
}
