using SalesCoachBot.Core.Crm;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.ProcessMaps;

namespace SalesCoachBot.Core.Tests.Crm;

/// <summary>
/// The CRM's notices (issue 16) in the reader's language (issue 17): a refused push to a person whose language is
/// Arabic reads in Arabic with the stage's Arabic name and the CRM's own message isolated; English stays as it was.
/// </summary>
public sealed class CrmNoticesLanguageTests
{
    private static readonly ProcessMap Map = ProcessMapLoader.Parse(ProcessMapLoader.DefaultYaml).Map!;

    private static readonly CrmRefusal Refusal =
        new(new DealId(7), "Zenith", "006A", 1, CrmPushKind.Stage, new StageId("proposal"), KeptStage: new StageId("demo"));

    [Fact]
    public void Refused_Arabic_ArabicTextStageNamesAndRtlCard()
    {
        var answer = CrmNotices.Refused("Salesforce", Refusal, "FIELD_CUSTOM_VALIDATION_EXCEPTION", Map, ReplyTexts.Shared.In(ReplyLanguage.Arabic));

        Assert.Equal(
            "رفض \u2068Salesforce\u2069 نقل صفقة \u2068Zenith\u2069 (\u2068#006A\u2069) إلى العرض / عرض السعر: \u2068FIELD_CUSTOM_VALIDATION_EXCEPTION\u2069. " +
            "وتبقى الصفقة هنا أيضًا في العرض التوضيحي / الحل؛ صحّح الأمر في \u2068Salesforce\u2069 أو هنا، ثم حاول مرة أخرى.",
            answer.Text);
        Assert.Equal("افتح الصفقة", Assert.Single(answer.Card!.Actions).Label);
        Assert.Equal(ReplyLanguage.ArabicCode, answer.Card.Language?.Code);
    }

    [Fact]
    public void Refused_English_AsBefore()
    {
        var answer = CrmNotices.Refused("Salesforce", Refusal, "FIELD_CUSTOM_VALIDATION_EXCEPTION", Map);

        Assert.Equal(
            "Salesforce refused moving Zenith (#006A) to Proposal / quote: FIELD_CUSTOM_VALIDATION_EXCEPTION. " +
            "The deal stays at Demo / solution here too; fix it in Salesforce or here, then try again.",
            answer.Text);
        Assert.Equal("Salesforce refused a change: Zenith", answer.Card!.Title);
        Assert.Null(answer.Card.Language);
    }

    [Fact]
    public void Paused_Arabic_ArabicTitleAndText()
    {
        var answer = CrmNotices.Paused("HubSpot", "token expired", ReplyTexts.Shared.In(ReplyLanguage.Arabic));

        Assert.Equal("مزامنة \u2068HubSpot\u2069 متوقفة مؤقتًا", answer.Card!.Title);
        Assert.StartsWith("مزامنة \u2068HubSpot\u2069 متوقفة مؤقتًا: \u2068token expired\u2069. لم يضع شيء", answer.Text, StringComparison.Ordinal);
    }
}
