using SalesCoachBot.Core.Dates;
using SalesCoachBot.Core.Tests.Fakes;
using SalesCoachBot.Core.Tests.Understanding;

namespace SalesCoachBot.Core.Tests.Coaching;

/// <summary>
/// Session 50: a date inside a step's own words ("send the Dec 10 minutes") is no due date, one in the due position ("by
/// Friday", «قبل ١٠ ديسمبر») is; "deals at stage mars" names the map's stages. The harness clock is Friday 27 November 2026.
/// </summary>
public sealed class Parse50Tests : IDisposable
{
    private readonly BotHarness _bot = new();

    public void Dispose() => _bot.Dispose();

    // 1. A date in a reminder or a next step.

    [Theory]
    [InlineData("remind me to send Globex the Dec 10 minutes", "nextstep 1003 | send the dec 10 minutes")]
    [InlineData("remind me to send Globex the Friday minutes", "nextstep 1003 | send the friday minutes")]
    [InlineData("remind me to send Globex the proposal by Friday about pricing", "nextstep 1003 | send the proposal about pricing by friday")]
    [InlineData("remind me to send Globex the proposal before Dec 10 with the pricing", "nextstep 1003 | send the proposal with the pricing before dec 10")]
    [InlineData("remind me to call Globex tomorrow about pricing", "nextstep 1003 | call about pricing tomorrow")]
    [InlineData("ذكرني أتصل بـ Globex بخصوص محضر ١٠ ديسمبر مع المدير", "nextstep 1003 | اتصال بخصوص محضر ١٠ ديسمبر مع المدير")]
    [InlineData("ذكرني أتصل بـ Globex بخصوص العقد قبل ١٠ ديسمبر مع المدير", "nextstep 1003 | اتصال بخصوص العقد مع المدير قبل ١٠ ديسمبر")]
    [InlineData("ذكرني أتصل بـ Globex بخصوص العرض يوم الأحد مع المدير", "nextstep 1003 | اتصال بخصوص العرض مع المدير يوم الأحد")]
    public void Parse_Reminder_OnlyADateSaidAsDueGoesLast(string text, string reads) =>
        Assert.Equal(reads, UnderstandingTestData.Read(text));

    [Theory]
    [InlineData("next step for Globex: send the Dec 10 minutes", "send the Dec 10 minutes", 0)]
    [InlineData("next step for Globex: send the minutes by Dec 10", "send the minutes", 10)]
    [InlineData("remind me to send Globex the Dec 10 minutes", "send the Dec 10 minutes", 0)]
    [InlineData("remind me to send Globex the proposal before Dec 10 with the pricing", "send the proposal with the pricing", 10)]
    [InlineData("الخطوة التالية لـ Globex: إرسال محضر ١٠ ديسمبر للمدير", "إرسال محضر ١٠ ديسمبر للمدير", 0)]
    [InlineData("الخطوة التالية لـ Globex: إرسال المحضر قبل ١٠ ديسمبر", "إرسال المحضر", 10)]
    [InlineData("ذكرني أتصل بـ Globex بخصوص محضر ١٠ ديسمبر مع المدير", "اتصال بخصوص محضر ١٠ ديسمبر مع المدير", 0)]
    [InlineData("ذكرني أتصل بـ Globex بخصوص العقد قبل ١٠ ديسمبر مع المدير", "اتصال بخصوص العقد مع المدير", 10)]
    public async Task NextStep_DateInsideTheStepsWords_StaysText_DueDateIsTheDate(string text, string step, int decemberDay)
    {
        var deal = _bot.AddDeal("1003", "Globex");

        await _bot.AskAsync(text);

        Assert.Equal(step, deal.NextStep);
        Assert.Equal(decemberDay == 0 ? null : new DateTimeOffset(2026, 12, decemberDay, 23, 59, 0, TimeSpan.Zero), deal.NextStepAt);
    }

    [Theory]
    [InlineData("by Friday about pricing", false, true)]
    [InlineData("before Dec 10", false, true)]
    [InlineData("in 3 days", false, true)]
    [InlineData("قبل ١٠ ديسمبر", false, true)]
    [InlineData("يوم الأحد", false, true)]
    [InlineData("tomorrow about pricing", true, true)]
    [InlineData("tomorrow about pricing", false, false)]
    [InlineData("the Dec 10 minutes", true, false)]
    [InlineData("from Dec 10", false, false)]
    [InlineData("١٠ ديسمبر مع المدير", false, false)]
    public void SaysWhenDue_DueWordOrRightAfterTheName(string text, bool rightAfterName, bool due) =>
        Assert.Equal(due, DateInWords.SaysWhenDue(text, rightAfterName));

    // 2. A stage no map has, after "stage".

    [Theory]
    [InlineData("deals at stage mars", "deals stage?(mars:NotFound)")]
    [InlineData("show deals at stage mars", "deals stage?(mars:NotFound)")]
    [InlineData("which deals are at stage mars", "deals stage?(mars:NotFound)")]
    [InlineData("deals in stage mars", "deals stage?(mars:NotFound)")]
    [InlineData("deals at stage demo", "deals demo")]
    [InlineData("الصفقات بمرحلة المريخ", "deals stage?(المريخ:NotFound)")]
    public void Parse_DealsAtStageNoMapHas_IsAStageNotAPerson(string text, string reads) =>
        Assert.Equal(reads, UnderstandingTestData.Read(text));

    [Theory]
    [InlineData("en", "deals at stage mars", "I don't know a stage called \"mars\". Stages: Discovery, Demo, Contract signed.")]
    [InlineData("ar", "الصفقات بمرحلة المريخ", "لا أعرف مرحلة اسمها «المريخ». المراحل:")]
    public async Task DealsAtStageNoMapHas_NamesTheMapsStages(string language, string text, string expected)
    {
        _bot.Rep.Language = language;
        _bot.AddDeal("1002", "Initech", "demo");

        var answer = await _bot.AskAsync(text);

        Assert.Contains(expected, answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("owns no open deals", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Initech", answer.Text, StringComparison.Ordinal);
    }
}
