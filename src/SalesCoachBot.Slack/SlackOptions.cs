using System.ComponentModel.DataAnnotations;

namespace SalesCoachBot.Slack;

/// <summary>The <c>Slack</c> configuration section (INTERFACE.md). Secrets come from the environment or user-secrets.</summary>
public sealed class SlackOptions
{
    public const string SectionName = "Slack";

    /// <summary>Verifies every inbound request (<c>X-Slack-Signature</c>). Turns the HTTP channel on.</summary>
    public string? SigningSecret { get; set; }

    /// <summary>Bot token <c>xoxb-…</c> for the Web API (single-workspace install).</summary>
    public string? BotToken { get; set; }

    /// <summary>App-level token <c>xapp-…</c> for Socket Mode.</summary>
    public string? AppToken { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    public string? StateSecret { get; set; }

    /// <summary>The Web API root; overridable for tests and local fakes.</summary>
    public Uri ApiBaseUrl { get; set; } = new("https://slack.com/api/");

    /// <summary>The configured workspace. When set, requests from any other <c>team_id</c> are refused.</summary>
    public string? TeamId { get; set; }

    /// <summary>Accepted distance between Slack's request timestamp and now, both directions.</summary>
    [Range(1, 3600)]
    public int TimestampToleranceSeconds { get; set; } = 300;

    /// <summary>Inbound bodies above this size answer 413 before anything is read further.</summary>
    [Range(1024, 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 64 * 1024;

    /// <summary>How long a slash command may think before the answer goes to <c>response_url</c> instead of the ack.</summary>
    public TimeSpan AckBudget { get; set; } = TimeSpan.FromMilliseconds(2500);

    /// <summary>Minimum gap between two messages the bot posts into one channel (Slack allows ≈1/s).</summary>
    public TimeSpan ChannelMessageInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Retries after a 5xx or a 429 with Retry-After.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>First backoff after a 5xx; doubled on each further attempt.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest Retry-After the client honours; a longer one fails the call instead of stalling a worker.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long an <c>event_id</c> is remembered for de-duplication (Slack retries within minutes).</summary>
    public TimeSpan EventDedupeWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Where seen event ids are kept across restarts; empty keeps them in memory only.</summary>
    public string? EventDedupeFile { get; set; }

    public bool HttpEnabled => !string.IsNullOrWhiteSpace(SigningSecret);

    public bool Enabled => HttpEnabled || !string.IsNullOrWhiteSpace(AppToken);
}
