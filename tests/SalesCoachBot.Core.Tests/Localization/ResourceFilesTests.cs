using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using SalesCoachBot.Core.Localization;

namespace SalesCoachBot.Core.Tests.Localization;

/// <summary>
/// The resource files themselves (Localization/*.resx, read from the source tree): every English text has its Arabic
/// one, none is empty, both use the same placeholders, and every key the code asks for exists.
/// </summary>
public sealed partial class ResourceFilesTests
{
    internal static string RepoRoot([CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", ".."));

    private static string Folder => Path.Combine(RepoRoot(), "src", "SalesCoachBot.Core", "Localization");

    private static readonly string[] AreaNames = [nameof(CoachingText), nameof(CardText), nameof(PipelineText), nameof(NudgeText), nameof(ErrorText), nameof(ListText), nameof(HomeText), nameof(ChartText), nameof(MapText)];

    public static TheoryData<string> Areas() => new(AreaNames);

    private static Dictionary<string, string> Read(string file) =>
        XDocument.Load(file).Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? string.Empty, StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(Areas))]
    public void Arabic_EveryEnglishKey_PresentNotEmptySamePlaceholders(string area)
    {
        var english = Read(Path.Combine(Folder, area + ".resx"));
        var arabic = Read(Path.Combine(Folder, area + ".ar.resx"));

        Assert.NotEmpty(english);
        NoneOf(english.Keys.Where(k => !arabic.ContainsKey(k)), "English keys without Arabic");
        NoneOf(english.Where(e => string.IsNullOrWhiteSpace(e.Value)).Select(e => e.Key), "empty English texts");
        NoneOf(arabic.Where(e => string.IsNullOrWhiteSpace(e.Value)).Select(e => e.Key), "empty Arabic texts");
        NoneOf(arabic.Keys.Where(k => !english.ContainsKey(k) && !IsArabicPluralForm(k, english)), "Arabic keys English does not have");
        foreach (var (key, text) in english.Where(e => arabic.ContainsKey(e.Key) && !e.Key.EndsWith(".One", StringComparison.Ordinal)))
        {
            // A dual or "one" form may say the number in words; the general forms keep every placeholder.
            Assert.True(Placeholders(text).SetEquals(Placeholders(arabic[key])), $"{area}/{key}: English {string.Join(",", Placeholders(text))}, Arabic {string.Join(",", Placeholders(arabic[key]))}");
        }

        NoneOf(arabic.Where(e => !e.Value.Any(Bidi.IsArabicLetter) && !IsLayoutOnly(e.Value)).Select(e => e.Key), "Arabic texts with no Arabic in them");
    }

    [Theory]
    [MemberData(nameof(Areas))]
    public void English_OneForms_SayTheNounInTheSingular(string area)
    {
        var english = Read(Path.Combine(Folder, area + ".resx"));

        // "1 new deals", "the last 1 days": a count of one followed (maybe after one word) by a plural noun.
        NoneOf(english.Where(e => e.Key.EndsWith(".One", StringComparison.Ordinal) && OneWithPluralNoun().IsMatch(e.Value)).Select(e => $"{e.Key}: {e.Value}"),
            "English one-forms with a plural noun");
    }

    [GeneratedRegex(@"(\{0\}|\b1) (\w+ )?(days|deals|years|months|weeks|hours|items|stages|errors|teams|entries|notes|people|reps|wins)\b")]
    private static partial Regex OneWithPluralNoun();

    [Fact]
    public void Code_EveryKeyItAsksFor_Exists()
    {
        var keys = AreaNames.ToDictionary(a => a, a => Read(Path.Combine(Folder, a + ".resx")));
        var areaOf = new Dictionary<string, string>
        {
            ["Coaching"] = nameof(CoachingText),
            ["Cards"] = nameof(CardText),
            ["Pipeline"] = nameof(PipelineText),
            ["Nudges"] = nameof(NudgeText),
            ["Errors"] = nameof(ErrorText),
            ["Lists"] = nameof(ListText),
            ["Home"] = nameof(HomeText),
            ["Charts"] = nameof(ChartText),
            ["Maps"] = nameof(MapText),
        };
        var missing = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepoRoot(), "src"), "*.cs", SearchOption.AllDirectories))
        {
            var code = File.ReadAllText(file);
            foreach (Match m in Asked().Matches(code))
            {
                var area = areaOf[m.Groups["area"].Value];
                var key = m.Groups["key"].Value;
                // A key built from a prefix ("Help.Cmd." + name) must at least have texts under that prefix.
                var found = key.EndsWith('.') ? keys[area].Keys.Any(k => k.StartsWith(key, StringComparison.Ordinal))
                    : m.Groups["count"].Success ? keys[area].ContainsKey(key + ".Other") : keys[area].ContainsKey(key);
                if (!found)
                {
                    missing.Add($"{Path.GetFileName(file)}: {area}/{key}");
                }
            }
        }

        NoneOf(missing, "keys the code asks for that no resource has");
    }

    /// <summary>
    /// The map checks name their texts by key (<c>sink.Error(pos, "Stage.NoId")</c>, <c>new MapPhrase("Part.Stage", id)</c>),
    /// not through a <c>say.Maps("…")</c> call the test above reads: every key-like literal in the code that makes
    /// findings must be a MapText key, and every MapText key must be in that code, so a scan that found nothing fails.
    /// </summary>
    [Fact]
    public void MapChecks_EveryKeyTheyUse_Exists_AndEveryMapTextIsUsed()
    {
        string[] findingCode =
        [
            "ProcessMaps/ProcessMapRules.cs", "ProcessMaps/ProcessMapReader.cs", "ProcessMaps/ProcessMapLoader.cs",
            "ProcessMaps/ReloadingProcessMapSource.cs", "ProcessMaps/ItemOutcome.cs", "ProcessMaps/MapDiagnostic.cs", "Crm/CrmStageMap.cs",
        ];
        var texts = Read(Path.Combine(Folder, nameof(MapText) + ".resx"));
        var used = new HashSet<string>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var file in findingCode)
        {
            var lines = File.ReadAllLines(Path.Combine(RepoRoot(), "src", "SalesCoachBot.Core", file));
            foreach (var line in lines.Where(l => !l.TrimStart().StartsWith("//", StringComparison.Ordinal)))
            {
                foreach (var key in MapTextKey().Matches(line).Select(m => m.Groups["key"].Value))
                {
                    used.Add(key);
                    if (!texts.ContainsKey(key))
                    {
                        missing.Add($"{file}: {key}");
                    }
                }
            }
        }

        NoneOf(missing, "map finding keys MapText.resx does not have");
        NoneOf(texts.Keys.Where(k => !used.Contains(k)), "MapText keys no map check uses");
    }

    // "Stage.NoId", "Part.AtLine": a string literal shaped like a resource key.
    [GeneratedRegex(@"""(?<key>[A-Z][A-Za-z0-9]*(?:\.[A-Z][A-Za-z0-9]*)+)""")]
    private static partial Regex MapTextKey();

    private static void NoneOf(IEnumerable<string> found, string what)
    {
        var list = found.ToList();
        Assert.True(list.Count == 0, $"{what}: {string.Join(", ", list)}");
    }

    // say.Cards("Key") / Say.Errors("Key", …) / say.Count(Phrases.Area.Cards, "Key", n)
    [GeneratedRegex("""\.(?:(?<area>Coaching|Cards|Pipeline|Nudges|Errors|Lists|Home|Charts|Maps)\("(?<key>[A-Za-z0-9.]+)"|(?<count>Count)\(Phrases\.Area\.(?<area>Coaching|Cards|Pipeline|Nudges|Errors|Lists|Home|Charts|Maps), "(?<key>[A-Za-z0-9.]+)")""")]
    private static partial Regex Asked();

    private static HashSet<string> Placeholders(string text) => [.. PlaceholderPattern().Matches(text).Select(m => m.Groups[1].Value)];

    [GeneratedRegex(@"\{(\d+)(?:[,:][^}]*)?\}")]
    private static partial Regex PlaceholderPattern();

    private static bool IsArabicPluralForm(string key, Dictionary<string, string> english) =>
        key.LastIndexOf('.') is var dot and > 0 && key[dot..] is ".Zero" or ".One" or ".Two" or ".Few" or ".Many"
        && english.ContainsKey(key[..dot] + ".Other");

    /// <summary>Texts that are only placeholders and punctuation ("{0} — {1}"): nothing to translate.</summary>
    private static bool IsLayoutOnly(string text) => !PlaceholderPattern().Replace(text, string.Empty).Any(char.IsLetter)
        || PlaceholderPattern().Replace(text, string.Empty).Replace(":white_check_mark:", string.Empty, StringComparison.Ordinal).All(c => !char.IsLetter(c));
}
