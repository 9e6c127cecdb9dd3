namespace SalesCoachBot.Core.Tests.Understanding;

/// <summary>
/// diary54: "what did I do this week" and its kin are a person's own acts (MyActsCommand), not the due list, the team
/// figures' refusal or a deal called «الأسبوع»; "what did I do on Initech" stays the deal's history.
/// </summary>
public sealed class ParseActs54Tests
{
    [Theory]
    [InlineData("what did I do this week", "acts me | this-week")]
    [InlineData("what did I do today", "acts me | today")]
    [InlineData("what did I do yesterday", "acts me | yesterday")]
    [InlineData("what did I do last week", "acts me | last-week")]
    [InlineData("what did I do this month", "acts me | this-month")]
    [InlineData("what did I do in the last 30 days", "acts me | 30")]
    [InlineData("what did I do", "acts me | -")]
    [InlineData("what have I done this week", "acts me | this-week")]
    [InlineData("my activity this week", "acts me | this-week")]
    [InlineData("recap my week", "acts me | -")]
    [InlineData("what did I confirm", "acts confirmed me | -")]
    [InlineData("what did I confirm today", "acts confirmed me | today")]
    [InlineData("what did Dana do this week", "acts dana | this-week")]
    [InlineData("what did Riley do today", "acts riley | today")]
    [InlineData("what did Dana confirm this week", "acts confirmed dana | this-week")]
    [InlineData("what have I done today", "acts me | today")]
    [InlineData("what did I get done yesterday", "acts me | yesterday")]
    [InlineData("ايش سويت هالأسبوع", "acts me | this-week")]
    [InlineData("what has Riley done this week", "acts riley | this-week")]
    [InlineData("my activity today", "acts me | today")]
    [InlineData("إيه اللي عملته", "acts me | -")]
    [InlineData("شو أكد Riley هالأسبوع", "acts confirmed riley | this-week")]
    [InlineData("شو عملت هالأسبوع", "acts me | this-week")]
    [InlineData("إيه اللي عملته الأسبوع ده", "acts me | this-week")]
    [InlineData("ماذا فعلت هذا الأسبوع", "acts me | this-week")]
    [InlineData("وش سويت اليوم", "acts me | today")]
    [InlineData("شو عملت مبارح", "acts me | yesterday")]
    [InlineData("ماذا فعلت الأسبوع الماضي", "acts me | last-week")]
    [InlineData("شو أكدت اليوم", "acts confirmed me | today")]
    [InlineData("شو عمل Riley هالأسبوع", "acts riley | this-week")]
    [InlineData("ماذا فعل Dana اليوم", "acts dana | today")]
    public void Parse_WhatDidIDo_IsThePersonsActs(string text, string expected)
    {
        Assert.Equal(expected, UnderstandingTestData.Read(text));
    }

    [Theory]
    [InlineData("what did I do on Initech", "history 1002")]
    [InlineData("شو عملت على Initech", "history 1002")]
    [InlineData("what's due this week", "due all 7")]
    [InlineData("what moved this week", "moves - this-week")]
    [InlineData("the weather is nice today", "unknown")]
    [InlineData("الجو حلو اليوم", "unknown")]
    [InlineData("وش تحرك آخر أسبوع", "moves - 7")]
    public void Parse_NeighboursOfWhatDidIDo_AreReadAsBefore(string text, string expected)
    {
        Assert.Equal(expected, UnderstandingTestData.Read(text));
    }
}
