using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Slack.Workspaces;

namespace SalesCoachBot.Slack.Processing;

/// <summary>Work accepted by an endpoint and done after Slack got its ack.</summary>
internal abstract record SlackWork
{
    /// <summary>
    /// What Slack may deliver again (an event id, a button press's trigger id): the worker claims it before doing the
    /// work, so a redelivery is handled once and the ack itself touches no database. Null: nothing to de-duplicate.
    /// </summary>
    public SlackDelivery? Delivery { get; init; }
}

/// <summary>A delivery's de-duplication key, and for Events API retries what Slack said about the retry (for the log).</summary>
internal sealed record SlackDelivery(string Key, string? RetryNum = null, string? RetryReason = null);

/// <summary>An app mention or a direct message: answer it with chat.postMessage.</summary>
internal sealed record MessageWork(SlackWorkspace Workspace, ChatTurn Turn, string Channel, string? ThreadTs) : SlackWork;

/// <summary>A slash command whose answer was not ready within the ack budget: finish it and use the response_url.</summary>
internal sealed record DeferredCommandWork(Task<BotAnswer> Answer, Uri ResponseUrl, string ResponseType) : SlackWork;

/// <summary>A card button: call the core, then update the card in place or answer beside it.</summary>
internal sealed record InteractionWork(
    SlackWorkspace Workspace,
    ChatTurn Turn,
    string Channel,
    string? MessageTs,
    bool IsEphemeral,
    Uri? ResponseUrl,
    string? TriggerId = null) : SlackWork;

/// <summary>A form modal submitted and answered within the ack: show the answer where the card is (in place).</summary>
internal sealed record FormAnswerWork(
    SlackWorkspace Workspace,
    Task<BotAnswer> Answer,
    string Channel,
    string? MessageTs,
    bool IsEphemeral,
    Uri? ResponseUrl) : SlackWork;

/// <summary>A short ephemeral note on the response_url (a button we cannot use, a refusal).</summary>
internal sealed record NoticeWork(Uri ResponseUrl, string Text) : SlackWork;

/// <summary><c>app_home_opened</c>: publish the person's App Home view.</summary>
internal sealed record HomeOpenedWork(SlackWorkspace Workspace, string UserId) : SlackWork;

/// <summary>
/// A button pressed in App Home: there is no channel and no response_url there, so the answer
/// goes to the person's DM with the bot (conversations.open + chat.postMessage).
/// </summary>
internal sealed record HomeActionWork(SlackWorkspace Workspace, ChatUser User, ActionPayload Payload) : SlackWork;

/// <summary><c>app_uninstalled</c> / <c>tokens_revoked</c>: forget the workspace's installation.</summary>
internal sealed record UninstallWork(SlackWorkspace Workspace, bool EnterpriseInstall, string Reason) : SlackWork;

/// <summary>Helpers for building turns from Slack ids.</summary>
internal static class SlackTurns
{
    public static ConversationKey Conversation(string teamId, string channelId) => ConversationKey.Slack(teamId, channelId);

    /// <summary>The workspace a Slack conversation key names, so proactive posts use that workspace's token.</summary>
    public static SlackWorkspace WorkspaceOf(ConversationKey conversation) =>
        conversation is { Channel: ChatChannel.Slack, Workspace: { Length: > 0 } team } ? SlackWorkspace.Of(team) : SlackWorkspace.Configured;

    public static ChatTurn Action(ChatUser user, ConversationKey conversation, ActionPayload payload, IReadOnlyList<ChecklistItemId> selected) =>
        new(user, conversation, new ActionInput(payload, selected));
}
