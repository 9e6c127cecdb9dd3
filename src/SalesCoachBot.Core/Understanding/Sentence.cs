using System.Text;
using System.Text.RegularExpressions;

namespace SalesCoachBot.Core.Understanding;

/// <summary>One typed word: as typed (for names), and in canonical lower-case form (for commands).</summary>
internal readonly record struct Token(string Original, string Canon, bool CommaBefore);

/// <summary>
/// Typed text as tokens plus their canonical forms joined by single spaces, so command patterns can be
/// written as plain regexes over <see cref="Text"/> while slots are read back in the user's own spelling.
/// </summary>
internal sealed class Sentence
{
    private readonly int[] _starts;

    public Sentence(IReadOnlyList<Token> tokens)
    {
        Tokens = tokens;
        _starts = new int[tokens.Count];
        var text = new StringBuilder();
        for (var i = 0; i < tokens.Count; i++)
        {
            if (i > 0)
            {
                text.Append(' ');
            }

            _starts[i] = text.Length;
            text.Append(tokens[i].Canon);
        }

        Text = text.ToString();
    }

    public IReadOnlyList<Token> Tokens { get; }

    public string Text { get; }

    /// <summary>The tokens a regex group covers (empty when the group did not take part).</summary>
    public IReadOnlyList<Token> Slice(Group group)
    {
        if (!group.Success || group.Length == 0)
        {
            return [];
        }

        var end = group.Index + group.Length;
        var slice = new List<Token>();
        for (var i = 0; i < _starts.Length; i++)
        {
            if (_starts[i] >= group.Index && _starts[i] < end)
            {
                slice.Add(Tokens[i]);
            }
        }

        return slice;
    }

    public static Sentence Tokenize(string text)
    {
        var tokens = new List<Token>();
        var current = new StringBuilder();
        var commaBefore = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var next = i + 1 < text.Length ? text[i + 1] : '\0';
            var previous = current.Length > 0 ? current[^1] : '\0';
            if (char.IsLetterOrDigit(c))
            {
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
            else if (c is '.' or ',' && char.IsDigit(previous) && char.IsDigit(next))
            {
                current.Append(c); // "2.5m", "500,000"
            }
            else if (c is '#' or '$' or '\u20AC' or '\u00A3' && current.Length == 0 && char.IsLetterOrDigit(next))
            {
                current.Append(c); // "#1042", "$2m"
            }
            else if (c is '&' or '+')
            {
                Flush();
                tokens.Add(new Token(c.ToString(), c.ToString(), commaBefore)); // "A & B": an item separator
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
        return new Sentence(tokens);

        void Flush()
        {
            if (current.Length == 0)
            {
                return;
            }

            var original = current.ToString();
            current.Clear();
            var lower = TextFolding.Fold(original.Replace("'", string.Empty, StringComparison.Ordinal).ToLowerInvariant());
            tokens.Add(new Token(original, Vocabulary.Canonical(lower), commaBefore));
            commaBefore = false;
        }
    }
}
