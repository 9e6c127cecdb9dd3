using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Tests.Understanding;

/// <summary>Session 53 audit: a rep's week.</summary>
public sealed class RepWeek53ParserTests
{
    private readonly CommandParser _parser = new();

    [Theory]
    [InlineData("note on Initech: <b>CFO</b> wants 3 years", "<b>CFO</b> wants 3 years")]
    [InlineData("note for Initech: $50k budget confirmed", "$50k budget confirmed")]
    [InlineData("note for Initech: \"we are in\" said the CFO", "\"we are in\" said the CFO")]
    [InlineData("note for Initech - (tentative) budget approved", "(tentative) budget approved")]
    [InlineData("note for Initech: *signed* today", "*signed* today")]
    [InlineData("ملاحظة لصفقة Initech: «موافقون» قال المدير", "«موافقون» قال المدير")]
    [InlineData("note for Initech: CFO wants 3 years", "CFO wants 3 years")]
    public void Parse_NoteOpeningWithAMark_KeepsTheMark(string text, string note)
    {
        var parsed = Assert.IsType<AddNoteCommand>(_parser.Parse(text));

        Assert.Equal((new NameReference("Initech") as DealReference, note), (parsed.Deal, parsed.Text));
    }

    [Theory]
    [InlineData("next step for Initech: (tentative) call the CFO", "(tentative) call the CFO")]
    [InlineData("next step for Initech: #2 priority call", "#2 priority call")]
    public void Parse_StepOpeningWithAMark_KeepsTheMark(string text, string step)
    {
        var parsed = Assert.IsType<SetNextStepCommand>(_parser.Parse(text));

        Assert.Equal(step, parsed.Text);
    }

    [Theory]
    [InlineData("إيه اللي بعد كده في Globex")]
    [InlineData("إيه اللي بعد كده مع Globex")]
    public void Parse_EgyptianWhatComesAfter_IsTheDealsCard(string text)
    {
        var parsed = Assert.IsType<WhatsNextCommand>(_parser.Parse(text));

        Assert.Equal(new NameReference("Globex") as DealReference, parsed.Deal);
    }
}
