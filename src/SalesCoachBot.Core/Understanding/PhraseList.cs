namespace SalesCoachBot.Core.Understanding;

/// <summary>
/// Word phrases in a fixed order (the order decides which phrase wins), indexed by first and last word so a
/// matcher looks only at phrases that can start or end where it is looking.
/// </summary>
internal sealed class PhraseList
{
    private readonly string[][] _phrases;
    private readonly Dictionary<string, int[]> _byFirstWord;
    private readonly Dictionary<string, int[]> _byLastWord;

    public PhraseList(IEnumerable<string[]> phrases)
    {
        _phrases = [.. phrases];
        _byFirstWord = IndexBy(p => p[0]);
        _byLastWord = IndexBy(p => p[^1]);
    }

    public int Count => _phrases.Length;

    public string[] this[int index] => _phrases[index];

    /// <summary>The positions, ascending, of the phrases that start with <paramref name="word"/>.</summary>
    public ReadOnlySpan<int> StartingWith(string word) => _byFirstWord.TryGetValue(word, out var at) ? at : [];

    /// <summary>The positions, ascending, of the phrases that end with <paramref name="word"/>.</summary>
    public ReadOnlySpan<int> EndingWith(string word) => _byLastWord.TryGetValue(word, out var at) ? at : [];

    private Dictionary<string, int[]> IndexBy(Func<string[], string> word) =>
        Enumerable.Range(0, _phrases.Length)
            .GroupBy(i => word(_phrases[i]), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
}
