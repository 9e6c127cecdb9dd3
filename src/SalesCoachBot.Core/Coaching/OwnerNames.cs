using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Coaching;

/// <summary>
/// How a typed name finds people: the owners of deals ("Dana's deals", "what's stalled for Dana", "Riley's wins"), the
/// authors of a deal's history, the people of the teams someone sees (<see cref="VisiblePeople"/>). One rule for all, so
/// «صفقات دانا» finds Dana Demo wherever "Dana's deals" does.
/// </summary>
internal static class OwnerNames
{
    /// <summary>As written first; then by sound with the long vowels («دانا» "Dana", not "Dan"), then by the consonants alone.</summary>
    private static readonly Func<string, string, bool>[] Rules =
    [
        IsCalled,
        (name, typed) => NameSkeletons.SoundsLike(name, typed, vowels: true),
        (name, typed) => NameSkeletons.SoundsLike(name, typed),
    ];

    /// <summary>"Dana Demo" is called "dana demo" and "Dana"; case and accents aside.</summary>
    public static bool IsCalled(string ownerName, string typed)
    {
        var owner = TextFolding.Words(ownerName);
        var said = TextFolding.Words(typed);
        return said.Count > 0 && (owner.SequenceEqual(said, StringComparer.Ordinal) || (said.Count == 1 && owner.Count > 0 && owner[0] == said[0]));
    }

    /// <summary>
    /// The names among <paramref name="names"/> that <paramref name="typed"/> means, by the first of <see cref="Rules"/> that
    /// finds any: as written, else a name in Arabic letters by its sound (<see cref="NameSkeletons"/>). Nobody found so, the
    /// same again without the «ل» or «ب» glued to the name («الصفقات المتعثرة لدانا», «صفقات بدانا»), as «لـ Dana» is read.
    /// </summary>
    public static IReadOnlyList<string> Meant(IEnumerable<string> names, string typed)
    {
        var distinct = names.Distinct(StringComparer.Ordinal).ToList();
        var meant = MeantAsWritten(distinct, typed);
        return meant.Count == 0 && Unglued(typed) is { } unglued ? MeantAsWritten(distinct, unglued) : meant;
    }

    /// <summary>The items whose person (<paramref name="nameOf"/>) <paramref name="typed"/> means, in their order (<see cref="Meant"/>).</summary>
    public static List<T> Theirs<T>(IEnumerable<T> items, Func<T, string> nameOf, string typed)
    {
        var all = items.ToList();
        var meant = Meant(all.Select(nameOf), typed).ToHashSet(StringComparer.Ordinal);
        return [.. all.Where(item => meant.Contains(nameOf(item)))];
    }

    /// <summary>Whether <paramref name="typed"/> means <paramref name="name"/> (<see cref="Meant"/>): "is it me".</summary>
    public static bool Means(string name, string typed) => Meant([name], typed).Count > 0;

    /// <summary>
    /// The owner as the data names them when every name in <paramref name="owners"/> is the same person's ("Dana Demo" for
    /// "dana"); else the name as typed.
    /// </summary>
    public static string Named(IEnumerable<string> owners, string typed) =>
        owners.Distinct(StringComparer.Ordinal).ToList() is [var one] ? one : typed;

    private static List<string> MeantAsWritten(List<string> names, string typed)
    {
        foreach (var rule in Rules)
        {
            var meant = names.Where(name => rule(name, typed)).ToList();
            if (meant.Count > 0)
            {
                return meant;
            }
        }

        return [];
    }

    /// <summary>«لدانا» is «دانا»: the words with no preposition glued to the first, when it is Arabic letters; null when none is.</summary>
    private static string? Unglued(string typed)
    {
        var words = typed.Trim().Split(' ', 2);
        var first = ArabicText.WithoutGluedPreposition(words[0]);
        return first.Length == words[0].Length - 1 && first.All(ArabicText.IsArabicLetter)
            ? string.Join(' ', words.Skip(1).Prepend(first))
            : null;
    }
}
