using System.Globalization;
using Microsoft.Extensions.Logging;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Localization;

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
    ILogger<ManagerNotifier> logger,
    LanguageChoice? languages = null,
    ReplyTexts? texts = null)
{
    private readonly LanguageChoice _languages = languages ?? new LanguageChoice(Microsoft.Extensions.Options.Options.Create(new LanguageOptions()));
    private readonly ReplyTexts _texts = texts ?? ReplyTexts.Shared;

    /// <summary>Queues the notice; false when the team's managers were told already that day.</summary>
    public async Task<bool> NotifyAsync(long teamId, DateOnly localDate, DigestProblem problem, CancellationToken cancellationToken)
    {
        var team = await recipients.FindTeamNameAsync(teamId, cancellationToken) ?? $"team {teamId}";
        var managers = await recipients.ListManagersAsync(teamId, cancellationToken);
        // Each manager reads the notice in their own language.
        List<NewOutboxMessage> messages =
        [
            .. managers
                .SelectMany(m => NudgeTargets.DirectRoutes(m).Select(route => (Route: route, m.Language)))
                .DistinctBy(r => r.Route)
                .Select(r => new NewOutboxMessage(teamId, localDate, r.Route,
                    DigestPayload.Serialize(new BotAnswer(Text(team, localDate, problem, _texts.In(_languages.For(r.Language, null, []))))), NudgeKind.ManagerNotice)),
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
    public static string Text(string team, DateOnly localDate, DigestProblem problem, Phrases? say = null)
    {
        say ??= Phrases.English;
        var day = say.Language.IsRightToLeft ? localDate.ToString("dddd d MMMM", say.Language.Culture) : localDate.ToString("dddd d MMMM", CultureInfo.InvariantCulture);
        var bind = say.Nudges("Notice.Bind", say.Nudges("Example.Bind", team));
        return problem switch
        {
            DigestProblem.NoChannelBound p => say.Nudges("Notice.NoChannel", team, day, say.Count(Phrases.Area.Nudges, "Notice.Deals", p.StalledDeals), bind),
            DigestProblem.Undeliverable p => say.Nudges("Notice.Undeliverable", team, day, p.Conversation.ToString(), p.Error, bind),
            DigestProblem.GaveUp p => say.Nudges("Notice.GaveUp", team, day, p.Conversation.ToString(), p.Attempts, p.Error),
            DigestProblem.UnknownTimeZone p => say.Nudges("Notice.UnknownZone", team, p.TimeZone),
            _ => throw new InvalidOperationException($"Unknown digest problem {problem.GetType().Name}."),
        };
    }
}
