using System.Text;

namespace SalesCoachBot.Core.Understanding;

/// <summary>
/// One typed word: as typed (for names), folded lower case (<see cref="Lower"/>), and in the canonical form a
/// language pack gives it (<see cref="Canon"/>: shorthand expanded, keyword typos corrected, synonyms applied).
/// </summary>
/// <see cref="Start"/> is where the word begins in the folded text, so a free-text slot (a next step, a note) can be
/// read back with its punctuation.
internal readonly record struct Token(string Original, string Lower, string Canon, bool CommaBefore, int Start = 0);

/// <summary>Splits typed text into words; the canonical form is filled in per language by <see cref="LanguagePack.Canonicalize"/>.</summary>
internal static class Sentence
{
    /// <summary>What a typed check mark (✅ ✔ ☑) is as a word before each language's aliases read it.</summary>
    public const string CheckMark = "\u2713";

    /// <summary>Words of <paramref name="text"/>; marks, tatweel and direction/joiner characters are dropped, never split on.</summary>
    public static List<Token> Tokenize(string text) => TokenizeFolded(ArabicText.Normalize(text));

    /// <summary>
    /// Words of text already folded by <see cref="ArabicText.Normalize"/>. A colon, "=", or a dash between words is a
    /// token of its own (canonical ":"): it separates "next step for Initech: call the CFO".
    /// </summary>
    public static List<Token> TokenizeFolded(string folded)
    {
        var tokens = new List<Token>();
        var current = new StringBuilder();
        var commaBefore = false;
        var start = 0;
        for (var i = 0; i < folded.Length; i++)
        {
            var c = folded[i];
            var next = i + 1 < folded.Length ? folded[i + 1] : '\0';
            var previous = current.Length > 0 ? current[^1] : '\0';
            if (char.IsLetterOrDigit(c))
            {
                // "لـInitech": Arabic glued to a Latin name is two words.
                if (current.Length > 0 && char.IsLetter(previous) && char.IsLetter(c) && ArabicText.IsArabicLetter(previous) != ArabicText.IsArabicLetter(c))
                {
                    Flush();
                }

                // «ب50», «بـ٥٠ ألف», «50الف»: an Arabic word glued to a number is two words.
                if (current.Length > 0 && ((ArabicText.IsArabicLetter(previous) && char.IsDigit(c)) || (char.IsDigit(previous) && ArabicText.IsArabicLetter(c))))
                {
                    Flush();
                }

                if (current.Length == 0)
                {
                    start = i;
                }

                current.Append(c);
            }
            else if (TextFolding.IsApostrophe(c) && current.Length > 0 && char.IsLetter(next))
            {
                current.Append('\''); // "what's", "Initech's": kept in the original, dropped in the canon form
            }
            else if (c == '-' && current.Length > 0 && char.IsLetterOrDigit(next))
            {
                current.Append(c); // "demo-held", "go-live"
            }
            else if (c is '.' or ',' or ':' && char.IsDigit(previous) && char.IsDigit(next))
            {
                current.Append(c); // "2.5m", "500,000", "15:30"
            }
            else if (c is '#' or '$' or '\u20AC' or '\u00A3' && current.Length == 0 && char.IsLetterOrDigit(next))
            {
                start = i;
                current.Append(c); // "#1042", "$2m"
            }
            else if (c is '\u2705' or '\u2714' or '\u2611')
            {
                // "demo held ✅ for Initech": a check mark is a word of its own, which each language reads as "done".
                Flush();
                tokens.Add(new Token(c.ToString(), CheckMark, CheckMark, commaBefore, i));
                commaBefore = false;
            }
            else if (c is '&' or '+')
            {
                Flush();
                tokens.Add(new Token(c.ToString(), c.ToString(), c.ToString(), commaBefore, i)); // "A & B": an item separator
                commaBefore = false;
            }
            else if (c is ':' or '=' or '-' or '\u2013' or '\u2014')
            {
                Flush();
                tokens.Add(new Token(c.ToString(), ":", ":", commaBefore, i));
                commaBefore = false;
            }
            else
            {
                Flush();
                if (c is ',' or ';')
                {
                    commaBefore = true;
                }
            }
        }

        Flush();
        return tokens;

        void Flush()
        {
            if (current.Length == 0)
            {
                return;
            }

            var original = current.ToString();
            current.Clear();
            var lower = TextFolding.Fold(original.Replace("'", string.Empty, StringComparison.Ordinal).ToLowerInvariant());
            tokens.Add(new Token(original, lower, lower, commaBefore, start));
            commaBefore = false;
        }
    }

    /// <summary>Tokens that are written in Arabic script and in Latin (or other) script.</summary>
    public static (int Arabic, int Other) Scripts(IReadOnlyList<Token> tokens)
    {
        var arabic = 0;
        var other = 0;
        foreach (var token in tokens)
        {
            var isArabic = false;
            var isLetter = false;
            foreach (var c in token.Lower)
            {
                if (ArabicText.IsArabicLetter(c))
                {
                    isArabic = true;
                }
                else if (char.IsLetter(c))
                {
                    isLetter = true;
                }
            }

            if (isArabic)
            {
                arabic++;
            }
            else if (isLetter)
            {
                other++;
            }
        }

        return (arabic, other);
    }
}
