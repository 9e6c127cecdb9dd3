using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Tests.Fakes;
using SalesCoachBot.Core.Tests.Understanding;

namespace SalesCoachBot.Core.Tests.Coaching;

/// <summary>
/// Session 49 audit, what the parser still misread: a stage no map has after «مرحلة», a snooze reason cut at "on", an
/// Arabic preposition before a Latin name in an English command, «ذكرني أتصل» stored as «أتصل», and an Arabic lost
/// proposal answered with an English command.
/// </summary>
public sealed class Parse49bTests : IDisposable
{
    // The shipped map's words for a lost reason: { en: competitor, ar: منافس }.
    private readonly BotHarness _bot = new(MapBuilder.ThreeStages() is var map ? map with
    {
        Outcomes = map.Outcomes with
        {
            LostReasonTexts = new Dictionary<string, LocalizedText>
            {
                ["competitor"] = LocalizedText.Of("en", new Dictionary<string, string> { ["en"] = "competitor", ["ar"] = "منافس" }),
            },
        },
    } : null);

    public void Dispose() => _bot.Dispose();

    [Theory]
    [InlineData("صفقات في مرحلة التفاوض", "deals stage?(التفاوض:NotFound)")]
    [InlineData("الصفقات في مرحلة المريخ", "deals stage?(المريخ:NotFound)")]
    [InlineData("صفقاتي في مرحلة التفاوض", "mydeals stage?(التفاوض:NotFound)")]
    public void Parse_UnknownStageAfterTheWordStage_IsAStageNotAPerson(string text, string expected) =>
        Assert.Equal(expected, UnderstandingTestData.Read(text));

    [Fact]
    public async Task DealsAtAStageNoMapHas_InArabic_NamesTheMapsStages()
    {
        _bot.Rep.Language = "ar";
        _bot.AddDeal("1002", "Initech", "demo");

        var answer = await _bot.AskAsync("صفقات في مرحلة التفاوض");

        Assert.Contains("لا أعرف مرحلة اسمها «التفاوض». المراحل:", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("باسم", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Initech", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("snooze Tailwind 3 days because customer on holiday", "snooze 1010 | 3 days | customer on holiday")]
    [InlineData("snooze Tailwind 3 days because the buyer is on leave", "snooze 1010 | 3 days | the buyer is on leave")]
    public void Parse_SnoozeReasonWithAnExamplesWord_KeptWhole(string text, string expected) =>
        Assert.Equal(expected, UnderstandingTestData.Read(text));

    [Fact]
    public async Task Snooze_ReasonWithOn_StoredWhole()
    {
        _bot.AddDeal("1010", "Tailwind", "demo");

        var answer = await _bot.AskAsync("snooze Tailwind 3 days because customer on holiday");

        Assert.Equal("customer on holiday", Assert.Single(_bot.Stores.Snoozes).Reason);
        Assert.Contains("(customer on holiday)", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("what's next لـ Initech", "next 1002")]
    [InlineData("what's next ل Initech", "next 1002")]
    [InlineData("what's next بـ Initech", "next 1002")]
    [InlineData("what's next عن Initech", "next 1002")]
    [InlineData("what's next في Initech", "next 1002")]
    [InlineData("what's next لInitech", "next 1002")]
    public void Parse_ArabicPrepositionBeforeALatinName_InAnEnglishCommand_IsDropped(string text, string expected) =>
        Assert.Equal(expected, UnderstandingTestData.Read(text));

    [Fact]
    public async Task WhatsNext_ArabicPrepositionBeforeTheName_ShowsTheDeal()
    {
        _bot.AddDeal("1002", "Initech", "demo");

        var answer = await _bot.AskAsync("what's next لـ Initech");

        Assert.DoesNotContain("can't find", answer.Text, StringComparison.Ordinal);
        Assert.StartsWith("Initech", answer.Card!.Title, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ذكرني أتصل بـ Initech بكرة", "nextstep 1002 | اتصال بكرة")]
    [InlineData("ذكرني أكلم Initech بكرة", "nextstep 1002 | اتصال بكرة")] // the same noun as «أتصل» (was «مكالمة»)
    [InlineData("ذكرني أتابع مع Initech بكرة", "nextstep 1002 | متابعة بكرة")]
    [InlineData("ذكرني أرسل العرض لـ Globex يوم الأحد", "nextstep 1003 | إرسال العرض يوم الأحد")]
    public void Parse_RemindMeInArabic_StoresTheVerbsNoun(string text, string expected) =>
        Assert.Equal(expected, UnderstandingTestData.Read(text));

    [Fact]
    public async Task RemindMe_InArabic_NextStepIsANounNotTheRepsVerb()
    {
        _bot.Rep.Language = "ar";
        var initech = _bot.AddDeal("1002", "Initech");

        var answer = await _bot.AskAsync("ذكرني أتصل بـ Initech بكرة");

        Assert.Equal("اتصال", initech.NextStep);
        Assert.Contains("اتصال", answer.Card!.Note, StringComparison.Ordinal);
        Assert.DoesNotContain("أتصل", answer.Card.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MarkLostInArabic_ByATeammate_AsksForTheArabicCommandWithTheMapsReason()
    {
        _bot.TeamMate.Language = "ar";
        var deal = _bot.AddDeal("1004", "Northwind", "demo");

        var answer = await _bot.AskAsync("خسرنا Northwind بسبب المنافس", _bot.TeamMate);

        Assert.Equal(DealStatus.Open, deal.Status);
        Assert.Contains("اطلب منهم أن يقولوا «خسرنا #1004 بسبب منافس».", answer.Card!.Note, StringComparison.Ordinal);
        Assert.DoesNotContain("mark #1004", answer.Card.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MarkLostInEnglish_ByATeammate_StillAsksForTheEnglishCommand()
    {
        _bot.AddDeal("1004", "Northwind", "demo");

        var answer = await _bot.AskAsync("mark Northwind lost because competitor", _bot.TeamMate);

        Assert.Contains("Ask them to say \"mark #1004 lost because competitor\"", answer.Card!.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MarkLostInArabic_ByTheOwner_StoresTheMapsReasonForTheArticledWord()
    {
        _bot.Rep.Language = "ar";
        var deal = _bot.AddDeal("1004", "Northwind", "demo");

        await _bot.AskAsync("خسرنا Northwind بسبب المنافس");

        Assert.Equal(DealStatus.Lost, deal.Status);
        Assert.Equal("competitor", deal.LostReason);
    }
}
