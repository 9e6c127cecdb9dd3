using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;

namespace SalesCoachBot.Core.Nudges;

/// <summary>A conversation bound to a team's daily digest ("use this channel for EMEA nudges").</summary>
public sealed record NudgeTarget(long TeamId, ConversationKey Conversation, long BoundByPersonId, DateTimeOffset BoundAt)
{
    /// <summary>The chat channel the digest goes to; null for a conversation no digest can reach (the command line).</summary>
    public ChatChannel? Channel => NudgeTargets.ChannelOf(Conversation);
}

public static class NudgeTargets
{
    /// <summary>The channel whose sender delivers to the key: Teams or Slack; null for the command line.</summary>
    public static ChatChannel? ChannelOf(ConversationKey key) =>
        key.Channel is ChatChannel.Teams or ChatChannel.Slack ? key.Channel : null;

    /// <summary>The person id a direct-message key names (<c>slack-user:U123</c> → U123), or null for a conversation.</summary>
    public static string? DirectUserOf(ConversationKey key) => key.IsPerson && key.Id.Length > 0 ? key.Id : null;

    /// <summary>Where a person can be messaged directly: Slack when they have a Slack user id, Teams when they have an AAD object id.</summary>
    public static IReadOnlyList<ConversationKey> DirectRoutes(NudgeRecipient person)
    {
        var routes = new List<ConversationKey>(2);
        if (!string.IsNullOrWhiteSpace(person.SlackUserId))
        {
            routes.Add(ConversationKey.SlackUser(person.SlackUserId));
        }

        if (!string.IsNullOrWhiteSpace(person.TeamsAadObjectId))
        {
            routes.Add(ConversationKey.TeamsUser(person.TeamsAadObjectId));
        }

        return routes;
    }
}

/// <summary>A person the nudges may message directly (a team's manager, a deal owner).</summary>
public sealed record NudgeRecipient(long PersonId, string Name, string? SlackUserId, string? TeamsAadObjectId)
{
    /// <summary>The person's own reply language (people.csv <c>language</c>); null when they set none.</summary>
    public string? Language { get; init; }
}

/// <summary>Who gets direct messages: a team's managers, and deal owners by id.</summary>
public interface INudgeRecipients
{
    /// <summary>People with the manager role who belong to the team.</summary>
    Task<IReadOnlyList<NudgeRecipient>> ListManagersAsync(long teamId, CancellationToken cancellationToken);

    Task<IReadOnlyList<NudgeRecipient>> ListPeopleAsync(IReadOnlyCollection<long> personIds, CancellationToken cancellationToken);

    Task<string?> FindTeamNameAsync(long teamId, CancellationToken cancellationToken);

    /// <summary>People with the admin role: they own the process maps and hear when a map change is refused.</summary>
    Task<IReadOnlyList<NudgeRecipient>> ListAdminsAsync(CancellationToken cancellationToken);
}

/// <summary>Which conversations get each team's digest.</summary>
public interface INudgeTargetStore
{
    /// <summary>Binds a conversation to a team; false when it was bound already (nothing changes).</summary>
    Task<bool> BindAsync(long teamId, ConversationKey conversation, long personId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Every binding, or those of one team.</summary>
    Task<IReadOnlyList<NudgeTarget>> ListAsync(long? teamId, CancellationToken cancellationToken);
}

/// <summary>What an outbox row carries; a claim is per team, local date and kind.</summary>
public enum NudgeKind
{
    /// <summary>The team's digest to a bound channel (claimed with the day).</summary>
    Digest,

    /// <summary>One owner's deals as a direct message (<c>Nudges:DirectMessageOwners</c>), under the digest's claim.</summary>
    OwnerDigest,

    /// <summary>"Your team's digest could not be delivered", to the team's managers; claimed once per team and day on its own.</summary>
    ManagerNotice,

    /// <summary>A rep's proposal to close a deal as lost, to its owner (or the team's managers); no claim.</summary>
    CloseProposal,

    /// <summary>"Your next step's date passed", to the deal's owner; once per next step (the deal's reminded mark), no claim.</summary>
    NextStepReminder,

    /// <summary>New content for a digest already sent (after a snooze): updates that message in place; no claim.</summary>
    DigestUpdate,
    /// <summary>A nurtured deal's re-engage date has come: its card to the owner, claimed once per deal and date (<see cref="IReengageStore"/>).</summary>
    Reengage,

    /// <summary>"Your map change was refused", to the admins; no claim, the same notice is not queued twice in a day.</summary>
    MapNotice,

    /// <summary>The CRM refused a change (to the person who made it) or the CRM sync paused (to admins); no claim.</summary>
    CrmNotice,

    /// <summary>A map change completed a deal's exit checklist and advanced it: its card to the owner; no claim (one host moves it).</summary>
    MapAdvance,
}

public enum OutboxStatus
{
    Pending,
    Sent,
    Failed,
}

/// <summary>A digest to deliver to one conversation, written in the same transaction as the day's claim.</summary>
/// <param name="MessageId">For a <see cref="NudgeKind.DigestUpdate"/>: the chat message it rewrites (a Teams activity id, a Slack ts).</param>
public sealed record NewOutboxMessage(long TeamId, DateOnly LocalDate, ConversationKey Conversation, string PayloadJson, NudgeKind Kind = NudgeKind.Digest, string? MessageId = null);

/// <summary>
/// A row of the durable outbox. <c>MessageId</c> is the chat message the row is about: the one a sent digest became
/// (so a later change can update it in place), or the one a <see cref="NudgeKind.DigestUpdate"/> rewrites.
/// </summary>
public sealed record OutboxMessage(
    long Id,
    long TeamId,
    DateOnly LocalDate,
    ConversationKey Conversation,
    string PayloadJson,
    OutboxStatus Status,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset? SentAt,
    NudgeKind Kind = NudgeKind.Digest,
    string? MessageId = null);

/// <summary>How a leased outbox row ends this attempt.</summary>
public abstract record OutboxCompletion
{
    private OutboxCompletion()
    {
    }

    /// <param name="MessageId">The id the chat gave the message (Teams activity id, Slack ts), when it said.</param>
    public sealed record Sent(DateTimeOffset At, string? MessageId = null) : OutboxCompletion;

    /// <summary>Try again at <paramref name="NextAttemptAt"/>; counts as an attempt.</summary>
    public sealed record RetryLater(DateTimeOffset NextAttemptAt, string Error) : OutboxCompletion;

    /// <summary>Give the row back without counting an attempt (the host is stopping).</summary>
    public sealed record Released : OutboxCompletion;

    public sealed record Failed(string Error) : OutboxCompletion;
}

/// <summary>
/// The once-a-day claims and the durable outbox. A claim is one row per team and local date, unique in the
/// database, so two hosts (or a restart) can never both send a team's digest for the same day.
/// </summary>
public interface INudgeOutbox
{
    Task<bool> IsClaimedAsync(long teamId, DateOnly localDate, CancellationToken cancellationToken);

    /// <summary>
    /// Claims (team, local date) and enqueues its messages in one transaction. Returns false and writes
    /// nothing when the day was claimed already, unless <paramref name="force"/> (then the messages are
    /// enqueued anyway and the existing claim is kept).
    /// </summary>
    Task<bool> ClaimAndEnqueueAsync(long teamId, DateOnly localDate, DateTimeOffset at, IReadOnlyList<NewOutboxMessage> messages, bool force, CancellationToken cancellationToken);

    /// <summary>
    /// Claims (team, local date) for the managers' notice and enqueues it in one transaction; false and nothing
    /// written when the team's managers were told already that day (by this host or another).
    /// </summary>
    Task<bool> ClaimNoticeAndEnqueueAsync(long teamId, DateOnly localDate, DateTimeOffset at, IReadOnlyList<NewOutboxMessage> messages, CancellationToken cancellationToken);

    /// <summary>Enqueues one-off direct messages (a proposal to close a deal) that no daily claim covers, due at once.</summary>
    Task EnqueueAsync(IReadOnlyList<NewOutboxMessage> messages, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>
    /// Leases up to <paramref name="max"/> pending rows that are due, for <paramref name="leaseFor"/>. A row is
    /// leased by one owner at a time, across processes; a lease left by a dead process expires.
    /// </summary>
    Task<IReadOnlyList<OutboxMessage>> LeaseDueAsync(string owner, DateTimeOffset now, TimeSpan leaseFor, int max, CancellationToken cancellationToken);

    /// <summary>Ends a lease; false when the lease was no longer this owner's (nothing written).</summary>
    Task<bool> CompleteAsync(long id, string owner, int attempts, OutboxCompletion completion, CancellationToken cancellationToken);

    Task<IReadOnlyList<OutboxMessage>> ListMessagesAsync(long? teamId, CancellationToken cancellationToken);

    /// <summary>
    /// The team's digests (channel and owner) sent since <paramref name="since"/> with a known message id, and the updates
    /// queued or sent for them, oldest first: what <see cref="DigestUpdates"/> rewrites after a deal changes.
    /// </summary>
    Task<IReadOnlyList<OutboxMessage>> ListDigestMessagesAsync(long teamId, DateTimeOffset since, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<OutboxMessage>>([]);
}

/// <summary>
/// A Teams conversation reference as stored for proactive messages. The Teams adapter owns its meaning;
/// here it is opaque JSON plus the columns an operator wants to see.
/// </summary>
public sealed record StoredConversationReference(
    ConversationKey Key,
    string ConversationId,
    string ServiceUrl,
    string? TenantId,
    string? ConversationType,
    string ReferenceJson,
    DateTimeOffset UpdatedAt);

/// <summary>Durable conversation references (Teams proactive messaging), keyed by conversation.</summary>
public interface IConversationReferenceRecords
{
    Task SaveAsync(StoredConversationReference reference, CancellationToken cancellationToken);

    Task<StoredConversationReference?> GetAsync(ConversationKey key, CancellationToken cancellationToken);

    Task<bool> RemoveAsync(ConversationKey key, CancellationToken cancellationToken);

    Task<IReadOnlyList<StoredConversationReference>> ListAsync(CancellationToken cancellationToken);
}

/// <summary>
/// The open deals a digest must look at: every open deal that could be stalled at <c>now</c>, i.e. in its stage since
/// before <paramref name="enteredBefore"/> or inactive since before <paramref name="activeBefore"/> (the shortest stage
/// and idle limits), whatever its next step. A superset: the stall rule decides.
/// </summary>
public interface IStallCandidates
{
    Task<IReadOnlyList<DealView>> ListAsync(
        IReadOnlyCollection<long>? teamIds, DateTimeOffset enteredBefore, DateTimeOffset activeBefore, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>Every open deal through <see cref="IDealStore"/>: correct without a database-side filter (tests, other stores).</summary>
public sealed class OpenDealsAsStallCandidates(IDealStore deals) : IStallCandidates
{
    public Task<IReadOnlyList<DealView>> ListAsync(
        IReadOnlyCollection<long>? teamIds, DateTimeOffset enteredBefore, DateTimeOffset activeBefore, DateTimeOffset now, CancellationToken cancellationToken) =>
        deals.ListOpenAsync(teamIds, cancellationToken);
}

/// <summary>What a channel did with one digest.</summary>
public abstract record DigestSendResult
{
    private DigestSendResult()
    {
    }

    public static readonly DigestSendResult Delivered = new Sent();

    /// <param name="MessageId">The id the chat gave the message (Teams activity id, Slack ts), kept so it can be updated later.</param>
    public sealed record Sent(string? MessageId = null) : DigestSendResult;

    /// <summary>Throttled, a server error or a timeout: worth another attempt (after <paramref name="RetryAfter"/> when the service said).</summary>
    public sealed record Transient(string Error, TimeSpan? RetryAfter = null) : DigestSendResult;

    /// <summary>Will not work by retrying (bot removed from the channel, no reference, channel off).</summary>
    public sealed record Permanent(string Error) : DigestSendResult;
}

/// <summary>Sends a digest to one conversation of one channel (Teams proactive message, Slack chat.postMessage).</summary>
public interface IDigestSender
{
    ChatChannel Channel { get; }

    Task<DigestSendResult> SendAsync(ConversationKey conversation, BotAnswer digest, CancellationToken cancellationToken);

    /// <summary>Replaces the content of a message sent earlier (Teams: update activity; Slack: chat.update).</summary>
    Task<DigestSendResult> UpdateAsync(ConversationKey conversation, string messageId, BotAnswer digest, CancellationToken cancellationToken) =>
        Task.FromResult<DigestSendResult>(new DigestSendResult.Permanent($"{Channel} cannot update a message"));
}

/// <summary>The digest as stored in the outbox: the channel-neutral answer, rendered by each channel at send time.</summary>
public static class DigestPayload
{
    private sealed record Stored(string Text, Card? Card);

    public static string Serialize(BotAnswer answer) =>
        System.Text.Json.JsonSerializer.Serialize(new Stored(answer.Text, answer.Card), ActionPayload.JsonOptions);

    public static BotAnswer Deserialize(string json)
    {
        var stored = System.Text.Json.JsonSerializer.Deserialize<Stored>(json, ActionPayload.JsonOptions)
            ?? throw new InvalidOperationException("An outbox payload was empty.");
        return new BotAnswer(stored.Text, stored.Card);
    }
}
