using System.Collections.Frozen;
using F23.StringSimilarity;
using SalesCoachBot.Core.ProcessMaps;

namespace SalesCoachBot.Core.Understanding;

/// <summary>Which stage a text names: one, several (ask which), or none (suggest the closest).</summary>
internal abstract record StageMatch
{
    private StageMatch()
    {
    }

    public sealed record Found(Stage Stage) : StageMatch;

    public sealed record Ambiguous(IReadOnlyList<Stage> Candidates) : StageMatch;

    public sealed record NotFound(Stage? Closest) : StageMatch;
}

/// <summary>
/// Matches stage text to a map stage by id, name, any part of a "Discovery / needs analysis" name,
/// initials ("SQL" → Sales qualified lead) and loose words with typos. Stateless and thread-safe.
/// </summary>
internal sealed class StageMatcher
{
    private static readonly JaroWinkler Similarity = new();

    private static readonly HashSet<string> Filler = new(StringComparer.Ordinal)
    {
        "the", "a", "an", "stage", "phase", "step", "of", "in", "is",
    };

    // "won", «مكسوبة»: the words of every language file's `won_stage` list, folded as typed text is.
    private static readonly Lazy<FrozenSet<string>> WonWords =
        new(() => LanguagePack.All.SelectMany(pack => pack.Words("won_stage")).ToFrozenSet(StringComparer.Ordinal));

    public StageMatch Match(ProcessMap map, string? text)
    {
        ArgumentNullException.ThrowIfNull(map);

        // "move Globex to won": the stage the map counts as won, whatever it is called there ("Contract signed").
        if (NamesWon(text) && map.FindStage(map.Won) is { } won)
        {
            return new StageMatch.Found(won);
        }

        return Match(map.OrderedStages(), text);
    }

    /// <summary>True when <paramref name="text"/> names won ("won", "the closed won stage", «المكسوبة») rather than a stage.</summary>
    internal static bool NamesWon(string? text) =>
        WonWords.Value.Contains(string.Join(' ', TextFolding.Words(text).Where(w => !Filler.Contains(w)).Select(ArabicText.WithoutArticle)));

    public StageMatch Match(IReadOnlyList<Stage> stages, string? text)
    {
        ArgumentNullException.ThrowIfNull(stages);
        var match = MatchWords(stages, TextFolding.Words(text));
        // «للعرض», «بالعرض» ("to / in the proposal"): a preposition glued to an Arabic stage name; the words without it,
        // only when as typed they name no single stage (a name may start with «ل» or «ب» itself).
        var unglued = TextFolding.Words(text).Select(ArabicText.WithoutGluedPreposition).ToList();
        return match is StageMatch.Found || unglued.SequenceEqual(TextFolding.Words(text))
            || MatchWords(stages, unglued) is not StageMatch.Found found
            ? match
            : found;
    }

    private StageMatch MatchWords(IReadOnlyList<Stage> stages, List<string> all)
    {
        var words = all.Where(w => !Filler.Contains(w)).ToList();
        if (words.Count == 0)
        {
            words = all;
        }

        if (words.Count == 0)
        {
            return new StageMatch.NotFound(null);
        }

        var compact = string.Concat(words);
        var names = stages.Select(s => (Stage: s, Names: NamesOf(s))).ToList();

        // Exactly an id, a name, a part of a name, or initials ("go live" = go-live, "sql").
        var exact = names.Where(n => n.Names.Any(name => name.Compact == compact || name.Initials == compact)).Select(n => n.Stage).ToList();
        if (exact.Count == 1)
        {
            return new StageMatch.Found(exact[0]);
        }

        if (exact.Count > 1)
        {
            return new StageMatch.Ambiguous(exact);
        }

        var scored = names
            .Select(n => (n.Stage, Tier: n.Names.Max(name => Tier(words, name.Words))))
            .Where(x => x.Tier != MatchKind.None)
            .ToList();
        if (scored.Count > 0)
        {
            var bestTier = scored.Max(x => x.Tier);
            var best = scored.Where(x => x.Tier == bestTier).Select(x => x.Stage).ToList();
            return best.Count == 1 ? new StageMatch.Found(best[0]) : new StageMatch.Ambiguous(best);
        }

        var key = string.Join(' ', words);
        var closest = names
            .Select(n => (n.Stage, Score: n.Names.Max(name => Similarity.Similarity(key, name.Key))))
            .Where(x => x.Score >= 0.75)
            .OrderByDescending(x => x.Score)
            .Select(x => x.Stage)
            .FirstOrDefault();
        return new StageMatch.NotFound(closest);
    }

    /// <summary>The worst fit of any typed word against the name's words: every typed word must fit something.</summary>
    internal static MatchKind Tier(IReadOnlyList<string> typed, IReadOnlyList<string> known)
    {
        if (known.Count == 0)
        {
            return MatchKind.None;
        }

        var tier = MatchKind.Exact;
        foreach (var word in typed)
        {
            var fit = known.Max(k => WordMatch.Compare(word, k));
            if (fit == MatchKind.None)
            {
                return MatchKind.None;
            }

            tier = fit < tier ? fit : tier;
        }

        return tier;
    }

    private static List<StageName> NamesOf(Stage stage)
    {
        var names = new List<StageName> { StageName.Of(TextFolding.Words(stage.Id.Value)) };

        // The name in each language the map writes it in ("العرض / عرض السعر" as well as "Proposal / quote").
        foreach (var name in stage.NameText.InEveryLanguage.Prepend(stage.Name).Distinct(StringComparer.Ordinal))
        {
            names.Add(StageName.Of(TextFolding.Words(name)));

            // "Discovery / needs analysis", "Proposal / estimate / quote": each part names the stage too.
            foreach (var part in name.Split(['/', '(', ')', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                names.Add(StageName.Of(TextFolding.Words(part)));
            }
        }

        return names;
    }

    private sealed record StageName(IReadOnlyList<string> Words, string Key, string Compact, string? Initials)
    {
        public static StageName Of(List<string> words) => new(
            words,
            string.Join(' ', words),
            string.Concat(words),
            words.Count >= 2 ? string.Concat(words.Select(w => w[0])) : null);
    }
}
