using SalesCoachBot.Core.Tests.Fakes;

namespace SalesCoachBot.Core.Tests.Coaching;

/// <summary>Session 52 (audit51 items 11, 1, 10): next steps in the history, "next step done" clears it, a call "yesterday".</summary>
public sealed class Journal52Tests : IDisposable
{
    private readonly BotHarness _bot = new();

    public void Dispose() => _bot.Dispose();

    [Theory]
    [InlineData(null, "what did I do on Initech",
        "Next step set: send ROI case — Fri 4 Dec 2026", "Next step changed to: call the CFO (no date)")]
    [InlineData("ar", "سجل صفقة Initech",
        "حُدِّدت الخطوة التالية: \u2068send ROI case\u2069 — الجمعة 4 ديسمبر 2026",
        "تغيّرت الخطوة التالية إلى: \u2068call the CFO\u2069 (بلا تاريخ)")]
    public async Task History_StepSetThenChanged_ShowsBothWithWhoWhenWordsAndDay(string? language, string asked, string set, string changed)
    {
        _bot.AddDeal("1002", "Initech");
        await _bot.AskAsync("next step for Initech: send ROI case on Friday");
        _bot.Clock.Advance(TimeSpan.FromHours(1));
        await _bot.AskAsync("next step for Initech: call the CFO", _bot.TeamMate);
        _bot.Rep.Language = language;

        var lines = (await _bot.AskAsync(asked)).Card!.Sections[0].Lines.Select(l => l.Text).ToList();

        // Newest first: the teammate's change an hour later, then Rita's step.
        Assert.Equal(2, lines.Count(l => l.Contains(set, StringComparison.Ordinal) || l.Contains(changed, StringComparison.Ordinal)));
        Assert.Contains(changed, lines[0], StringComparison.Ordinal);
        Assert.Contains("tom", lines[0], StringComparison.OrdinalIgnoreCase);
        Assert.Contains("10:00", lines[0], StringComparison.Ordinal);
        Assert.Contains(set, lines[1], StringComparison.Ordinal);
        Assert.Contains("rita", lines[1], StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task History_SameStepSaidAgain_RecordsItOnce()
    {
        _bot.AddDeal("1002", "Initech");
        await _bot.AskAsync("next step for Initech: send ROI case on Friday");
        await _bot.AskAsync("next step for Initech: send ROI case on Friday");

        Assert.Single(_bot.Stores.NextStepEvents);
    }
}
