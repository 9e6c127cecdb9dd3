namespace SalesCoachBot.Core.ProcessMaps;

/// <summary>
/// Where a YAML flow collection goes wrong: the first <c>[</c> or <c>{</c> never closed, or the first <c>]</c> or
/// <c>}</c> that closes nothing of its kind. YamlDotNet throws on some of these without a position; this scan, run only
/// then, finds the line to point at. Quoted scalars and comments are skipped; a quote opens a scalar only where a
/// token starts (after a space, a flow indicator or at the line's start), so "don't" in plain text is not one.
/// </summary>
internal static class FlowBrackets
{
    public static Pos? FirstUnbalanced(string yaml)
    {
        var open = new Stack<(char Bracket, Pos At)>();
        int line = 1, column = 0;
        char quote = '\0';
        var comment = false;
        var previous = '\n';
        for (var i = 0; i < yaml.Length; i++)
        {
            var c = yaml[i];
            if (c == '\n')
            {
                line++;
                column = 0;
                comment = false;
                previous = c;
                continue;
            }

            column++;
            if (comment || c == '\r')
            {
                continue;
            }

            if (quote != '\0')
            {
                if (quote == '"' && c == '\\')
                {
                    i++;   // an escaped character, never the closing quote (a line break escaped here is rare enough to miscount)
                    column++;
                }
                else if (c == quote)
                {
                    quote = '\0';
                }

                previous = c;
                continue;
            }

            var tokenStart = previous is '\n' or ' ' or '\t' or '[' or '{' or ',';
            switch (c)
            {
                case '#' when previous is '\n' or ' ' or '\t':
                    comment = true;
                    break;
                case '"' or '\'' when tokenStart:
                    quote = c;
                    break;
                case '[' or '{':
                    open.Push((c, new Pos(line, column)));
                    break;
                case ']' or '}':
                    if (open.Count == 0 || open.Pop().Bracket != (c == ']' ? '[' : '{'))
                    {
                        return new Pos(line, column);
                    }

                    break;
            }

            previous = c;
        }

        // The outermost one still open is where the collection that swallowed the rest of the file began.
        return open.Count == 0 ? null : open.Last().At;
    }
}
