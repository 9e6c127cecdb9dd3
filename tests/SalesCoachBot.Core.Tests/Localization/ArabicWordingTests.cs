using System.Text.RegularExpressions;
using System.Xml.Linq;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Tests.Fakes;

namespace SalesCoachBot.Core.Tests.Localization;

/// <summary>
/// Arabic wording a reader trips over: a count put straight before a noun whose form depends on it, where the text has
/// no plural forms; a detached «ب» or a «لـ» before a placeholder that may hold an Arabic word; an English command in an
/// Arabic example; digits beside a Latin name, which the bidi isolate then carries to the wrong side of the name.
/// </summary>
public sealed partial class ArabicWordingTests : IDisposable
{
    private readonly BotHarness _bot = new(ProcessMapLoader.Default);

    public void Dispose() => _bot.Dispose();

    private static string Folder => Path.Combine(ResourceFilesTests.RepoRoot(), "src", "SalesCoachBot.Core", "Localization");

    private static IEnumerable<(string Key, string Text)> Arabic() =>
        Directory.GetFiles(Folder, "*.ar.resx").SelectMany(file => XDocument.Load(file).Root!.Elements("data")
            .Select(d => ($"{Path.GetFileName(file)}/{(string)d.Attribute("name")!}", (string?)d.Element("value") ?? string.Empty)));

    // {0} is a stage name here, or a fixed number (5) whose noun form is right.
    private static readonly HashSet<string> NotARawCount = ["PipelineText.ar.resx/Reverse.Top.Covered", "PipelineText.ar.resx/Weighting.PositionNote"];

    [Fact]
    public void ArabicTexts_NoCountedNounAfterARawCount_NoDetachedBa_NoLamBeforeAPlaceholder_NoEnglishCommand()
    {
        var wrong = Arabic()
            .Where(e => !PluralForm().IsMatch(e.Key) && !NotARawCount.Contains(e.Key) && CountThenNoun().IsMatch(e.Text)
                || DetachedBa().IsMatch(e.Text)
                || LamBeforePlaceholder().IsMatch(e.Text)
                || EnglishCommand().IsMatch(e.Text))
            .Select(e => $"{e.Key}: {e.Text}")
            .ToList();

        Assert.True(wrong.Count == 0, "Arabic texts to reword:\n" + string.Join("\n", wrong));
    }

    [Fact]
    public async Task ArabicHelp_ExamplesIsolateOnlyTheDealName()
    {
        var help = (await _bot.AskAsync("مساعدة", _bot.Rep)).Text;

        Assert.Contains("«اتصلت بـ ⁨Initech⁩ / ", help, StringComparison.Ordinal);
        Assert.Contains("«أجّل ⁨Initech⁩ ثلاثة أيام / ", help, StringComparison.Ordinal);
        Assert.DoesNotContain("Initech 3", help, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ArabicPipeline_HeaderNamesTheAudienceWithoutALamJoinedToAnArabicWord()
    {
        var pipeline = (await _bot.AskAsync("خط المبيعات", _bot.Rep)).Text;

        Assert.StartsWith("خط المبيعات: صفقاتك · ", pipeline, StringComparison.Ordinal);
        Assert.DoesNotContain("لـصفقاتك", pipeline, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NewDeal_OnTrackStatus_SaysLessThanADayNotZeroDays()
    {
        _bot.AddDeal("9001", "Fresh Co", "discovery", daysInStage: 0);

        var arabic = (await _bot.AskAsync("ما التالي لصفقة Fresh Co", _bot.Rep)).Text;
        var english = (await _bot.AskAsync("what's next for Fresh Co", _bot.Rep)).Text;

        Assert.Contains("أقل من يوم في المرحلة", arabic, StringComparison.Ordinal);
        Assert.Contains("وآخر نشاط قبل أقل من يوم", arabic, StringComparison.Ordinal);
        Assert.DoesNotContain("0 يوم", arabic, StringComparison.Ordinal);
        Assert.Contains("less than a day in stage", english, StringComparison.Ordinal);
        Assert.Contains("last activity less than a day ago", english, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\.(Zero|One|Two|Few|Many|Other)$")]
    private static partial Regex PluralForm();

    // The count's noun would need its dual, few (3–10) or many (11–99) form: «7 صفقات» but «11 صفقة», «2 صفقات».
    [GeneratedRegex(@"\{\d\} (صفقات|خطوات|أجزاء|أسطر|سطرًا|بنود|فرق|أخطاء)(\s|$|[.،)])")]
    private static partial Regex CountThenNoun();

    [GeneratedRegex(@"(^|[\s`«])ب [A-Za-z]")]
    private static partial Regex DetachedBa();

    [GeneratedRegex(@"(?<!ا)لـ\{\d\}")]
    private static partial Regex LamBeforePlaceholder();

    [GeneratedRegex(@"`/coach [a-z]")]
    private static partial Regex EnglishCommand();
}
