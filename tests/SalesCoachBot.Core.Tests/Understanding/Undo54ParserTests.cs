using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Tests.Understanding;

/// <summary>undo54: a confirmation or a call named in an undo is a kind of its own; "undo that" stays any kind.</summary>
public sealed class Undo54ParserTests
{
    private readonly CommandParser _parser = new();

    [Theory]
    [InlineData("undo my last confirmation", "Confirmation")]
    [InlineData("undo my last next step", "NextStep")]
    [InlineData("undo my last note", "Note")]
    [InlineData("undo my last call", "Call")]
    [InlineData("undo the last tick", "Confirmation")]
    [InlineData("تراجع عن آخر تأكيد", "Confirmation")]
    [InlineData("الغِ آخر خطوة", "NextStep")]
    [InlineData("تراجع عن آخر ملاحظة", "Note")]
    [InlineData("الغِ آخر مكالمة", "Call")]
    [InlineData("undo that", "Any")]
    [InlineData("undo the last one", "Any")]
    [InlineData("تراجع عن آخر واحد", "Any")]
    [InlineData("تراجع عن ذلك", "Any")]
    public void Parse_UndoMyLastKind_TargetsThatKind(string text, string target)
    {
        var parsed = Assert.IsType<UndoLastCommand>(_parser.Parse(text));

        Assert.Equal((DealReference.ThisDeal, target), (parsed.Deal, parsed.Target.ToString()));
    }

    [Theory]
    [InlineData("undo my last confirmation for Initech", "Confirmation")]
    [InlineData("undo the meeting with Initech", "Meeting")] // parse55: a meeting is its own kind, as a call is
    [InlineData("undo the next step for Initech", "NextStep")]
    [InlineData("الغ آخر مكالمة مع Initech", "Call")]
    [InlineData("تراجع عن آخر تأكيد في Initech", "Confirmation")]
    public void Parse_UndoKindOnADeal_TargetsThatKindOnTheDeal(string text, string target)
    {
        var parsed = Assert.IsType<UndoLastCommand>(_parser.Parse(text));

        Assert.Equal((new NameReference("Initech") as DealReference, target), (parsed.Deal, parsed.Target.ToString()));
    }

    [Fact]
    public void Parse_UndoNamingAnItemForADeal_StaysTheItemsUndo()
    {
        var parsed = Assert.IsType<UndoItemCommand>(_parser.Parse("undo demo held for Initech"));

        Assert.Equal(("demo held", new NameReference("Initech") as DealReference), (parsed.ItemText, parsed.Deal));
    }

    [Theory]
    [InlineData("undo my last confirmation", "en")]
    [InlineData("undo my last call", "en")]
    [InlineData("undo my last call on Initech", "en")]
    [InlineData("undo my last confirmation for Initech", "en")]
    [InlineData("تراجع عن آخر تأكيد", "ar")]
    [InlineData("الغِ آخر مكالمة", "ar")]
    [InlineData("الغ آخر مكالمة مع Initech", "ar")]
    [InlineData("تراجع عن ذلك", "ar")]
    [InlineData("تراجع عن آخر واحد في Initech", "ar")]
    public void CanonicalText_UndoKind_ReadsBackAsTheSameKind(string text, string language)
    {
        var parsed = Assert.IsType<UndoLastCommand>(_parser.Parse(text));

        var again = Assert.IsType<UndoLastCommand>(_parser.Parse(CommandParser.CanonicalText(parsed, language)!));

        Assert.Equal((parsed.Deal, parsed.Target), (again.Deal, again.Target));
    }
}
