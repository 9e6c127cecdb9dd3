using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Tests.Understanding;

/// <summary>Session 51: emoji in notes and steps.</summary>
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
}
