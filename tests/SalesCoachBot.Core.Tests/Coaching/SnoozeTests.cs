using Microsoft.Extensions.DependencyInjection;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.Nudges;
using SalesCoachBot.Core.Tests.Fakes;
using SalesCoachBot.Core.Tests.Nudges;

namespace SalesCoachBot.Core.Tests.Coaching;

/// <summary>Issue 15, point 4: snooze and unsnooze from chat, with rights, limits, the reason, and the digest updated.</summary>
public sealed class SnoozeTests : IDisposable
{
    private readonly InMemoryNudgeStore _nudges = new();
    private readonly BotHarness _bot;

    public SnoozeTests()
    {
        _bot = new BotHarness(configure: s => s.AddSingleton<INudgeOutbox>(_nudges));
    }

    public void Dispose() => _bot.Dispose();

    private DateTimeOffset Now => _bot.Clock.GetUtcNow();

    [Fact]
    public async Task Snooze_DaysWithReason_RecordedWithWhoUntilAndWhy()
    {
        var deal = _bot.AddDeal("1010", "Tailwind", "demo", daysInStage: 40);

        var answer = await _bot.AskAsync("snooze #1010 3 days because the buyer is on leave");

        var snooze = Assert.Single(_bot.Stores.Snoozes);
        Assert.Equal((deal.Id, _bot.Rep.Id, Now.AddDays(3), "the buyer is on leave"), (snooze.DealId, snooze.PersonId, snooze.Until, snooze.Reason));
        Assert.Equal(CardKind.Info, answer.Card!.Kind);
        Assert.Contains("until Mon 30 Nov 2026", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("snooze tailwind until monday", "2026-11-30T00:00:00+00:00")]
    [InlineData("snooze tailwind until tomorrow", "2026-11-28T00:00:00+00:00")]
    [InlineData("snooze tailwind until 2026-12-10 because the buyer is on leave", "2026-12-10T00:00:00+00:00")]
    [InlineData("snooze tailwind for 2 weeks", "2026-12-11T09:00:00+00:00")]
    [InlineData("mute tailwind a week", "2026-12-04T09:00:00+00:00")]
    [InlineData("snooze tailwind a month", "2026-12-27T09:00:00+00:00")]
    [InlineData("snooze tailwind for 1 month", "2026-12-27T09:00:00+00:00")]
    [InlineData("أجّل tailwind شهر", "2026-12-27T09:00:00+00:00")]
    [InlineData("snooze tailwind till the 15th", "2026-12-15T00:00:00+00:00")]
    [InlineData("snooze tailwind until Dec 20 because the buyer is away", "2026-12-20T00:00:00+00:00")]
    public async Task Snooze_DatesInWords_EndAtTheStartOfThatDayOrAfterTheDuration(string text, string until)
    {
        _bot.AddDeal("1010", "Tailwind", "demo");

        await _bot.AskAsync(text);

        Assert.Equal(DateTimeOffset.Parse(until, System.Globalization.CultureInfo.InvariantCulture), Assert.Single(_bot.Stores.Snoozes).Until);
    }

    [Theory]
    [InlineData("snooze tailwind 31 days", "at most 30 days")]
    [InlineData("snooze tailwind 2 months", "at most 30 days")]
    [InlineData("snooze tailwind until 2027-02-01", "at most 30 days")]
    [InlineData("snooze tailwind until someday", "can't read")]
    [InlineData("snooze tailwind until 2026-11-01", "Sun 1 Nov 2026 is not in the future")]
    [InlineData("snooze tailwind until Jan 30", "at most 30 days")]
    [InlineData("snooze tailwind", "for how long")]
    public async Task Snooze_BadDuration_ClearAnswerNothingStored(string text, string expected)
    {
        _bot.AddDeal("1010", "Tailwind", "demo");

        var answer = await _bot.AskAsync(text);

        Assert.Equal(CardKind.Error, answer.Card!.Kind);
        Assert.Contains(expected, answer.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(_bot.Stores.Snoozes);
    }

    [Fact]
    public async Task Snooze_ByTeammate_RefusedButManagerMay()
    {
        _bot.AddDeal("1010", "Tailwind", "demo");

        var refused = await _bot.AskAsync("snooze tailwind 3 days", _bot.TeamMate);
        Assert.Equal(CardKind.Error, refused.Card!.Kind);
        Assert.Empty(_bot.Stores.Snoozes);

        await _bot.AskAsync("snooze tailwind 3 days", _bot.Manager);
        Assert.Equal(_bot.Manager.Id, Assert.Single(_bot.Stores.Snoozes).PersonId);
    }

    [Fact]
    public async Task Snooze_DigestButtonByTeammate_Refused()
    {
        var deal = _bot.AddDeal("1010", "Tailwind", "demo");

        var answer = await _bot.TurnAsync(new ActionInput(new SnoozeDealPayload(deal.Id, 3), []), _bot.TeamMate);

        Assert.Equal(CardKind.Error, answer.Card!.Kind);
        Assert.Empty(_bot.Stores.Snoozes);
    }

    [Fact]
    public async Task Snooze_Retried_StoresOneSnooze()
    {
        _bot.AddDeal("1010", "Tailwind", "demo");

        await _bot.AskAsync("snooze tailwind 3 days because on leave");
        _bot.Clock.Advance(TimeSpan.FromSeconds(20));
        await _bot.AskAsync("snooze tailwind 3 days because on leave");

        Assert.Single(_bot.Stores.Snoozes);
    }

    [Fact]
    public async Task Snooze_Shorter_ReplacesTheRunningOne()
    {
        var deal = _bot.AddDeal("1010", "Tailwind", "demo");
        await _bot.AskAsync("snooze tailwind 20 days");

        await _bot.AskAsync("snooze tailwind 2 days");

        Assert.Equal([Now, Now.AddDays(2)], _bot.Stores.Snoozes.Select(s => s.Until));
        Assert.Equal(Now.AddDays(2), _bot.Stores.Snoozes.Max(s => s.Until));
        Assert.Equal(DealStatus.Open, deal.Status);
    }

    [Fact]
    public async Task Unsnooze_EndsItNowRecordedByWho()
    {
        _bot.AddDeal("1010", "Tailwind", "demo");
        await _bot.AskAsync("snooze tailwind 5 days");
        _bot.Clock.Advance(TimeSpan.FromHours(1));

        var answer = await _bot.AskAsync("unsnooze tailwind", _bot.Manager);

        var snooze = Assert.Single(_bot.Stores.Snoozes);
        Assert.Equal((Now, _bot.Manager.Id), (snooze.Until, snooze.EndedByPersonId));
        Assert.Contains("no longer snoozed", answer.Text, StringComparison.Ordinal);
        Assert.Contains("is not snoozed", (await _bot.AskAsync("unsnooze tailwind")).Text, StringComparison.Ordinal);
    }

    /// <summary>Lifting moves the snooze's end back to that instant: its history says it ended early, and who ended it.</summary>
    [Fact]
    public async Task Unsnooze_HistorySaysTheSnoozeEndedEarlyAndWhoEndedIt()
    {
        _bot.AddDeal("1010", "Tailwind", "demo");
        await _bot.AskAsync("snooze tailwind 5 days because the buyer is on leave");
        _bot.Clock.Advance(TimeSpan.FromHours(1));
        await _bot.AskAsync("unsnooze tailwind", _bot.Manager);

        var lines = HistoryLines(await _bot.AskAsync("history of tailwind"));

        Assert.StartsWith($"Fri 27 Nov 2026, 10:00 · {_bot.Manager.Name} · Snooze ended early", lines[0], StringComparison.Ordinal);
        Assert.StartsWith($"Fri 27 Nov 2026, 09:00 · {_bot.Rep.Name} · Snoozed (ended early): the buyer is on leave", lines[1], StringComparison.Ordinal);
        Assert.DoesNotContain(lines, l => l.Contains("Snoozed until", StringComparison.Ordinal));
        Assert.Contains(HistoryLines(await _bot.AskAsync("سجل Tailwind")), l => l.Contains("أُنهي التأجيل مبكرًا", StringComparison.Ordinal));
    }

    /// <summary>A newer snooze ends the running one; the newer one's entry says so, with no separate "ended" line.</summary>
    [Fact]
    public async Task Snooze_Replaced_HistoryShowsBothSnoozesAndNoEndedLine()
    {
        _bot.AddDeal("1010", "Tailwind", "demo");
        await _bot.AskAsync("snooze tailwind 20 days");
        await _bot.AskAsync("snooze tailwind 2 days");

        var lines = HistoryLines(await _bot.AskAsync("history of tailwind"));

        Assert.Equal(2, lines.Count(l => l.Contains("Snoozed", StringComparison.Ordinal)));
        Assert.Contains(lines, l => l.Contains("Snoozed until Sun 29 Nov 2026", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Snoozed (ended early)", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("Snooze ended early", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Snooze_DigestThatListedTheDeal_IsUpdatedInPlace()
    {
        var deal = _bot.AddDeal("1010", "Tailwind", "demo", daysInStage: 40);
        var other = _bot.AddDeal("1011", "Contoso", "demo", daysInStage: 30);
        var digest = DigestBuilder.Render(new TeamDigest(_bot.Emea.Id, "EMEA", new DateOnly(2026, 11, 27),
        [
            new DigestDeal(deal.Id, "1010", "Tailwind", "Rita", "Demo", 40, 30, null, null, "in Demo 40 days, limit 10", _bot.Rep.Id),
            new DigestDeal(other.Id, "1011", "Contoso", "Rita", "Demo", 30, 20, null, null, "in Demo 30 days, limit 10", _bot.Rep.Id),
        ]), 10);
        var channel = ConversationKey.For(ChatChannel.Slack, "T1:C1");
        await _nudges.EnqueueAsync([new NewOutboxMessage(_bot.Emea.Id, new DateOnly(2026, 11, 27), channel, DigestPayload.Serialize(digest))], Now, CancellationToken.None);
        var sent = Assert.Single(await _nudges.LeaseDueAsync("test", Now, TimeSpan.FromMinutes(1), 10, CancellationToken.None));
        await _nudges.CompleteAsync(sent.Id, "test", 1, new OutboxCompletion.Sent(Now, "1700000000.000100"), CancellationToken.None);

        await _bot.AskAsync("snooze tailwind until monday because the buyer is on leave");
        await _bot.AskAsync("snooze contoso 3 days");

        var updates = (await _nudges.ListMessagesAsync(null, CancellationToken.None)).Where(m => m.Kind == NudgeKind.DigestUpdate).ToList();
        Assert.Equal(2, updates.Count);
        Assert.All(updates, u => Assert.Equal(("1700000000.000100", channel), (u.MessageId!, u.Conversation)));
        var lines = DigestPayload.Deserialize(updates[^1].PayloadJson).Card!.Sections.SelectMany(s => s.Lines).ToList();
        Assert.Equal("Why: in Demo 40 days, limit 10 · Snoozed until Mon 30 Nov 2026 by rita: the buyer is on leave", lines[1].Text);
        Assert.Null(lines[1].Action);
        Assert.StartsWith("Why: in Demo 30 days, limit 10 · Snoozed until Mon 30 Nov 2026 by", lines[3].Text, StringComparison.Ordinal);
    }

    /// <summary>
    /// A team in Tokyo, asked at 20:00 UTC on Friday 27 Nov (05:00 on Saturday in Tokyo): three days end at 20:00 UTC on
    /// Monday 30 Nov, which is Tuesday 1 Dec in Tokyo. Every place a person reads the end names Tokyo's day, in words.
    /// </summary>
    [Fact]
    public async Task Snooze_TeamZoneAheadOfUtc_EveryReplyNamesTheTeamsDayInWords()
    {
        _bot.Emea.TimeZoneId = "Asia/Tokyo";
        _bot.Clock.Advance(TimeSpan.FromHours(11));
        _bot.AddDeal("1010", "Tailwind", "demo", daysInStage: 40);

        var answer = await _bot.AskAsync("snooze tailwind 3 days because the buyer is on leave");

        Assert.Equal(new DateTimeOffset(2026, 11, 30, 20, 0, 0, TimeSpan.Zero), Assert.Single(_bot.Stores.Snoozes).Until);
        Assert.Equal(
            "Snoozed Tailwind until Tue 1 Dec 2026 (the buyer is on leave): it is left out of stalled lists until then. Say \"unsnooze Tailwind\" to end it early.",
            answer.Text);
        Assert.Contains("Snoozed until Tue 1 Dec 2026.", (await _bot.AskAsync("what's next for tailwind")).Text, StringComparison.Ordinal);
        Assert.Contains("Demo, 40 d in stage · snoozed until Tue 1 Dec 2026", (await _bot.AskAsync("my deals")).Text, StringComparison.Ordinal);
        Assert.Contains(HistoryLines(await _bot.AskAsync("history of tailwind")), l => l.Contains("rita · Snoozed until Tue 1 Dec 2026", StringComparison.Ordinal));
        Assert.DoesNotContain("2026-11-30", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Snooze_InArabic_TeamZoneAheadOfUtc_ArabicDayInWords()
    {
        _bot.Emea.TimeZoneId = "Asia/Tokyo";
        _bot.Rep.Language = "ar";
        _bot.Clock.Advance(TimeSpan.FromHours(11));
        _bot.AddDeal("1010", "Tailwind", "demo", daysInStage: 40);

        var answer = await _bot.AskAsync("أجّل Tailwind ٣ أيام");

        Assert.StartsWith("أُجّلت صفقة \u2068Tailwind\u2069 حتى الثلاثاء 1 ديسمبر 2026: لن تظهر", answer.Text, StringComparison.Ordinal);
        Assert.Contains("مؤجَّلة حتى الثلاثاء 1 ديسمبر 2026.", (await _bot.AskAsync("what's next for tailwind")).Text, StringComparison.Ordinal);
        Assert.Contains("في المرحلة منذ 40 يومًا · مؤجَّلة حتى الثلاثاء 1 ديسمبر 2026", (await _bot.AskAsync("my deals")).Text, StringComparison.Ordinal);
        Assert.Contains(HistoryLines(await _bot.AskAsync("history of tailwind")), l => l.Contains("مؤجَّلة حتى الثلاثاء 1 ديسمبر 2026", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Snooze_InArabicWithArabicDigits_DayInArabicIndicDigits()
    {
        using var bot = new BotHarness(configure: s => s.Configure<LanguageOptions>(o => o.ArabicDigits = true));
        bot.Emea.TimeZoneId = "Asia/Tokyo";
        bot.Rep.Language = "ar";
        bot.Clock.Advance(TimeSpan.FromHours(11));
        bot.AddDeal("1010", "Tailwind", "demo");

        var answer = await bot.AskAsync("snooze tailwind 3 days");

        Assert.Contains("حتى الثلاثاء ١ ديسمبر ٢٠٢٦:", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Snooze_TeamZoneBehindUtc_UntilAWeekdayIsThatLocalDay()
    {
        // 09:00 UTC on Friday is 22:00 on Thursday in Honolulu: "until Monday" is Honolulu's Monday, which starts at 10:00 UTC.
        _bot.Emea.TimeZoneId = "Pacific/Honolulu";
        _bot.AddDeal("1010", "Tailwind", "demo");

        var answer = await _bot.AskAsync("snooze tailwind until monday");

        Assert.Equal(new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero), Assert.Single(_bot.Stores.Snoozes).Until);
        Assert.Contains("until Mon 30 Nov 2026:", answer.Text, StringComparison.Ordinal);
        Assert.Contains("until Fri 27 Nov 2026", (await _bot.AskAsync("snooze tailwind until friday")).Text, StringComparison.Ordinal);
    }

    private static List<string> HistoryLines(BotAnswer answer) => [.. answer.Card!.Sections.Single().Lines.Select(l => l.Text)];
}
