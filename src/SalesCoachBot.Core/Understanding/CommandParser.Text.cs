namespace SalesCoachBot.Core.Understanding;

/// <summary>
/// Text helpers: <see cref="Typed"/>, what was typed beside its folded form (so a note keeps its spelling), and
/// the token lists' trims, joins and searches every reader uses.
/// </summary>
public sealed partial class CommandParser
{
    /// <summary>
    /// What was typed, and its folded form (<see cref="ArabicText.Normalize"/>), which only ever drops characters: a
    /// token's position in the folded text finds the same words as typed, so a note or an Arabic deal name keeps its
    /// spelling (ة, أ, diacritics) while matching used the folded one.
    /// </summary>
    private sealed record Typed(string Raw, string Folded)
    {
        // Invisible marks that close nothing: direction marks, zero-width space, word joiner, BOM. Not a closing isolate
        // (it pairs with an opening one in the note) nor the combining marks ArabicText folds away: «مرحباً» keeps its tanween.
        private static readonly char[] TrailingMarks =
            ['\u200B', '\u200E', '\u200F', '\u2060', '\uFEFF', '\u061C', ' ', '\t', '\r', '\n'];

        /// <summary>
        /// The text as typed from the folded position <paramref name="start"/> to the end, trimmed. The start is a word's, so
        /// a direction mark before it is already left out; a right-to-left mark typed after the last word is trimmed the same way.
        /// </summary>
        public string From(int start) => Raw[RawIndex(start)..].Trim().TrimEnd(TrailingMarks);

        /// <summary>
        /// <see cref="From"/> with the emoji typed right before <paramref name="start"/>: emoji are no tokens, so a slot's
        /// first token may come after them ("🎉 demo tomorrow" keeps its 🎉). So are the marks glued to the first word
        /// ("$50k budget", "(tentative) call", "<b>", «"yes"»): they are kept, a separator (": ", " - ") is not.
        /// </summary>
        public string FromWithEmoji(int start)
        {
            var at = start;
            for (var i = start - 1; i >= 0; i--)
            {
                var c = Folded[i];
                if (IsEmoji(c) || (i + 1 == at && OpensAWord(c)))
                {
                    at = i;
                }
                else if (!char.IsWhiteSpace(c))
                {
                    break;
                }
            }

            return From(at);
        }

        // A mark that may open a note's or step's first word: punctuation or a symbol, but not one that separates the
        // deal from the text or ends a sentence, nor a closing bracket or quote.
        private static bool OpensAWord(char c) =>
            (char.IsPunctuation(c) || char.IsSymbol(c))
            && c is not (':' or '-' or '\u2013' or '\u2014' or ',' or '.' or ';' or '!' or '?' or '\u060C' or '\u061B' or '\u061F')
            && char.GetUnicodeCategory(c) is not (System.Globalization.UnicodeCategory.ClosePunctuation
                or System.Globalization.UnicodeCategory.FinalQuotePunctuation);

        /// <summary>
        /// The emoji typed after the folded position <paramref name="end"/> past a colon or dash ("note for Initech: 👍"),
        /// or null when nothing or more than emoji follows: an emoji-only note has no token for a slot to hold.
        /// </summary>
        public string? EmojiAfter(int end)
        {
            var at = end;
            while (at < Folded.Length && (char.IsWhiteSpace(Folded[at]) || Folded[at] is ':' or '-' or '\u2013'))
            {
                at++;
            }

            var rest = Folded[at..];
            return rest.Length > 0 && rest.All(c => IsEmoji(c) || char.IsWhiteSpace(c)) ? From(at) : null;
        }

        private static bool IsEmoji(char c) =>
            char.IsSurrogate(c) || c is '\uFE0F' or '\u200D' || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.OtherSymbol;

        /// <summary>
        /// The words as typed from the first token to the last. Latin-only words are joined as before, unless
        /// <paramref name="punctuated"/> asks for the text between them as typed (a reason keeps its commas). Words read
        /// out of their typed order ("Initech: move to demo" tried as "move Initech to demo") are joined.
        /// </summary>
        public string Span(IReadOnlyList<Token> tokens, bool punctuated = false)
        {
            if ((ReferenceEquals(Raw, Folded) && !punctuated) || tokens.Count == 0 || tokens[^1].Start < tokens[0].Start)
            {
                return Join(tokens);
            }

            var last = tokens[^1];
            var from = RawIndex(tokens[0].Start);
            var to = RawIndex(last.Start + last.Original.Length - 1) + 1;
            // Tokens of a re-read sentence ("Initech: …" tried with the name moved) may not map back onto one run of the
            // typed text; their words joined are then what was meant.
            return from < to && to <= Raw.Length ? Raw[from..to].Trim() : Join(tokens);
        }

        /// <summary>
        /// Where the quotation marks ("…", “…”, «…») around <paramref name="token"/> open in the folded text, or -1 when it
        /// stands inside none. Only a closed pair counts.
        /// </summary>
        public int QuoteOpen(Token token)
        {
            var open = -1;
            var closer = '\0';
            for (var i = 0; i < Folded.Length && i <= token.Start; i++)
            {
                var c = Folded[i];
                if (open >= 0 && c == closer)
                {
                    open = -1;
                }
                else if (open < 0 && Closer(c) is var close && close != '\0')
                {
                    open = i;
                    closer = close;
                }
            }

            return open >= 0 && Folded.IndexOf(closer, token.Start) >= 0 ? open : -1;
        }

        private static char Closer(char open) => open switch
        {
            '"' => '"',
            '\u201C' => '\u201D', // “ ”
            '\u00AB' => '\u00BB', // « »
            _ => '\0',
        };

        /// <summary>
        /// Gives each token's <see cref="Token.Original"/> the Arabic letters as typed where folding swapped one letter for
        /// another (أ إ آ → ا, ة → ه, ى → ي): a word echoed back («لا أعرف فريقًا اسمه «الأخبار»») reads as the person
        /// wrote it. Letter for letter, so lengths and positions in the folded text stay what they were; dropped marks stay dropped.
        /// </summary>
        public void KeepTypedLetters(List<Token> tokens)
        {
            if (ReferenceEquals(Raw, Folded) || tokens.Count == 0)
            {
                return;
            }

            // Folded position → typed position, once for the whole text.
            var at = new int[Folded.Length];
            for (int i = 0, kept = 0; i < Raw.Length && kept < at.Length; i++)
            {
                if (ArabicText.Fold(Raw[i]) != '\0')
                {
                    at[kept++] = i;
                }
            }

            for (var t = 0; t < tokens.Count; t++)
            {
                var original = tokens[t].Original;
                char[]? typed = null;
                for (var k = 0; k < original.Length && tokens[t].Start + k < at.Length; k++)
                {
                    var c = Raw[at[tokens[t].Start + k]];
                    if (c != original[k] && ArabicText.IsArabicLetter(c) && ArabicText.IsArabicLetter(original[k]) && ArabicText.Fold(c) == original[k])
                    {
                        typed ??= original.ToCharArray();
                        typed[k] = c;
                    }
                }

                if (typed is not null)
                {
                    tokens[t] = tokens[t] with { Original = new string(typed) };
                }
            }
        }

        private int RawIndex(int folded)
        {
            var kept = 0;
            for (var i = 0; i < Raw.Length; i++)
            {
                if (ArabicText.Fold(Raw[i]) == '\0')
                {
                    continue;
                }

                if (kept++ == folded)
                {
                    return i;
                }
            }

            return Raw.Length;
        }
    }

    /// <summary>Whether a word of the set <paramref name="set"/> was typed anywhere, as written or in its canonical form.</summary>
    private static bool AnyWordOf(IReadOnlyList<Token> tokens, LanguagePack pack, string set) =>
        tokens.Any(t => pack.Words(set).Contains(t.Canon) || pack.Words(set).Contains(t.Lower));

    private static int IndexOf(IReadOnlyList<Token> tokens, Token token)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Start == token.Start)
            {
                return i;
            }
        }

        return -1;
    }

    private static string Key(IReadOnlyList<Token> tokens) => string.Join(' ', tokens.Select(t => t.Lower));

    private static string StripPossessive(string word) =>
        word.EndsWith("'s", StringComparison.OrdinalIgnoreCase) && word.Length > 2 ? word[..^2] : word.Replace("'", string.Empty, StringComparison.Ordinal);

    private static List<Token> Trim(IReadOnlyList<Token> tokens, IReadOnlySet<string> leading, IReadOnlySet<string> trailing)
    {
        var start = 0;
        var end = tokens.Count;
        while (start < end && leading.Contains(tokens[start].Canon))
        {
            start++;
        }

        while (end > start && trailing.Contains(tokens[end - 1].Canon))
        {
            end--;
        }

        var result = new List<Token>(end - start);
        for (var i = start; i < end; i++)
        {
            result.Add(tokens[i]);
        }

        return result;
    }

    private static string Join(IEnumerable<Token> tokens) => string.Join(' ', tokens.Select(t => t.Original));

    /// <summary>Drops opening filler ("hey coach, can you …"), never the last word; true when any was dropped.</summary>
    private static bool StripLeading(List<Token> tokens, IReadOnlyList<string[]> phrases)
    {
        var stripped = false;
        var again = true;
        while (again && tokens.Count > 0)
        {
            again = false;
            foreach (var phrase in phrases)
            {
                if (tokens.Count > phrase.Length && Matches(tokens, 0, phrase)
                    && !(phrase is ["tell", "me"] && tokens.Count > 2 && tokens[2].Canon == "about"))
                {
                    tokens.RemoveRange(0, phrase.Length);
                    stripped = again = true;
                    break;
                }
            }
        }

        return stripped;
    }

    private static void StripTrailing(List<Token> tokens, IReadOnlyList<string[]> phrases)
    {
        var again = true;
        while (again && tokens.Count > 0)
        {
            again = false;
            foreach (var phrase in phrases)
            {
                if (tokens.Count > phrase.Length && Matches(tokens, tokens.Count - phrase.Length, phrase))
                {
                    tokens.RemoveRange(tokens.Count - phrase.Length, phrase.Length);
                    again = true;
                    break;
                }
            }
        }
    }

    private static bool Matches(IReadOnlyList<Token> tokens, int start, string[] phrase)
    {
        for (var k = 0; k < phrase.Length; k++)
        {
            if (!string.Equals(tokens[start + k].Canon, phrase[k], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
