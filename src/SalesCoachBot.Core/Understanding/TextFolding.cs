using System.Globalization;
using System.Text;

namespace SalesCoachBot.Core.Understanding;

/// <summary>Turns names and phrases into comparable words: lower case, accents folded, punctuation dropped.</summary>
internal static class TextFolding
{
    /// <summary>Longer input is cut: no command or deal name needs more, and parsing stays fast.</summary>
    public const int MaxParsedLength = 500;

    public static string Cap(string text)
    {
        if (text.Length <= MaxParsedLength)
        {
            return text;
        }

        // Never leave half a surrogate pair at the cut.
        var cut = char.IsHighSurrogate(text[MaxParsedLength - 1]) ? MaxParsedLength - 1 : MaxParsedLength;
        return text[..cut];
    }

    public static bool IsApostrophe(char c) => c is '\'' or '\u2019' or '\u2018' or '\u02BC' or '`' or '\u00B4';

    /// <summary>Letter/digit words, lower case and accent-free ("Café-Öl's" → "cafe", "ols").</summary>
    public static List<string> Words(string? text)
    {
        var words = new List<string>();
        if (string.IsNullOrEmpty(text))
        {
            return words;
        }

        var current = new StringBuilder();
        foreach (var raw in Cap(text))
        {
            // Diacritics, tatweel and direction marks are dropped, not read as gaps: "مُؤَسَّسَة" is one word.
            var c = ArabicText.Fold(raw);
            if (c == '\0')
            {
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                current.Append(char.ToLowerInvariant(c));
            }
            else if (!IsApostrophe(c))
            {
                Flush();
            }
        }

        Flush();
        return words;

        void Flush()
        {
            if (current.Length > 0)
            {
                words.Add(Fold(current.ToString()));
                current.Clear();
            }
        }
    }

    /// <summary>
    /// Removes accents and folds Arabic spelling (<see cref="ArabicText"/>); words hold only letters and digits,
    /// so normalising cannot meet a lone surrogate. Compatibility forms fold too (NFKD, then NFKC): full-width
    /// "Ｇｌｏｂｅｘ" (East Asian keyboards), "１００２", ligatures and Arabic presentation forms read as the plain letters.
    /// </summary>
    public static string Fold(string word)
    {
        foreach (var c in word)
        {
            if (c > 127)
            {
                var decomposed = word.Normalize(NormalizationForm.FormKD);
                var folded = new StringBuilder(decomposed.Length);
                foreach (var d in decomposed)
                {
                    if (CharUnicodeInfo.GetUnicodeCategory(d) != UnicodeCategory.NonSpacingMark)
                    {
                        folded.Append(d);
                    }
                }

                return ArabicText.Normalize(folded.ToString().Normalize(NormalizationForm.FormKC).ToLowerInvariant());
            }
        }

        return word;
    }
}
