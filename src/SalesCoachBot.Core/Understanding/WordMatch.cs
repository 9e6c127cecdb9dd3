using F23.StringSimilarity;

namespace SalesCoachBot.Core.Understanding;

/// <summary>How well a typed word fits a known word; higher is better.</summary>
internal enum MatchKind
{
    None = 0,
    Fuzzy = 1,
    Prefix = 2,
    Exact = 3,
}

/// <summary>Word-level matching shared by the parser and the matchers: exact, prefix, then typo distance.</summary>
internal static class WordMatch
{
    // Optimal string alignment: Levenshtein plus adjacent swaps ("waht", "chekclist"). Stateless, so shared.
    private static readonly OptimalStringAlignment Distance = new();

    /// <summary>Shortest typed word that may be a prefix of a longer one ("glob" → "globex").</summary>
    public const int MinPrefixLength = 3;

    /// <summary>Typos allowed for a word of this length: none under 4 letters, one up to 7, two from 8.</summary>
    public static int MaxEdits(int length) => length >= 8 ? 2 : length >= 4 ? 1 : 0;

    public static MatchKind Compare(string typed, string known)
    {
        if (string.Equals(typed, known, StringComparison.Ordinal))
        {
            return MatchKind.Exact;
        }

        if (typed.Length >= MinPrefixLength && known.StartsWith(typed, StringComparison.Ordinal))
        {
            return MatchKind.Prefix;
        }

        return IsTypo(typed, known) ? MatchKind.Fuzzy : MatchKind.None;
    }

    /// <summary>True when <paramref name="typed"/> is within the allowed edits of <paramref name="known"/>.</summary>
    public static bool IsTypo(string typed, string known) => EditsWithin(typed, known, MaxEdits(Math.Min(typed.Length, known.Length)));

    public static bool EditsWithin(string typed, string known, int maxEdits) =>
        maxEdits > 0 && Math.Abs(typed.Length - known.Length) <= maxEdits && Distance.Distance(typed, known) <= maxEdits;

    /// <summary>Typo distance (optimal string alignment), for ranking near misses.</summary>
    public static double EditDistance(string a, string b) => Distance.Distance(a, b);
}
