using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Tests.Understanding;

/// <summary>Session 53: an undo naming a kind of act, «تراجع» alone; «الغِ ذلك» stays a cancel.</summary>
public sealed class Undo53ParserTests
{
    private readonly CommandParser _parser = new();

    [Theory]
    [InlineData("undo the next step for Initech", "NextStep")]
    [InlineData("undo my note on Initech", "Note")]
    [InlineData("undo the call on Initech", "Call")]
    [InlineData("undo the last note on Initech", "Note")]
    [InlineData("withdraw the next step for Initech", "NextStep")]
    [InlineData("undo the meeting with Initech", "Meeting")] // parse55: a meeting is its own kind, as a call is
    [InlineData("تراجع عن الخطوة التالية لـ Initech", "NextStep")]
    [InlineData("الغِ آخر ملاحظة على Initech", "Note")]
    [InlineData("امسح المكالمة مع Initech", "Call")]
    [InlineData("احذف آخر ملاحظة على Initech", "Note")]
    [InlineData("تراجع عن المكالمة مع Initech", "Call")]
    public void Parse_UndoNamingAKind_IsUndoLastOfThatKindOnTheDeal(string text, string target)
    {
        var parsed = Assert.IsType<UndoLastCommand>(_parser.Parse(text));

        Assert.Equal((new NameReference("Initech") as DealReference, target), (parsed.Deal, parsed.Target.ToString()));
    }

    [Theory]
    [InlineData("undo my last note", "Note")]
    [InlineData("undo my last call", "Call")]
    [InlineData("تراجع عن آخر ملاحظة", "Note")]
    [InlineData("undo that", "Any")]
    [InlineData("undo the last one", "Any")]
    [InlineData("تراجع", "Any")]
    [InlineData("رجّعها", "Any")]
    [InlineData("تراجع عن ذلك", "Any")]
    public void Parse_UndoWithNoDeal_IsUndoLastOnTheLinkedDealOrOwn(string text, string target)
    {
        var parsed = Assert.IsType<UndoLastCommand>(_parser.Parse(text));

        Assert.Equal((DealReference.ThisDeal, target), (parsed.Deal, parsed.Target.ToString()));
    }

    [Fact]
    public void Parse_UndoNamingAnItem_StaysTheItemsUndo()
    {
        var parsed = Assert.IsType<UndoItemCommand>(_parser.Parse("undo demo held for Initech"));

        Assert.Equal("demo held", parsed.ItemText);
    }

    [Theory]
    [InlineData("الغِ ذلك")]
    [InlineData("cancel")]
    [InlineData("cancel that")]
    [InlineData("إلغاء")]
    public void Parse_Cancel_IsACancelNeverAnUndo(string text)
    {
        Assert.IsType<CancelCommand>(_parser.Parse(text));
    }

    [Theory]
    [InlineData("undo the next step for Initech", "en")]
    [InlineData("undo my note on Initech", "en")]
    [InlineData("undo the call on Initech", "en")]
    [InlineData("تراجع عن الخطوة التالية لـ Initech", "ar")]
    [InlineData("الغِ آخر ملاحظة على Initech", "ar")]
    [InlineData("امسح المكالمة مع Initech", "ar")]
    public void CanonicalText_UndoOfAKind_ReadsBackAsTheSameCommand(string text, string language)
    {
        var parsed = Assert.IsType<UndoLastCommand>(_parser.Parse(text));

        var again = Assert.IsType<UndoLastCommand>(_parser.Parse(CommandParser.CanonicalText(parsed, language)!));

        Assert.Equal((parsed.Deal, parsed.Target), (again.Deal, again.Target));
    }
}
