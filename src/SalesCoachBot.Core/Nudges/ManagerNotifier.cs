using System.Globalization;
using Microsoft.Extensions.Logging;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;

namespace SalesCoachBot.Core.Nudges;

/// <summary>Why a team's digest did not reach its channel, as the managers are told.</summary>
public abstract record DigestProblem
{
    private DigestProblem()
    {
    }

    /// <summary>Deals are stalled but no conversation is bound to the team.</summary>
    public sealed record NoChannelBound(int StalledDeals) : DigestProblem;

    /// <summary>The channel refused for good (bot removed or blocked, no stored reference, channel archived).</summary>
    public sealed record Undeliverable(ConversationKey Conversation, string Error) : DigestProblem;

    /// <summary>Transient failures until the retry limit.</summary>
    public sealed record GaveUp(ConversationKey Conversation, string Error, int Attempts) : DigestProblem;

    /// <summary>The team's time zone is not a known IANA id.</summary>
    public sealed record UnknownTimeZone(string TimeZone) : DigestProblem;
}

/// <summary>
/// Tells a team's managers, by direct message, that the team's digest could not be delivered. Once per team and
/// local day across hosts (its own claim in the outbox), sent through the same outbox and senders as digests.
/// A manager is reached on Slack through their Slack user id and on Teams through their stored personal
/// conversation; a team whose managers cannot be reached gets the log line only.
/// </summary>
public sealed class ManagerNotifier(
    INudgeOutbox outbox,
    INudgeRecipients recipients,
    TimeProvider time,
    ILogger<ManagerNotifier> logger)
{
    /// <summary>Queues the notice; false when the team's managers were told already that day.</summary>
    public async Task<bool> NotifyAsync(long teamId, DateOnly localDate, DigestProblem problem, CancellationToken cancellationToken)
    {
        var team = await recipients.FindTeamNameAsync(teamId, cancellationToken) ?? $"team {teamId}";
        var managers = await recipients.ListManagersAsync(teamId, cancellationToken);
        var payload = DigestPayload.Serialize(new BotAnswer(Text(team, localDate, problem)));
        List<NewOutboxMessage> messages =
        [
            .. managers
                .SelectMany(NudgeTargets.DirectRoutes)
                .Distinct()
                .Select(route => new NewOutboxMessage(teamId, localDate, route, payload, NudgeKind.ManagerNotice)),
        ];

        if (!await outbox.ClaimNoticeAndEnqueueAsync(teamId, localDate, time.GetUtcNow(), messages, cancellationToken))
        {
            NudgeLog.ManagersToldAlready(logger, team, localDate);
            return false;
        }

        if (messages.Count == 0 && problem is DigestProblem.NoChannelBound)
        {
            // Before any channel is bound (a fresh install) this is the normal state, not a fault.
            NudgeLog.NoManagerReachableNoChannel(logger, team, localDate, managers.Count);
        }
        else if (messages.Count == 0)
        {
            NudgeLog.NoManagerReachable(logger, team, localDate, managers.Count);
        }
        else
        {
            NudgeLog.ManagersNotified(logger, team, localDate, managers.Count, messages.Count);
        }

        return true;
    }

    /// <summary>Plain text: it goes to a one-to-one chat and must stand on its own.</summary>
    public static string Text(string team, DateOnly localDate, DigestProblem problem)
    {
        var day = localDate.ToString("dddd d MMMM", CultureInfo.InvariantCulture);
        var bind = $"say \"use this channel for {team} nudges\" in the Teams or Slack channel that should get it";
        return problem switch
        {
            DigestProblem.NoChannelBound p =>
                $"The {team} stalled-deal digest for {day} was not sent: {Deals(p.StalledDeals)} stalled, but no channel is bound to {team}. To fix it, {bind}.",
            DigestProblem.Undeliverable p =>
                $"The {team} stalled-deal digest for {day} could not be delivered to {p.Conversation}: {p.Error}. Add the bot back to that channel, or {bind}.",
            DigestProblem.GaveUp p =>
                $"The {team} stalled-deal digest for {day} could not be delivered to {p.Conversation} after {p.Attempts} attempts ({p.Error}). It is not retried today; tomorrow's digest is sent as usual.",
            DigestProblem.UnknownTimeZone p =>
                $"The {team} stalled-deal digest is not sent: the team's time zone '{p.TimeZone}' is not a known IANA id (e.g. Europe/Berlin). Fix time_zone in the teams CSV and import it again.",
            _ => throw new InvalidOperationException($"Unknown digest problem {problem.GetType().Name}."),
        };
    }

    private static string Deals(int count) => count == 1 ? "1 deal is" : $"{count} deals are";
}
