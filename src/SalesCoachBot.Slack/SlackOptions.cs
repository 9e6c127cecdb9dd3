using System.ComponentModel.DataAnnotations;
using SalesCoachBot.Core;

namespace SalesCoachBot.Slack;

/// <summary>The <c>Slack</c> configuration section (keys in appsettings.example.json and docs/slack.md). Secrets come from the environment or user-secrets.</summary>
internal sealed class SlackOptions
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

    /// <summary>
    /// Workspaces (<c>team_id</c>) the bot serves and may be installed in, with <see cref="TeamId"/>. With no list
    /// at all: only the workspace of <see cref="BotToken"/> (<c>auth.test</c>), else the first installation.
    /// </summary>
    public IList<string> AllowedTeamIds { get; } = [];

    /// <summary>Enterprise Grid organisations (<c>enterprise_id</c>) whose workspaces the bot serves and may be installed in.</summary>
    public IList<string> AllowedEnterpriseIds { get; } = [];

    /// <summary>Where the key ring that encrypts installed bot tokens lives, and what protects it.</summary>
    public SlackKeyRingOptions KeyRing { get; set; } = new();

    /// <summary>Accepted distance between Slack's request timestamp and now, both directions.</summary>
    [Range(1, 3600)]
    public int TimestampToleranceSeconds { get; set; } = 300;

    /// <summary>Inbound bodies above this size answer 413 before anything is read further.</summary>
    [Range(1024, 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 64 * 1024;

    /// <summary>How long a slash command may think before the answer goes to <c>response_url</c> instead of the ack.</summary>
    public TimeSpan AckBudget { get; set; } = TimeSpan.FromMilliseconds(2500);

    /// <summary>
    /// How long a message waits for Slack's <c>users.info</c> (the person's confirmed email and locale) before it is
    /// answered without them; the lookup goes on and is kept for the person's next message.
    /// </summary>
    public TimeSpan UserLookupBudget { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest <see cref="UserLookupBudget"/>: a message should not wait longer for a language hint.</summary>
    internal static readonly TimeSpan MaxUserLookupBudget = TimeSpan.FromMinutes(1);

    /// <summary>Minimum gap between two messages the bot posts into one channel (Slack allows ≈1/s).</summary>
    public TimeSpan ChannelMessageInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Retries after a 5xx or a 429 with Retry-After.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>First backoff after a 5xx or a failed connection; about doubled on each further attempt (with jitter).</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest Retry-After the client honours; a longer one fails the call instead of stalling a worker.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long an <c>event_id</c> is remembered for de-duplication (Slack retries within minutes).</summary>
    public TimeSpan EventDedupeWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Where seen event ids are kept across restarts; empty keeps them in memory only.</summary>
    public string? EventDedupeFile { get; set; }

    /// <summary>Socket Mode: interval of WebSocket keep-alive pings (Slack also pings; a dead link is noticed either way).</summary>
    public TimeSpan SocketKeepAlive { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Socket Mode: how long a new connection may take to connect and say <c>hello</c>.</summary>
    public TimeSpan SocketHelloTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Socket Mode: how long a replaced connection may finish acking what it received before it is closed.</summary>
    public TimeSpan SocketCloseGrace { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Socket Mode: first reconnect delay after a failure; doubled per failure up to <see cref="SocketBackoffMax"/>, with jitter.</summary>
    public TimeSpan SocketBackoffBase { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan SocketBackoffMax { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Socket Mode: a connection lost sooner than this after its hello counts as a failure (backoff).</summary>
    public TimeSpan SocketMinHealthyTime { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Install: where encrypted installations (one bot token per workspace) are kept.</summary>
    public string InstallationsPath { get; set; } = "./data/slack-installations";

    /// <summary>Install: where the ASP.NET Core Data Protection keys that encrypt the tokens are kept.</summary>
    public string DataProtectionKeysPath { get; set; } = "./data/keys";

    /// <summary>Takes the install and key paths, when relative, under the host's content root (as the SQLite file).</summary>
    internal void ResolvePaths(string contentRoot)
    {
        InstallationsPath = ContentRootPaths.Resolve(InstallationsPath, contentRoot);
        DataProtectionKeysPath = ContentRootPaths.Resolve(DataProtectionKeysPath, contentRoot);
        KeyRing.CertificatePath = ContentRootPaths.Resolve(KeyRing.CertificatePath, contentRoot);
    }

    /// <summary>Install: how long a <c>state</c> from /slack/install stays valid.</summary>
    public TimeSpan StateLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Token rotation: refresh a rotating bot token this long before it expires.</summary>
    public TimeSpan TokenRefreshMargin { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Install: Slack's authorize page (overridable for tests).</summary>
    public Uri AuthorizeUrl { get; set; } = new("https://slack.com/oauth/v2/authorize");

    public bool HttpEnabled => !string.IsNullOrWhiteSpace(SigningSecret);

    public bool SocketModeEnabled => !string.IsNullOrWhiteSpace(AppToken);

    /// <summary>Multi-workspace install: client id, secret and state secret all set.</summary>
    public bool InstallsEnabled => !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(ClientSecret) && !string.IsNullOrWhiteSpace(StateSecret);

    public bool Enabled => HttpEnabled || SocketModeEnabled;

    /// <summary>An explicit list of workspaces: <see cref="TeamId"/>, <see cref="AllowedTeamIds"/> or <see cref="AllowedEnterpriseIds"/>.</summary>
    public bool HasWorkspaceList => !string.IsNullOrWhiteSpace(TeamId) || AllowedTeamIds.Any(id => !string.IsNullOrWhiteSpace(id)) || AllowedEnterpriseIds.Any(id => !string.IsNullOrWhiteSpace(id));

    /// <summary>Whether the explicit list names the workspace (its team, or its Enterprise Grid organisation).</summary>
    public bool ListsWorkspace(string? teamId, string? enterpriseId) =>
        (!string.IsNullOrEmpty(teamId) && (string.Equals(TeamId, teamId, StringComparison.Ordinal) || AllowedTeamIds.Contains(teamId, StringComparer.Ordinal))) ||
        (!string.IsNullOrEmpty(enterpriseId) && AllowedEnterpriseIds.Contains(enterpriseId, StringComparer.Ordinal));
}

/// <summary>Where the Data Protection keys live.</summary>
internal enum SlackKeyStore
{
    /// <summary>Files under <see cref="SlackOptions.DataProtectionKeysPath"/>: one host.</summary>
    FileSystem,

    /// <summary>The bot's database (table <c>data_protection_keys</c>): every host of the deployment shares the keys.</summary>
    Database,
}

/// <summary>
/// The <c>Slack:KeyRing</c> section: the ASP.NET Core Data Protection keys that encrypt installed bot tokens.
/// Without a certificate the keys are stored as plain XML, so whoever reads them can decrypt the tokens.
/// </summary>
internal sealed class SlackKeyRingOptions
{
    public SlackKeyStore Store { get; set; } = SlackKeyStore.FileSystem;

    /// <summary>A PKCS#12 (.pfx) file with a private key; every key is encrypted with it at rest.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    /// <summary>Instead of a file: the thumbprint of a certificate in the current user's or the machine's "My" store.</summary>
    public string? CertificateThumbprint { get; set; }

    public bool Protected => !string.IsNullOrWhiteSpace(CertificatePath) || !string.IsNullOrWhiteSpace(CertificateThumbprint);
}
