using System.Text;

namespace SalesCoachBot.Slack.BlockKit;

/// <summary>Text helpers for Slack: mrkdwn escaping, visible shortening and splitting on line or word boundaries.</summary>
internal static class SlackText
{
    /// <summary>
    /// Slack's three control characters (<c>&amp;</c>, <c>&lt;</c>, <c>&gt;</c>), as Slack documents for any text it parses;
    /// everything else is shown as written. Every echo of user text (deal names, reasons, the user's own words) goes
    /// through here, so <c>&lt;!channel&gt;</c> or <c>&lt;https://evil|Click&gt;</c> comes back as text, never as a
    /// mention or a link.
    /// </summary>
    public static string Escape(string text)
    {
        if (text.AsSpan().IndexOfAny('&', '<', '>') < 0)
        {
            return text;
        }

        return text.Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal);
    }

    /// <summary>Shortens with a visible ellipsis; callers show the full text elsewhere when it matters.</summary>
    public static string Shorten(string text, int max) =>
        text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1).TrimEnd(), "…");

    /// <summary>
    /// Packs lines into chunks of at most <paramref name="max"/> characters joined by <paramref name="separator"/>;
    /// a single line longer than that is split at the last space before the limit.
    /// </summary>
    public static IReadOnlyList<string> Pack(IEnumerable<string> lines, int max, string separator = "\n")
    {
        var all = lines as IReadOnlyList<string> ?? [.. lines];
        if (FitsInOne(all, max, separator))
        {
            // The usual case, without splitting: no line is empty and all of them fit in one chunk.
            return [string.Join(separator, all)];
        }

        var chunks = new List<string>();
        var current = new StringBuilder();
        foreach (var line in all.SelectMany(l => SplitLong(l, max)))
        {
            if (current.Length > 0 && current.Length + separator.Length + line.Length > max)
            {
                chunks.Add(current.ToString());
                current.Clear();
            }

            if (current.Length > 0)
            {
                current.Append(separator);
            }

            current.Append(line);
        }

        if (current.Length > 0)
        {
            chunks.Add(current.ToString());
        }

        return chunks;
    }

    private static bool FitsInOne(IReadOnlyList<string> lines, int max, string separator)
    {
        var length = -separator.Length;
        foreach (var line in lines)
        {
            length += separator.Length + line.Length;
            if (line.Length == 0 || length > max)
            {
                return false;
            }
        }

        return lines.Count > 0;
    }

    private static IEnumerable<string> SplitLong(string line, int max)
    {
        var rest = line;
        while (rest.Length > max)
        {
            var cut = rest.LastIndexOf(' ', max - 1);
            if (cut <= max / 2)
            {
                cut = max;
            }

            // Never split an escape sequence such as &amp; in half.
            var amp = rest.LastIndexOf('&', cut - 1, Math.Min(cut, 5));
            if (amp >= 0 && rest.IndexOf(';', amp) >= cut)
            {
                cut = amp;
            }

            yield return rest[..cut].TrimEnd();
            rest = rest[cut..].TrimStart();
        }

        yield return rest;
    }
}
