using SalesCoachBot.Core.Understanding;
using Xunit;

namespace SalesCoachBot.Core.Tests.Understanding;

/// <summary>
/// fix/wording53: words echoed as typed, the digest asked for by its everyday names, a week ahead.
/// </summary>
public sealed class Wording53Tests
{
    [Theory]
    // Folding reads أ/إ/آ as ا, ة as ه and ى as ي for matching; the team echoed back keeps the letters typed (audit52 LEFT 11).
    [InlineData("خط المبيعات لفريق الأخبار", "الأخبار")]
    [InlineData("خط المبيعات لفريق إدارة", "إدارة")]
    [InlineData("خط المبيعات لفريق المستوى", "المستوى")]
    public void Parse_ArabicUnknownTeam_KeepsTypedLetters(string text, string team)
    {
        var command = Assert.IsType<PipelineCommand>(new CommandParser().Parse(text));

        Assert.Equal(team, command.TeamName);
    }
}
