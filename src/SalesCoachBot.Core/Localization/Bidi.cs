using System.Buffers;

namespace SalesCoachBot.Core.Localization;

/// <summary>
/// Right-to-left helpers, one place for both renderers and every use case. Latin names, ids and amounts inside Arabic
/// text are wrapped in FIRST STRONG ISOLATE (U+2068) … POP DIRECTIONAL ISOLATE (U+2069), so "#1004" or "50,000 USD"
/// keeps its own order instead of being scrambled by the Arabic around it (Unicode bidi algorithm, UAX #9, isolates).
/// </summary>
public static class Bidi
{
    public const char FirstStrongIsolate = '\u2068';
    public const char PopDirectionalIsolate = '\u2069';

    private const string AsciiLettersAndDigitsText = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static readonly SearchValues<char> AsciiLettersAndDigits = SearchValues.Create(AsciiLettersAndDigitsText);

    // ASCII letters and digits, then the Latin-1 Supplement and Latin Extended-A/B letters (names like "Müller").
    private static readonly SearchValues<char> LatinLettersAndDigits = SearchValues.Create(
        AsciiLettersAndDigitsText + string.Concat(Enumerable.Range('\u00C0', '\u024F' - '\u00C0' + 1).Select(c => (char)c)));

    /// <summary>
    /// Wraps text that carries Latin letters or digits and no Arabic letters; leaves Arabic text, already isolated
    /// text and empty text alone, so calling it twice changes nothing.
    /// </summary>
    public static string Isolate(string text)
    {
        if (string.IsNullOrEmpty(text) || text[0] == FirstStrongIsolate || !NeedsIsolation(text))
        {
            return text;
        }

        return string.Concat(FirstStrongIsolate.ToString(), text, PopDirectionalIsolate.ToString());
    }

    /// <summary>
    /// Text without the isolates <see cref="Isolate"/> adds (U+2066–U+2069): words that are run as a command, not read.
    /// </summary>
    public static string WithoutIsolates(string text) =>
        text.AsSpan().IndexOfAnyInRange('\u2066', '\u2069') < 0 ? text : string.Concat(text.Where(c => c is < '\u2066' or > '\u2069'));

    /// <summary>
    /// Wraps text that carries an Arabic letter, for a left-to-right sentence; leaves other text and already isolated
    /// text alone, so calling it twice changes nothing.
    /// </summary>
    public static string IsolateRightToLeft(string text)
    {
        if (string.IsNullOrEmpty(text) || text[0] == FirstStrongIsolate || !HasArabicLetterOutsideIsolates(text))
        {
            return text;
        }

        return string.Concat(FirstStrongIsolate.ToString(), text, PopDirectionalIsolate.ToString());
    }

    /// <summary>
    /// Whether text has an Arabic letter that no isolate holds yet: ": ⁨العميل وافق⁩" (a reason already isolated behind
    /// its English colon) is left as it is, so the colon stays in the English sentence.
    /// </summary>
    private static bool HasArabicLetterOutsideIsolates(string text)
    {
        if (!HasArabicLetter(text))
        {
            return false;
        }

        var depth = 0;
        foreach (var c in text)
        {
            if (c is '\u2066' or '\u2067' or FirstStrongIsolate)
            {
                depth++;
            }
            else if (c == PopDirectionalIsolate)
            {
                depth = Math.Max(0, depth - 1);
            }
            else if (depth == 0 && IsArabicLetter(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether text carries bidi controls that would leak into the reply around it: an embedding or override (LRE, RLE,
    /// PDF, LRO, RLO, U+202A–U+202E) or isolates (U+2066–U+2069) that do not pair up. Balanced isolates are what this
    /// class writes itself ("⁨EUR 5⁩ · ⁨USD 7⁩") and stay as they are.
    /// </summary>
    public static bool HasLeakingControls(string text)
    {
        if (text.AsSpan().IndexOfAnyInRange('\u202A', '\u202E') >= 0)
        {
            return true;
        }

        // Most text has no isolate at all: one vectorised search instead of counting character by character.
        if (text.AsSpan().IndexOfAnyInRange('\u2066', PopDirectionalIsolate) < 0)
        {
            return false;
        }

        var depth = 0;
        foreach (var c in text)
        {
            depth += c is '\u2066' or '\u2067' or FirstStrongIsolate ? 1 : c == PopDirectionalIsolate ? -1 : 0;
            if (depth < 0)
            {
                return true;
            }
        }

        return depth != 0;
    }

    /// <summary>
    /// People's text (a note, a reason, a deal name) shown inside a reply, in any language, when it carries leaking bidi
    /// controls: a PDI with no opener of its own is dropped (it would close our isolate early), then the text is wrapped
    /// in FSI … PDI, closing the isolates it left open. The closing PDI also ends every override or embedding opened
    /// inside (UAX #9, X6a), so a U+202E in a note cannot reverse the rest of the line. Other text is returned as it is.
    /// </summary>
    public static string Contain(string text)
    {
        if (string.IsNullOrEmpty(text) || !HasLeakingControls(text))
        {
            return text;
        }

        var result = new System.Text.StringBuilder(text.Length + 4).Append(FirstStrongIsolate);
        var open = 0;
        foreach (var c in text)
        {
            if (c is '\u2066' or '\u2067' or FirstStrongIsolate)
            {
                open++;
            }
            else if (c == PopDirectionalIsolate)
            {
                if (open == 0)
                {
                    continue;
                }

                open--;
            }

            result.Append(c);
        }

        return result.Append(PopDirectionalIsolate, open + 1).ToString();
    }

    /// <summary>
    /// Inside a sentence that has Arabic in it, wraps each run of Latin words ("Initech", "demo-held", "Acme Corp") in
    /// isolates, a number on its own and punctuation after a run outside; a sentence without Arabic is returned as it is. For text written with Latin examples in it (help
    /// lines) and the map's words beside Arabic ones.
    /// </summary>
    public static string IsolateLatinRuns(string text)
    {
        if (string.IsNullOrEmpty(text) || !HasArabicLetter(text) || !NeedsIsolationSomewhere(text))
        {
            return text;
        }

        var words = text.Split(' ');
        var result = new System.Text.StringBuilder(text.Length + 8);
        var i = 0;
        while (i < words.Length)
        {
            if (i > 0)
            {
                result.Append(' ');
            }

            if (!NeedsIsolation(words[i]) || words[i][0] == FirstStrongIsolate)
            {
                result.Append(words[i]);
                i++;
                continue;
            }

            // A number after a name is the Arabic sentence's ("Initech 3 أيام"), not part of the name: a run goes on only
            // over words with Latin letters, and ends at a word that closes with punctuation.
            var end = i + 1;
            while (end < words.Length && !EndsWithPunctuation(words[end - 1]) && NeedsIsolation(words[end]) && HasLatinLetter(words[end]))
            {
                end++;
            }

            // Punctuation around the run belongs to the sentence: inside the isolate an RTL reader would see ":Initech",
            // and a quote or bracket opened outside the run must close outside it ("«Initech»" → "«⁨Initech⁩»").
            var first = words[i];
            var opened = first.Length - first.AsSpan().TrimStart(OpeningPunctuation).Length;
            if (opened == first.Length)
            {
                opened = 0;
            }

            var run = string.Join(' ', words[i..end]);
            var body = TrimClosingPunctuation(run.AsSpan(opened));
            if (body.Length == 0)
            {
                body = run.AsSpan(opened);
            }

            result.Append(run.AsSpan(0, opened)).Append(FirstStrongIsolate).Append(body).Append(PopDirectionalIsolate)
                .Append(run.AsSpan(opened + body.Length));
            i = end;
        }

        return result.ToString();
    }

    /// <summary>Punctuation that closes a Latin run and is read as part of the Arabic sentence around it (، ؛ ؟ too).</summary>
    private const string TrailingPunctuation = ":,.;!?\u060C\u061B\u061F";

    /// <summary>Quotes and a bracket that open before a Latin run; they stay outside its isolate.</summary>
    private const string OpeningPunctuation = "«“(";

    /// <summary>Quotes that close after a Latin run: they end the run and stay outside its isolate.</summary>
    private const string ClosingQuotes = "»”";

    private static bool EndsWithPunctuation(string word) =>
        word.Length > 0 && (TrailingPunctuation.Contains(word[^1], StringComparison.Ordinal) || ClosingQuotes.Contains(word[^1], StringComparison.Ordinal));

    /// <summary>
    /// The run without what closes the sentence around it: trailing punctuation, closing quotes, and a ")" whose "(" is
    /// not in the run ("#1002»)،" keeps "#1002"; "Acme (EU)" keeps its bracket).
    /// </summary>
    private static ReadOnlySpan<char> TrimClosingPunctuation(ReadOnlySpan<char> run)
    {
        var open = run.Count('(');
        var close = run.Count(')');
        while (run.Length > 0)
        {
            var c = run[^1];
            if (TrailingPunctuation.Contains(c, StringComparison.Ordinal) || ClosingQuotes.Contains(c, StringComparison.Ordinal))
            {
                run = run[..^1];
            }
            else if (c == ')' && close > open)
            {
                run = run[..^1];
                close--;
            }
            else
            {
                break;
            }
        }

        return run;
    }

    private static bool HasLatinLetter(string word)
    {
        foreach (var c in word)
        {
            if (char.IsLetter(c) && LatinLettersAndDigits.Contains(c))
            {
                return true;
            }
        }

        return false;
    }

    private static bool NeedsIsolationSomewhere(string text) => text.AsSpan().ContainsAny(AsciiLettersAndDigits);

    /// <summary>
    /// Whether text is a formatted figure, "5.1" or "1,250": digits with a decimal point or grouping comma between them,
    /// no sign or unit. Inside Arabic it keeps its order without an isolate (UAX #9 W4: a point or comma between two
    /// digits joins them), as a number argument does. Bare digits ("1002") may be an id and stay isolated, as do "+2",
    /// "67%", "09:00" and amounts.
    /// </summary>
    public static bool IsFormattedFigure(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty || !char.IsAsciiDigit(text[0]) || !char.IsAsciiDigit(text[^1]))
        {
            return false;
        }

        var separated = false;
        for (var i = 1; i < text.Length - 1; i++)
        {
            if (char.IsAsciiDigit(text[i]))
            {
                continue;
            }

            if (text[i] is not (',' or '.') || !char.IsAsciiDigit(text[i - 1]) || !char.IsAsciiDigit(text[i + 1]))
            {
                return false;
            }

            separated = true;
        }

        return separated;
    }

    /// <summary>Whether text would be reordered inside Arabic: it has Latin letters or digits and no Arabic letter.</summary>
    public static bool NeedsIsolation(string text) => !HasArabicLetter(text) && text.AsSpan().ContainsAny(LatinLettersAndDigits);

    /// <summary>
    /// Whether a message is written mostly in Arabic script: more of its words are Arabic than Latin (a word counts for
    /// the script most of its letters are in). Deal names are often Latin inside Arabic sentences, so words are counted,
    /// not letters: «شو وضع Initech» is Arabic; "what's next for مؤسسة الأفق" is not. As many of each is the script of the
    /// first word, where the command is said: «انقل Initech» is Arabic, "next مؤسسة" is not.
    /// </summary>
    public static bool IsMostlyArabic(string? text)
    {
        if (string.IsNullOrEmpty(text) || !HasArabicLetter(text))
        {
            return false;
        }

        int arabicWords = 0, latinWords = 0, arabic = 0, latin = 0;
        bool? firstIsArabic = null;
        foreach (var c in text.Append(' '))
        {
            if (IsArabicLetter(c))
            {
                arabic++;
            }
            else if (char.IsAsciiLetter(c))
            {
                latin++;
            }
            else if (char.IsWhiteSpace(c) || c is ',' or '?' or '!' or '.' or '\u060C' or '\u061F')
            {
                arabicWords += arabic > latin ? 1 : 0;
                latinWords += latin > arabic ? 1 : 0;
                firstIsArabic ??= arabic == latin ? null : arabic > latin;
                arabic = latin = 0;
            }
        }

        return arabicWords > latinWords || (arabicWords == latinWords && firstIsArabic == true);
    }

    /// <summary>
    /// Whether text has an Arabic letter. Most of what passes through here is English: a vectorised search for the
    /// first character at or above U+0620 (where the Arabic letters begin) skips it without a look at each character.
    /// </summary>
    public static bool HasArabicLetter(ReadOnlySpan<char> text)
    {
        var from = text.IndexOfAnyExceptInRange('\0', '\u061F');
        if (from < 0)
        {
            return false;
        }

        foreach (var c in text[from..])
        {
            if (IsArabicLetter(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Arabic letters (Arabic and Arabic Supplement blocks, presentation forms), not digits or punctuation.</summary>
    public static bool IsArabicLetter(char c) =>
        c is (>= '\u0620' and <= '\u064A') or (>= '\u066E' and <= '\u06D3') or '\u06D5' or (>= '\u06FA' and <= '\u06FF')
            or (>= '\u0750' and <= '\u077F') or (>= '\uFB50' and <= '\uFDFF') or (>= '\uFE70' and <= '\uFEFC');
}
