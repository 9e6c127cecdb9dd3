using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Nudges;

namespace SalesCoachBot.Core.Tests.Nudges;

/// <summary>Targets, claims and outbox in memory, with the same once-per-day and lease rules as the database.</summary>
internal sealed class InMemoryNudgeStore : INudgeTargetStore, INudgeOutbox
{
    private readonly object _gate = new();
    private readonly List<NudgeTarget> _targets = [];
    private readonly HashSet<(long, DateOnly, NudgeKind)> _claims = [];
    private readonly List<Row> _rows = [];

    private sealed class Row
    {
        public required OutboxMessage Message { get; set; }
        public string? LeaseOwner { get; set; }
        public DateTimeOffset? LeaseUntil { get; set; }
    }

    public Task<bool> BindAsync(long teamId, ConversationKey conversation, long personId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_targets.Any(t => t.TeamId == teamId && t.Conversation == conversation))
            {
                return Task.FromResult(false);
            }

            _targets.Add(new NudgeTarget(teamId, conversation, personId, at));
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<NudgeTarget>> ListAsync(long? teamId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<NudgeTarget>>([.. _targets.Where(t => teamId is null || t.TeamId == teamId)]);
        }
    }

    public Task<bool> IsClaimedAsync(long teamId, DateOnly localDate, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_claims.Contains((teamId, localDate, NudgeKind.Digest)));
        }
    }

    public IReadOnlyList<(long TeamId, DateOnly Date)> Claims
    {
        get
        {
            lock (_gate)
            {
                return [.. _claims.Where(c => c.Item3 == NudgeKind.Digest).Select(c => (c.Item1, c.Item2))];
            }
        }
    }

    public Task<bool> ClaimAndEnqueueAsync(long teamId, DateOnly localDate, DateTimeOffset at, IReadOnlyList<NewOutboxMessage> messages, bool force, CancellationToken cancellationToken) =>
        Claim(teamId, localDate, NudgeKind.Digest, at, messages, force);

    public Task<bool> ClaimNoticeAndEnqueueAsync(long teamId, DateOnly localDate, DateTimeOffset at, IReadOnlyList<NewOutboxMessage> messages, CancellationToken cancellationToken) =>
        Claim(teamId, localDate, NudgeKind.ManagerNotice, at, messages, force: false);

    private Task<bool> Claim(long teamId, DateOnly localDate, NudgeKind kind, DateTimeOffset at, IReadOnlyList<NewOutboxMessage> messages, bool force)
    {
        lock (_gate)
        {
            if (!_claims.Add((teamId, localDate, kind)) && !force)
            {
                return Task.FromResult(false);
            }

            Add(messages, at);
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<OutboxMessage>> ListDigestMessagesAsync(long teamId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<OutboxMessage>>([.. _rows.Select(r => r.Message)
                .Where(m => m.TeamId == teamId && m.MessageId is not null && m.CreatedAt >= since
                    && m.Kind is NudgeKind.Digest or NudgeKind.OwnerDigest or NudgeKind.DigestUpdate)
                .OrderBy(m => m.Id)]);
        }
    }

    public Task EnqueueAsync(IReadOnlyList<NewOutboxMessage> messages, DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Add(messages, at);
            return Task.CompletedTask;
        }
    }

    private void Add(IReadOnlyList<NewOutboxMessage> messages, DateTimeOffset at)
    {
        foreach (var m in messages)
        {
            _rows.Add(new Row
            {
                Message = new OutboxMessage(_rows.Count + 1, m.TeamId, m.LocalDate, m.Conversation, m.PayloadJson, OutboxStatus.Pending, 0, at, null, at, null, m.Kind, m.MessageId),
            });
        }
    }

    public Task<IReadOnlyList<OutboxMessage>> LeaseDueAsync(string owner, DateTimeOffset now, TimeSpan leaseFor, int max, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var due = _rows
                .Where(r => r.Message.Status == OutboxStatus.Pending && r.Message.NextAttemptAt <= now && (r.LeaseUntil is null || r.LeaseUntil <= now))
                .OrderBy(r => r.Message.NextAttemptAt).ThenBy(r => r.Message.Id)
                .Take(max)
                .ToList();
            foreach (var r in due)
            {
                r.LeaseOwner = owner;
                r.LeaseUntil = now + leaseFor;
            }

            return Task.FromResult<IReadOnlyList<OutboxMessage>>([.. due.Select(r => r.Message)]);
        }
    }

    public Task<bool> CompleteAsync(long id, string owner, int attempts, OutboxCompletion completion, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var row = _rows.Single(r => r.Message.Id == id);
            if (row.LeaseOwner != owner || row.Message.Status != OutboxStatus.Pending)
            {
                return Task.FromResult(false);
            }

            row.LeaseOwner = null;
            row.LeaseUntil = null;
            row.Message = completion switch
            {
                OutboxCompletion.Sent s => row.Message with { Status = OutboxStatus.Sent, SentAt = s.At, Attempts = attempts, LastError = null, MessageId = s.MessageId ?? row.Message.MessageId },
                OutboxCompletion.RetryLater r => row.Message with { Attempts = attempts, NextAttemptAt = r.NextAttemptAt, LastError = r.Error },
                OutboxCompletion.Failed f => row.Message with { Status = OutboxStatus.Failed, Attempts = attempts, LastError = f.Error },
                _ => row.Message,
            };
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<OutboxMessage>> ListMessagesAsync(long? teamId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<OutboxMessage>>([.. _rows.Select(r => r.Message).Where(m => teamId is null || m.TeamId == teamId)]);
        }
    }
}

/// <summary>
/// A fake Teams connector / Slack API at the sender boundary: records every digest that got through and fails
/// on demand, from a script or a seeded random pattern (so a failing run can be repeated exactly).
/// </summary>
internal sealed class FlakySender(ChatChannel channel, Func<int, ConversationKey, DigestSendResult?>? failure = null) : IDigestSender
{
    private readonly object _gate = new();
    private readonly List<(ConversationKey Conversation, BotAnswer Digest)> _delivered = [];
    private int _calls;

    public ChatChannel Channel => channel;

    /// <summary>Called after a successful send (e.g. to stop the host right there).</summary>
    public Action<int>? AfterDelivery { get; set; }

    public int Calls => _calls;

    public IReadOnlyList<(ConversationKey Conversation, BotAnswer Digest)> Delivered
    {
        get
        {
            lock (_gate)
            {
                return [.. _delivered];
            }
        }
    }

    public Task<DigestSendResult> SendAsync(ConversationKey conversation, BotAnswer digest, CancellationToken cancellationToken)
    {
        var call = Interlocked.Increment(ref _calls);
        if (failure?.Invoke(call, conversation) is { } failed)
        {
            return Task.FromResult(failed);
        }

        int count;
        lock (_gate)
        {
            _delivered.Add((conversation, digest));
            count = _delivered.Count;
        }

        AfterDelivery?.Invoke(count);
        return Task.FromResult(DigestSendResult.Delivered);
    }

    /// <summary>Half the calls fail, in a pattern fixed by <paramref name="seed"/>: 429 with Retry-After, 500, or a timeout.</summary>
    public static Func<int, ConversationKey, DigestSendResult?> SeededFailures(int seed, double rate = 0.5)
    {
        var random = new Random(seed);
        var gate = new object();
        return (_, _) =>
        {
            lock (gate)
            {
                if (random.NextDouble() >= rate)
                {
                    return null;
                }

                return random.Next(3) switch
                {
                    0 => new DigestSendResult.Transient("HTTP 429", TimeSpan.FromSeconds(random.Next(1, 120))),
                    1 => new DigestSendResult.Transient("HTTP 500"),
                    _ => new DigestSendResult.Transient("timeout"),
                };
            }
        };
    }
}

/// <summary>Managers and owners with their chat ids, and team names.</summary>
internal sealed class InMemoryRecipients : INudgeRecipients
{
    private readonly List<(long TeamId, NudgeRecipient Person)> _managers = [];
    private readonly Dictionary<long, NudgeRecipient> _people = [];
    private readonly Dictionary<long, string> _teams = [];

    public InMemoryRecipients Team(long id, string name)
    {
        _teams[id] = name;
        return this;
    }

    public InMemoryRecipients Manager(long teamId, NudgeRecipient person)
    {
        _managers.Add((teamId, person));
        _people[person.PersonId] = person;
        return this;
    }

    public InMemoryRecipients Person(NudgeRecipient person)
    {
        _people[person.PersonId] = person;
        return this;
    }

    public List<NudgeRecipient> Admins { get; } = [];

    public Task<IReadOnlyList<NudgeRecipient>> ListAdminsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<NudgeRecipient>>([.. Admins]);

    public Task<IReadOnlyList<NudgeRecipient>> ListManagersAsync(long teamId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<NudgeRecipient>>([.. _managers.Where(m => m.TeamId == teamId).Select(m => m.Person)]);

    public Task<IReadOnlyList<NudgeRecipient>> ListPeopleAsync(IReadOnlyCollection<long> personIds, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<NudgeRecipient>>([.. personIds.Where(_people.ContainsKey).Select(id => _people[id])]);

    public Task<string?> FindTeamNameAsync(long teamId, CancellationToken cancellationToken) =>
        Task.FromResult(_teams.TryGetValue(teamId, out var name) ? name : null);
}

internal static class NudgeTestSetup
{
    public static IOptions<NudgeOptions> Options(Action<NudgeOptions>? configure = null)
    {
        var options = new NudgeOptions();
        configure?.Invoke(options);
        return Microsoft.Extensions.Options.Options.Create(options);
    }

    public static OutboxDispatcher Dispatcher(INudgeOutbox outbox, TimeProvider time, IOptions<NudgeOptions> options, params IDigestSender[] senders) =>
        Dispatcher(outbox, new InMemoryRecipients(), time, options, senders);

    public static OutboxDispatcher Dispatcher(INudgeOutbox outbox, INudgeRecipients recipients, TimeProvider time, IOptions<NudgeOptions> options, params IDigestSender[] senders) =>
        new(outbox, senders, time, options, new NudgeBackoff(new Random(7)), new NudgeMetrics(), Notifier(outbox, recipients, time), NullLogger<OutboxDispatcher>.Instance);

    public static ManagerNotifier Notifier(INudgeOutbox outbox, INudgeRecipients recipients, TimeProvider time) =>
        new(outbox, recipients, time, NullLogger<ManagerNotifier>.Instance);
}

/// <summary>Nurtured deals from the in-memory stores and the once-per-deal-and-date claims, enqueuing into the in-memory outbox.</summary>
internal sealed class InMemoryReengageStore(InMemoryStores stores, INudgeOutbox outbox) : IReengageStore
{
    private readonly HashSet<(DealId Deal, DateOnly Date)> _claims = [];

    public IReadOnlyCollection<(DealId Deal, DateOnly Date)> Claims => _claims;

    public async Task<IReadOnlyList<DealView>> ListDueAsync(IReadOnlyCollection<long>? teamIds, DateTimeOffset dueBefore, CancellationToken cancellationToken)
    {
        var due = new List<DealView>();
        foreach (var deal in stores.Deals.Where(d => d.Status == DealStatus.Nurture && d.ReengageAt < dueBefore && (teamIds is null || teamIds.Contains(d.TeamId))))
        {
            due.Add((await stores.GetAsync(deal.Id, cancellationToken))!);
        }

        return due;
    }

    public async Task<bool> ClaimAndEnqueueAsync(DealId deal, DateOnly reengageDate, DateTimeOffset at, IReadOnlyList<NewOutboxMessage> messages, CancellationToken cancellationToken)
    {
        lock (_claims)
        {
            if (!_claims.Add((deal, reengageDate)))
            {
                return false;
            }
        }

        await outbox.EnqueueAsync(messages, at, cancellationToken);
        return true;
    }
}
