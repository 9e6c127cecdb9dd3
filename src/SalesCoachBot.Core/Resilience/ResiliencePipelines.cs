namespace SalesCoachBot.Core.Resilience;

/// <summary>
/// The names of the bot's retry pipelines (Polly v8). Each is registered once, by the project that owns what it
/// guards, and every retry in the bot runs on one of them; no store or client loops on its own.
/// </summary>
/// <remarks>
/// HTTP clients get theirs with <c>AddResilienceHandler</c>; the others with <c>AddResiliencePipeline</c>, and their
/// users take them from <c>ResiliencePipelineProvider&lt;string&gt;</c>. Polly logs each retry under the name
/// (category <c>Polly</c>, Warning).
/// </remarks>
public static class ResiliencePipelines
{
    /// <summary>Bot Connector calls: 429, 412, 502 and 504 with exponential backoff, jitter and Retry-After (SalesCoachBot.Teams).</summary>
    public const string TeamsConnector = "teams-connector";

    /// <summary>
    /// Slack Web API and <c>response_url</c> calls: 429 waits out its Retry-After (none, or longer than
    /// <c>Slack:MaxRetryAfter</c>: fails); 5xx and connection failures back off exponentially; one timeout per
    /// attempt (SalesCoachBot.Slack).
    /// </summary>
    public const string SlackWebApi = "slack-web-api";

    /// <summary>Socket Mode reconnects: a failed connect, or a socket lost soon after its hello, backs off (SalesCoachBot.Slack).</summary>
    public const string SlackSocketMode = "slack-socket-mode";

    /// <summary>
    /// A deal change run again after a busy database, a concurrency conflict or a unique index that a racing
    /// writer filled first; the decision then sees what that writer left (SalesCoachBot.Data).
    /// </summary>
    public const string DealChange = "database-deal-change";

    /// <summary>Nudge claims and outbox updates run again after a busy database, or a claim that raced a forced run (SalesCoachBot.Data).</summary>
    public const string NudgeOutbox = "database-nudge-outbox";

    /// <summary>A conversation reference saved again when a racing activity inserted it first (SalesCoachBot.Data).</summary>
    public const string ConversationReferences = "database-conversation-references";
}
