using F23.StringSimilarity;
using SalesCoachBot.Core.ProcessMaps;

namespace SalesCoachBot.Core.Understanding;

/// <summary>Which of a stage's branches a text names: one, several (ask which), or none (suggest the closest).</summary>
internal abstract record BranchMatch
{
    private BranchMatch()
    {
    }

    public sealed record Found(Branch Branch) : BranchMatch;

    public sealed record Ambiguous(IReadOnlyList<Branch> Candidates) : BranchMatch;

    public sealed record NotFound(Branch? Closest) : BranchMatch;
}

/// <summary>
/// Matches words ("not a fit", "disqualified", "not now") to a branch's <c>when</c> the way <see cref="StageMatcher"/>
/// matches stages: exactly, then every typed word fitting the <c>when</c> (prefixes and typos allowed), then every word
/// of the <c>when</c> found among what was typed ("not a good fit"). A negation typed where the <c>when</c> has none
/// ("not disqualified") never matches. Stateless and thread-safe.
/// </summary>
internal static class BranchMatcher
{
    private static readonly JaroWinkler Similarity = new();

    private static readonly HashSet<string> Filler = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "really", "just", "actually", "clearly", "totally", "good", "great", "real", "branch", "deal",
    };

    private static readonly HashSet<string> Negations = new(StringComparer.Ordinal) { "not", "no", "isnt", "never", "nt" };

    /// <summary>The branch's <c>when</c> as words people would say: "not-a-fit" → "not a fit".</summary>
    public static string Words(Branch branch) => string.Join(' ', TextFolding.Words(branch.When));

    public static BranchMatch Match(IReadOnlyList<Branch> branches, string text)
    {
        var typed = Meaningful(TextFolding.Words(text));
        if (typed.Count == 0 || branches.Count == 0)
        {
            return new BranchMatch.NotFound(null);
        }

        var known = branches.Select(b => (Branch: b, Words: Meaningful(TextFolding.Words(b.When)))).ToList();
        var compact = string.Concat(typed);
        var exact = known.Where(k => string.Concat(k.Words) == compact).Select(k => k.Branch).ToList();
        if (exact.Count > 0)
        {
            return One(exact);
        }

        var negated = typed.Any(Negations.Contains);
        var fitting = Best(known.Where(k => negated == k.Words.Any(Negations.Contains)).Select(k => (k.Branch, Tier: StageMatcher.Tier(typed, k.Words))));
        if (fitting.Count > 0)
        {
            return One(fitting);
        }

        var covered = Best(known.Where(k => negated == k.Words.Any(Negations.Contains)).Select(k => (k.Branch, Tier: StageMatcher.Tier(k.Words, typed))));
        if (covered.Count > 0)
        {
            return One(covered);
        }

        // "nurture Initech": the stage's one branch that leads there.
        var target = known.Where(k => k.Branch.To.IsReserved && k.Branch.To.Value == compact).Select(k => k.Branch).ToList();
        if (target.Count > 0)
        {
            return One(target);
        }

        var key = string.Join(' ', typed);
        var closest = known
            .Select(k => (k.Branch, Score: Similarity.Similarity(key, string.Join(' ', k.Words))))
            .Where(x => x.Score >= 0.8)
            .OrderByDescending(x => x.Score)
            .Select(x => x.Branch)
            .FirstOrDefault();
        return new BranchMatch.NotFound(closest);
    }

    private static BranchMatch One(List<Branch> found) =>
        found.Count == 1 ? new BranchMatch.Found(found[0]) : new BranchMatch.Ambiguous(found);

    private static List<Branch> Best(IEnumerable<(Branch Branch, MatchKind Tier)> scored)
    {
        var fits = scored.Where(x => x.Tier != MatchKind.None).ToList();
        if (fits.Count == 0)
        {
            return [];
        }

        var best = fits.Max(x => x.Tier);
        return [.. fits.Where(x => x.Tier == best).Select(x => x.Branch)];
    }

    private static List<string> Meaningful(List<string> words)
    {
        var kept = words.Where(w => !Filler.Contains(w)).ToList();
        return kept.Count > 0 ? kept : words;
    }
}
