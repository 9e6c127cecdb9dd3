using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Tests.Fakes;

namespace SalesCoachBot.Core.Tests.Localization;

/// <summary>
/// Session 52 wording: what's due, reminders, the outcome pages and the charts, as a rep reads them in English and
/// Arabic, on the shipped map.
/// </summary>
public sealed class ReplyWording52Tests : IDisposable
{
    private readonly BotHarness _bot = new(ProcessMapLoader.Default);

    public void Dispose() => _bot.Dispose();

    [Theory]
    [InlineData("what's due", "Open deals with no next step (1): Globex", "Book one by saying \"next step for DEAL: what and when\".", "Give a step its day by saying")]
    [InlineData("وش المستحق", "صفقات مفتوحة بلا خطوة تالية (1): \u2068Globex\u2069", "لتحديد خطوة، قل: «الخطوة التالية لصفقة الاسم: ماذا ومتى».", "لتحديد موعد للخطوة")]
    public async Task Due_Text_HintsAndTheNoStepLineArePlainLinesNotItems(string ask, string missingLine, string hint, string undatedHint)
    {
        _bot.AddDeal("1002", "Initech", "demo").NextStep = "send ROI case";
        _bot.AddDeal("1003", "Globex", "proposal");

        var lines = (await _bot.AskAsync(ask)).Text.Split('\n');

        // Was "No next step:" then "- Open deals with no next step (1): …" and "- Book one by saying …", as if both were deals.
        Assert.Equal(6, lines.Length);
        Assert.StartsWith("- ", lines[2], StringComparison.Ordinal);
        Assert.StartsWith(undatedHint, lines[3], StringComparison.Ordinal);
        Assert.Equal(missingLine, lines[4]);
        Assert.Equal(hint, lines[5]);
        Assert.Single(lines, line => line.StartsWith("- ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("ذكرني أتصل بـ Initech بكرة")]
    [InlineData("فكرني أكلم Initech بكرة")]
    [InlineData("ذكرني أدق على Initech بكرة")]
    public async Task RemindMe_Arabic_CallVerbsStoreOneNoun(string text)
    {
        var initech = _bot.AddDeal("1002", "Initech", "demo");

        var answer = await _bot.AskAsync(text);

        // «أكلم» stored «مكالمة» and «أتصل» «اتصال»: two nouns for the same reminder.
        Assert.Equal("اتصال", initech.NextStep);
        Assert.StartsWith("الخطوة التالية لصفقة \u2068Initech\u2069: اتصال — السبت 28 نوفمبر 2026", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RemindMe_English_CallStoresCall()
    {
        var initech = _bot.AddDeal("1002", "Initech", "demo");

        var answer = await _bot.AskAsync("remind me to call Initech tomorrow");

        Assert.Equal("call", initech.NextStep);
        Assert.StartsWith("Next step for Initech: call — ", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("explain nurture", "en", "If buyer says no: from ")]
    [InlineData("اشرح الرعاية", "ar", "عند «المشتري يرفض»: من ")]
    public async Task ExplainNurture_BuyerSaysNoLine_NamesNoStageAtOrAfterTheWonStage(string text, string language, string start)
    {
        _bot.Rep.Language = language;

        var answer = await _bot.AskAsync(text);

        // The map's default (a "no" goes to nurture) listed Contract signed … Existing customer, where deals are won.
        var line = Assert.Single(answer.Card!.Sections.Single().Lines, l => l.Text.StartsWith(start, StringComparison.Ordinal)).Text;
        var map = _bot.Map;
        var won = map.PositionOf(map.Won);
        Assert.Contains(map.GetStage(new("discovery")).NameFor(language), line, StringComparison.Ordinal);
        Assert.All(map.OrderedStages().Where(s => map.PositionOf(s.Id) >= won), s => Assert.DoesNotContain(s.NameFor(language), line, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("اشرح الرعاية")]
    [InlineData("اشرح الخسارة")]
    public async Task ExplainOutcome_Arabic_ReopenExampleIsolatesTheDealName(string text)
    {
        _bot.Rep.Language = "ar";

        var answer = await _bot.AskAsync(text);

        // «أعد فتح Initech» put a bare Latin name inside the Arabic sentence.
        Assert.Contains("«أعد فتح \u2068Initech\u2069»", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(" Initech", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("صفقاتي في مرحلة الخسارة", "«الخسارة» نتيجة وليست مرحلة: الصفقة التي تصل إليها تخرج من خط المبيعات. المراحل: ")]
    [InlineData("صفقاتي في مرحلة الرعاية", "«الرعاية» نتيجة وليست مرحلة: الصفقة التي تصل إليها تخرج من خط المبيعات. المراحل: ")]
    [InlineData("my deals in stage nurture", "\"nurture\" is an outcome, not a stage: a deal that reaches it leaves the pipeline. Stages: ")]
    public async Task MyDealsInAnOutcome_SaysItIsAnOutcomeInTheRepsLanguage(string text, string start)
    {
        _bot.AddDeal("1002", "Initech", "demo");

        var answer = await _bot.AskAsync(text);

        // Was «لا أعرف مرحلة اسمها «⁨lost⁩»»: the parser's English word, isolated, in an Arabic reply.
        Assert.StartsWith(start, answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("lost", answer.Text, StringComparison.Ordinal);
    }
}
