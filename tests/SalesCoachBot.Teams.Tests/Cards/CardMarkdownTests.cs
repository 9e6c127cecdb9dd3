using System.Text.RegularExpressions;
using SalesCoachBot.Teams.Cards;

namespace SalesCoachBot.Teams.Tests.Cards;

/// <summary>The one escaping function for text placed where Adaptive Cards render Markdown.</summary>
public sealed partial class CardMarkdownTests
{
    [Theory]
    [InlineData("[Click](https://evil.example)", "\\[Click\\](https://evil.example)")]
    [InlineData("![x](https://evil.example/a.png)", "!\\[x\\](https://evil.example/a.png)")]
    [InlineData("[Click]: https://evil.example", "\\[Click\\]: https://evil.example")]
    [InlineData("**bold** and _it_ and `code` and ~~gone~~", "\\*\\*bold\\*\\* and \\_it\\_ and \\`code\\` and \\~\\~gone\\~\\~")]
    [InlineData("<https://evil.example>", "\\<https://evil.example\\>")]
    [InlineData("{{DATE(2026-11-23T09:30:00Z, SHORT)}}", "\\{\\{DATE(2026-11-23T09:30:00Z, SHORT)\\}\\}")]
    [InlineData("back\\slash", "back\\\\slash")]
    [InlineData("- not a list", "\\- not a list")]
    [InlineData("  + nor this", "  \\+ nor this")]
    [InlineData("# not a heading", "\\# not a heading")]
    [InlineData("1042. Acme", "1042\\. Acme")]
    [InlineData("3) Globex", "3\\) Globex")]
    [InlineData("first\n2. second\n> third", "first\n2\\. second\n\\> third")]
    [InlineData("Deal 1042 - Acme #1. Done (6 of 14).", "Deal 1042 - Acme #1. Done (6 of 14).")]
    public void Escape_Markup_IsMadeLiteral(string text, string expected)
    {
        Assert.Equal(expected, CardMarkdown.Escape(text));
    }

    [Theory]
    [InlineData("Initech is in Discovery (6 of 14) & owned by *Dana*_\\")]
    [InlineData("12. [a](b)\n- c\n\n  # d")]
    [InlineData("")]
    public void Escape_ThenReadAsMarkdownEscapes_GivesBackTheText(string text)
    {
        // CommonMark: a backslash before ASCII punctuation stands for that character.
        Assert.Equal(text, Unescape().Replace(CardMarkdown.Escape(text), "$1"));
    }

    [Fact]
    public void Escape_PlainText_IsTheSameString()
    {
        const string text = "Requirements list shared with the buyer, 120,000 USD.";

        Assert.Same(text, CardMarkdown.Escape(text));
    }

    [GeneratedRegex(@"\\([!-/:-@\[-`{-~])")]
    private static partial Regex Unescape();
}
