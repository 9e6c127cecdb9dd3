using Microsoft.Extensions.Logging;
using SalesCoachBot.Core.Domain;

namespace SalesCoachBot.Core.Nudges;

internal static partial class NudgeLog
{
    [LoggerMessage(EventId = 7000, Level = LogLevel.Warning, Message = "Nudges: team {Team} has time zone '{TimeZone}', which this system does not know; its digest is skipped until the team's time_zone is fixed (IANA id, e.g. Europe/Berlin)")]
    public static partial void UnknownTimeZone(ILogger logger, string team, string timeZone);

    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "Nudges: team {Team} has {Deals} stalled deals on {LocalDate:yyyy-MM-dd} but no channel bound; a manager can say \"use this channel for {Team} nudges\" in a Teams or Slack channel")]
    public static partial void NoChannelBound(ILogger logger, string team, DateOnly localDate, int deals);

    [LoggerMessage(EventId = 7021, Level = LogLevel.Information, Message = "Nudges: no team has a channel bound for its daily stalled-deal digest yet; a manager binds one by saying \"use this channel for {Team} nudges\" in a Teams or Slack channel")]
    public static partial void NoChannelBoundYet(ILogger logger, string team);

    [LoggerMessage(EventId = 7022, Level = LogLevel.Information, Message = "Nudges: team {Team} has no channel bound on {LocalDate:yyyy-MM-dd} and none of its {Managers} managers has a Slack user id or Teams AAD object id to be told")]
    public static partial void NoManagerReachableNoChannel(ILogger logger, string team, DateOnly localDate, int managers);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Information, Message = "Nudges: team {Team} has no stalled deals on {LocalDate:yyyy-MM-dd}; nothing sent")]
    public static partial void NothingStalled(ILogger logger, string team, DateOnly localDate);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Information, Message = "Nudges: digest of team {Team} for {LocalDate:yyyy-MM-dd} queued: {Deals} stalled deals to {Targets} conversations")]
    public static partial void DigestQueued(ILogger logger, string team, DateOnly localDate, int deals, int targets);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Information, Message = "Nudges: team {Team} already has its digest for {LocalDate:yyyy-MM-dd}; not sent again")]
    public static partial void AlreadyClaimed(ILogger logger, string team, DateOnly localDate);

    [LoggerMessage(EventId = 7010, Level = LogLevel.Information, Message = "Nudges: digest {MessageId} of team {TeamId} for {LocalDate:yyyy-MM-dd} sent to {Conversation} (attempt {Attempt})")]
    public static partial void Sent(ILogger logger, long messageId, long teamId, DateOnly localDate, string conversation, int attempt);

    [LoggerMessage(EventId = 7011, Level = LogLevel.Warning, Message = "Nudges: digest {MessageId} to {Conversation} failed on attempt {Attempt} ({Error}); retrying at {NextAttemptAt:u}")]
    public static partial void WillRetry(ILogger logger, long messageId, string conversation, int attempt, string error, DateTimeOffset nextAttemptAt);

    [LoggerMessage(EventId = 7012, Level = LogLevel.Error, Message = "Nudges: digest {MessageId} of team {TeamId} for {LocalDate:yyyy-MM-dd} to {Conversation} FAILED after {Attempts} attempts: {Error}")]
    public static partial void GaveUp(ILogger logger, long messageId, long teamId, DateOnly localDate, string conversation, int attempts, string error);

    [LoggerMessage(EventId = 7013, Level = LogLevel.Error, Message = "Nudges: digest {MessageId} of team {TeamId} for {LocalDate:yyyy-MM-dd} to {Conversation} cannot be delivered: {Error}. Bind another channel or add the bot back to this one")]
    public static partial void Undeliverable(ILogger logger, long messageId, long teamId, DateOnly localDate, string conversation, string error);

    [LoggerMessage(EventId = 7014, Level = LogLevel.Warning, Message = "Nudges: digest {MessageId} lease was taken over by another dispatcher before it finished; its result was not recorded")]
    public static partial void LeaseLost(ILogger logger, long messageId);

    [LoggerMessage(EventId = 7015, Level = LogLevel.Warning, Message = "Nudges: {Kind} message {MessageId} of team {TeamId} for {LocalDate:yyyy-MM-dd} to {Conversation} was not delivered after {Attempts} attempts: {Error}")]
    public static partial void DirectMessageFailed(ILogger logger, NudgeKind kind, long messageId, long teamId, DateOnly localDate, string conversation, int attempts, string error);

    [LoggerMessage(EventId = 7016, Level = LogLevel.Information, Message = "Nudges: the managers of team {Team} were told about the undelivered digest of {LocalDate:yyyy-MM-dd}: {Managers} managers, {Messages} direct messages queued")]
    public static partial void ManagersNotified(ILogger logger, string team, DateOnly localDate, int managers, int messages);

    [LoggerMessage(EventId = 7017, Level = LogLevel.Warning, Message = "Nudges: the undelivered digest of team {Team} for {LocalDate:yyyy-MM-dd} cannot be reported to a manager: {Managers} managers, none with a Slack user id or Teams AAD object id")]
    public static partial void NoManagerReachable(ILogger logger, string team, DateOnly localDate, int managers);

    [LoggerMessage(EventId = 7018, Level = LogLevel.Information, Message = "Nudges: the managers of team {Team} were already told about a digest problem on {LocalDate:yyyy-MM-dd}; not again today")]
    public static partial void ManagersToldAlready(ILogger logger, string team, DateOnly localDate);

    [LoggerMessage(EventId = 7019, Level = LogLevel.Information, Message = "Nudges: team {Team} on {LocalDate:yyyy-MM-dd}: {Messages} direct messages queued to {Owners} deal owners ({Unreachable} owners have no Slack or Teams id)")]
    public static partial void OwnerDigestsQueued(ILogger logger, string team, DateOnly localDate, int messages, int owners, int unreachable);

    [LoggerMessage(EventId = 7020, Level = LogLevel.Information, Message = "Nudges: conversation {Conversation} bound to team {Team} by person {PersonId}")]
    public static partial void Bound(ILogger logger, string conversation, string team, long personId);

    // 7150+: next step reminders (issue 15), apart from the ids parallel branches add.
    [LoggerMessage(EventId = 7150, Level = LogLevel.Information, Message = "Nudges: next step reminder for deal {DealId} of team {Team}: {Messages} direct messages queued")]
    public static partial void NextStepReminderQueued(ILogger logger, long dealId, string team, int messages);
    [LoggerMessage(EventId = 7030, Level = LogLevel.Information, Message = "Nudges: team {Team}: deal {ExternalId} is due to re-engage ({ReengageOn:yyyy-MM-dd}); {Messages} direct messages queued to its owner")]
    public static partial void ReengageQueued(ILogger logger, string team, string externalId, DateOnly reengageOn, int messages);

    [LoggerMessage(EventId = 7031, Level = LogLevel.Warning, Message = "Nudges: team {Team}: deal {ExternalId} is due to re-engage, but its owner has no Slack or Teams id to message")]
    public static partial void ReengageOwnerUnreachable(ILogger logger, string team, string externalId);
}

/// <summary>Nudge counters (meter <c>SalesCoachBot.Nudges</c>).</summary>
public sealed class NudgeMetrics : IDisposable
{
    public const string MeterName = "SalesCoachBot.Nudges";

    private readonly System.Diagnostics.Metrics.Meter _meter = new(MeterName);
    private readonly System.Diagnostics.Metrics.Counter<long> _sent;
    private readonly System.Diagnostics.Metrics.Counter<long> _retried;
    private readonly System.Diagnostics.Metrics.Counter<long> _failed;

    public NudgeMetrics()
    {
        _sent = _meter.CreateCounter<long>("salescoach.nudges.sent", "{message}", "Digests delivered");
        _retried = _meter.CreateCounter<long>("salescoach.nudges.retried", "{attempt}", "Digest attempts that will be retried");
        _failed = _meter.CreateCounter<long>("salescoach.nudges.failed", "{message}", "Digests given up on");
    }

    public void Sent(ChatChannel channel) => _sent.Add(1, new KeyValuePair<string, object?>("channel", channel.ToString()));

    public void Retried(ChatChannel? channel) => _retried.Add(1, new KeyValuePair<string, object?>("channel", channel?.ToString()));

    public void Failed(ChatChannel? channel) => _failed.Add(1, new KeyValuePair<string, object?>("channel", channel?.ToString()));

    public void Dispose() => _meter.Dispose();
}
