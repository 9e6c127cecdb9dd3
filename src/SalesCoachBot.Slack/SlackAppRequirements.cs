namespace SalesCoachBot.Slack;

/// <summary>Event type names as they arrive in <c>event.type</c>.</summary>
internal static class SlackEventTypes
{
    public const string AppMention = "app_mention";
    public const string Message = "message";
    public const string AppHomeOpened = "app_home_opened";
    public const string AppUninstalled = "app_uninstalled";
    public const string TokensRevoked = "tokens_revoked";
}

/// <summary>
/// The one list of what the code needs from the Slack app configuration. <c>manifest/slack/manifest.yaml</c> must
/// declare every entry (a test checks it), and the install URL asks for exactly <see cref="BotScopes"/>.
/// </summary>
internal static class SlackAppRequirements
{
    /// <summary>Bot token scopes, each with the code that needs it.</summary>
    public static readonly IReadOnlyDictionary<string, string> BotScopes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["commands"] = "the /coach slash command",
        ["chat:write"] = "chat.postMessage, chat.update, chat.postEphemeral",
        ["app_mentions:read"] = "the app_mention event",
        ["im:history"] = "the message.im event (direct messages)",
        ["im:write"] = "conversations.open (App Home buttons answer in the DM)",
        ["users:read"] = "users.info",
        ["users:read.email"] = "the email behind a Slack user (users.info, users.lookupByEmail)",
        ["files:write"] = "files.getUploadURLExternal, files.completeUploadExternal (charts without a public URL)",
    };

    /// <summary>Bot event subscriptions (the names the manifest uses).</summary>
    public static readonly IReadOnlyList<string> BotEvents =
    [
        SlackEventTypes.AppMention,
        "message.im",
        SlackEventTypes.AppHomeOpened,
        SlackEventTypes.AppUninstalled,
        SlackEventTypes.TokensRevoked,
    ];

    public const string SlashCommand = "/coach";
}
