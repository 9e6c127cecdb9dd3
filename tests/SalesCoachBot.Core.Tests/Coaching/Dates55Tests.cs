using SalesCoachBot.Core.Tests.Fakes;

namespace SalesCoachBot.Core.Tests.Coaching;

/// <summary>
/// Session 55: times of day in lists and logs. The EMEA team works in Dubai (UTC+4); the clock is Monday 7 December 2026,
/// 10:00 UTC (14:00 in Dubai).
/// </summary>
public sealed class Dates55Tests : IDisposable
{
    private readonly BotHarness _bot = new();

    public Dates55Tests()
    {
        _bot.Emea.TimeZoneId = "Asia/Dubai";
        _bot.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero));
    }

    public void Dispose() => _bot.Dispose();

    [Fact]
    public async Task MyDeals_StepBookedWithATime_ShowsTheTimeAsTheDueListDoes()
    {
        _bot.AddDeal("1003", "Globex");
        _bot.AddDeal("1005", "Hooli");
        await _bot.AskAsync("next step for Globex: demo on Friday at 10am");
        await _bot.AskAsync("next step for Hooli: send pricing on Friday");

        var english = await _bot.AskAsync("my deals");
        var arabic = await _bot.AskAsync("صفقاتي");
        var due = await _bot.AskAsync("what's due");

        // Was "next: Fri 11 Dec 2026", the 10:00 booked left out; a day-only step keeps its day alone.
        Assert.Contains("Globex (#1003) — Discovery, 2 d in stage · next: Fri 11 Dec 2026, 10:00", english.Text, StringComparison.Ordinal);
        Assert.Contains("Hooli (#1005) — Discovery, 2 d in stage · next: Fri 11 Dec 2026" + Environment.NewLine, english.Text + Environment.NewLine, StringComparison.Ordinal);
        Assert.Contains("Globex (#1003): demo — Fri 11 Dec 2026, 10:00", due.Text, StringComparison.Ordinal);
        var globex = arabic.Text.Split('\n').Single(l => l.Contains("Globex", StringComparison.Ordinal));
        Assert.Contains("الجمعة 11 ديسمبر 2026، \u206810:00\u2069", globex, StringComparison.Ordinal);
        var hooli = arabic.Text.Split('\n').Single(l => l.Contains("Hooli", StringComparison.Ordinal));
        Assert.DoesNotContain("10:00", hooli, StringComparison.Ordinal);
        Assert.Contains("الجمعة 11 ديسمبر 2026", hooli, StringComparison.Ordinal);
    }
}
