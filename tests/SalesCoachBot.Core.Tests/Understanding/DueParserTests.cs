using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Tests.Understanding;

/// <summary>"what's due": overdue next steps and those due soon, and the deals with none; window words narrow it.</summary>
public sealed class DueParserTests
{
    private readonly CommandParser _parser = new();

    [Theory]
    [InlineData("what's due this week", DueFocus.All, 7)]
    [InlineData("what's due", DueFocus.All, 7)]
    [InlineData("my agenda", DueFocus.All, 7)]
    [InlineData("what do I have this week", DueFocus.All, 7)]
    [InlineData("what's due today?", DueFocus.All, 0)]
    [InlineData("whats due tomorrow", DueFocus.All, 1)]
    [InlineData("overdue next steps", DueFocus.Overdue, 7)]
    [InlineData("what's overdue", DueFocus.Overdue, 7)]
    [InlineData("which deals have no next step", DueFocus.Missing, 7)]
    [InlineData("deals without a next step", DueFocus.Missing, 7)]
    [InlineData("وش عندي هالأسبوع", DueFocus.All, 7)]
    [InlineData("إيش المستحق", DueFocus.All, 7)]
    [InlineData("شو المطلوب مني هالأسبوع", DueFocus.All, 7)]
    [InlineData("إيش المستحق بكرة", DueFocus.All, 1)]
    [InlineData("الخطوات المتأخرة", DueFocus.Overdue, 7)]
    [InlineData("الصفقات بلا خطوة تالية", DueFocus.Missing, 7)]
    [InlineData("وش الخطوات اللي فاتت موعدها", DueFocus.Overdue, 7)]
    [InlineData("إيش المواعيد اللي فاتتني", DueFocus.Overdue, 7)]
    [InlineData("الخطوات اللي فات معادها", DueFocus.Overdue, 7)]
    public void Parse_DueQuestions_AreDueWithTheirFocusAndWindow(string text, DueFocus focus, int days)
    {
        var command = Assert.IsType<DueCommand>(_parser.Parse(text));

        Assert.Equal(focus, command.Focus);
        Assert.Equal(days, command.WithinDays);
    }

    [Theory]
    [InlineData("next step for Globex: send revised quote Thursday")]
    [InlineData("what's next for Initech")]
    [InlineData("my deals")]
    [InlineData("stalled")]
    [InlineData("الخطوة التالية لصفقة Globex: إرسال العرض يوم الخميس")]
    [InlineData("صفقاتي")]
    [InlineData("وش الخطوة التالية لـ Initech")]
    public void Parse_NeighbouringCommands_AreNotDue(string text) =>
        Assert.IsNotType<DueCommand>(_parser.Parse(text));
}
