using System.Globalization;

namespace SalesCoachBot.Core.Understanding;

/// <summary>
/// Arabic spelling folded to one form before anything is matched: alef forms (أ إ آ ٱ → ا), taa marbuta
/// (ة → ه), alef maqsura (ى → ي), tatweel and diacritics dropped, Arabic-Indic and Persian digits made
/// Western, Arabic comma / semicolon / question mark made Latin. Also drops direction marks, isolates
/// and zero-width joiners, which only shape how text looks.
/// </summary>
internal static class ArabicText
{
    /// <summary>The character as matching sees it; '\0' means "drop it" (mark, tatweel, invisible format character).</summary>
    public static char Fold(char c)
    {
        if (c < 0x0600)
        {
            return c is '\u00AD' ? '\0' : c;
        }

        return c switch
        {
            '\u0623' or '\u0625' or '\u0622' or '\u0671' => '\u0627', // أ إ آ ٱ → ا
            '\u0629' => '\u0647', // ة → ه
            '\u0649' => '\u064A', // ى → ي
            '\u0640' => '\0', // tatweel
            >= '\u064B' and <= '\u065F' or '\u0670' => '\0', // harakat, shadda, sukun, dagger alef
            >= '\u0660' and <= '\u0669' => (char)('0' + (c - '\u0660')), // Arabic-Indic digits
            >= '\u06F0' and <= '\u06F9' => (char)('0' + (c - '\u06F0')), // Persian digits
            '\u060C' => ',',
            '\u061B' => ';',
            '\u061F' => '?',
            '\u066B' => '.', // Arabic decimal separator
            '\u066C' => ',', // Arabic thousands separator
            '\u06CC' => '\u064A', // Persian yeh
            '\u06A9' => '\u0643', // keheh
            _ when IsInvisible(c) => '\0',
            _ => c,
        };
    }

    /// <summary>Direction marks, isolates, embeddings, zero-width (non-)joiners, BOM: never part of a word or a gap.</summary>
    public static bool IsInvisible(char c) =>
        c is '\u200B' or '\u200C' or '\u200D' or '\u200E' or '\u200F' or '\u2060' or '\uFEFF' or '\u061C'
            || c is >= '\u202A' and <= '\u202E'
            || c is >= '\u2066' and <= '\u2069'
            || (c >= 0x0300 && CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark);

    /// <summary>True for letters of the Arabic script (after folding).</summary>
    public static bool IsArabicLetter(char c) => c is >= '\u0620' and <= '\u064A' or >= '\u066E' and <= '\u06D3' or >= '\u06FA' and <= '\u06FF';

    /// <summary>Folds a whole text (see <see cref="Fold(char)"/>).</summary>
    public static string Normalize(string text)
    {
        var changed = false;
        foreach (var c in text)
        {
            if (c >= 0x00AD && Fold(c) != c)
            {
                changed = true;
                break;
            }
        }

        if (!changed)
        {
            return text;
        }

        var folded = new char[text.Length];
        var length = 0;
        foreach (var c in text)
        {
            var f = Fold(c);
            if (f != '\0')
            {
                folded[length++] = f;
            }
        }

        return new string(folded, 0, length);
    }

    // Prefixes glued to a word: "وال", "بال", "لل", "ال", "هال" (Gulf/Levantine "this"), one-letter conjunctions / prepositions.
    private static readonly string[] Prefixes = ["وال", "بال", "فال", "كال", "هال", "لل", "ال", "و", "ف", "ب", "ل", "ك"];

    /// <summary>The word without one glued prefix, longest first, keeping at least <paramref name="minRest"/> letters.</summary>
    public static IEnumerable<string> WithoutPrefixes(string word, int minRest = 2)
    {
        foreach (var prefix in Prefixes)
        {
            if (word.Length - prefix.Length >= minRest && word.StartsWith(prefix, StringComparison.Ordinal))
            {
                yield return word[prefix.Length..];
            }
        }
    }

    /// <summary>"العرض" → "عرض": the definite article off a word of at least three more letters (stage names).</summary>
    public static string WithoutArticle(string word) =>
        word.Length >= 5 && word.StartsWith("ال", StringComparison.Ordinal) ? word[2..] : word;

    /// <summary>
    /// «للعرض» ("to the proposal"): «ل» glued before the article drops the article's alef; the word without both. «بالعرض»
    /// ("by the proposal", «المقصود بالعرض»): «ب» glued before the whole article; the word without both too.
    /// </summary>
    public static string WithoutToTheOrArticle(string word) =>
        word.Length >= 5 && word.StartsWith("لل", StringComparison.Ordinal) ? word[2..]
        : word.Length >= 6 && word.StartsWith("بال", StringComparison.Ordinal) ? word[3..]
        : WithoutArticle(word);

    /// <summary>
    /// «للعرض», «بالعرض», «لمحضر»: a word without the preposition glued to it («لل» X → «ال» X, «بال» X → «ال» X, «ل» or
    /// «ب» X → X), for a stage's or an item's name that follows a clitic; the word itself when nothing is glued.
    /// </summary>
    public static string WithoutGluedPreposition(string word) =>
        word.Length >= 5 && word.StartsWith("لل", StringComparison.Ordinal) ? "ال" + word[2..]
        : word.Length >= 6 && (word.StartsWith("بال", StringComparison.Ordinal) || word.StartsWith("وال", StringComparison.Ordinal)) ? word[1..]
        : word.Length >= 4 && word[0] is '\u0644' or '\u0628' && IsArabicLetter(word[1]) ? word[1..]
        : word;
}
