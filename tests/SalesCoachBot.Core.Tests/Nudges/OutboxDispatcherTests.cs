using Microsoft.Extensions.Time.Testing;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Nudges;
using SalesCoachBot.Core.Resilience;

namespace SalesCoachBot.Core.Tests.Nudges;

public sealed class OutboxDispatcherTests
{
    private static readonly DateOnly Day = new(2025, 3, 12);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 12, 8, 0, 0, TimeSpan.Zero));
    private readonly InMemoryNudgeStore _store = new();

    private async Task EnqueueAsync(int teams, params string[] targets)
    {
        for (var team = 1; team <= teams; team++)
        {
            var payload = DigestPayload.Serialize(new BotAnswer($"digest {team}"));
            await _store.ClaimAndEnqueueAsync(team, Day, _time.GetUtcNow(),
                [.. targets.Select(t => new NewOutboxMessage(team, Day, ConversationKey.Parse($"{t}-{team}"), payload))], force: false, CancellationToken.None);
        }
    }

    /// <summary>Runs the dispatcher and moves the clock until nothing is pending (the host's loop, compressed).</summary>
    private async Task DrainAsync(OutboxDispatcher dispatcher, int maxRounds = 500)
    {
        for (var round = 0; round < maxRounds; round++)
        {
            await dispatcher.DispatchDueAsync(CancellationToken.None);
            if ((await _store.ListMessagesAsync(null, CancellationToken.None)).All(m => m.Status != OutboxStatus.Pending))
            {
                return;
            }

            _time.Advance(TimeSpan.FromSeconds(15));
        }

        Assert.Fail("the outbox never drained");
    }

    [Fact]
    public async Task Dispatch_HalfOfCallsFailInSeededPattern_EveryDigestArrivesExactlyOnce()
    {
        await EnqueueAsync(40, "teams:19:chan", "slack:T1:C");
        var teams = new FlakySender(ChatChannel.Teams, FlakySender.SeededFailures(seed: 1234));
        var slack = new FlakySender(ChatChannel.Slack, FlakySender.SeededFailures(seed: 5678));
        var dispatcher = NudgeTestSetup.Dispatcher(_store, _time, NudgeTestSetup.Options(o => o.MaxAttempts = 30), teams, slack);

        await DrainAsync(dispatcher);

        var delivered = teams.Delivered.Concat(slack.Delivered).Select(d => d.Conversation.ToString()).ToList();
        Assert.Equal(80, delivered.Count);
        Assert.Equal(80, delivered.Distinct().Count());
        Assert.True(teams.Calls + slack.Calls > 100, "the pattern should have failed many calls");
        Assert.All(await _store.ListMessagesAsync(null, CancellationToken.None), m => Assert.Equal(OutboxStatus.Sent, m.Status));
    }

    [Fact]
    public async Task Dispatch_429WithRetryAfter_WaitsAtLeastThatLong()
    {
        await EnqueueAsync(1, "slack:T1:C");
        var sender = new FlakySender(ChatChannel.Slack, (call, _) => call == 1 ? new DigestSendResult.Transient("ratelimited", TimeSpan.FromMinutes(10)) : null);
        var dispatcher = NudgeTestSetup.Dispatcher(_store, _time, NudgeTestSetup.Options(), sender);

        await dispatcher.DispatchDueAsync(CancellationToken.None);
        var pending = Assert.Single(await _store.ListMessagesAsync(null, CancellationToken.None));
        Assert.Equal(_time.GetUtcNow().AddMinutes(10), pending.NextAttemptAt);
        Assert.Equal("ratelimited", pending.LastError);

        _time.Advance(TimeSpan.FromMinutes(9));
        await dispatcher.DispatchDueAsync(CancellationToken.None);
        Assert.Empty(sender.Delivered);

        _time.Advance(TimeSpan.FromMinutes(1));
        await dispatcher.DispatchDueAsync(CancellationToken.None);
        Assert.Single(sender.Delivered);
    }

    [Fact]
    public async Task Dispatch_AlwaysFailing_GivesUpAfterMaxAttemptsWithBackoffThatGrows()
    {
        await EnqueueAsync(1, "teams:19:chan");
        var sender = new FlakySender(ChatChannel.Teams, (_, _) => new DigestSendResult.Transient("HTTP 502"));
        var dispatcher = NudgeTestSetup.Dispatcher(_store, _time, NudgeTestSetup.Options(o => o.MaxAttempts = 4), sender);
        var waits = new List<TimeSpan>();

        for (var i = 0; i < 4; i++)
        {
            await dispatcher.DispatchDueAsync(CancellationToken.None);
            var message = Assert.Single(await _store.ListMessagesAsync(null, CancellationToken.None));
            if (message.Status == OutboxStatus.Pending)
            {
                waits.Add(message.NextAttemptAt - _time.GetUtcNow());
                _time.Advance(message.NextAttemptAt - _time.GetUtcNow());
            }
        }

        var failed = Assert.Single(await _store.ListMessagesAsync(null, CancellationToken.None));
        Assert.Equal(OutboxStatus.Failed, failed.Status);
        Assert.Equal(4, failed.Attempts);
        Assert.Contains("HTTP 502", failed.LastError, StringComparison.Ordinal);
        Assert.Equal(4, sender.Calls);
        Assert.Equal(3, waits.Count);
        Assert.True(waits[0] < waits[1] && waits[1] < waits[2], string.Join(", ", waits));
    }

    [Fact]
    public async Task Dispatch_BotRemovedFromChannel_FailsThatOneAndOthersStillArrive()
    {
        await EnqueueAsync(3, "slack:T1:C");
        var sender = new FlakySender(ChatChannel.Slack, (_, key) => key.ToString() == "slack:T1:C-2" ? new DigestSendResult.Permanent("not_in_channel") : null);
        var dispatcher = NudgeTestSetup.Dispatcher(_store, _time, NudgeTestSetup.Options(), sender);

        await dispatcher.DispatchDueAsync(CancellationToken.None);

        var messages = await _store.ListMessagesAsync(null, CancellationToken.None);
        Assert.Equal([OutboxStatus.Sent, OutboxStatus.Failed, OutboxStatus.Sent], messages.Select(m => m.Status));
        Assert.Equal(1, messages[1].Attempts);
        Assert.Equal(["slack:T1:C-1", "slack:T1:C-3"], sender.Delivered.Select(d => d.Conversation.ToString()));
    }

    [Fact]
    public async Task Dispatch_HostStopsMidRun_RestartSendsTheRestAndNothingTwice()
    {
        await EnqueueAsync(10, "teams:19:chan");
        using var stopping = new CancellationTokenSource();
        var sender = new FlakySender(ChatChannel.Teams) { AfterDelivery = count => { if (count == 4) { stopping.Cancel(); } } };
        var first = NudgeTestSetup.Dispatcher(_store, _time, NudgeTestSetup.Options(), sender);

        await first.DispatchDueAsync(stopping.Token);
        Assert.Equal(4, sender.Delivered.Count);
        Assert.Equal(4, (await _store.ListMessagesAsync(null, CancellationToken.None)).Count(m => m.Status == OutboxStatus.Sent));

        // A new process: new owner, no lease wait needed because the stopping one handed its batch back.
        var second = NudgeTestSetup.Dispatcher(_store, _time, NudgeTestSetup.Options(), sender);
        await second.DispatchDueAsync(CancellationToken.None);

        Assert.Equal(10, sender.Delivered.Count);
        Assert.Equal(10, sender.Delivered.Select(d => d.Conversation).Distinct().Count());
    }

    [Fact]
    public async Task Dispatch_HostStopsWhileTheAnswerIsOnItsWay_SendIsRecordedAndNotRepeated()
    {
        await EnqueueAsync(1, "teams:19:chan");
        using var stopping = new CancellationTokenSource();
        // The platform takes the message, then the host is told to stop before the answer has been read.
        var sender = new SlowAnswerSender(() => stopping.Cancel(), TimeSpan.FromMilliseconds(50));
        var first = NudgeTestSetup.Dispatcher(_store, _time, NudgeTestSetup.Options(), sender);

        await first.DispatchDueAsync(stopping.Token);

        var message = Assert.Single(await _store.ListMessagesAsync(null, CancellationToken.None));
        Assert.Equal(OutboxStatus.Sent, message.Status);
        var second = NudgeTestSetup.Dispatcher(_store, _time, NudgeTestSetup.Options(), sender);
        await second.DispatchDueAsync(CancellationToken.None);
        Assert.Equal(1, sender.Taken);
    }

    [Fact]
    public async Task Dispatch_HostStopsAndTheSendOutlivesItsGrace_MessageIsGivenBackUncounted()
    {
        await EnqueueAsync(1, "teams:19:chan");
        using var stopping = new CancellationTokenSource();
        var sender = new SlowAnswerSender(() => stopping.Cancel(), Timeout.InfiniteTimeSpan);
        var dispatcher = NudgeTestSetup.Dispatcher(_store, _time, NudgeTestSetup.Options(), sender);

        var run = dispatcher.DispatchDueAsync(stopping.Token);
        await sender.WaitUntilTakenAsync();
        _time.Advance(StopGrace.InFlightCall - TimeSpan.FromSeconds(1));
        Assert.False(run.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));
        await run.WaitAsync(TimeSpan.FromSeconds(10));

        var message = Assert.Single(await _store.ListMessagesAsync(null, CancellationToken.None));
        Assert.Equal(OutboxStatus.Pending, message.Status);
        Assert.Equal(0, message.Attempts);
    }

    [Fact]
    public async Task Dispatch_SendsSlowerThanTheLease_AnotherHostPollingMeanwhileSendsNothingTwice()
    {
        await EnqueueAsync(6, "teams:19:chan");
        var options = NudgeTestSetup.Options(o => { o.LeaseDuration = TimeSpan.FromSeconds(20); o.SendTimeout = TimeSpan.FromSeconds(10); });
        var delivered = new List<ConversationKey>();
        OutboxDispatcher? hostB = null;
        // Host A's every send takes 6 s; host B polls the outbox while each of A's sends is under way.
        var slowA = new ClockedSender(_time, TimeSpan.FromSeconds(6), delivered, () => hostB!.DispatchDueAsync(CancellationToken.None));
        var hostA = NudgeTestSetup.Dispatcher(_store, _time, options, slowA);
        hostB = NudgeTestSetup.Dispatcher(_store, _time, options, new ClockedSender(_time, TimeSpan.Zero, delivered, () => Task.CompletedTask));

        await hostA.DispatchDueAsync(CancellationToken.None);

        Assert.Equal(6, delivered.Count);
        Assert.Equal(6, delivered.Distinct().Count());
        Assert.All(await _store.ListMessagesAsync(null, CancellationToken.None), m => Assert.Equal(OutboxStatus.Sent, m.Status));
    }

    [Fact]
    public async Task Dispatch_SenderThrowsForOneChannel_OthersStillGoOutAndThatOneIsRetried()
    {
        await EnqueueAsync(3, "teams:19:chan");
        var sender = new FlakySender(ChatChannel.Teams, (_, conversation) =>
            conversation.ToString().EndsWith("-2", StringComparison.Ordinal) ? throw new InvalidOperationException("the client is misconfigured") : null);
        var dispatcher = NudgeTestSetup.Dispatcher(_store, _time, NudgeTestSetup.Options(), sender);

        await dispatcher.DispatchDueAsync(CancellationToken.None);

        Assert.Equal(2, sender.Delivered.Count);
        var failing = Assert.Single(await _store.ListMessagesAsync(null, CancellationToken.None), m => m.Status == OutboxStatus.Pending);
        Assert.Equal(1, failing.Attempts);
        Assert.Contains("InvalidOperationException: the client is misconfigured", failing.LastError, StringComparison.Ordinal);
        Assert.True(failing.NextAttemptAt > _time.GetUtcNow());
    }

    [Fact]
    public async Task Dispatch_NoSenderForChannel_FailsWithClearError()
    {
        await EnqueueAsync(1, "teams:19:chan");
        var dispatcher = NudgeTestSetup.Dispatcher(_store, _time, NudgeTestSetup.Options(), new FlakySender(ChatChannel.Slack));

        await dispatcher.DispatchDueAsync(CancellationToken.None);

        var message = Assert.Single(await _store.ListMessagesAsync(null, CancellationToken.None));
        Assert.Equal(OutboxStatus.Failed, message.Status);
        Assert.Contains("no sender", message.LastError, StringComparison.Ordinal);
    }
}

/// <summary>
/// A platform that takes each message at once and answers after <c>answerAfter</c> (real time), honouring the
/// send's token while it waits, as an HTTP response being read would.
/// </summary>
internal sealed class SlowAnswerSender(Action onTaken, TimeSpan answerAfter) : IDigestSender
{
    private readonly TaskCompletionSource _taken = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _takenCount;

    public ChatChannel Channel => ChatChannel.Teams;

    public int Taken => Volatile.Read(ref _takenCount);

    public Task WaitUntilTakenAsync() => _taken.Task.WaitAsync(TimeSpan.FromSeconds(10));

    public async Task<DigestSendResult> SendAsync(ConversationKey conversation, BotAnswer digest, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _takenCount);
        onTaken();
        _taken.TrySetResult();
        await Task.Delay(answerAfter, cancellationToken);
        return DigestSendResult.Delivered;
    }
}

/// <summary>A platform whose every send takes <c>sendTakes</c> on the test clock, with something else happening meanwhile.</summary>
internal sealed class ClockedSender(FakeTimeProvider time, TimeSpan sendTakes, List<ConversationKey> delivered, Func<Task> meanwhile) : IDigestSender
{
    public ChatChannel Channel => ChatChannel.Teams;

    public async Task<DigestSendResult> SendAsync(ConversationKey conversation, BotAnswer digest, CancellationToken cancellationToken)
    {
        delivered.Add(conversation);
        time.Advance(sendTakes);
        await meanwhile();
        return DigestSendResult.Delivered;
    }
}
