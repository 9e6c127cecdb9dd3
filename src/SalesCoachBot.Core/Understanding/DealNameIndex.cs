using System.Numerics;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Domain;

namespace SalesCoachBot.Core.Understanding;

/// <summary>
/// Deal names and accounts indexed for loose lookup among many deals: word → deals, the sorted word
/// vocabulary for prefixes, and words bucketed by length with a letter mask so typo matching scans a
/// few candidate words rather than every deal. Build once, then keep it current with
/// <see cref="AddOrUpdate"/> / <see cref="Remove"/>; reads run concurrently with each other and
/// are serialised only against updates.
/// </summary>
public sealed class DealNameIndex : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<DealId, IndexedDeal> _deals = [];
    private readonly Dictionary<string, HashSet<DealId>> _byWord = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<DealId>> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<DealId>> _byExternalId = new(StringComparer.OrdinalIgnoreCase);
    private readonly SortedSet<string> _vocabulary = new(StringComparer.Ordinal);
    private readonly Dictionary<int, LengthBucket> _byLength = [];

    public DealNameIndex()
    {
    }

    public DealNameIndex(IEnumerable<DealNameEntry> entries)
    {
        foreach (var entry in entries)
        {
            AddCore(entry);
        }
    }

    public int Count
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _deals.Count;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    /// <summary>Adds a deal, or replaces what is indexed for it (renamed, closed, moved team).</summary>
    public void AddOrUpdate(DealNameEntry entry)
    {
        _lock.EnterWriteLock();
        try
        {
            RemoveCore(entry.Id);
            AddCore(entry);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Returns false when the deal was not indexed.</summary>
    public bool Remove(DealId id)
    {
        _lock.EnterWriteLock();
        try
        {
            return RemoveCore(id);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public void Dispose() => _lock.Dispose();

    /// <summary>Runs a query under the read lock.</summary>
    internal T Read<T>(Func<Reader, T> query)
    {
        _lock.EnterReadLock();
        try
        {
            return query(new Reader(this));
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>The key a whole name is compared by: folded words joined by single spaces.</summary>
    internal static string KeyOf(IEnumerable<string> words) => string.Join(' ', words);

    private void AddCore(DealNameEntry entry)
    {
        var nameWords = TextFolding.Words(entry.Name);
        var accountWords = TextFolding.Words(entry.Account);
        var words = nameWords.Concat(accountWords).Distinct(StringComparer.Ordinal).ToArray();
        var keys = new HashSet<string>(StringComparer.Ordinal) { KeyOf(nameWords) };
        if (accountWords.Count > 0)
        {
            keys.Add(KeyOf(accountWords));
        }

        keys.Remove(string.Empty);
        var deal = new IndexedDeal(entry, words, nameWords.Count, [.. keys], KeyOf(nameWords));
        _deals[entry.Id] = deal;
        foreach (var word in words)
        {
            if (!_byWord.TryGetValue(word, out var ids))
            {
                _byWord[word] = ids = [];
                _vocabulary.Add(word);
                Bucket(word.Length).Add(word);
            }

            ids.Add(entry.Id);
        }

        foreach (var key in deal.Keys)
        {
            AddTo(_byKey, key, entry.Id);
        }

        if (!string.IsNullOrWhiteSpace(entry.ExternalId))
        {
            AddTo(_byExternalId, entry.ExternalId.Trim(), entry.Id);
        }
    }

    private bool RemoveCore(DealId id)
    {
        if (!_deals.Remove(id, out var deal))
        {
            return false;
        }

        foreach (var word in deal.Words)
        {
            if (_byWord.TryGetValue(word, out var ids) && ids.Remove(id) && ids.Count == 0)
            {
                _byWord.Remove(word);
                _vocabulary.Remove(word);
                Bucket(word.Length).Remove(word);
            }
        }

        foreach (var key in deal.Keys)
        {
            RemoveFrom(_byKey, key, id);
        }

        if (!string.IsNullOrWhiteSpace(deal.Entry.ExternalId))
        {
            RemoveFrom(_byExternalId, deal.Entry.ExternalId.Trim(), id);
        }

        return true;
    }

    private LengthBucket Bucket(int length)
    {
        if (!_byLength.TryGetValue(length, out var bucket))
        {
            _byLength[length] = bucket = new LengthBucket();
        }

        return bucket;
    }

    private static void AddTo(Dictionary<string, HashSet<DealId>> map, string key, DealId id)
    {
        if (!map.TryGetValue(key, out var ids))
        {
            map[key] = ids = [];
        }

        ids.Add(id);
    }

    private static void RemoveFrom(Dictionary<string, HashSet<DealId>> map, string key, DealId id)
    {
        if (map.TryGetValue(key, out var ids) && ids.Remove(id) && ids.Count == 0)
        {
            map.Remove(key);
        }
    }

    /// <summary>A bit per letter or digit present: one typo changes at most two bits, so most words are skipped cheaply.</summary>
    internal static ulong LetterMask(string word)
    {
        var mask = 0UL;
        foreach (var c in word)
        {
            var bit = c switch
            {
                >= 'a' and <= 'z' => c - 'a',
                >= '0' and <= '9' => 26 + (c - '0'),
                _ => 36 + (c % 28),
            };
            mask |= 1UL << bit;
        }

        return mask;
    }

    internal sealed record IndexedDeal(DealNameEntry Entry, string[] Words, int NameWordCount, string[] Keys, string NameKey);

    /// <summary>Read access handed to queries while the read lock is held.</summary>
    internal readonly struct Reader(DealNameIndex index)
    {
        public int Count => index._deals.Count;

        public IEnumerable<IndexedDeal> All => index._deals.Values;

        public IndexedDeal Get(DealId id) => index._deals[id];

        public IEnumerable<DealId> WithKey(string key) =>
            index._byKey.TryGetValue(key, out var ids) ? ids : [];

        public IEnumerable<DealId> WithExternalId(string externalId) =>
            index._byExternalId.TryGetValue(externalId, out var ids) ? ids : [];

        public IReadOnlyCollection<DealId> WithWord(string word) =>
            index._byWord.TryGetValue(word, out var ids) ? ids : [];

        /// <summary>
        /// Near misses for a "did you mean": words sharing the first two letters and at most one more typo
        /// than <see cref="WordsMatching"/> allows. Bounded, so a miss costs about as much as a hit.
        /// </summary>
        public IEnumerable<string> WordsNear(string typed, int maxWords = 1_000)
        {
            if (typed.Length < 3)
            {
                return [];
            }

            var edits = WordMatch.MaxEdits(typed.Length) + 1;
            var head = typed[..2];
            return index._vocabulary.GetViewBetween(head, head + char.MaxValue)
                .Take(maxWords)
                .Where(w => WordMatch.EditsWithin(typed, w, edits))
                .ToList();
        }

        /// <summary>Indexed words the typed word fits, with how well (exact, prefix, typo within <paramref name="extraEdits"/> more).</summary>
        public Dictionary<string, MatchKind> WordsMatching(string typed, int extraEdits = 0, int maxPrefixWords = 2_000)
        {
            var found = new Dictionary<string, MatchKind>(StringComparer.Ordinal);
            if (index._byWord.ContainsKey(typed))
            {
                found[typed] = MatchKind.Exact;
            }

            if (typed.Length >= WordMatch.MinPrefixLength)
            {
                var taken = 0;
                foreach (var word in index._vocabulary.GetViewBetween(typed, typed + char.MaxValue))
                {
                    if (++taken > maxPrefixWords)
                    {
                        break;
                    }

                    found.TryAdd(word, MatchKind.Prefix);
                }
            }

            // A word typed exactly as indexed is not a typo: skip the scan (exact always outranks typo fits).
            var maxEdits = WordMatch.MaxEdits(typed.Length) + extraEdits;
            if (maxEdits == 0 || typed.Length < 3 || (extraEdits == 0 && found.ContainsKey(typed)))
            {
                return found;
            }

            var mask = LetterMask(typed);
            for (var length = Math.Max(1, typed.Length - maxEdits); length <= typed.Length + maxEdits; length++)
            {
                if (!index._byLength.TryGetValue(length, out var bucket))
                {
                    continue;
                }

                var edits = extraEdits == 0 ? WordMatch.MaxEdits(Math.Min(typed.Length, length)) : maxEdits;
                if (edits == 0)
                {
                    continue;
                }

                var words = bucket.Words;
                var masks = bucket.Masks;
                for (var i = 0; i < words.Count; i++)
                {
                    if (BitOperations.PopCount(masks[i] ^ mask) <= 2 * edits && !found.ContainsKey(words[i])
                        && WordMatch.EditsWithin(typed, words[i], edits))
                    {
                        found[words[i]] = MatchKind.Fuzzy;
                    }
                }
            }

            return found;
        }
    }

    /// <summary>Words of one length with their letter masks; removal swaps in the last word.</summary>
    private sealed class LengthBucket
    {
        private readonly Dictionary<string, int> _positions = new(StringComparer.Ordinal);

        public List<string> Words { get; } = [];

        public List<ulong> Masks { get; } = [];

        public void Add(string word)
        {
            _positions[word] = Words.Count;
            Words.Add(word);
            Masks.Add(LetterMask(word));
        }

        public void Remove(string word)
        {
            if (!_positions.Remove(word, out var position))
            {
                return;
            }

            var last = Words.Count - 1;
            if (position != last)
            {
                Words[position] = Words[last];
                Masks[position] = Masks[last];
                _positions[Words[position]] = position;
            }

            Words.RemoveAt(last);
            Masks.RemoveAt(last);
        }
    }
}
