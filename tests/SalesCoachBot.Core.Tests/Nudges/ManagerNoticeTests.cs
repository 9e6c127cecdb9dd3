using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Nudges;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Tests.Fakes;

namespace SalesCoachBot.Core.Tests.Nudges;

/// <summary>Undeliverable digests reported to the team's managers by direct message, once per team and local day.</summary>
public sealed class ManagerNoticeTests
{
    private static readonly DateOnly Day = new(2025, 3, 12);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 12, 8, 0, 0, TimeSpan.Zero));
    private readonly InMemoryNudgeStore _store = new();
    private readonly InMemoryRecipients _recipients = new InMemoryRecipients()
        .Team(1, "EMEA")
        .Team(2, "Americas")
        .Manager(1, new NudgeRecipient(10, "Erin Manager", SlackUserId: "U010", TeamsAadObjectId: "aad-010"))
        .Manager(1, new NudgeRecipient(11, "No-Ids Manager", SlackUserId: null, TeamsAadObjectId: null))
        .Manager(2, new NudgeRecipient(20, "Amy Manager", SlackUserId: "U020", TeamsAadObjectId: null));

    private async Task EnqueueDigestAsync(long team, params string[] targets)
    {
        var payload = DigestPayload.Serialize(new BotAnswer($"digest {team}"));
        await _store.ClaimAndEnqueueAsync(team, Day, _time.GetUtcNow(),
            [.. targets.Select(t => new NewOutboxMessage(team, Day, ConversationKey.Parse(t), payload))], force: false, CancellationToken.None);
    }

    private async Task DrainAsync(OutboxDispatcher dispatcher)
    {
        for (var round = 0; round < 200; round++)
        {
            await dispatcher.DispatchDueAsync(CancellationToken.None);
            if ((await _store.ListMessagesAsync(null, CancellationToken.None)).All(m => m.Status != OutboxStatus.Pending))
            {
                return;
            }

            _time.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Fail("the outbox never drained");
    }

    private async Task<IReadOnlyList<OutboxMessage>> NoticesAsync() =>
        [.. (await _store.ListMessagesAsync(null, CancellationToken.None)).Where(m => m.Kind == NudgeKind.ManagerNotice)];

    [Fact]
    public async Task Dispatch_BotRemovedFromBothChannels_ManagersToldOnceAndOtherTeamGetsItsDigest()
    {
        await EnqueueDigestAsync(1, "slack:T1:C-emea", "teams:19:emea@thread.tacv2");
        await EnqueueDigestAsync(2, "slack:T1:C-amer");
        var slack = new FlakySender(ChatChannel.Slack, (_, key) => key.ToString() == "slack:T1:C-emea" ? new DigestSendResult.Permanent("not_in_channel") : null);
        var teams = new FlakySender(ChatChannel.Teams, (_, key) => key is { Channel: ChatChannel.Teams, IsPerson: false } ? new DigestSendResult.Permanent("403 Forbidden") : null);

        await DrainAsync(NudgeTestSetup.Dispatcher(_store, _recipients, _time, NudgeTestSetup.Options(), teams, slack));

        var notices = await NoticesAsync();
        Assert.Equal(["slack-user:U010", "teams-user:aad-010"], notices.Select(n => n.Conversation.ToString()).Order(StringComparer.Ordinal));
        Assert.All(notices, n => Assert.Equal(OutboxStatus.Sent, n.Status));
        Assert.All(notices, n => Assert.Equal(Day, n.LocalDate));
        var text = DigestPayload.Deserialize(notices[0].PayloadJson).Text;
        Assert.StartsWith("The EMEA stalled-deal digest for Wednesday 12 March could not be delivered to slack:T1:C-emea: not_in_channel", text, StringComparison.Ordinal);
        Assert.Contains("use this channel for EMEA nudges", text, StringComparison.Ordinal);
        Assert.Equal(["slack-user:U010", "slack:T1:C-amer"], slack.Delivered.Select(d => d.Conversation.ToString()).Order(StringComparer.Ordinal));
        Assert.Equal(["teams-user:aad-010"], teams.Delivered.Select(d => d.Conversation.ToString()));
    }

    [Fact]
    public async Task Dispatch_GaveUpAfterRetryLimit_ManagersToldWithTheAttempts()
    {
        await EnqueueDigestAsync(2, "teams:19:amer@thread.tacv2");
        var teams = new FlakySender(ChatChannel.Teams, (_, _) => new DigestSendResult.Transient("HTTP 503"));
        var slack = new FlakySender(ChatChannel.Slack);

        await DrainAsync(NudgeTestSetup.Dispatcher(_store, _recipients, _time, NudgeTestSetup.Options(o => o.MaxAttempts = 3), teams, slack));

        Assert.Equal(3, teams.Calls);
        var notice = Assert.Single(slack.Delivered);
        Assert.Equal("slack-user:U020", notice.Conversation.ToString());
        Assert.Equal(
            "The Americas stalled-deal digest for Wednesday 12 March could not be delivered to teams:19:amer@thread.tacv2 after 3 attempts (HTTP 503). It is not retried today; tomorrow's digest is sent as usual.",
            notice.Digest.Text);
    }

    [Fact]
    public async Task Dispatch_NoticeItselfCannotBeSent_FailsQuietlyWithoutAnotherNotice()
    {
        await EnqueueDigestAsync(2, "slack:T1:C-amer");
        var slack = new FlakySender(ChatChannel.Slack, (_, _) => new DigestSendResult.Permanent("channel_not_found"));

        await DrainAsync(NudgeTestSetup.Dispatcher(_store, _recipients, _time, NudgeTestSetup.Options(), slack));

        var all = await _store.ListMessagesAsync(null, CancellationToken.None);
        Assert.Equal([(NudgeKind.Digest, OutboxStatus.Failed), (NudgeKind.ManagerNotice, OutboxStatus.Failed)], all.Select(m => (m.Kind, m.Status)));
        Assert.Equal(2, slack.Calls);
    }

    [Fact]
    public async Task Notify_SecondProblemSameDayThenNextDay_OncePerTeamAndLocalDay()
    {
        var notifier = NudgeTestSetup.Notifier(_store, _recipients, _time);

        var first = await notifier.NotifyAsync(1, Day, new DigestProblem.NoChannelBound(3), CancellationToken.None);
        var sameDay = await notifier.NotifyAsync(1, Day, new DigestProblem.Undeliverable(ConversationKey.Parse("slack:T1:C"), "is_archived"), CancellationToken.None);
        var otherTeam = await notifier.NotifyAsync(2, Day, new DigestProblem.NoChannelBound(1), CancellationToken.None);
        var nextDay = await notifier.NotifyAsync(1, Day.AddDays(1), new DigestProblem.NoChannelBound(3), CancellationToken.None);

        Assert.Equal([true, false, true, true], [first, sameDay, otherTeam, nextDay]);
        Assert.Equal(5, (await NoticesAsync()).Count);   // EMEA's manager twice (Slack + Teams) on two days, Americas' once
    }

    [Fact]
    public async Task Notify_NoManagerHasAChatId_ClaimsTheDayAndQueuesNothing()
    {
        var recipients = new InMemoryRecipients().Team(3, "APAC").Manager(3, new NudgeRecipient(30, "Offline Manager", null, null));
        var notifier = NudgeTestSetup.Notifier(_store, recipients, _time);

        Assert.True(await notifier.NotifyAsync(3, Day, new DigestProblem.NoChannelBound(2), CancellationToken.None));
        Assert.False(await notifier.NotifyAsync(3, Day, new DigestProblem.NoChannelBound(2), CancellationToken.None));
        Assert.Empty(await NoticesAsync());
    }

    [Fact]
    public async Task RunDue_NoChannelBoundAndUnknownZone_EachTeamsManagersToldOnceAcrossPolls()
    {
        var stores = new InMemoryStores();
        var emea = stores.AddTeam("EMEA");
        emea.TimeZoneId = "Europe/Berlin";
        var amer = stores.AddTeam("Americas");
        amer.TimeZoneId = "Mars/Olympus_Mons";
        var rep = stores.AddPerson("rep@example.com", PersonRole.Rep, emea, amer);
        stores.AddDeal("E-1", "Stuck in EMEA", rep, emea, "demo", _time.GetUtcNow().AddDays(-40));
        var problems = new NudgeProblems();
        NudgeRunner Runner() => new(
            stores, new OpenDealsAsStallCandidates(stores), _store, _store, new FixedProcessMapSource(MapBuilder.ThreeStages()), _recipients,
            NudgeTestSetup.Notifier(_store, _recipients, _time), _time, NudgeTestSetup.Options(), problems, NullLogger<NudgeRunner>.Instance);

        for (var poll = 0; poll < 5; poll++)
        {
            await Runner().RunDueAsync(CancellationToken.None);
            _time.Advance(TimeSpan.FromSeconds(30));
        }

        var notices = await NoticesAsync();
        Assert.Equal(["slack-user:U010", "slack-user:U020", "teams-user:aad-010"], notices.Select(n => n.Conversation.ToString()).Order(StringComparer.Ordinal));
        Assert.Contains("no channel is bound to EMEA", DigestPayload.Deserialize(notices.First(n => n.TeamId == emea.Id).PayloadJson).Text, StringComparison.Ordinal);
        Assert.Contains("'Mars/Olympus_Mons' is not a known IANA id", DigestPayload.Deserialize(notices.Single(n => n.TeamId == amer.Id).PayloadJson).Text, StringComparison.Ordinal);
    }
}
