using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Tests.Fakes;
using SalesCoachBot.Core.Tests.Understanding;

namespace SalesCoachBot.Core.Tests.Coaching;

/// <summary>
/// Session 51 (audit50 item 14): nurture and lost, which every stage page names ("If buyer says no: nurture"), have a page
/// of their own instead of "I don't know a stage called …".
/// </summary>
public sealed class OutcomePages51Tests : IDisposable
{
    // The shipped map: its lost reasons have Arabic words («السعر» for price).
    private readonly BotHarness _bot = new(ProcessMapLoader.Default);

    public void Dispose() => _bot.Dispose();

    [Theory]
    [InlineData("explain nurture")]
    [InlineData("what happens in nurture")]
    [InlineData("explain the nurture stage")]
    [InlineData("what is nurture")]
    public async Task ExplainNurture_InEnglish_IsTheOutcomePage(string text)
    {
        var answer = await _bot.AskAsync(text);

        Assert.Equal("Nurture (an outcome, not a stage)", answer.Card!.Title);
        Assert.Equal(CardKind.StageInfo, answer.Card.Kind);
        Assert.Contains("After 90 days its owner is reminded to re-engage it", answer.Text, StringComparison.Ordinal);
        Assert.Contains("say \"reopen Initech\"", answer.Text, StringComparison.Ordinal);
        // A stage with no "buyer says no" branch sends the deal to nurture.
        Assert.NotEmpty(Assert.Single(answer.Card.Sections).Lines);
    }

    [Theory]
    [InlineData("اشرح مرحلة الرعاية")]
    [InlineData("اشرح الرعاية")]
    public async Task ExplainNurture_InArabic_IsTheArabicOutcomePage(string text)
    {
        _bot.Rep.Language = "ar";

        var answer = await _bot.AskAsync(text);

        Assert.Equal("الرعاية (نتيجة، وليست مرحلة)", answer.Card!.Title);
        Assert.Contains("بعد ٩٠ يومًا", answer.Text.Replace("90", "٩٠", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("لا أعرف مرحلة", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExplainLost_InEnglish_ListsTheMapsLostReasons()
    {
        var answer = await _bot.AskAsync("explain lost");

        Assert.Equal("Lost (an outcome, not a stage)", answer.Card!.Title);
        var reasons = Assert.Single(answer.Card.Facts, f => f.Label == "Lost reasons").Value;
        Assert.Contains("price", reasons, StringComparison.Ordinal);
        Assert.Contains("competitor", reasons, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExplainLost_InArabic_IsTheArabicOutcomePage()
    {
        _bot.Rep.Language = "ar";

        var answer = await _bot.AskAsync("اشرح الخسارة");

        Assert.Equal("الخسارة (نتيجة، وليست مرحلة)", answer.Card!.Title);
        Assert.Contains("السعر", Assert.Single(answer.Card.Facts, f => f.Label == "أسباب الخسارة").Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExplainAStageNoMapHas_IsStillUnknown()
    {
        var answer = await _bot.AskAsync("explain mars");

        Assert.Contains("I don't know a stage called \"mars\"", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("explain nurture", "stage stage?(nurture:NotFound)")]
    [InlineData("what happens in nurture", "stage stage?(nurture:NotFound)")]
    [InlineData("explain lost", "stage stage?(lost:NotFound)")]
    [InlineData("اشرح مرحلة الرعاية", "stage stage?(nurture:NotFound)")]
    [InlineData("اشرح الخسارة", "stage stage?(lost:NotFound)")]
    public void Parse_OutcomePhrasings_AreTheStagePageOfTheOutcome(string text, string expected) =>
        Assert.Equal(expected, UnderstandingTestData.Read(text));
}
