using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.ProcessMaps;

namespace SalesCoachBot.Core.Tests.ProcessMaps;

/// <summary>Map text in more than one language (ADR 0021): both YAML forms, fallback, translation lint.</summary>
public sealed class MapTranslationTests
{
    private static string Replace(string yaml, params (string From, string To)[] edits) =>
        edits.Aggregate(yaml, (text, e) => text.Contains(e.From, StringComparison.Ordinal)
            ? text.Replace(e.From, e.To, StringComparison.Ordinal)
            : throw new InvalidOperationException($"'{e.From}' is not in the map"));

    private static readonly string Translated = Replace(
        TestMaps.Small,
        ("    name: Demo\n", "    name: { en: Demo, ar: العرض التوضيحي }\n"),
        ("text: \"Demo held with the buyer's team\"", "text: { en: \"Demo held with the buyer's team\", ar: \"قُدّم العرض التوضيحي لفريق المشتري\" }"),
        ("{ when: needs-unclear, to: qualify }", "{ when: { en: needs-unclear, ar: الاحتياجات غير واضحة }, to: qualify }"),
        ("    entry: The buyer is qualified and a demo date is agreed.\n",
         "    entry:\n      en: The buyer is qualified and a demo date is agreed.\n      ar: المشتري مؤهل واتُّفق على موعد العرض التوضيحي.\n"),
        ("reasons: [price, timing]", "reasons: [{ en: price, ar: السعر }, timing]"));

    [Fact]
    public void Parse_PlainStrings_AreTheMapLanguageForEveryLanguage()
    {
        var map = ProcessMapLoader.Parse(TestMaps.Small).Map!;
        var demo = map.GetStage(new StageId("demo"));

        Assert.Equal("en", map.Language);
        Assert.Equal("Demo", demo.NameFor("ar"));
        Assert.False(demo.NameText.IsTranslated);
        Assert.Equal("Demo held with the buyer's team", demo.Checklist[0].TextFor("ar"));
        Assert.Equal("price", map.Outcomes.LostReasonFor("price", "ar"));
    }

    [Fact]
    public void Parse_LanguageMappings_GiveEachLanguageAndKeepTheDefaultAccessors()
    {
        var result = ProcessMapLoader.Parse(Translated);
        var map = result.Map!;
        var demo = map.GetStage(new StageId("demo"));

        Assert.Empty(result.Errors);
        Assert.Equal("Demo", demo.Name);
        Assert.Equal("العرض التوضيحي", demo.NameFor("ar"));
        Assert.Equal("العرض التوضيحي", demo.NameFor("ar-SA"));
        Assert.Equal("Demo", demo.NameFor("en"));
        Assert.Equal("The buyer is qualified and a demo date is agreed.", demo.Entry);
        Assert.Equal("المشتري مؤهل واتُّفق على موعد العرض التوضيحي.", demo.EntryFor("ar"));
        Assert.Equal("Demo held with the buyer's team", demo.Checklist[0].Text);
        Assert.Equal("قُدّم العرض التوضيحي لفريق المشتري", demo.Checklist[0].TextFor("ar"));
        Assert.Equal("needs-unclear", demo.Branches[0].When);
        Assert.Equal("الاحتياجات غير واضحة", demo.Branches[0].WhenFor("ar"));
        Assert.Equal(["price", "timing"], map.Outcomes.LostReasons);
        Assert.Equal("السعر", map.Outcomes.LostReasonFor("price", "ar"));
    }

    [Fact]
    public void For_ALanguageWithoutText_FallsBackToTheMapLanguage()
    {
        var demo = ProcessMapLoader.Parse(Translated).Map!.GetStage(new StageId("demo"));

        Assert.Equal("Demo", demo.NameFor("fr"));
        Assert.Equal("Demo", demo.NameFor(null));
        Assert.Equal("Show only what the buyer asked for.", demo.ActivitiesFor("ar"));
    }

    [Fact]
    public void Parse_MapInArabic_ReadsPlainStringsAsArabic()
    {
        var yaml = "language: ar\n" + Replace(TestMaps.Small, ("    name: Demo\n", "    name: { ar: العرض التوضيحي, en: Demo }\n"));

        var map = ProcessMapLoader.Parse(yaml).Map!;

        Assert.Equal("ar", map.Language);
        Assert.Equal("العرض التوضيحي", map.GetStage(new StageId("demo")).Name);
        Assert.Equal("Demo", map.GetStage(new StageId("demo")).NameFor("en"));
    }

    [Fact]
    public void Parse_MappingWithoutTheMapLanguage_IsAnErrorAtTheMapping()
    {
        var result = ProcessMapLoader.Parse(Replace(TestMaps.Small, ("    name: Demo\n", "    name: { ar: العرض التوضيحي }\n")));

        Assert.Null(result.Map);
        // The one problem, told once: not also "stage 'demo' has no 'name'".
        Assert.Equal(
            "m.yaml:19:11: error: 'name' has no 'en' text: the map's language (language: en) is required, other languages are translations",
            Assert.Single(result.Diagnostics).Format("m.yaml"));
    }

    [Fact]
    public void Parse_UnknownLanguageCode_IsAnErrorWithLineAndColumn()
    {
        var result = ProcessMapLoader.Parse(Replace(TestMaps.Small, ("    name: Demo\n", "    name: { en: Demo, xx: Foo }\n")));

        Assert.Null(result.Map);
        Assert.Equal(
            "m.yaml:19:23: error: unknown language code 'xx': use a two-letter ISO 639 code such as en or ar",
            Assert.Single(result.Errors).Format("m.yaml"));
    }

    [Fact]
    public void Parse_UnknownMapLanguage_IsAnError()
    {
        var result = ProcessMapLoader.Parse("language: english\n" + TestMaps.Small);

        Assert.Equal("m.yaml:1:11: error: unknown language code 'english': use a two-letter ISO 639 code such as en or ar", Assert.Single(result.Errors).Format("m.yaml"));
    }

    [Fact]
    public void Parse_Kpis_AreTranslatableAndLintedLikeOtherTexts()
    {
        var result = ProcessMapLoader.Parse(Translated + "\nkpis:\n  - { en: win rate, ar: نسبة الفوز }\n  - cycle time\n");
        var kpis = result.Map!.Kpis;

        Assert.Equal(["win rate", "cycle time"], kpis.Select(k => k.Default));
        Assert.Equal(["نسبة الفوز", "cycle time"], kpis.Select(k => k.For("ar")));
        var warning = Assert.Single(result.Warnings, w => w.Message.Contains("\"cycle time\"", StringComparison.Ordinal));
        Assert.Equal("'kpi' \"cycle time\" has no 'ar' translation: write it as { en: …, ar: … }", warning.Message);
        Assert.DoesNotContain(result.Warnings, w => w.Message.Contains("win rate", StringComparison.Ordinal));
    }

    [Fact]
    public void Lint_MapWithoutTranslations_HasNoTranslationWarnings()
    {
        Assert.DoesNotContain(ProcessMapLoader.Parse(TestMaps.Small).Warnings, w => w.Message.Contains("translation", StringComparison.Ordinal));
    }

    [Fact]
    public void Lint_PartlyTranslatedMap_WarnsAtEachUntranslatedTextForArabic()
    {
        var warnings = ProcessMapLoader.Parse(Translated).Warnings
            .Where(w => w.Message.Contains("translation", StringComparison.Ordinal))
            .Select(w => w.Format("m.yaml"))
            .ToList();

        Assert.Contains("m.yaml:7:11: warning: 'name' \"Qualify\" has no 'ar' translation: write it as { en: …, ar: … }", warnings);
        Assert.Contains(warnings, w => w.StartsWith("m.yaml:13:35: warning: 'text' \"Buyer's problem written down\" has no 'ar'", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.StartsWith("m.yaml:41:47: warning: 'a lost reason' \"timing\" has no 'ar'", StringComparison.Ordinal));
        // The translated ones are not flagged: stage demo's name (line 19), entry (20), item (27), branch (31).
        Assert.DoesNotContain(warnings, w => w.StartsWith("m.yaml:19:", StringComparison.Ordinal) || w.StartsWith("m.yaml:20:", StringComparison.Ordinal));
        Assert.All(warnings, w => Assert.Contains("'ar'", w, StringComparison.Ordinal));
    }

    [Fact]
    public void Lint_TeamLanguagesGiven_WarnsForThoseLanguagesOnly()
    {
        var result = ProcessMapLoader.Parse(Translated, ProcessMap.DefaultId, ["en", "fr-FR"]);
        var warnings = result.Warnings.Where(w => w.Message.Contains("translation", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(warnings);
        Assert.All(warnings, w => Assert.Contains("no 'fr' translation", w.Message, StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Line == 19 && w.Message.StartsWith("'name' \"Demo\"", StringComparison.Ordinal));
    }

    [Fact]
    public void ShippedMap_IsFullyTranslatedIntoArabic()
    {
        var result = ProcessMapLoader.Parse(ProcessMapLoader.DefaultYaml);
        var map = result.Map!;

        Assert.Empty(result.Errors);
        Assert.DoesNotContain(result.Warnings, w => w.Message.Contains("translation", StringComparison.Ordinal));
        Assert.Equal(14, map.Stages.Count);
        Assert.Equal("الاستكشاف", map.GetStage(new StageId("discovery")).NameFor("ar"));
        Assert.Equal("توقيع العقد", map.GetStage(new StageId("contract-signed")).NameFor("ar"));
        foreach (var stage in map.Stages)
        {
            AssertArabic(stage.NameFor("ar"));
            AssertArabic(stage.EntryFor("ar"));
            AssertArabic(stage.ActivitiesFor("ar"));
            Assert.All(stage.Checklist, i => AssertArabic(i.TextFor("ar")));
            Assert.All(stage.Branches, b => AssertArabic(b.WhenFor("ar")));
        }

        Assert.All(map.Outcomes.LostReasons, r => AssertArabic(map.Outcomes.LostReasonFor(r, "ar")));
    }

    [Fact]
    public void ShippedMap_MissingOneArabicText_IsWarnedAtItsLine()
    {
        var yaml = ProcessMapLoader.DefaultYaml.Replace("name: { en: Discovery, ar: الاستكشاف }", "name: Discovery", StringComparison.Ordinal);
        var line = yaml.Split('\n').ToList().FindIndex(l => l.Contains("name: Discovery", StringComparison.Ordinal)) + 1;

        var warning = Assert.Single(ProcessMapLoader.Parse(yaml).Warnings, w => w.Message.Contains("translation", StringComparison.Ordinal));

        Assert.Equal((line, 11), (warning.Line, warning.Column));
        Assert.Equal("'name' \"Discovery\" has no 'ar' translation: write it as { en: …, ar: … }", warning.Message);
    }

    private static void AssertArabic(string? text)
    {
        Assert.NotNull(text);
        Assert.Contains(text, c => c is >= '\u0600' and <= '\u06FF');
    }
}
