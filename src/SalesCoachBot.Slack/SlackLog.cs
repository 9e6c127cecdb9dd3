using Microsoft.Extensions.Logging;
using SalesCoachBot.Slack.Verification;

namespace SalesCoachBot.Slack;

/// <summary>Slack channel log messages (event ids 5000–5099). Never tokens, secrets or whole payloads.</summary>
internal static partial class SlackLog
{
    [LoggerMessage(5000, LogLevel.Information, "Slack channel on: HTTP endpoints {HttpEnabled}, bot token {HasBotToken}, workspace {TeamId}")]
    public static partial void ChannelOn(ILogger logger, bool httpEnabled, bool hasBotToken, string? teamId);

    [LoggerMessage(5001, LogLevel.Warning, "Slack request to {Path} rejected: {Reason}")]
    public static partial void RequestRejected(ILogger logger, string path, SignatureCheck reason);

    [LoggerMessage(5002, LogLevel.Warning, "Slack request to {Path} refused: workspace {TeamId} is not served (not an allowed workspace, or not installed)")]
    public static partial void ForeignWorkspace(ILogger logger, string path, string? teamId);

    [LoggerMessage(5003, LogLevel.Information, "Slack event {EventId} already handled (retry {RetryNum}, {RetryReason})")]
    public static partial void DuplicateEvent(ILogger logger, string eventId, string? retryNum, string? retryReason);

    [LoggerMessage(5004, LogLevel.Debug, "Slack event {EventType} ignored")]
    public static partial void EventIgnored(ILogger logger, string? eventType);

    [LoggerMessage(5005, LogLevel.Warning, "Slack Web API {Method} failed: {Error}")]
    public static partial void ApiFailed(ILogger logger, string method, string error);

    [LoggerMessage(5006, LogLevel.Information, "Slack Web API {Method} answered {Status}; retrying in {Delay}")]
    public static partial void ApiRetry(ILogger logger, string method, int status, TimeSpan delay);

    [LoggerMessage(5007, LogLevel.Information, "Slash command answered through response_url after {Budget}")]
    public static partial void CommandDeferred(ILogger logger, TimeSpan budget);

    [LoggerMessage(5008, LogLevel.Information, "Slack interaction {Type} / {ActionId} ignored: {Reason}")]
    public static partial void InteractionIgnored(ILogger logger, string? type, string? actionId, string reason);

    [LoggerMessage(5009, LogLevel.Error, "Slack background work failed")]
    public static partial void WorkFailed(ILogger logger, Exception exception);

    [LoggerMessage(5010, LogLevel.Warning, "Slack has no bot token configured; cannot {What}")]
    public static partial void NoBotToken(ILogger logger, string what);

    [LoggerMessage(5011, LogLevel.Warning, "Slack request to {Path} malformed: {Reason}")]
    public static partial void Malformed(ILogger logger, string path, string reason);

    [LoggerMessage(5012, LogLevel.Information, "Slack HTTP endpoints off (no signing secret); requests arrive over Socket Mode only")]
    public static partial void HttpOff(ILogger logger);

    [LoggerMessage(5013, LogLevel.Warning, "Slack: could not answer an App Home button in the DM: {Error}")]
    public static partial void HomeActionFailed(ILogger logger, string error);

    [LoggerMessage(5014, LogLevel.Warning, "Slack App Home not published: {Error}")]
    public static partial void HomePublishFailed(ILogger logger, string error);

    [LoggerMessage(5015, LogLevel.Warning, "Slack delivery {Key} could not be claimed ({Reason}); handled without de-duplication")]
    public static partial void DeliveryNotClaimed(ILogger logger, string key, string reason);

    [LoggerMessage(5019, LogLevel.Information, "Slack users.info took longer than {Budget}: answered without the person's email and locale; the lookup goes on for their next message")]
    public static partial void UserLookupSlow(ILogger logger, TimeSpan budget);

    [LoggerMessage(5020, LogLevel.Information, "Slack Socket Mode starting")]
    public static partial void SocketModeStarting(ILogger logger);

    [LoggerMessage(5021, LogLevel.Information, "Slack Socket Mode connection #{Connection} ready")]
    public static partial void SocketModeConnected(ILogger logger, int connection);

    [LoggerMessage(5022, LogLevel.Information, "Slack Socket Mode connection #{Connection} to be replaced: {Reason}")]
    public static partial void SocketModeReconnecting(ILogger logger, int connection, string reason);

    [LoggerMessage(5023, LogLevel.Information, "Slack Socket Mode connection #{Connection} closed")]
    public static partial void SocketModeClosed(ILogger logger, int connection);

    [LoggerMessage(5024, LogLevel.Warning, "Slack Socket Mode connect failed ({Reason})")]
    public static partial void SocketModeConnectFailed(ILogger logger, string reason);

    [LoggerMessage(5025, LogLevel.Warning, "Slack Socket Mode: attempt {Failures} failed; next try in {Delay}")]
    public static partial void SocketModeRetry(ILogger logger, int failures, TimeSpan delay);

    [LoggerMessage(5026, LogLevel.Critical, "Slack Socket Mode stopped: {Error}. Check Slack:AppToken (an xapp- token with connections:write) and that Socket Mode is on for the app; restart after fixing")]
    public static partial void SocketModeFatal(ILogger logger, string error);

    [LoggerMessage(5027, LogLevel.Warning, "Slack Socket Mode connection #{Connection}: message skipped ({Reason}); connection stays up")]
    public static partial void SocketModeSkipped(ILogger logger, int connection, string reason);

    [LoggerMessage(5028, LogLevel.Information, "Slack Socket Mode envelope {EnvelopeId} redelivered (retry {RetryAttempt}); acked again, not handled twice")]
    public static partial void SocketModeRedelivery(ILogger logger, string envelopeId, int retryAttempt);

    [LoggerMessage(5029, LogLevel.Information, "Slack Socket Mode: disconnect requested on #{Connection} ({Reason})")]
    public static partial void SocketModeDisconnectRequested(ILogger logger, int connection, string reason);

    [LoggerMessage(5030, LogLevel.Warning, "Slack Socket Mode: ack for {EnvelopeId} not sent, connection #{Connection} already closed (Slack redelivers it)")]
    public static partial void SocketModeAckLost(ILogger logger, string envelopeId, int connection);

    [LoggerMessage(5040, LogLevel.Information, "Slack installed in {Workspace} (enterprise install {Enterprise})")]
    public static partial void Installed(ILogger logger, string workspace, bool enterprise);

    [LoggerMessage(5041, LogLevel.Warning, "Slack install refused: {Reason}")]
    public static partial void InstallRefused(ILogger logger, string reason);

    [LoggerMessage(5042, LogLevel.Information, "Slack installation of {Workspace} removed ({Reason})")]
    public static partial void Uninstalled(ILogger logger, string workspace, string reason);

    [LoggerMessage(5043, LogLevel.Information, "Slack bot token of {Workspace} refreshed (expires {ExpiresAt:u})")]
    public static partial void TokenRefreshed(ILogger logger, string workspace, DateTimeOffset expiresAt);

    [LoggerMessage(5044, LogLevel.Warning, "Slack bot token of {Workspace} could not be refreshed: {Error}")]
    public static partial void TokenRefreshFailed(ILogger logger, string workspace, string error);

    [LoggerMessage(5045, LogLevel.Warning, "Slack: the chart could not be shared as a file: {Error}")]
    public static partial void ChartUploadFailed(ILogger logger, string error);

    [LoggerMessage(5046, LogLevel.Information, "Slack serves workspace {TeamId} only, the workspace of Slack:BotToken (no Slack:AllowedTeamIds set)")]
    public static partial void HomeWorkspace(ILogger logger, string teamId);

    [LoggerMessage(5047, LogLevel.Warning, "Slack: auth.test for Slack:BotToken failed ({Error}), so the workspace to serve is unknown; requests are refused until it answers. Set Slack:AllowedTeamIds to name it")]
    public static partial void HomeWorkspaceUnknown(ILogger logger, string error);

    [LoggerMessage(5048, LogLevel.Warning, "Slack: the Data Protection keys that encrypt installed bot tokens are stored unencrypted ({Where}); whoever reads them can decrypt the tokens. Set Slack:KeyRing:CertificatePath (or CertificateThumbprint) and keep keys and installations apart (docs/slack.md)")]
    public static partial void KeyRingUnprotected(ILogger logger, string where);

    [LoggerMessage(5049, LogLevel.Warning, "Slack: no Slack:AllowedTeamIds and no Slack:BotToken, so requests from every workspace the app is in are served. Set Slack:AllowedTeamIds (docs/slack.md)")]
    public static partial void NoWorkspaceList(ILogger logger);

    // 5150+: forms (issue 15); ids far from the others so parallel branches do not collide.
    [LoggerMessage(5150, LogLevel.Warning, "Slack: a form modal could not be opened ({Error}); the form was answered as a message instead")]
    public static partial void ModalNotOpened(ILogger logger, string error);

    [LoggerMessage(5151, LogLevel.Information, "Slack: view_submission ignored: {Reason}")]
    public static partial void ViewSubmissionIgnored(ILogger logger, string reason);

    [LoggerMessage(5152, LogLevel.Information, "Slack: {Count} installation file(s) from {Folder} moved into the database (the files are renamed *.imported)")]
    public static partial void InstallationFilesImported(ILogger logger, int count, string folder);

    [LoggerMessage(5153, LogLevel.Warning, "Slack: installation file {File} does not decrypt with this host's keys; left where it is")]
    public static partial void InstallationFileUnreadable(ILogger logger, string file);
}
