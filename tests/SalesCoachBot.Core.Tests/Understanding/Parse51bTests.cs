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

    [Theory]
    [InlineData("وش المستحق على فريق EMEA", "due all 7 owner emea")]
    [InlineData("what's due for Riley tomorrow", "due all 1 owner riley")]
    [InlineData("what's due for Riley today", "due all 0 owner riley")]
    [InlineData("what's due for me today", "due all 0")]
    [InlineData("what's due tomorrow", "due all 1")]
    public void Parse_DueForAPersonOrTeam_KeepsTheName(string text, string expected)
    {
        Assert.Equal(expected, UnderstandingTestData.Read(text));
    }

    [Theory]
    [InlineData("snooze Tailwind for 2 hours", "snooze 1010 | 2 hours | -")]
    [InlineData("remind me about Initech tomorrow", "nextstep 1002 | follow up tomorrow")]
    public void Parse_SnoozeInHoursAndRemindAbout(string text, string expected)
    {
        Assert.Equal(expected, UnderstandingTestData.Read(text));
    }

    [Fact]
    public async Task SnoozeInHours_SaysSnoozesAreCountedInDays()
    {
        var deal = _bot.AddDeal("1010", "Tailwind Traders");

        var english = await _bot.AskAsync("snooze Tailwind for 2 hours");
        var arabic = await _bot.AskAsync("أجّل Tailwind ساعتين");

        Assert.DoesNotContain(_bot.Stores.Snoozes, s => s.DealId == deal.Id);
        Assert.Contains("counted in days", english.Text, StringComparison.Ordinal);
        Assert.Contains("يُحسب بالأيام", arabic.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RemindAbout_BooksAFollowUpForTomorrow()
    {
        var deal = _bot.AddDeal("1002", "Initech");

        var answer = await _bot.AskAsync("remind me about Initech tomorrow");

        Assert.Equal("follow up", deal.NextStep);
        Assert.NotNull(deal.NextStepAt);
        Assert.Contains("Initech", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DueForAPersonTomorrow_ListsOnlyThatPersonsSteps()
    {
        var toms = _bot.AddDeal("2001", "Hooli", owner: _bot.TeamMate);
        var ritas = _bot.AddDeal("2002", "Globex", owner: _bot.Rep);
        (toms.NextStep, toms.NextStepAt) = ("send the quote", _bot.Clock.GetUtcNow().AddDays(1));
        (ritas.NextStep, ritas.NextStepAt) = ("call the buyer", _bot.Clock.GetUtcNow().AddDays(1));

        var answer = await _bot.AskAsync("what's due for Tom tomorrow", _bot.Manager);

        Assert.Contains("Hooli", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Globex", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DueForATeamSaidWithItsNoun_ListsThatTeamsSteps()
    {
        var emea = _bot.AddDeal("2001", "Hooli", owner: _bot.Rep);
        var americas = _bot.AddDeal("2002", "Globex", owner: _bot.OtherRep, team: _bot.Americas);
        (emea.NextStep, emea.NextStepAt) = ("send the quote", _bot.Clock.GetUtcNow().AddDays(1));
        (americas.NextStep, americas.NextStepAt) = ("call the buyer", _bot.Clock.GetUtcNow().AddDays(1));

        var answer = await _bot.AskAsync("وش المستحق على فريق EMEA", _bot.Admin);

        Assert.Contains("Hooli", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Globex", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("فريق EMEA»", answer.Text, StringComparison.Ordinal);
    }
}
