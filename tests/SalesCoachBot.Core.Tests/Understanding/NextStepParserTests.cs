using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Tests.Understanding;

public sealed class NextStepParserTests
{
    private readonly CommandParser _parser = new();

    [Theory]
    [InlineData("next step for Tailwind: demo with their CFO on Friday", "Tailwind", "demo with their CFO on Friday")]
    [InlineData("Tailwind next step call back tomorrow 3pm", "Tailwind", "call back tomorrow 3pm")]
    [InlineData("Tailwind Traders next step: call back tomorrow 3pm", "Tailwind Traders", "call back tomorrow 3pm")]
    [InlineData("hey coach, next step for Tailwind: send the deck, by Friday!", "Tailwind", "send the deck, by Friday!")]
    [InlineData("Next Steps for Acme Corp - pricing call on 10/12", "Acme Corp", "pricing call on 10/12")]
    [InlineData("next step for the Globex renewal is a demo next week", "Globex renewal", "a demo next week")]
    [InlineData("update the next step for initech: ROI case (CFO asked)", "initech", "ROI case (CFO asked)")]
    [InlineData("الخطوة التالية لـ Tailwind إرسال العقد يوم الاثنين", "Tailwind", "إرسال العقد يوم الاثنين")]
    [InlineData("الخطوة الجاية مع Tailwind Traders اجتماع مع المدير المالي", "Tailwind Traders", "اجتماع مع المدير المالي")]
    [InlineData("الخطوة الجاية لـ Tailwind هي إرسال العقد", "Tailwind", "إرسال العقد")]
    public void Parse_NextStepForANamedDeal_KeepsTheTextAsTyped(string text, string deal, string step)
    {
        var command = Assert.IsType<SetNextStepCommand>(_parser.Parse(text));

        Assert.Equal(new NameReference(deal), command.Deal);
        Assert.Equal(step, command.Text);
    }

    [Theory]
    [InlineData("set next step for #1010 to 2026-12-10 send pricing", "1010", "2026-12-10 send pricing")]
    [InlineData("next step for deal 1010: send pricing", "1010", "send pricing")]
    [InlineData("#1010 next step: send pricing tomorrow", "1010", "send pricing tomorrow")]
    public void Parse_NextStepForAnExternalId_ReferencesTheId(string text, string id, string step)
    {
        var command = Assert.IsType<SetNextStepCommand>(_parser.Parse(text));

        Assert.Equal(new ExternalIdReference(id), command.Deal);
        Assert.Equal(step, command.Text);
    }

    [Theory]
    [InlineData("next step: call back tomorrow")]
    [InlineData("next step for this deal: call back tomorrow")]
    public void Parse_NextStepWithoutADeal_IsForTheLinkedDeal(string text)
    {
        var command = Assert.IsType<SetNextStepCommand>(_parser.Parse(text));

        Assert.Equal(DealReference.ThisDeal, command.Deal);
        Assert.Equal("call back tomorrow", command.Text);
    }

    [Theory]
    [InlineData("next step for acme")]
    [InlineData("next steps for vandelay industries please")]
    [InlineData("acme next steps")]
    [InlineData("acme next steps please")]
    [InlineData("what's the next step for acme")]
    [InlineData("whats the next step for acme corp?")]
    [InlineData("what is the next step: acme")]
    [InlineData("next step on the wayne account")]
    [InlineData("\U0001F525\U0001F525 next steps umbrella")]
    [InlineData("الخطوة التالية لـ Initech")]
    [InlineData("وش الخطوة التالية لـ Initech")]
    [InlineData("الخطوة التالية لـ Initech الحين")]
    [InlineData("الخطوة التالية لمؤسسة الأفق")]
    [InlineData("الخطوة التالية لصفقة مؤسسة الأفق")]
    public void Parse_AskingForTheNextStep_IsNotSettingOne(string text) =>
        Assert.IsNotType<SetNextStepCommand>(_parser.Parse(text));
}
