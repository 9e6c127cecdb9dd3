using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Tests.Fakes;

namespace SalesCoachBot.Core.Tests.Localization;

/// <summary>
/// Session 50 audit wording, second part: a flat pipeline header, the won stage's page says it is the won stage, a rep
/// asking about another person, closing quotes outside a Latin isolate, and counted nouns beside Arabic adjectives.
/// </summary>
public sealed class Wording51Tests : IDisposable
{
    private const char Fsi = '\u2068';
    private const char Pdi = '\u2069';
    private readonly BotHarness _bot = new(ProcessMapLoader.Default);

    public void Dispose() => _bot.Dispose();

    private static string Iso(string text) => $"{Fsi}{text}{Pdi}";

    private static string FirstLine(string text) => text.ReplaceLineEndings("\n").Split('\n')[0];

    // D. Bidi.IsolateLatinRuns: quotes and an unmatched ")" around a Latin run are the sentence's, outside the isolate.

    [Theory]
    [InlineData("انقل «Initech» الآن", "انقل «\u2068Initech\u2069» الآن")]
    [InlineData("انقل “Initech” الآن", "انقل “\u2068Initech\u2069” الآن")]
    [InlineData("راجع (انظر «Initech»)، ثم", "راجع (انظر «\u2068Initech\u2069»)، ثم")]
    [InlineData("الصفقة (رقم «#1002»)، ثم", "الصفقة (رقم «\u2068#1002\u2069»)، ثم")]
    [InlineData("الصفقة (Initech) مفتوحة", "الصفقة (\u2068Initech\u2069) مفتوحة")]
    [InlineData("الصفقة Acme (EU) مفتوحة", "الصفقة \u2068Acme (EU)\u2069 مفتوحة")]
    [InlineData("صفقة Initech: مفتوحة", "صفقة \u2068Initech\u2069: مفتوحة")]
    public void IsolateLatinRuns_QuotesAndBrackets_OutsideTheIsolate(string text, string expected)
    {
        Assert.Equal(expected, Bidi.IsolateLatinRuns(text));
    }

    [Fact]
    public void IsolateLatinRuns_ClosingQuote_EndsTheRun()
    {
        // "«Initech» Acme" are two runs: the quote closed the first.
        Assert.Equal("بين «\u2068Initech\u2069» \u2068Acme\u2069 فرق", Bidi.IsolateLatinRuns("بين «Initech» Acme فرق"));
    }
}
