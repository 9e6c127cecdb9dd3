using Microsoft.Extensions.Logging;

namespace SalesCoachBot.Teams;

/// <summary>Teams channel log messages; event ids 4000–4099 are stable.</summary>
internal static partial class TeamsLog
{
    [LoggerMessage(4000, LogLevel.Warning, "Teams channel: Teams:AllowUnauthenticated is ON (Development). Activities without an Authorization header are accepted and replies are sent without a token. Never use this outside local testing.")]
    public static partial void UnauthenticatedModeOn(ILogger logger);

    [LoggerMessage(4001, LogLevel.Information, "Teams channel on for app {AppId} ({AppType}).")]
    public static partial void ChannelOn(ILogger logger, string appId, TeamsAppType appType);

    [LoggerMessage(4002, LogLevel.Warning, "Teams:AppId is set but neither Teams:AppPassword nor Teams:CertificateThumbprint: replies are sent without a token and real connectors will refuse them.")]
    public static partial void NoOutboundCredentials(ILogger logger);

    [LoggerMessage(4003, LogLevel.Warning, "Teams channel: neither Teams:TenantId nor Teams:AllowedTenants is set, so activities from any tenant are served. Production refuses to start like this.")]
    public static partial void AnyTenant(ILogger logger);

    [LoggerMessage(4010, LogLevel.Information, "Teams request refused: {Reason}.")]
    public static partial void AuthRejected(ILogger logger, string reason);

    [LoggerMessage(4011, LogLevel.Error, "Teams: the OpenID metadata could not be read from {MetadataUrl}.")]
    public static partial void MetadataUnavailable(ILogger logger, Uri metadataUrl, Exception exception);

    [LoggerMessage(4012, LogLevel.Information, "Teams: unknown signing key, OpenID metadata refresh requested.")]
    public static partial void SigningKeyRefresh(ILogger logger);

    [LoggerMessage(4013, LogLevel.Information, "Teams activity from tenant {TenantId} refused: this deployment serves other tenants.")]
    public static partial void TenantRejected(ILogger logger, string tenantId);

    [LoggerMessage(4014, LogLevel.Information, "Teams activity from channel {ChannelId} refused: only msteams is served.")]
    public static partial void ChannelRejected(ILogger logger, string channelId);

    [LoggerMessage(4020, LogLevel.Information, "Teams activity rejected as bad request: {Reason}.")]
    public static partial void BadActivity(ILogger logger, string reason);

    [LoggerMessage(4022, LogLevel.Warning, "Teams activity rejected as bad request: a field could not be read during dispatch ({ExceptionType}).")]
    public static partial void UnreadableActivity(ILogger logger, string exceptionType);

    [LoggerMessage(4021, LogLevel.Debug, "Teams activity of type {Type} ignored.")]
    public static partial void IgnoredActivity(ILogger logger, string type);

    [LoggerMessage(4030, LogLevel.Warning, "Teams connector {Method} to conversation {ConversationId} failed with {StatusCode} {ErrorCode}.")]
    public static partial void ConnectorFailed(ILogger logger, string method, string conversationId, int statusCode, string? errorCode);

    [LoggerMessage(4031, LogLevel.Warning, "Teams connector call to untrusted service URL {ServiceUrl} refused.")]
    public static partial void UntrustedServiceUrl(ILogger logger, string serviceUrl);

    [LoggerMessage(4032, LogLevel.Information, "Teams: the bot can no longer write to conversation {ConversationId} (blocked or uninstalled).")]
    public static partial void WritesBlocked(ILogger logger, string conversationId);

    [LoggerMessage(4033, LogLevel.Warning, "Teams proactive message to {Conversation} not sent: no stored conversation reference.")]
    public static partial void NoReference(ILogger logger, string conversation);
}
