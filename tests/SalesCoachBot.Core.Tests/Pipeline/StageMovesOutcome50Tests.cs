using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Coaching.UseCases;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Tests.Fakes;

namespace SalesCoachBot.Core.Tests.Pipeline;

/// <summary>
/// Issue moves50: a close in chat records its outcome in its history row, so "what moved" and the history read the row,
/// not the deal's status now (a deal lost last month and won since showed last month's loss as a win).
/// </summary>
public sealed class StageMovesOutcome50Tests : IDisposable
{
    private static readonly ProcessMap Map = ProcessMapLoader.Parse(ProcessMapLoader.DefaultYaml).Map!;

    private readonly BotHarness _bot = new();

    public void Dispose() => _bot.Dispose();

    private static List<string> Lines(BotAnswer answer) => [.. answer.Text.ReplaceLineEndings("\n").Split('\n').Where(l => l.StartsWith("- ", StringComparison.Ordinal)).Select(l => l[2..])];

    /// <summary>The text without the Unicode isolates Arabic replies put around Latin words.</summary>
    private static string Plain(string text) => new([.. text.Where(c => c is < '\u2066' or > '\u2069')]);

    [Fact]
    public async Task WhatMoved_ClosedLostInChatThenReopenedAndWon_LastMonthLostThisMonthWon()
    {
        var deal = _bot.AddDeal("1002", "Initech", "demo");
        await _bot.AskAsync("mark initech lost because price", _bot.Manager);
        Assert.Equal(DealStatus.Lost, deal.Status);

        // Fri 27 Nov → Fri 4 Dec: reopened and won this month.
        _bot.Clock.Advance(TimeSpan.FromDays(7));
        await _bot.AskAsync("reopen initech", _bot.Manager);
        await _bot.AskAsync("move initech to contract signed because they signed", _bot.Manager);
        Assert.Equal(DealStatus.Won, deal.Status);
        _bot.Clock.Advance(TimeSpan.FromHours(1));

        var lastMonth = Lines(await _bot.AskAsync("what moved last month", _bot.Manager));
        var thisMonth = Lines(await _bot.AskAsync("what moved this month", _bot.Manager));

        Assert.StartsWith("Initech (#1002) · at Demo · lost · Fri 27 Nov 2026", Assert.Single(lastMonth), StringComparison.Ordinal);
        Assert.Contains(thisMonth, l => l.StartsWith("Initech (#1002) · Demo → Contract signed · won", StringComparison.Ordinal));
        Assert.DoesNotContain(thisMonth, l => l.Contains("· lost ·", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WhatMoved_SaidNoInChatThenReopenedAndLost_TheNoStaysANurture()
    {
        var deal = _bot.AddDeal("1002", "Initech", "discovery");
        await _bot.AskAsync("initech said no because timing", _bot.Manager);
        Assert.Equal(DealStatus.Nurture, deal.Status);

        _bot.Clock.Advance(TimeSpan.FromDays(7));
        await _bot.AskAsync("reopen initech", _bot.Manager);
        await _bot.AskAsync("mark initech lost because price", _bot.Manager);
        Assert.Equal(DealStatus.Lost, deal.Status);
        _bot.Clock.Advance(TimeSpan.FromHours(1));

        var lastMonth = Assert.Single(Lines(await _bot.AskAsync("what moved last month", _bot.Manager)));
        Assert.StartsWith("Initech (#1002) · at Discovery · sent to nurture · Fri 27 Nov 2026", lastMonth, StringComparison.Ordinal);
        Assert.Contains(Lines(await _bot.AskAsync("what moved this month", _bot.Manager)),
            l => l.StartsWith("Initech (#1002) · at Discovery · lost", StringComparison.Ordinal));
    }

    [Fact]
    public async Task History_ChatClose_SaysWhatItClosedAsInEachLanguage()
    {
        _bot.AddDeal("1002", "Initech", "demo");
        await _bot.AskAsync("mark initech lost because price", _bot.Manager);
        var close = _bot.Stores.History.Single(h => h.Kind == StageChangeKind.Closed);
        Assert.Equal(DealStatus.Lost, close.Outcome);

        var entry = new TimelineEntry(TimelineEntryKind.StageChange, close.EnteredAt, null)
        {
            StageChange = StageChangeKind.Closed,
            Stage = close.StageId,
            Text = close.Reason,
            Outcome = close.Outcome,
        };
        Assert.Contains(", lost: price", HistoryUseCase.Line(entry, Map, TimeZoneInfo.Utc, ReplyTexts.Shared.In(ReplyLanguage.English)), StringComparison.Ordinal);
        Assert.Contains("أُغلقت في", Plain(HistoryUseCase.Line(entry, Map, TimeZoneInfo.Utc, ReplyTexts.Shared.In(ReplyLanguage.Arabic))), StringComparison.Ordinal);
        Assert.Contains("، خاسرة:", Plain(HistoryUseCase.Line(entry, Map, TimeZoneInfo.Utc, ReplyTexts.Shared.In(ReplyLanguage.Arabic))), StringComparison.Ordinal);

        // A row from before outcomes were recorded reads as it did.
        var old = entry with { Outcome = null };
        Assert.DoesNotContain(", lost", HistoryUseCase.Line(old, Map, TimeZoneInfo.Utc, ReplyTexts.Shared.In(ReplyLanguage.English)), StringComparison.Ordinal);
    }
}
