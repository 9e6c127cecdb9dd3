using SalesCoachBot.Core.Tests.Fakes;

namespace SalesCoachBot.Core.Tests.Coaching;

/// <summary>
/// A change understood with low confidence asks "did you mean …?" before anything happens; a guess about a deal
/// that nobody has, not even nearly, is answered as words not understood.
/// </summary>
public sealed class ConfirmIntentTests : IDisposable
{
    private readonly BotHarness _bot = new();

    public void Dispose() => _bot.Dispose();

    [Theory]
    [InlineData("والله ألغِ تأجيل Tailwind", "unsnooze deal Tailwind")]
    [InlineData("والله ألغِ تأجيل Tailwnd", "unsnooze deal Tailwnd")]
    [InlineData("بصراحة والله أجل Tailwind ٣ أيام", "snooze deal Tailwind 3 days")]
    public async Task LowConfidenceChange_DealTheyHaveOrNearly_AsksFirst(string text, string wording)
    {
        _bot.AddDeal("1007", "Tailwind", "discovery", daysInStage: 2);

        var answer = await _bot.AskAsync(text);

        Assert.Contains($"هل تقصد «\u2068{wording}\u2069»؟", answer.Text, StringComparison.Ordinal);
        Assert.Equal(2, answer.Card!.Actions.Count);
    }

    [Theory]
    [InlineData("بلا بلا بلا")]
    [InlineData("والله ألغِ تأجيل Zyzzogeton")]
    public async Task LowConfidenceChange_NoDealLikeIt_NotUnderstoodNoQuestion(string text)
    {
        _bot.AddDeal("1007", "Tailwind", "discovery", daysInStage: 2);

        var answer = await _bot.AskAsync(text);

        Assert.StartsWith($"عذرًا، لم أفهم «{text}».", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("هل تقصد", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("unsnooze", answer.Text, StringComparison.Ordinal);
    }
}
