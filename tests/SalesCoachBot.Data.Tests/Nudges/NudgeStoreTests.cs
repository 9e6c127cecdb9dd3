using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Nudges;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Data.Tests.Infrastructure;

namespace SalesCoachBot.Data.Tests.Nudges;

public sealed class SqliteNudgeStoreTests(SqliteDatabaseFixture fixture) : NudgeStoreTests(() => fixture.Database), IClassFixture<SqliteDatabaseFixture>;

public sealed class PostgresNudgeStoreTests(PostgresDatabaseFixture fixture) : NudgeStoreTests(() => fixture.Database), IClassFixture<PostgresDatabaseFixture>;

/// <summary>Claims, leases and whole scheduler + dispatcher runs against a real database, with two "hosts" racing.</summary>
public abstract class NudgeStoreTests(Func<TestDatabase> database)
{
    private TestDatabase Db => database();

    private INudgeOutbox Outbox => Db.Services.GetRequiredService<INudgeOutbox>();

    private INudgeTargetStore Targets => Db.Services.GetRequiredService<INudgeTargetStore>();

    private static NewOutboxMessage Message(long team, DateOnly day, string target) => new(team, day, ConversationKey.Parse(target), DigestPayload.Serialize(new BotAnswer($"digest for {target}")));

    [DatabaseFact]
    public async Task ClaimAndEnqueue_EightRacingClaimsOfOneDay_ExactlyOneWinsAndOneMessageIsQueued()
    {
        var team = await Db.CreateTeamAsync();
        var day = new DateOnly(2025, 3, 10);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
            Outbox.ClaimAndEnqueueAsync(team.TeamId, day, Db.Time.GetUtcNow(), [Message(team.TeamId, day, "teams:19:a")], force: false, CancellationToken.None))));

        Assert.Single(results, won => won);
        Assert.Single(await Outbox.ListMessagesAsync(team.TeamId, CancellationToken.None));
        Assert.True(await Outbox.IsClaimedAsync(team.TeamId, day, CancellationToken.None));
        Assert.False(await Outbox.IsClaimedAsync(team.TeamId, day.AddDays(1), CancellationToken.None));
    }

    [DatabaseFact]
    public async Task DigestUpdates_SentDigestKeepsItsMessageId_AndASnoozeQueuesAnUpdateOfThatMessage()
    {
        var team = await Db.CreateTeamAsync();
        var day = new DateOnly(2025, 3, 10);
        var now = Db.Time.GetUtcNow();
        var deal = new DealId(77);
        var digest = DigestBuilder.Render(new TeamDigest(team.TeamId, "EMEA", day,
            [new DigestDeal(deal, "1077", "Tailwind", "Rita", "Demo", 40, 30, null, null, "in Demo 40 days, limit 10")]), 10);
        await Outbox.ClaimAndEnqueueAsync(team.TeamId, day, now, [new NewOutboxMessage(team.TeamId, day, ConversationKey.Parse("slack:T1:C1"), DigestPayload.Serialize(digest))], false, CancellationToken.None);
        // The database is shared with this class's other tests: only this team's rows count.
        var leased = Assert.Single(await Outbox.LeaseDueAsync("me", now, TimeSpan.FromMinutes(1), 100, CancellationToken.None), m => m.TeamId == team.TeamId);
        Assert.True(await Outbox.CompleteAsync(leased.Id, "me", 1, new OutboxCompletion.Sent(now, "1700000000.000100"), CancellationToken.None));

        var queued = await new DigestUpdates(Outbox).DealChangedAsync(team.TeamId, deal, "Snoozed until 2025-03-13 by Rita", now, CancellationToken.None);

        Assert.Equal(1, queued);
        var update = Assert.Single(await Outbox.LeaseDueAsync("me", now, TimeSpan.FromMinutes(1), 100, CancellationToken.None), m => m.TeamId == team.TeamId);
        Assert.Equal((NudgeKind.DigestUpdate, "1700000000.000100"), (update.Kind, update.MessageId));
        Assert.Contains("Snoozed until 2025-03-13 by Rita", update.PayloadJson, StringComparison.Ordinal);
        Assert.True(await Outbox.CompleteAsync(update.Id, "me", 1, new OutboxCompletion.Sent(now), CancellationToken.None));
        Assert.All(await Outbox.ListDigestMessagesAsync(team.TeamId, now.AddDays(-1), CancellationToken.None), m => Assert.Equal("1700000000.000100", m.MessageId));
        Assert.Equal(0, await new DigestUpdates(Outbox).DealChangedAsync(team.TeamId, new DealId(78), "Snoozed", now, CancellationToken.None));
    }

    [DatabaseFact]
    public async Task ClaimAndEnqueue_ForceOnClaimedDay_EnqueuesAgainAndKeepsOneClaim()
    {
        var team = await Db.CreateTeamAsync();
        var day = new DateOnly(2025, 3, 10);

        Assert.True(await Outbox.ClaimAndEnqueueAsync(team.TeamId, day, Db.Time.GetUtcNow(), [Message(team.TeamId, day, "slack:T:C")], false, CancellationToken.None));
        Assert.False(await Outbox.ClaimAndEnqueueAsync(team.TeamId, day, Db.Time.GetUtcNow(), [Message(team.TeamId, day, "slack:T:C")], false, CancellationToken.None));
        Assert.True(await Outbox.ClaimAndEnqueueAsync(team.TeamId, day, Db.Time.GetUtcNow(), [Message(team.TeamId, day, "slack:T:C")], true, CancellationToken.None));

        Assert.Equal(2, (await Outbox.ListMessagesAsync(team.TeamId, CancellationToken.None)).Count);
    }

    [DatabaseFact]
    public async Task Enqueue_CloseProposalOnClaimedDay_QueuedDueNowAndTheDayStaysClaimedOnce()
    {
        var team = await Db.CreateTeamAsync();
        var day = new DateOnly(2025, 3, 10);
        var now = Db.Time.GetUtcNow();
        await Outbox.ClaimAndEnqueueAsync(team.TeamId, day, now, [Message(team.TeamId, day, "slack:T:C")], false, CancellationToken.None);

        await Outbox.EnqueueAsync([Message(team.TeamId, day, "slack-user:U1") with { Kind = NudgeKind.CloseProposal }], now, CancellationToken.None);

        var proposal = Assert.Single(await Outbox.ListMessagesAsync(team.TeamId, CancellationToken.None), m => m.Kind == NudgeKind.CloseProposal);
        Assert.Equal((OutboxStatus.Pending, now, "slack-user:U1"), (proposal.Status, proposal.NextAttemptAt, proposal.Conversation.ToString()));
        Assert.Contains(await Outbox.LeaseDueAsync("host-a", now, TimeSpan.FromMinutes(5), 50, CancellationToken.None), m => m.Id == proposal.Id);
        Assert.False(await Outbox.ClaimAndEnqueueAsync(team.TeamId, day, now, [Message(team.TeamId, day, "slack:T:C")], false, CancellationToken.None));
    }

    [DatabaseFact]
    public async Task LeaseDue_TwoDispatchersRacing_EachMessageLeasedByOneAndLeaseExpiresForTheOther()
    {
        var team = await Db.CreateTeamAsync();
        var day = new DateOnly(2025, 3, 10);
        var now = Db.Time.GetUtcNow();
        await Outbox.ClaimAndEnqueueAsync(team.TeamId, day, now, [.. Enumerable.Range(1, 12).Select(i => Message(team.TeamId, day, $"teams:19:{i}"))], false, CancellationToken.None);

        var leases = await Task.WhenAll(
            Task.Run(() => Outbox.LeaseDueAsync("host-a", now, TimeSpan.FromMinutes(5), 50, CancellationToken.None)),
            Task.Run(() => Outbox.LeaseDueAsync("host-b", now, TimeSpan.FromMinutes(5), 50, CancellationToken.None)));
        var mine = leases.SelectMany(l => l).Where(m => m.TeamId == team.TeamId).Select(m => m.Id).ToList();

        Assert.Equal(12, mine.Count);
        Assert.Equal(12, mine.Distinct().Count());
        Assert.DoesNotContain(await Outbox.LeaseDueAsync("host-c", now.AddMinutes(4), TimeSpan.FromMinutes(5), 50, CancellationToken.None), m => m.TeamId == team.TeamId);

        // host-a dies; after its lease ran out host-c may take the rows, and host-a's late completion is refused.
        var taken = (await Outbox.LeaseDueAsync("host-c", now.AddMinutes(6), TimeSpan.FromMinutes(5), 50, CancellationToken.None)).Where(m => m.TeamId == team.TeamId).ToList();
        Assert.Equal(12, taken.Count);
        var stale = leases[0].FirstOrDefault(m => m.TeamId == team.TeamId) ?? leases[1].First(m => m.TeamId == team.TeamId);
        var staleOwner = leases[0].Any(m => m.Id == stale.Id) ? "host-a" : "host-b";
        Assert.False(await Outbox.CompleteAsync(stale.Id, staleOwner, 1, new OutboxCompletion.Sent(now), CancellationToken.None));
        Assert.True(await Outbox.CompleteAsync(stale.Id, "host-c", 1, new OutboxCompletion.Sent(now.AddMinutes(6)), CancellationToken.None));
        var sent = (await Outbox.ListMessagesAsync(team.TeamId, CancellationToken.None)).Single(m => m.Id == stale.Id);
        Assert.Equal(OutboxStatus.Sent, sent.Status);
        Assert.Equal(now.AddMinutes(6), sent.SentAt);
    }

    [DatabaseFact]
    public async Task Bind_SameChannelTwice_SecondReportsAlreadyBound()
    {
        var team = await Db.CreateTeamAsync();
        var key = ConversationKey.Parse($"slack:T1:C-{team.Tag}");

        Assert.True(await Targets.BindAsync(team.TeamId, key, team.RepId, Db.Time.GetUtcNow(), CancellationToken.None));
        Assert.False(await Targets.BindAsync(team.TeamId, key, team.RepId, Db.Time.GetUtcNow(), CancellationToken.None));

        Assert.Equal(key, Assert.Single(await Targets.ListAsync(team.TeamId, CancellationToken.None)).Conversation);
    }

    [DatabaseFact]
    public async Task ConversationReferences_SaveUpdateGetRemove_RoundTrip()
    {
        var records = Db.Services.GetRequiredService<IConversationReferenceRecords>();
        var key = ConversationKey.Parse($"teams:19:{Guid.NewGuid():N}@thread.tacv2");
        var first = new StoredConversationReference(key, key.Id, "https://smba.trafficmanager.net/emea/", "tenant-1", "channel", "{\"botId\":\"28:b\"}", Db.Time.GetUtcNow());

        await records.SaveAsync(first, CancellationToken.None);
        await records.SaveAsync(first with { ServiceUrl = "https://smba.trafficmanager.net/amer/" }, CancellationToken.None);

        var stored = await records.GetAsync(key, CancellationToken.None);
        Assert.Equal("https://smba.trafficmanager.net/amer/", stored!.ServiceUrl);
        Assert.Equal("{\"botId\":\"28:b\"}", stored.ReferenceJson);
        Assert.True(await records.RemoveAsync(key, CancellationToken.None));
        Assert.Null(await records.GetAsync(key, CancellationToken.None));
    }

    [DatabaseFact]
    public async Task TwoHosts_SchedulerAndDispatcherEachOnOneDatabase_SendOneDigestPerTeamAndChannel()
    {
        var teams = new List<TestTeam>();
        for (var i = 0; i < 4; i++)
        {
            var team = await Db.CreateTeamAsync();   // Europe/Berlin, 09:00, weekdays
            await Db.CreateDealAsync(team, stage: "demo", daysInStage: 20);
            await Targets.BindAsync(team.TeamId, ConversationKey.Parse($"teams:19:{team.Tag}"), team.RepId, Db.Time.GetUtcNow(), CancellationToken.None);
            await Targets.BindAsync(team.TeamId, ConversationKey.Parse($"slack:T1:{team.Tag}"), team.RepId, Db.Time.GetUtcNow(), CancellationToken.None);
            teams.Add(team);
        }

        // Monday 2025-03-10 09:00 UTC is 10:00 in Berlin: every team is due. Both hosts share the clock and the senders
        // (the fake connector / Slack API), and half the calls fail in a seeded pattern.
        var recorder = new RecordingSenders(seed: 99);
        var hosts = new[] { NewHost(recorder), NewHost(recorder) };
        for (var round = 0; round < 200 && !await AllDoneAsync(teams); round++)
        {
            await Task.WhenAll(hosts.Select(h => Task.Run(() => h.RoundAsync())));
            Db.Time.Advance(TimeSpan.FromSeconds(20));
        }

        var delivered = recorder.Delivered.Where(k => teams.Any(t => k.EndsWith(t.Tag, StringComparison.Ordinal))).ToList();
        Assert.Equal(8, delivered.Count);
        Assert.Equal(8, delivered.Distinct().Count());
        foreach (var host in hosts)
        {
            await host.DisposeAsync();
        }
    }

    private async Task<bool> AllDoneAsync(IReadOnlyList<TestTeam> teams)
    {
        foreach (var team in teams)
        {
            var messages = await Outbox.ListMessagesAsync(team.TeamId, CancellationToken.None);
            if (messages.Count != 2 || messages.Any(m => m.Status != OutboxStatus.Sent))
            {
                return false;
            }
        }

        return true;
    }

    private Host NewHost(RecordingSenders senders)
    {
        // A host of its own: its own service provider and connection pool, on the same database and clock.
        var services = TestDatabase.BuildServices(
            new DatabaseOptions { Provider = Db.Provider.ToString(), ConnectionString = Db.ConnectionString }, Db.Time);
        return new Host(services, senders, Db.Time);
    }

    private sealed class Host(ServiceProvider services, RecordingSenders senders, TimeProvider time) : IAsyncDisposable
    {
        private readonly IOptions<NudgeOptions> _options = Options.Create(new NudgeOptions { MaxAttempts = 50 });
        private readonly ManagerNotifier _notifier = new(
            services.GetRequiredService<INudgeOutbox>(), services.GetRequiredService<INudgeRecipients>(), time, NullLogger<ManagerNotifier>.Instance);

        private OutboxDispatcher Dispatcher => field ??= new(
            services.GetRequiredService<INudgeOutbox>(), [senders.Teams, senders.Slack], time,
            Options.Create(new NudgeOptions { MaxAttempts = 50 }), new NudgeBackoff(new Random(3)), new NudgeMetrics(), _notifier, NullLogger<OutboxDispatcher>.Instance);

        public async Task RoundAsync()
        {
            await using (var scope = services.CreateAsyncScope())
            {
                var runner = new NudgeRunner(
                    scope.ServiceProvider.GetRequiredService<IDirectoryStore>(), services.GetRequiredService<IStallCandidates>(),
                    services.GetRequiredService<INudgeTargetStore>(), services.GetRequiredService<INudgeOutbox>(),
                    services.GetRequiredService<IProcessMapSource>(), services.GetRequiredService<INudgeRecipients>(), _notifier,
                    time, _options, new NudgeProblems(), NullLogger<NudgeRunner>.Instance);
                await runner.RunDueAsync(CancellationToken.None);
            }

            await Dispatcher.DispatchDueAsync(CancellationToken.None);
        }

        public ValueTask DisposeAsync() => services.DisposeAsync();
    }

    /// <summary>Fake Teams connector and Slack API: record what got through, fail half the calls in a seeded pattern.</summary>
    private sealed class RecordingSenders(int seed)
    {
        private readonly Random _random = new(seed);
        private readonly List<string> _delivered = [];

        public IDigestSender Teams => new Sender(ChatChannel.Teams, this);

        public IDigestSender Slack => new Sender(ChatChannel.Slack, this);

        public IReadOnlyList<string> Delivered
        {
            get
            {
                lock (_delivered)
                {
                    return [.. _delivered];
                }
            }
        }

        private DigestSendResult Send(ConversationKey key)
        {
            lock (_delivered)
            {
                var roll = _random.NextDouble();
                if (roll < 0.5)
                {
                    return roll < 0.2 ? new DigestSendResult.Transient("HTTP 429", TimeSpan.FromSeconds(30)) : new DigestSendResult.Transient("HTTP 503");
                }

                _delivered.Add(key.ToString());
                return DigestSendResult.Delivered;
            }
        }

        private sealed class Sender(ChatChannel channel, RecordingSenders owner) : IDigestSender
        {
            public ChatChannel Channel => channel;

            public Task<DigestSendResult> SendAsync(ConversationKey conversation, BotAnswer digest, CancellationToken cancellationToken) =>
                Task.FromResult(owner.Send(conversation));
        }
    }
}
