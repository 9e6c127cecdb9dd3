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

    [LoggerMessage(5002, LogLevel.Warning, "Slack request to {Path} refused: workspace {TeamId} is not the configured one")]
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

    [LoggerMessage(5012, LogLevel.Warning, "Slack is configured with an app token only; Socket Mode is not available in this build, so no Slack requests are received")]
    public static partial void SocketModeUnavailable(ILogger logger);
}
