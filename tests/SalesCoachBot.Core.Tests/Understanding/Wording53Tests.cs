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

    [Theory]
    // The digest is the stalled list, of the team named or the asker's teams; only "… here" binds a channel.
    [InlineData("الملخص الصباحي", "stalled -")]
    [InlineData("ملخص اليوم", "stalled -")]
    [InlineData("ملخص الصباح", "stalled -")]
    [InlineData("الملخص الصباحي لفريق EMEA", "stalled emea")]
    [InlineData("EMEA digest", "stalled emea")]
    [InlineData("the morning digest", "stalled -")]
    [InlineData("morning digest", "stalled -")]
    [InlineData("today's digest", "stalled -")]
    [InlineData("digest for EMEA", "stalled emea")]
    [InlineData("شو لازم أعمل اليوم؟", "due all 0")]
    // A week ahead is a period to come, as "next quarter" is.
    [InlineData("pipeline next week", "pipeline - next-week")]
    [InlineData("خط المبيعات الأسبوع الجاي", "pipeline - next-week")]
    public void Parse_Wording53_ReadAsMeant(string text, string expected)
    {
        Assert.Equal(expected, UnderstandingTestData.Read(text));
    }
}
