using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Nudges;
using SalesCoachBot.Teams.Connector;
using SalesCoachBot.Teams.Conversations;

namespace SalesCoachBot.Teams.Nudges;

/// <summary>
/// Sends a digest to a Teams channel as a proactive message from its stored conversation reference. The
/// connector already retries 429/412/502/504 briefly (honouring Retry-After); whatever still fails is
/// classified here for the outbox: transient (retry later) or permanent (bot removed, blocked, no reference).
/// A direct message to a person (<c>teams-user:AAD</c>) goes to the personal conversation stored when they last
/// talked to the bot; without one it cannot be sent (Teams needs the user to have installed the app).
/// </summary>
// The messenger is registered only when the Teams channel is on, hence optional.
internal sealed class TeamsDigestSender(IConversationReferenceStore references, ITeamsProactiveMessenger? messenger = null) : IDigestSender
{
    public ChatChannel Channel => ChatChannel.Teams;

    public Task<DigestSendResult> SendAsync(ConversationKey conversation, BotAnswer digest, CancellationToken cancellationToken) =>
        CallAsync(conversation, activityId: null, digest, cancellationToken);

    /// <summary>A digest after a snooze: the same conversation (a person's, resolved the same way), the activity it became.</summary>
    public Task<DigestSendResult> UpdateAsync(ConversationKey conversation, string messageId, BotAnswer digest, CancellationToken cancellationToken) =>
        CallAsync(conversation, messageId, digest, cancellationToken);

    private async Task<DigestSendResult> CallAsync(ConversationKey conversation, string? activityId, BotAnswer digest, CancellationToken cancellationToken)
    {
        if (messenger is null)
        {
            return new DigestSendResult.Permanent("the Teams channel is off (Teams:AppId not set)");
        }

        ConnectorResult result;
        try
        {
            if (NudgeTargets.DirectUserOf(conversation) is { } aadObjectId)
            {
                if (await PersonalConversationAsync(aadObjectId, cancellationToken) is not { } personal)
                {
                    return new DigestSendResult.Permanent("no personal Teams conversation with this person is stored (they have not talked to the bot in Teams yet)");
                }

                conversation = personal;
            }

            result = activityId is null
                ? await messenger.SendAsync(conversation, digest, cancellationToken)
                : await messenger.UpdateAsync(conversation, activityId, digest, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            return new DigestSendResult.Transient($"connection failed ({e.HttpRequestError})");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new DigestSendResult.Transient("timeout");
        }

        return Classify(result);
    }

    /// <summary>The newest stored one-to-one conversation with the user, or null.</summary>
    private async Task<ConversationKey?> PersonalConversationAsync(string aadObjectId, CancellationToken cancellationToken)
    {
        return (await references.ListAsync(cancellationToken))
            .Where(r => string.Equals(r.ConversationType, "personal", StringComparison.OrdinalIgnoreCase)
                && string.Equals(r.UserAadObjectId, aadObjectId, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(r => r.UpdatedAt)
            .Select(r => (ConversationKey?)r.Key)
            .FirstOrDefault();
    }

    internal static DigestSendResult Classify(ConnectorResult result) => result switch
    {
        { Succeeded: true } => new DigestSendResult.Sent(result.ActivityId),
        { ErrorCode: TeamsProactiveMessenger.NoReference } =>
            new DigestSendResult.Permanent("no conversation reference stored for this channel (add the bot to it again)"),
        { ErrorCode: ConnectorResult.UntrustedServiceUrl } => new DigestSendResult.Permanent("the stored service URL is not trusted"),
        { StatusCode: (int)HttpStatusCode.Forbidden } =>
            new DigestSendResult.Permanent($"403 {result.ErrorCode ?? "Forbidden"}: the bot was removed from the channel or blocked"),
        { StatusCode: (int)HttpStatusCode.NotFound } => new DigestSendResult.Permanent($"404 {result.ErrorCode ?? "NotFound"}: the conversation is gone"),
        { StatusCode: 429 or 412 or >= 500 } => new DigestSendResult.Transient($"HTTP {result.StatusCode} {result.ErrorCode}".TrimEnd(), result.RetryAfter),
        _ => new DigestSendResult.Permanent($"HTTP {result.StatusCode} {result.ErrorCode}".TrimEnd()),
    };
}
