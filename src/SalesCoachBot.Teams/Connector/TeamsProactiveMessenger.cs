using Microsoft.Extensions.Logging;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Teams.Activities;
using SalesCoachBot.Teams.Auth;
using SalesCoachBot.Teams.Cards;
using SalesCoachBot.Teams.Conversations;

namespace SalesCoachBot.Teams.Connector;

/// <summary>Messages a Teams conversation the bot was not asked in (nudges), from its stored reference.</summary>
internal interface ITeamsProactiveMessenger
{
    Task<ConnectorResult> SendAsync(ConversationKey conversation, BotAnswer answer, CancellationToken cancellationToken);

    /// <summary>Replaces a message the bot sent there earlier (a digest after a snooze).</summary>
    Task<ConnectorResult> UpdateAsync(ConversationKey conversation, string activityId, BotAnswer answer, CancellationToken cancellationToken);
}

internal sealed class TeamsProactiveMessenger(
    IConversationReferenceStore references,
    ITeamsConnector connector,
    ServiceUrlTrust trust,
    AdaptiveCardRenderer renderer,
    ILogger<TeamsProactiveMessenger> logger) : ITeamsProactiveMessenger
{
    public const string NoReference = "NoConversationReference";

    public Task<ConnectorResult> SendAsync(ConversationKey conversation, BotAnswer answer, CancellationToken cancellationToken) =>
        CallAsync(conversation, activityId: null, answer, cancellationToken);

    public Task<ConnectorResult> UpdateAsync(ConversationKey conversation, string activityId, BotAnswer answer, CancellationToken cancellationToken) =>
        CallAsync(conversation, activityId, answer, cancellationToken);

    private async Task<ConnectorResult> CallAsync(ConversationKey conversation, string? activityId, BotAnswer answer, CancellationToken cancellationToken)
    {
        if (await references.GetAsync(conversation, cancellationToken) is not { } reference)
        {
            TeamsLog.NoReference(logger, conversation.ToString());
            return new ConnectorResult(false, 404, ErrorCode: NoReference);
        }

        // References are saved from activities that passed authentication (or, for local
        // development clients, are marked as unauthenticated), so their URL is trusted as such.
        trust.Trust(reference.ServiceUrl, reference.Authenticated);
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            From = new ChannelAccount { Id = reference.BotId, Name = reference.BotName },
            Conversation = new ConversationAccount { Id = reference.ConversationId, ConversationType = reference.ConversationType, TenantId = reference.TenantId },
            Text = answer.Text.Length > 0 ? answer.Text : null,
            TextFormat = answer.Text.Length > 0 ? "plain" : null,
            Attachments = answer.Card is { } card ? [renderer.ToAttachment(card)] : null,
        };
        var result = activityId is null
            ? await connector.SendAsync(reference.ServiceUrl, reference.ConversationId, activity, null, reference.Authenticated, cancellationToken)
            : await connector.UpdateAsync(reference.ServiceUrl, reference.ConversationId, activityId, activity, reference.Authenticated, cancellationToken);
        if (!result.Succeeded && result.ErrorCode == ConnectorResult.MessageWritesBlocked)
        {
            // Blocked or uninstalled: stop trying this conversation.
            await references.RemoveAsync(conversation, cancellationToken);
        }

        return result;
    }
}
