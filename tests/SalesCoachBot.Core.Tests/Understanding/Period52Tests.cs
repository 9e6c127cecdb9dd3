namespace SalesCoachBot.Core.Tests.Understanding;

/// <summary>
/// audit52 LEFT 4: "digest for Americas" was read as binding the chat to the team's nudges. Only a request that says
/// where ("here", "this channel", "use …") binds; otherwise that team's stalled digest is what is asked for.
/// </summary>
public sealed class Period52Tests
{
    [Theory]
    [InlineData("digest for Americas", "stalled americas")]
    [InlineData("ملخص فريق EMEA", "stalled emea")]
    [InlineData("send the emea digest here", "nudges emea")]
    [InlineData("use this channel for EMEA nudges", "nudges emea")]
    [InlineData("ملخص فريق EMEA هنا", "nudges emea")]
    [InlineData("وجّه تنبيهات EMEA لهالقناة", "nudges emea")]
    public void Parse_DigestForATeam_ShowsItUnlessToldWhereToSendIt(string text, string expected) =>
        Assert.Equal(expected, UnderstandingTestData.Read(text));
}
