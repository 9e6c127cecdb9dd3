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

    [Theory]
    [InlineData(null, "next step for Initech done", "what did I do on Initech", "Next step done: send ROI case (due Fri 4 Dec 2026)")]
    [InlineData("ar", "خلصت الخطوة التالية لـ Initech", "سجل صفقة Initech", "أُنجزت الخطوة التالية: \u2068send ROI case\u2069 (موعدها الجمعة 4 ديسمبر 2026)")]
    public async Task NextStepDone_ClearsTheStepAndRecordsItDone(string? language, string done, string asked, string line)
    {
        var deal = _bot.AddDeal("1002", "Initech");
        await _bot.AskAsync("next step for Initech: send ROI case on Friday");
        _bot.Rep.Language = language;
        _bot.Clock.Advance(TimeSpan.FromMinutes(5));

        await _bot.AskAsync(done);

        Assert.Equal((null, null), (deal.NextStep, deal.NextStepAt));
        var history = (await _bot.AskAsync(asked)).Card!.Sections[0].Lines.Select(l => l.Text).ToList();
        Assert.Contains(line, history[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task NextStepDone_NoLongerDueNorInMyDeals()
    {
        _bot.AddDeal("1002", "Initech");
        await _bot.AskAsync("next step for Initech: send ROI case tomorrow");
        Assert.Contains("send ROI case", (await _bot.AskAsync("what's due")).Text, StringComparison.Ordinal);

        await _bot.AskAsync("next step for Initech done");

        var due = (await _bot.AskAsync("what's due")).Text;
        var mine = (await _bot.AskAsync("my deals")).Text;
        Assert.DoesNotContain("send ROI case", due, StringComparison.Ordinal);
        Assert.Contains("Initech", due, StringComparison.Ordinal); // now among the deals with no next step
        Assert.DoesNotContain("next: ", mine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NextStepDone_SomeoneWhoMayNotWorkOnTheDeal_ChangesNothing()
    {
        var deal = _bot.AddDeal("1002", "Initech");
        await _bot.AskAsync("next step for Initech: send ROI case on Friday");

        var answer = await _bot.AskAsync("next step for #1002 done", _bot.OtherRep);

        Assert.Equal("send ROI case", deal.NextStep);
        Assert.DoesNotContain("Done:", answer.Text, StringComparison.Ordinal);
        Assert.Single(_bot.Stores.NextStepEvents);
    }

    [Theory]
    [InlineData(null, "called Initech yesterday", "what did I do on Initech", "Thu 26 Nov 2026 · rita · A call")]
    [InlineData("ar", "اتصلت بـ Initech امبارح", "سجل صفقة Initech", "الخميس 26 نوفمبر 2026 · \u2068rita\u2069 · مكالمة")]
    [InlineData(null, "met Initech today", "what did I do on Initech", "Fri 27 Nov 2026 · rita · A meeting")]
    public async Task LogActivity_DayWithoutTime_HistoryShowsTheDayAlone(string? language, string logged, string asked, string line)
    {
        _bot.AddDeal("1002", "Initech");
        _bot.Rep.Language = language;

        await _bot.AskAsync(logged);

        var history = (await _bot.AskAsync(asked)).Card!.Sections[0].Lines.Select(l => l.Text).ToList();
        Assert.StartsWith(line, history[0], StringComparison.Ordinal);
        // Stored at the day's start, marked day-only (before: now minus 24 hours, shown as "21:04").
        var activity = Assert.Single(_bot.Stores.Activities);
        Assert.True(activity.DayOnly);
        Assert.Equal(TimeSpan.Zero, activity.OccurredAt.TimeOfDay);
    }

    [Fact]
    public async Task LogActivity_NoDaySaid_KeepsTheTimeItWasLogged()
    {
        _bot.AddDeal("1002", "Initech");

        await _bot.AskAsync("called Initech");

        var history = (await _bot.AskAsync("what did I do on Initech")).Card!.Sections[0].Lines.Select(l => l.Text).ToList();
        Assert.StartsWith("Fri 27 Nov 2026, 09:00 · rita · A call", history[0], StringComparison.Ordinal);
        Assert.False(Assert.Single(_bot.Stores.Activities).DayOnly);
    }
}
