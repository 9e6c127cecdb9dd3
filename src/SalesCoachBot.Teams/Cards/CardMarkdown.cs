using System.Buffers;
using System.Text;

namespace SalesCoachBot.Teams.Cards;

/// <summary>
/// Adaptive Card TextBlocks and facts render Markdown (links, emphasis, lists), and the Core's card
/// text is plain text that repeats what people typed: deal names, notes, reasons, the words the bot
/// did not understand. <see cref="Escape"/> is the one place such text is made literal before it goes
/// into a card, so that "[Click](https://…)" or "**urgent**" shows as typed instead of as a link or bold.
/// </summary>
internal static class CardMarkdown
{
    // Inline Markdown anywhere in a line: emphasis, code, strikethrough, links and images (escaped
    // brackets leave no link for parentheses to complete, so "(6 of 14)" stays as it is), autolinks and
    // HTML, and the {{DATE(…)}} / {{TIME(…)}} functions Adaptive Cards expand in text.
    private static readonly SearchValues<char> Inline = SearchValues.Create("\\`*_~[]<>{}");

    /// <summary>
    /// Backslash-escapes what Markdown would read as markup (CommonMark lets any ASCII punctuation be
    /// escaped this way): inline markers everywhere, and block markers (headings, quotes, list bullets,
    /// "1." numbering) at the start of a line. Text without any comes back as the same string.
    /// </summary>
    public static string Escape(string text)
    {
        if (text.AsSpan().IndexOfAny(Inline) < 0 && !HasLineMarker(text))
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 16);
        var lineStart = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (lineStart && (c == ' ' || c == '\t'))
            {
                escaped.Append(c);
                continue;
            }

            if (lineStart)
            {
                lineStart = false;
                if (c is '#' or '-' or '+' or '=' or '|')
                {
                    escaped.Append('\\');
                }
                else if (char.IsAsciiDigit(c))
                {
                    // "1042. Acme" or "3) Globex" at a line's start would become a numbered list.
                    var digits = i;
                    while (digits < text.Length && char.IsAsciiDigit(text[digits]))
                    {
                        digits++;
                    }

                    escaped.Append(text, i, digits - i);
                    if (digits < text.Length && text[digits] is '.' or ')')
                    {
                        escaped.Append('\\');
                    }

                    i = digits - 1;
                    continue;
                }
            }

            if (Inline.Contains(c))
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
            if (c is '\n' or '\r')
            {
                lineStart = true;
            }
        }

        return escaped.ToString();
    }

    private static bool HasLineMarker(string text)
    {
        var lineStart = true;
        foreach (var c in text)
        {
            if (c is '\n' or '\r')
            {
                lineStart = true;
            }
            else if (lineStart && c is not (' ' or '\t'))
            {
                if (c is '#' or '-' or '+' or '=' or '|' || char.IsAsciiDigit(c))
                {
                    return true;
                }

                lineStart = false;
            }
        }

        return false;
    }
}
