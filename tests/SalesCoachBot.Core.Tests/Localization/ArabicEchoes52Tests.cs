using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Tests.Fakes;

namespace SalesCoachBot.Core.Tests.Localization;

/// <summary>
/// fix/ar52: words a person typed, echoed in an Arabic reply, keep each Latin run in its own isolate when Arabic is
/// around it (an all-Latin echo was isolated whole, a mixed one not at all); the quotes stay outside.
/// </summary>
public sealed class ArabicEchoes52Tests : IDisposable
{
    private const char Fsi = Bidi.FirstStrongIsolate;
    private const char Pdi = Bidi.PopDirectionalIsolate;

    private readonly BotHarness _bot = new(ProcessMapLoader.Default);

    public void Dispose() => _bot.Dispose();

    private static string Iso(string text) => $"{Fsi}{text}{Pdi}";

    [Fact]
    public async Task NotUnderstood_MixedScriptEcho_IsolatesEachLatinRun()
    {
        var answer = await _bot.AskAsync("زقزق بين Dana و Riley", _bot.Manager);

        Assert.StartsWith($"عذرًا، لم أفهم «زقزق بين {Iso("Dana")} و {Iso("Riley")}». جرّب:", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotUnderstood_LatinRunBeforeTheClosingQuote_QuoteStaysOutside()
    {
        var answer = await _bot.AskAsync("زقزق بين Dana و Acme Corp", _bot.Manager);

        Assert.StartsWith($"عذرًا، لم أفهم «زقزق بين {Iso("Dana")} و {Iso("Acme Corp")}».", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("ar")]
    public void Echo_AllLatinOrEnglishReply_LeftWholeForTheArgumentIsolate(string code)
    {
        var language = ReplyLanguage.FromCode(code)!;

        Assert.Equal("Acme Corp", language.Echo("Acme Corp"));
        Assert.Equal(code == "ar" ? $"مؤسسة {Iso("Acme")}" : "مؤسسة Acme", language.Echo("مؤسسة Acme"));
    }
}
