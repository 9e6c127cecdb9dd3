using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Tests.Understanding;

/// <summary>Session 51: emoji in notes and steps; a next step said done.</summary>
public sealed class EmojiAndStepChangeParserTests
{
    private readonly CommandParser _parser = new();

    [Theory]
    [InlineData("note for Initech: 👍", "Initech", "👍")]
    [InlineData("note for Initech: 🎉🎉", "Initech", "🎉🎉")]
    [InlineData("note for Initech: ✅ signed", "Initech", "✅ signed")]
    [InlineData("ملاحظة لصفقة Initech: 👍", "Initech", "👍")]
    public void Parse_NoteOfEmoji_KeepsTheEmoji(string text, string deal, string note)
    {
        var parsed = Assert.IsType<AddNoteCommand>(_parser.Parse(text));

        Assert.Equal((new NameReference(deal) as DealReference, note), (parsed.Deal, parsed.Text));
    }

    [Theory]
    [InlineData("note for Initech")]
    [InlineData("note for Initech:")]
    public void Parse_NoteWithNothingAfterTheName_StillAsksForTheNotes(string text)
    {
        var parsed = Assert.IsType<AddNoteCommand>(_parser.Parse(text));

        Assert.Equal(string.Empty, parsed.Text);
    }

    [Theory]
    [InlineData("next step for Initech: 🎉 demo 🎉 tomorrow", "🎉 demo 🎉 tomorrow")]
    [InlineData("next step for Initech: send deck", "send deck")]
    public void Parse_StepOpeningWithEmoji_KeepsIt(string text, string step)
    {
        var parsed = Assert.IsType<SetNextStepCommand>(_parser.Parse(text));

        Assert.Equal(step, parsed.Text);
    }

    [Theory]
    [InlineData("next step for Initech done")]
    [InlineData("done next step for Initech")]
    [InlineData("next step for Initech: done")]
    [InlineData("خلصت الخطوة التالية لـ Initech")]
    public void Parse_NextStepSaidDone_FinishesItStoresNoWord(string text)
    {
        var parsed = Assert.IsType<SetNextStepCommand>(_parser.Parse(text));

        Assert.Equal((new NameReference("Initech") as DealReference, string.Empty, true), (parsed.Deal, parsed.Text, parsed.Done));
    }

    [Theory]
    [InlineData("next step for Initech: done deal review")]
    [InlineData("next step for Initech: send deck")]
    public void Parse_StepWithMoreThanDone_IsAStep(string text)
    {
        var parsed = Assert.IsType<SetNextStepCommand>(_parser.Parse(text));

        Assert.False(parsed.Done);
    }
}
