using SalesCoachBot.Core.Tests.Fakes;

namespace SalesCoachBot.Core.Tests.Coaching;

/// <summary>
/// Issue facts53: a lost deal's card showed its next step under "Status: lost"; a teammate's close proposal was the one
/// history row without its author.
/// </summary>
public sealed class ClosedDealTruths53Tests : IDisposable
{
    private readonly BotHarness _bot = new();

    public void Dispose() => _bot.Dispose();

    [Fact]
    public async Task History_TeammatesCloseProposal_NamesItsAuthorLikeEveryRow()
    {
        _bot.AddDeal("1013", "Northwind", "demo");

        await _bot.AskAsync("mark northwind lost because no budget", _bot.TeamMate);
        var history = await _bot.AskAsync("history of northwind", _bot.Rep);

        var lines = history.Card!.Sections.SelectMany(s => s.Lines).Select(l => l.Text).ToList();
        var proposal = Assert.Single(lines, l => l.Contains("Proposed closing it as lost", StringComparison.Ordinal));
        Assert.Contains(" · tom · Note: Proposed closing it as lost: ", proposal, StringComparison.Ordinal);
        Assert.DoesNotContain("tom proposed", proposal, StringComparison.Ordinal);
    }
}
