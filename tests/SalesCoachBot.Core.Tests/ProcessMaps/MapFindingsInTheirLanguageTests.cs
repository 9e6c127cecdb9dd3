using System.Text.RegularExpressions;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.ProcessMaps;

namespace SalesCoachBot.Core.Tests.ProcessMaps;

/// <summary>
/// What the map checks find is told to admins in their language: the refusal notice of a broken map lists each error
/// in Arabic for an Arabic admin, while <c>map lint</c> and the English notice keep their exact English words.
/// </summary>
public sealed partial class MapFindingsInTheirLanguageTests
{
    private static readonly Phrases Arabic = ReplyTexts.Shared.In(ReplyLanguage.Arabic);

    private static readonly ProcessMap Kept = ProcessMapLoader.Parse(TestMaps.Small).Map!;

    // A misspelt key (a suggestion in the reason) and a blank stage name (a part of the map named in the reason).
    private static readonly string TwoErrors = TestMaps.Small
        .Replace("    stallAfterDays: 10", "    stallAfter: 10", StringComparison.Ordinal)
        .Replace("    name: Demo\n", "    name: \"  \"\n", StringComparison.Ordinal);

    private static MapRefusal Refusal(string yaml) =>
        new("m.yaml", Kept, ProcessMapReloadOutcome.Invalid, [.. ProcessMapLoader.Parse(yaml).Errors], []);

    [Fact]
    public void RefusalNotice_ArabicAdmin_EachErrorInArabic()
    {
        var text = WithoutIsolates(ProcessMapEvents.Text(Refusal(TwoErrors), Arabic));

        Assert.Equal(
            "رُفض تغيير خريطة المراحل في m.yaml، ففيه خطآن: " +
            "السطر 11، العمود 5: مفتاح غير معروف «stallAfter» في مرحلة (هل تقصد «stallAfterDays»؟)؛ " +
            "السطر 19، العمود 11: اسم المرحلة «demo»: النص فارغ، اكتب ما سيقرؤه الناس. " +
            "تبقى Small SaaS، النسخة 2، سارية.",
            text);
        Assert.DoesNotContain("unknown key", text, StringComparison.Ordinal);
        Assert.DoesNotContain("is empty", text, StringComparison.Ordinal);
    }

    [Fact]
    public void RefusalNotice_EnglishAdmin_AndMapLint_KeepTheirWords()
    {
        var refusal = Refusal(TwoErrors);

        Assert.Equal(
            "The process map change in m.yaml was refused, it has 2 errors: " +
            "line 11, column 5: unknown key 'stallAfter' in a stage (did you mean 'stallAfterDays'?); " +
            "line 19, column 11: the name of stage 'demo' is empty: write the text people read. Small SaaS version 2 stays in force.",
            ProcessMapEvents.Text(refusal));
        Assert.Equal(
        [
            "m.yaml:11:5: error: unknown key 'stallAfter' in a stage (did you mean 'stallAfterDays'?)",
            "m.yaml:19:11: error: the name of stage 'demo' is empty: write the text people read",
        ], refusal.Errors.Select(e => e.Format("m.yaml")));
    }

    [Fact]
    public void RefusalNotice_NotYaml_SaysWhereInTheAdminsLanguage_ParserWordsOnlyInMapLint()
    {
        var refusal = Refusal("name: x\nstages:\n  - id: a\n   name: b\n");
        var error = Assert.Single(refusal.Errors);
        Assert.True(error.Line >= 3);
        Assert.False(string.IsNullOrEmpty(error.Detail));

        var arabic = WithoutIsolates(ProcessMapEvents.Text(refusal, Arabic));
        Assert.Contains($"السطر {error.Line}، العمود {error.Column}: الملف ليس YAML صالحًا هنا: راجع ", arabic, StringComparison.Ordinal);
        Assert.DoesNotContain(error.Detail, arabic, StringComparison.Ordinal);
        Assert.False(EnglishProse().IsMatch(arabic.Replace("Small SaaS", string.Empty, StringComparison.Ordinal)), arabic);

        var english = ProcessMapEvents.Text(refusal);
        Assert.Contains($"line {error.Line}, column {error.Column}: not valid YAML here: check ", english, StringComparison.Ordinal);
        Assert.DoesNotContain(error.Detail, english, StringComparison.Ordinal);

        // map lint and the logs keep what the parser said, after our sentence.
        Assert.StartsWith($"m.yaml:{error.Line}:{error.Column}: error: not valid YAML here: ", error.Format("m.yaml"), StringComparison.Ordinal);
        Assert.EndsWith($" ({error.Detail})", error.Format("m.yaml"), StringComparison.Ordinal);
    }

    public static TheoryData<string, string> BrokenMaps() => new()
    {
        { "wrong types and keys", TestMaps.Small.Replace("version: 2", "version: two", StringComparison.Ordinal).Replace("start: qualify", "start: [qualify]", StringComparison.Ordinal).Replace("      - { when: buyer-says-no, to: nurture }", "      - { when: buyer-says-no, to: nurture, colour: red }", StringComparison.Ordinal) },
        { "broken references", TestMaps.Small.Replace("next: demo", "next: dmo", StringComparison.Ordinal).Replace("won: signed", "won: lost", StringComparison.Ordinal).Replace("  - id: signed", "  - id: Signed Off", StringComparison.Ordinal) },
        { "vague and thin stages", TestMaps.Small.Replace("Buyer's problem written down", "Understand needs", StringComparison.Ordinal).Replace("Budget range recorded", "Budget", StringComparison.Ordinal).Replace("    entry: A first call with the buyer is on the calendar.\n", string.Empty, StringComparison.Ordinal).Replace("activities: Qualify on pain, budget and timeline.", "activities: Follow up as needed.", StringComparison.Ordinal) },
        { "blank and untranslated texts", TestMaps.Small.Replace("    name: Qualify", "    name: { en: Qualify, ar: \" \" }", StringComparison.Ordinal).Replace("    name: Demo", "    name: { en: Demo }", StringComparison.Ordinal).Replace("required: false", "required: maybe", StringComparison.Ordinal) },
        { "not YAML", "stages: [qualify" },
    };

    [Theory]
    [MemberData(nameof(BrokenMaps))]
    public void EveryFinding_InArabic_HasNoEnglishSentenceLeft(string why, string yaml)
    {
        var findings = ProcessMapLoader.Parse(yaml).Diagnostics;

        Assert.NotEmpty(findings);
        foreach (var finding in findings)
        {
            // The map's own words (ids, keys, quoted texts, the YAML parser's message) are isolated; what is left is the resource's wording.
            var wording = Isolated().Replace(finding.Text.In(Arabic), " ");
            Assert.True(wording.Any(Bidi.IsArabicLetter), $"{why}: {finding.Message}");
            Assert.False(EnglishProse().IsMatch(wording), $"{why}: {finding.Message} → {wording}");
        }
    }

    private static string WithoutIsolates(string text) => new([.. text.Where(c => c is < '\u2066' or > '\u2069')]);

    [GeneratedRegex("\u2068[^\u2069]*\u2069")]
    private static partial Regex Isolated();

    // Two English words in a row: "is empty", "did you". YAML keys and lists in the Arabic texts stand alone or with commas.
    [GeneratedRegex(@"[A-Za-z]{2,}\s+[A-Za-z]{2,}")]
    private static partial Regex EnglishProse();
}
