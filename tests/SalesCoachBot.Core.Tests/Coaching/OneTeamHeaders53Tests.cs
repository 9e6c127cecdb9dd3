using SalesCoachBot.Core.Tests.Fakes;
using Xunit;
using static SalesCoachBot.Core.Tests.Localization.Isolates;

namespace SalesCoachBot.Core.Tests.Coaching;

/// <summary>
/// fix/wording53: someone in one team reads that team in the stalled and due headers, not "your teams" (a plural they
/// would have to decode); someone in several still reads "your teams (Americas, EMEA)".
/// </summary>
public sealed class OneTeamHeaders53Tests : IDisposable
{
    private readonly BotHarness _bot = new();

    public void Dispose() => _bot.Dispose();

    [Fact]
    public async Task Stalled_RepInOneTeam_NamesTheTeam()
    {
        _bot.AddDeal("1003", "Globex", "discovery", daysInStage: 20);

        var english = await _bot.AskAsync("stalled", _bot.Rep);
        _bot.Rep.Language = "ar";
        var arabic = await _bot.AskAsync("stalled", _bot.Rep);

        Assert.StartsWith("Stalled deals in EMEA: 1", english.Text, StringComparison.Ordinal);
        Assert.StartsWith($"الصفقات المتعثرة في {Iso("EMEA")}: 1", arabic.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("فرقك", arabic.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Due_ManagerOfOneTeam_NamesTheTeam()
    {
        _bot.AddDeal("1003", "Globex", "discovery", daysInStage: 20);

        var english = await _bot.AskAsync("what's due", _bot.Manager);
        _bot.Manager.Language = "ar";
        var arabic = await _bot.AskAsync("وش المستحق", _bot.Manager);

        Assert.StartsWith("What's due in EMEA: ", english.Text, StringComparison.Ordinal);
        Assert.StartsWith($"المستحق في {Iso("EMEA")}: ", arabic.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stalled_ManagerOfTwoTeams_StillNamesYourTeams()
    {
        _bot.AddDeal("1003", "Globex", "discovery", daysInStage: 20);
        var both = _bot.Stores.AddPerson("max@example.com", SalesCoachBot.Core.Domain.PersonRole.Manager, _bot.Emea, _bot.Americas);

        var answer = await _bot.AskAsync("stalled", both);

        Assert.StartsWith("Stalled deals in your teams (Americas, EMEA): 1", answer.Text, StringComparison.Ordinal);
    }
}
