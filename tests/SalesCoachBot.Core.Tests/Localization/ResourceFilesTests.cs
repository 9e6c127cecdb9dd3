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

    private static readonly string[] AreaNames = [nameof(CoachingText), nameof(CardText), nameof(PipelineText), nameof(NudgeText), nameof(ErrorText), nameof(ListText), nameof(HomeText), nameof(ChartText)];

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

    private static void NoneOf(IEnumerable<string> found, string what)
    {
        var list = found.ToList();
        Assert.True(list.Count == 0, $"{what}: {string.Join(", ", list)}");
    }

    // say.Cards("Key") / Say.Errors("Key", …) / say.Count(Phrases.Area.Cards, "Key", n)
    [GeneratedRegex("""\.(?:(?<area>Coaching|Cards|Pipeline|Nudges|Errors|Lists|Home|Charts)\("(?<key>[A-Za-z0-9.]+)"|(?<count>Count)\(Phrases\.Area\.(?<area>Coaching|Cards|Pipeline|Nudges|Errors|Lists|Home|Charts), "(?<key>[A-Za-z0-9.]+)")""")]
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
