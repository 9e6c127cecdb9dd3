using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Nudges;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Tests.Fakes;

namespace SalesCoachBot.Core.Tests.Nudges;

/// <summary>A next step whose date passed with nothing done since: one reminder to the owner, the next morning.</summary>
public sealed class NextStepReminderTests
{
    // Wednesday 2 December 2026, 06:00 in Berlin; the team's digest time is 09:00.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 2, 5, 0, 0, TimeSpan.Zero));
    private readonly InMemoryStores _stores = new();
    private readonly InMemoryNudgeStore _nudges = new();
    private readonly InMemoryRecipients _recipients = new();
    private readonly InMemoryReminderStore _reminders;
    private readonly SalesTeam _emea;
    private readonly Deal _deal;

    public NextStepReminderTests()
    {
        _emea = _stores.AddTeam("EMEA");
        _emea.TimeZoneId = "Europe/Berlin";
        var ana = _stores.AddPerson("ana@example.com", PersonRole.Rep, _emea);
        _recipients.Person(new NudgeRecipient(ana.Id, "ana", SlackUserId: "U0ANA", TeamsAadObjectId: "aad-ana"));
        _deal = _stores.AddDeal("1010", "Tailwind", ana, _emea, "demo", _time.GetUtcNow().AddDays(-5));
        var setAt = _time.GetUtcNow().AddDays(-3);
        (_deal.NextStep, _deal.NextStepAt, _deal.NextStepSetAt, _deal.LastActivityAt) =
            ("demo with their CFO", new DateTimeOffset(2026, 12, 1, 23, 59, 0, TimeSpan.FromHours(1)), setAt, setAt);
        _reminders = new InMemoryReminderStore(_stores, _nudges);
    }

    private NextStepReminders Reminders()
    {
        var runner = new NudgeRunner(
            _stores, new OpenDealsAsStallCandidates(_stores), _nudges, _nudges, new FixedProcessMapSource(MapBuilder.ThreeStages()), _recipients,
            NudgeTestSetup.Notifier(_nudges, _recipients, _time), _time, NudgeTestSetup.Options(), new NudgeProblems(), NullLogger<NudgeRunner>.Instance);
        return new NextStepReminders(_stores, _reminders, _recipients, runner, _time, NullLogger<NextStepReminders>.Instance);
    }

    private async Task<IReadOnlyList<OutboxMessage>> RemindersQueuedAsync() =>
        [.. (await _nudges.ListMessagesAsync(null, CancellationToken.None)).Where(m => m.Kind == NudgeKind.NextStepReminder)];

    /// <summary>The scheduler: a poll every 10 minutes until <paramref name="hours"/> have passed.</summary>
    private async Task PollAsync(double hours)
    {
        var end = _time.GetUtcNow().AddHours(hours);
        while (_time.GetUtcNow() < end)
        {
            await Reminders().RunDueAsync(CancellationToken.None);
            _time.Advance(TimeSpan.FromMinutes(10));
        }
    }

    [Fact]
    public async Task RunDue_StepPassedWithNoActivity_OneReminderToEachOfTheOwnersRoutesAtTheDigestTime()
    {
        await PollAsync(2.9);
        Assert.Empty(await RemindersQueuedAsync()); // before 09:00 in Berlin

        await PollAsync(48);

        var queued = await RemindersQueuedAsync();
        Assert.Equal(["slack-user:U0ANA", "teams-user:aad-ana"], queued.Select(m => m.Conversation.ToString()));
        Assert.All(queued, m => Assert.Equal(new DateOnly(2026, 12, 2), m.LocalDate));
        Assert.All(queued, m => Assert.InRange(m.CreatedAt, new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 2, 8, 10, 0, TimeSpan.Zero)));
        var message = DigestPayload.Deserialize(queued[0].PayloadJson);
        Assert.Equal("The next step \"demo with their CFO\" for Tailwind (#1010) was due Tue 1 Dec 2026, and nothing has been logged on the deal since. "
            + "What happened? Set the next one: \"next step for #1010: …\".", message.Text);
        Assert.Equal(new ShowChecklistPayload(_deal.Id), Assert.Single(message.Card!.Actions).Payload);
        Assert.NotNull(_deal.NextStepRemindedAt);
    }

    [Fact]
    public async Task RunDue_ActivityAfterTheStepWasSet_NoReminder()
    {
        _deal.LastActivityAt = _deal.NextStepSetAt!.Value.AddHours(1);

        await PollAsync(30);

        Assert.Empty(await RemindersQueuedAsync());
    }

    [Fact]
    public async Task RunDue_StepStillAhead_NoReminderUntilItsDayIsOver()
    {
        _deal.NextStepAt = new DateTimeOffset(2026, 12, 2, 23, 59, 0, TimeSpan.FromHours(1));

        await PollAsync(12); // Wednesday, the step's own day
        Assert.Empty(await RemindersQueuedAsync());

        await PollAsync(24); // Thursday morning
        Assert.Equal(2, (await RemindersQueuedAsync()).Count);
    }

    [Fact]
    public async Task RunDue_NewNextStepAfterTheReminder_RemindedAgainOnlyForTheNewOne()
    {
        await PollAsync(30);
        Assert.Equal(2, (await RemindersQueuedAsync()).Count);

        // A new next step (what SetNextStepUseCase writes) clears the mark; it too passes without activity.
        (_deal.NextStep, _deal.NextStepAt, _deal.NextStepSetAt, _deal.NextStepRemindedAt, _deal.LastActivityAt) =
            ("send pricing", _time.GetUtcNow().AddHours(1), _time.GetUtcNow(), null, _time.GetUtcNow());
        await PollAsync(72);

        var queued = await RemindersQueuedAsync();
        Assert.Equal(4, queued.Count);
        Assert.Contains("send pricing", DigestPayload.Deserialize(queued[^1].PayloadJson).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunDue_StepLongPast_NotRemindedOnAFirstRun()
    {
        _deal.NextStepAt = _time.GetUtcNow().AddDays(-(NextStepReminders.LookBackDays + 2));

        await PollAsync(30);

        Assert.Empty(await RemindersQueuedAsync());
    }

    [Fact]
    public async Task RunDue_OwnerWithoutChatIds_MarkedWithoutMessages()
    {
        var noIds = new InMemoryRecipients();
        noIds.Person(new NudgeRecipient(_deal.OwnerId, "ana", SlackUserId: null, TeamsAadObjectId: null));
        var runner = new NudgeRunner(
            _stores, new OpenDealsAsStallCandidates(_stores), _nudges, _nudges, new FixedProcessMapSource(MapBuilder.ThreeStages()), noIds,
            NudgeTestSetup.Notifier(_nudges, noIds, _time), _time, NudgeTestSetup.Options(), new NudgeProblems(), NullLogger<NudgeRunner>.Instance);
        _time.Advance(TimeSpan.FromHours(4));

        var queued = await new NextStepReminders(_stores, _reminders, noIds, runner, _time, NullLogger<NextStepReminders>.Instance).RunDueAsync(CancellationToken.None);

        Assert.Equal(0, queued);
        Assert.NotNull(_deal.NextStepRemindedAt);
    }

    /// <summary>The database store's rules over the in-memory deals: listed when due, marked once per next step.</summary>
    private sealed class InMemoryReminderStore(InMemoryStores stores, InMemoryNudgeStore outbox) : INextStepReminderStore
    {
        public Task<IReadOnlyList<DueNextStep>> ListDueAsync(long teamId, DateTimeOffset from, DateTimeOffset before, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<DueNextStep>>([.. stores.Deals
                .Where(d => d.TeamId == teamId && d.Status is DealStatus.Open or DealStatus.Nurture
                    && d.NextStepAt >= from && d.NextStepAt < before && d.NextStepSetAt is not null && d.NextStepRemindedAt is null
                    && d.LastActivityAt <= d.NextStepSetAt)
                .Select(d => new DueNextStep(d.Id, d.ExternalId, d.Name, d.TeamId, d.OwnerId, d.NextStep, d.NextStepAt!.Value, d.NextStepSetAt!.Value))]);

        public async Task<bool> MarkRemindedAndEnqueueAsync(DueNextStep step, DateTimeOffset at, IReadOnlyList<NewOutboxMessage> messages, CancellationToken cancellationToken)
        {
            var deal = stores.Deals.Single(d => d.Id == step.Deal);
            if (deal.NextStepRemindedAt is not null || deal.NextStepSetAt != step.SetAt || deal.NextStepAt != step.At)
            {
                return false;
            }

            deal.NextStepRemindedAt = at;
            await outbox.EnqueueAsync(messages, at, cancellationToken);
            return true;
        }
    }
}
