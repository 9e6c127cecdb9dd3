using SalesCoachBot.Core.Tests.Fakes;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Tests.Understanding;

/// <summary>
/// Session 58: "team activity", "who hasn't logged anything" and «نشاط الفريق» gave the asker's own acts; "what did EMEA do"
/// looked for a person called EMEA. A manager now gets one line per member and who recorded nothing.
/// </summary>
public sealed class TeamActs58Tests : IDisposable
{
    private readonly CommandParser _parser = new();
    private readonly BotHarness _bot = new();

    public void Dispose() => _bot.Dispose();

    [Theory]
    [InlineData("team activity this week")]
    [InlineData("team activity last month")]
    [InlineData("who hasn't logged anything this week")]
    [InlineData("نشاط الفريق هذا الأسبوع")]
    public void TeamWords_AskForEveryMember(string text) =>
        Assert.True(Assert.IsType<MyActsCommand>(_parser.Parse(text)).WholeTeam);

    [Theory]
    [InlineData("what did I do this week")]
    [InlineData("my activity")]
    [InlineData("شو عملت هالأسبوع")]
    public void OwnActs_StayOwn(string text) =>
        Assert.False(Assert.IsType<MyActsCommand>(_parser.Parse(text)).WholeTeam);

    [Theory]
    [InlineData("team activity this week", "This week (since ", "recorded something")]
    [InlineData("what did EMEA do this week", "This week (since ", "recorded something")]
    [InlineData("نشاط الفريق هذا الأسبوع", "هذا الأسبوع", "نشاطًا")]
    public async Task Manager_GetsALinePerMember_AndWhoDidNothing(string text, string opens, string header)
    {
        _bot.AddDeal("1001", "Initech", "discovery", _bot.Rep);
        _bot.AddDeal("2001", "Oscorp", "discovery", _bot.OtherRep, _bot.Americas);
        await _bot.AskAsync("called Initech", _bot.Rep);
        await _bot.AskAsync("note for Initech: wants a pilot", _bot.Rep);
        await _bot.AskAsync("called Oscorp", _bot.OtherRep);

        var answer = await _bot.AskAsync(text, _bot.Manager);
        var lines = answer.Text.Split('\n');

        Assert.StartsWith(opens, lines[0], StringComparison.Ordinal);
        Assert.Contains(header, lines[0], StringComparison.Ordinal);
        Assert.Contains("EMEA", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains(_bot.Rep.Name, StringComparison.Ordinal) && !l.Contains(_bot.TeamMate.Name, StringComparison.Ordinal));
        // The team-mate recorded nothing; the other team's rep is no member of EMEA.
        Assert.Contains(lines, l => l.Contains(_bot.TeamMate.Name, StringComparison.Ordinal) && l.Contains(_bot.Manager.Name, StringComparison.Ordinal));
        Assert.DoesNotContain(_bot.OtherRep.Name, answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Counts_AreTheMembersActs()
    {
        _bot.AddDeal("1001", "Initech", "discovery", _bot.Rep);
        await _bot.AskAsync("called Initech", _bot.Rep);
        await _bot.AskAsync("note for Initech: wants a pilot", _bot.Rep);

        var answer = await _bot.AskAsync("team activity this week", _bot.Manager);

        Assert.Contains($"- {_bot.Rep.Name}: wrote 1 note, logged 1 call", answer.Text, StringComparison.Ordinal);
        Assert.Contains(": 1 of 3 members recorded something", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rep_IsRefused()
    {
        var answer = await _bot.AskAsync("team activity this week", _bot.Rep);

        Assert.Contains("for managers and admins", answer.Text, StringComparison.Ordinal);
    }
}
