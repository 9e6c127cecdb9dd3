using SalesCoachBot.Core.Tests.Fakes;

namespace SalesCoachBot.Core.Tests.Understanding;

/// <summary>
/// fix/parse51b: phrasings the session-51 audit left misread: "what did I do on X" in Arabic, "help" before a command's
/// name, the due list of a team said with «فريق», a snooze counted in hours, "remind me about X tomorrow".
/// </summary>
public sealed class Parse51bTests : IDisposable
{
    private readonly BotHarness _bot = new();

    public void Dispose() => _bot.Dispose();

    [Theory]
    [InlineData("شو عملت على Initech", "history 1002")]
    [InlineData("وش سويت في Initech", "history 1002")]
    [InlineData("ايش سويت على Initech", "history 1002")]
    [InlineData("what did I do on Initech", "history 1002")]
    public void Parse_WhatDidIDoOn_IsTheHistory(string text, string expected)
    {
        Assert.Equal(expected, UnderstandingTestData.Read(text));
    }

    [Theory]
    [InlineData("help next step")]
    [InlineData("help snooze")]
    [InlineData("help with next steps")]
    [InlineData("مساعدة الخطوة التالية")]
    [InlineData("مساعدة في التأجيل")]
    public void Parse_HelpBeforeACommand_IsTheHelp(string text)
    {
        Assert.Equal("help", UnderstandingTestData.Read(text));
    }

    [Theory]
    [InlineData("help Initech", "next 1002")]
    public void Parse_HelpBeforeADeal_IsReadAsBefore(string text, string expected)
    {
        Assert.Equal(expected, UnderstandingTestData.Read(text));
    }
}
