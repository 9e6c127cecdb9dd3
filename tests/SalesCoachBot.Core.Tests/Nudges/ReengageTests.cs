using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Nudges;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Tests.Fakes;

namespace SalesCoachBot.Core.Tests.Nudges;

/// <summary>
/// Issue 15, point 7: a nurtured deal whose re-engage date arrives gives its owner one direct message with the deal's
/// card (once per deal and date, across runs, restarts and forced runs), and the team's digest lists it under
/// "due to re-engage" while it stays in nurture.
/// </summary>
public sealed class ReengageTests
{
    private static readonly ConversationKey Channel = ConversationKey.Parse("slack:T1:C0EMEA");
    private readonly InMemoryStores _stores = new();
    private readonly InMemoryNudgeStore _nudges = new();
    private readonly InMemoryRecipients _recipients = new();
    private readonly InMemoryReengageStore _reengage;

    // Wednesday 12 March 2025, 06:00 UTC: 07:00 in Berlin (CET), before the team's 09:00 digest.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 12, 6, 0, 0, TimeSpan.Zero));
    private readonly SalesTeam _emea;
    private readonly Person _ana;
    private readonly Deal _blueSun;

    public ReengageTests()
    {
        _reengage = new InMemoryReengageStore(_stores, _nudges);
        _emea = _stores.AddTeam("EMEA");
        _emea.TimeZoneId = "Europe/Berlin";
        _ana = _stores.AddPerson("ana@example.com", PersonRole.Rep, _emea);
        _recipients.Team(_emea.Id, "EMEA").Person(new NudgeRecipient(_ana.Id, "ana", SlackUserId: "U0ANA", TeamsAadObjectId: "aad-ana"));
        _blueSun = _stores.AddDeal("1018", "Blue Sun", _ana, _emea, "discovery", _time.GetUtcNow().AddDays(-90));
        _blueSun.Status = DealStatus.Nurture;

        // Thursday 13 March, 23:30 in Berlin: due on Thursday's digest, though the instant comes after 09:00.
        _blueSun.ReengageAt = new DateTimeOffset(2025, 3, 13, 22, 30, 0, TimeSpan.Zero);
    }

    private NudgeRunner Runner() => new(
        _stores, new OpenDealsAsStallCandidates(_stores), _nudges, _nudges, new FixedProcessMapSource(MapBuilder.ThreeStages()), _recipients,
        NudgeTestSetup.Notifier(_nudges, _recipients, _time), _time, NudgeTestSetup.Options(), new NudgeProblems(),
        NullLogger<NudgeRunner>.Instance, _reengage);

    private async Task PollEveryTenMinutesUntilAsync(DateTimeOffset end)
    {
        while (_time.GetUtcNow() < end)
        {
            await Runner().RunDueAsync(CancellationToken.None);   // a new runner each poll: as after a restart
            _time.Advance(TimeSpan.FromMinutes(10));
        }
    }

    private async Task<List<OutboxMessage>> MessagesAsync(NudgeKind kind) =>
        [.. (await _nudges.ListMessagesAsync(null, CancellationToken.None)).Where(m => m.Kind == kind)];

    [Fact]
    public async Task RunDue_ReengageDateArrives_OwnerGetsTheCardOnceOnEveryRouteAcrossDaysAndRestarts()
    {
        await PollEveryTenMinutesUntilAsync(new DateTimeOffset(2025, 3, 18, 12, 0, 0, TimeSpan.Zero));   // through the weekend

        var messages = await MessagesAsync(NudgeKind.Reengage);
        Assert.Equal(["slack-user:U0ANA", "teams-user:aad-ana"], messages.Select(m => m.Conversation.ToString()).Order(StringComparer.Ordinal));
        Assert.All(messages, m => Assert.Equal(new DateOnly(2025, 3, 13), m.LocalDate));
        Assert.All(messages, m => Assert.Equal(new DateTimeOffset(2025, 3, 13, 8, 0, 0, TimeSpan.Zero), m.CreatedAt));   // Thursday 09:00 CET
        var answer = DigestPayload.Deserialize(messages[0].PayloadJson);
        Assert.Equal(CardKind.Checklist, answer.Card!.Kind);
        Assert.Equal("Blue Sun — Discovery", answer.Card.Title);
        Assert.Contains("Blue Sun (#1018) is due to re-engage", answer.Card.Note, StringComparison.Ordinal);
        Assert.Contains("until Thu 13 Mar 2025", answer.Text, StringComparison.Ordinal);
        Assert.Equal([(_blueSun.Id, new DateOnly(2025, 3, 13))], _reengage.Claims);
    }

    [Fact]
    public async Task RunNow_ForcedAgainTheSameDay_NoSecondMessage()
    {
        _time.SetUtcNow(new DateTimeOffset(2025, 3, 14, 9, 0, 0, TimeSpan.Zero));
        await Runner().RunNowAsync([_emea], force: false, CancellationToken.None);
        var again = await Runner().RunNowAsync([_emea], force: true, CancellationToken.None);

        Assert.Equal(2, (await MessagesAsync(NudgeKind.Reengage)).Count);   // Slack and Teams, once
        Assert.Equal(0, Assert.Single(again).ReengageMessages);
        Assert.Equal(1, again[0].ReengageDue);
    }

    [Fact]
    public async Task RunDue_NurturedAgainWithALaterDate_TellsTheOwnerAgain()
    {
        await PollEveryTenMinutesUntilAsync(new DateTimeOffset(2025, 3, 14, 12, 0, 0, TimeSpan.Zero));
        _blueSun.ReengageAt = new DateTimeOffset(2025, 3, 20, 7, 0, 0, TimeSpan.Zero);

        await PollEveryTenMinutesUntilAsync(new DateTimeOffset(2025, 3, 21, 12, 0, 0, TimeSpan.Zero));

        var messages = await MessagesAsync(NudgeKind.Reengage);
        Assert.Equal([new DateOnly(2025, 3, 13), new DateOnly(2025, 3, 13), new DateOnly(2025, 3, 20), new DateOnly(2025, 3, 20)], messages.Select(m => m.LocalDate));
    }

    [Fact]
    public async Task RunDue_OnlyDealsDueToReengage_DigestListsThemInTheBoundChannel()
    {
        await _nudges.BindAsync(_emea.Id, Channel, _ana.Id, _time.GetUtcNow(), CancellationToken.None);

        await PollEveryTenMinutesUntilAsync(new DateTimeOffset(2025, 3, 13, 12, 0, 0, TimeSpan.Zero));

        // Wednesday: nothing stalled, nothing due (no digest). Thursday: the deal is due, so the channel hears of it.
        var digest = Assert.Single(await MessagesAsync(NudgeKind.Digest));
        Assert.Equal(new DateOnly(2025, 3, 13), digest.LocalDate);
        var card = DigestPayload.Deserialize(digest.PayloadJson).Card!;
        Assert.Equal("Deals due to re-engage · EMEA", card.Title);
        var section = Assert.Single(card.Sections);
        Assert.Equal("Due to re-engage · 1", section.Heading);
        var line = Assert.Single(section.Lines);
        Assert.StartsWith("Blue Sun (#1018) · ana · nurtured in Discovery until Thu 13 Mar 2025", line.Text, StringComparison.Ordinal);
        Assert.Equal(new ShowChecklistPayload(_blueSun.Id), line.Action!.Payload);
    }

    [Fact]
    public async Task RunDue_DealNoLongerNurtured_NeitherMessagedNorListed()
    {
        await _nudges.BindAsync(_emea.Id, Channel, _ana.Id, _time.GetUtcNow(), CancellationToken.None);
        _blueSun.Status = DealStatus.Open;
        _stores.AddDeal("1002", "Initech", _ana, _emea, "demo", _time.GetUtcNow().AddDays(-40));

        await PollEveryTenMinutesUntilAsync(new DateTimeOffset(2025, 3, 14, 12, 0, 0, TimeSpan.Zero));

        Assert.Empty(await MessagesAsync(NudgeKind.Reengage));
        Assert.All(await MessagesAsync(NudgeKind.Digest), m => Assert.DoesNotContain("re-engage", m.PayloadJson, StringComparison.Ordinal));
    }
}
