using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
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

    private static string? Fact(BotAnswer answer, string label) => answer.Card!.Facts.SingleOrDefault(f => f.Label == label)?.Value;

    [Fact]
    public async Task Card_LostDeal_LeavesTheStepOutAndReopenBringsItBack()
    {
        var deal = _bot.AddDeal("1010", "Tailwind", "demo");
        deal.NextStep = "demo";
        deal.NextStepAt = _bot.Clock.GetUtcNow().AddDays(2);
        Assert.NotNull(Fact(await _bot.AskAsync("tailwind", _bot.Rep), "Next step"));

        await _bot.AskAsync("mark tailwind lost because price", _bot.Rep);
        Assert.Equal(DealStatus.Lost, deal.Status);
        var english = await _bot.AskAsync("tailwind", _bot.Rep);
        _bot.Rep.Language = "ar";
        var arabic = await _bot.AskAsync("tailwind", _bot.Rep);

        Assert.Null(Fact(english, "Next step"));
        Assert.DoesNotContain("Next step", english.Text, StringComparison.Ordinal);
        Assert.StartsWith("Lost", Fact(english, "Status"), StringComparison.Ordinal);
        Assert.Null(Fact(arabic, "الخطوة التالية"));
        Assert.DoesNotContain("الخطوة التالية", arabic.Text, StringComparison.Ordinal);
        Assert.Equal("demo", deal.NextStep); // left out, not erased: the history keeps what was planned

        _bot.Rep.Language = "en";
        _bot.Clock.Advance(TimeSpan.FromMinutes(1));
        await _bot.AskAsync("reopen tailwind", _bot.Rep);
        Assert.Equal(DealStatus.Open, deal.Status);
        Assert.StartsWith("demo — ", Fact(await _bot.AskAsync("tailwind", _bot.Rep), "Next step"), StringComparison.Ordinal);
    }

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
