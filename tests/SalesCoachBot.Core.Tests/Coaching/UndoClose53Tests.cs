using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Tests.Fakes;

namespace SalesCoachBot.Core.Tests.Coaching;

/// <summary>Session 53 (audit53 LEFT 10): "undo that" right after one's own close reopens it, as "reopen" would.</summary>
public sealed class UndoClose53Tests : IDisposable
{
    private readonly BotHarness _bot = new();

    public void Dispose() => _bot.Dispose();

    [Fact]
    public async Task UndoThat_RightAfterOwnClose_ReopensTheDeal()
    {
        var deal = _bot.AddDeal("1010", "Tailwind", "demo");
        await _bot.AskAsync("note for Tailwind: they compared prices");
        _bot.Clock.Advance(TimeSpan.FromMinutes(1));
        await _bot.AskAsync("mark Tailwind lost - price");
        Assert.Equal(DealStatus.Lost, deal.Status);
        _bot.Clock.Advance(TimeSpan.FromMinutes(1));

        var answer = await _bot.AskAsync("undo that");

        Assert.Equal(DealStatus.Open, deal.Status);
        Assert.StartsWith("Reopened Tailwind in Demo; it was lost", answer.Text, StringComparison.Ordinal);
        Assert.Null(Assert.Single(_bot.Stores.Notes).WithdrawnAt);
    }

    [Fact]
    public async Task UndoThat_CloseOlderThanItsUndoWindow_LeavesTheDealClosed()
    {
        var deal = _bot.AddDeal("1010", "Tailwind", "demo");
        await _bot.AskAsync("mark Tailwind lost - price");
        _bot.Clock.Advance(TimeSpan.FromMinutes(11));

        var answer = await _bot.AskAsync("undo that");

        Assert.Equal(DealStatus.Lost, deal.Status);
        Assert.Contains("nothing recent to undo", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UndoThat_ANoteAfterTheClose_WithdrawsTheNote_DealStaysClosed()
    {
        var deal = _bot.AddDeal("1010", "Tailwind", "demo");
        _bot.AddDeal("1002", "Initech", "discovery");
        await _bot.AskAsync("mark Tailwind lost - price");
        _bot.Clock.Advance(TimeSpan.FromMinutes(1));
        await _bot.AskAsync("note for Initech: they want SSO");

        await _bot.AskAsync("undo that");

        Assert.Equal(DealStatus.Lost, deal.Status);
        Assert.NotNull(Assert.Single(_bot.Stores.Notes).WithdrawnAt);
    }
}
