using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Reflection;
using YamlDotNet.RepresentationModel;

namespace SalesCoachBot.Core.Understanding;

/// <summary>
/// What the bot knows about one language, read from <c>Languages/&lt;code&gt;.yaml</c> (embedded): example
/// phrasings per command (with <c>{slot}</c> markers), filler words, shorthand, synonyms, and the named word
/// sets the slot readers use. Loaded once; immutable and thread-safe.
/// </summary>
internal sealed class LanguagePack
{
    private static readonly Lazy<IReadOnlyList<LanguagePack>> Loaded = new(() => [Load("en"), Load("ar")]);

    // Typo correction looks at every keyword; its answer is kept per word (bounded: cleared when it fills).
    private readonly ConcurrentDictionary<string, string> _corrected = new(StringComparer.Ordinal);
    private const int MaxCorrected = 20_000;

    private readonly FrozenDictionary<string, FrozenSet<string>> _sets;

    private LanguagePack(string code, YamlMappingNode root)
    {
        Code = code;
        Aliases = Map(root, "aliases");
        Synonyms = Map(root, "synonyms");
        StageNames = Map(root, "stage_names");
        AmountUnits = Map(root, "amount_units");
        AmountWords = Map(root, "amount_words");
        Currencies = Map(root, "currencies");
        TargetPeriods = Map(root, "target_periods");
        BranchNames = Map(root, "branch_names");
        TimeWords = Map(root, "time_words");
        DateWords = Map(root, "date_words");
        StepNouns = Child(root, "step_nouns").Children.ToFrozenDictionary(
            p => Lower(((YamlScalarNode)p.Key).Value!), p => ((YamlScalarNode)p.Value).Value!, StringComparer.Ordinal);
        PeriodUnits = Numbers(root, "period_units");
        MonthNames = Numbers(root, "month_names");
        QuarterNames = Numbers(root, "quarter_names");
        Protected = Set(List(root, "protected"));
        HelpTopics = KeyedByWords(root, "help_topics");
        TimeZones = KeyedByWords(root, "time_zones");
        Suggestions = Child(root, "suggest").Children.ToFrozenDictionary(
            p => ((YamlScalarNode)p.Key).Value!, p => ((YamlScalarNode)p.Value).Value!, StringComparer.Ordinal);
        var fillers = Child(root, "fillers");
        LeadingFiller = Phrases(List(fillers, "leading"));
        ShowFiller = Phrases(List(fillers, "show"));
        TrailingFiller = Phrases(List(fillers, "trailing"));
        var words = Child(root, "words");
        _sets = words.Children.ToFrozenDictionary(
            p => ((YamlScalarNode)p.Key).Value!,
            p => Set(((YamlSequenceNode)p.Value).Children.Select(n => Lower(((YamlScalarNode)n).Value!))),
            StringComparer.Ordinal);

        var commands = new List<(string Command, string Example)>();
        foreach (var (key, value) in Child(root, "commands").Children)
        {
            var command = ((YamlScalarNode)key).Value!;
            foreach (var example in ((YamlSequenceNode)value).Children)
            {
                commands.Add((command, ((YamlScalarNode)example).Value!));
            }
        }

        Examples = commands;

        // Keywords (typo-correction targets): every word the examples are written with, plus the listed extras.
        var keywords = new HashSet<string>(List(root, "keywords").Select(Lower), StringComparer.Ordinal);
        foreach (var (_, example) in commands)
        {
            foreach (var part in example.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (!part.StartsWith('{'))
                {
                    foreach (var token in Sentence.Tokenize(part))
                    {
                        keywords.Add(Resolve(token.Lower));
                    }
                }
            }
        }

        if (IsArabic)
        {
            // "لصفقة" in one example and "صفقة" in another are one word: keep the bare form as the keyword.
            foreach (var word in keywords.ToList())
            {
                if (!Protected.Contains(word) && ArabicText.WithoutPrefixes(word, 3).Any(keywords.Contains))
                {
                    keywords.Remove(word);
                }
            }
        }

        Keywords = keywords.ToFrozenSet(StringComparer.Ordinal);
    }

    /// <summary>English, then Arabic.</summary>
    public static IReadOnlyList<LanguagePack> All => Loaded.Value;

    public static LanguagePack English => All[0];

    public static LanguagePack Arabic => All[1];

    /// <summary>"en", "ar": the code put on every understood command.</summary>
    public string Code { get; }

    public bool IsArabic => Code == "ar";

    public IReadOnlyList<(string Command, string Example)> Examples { get; }

    public FrozenDictionary<string, string> Aliases { get; }

    /// <summary>Words that mean the same for understanding ("وش", "شو", "ايش" → one word).</summary>
    public FrozenDictionary<string, string> Synonyms { get; }

    /// <summary>Stage names in this language → the words the map's stages carry (until maps carry translations).</summary>
    public FrozenDictionary<string, string> StageNames { get; }

    public FrozenDictionary<string, string> AmountUnits { get; }

    /// <summary>An amount said in one word, with no digits ("million", «مليونين») → the words the amount reader takes.</summary>
    public FrozenDictionary<string, string> AmountWords { get; }

    /// <summary>Per command, the wording offered when the bot did not understand ("what's next for Initech").</summary>
    public FrozenDictionary<string, string> Suggestions { get; }

    /// <summary>"help snooze": the words (folded, one or two) that name a command → its key in the help (Help.Cmd.*).</summary>
    public FrozenDictionary<string, string> HelpTopics { get; }

    /// <summary>"3pm Dubai time", «بتوقيت دبي»: a zone's name or abbreviation (folded) → its IANA id (DateInWords).</summary>
    public FrozenDictionary<string, string> TimeZones { get; }

    /// <summary>Currency words in this language and the ISO code they mean ("دولار" → usd); English reads its own (MoneyText).</summary>
    public FrozenDictionary<string, string> Currencies { get; }

    /// <summary>The word this language says a currency with (EUR → «يورو»), the shortest of its words; null when it has none.</summary>
    public string? CurrencyWord(string code) =>
        Currencies.Where(c => string.Equals(c.Value, code, StringComparison.OrdinalIgnoreCase))
            .Select(c => c.Key)
            .OrderBy(w => w.Length)
            .ThenBy(w => w, StringComparer.Ordinal)
            .FirstOrDefault();

    /// <summary>A target's period as said ("هذا الربع") and the English words the period reader takes ("this quarter").</summary>
    public FrozenDictionary<string, string> TargetPeriods { get; }

    public FrozenDictionary<string, int> PeriodUnits { get; }

    /// <summary>A month's name in this language, one or two words ("november", "nov", «نوفمبر», «تشرين الثاني») → its number, 1–12.</summary>
    public FrozenDictionary<string, int> MonthNames { get; }

    /// <summary>A quarter's name in this language, one or two words ("q3", "third quarter", «الربع الثالث») → its number, 1–4.</summary>
    public FrozenDictionary<string, int> QuarterNames { get; }

    /// <summary>A branch of the map as said in this language ("مش مناسبه") → the words the map's <c>when</c> carries ("not a fit").</summary>
    public FrozenDictionary<string, string> BranchNames { get; }

    /// <summary>Words of a snooze's time in this language ("اسبوعين", "لحد", "الاحد") → the English words <see cref="SnoozeDates"/> reads.</summary>
    public FrozenDictionary<string, string> TimeWords { get; }

    /// <summary>A next step's date words in this language, one or two at a time («غدا», «الأسبوع الجاي») → the English words <c>DateInWords</c> reads.</summary>
    public FrozenDictionary<string, string> DateWords { get; }

    public FrozenSet<string> Keywords { get; }

    public FrozenSet<string> Protected { get; }

    public IReadOnlyList<string[]> LeadingFiller { get; }

    public IReadOnlyList<string[]> ShowFiller { get; }

    public IReadOnlyList<string[]> TrailingFiller { get; }

    /// <summary>A named word set from the file's <c>words:</c> section (empty when absent).</summary>
    /// <summary>«أتصل» → «اتصال»: a reminder's first-person verb as the noun a next step is written with (kept as spelled).</summary>
    public FrozenDictionary<string, string> StepNouns { get; }

    public FrozenSet<string> Words(string name) => _sets.TryGetValue(name, out var set) ? set : FrozenSet<string>.Empty;

    /// <summary>Fills in each token's canonical form for this language.</summary>
    public List<Token> Canonicalize(IReadOnlyList<Token> tokens)
    {
        var result = new List<Token>(tokens.Count);
        foreach (var token in tokens)
        {
            result.Add(token with { Canon = Canonical(token.Lower) });
        }

        return result;
    }

    /// <summary>Shorthand expanded, synonyms applied, keyword typos corrected; anything else unchanged.</summary>
    public string Canonical(string lower)
    {
        if (_corrected.TryGetValue(lower, out var known))
        {
            return known;
        }

        var canonical = Correct(lower);
        if (_corrected.Count >= MaxCorrected)
        {
            _corrected.Clear();
        }

        _corrected[lower] = canonical;
        return canonical;
    }

    /// <summary>True when <paramref name="lower"/> was typo-corrected toward a keyword ("mars" → "mark"), not a synonym or shorthand.</summary>
    public bool WasCorrected(string lower) => !string.Equals(Canonical(lower), Resolve(lower), StringComparison.Ordinal);

    private string Resolve(string lower) =>
        Aliases.TryGetValue(lower, out var alias) ? alias : Synonyms.TryGetValue(lower, out var synonym) ? synonym : lower;

    private string Correct(string lower)
    {
        var word = Resolve(lower);
        if (!ReferenceEquals(word, lower) || Keywords.Contains(word) || Protected.Contains(word) || !IsAllLetters(word))
        {
            return word;
        }

        if (IsArabic)
        {
            // "بصفقه", "وصفقاتي": a glued conjunction or preposition in front of a known word.
            foreach (var rest in ArabicText.WithoutPrefixes(word, 3))
            {
                var resolved = Resolve(rest);
                if (Keywords.Contains(resolved))
                {
                    return resolved;
                }
            }
        }

        // Arabic words are short and dense: only longer ones are typo-corrected.
        var minLength = IsArabic ? 5 : 4;
        if (word.Length < minLength)
        {
            return word;
        }

        string? best = null;
        var bestDistance = double.MaxValue;
        var maxEdits = WordMatch.MaxEdits(word.Length);
        foreach (var keyword in Keywords)
        {
            // Typos rarely hit the first letter; names that merely resemble a command word often differ there
            // ("Quinmark" is not "unmark").
            if (keyword.Length < minLength || Math.Abs(keyword.Length - word.Length) > maxEdits || keyword[0] != word[0])
            {
                continue;
            }

            var distance = WordMatch.EditDistance(word, keyword);
            if (distance <= maxEdits && distance < bestDistance)
            {
                best = keyword;
                bestDistance = distance;
            }
        }

        return best ?? word;
    }

    private static bool IsAllLetters(string word)
    {
        foreach (var c in word)
        {
            if (!char.IsLetter(c))
            {
                return false;
            }
        }

        return true;
    }

    private static LanguagePack Load(string code)
    {
        var name = $"SalesCoachBot.Core.Languages.{code}.yaml";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The language file {name} is not embedded.");
        using var reader = new StreamReader(stream);
        var yaml = new YamlStream();
        yaml.Load(reader);
        return new LanguagePack(code, (YamlMappingNode)yaml.Documents[0].RootNode);
    }

    /// <summary>A word as the language files' keys are kept: Arabic normalised, folded, lower case, no apostrophes.</summary>
    internal static string Lower(string text) => TextFolding.Fold(ArabicText.Normalize(text).Replace("'", string.Empty, StringComparison.Ordinal).ToLowerInvariant());

    private static YamlMappingNode Child(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) && child is YamlMappingNode map ? map : new YamlMappingNode();

    private static IEnumerable<string> List(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) && child is YamlSequenceNode list
            ? list.Children.Select(n => ((YamlScalarNode)n).Value!)
            : [];

    /// <summary>A map whose keys are words (folded as typed words are) and whose values are ids, kept as written.</summary>
    private static FrozenDictionary<string, string> KeyedByWords(YamlMappingNode node, string key) =>
        Child(node, key).Children.ToFrozenDictionary(
            p => Lower(((YamlScalarNode)p.Key).Value!), p => ((YamlScalarNode)p.Value).Value!, StringComparer.Ordinal);

    private static FrozenDictionary<string, string> Map(YamlMappingNode node, string key) =>
        Child(node, key).Children.ToFrozenDictionary(
            p => Lower(((YamlScalarNode)p.Key).Value!),
            p => Lower(((YamlScalarNode)p.Value).Value!),
            StringComparer.Ordinal);

    private static FrozenDictionary<string, int> Numbers(YamlMappingNode node, string key) =>
        Map(node, key).ToFrozenDictionary(p => p.Key, p => int.Parse(p.Value, System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal);

    private static FrozenSet<string> Set(IEnumerable<string> words) => words.Select(Lower).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Filler phrases as word arrays, longest first so "quick question" goes before "question".</summary>
    private static List<string[]> Phrases(IEnumerable<string> phrases) =>
        [.. phrases.Select(p => Sentence.Tokenize(p).Select(t => t.Lower).ToArray()).Where(p => p.Length > 0).OrderByDescending(p => p.Length)];
}
