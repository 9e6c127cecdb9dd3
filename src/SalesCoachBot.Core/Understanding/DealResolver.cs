using F23.StringSimilarity;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Domain;

namespace SalesCoachBot.Core.Understanding;

/// <summary>
/// Finds the deal a person meant: by external id exactly, or by a loose name (case, punctuation, word
/// prefixes, typos, account names). Several equally good fits are <see cref="DealResolution.Ambiguous"/>
/// (never a silent guess) unless the text is exactly one deal's name; open deals win over closed ones.
/// Stateless and thread-safe.
/// </summary>
public sealed class DealResolver
{
    /// <summary>Most deals offered in one choice list.</summary>
    public const int MaxChoices = 10;

    // Below this many deals a full scan for "did you mean" costs less than a millisecond.
    private const int FullScanLimit = 5_000;
    private const double ClosestMinSimilarity = 0.75;
    private const int RankSimilarityLimit = 200;

    private static readonly JaroWinkler Similarity = new();

    private static readonly HashSet<string> QueryFiller = new(StringComparer.Ordinal)
    {
        "the", "deal", "account", "opportunity", "opp", "a", "an",
    };

    /// <summary>Resolves against a candidate list (indexed for this call; keep a <see cref="DealNameIndex"/> for many calls).</summary>
    public DealResolution Resolve(DealReference reference, IReadOnlyList<DealNameEntry> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        using var index = new DealNameIndex(candidates);
        return Resolve(reference, index);
    }

    /// <summary>Resolves among the indexed deals, optionally only those <paramref name="scope"/> allows.</summary>
    public DealResolution Resolve(DealReference reference, DealNameIndex index, DealScope? scope = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(index);
        Func<DealNameEntry, bool> allowed = scope is null ? _ => true : scope.Allows;
        return reference switch
        {
            ExternalIdReference id => index.Read(r => ByExternalId(r, id.ExternalId, allowed)),
            NameReference name => index.Read(r => ByName(r, name.Text, allowed)),

            // The conversation's linked deal is looked up by the caller; resolving it here would be a bug.
            _ => throw new ArgumentException("Only ids and names can be resolved; the linked deal comes from the conversation.", nameof(reference)),
        };
    }

    private static DealResolution ByExternalId(DealNameIndex.Reader index, string externalId, Func<DealNameEntry, bool> allowed)
    {
        var matches = index.WithExternalId(externalId.Trim().TrimStart('#')).Select(id => index.Get(id).Entry).Where(allowed).ToList();
        return Choose(matches, _ => 0) ?? new DealResolution.NotFound(null);
    }

    private static DealResolution ByName(DealNameIndex.Reader index, string text, Func<DealNameEntry, bool> allowed)
    {
        var words = TextFolding.Words(text);
        if (words.Count == 0)
        {
            return new DealResolution.NotFound(null);
        }

        // Typed exactly as a deal's (or its account's) name: that deal, even when longer names share its words.
        var exact = index.WithKey(DealNameIndex.KeyOf(words)).Select(id => index.Get(id).Entry).Where(allowed).ToList();
        if (Choose(exact, _ => 0) is { } exactChoice)
        {
            return exactChoice;
        }

        var meaningful = words.Where(w => !QueryFiller.Contains(w)).ToList();
        if (meaningful.Count == 0)
        {
            meaningful = words;
        }

        var perWord = meaningful.Select(w => index.WordsMatching(w)).ToList();
        var known = Enumerable.Range(0, meaningful.Count).Where(i => perWord[i].Count > 0).ToList();
        var queryKey = DealNameIndex.KeyOf(words);
        if (known.Count == 0)
        {
            return ByExternalIdText(index, text, allowed) ?? new DealResolution.NotFound(Closest(index, meaningful, queryKey, allowed));
        }

        // Candidates come from the word with the fewest deals; every other word is checked against the candidate's own words.
        var seed = known.MinBy(i => perWord[i].Keys.Sum(w => index.WithWord(w).Count));
        var scored = new List<(DealNameIndex.IndexedDeal Deal, MatchKind Tier, int Matched)>();
        foreach (var id in perWord[seed].Keys.SelectMany(index.WithWord).Distinct())
        {
            var deal = index.Get(id);
            if (!allowed(deal.Entry))
            {
                continue;
            }

            var tier = MatchKind.Exact;
            var matched = 0;
            foreach (var typed in meaningful)
            {
                var fit = deal.Words.Max(w => WordMatch.Compare(typed, w));
                if (fit == MatchKind.None)
                {
                    tier = MatchKind.None;
                }
                else
                {
                    matched++;
                    tier = fit < tier ? fit : tier;
                }
            }

            scored.Add((deal, tier, matched));
        }

        var complete = scored.Where(s => s.Tier != MatchKind.None).ToList();
        if (complete.Count == 0)
        {
            // Some words fit nothing: offer the best partial fit as a suggestion, never as the answer.
            var partial = scored.OrderByDescending(s => s.Matched)
                .ThenByDescending(s => s.Deal.Entry.Status == DealStatus.Open)
                .ThenByDescending(s => Similarity.Similarity(queryKey, s.Deal.NameKey))
                .Select(s => s.Deal.Entry)
                .FirstOrDefault();
            return ByExternalIdText(index, text, allowed) ?? new DealResolution.NotFound(partial ?? Closest(index, meaningful, queryKey, allowed));
        }

        var bestTier = complete.Max(s => s.Tier);
        var best = complete.Where(s => s.Tier == bestTier).ToList();
        // Order a choice list by how alike the names are; for a huge list ("corp") shorter names first is enough.
        var coverage = best.Count <= RankSimilarityLimit
            ? best.ToDictionary(s => s.Deal.Entry.Id, s => Similarity.Similarity(queryKey, s.Deal.NameKey))
            : best.ToDictionary(s => s.Deal.Entry.Id, s => 1.0 / s.Deal.Words.Length);
        return Choose([.. best.Select(s => s.Deal.Entry)], e => -coverage[e.Id])!;
    }

    /// <summary>One deal → found; several → open ones first, then a choice list ordered by <paramref name="rank"/>.</summary>
    private static DealResolution? Choose(List<DealNameEntry> matches, Func<DealNameEntry, double> rank)
    {
        if (matches.Count == 0)
        {
            return null;
        }

        var open = matches.Where(m => m.Status == DealStatus.Open).ToList();
        var pool = open.Count > 0 ? open : matches;
        if (pool.Count == 1)
        {
            return new DealResolution.Found(pool[0]);
        }

        var ordered = pool.OrderBy(rank).ThenBy(m => m.Name.Length).ThenBy(m => m.Name, StringComparer.OrdinalIgnoreCase)
            .Take(MaxChoices).ToList();
        return new DealResolution.Ambiguous(ordered);
    }

    // "D-1042" typed where a name was expected.
    private static DealResolution? ByExternalIdText(DealNameIndex.Reader index, string text, Func<DealNameEntry, bool> allowed) =>
        ByExternalId(index, text, allowed) as DealResolution.Found;

    /// <summary>A "did you mean" suggestion: small lists are scanned whole, large ones through near-miss words.</summary>
    private static DealNameEntry? Closest(DealNameIndex.Reader index, IReadOnlyList<string> words, string queryKey, Func<DealNameEntry, bool> allowed)
    {
        var candidates = words
            .SelectMany(w => index.WordsNear(w))
            .SelectMany(index.WithWord)
            .Distinct()
            .Select(index.Get);
        var pool = index.Count <= FullScanLimit ? index.All : candidates;
        return pool
            .Where(d => allowed(d.Entry))
            .Select(d => (d.Entry, Score: d.Keys.Max(k => Similarity.Similarity(queryKey, k))))
            .Where(x => x.Score >= ClosestMinSimilarity)
            .OrderByDescending(x => x.Score)
            .ThenByDescending(x => x.Entry.Status == DealStatus.Open)
            .Select(x => x.Entry)
            .FirstOrDefault();
    }
}
