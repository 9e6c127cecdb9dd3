namespace SalesCoachBot.Slack.Inbound;

// Only the fields the bot reads. Property names are mapped snake_case by SlackJsonContext.

/// <summary>The outer Events API body: <c>url_verification</c> or <c>event_callback</c>.</summary>
internal sealed record SlackEventEnvelope(
    string? Type,
    string? Challenge,
    string? TeamId,
    string? EnterpriseId,
    bool? IsEnterpriseInstall,
    string? ApiAppId,
    string? EventId,
    long? EventTime,
    SlackEvent? Event,
    IReadOnlyList<SlackAuthorization>? Authorizations);

internal sealed record SlackAuthorization(string? TeamId, string? UserId, bool? IsBot);

/// <summary>An inner event (<c>app_mention</c>, <c>message</c>).</summary>
internal sealed record SlackEvent(
    string? Type,
    string? Subtype,
    string? User,
    string? BotId,
    string? Text,
    string? Channel,
    string? ChannelType,
    string? Ts,
    string? ThreadTs,
    string? Team,
    string? Tab,
    SlackRevokedTokens? Tokens);

/// <summary><c>tokens_revoked</c>: the user ids whose OAuth or bot tokens were revoked.</summary>
internal sealed record SlackRevokedTokens(IReadOnlyList<string>? Oauth, IReadOnlyList<string>? Bot);

/// <summary>A slash command: the form body over HTTP, the envelope payload over Socket Mode (same field names).</summary>
internal sealed record SlashCommand(
    string? Command,
    string? Text,
    string? UserId,
    string? UserName,
    string? TeamId,
    string? ChannelId,
    string? ResponseUrl,
    string? TriggerId,
    string? EnterpriseId);

/// <summary>The <c>payload</c> field of an interactivity request.</summary>
internal sealed record InteractionPayload(
    string? Type,
    InteractionUser? User,
    InteractionTeam? Team,
    InteractionChannel? Channel,
    InteractionContainer? Container,
    InteractionMessage? Message,
    InteractionState? State,
    string? ResponseUrl,
    IReadOnlyList<InteractionAction>? Actions,
    InteractionTeam? Enterprise = null,
    string? TriggerId = null,
    InteractionView? View = null);

/// <summary>The modal of a <c>view_submission</c>: its callback id, what it remembered, and the fields' values.</summary>
internal sealed record InteractionView(string? Id, string? CallbackId, string? PrivateMetadata, InteractionState? State);

internal sealed record InteractionUser(string? Id, string? Username, string? Name, string? TeamId);

internal sealed record InteractionTeam(string? Id);

internal sealed record InteractionChannel(string? Id);

internal sealed record InteractionContainer(string? Type, string? MessageTs, string? ChannelId, bool? IsEphemeral);

internal sealed record InteractionMessage(string? Ts);

internal sealed record InteractionState(IReadOnlyDictionary<string, IReadOnlyDictionary<string, InteractionStateValue>>? Values);

internal sealed record InteractionStateValue(string? Type, string? Value, IReadOnlyList<InteractionOption>? SelectedOptions, string? SelectedDate = null);

internal sealed record InteractionOption(string? Value);

internal sealed record InteractionAction(string? Type, string? ActionId, string? BlockId, string? Value, IReadOnlyList<InteractionOption>? SelectedOptions);
