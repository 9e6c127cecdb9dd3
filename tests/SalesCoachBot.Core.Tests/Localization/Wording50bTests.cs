using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.Pipeline;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Tests.Fakes;

namespace SalesCoachBot.Core.Tests.Localization;

/// <summary>
/// Session 50 audit wording: an open card's day 0 reads "less than a day" like its status line; an unknown stage has
/// one text; Arabic quarters are ordinal words; a refused reverse funnel repeats the amount typed.
/// </summary>
public sealed class Wording50bTests : IDisposable
{
    private readonly BotHarness _bot = new(ProcessMapLoader.Default);

    public void Dispose() => _bot.Dispose();

    [Fact]
    public async Task OpenCard_DayZero_DaysInStageSaysLessThanADay()
    {
        _bot.AddDeal("1002", "Tailwind", "discovery", daysInStage: 0);

        var english = await _bot.AskAsync("what's next for tailwind");
        _bot.Rep.Language = "ar";
        var arabic = await _bot.AskAsync("وش الخطوة الجاية مع Tailwind");

        // Was "Days in stage: 0" beside "less than a day in stage".
        Assert.Equal("less than a day", english.Card!.Facts.Single(f => f.Label == "Days in stage").Value);
        Assert.Equal("أقل من يوم", arabic.Card!.Facts.Single(f => f.Label == "الأيام في المرحلة").Value);
    }

    [Fact]
    public async Task OpenCard_SomeDays_DaysInStageStaysANumber()
    {
        _bot.AddDeal("1002", "Tailwind", "discovery", daysInStage: 3);

        var english = await _bot.AskAsync("what's next for tailwind");

        Assert.Equal("3", english.Card!.Facts.Single(f => f.Label == "Days in stage").Value);
    }

    [Theory]
    [InlineData("en", "move tailwind to mars", "what happens in mars")]
    [InlineData("ar", "انقل Tailwind إلى مرحلة المريخ", "اشرح مرحلة المريخ")]
    public async Task UnknownStage_MoveAndStagePage_SameText(string language, string move, string explain)
    {
        _bot.AddDeal("1002", "Tailwind", "discovery", daysInStage: 3);
        _bot.Rep.Language = language;

        _bot.Manager.Language = language;
        var moved = await _bot.AskAsync(move, _bot.Manager);
        var explained = await _bot.AskAsync(explain);

        var expected = language == "en" ? "Stages: " : "المراحل: ";
        Assert.Contains(expected, moved.Text, StringComparison.Ordinal);
        Assert.Contains(expected, explained.Text, StringComparison.Ordinal);
        Assert.Equal(moved.Card!.Title, explained.Card!.Title);
        Assert.Equal(moved.Text[moved.Text.IndexOf(expected, StringComparison.Ordinal)..], explained.Text[explained.Text.IndexOf(expected, StringComparison.Ordinal)..]);
    }

    [Theory]
    [InlineData(1, "Q1 2027", "الربع الأول من 2027")]
    [InlineData(4, "Q2 2027", "الربع الثاني من 2027")]
    [InlineData(7, "Q3 2027", "الربع الثالث من 2027")]
    [InlineData(12, "Q4 2027", "الربع الرابع من 2027")]
    public void QuarterName_ArabicIsAnOrdinalWord(int month, string english, string arabic)
    {
        var start = new DateOnly(2027, month, 1);

        Assert.Equal(english, TargetPeriods.QuarterName(start, Phrases.English));
        Assert.Equal(arabic, TargetPeriods.QuarterName(start, ReplyTexts.Shared.In(ReplyLanguage.Arabic)));
    }

    [Fact]
    public async Task ReverseFunnel_RefusedForATeam_ExampleRepeatsTheAmountTyped()
    {
        var english = await _bot.AskAsync("what do we need to hit 1M for EMEA");
        _bot.Rep.Language = "ar";
        var arabic = await _bot.AskAsync("كم نحتاج لتحقيق مليون لفريق EMEA");

        Assert.Contains("\"what do we need to hit 1M\"", english.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("2M", english.Text, StringComparison.Ordinal);
        // «مليون» reaches the use case rewritten as "1 million": the words typed are repeated (fix/parse51), not English words.
        Assert.Contains("«كم صفقة نحتاج لتحقيق مليون»", arabic.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("2 مليون", arabic.Text, StringComparison.Ordinal);
    }
}
