namespace SalesCoachBot.Slack.Installs;

/// <summary>
/// One installation of the app: the bot token of one workspace, or of a whole Enterprise Grid organisation for an
/// org-wide install. Kept only encrypted at rest; never logged.
/// </summary>
internal sealed record SlackInstallation(
    string? TeamId,
    string? EnterpriseId,
    bool IsEnterpriseInstall,
    string BotToken,
    string? BotUserId,
    string? Scope,
    string? TeamName,
    DateTimeOffset InstalledAt)
{
    /// <summary>Set when token rotation is on: the bot token stops working at this instant.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    public string? RefreshToken { get; init; }

    public string Key => IsEnterpriseInstall ? EnterpriseKey(EnterpriseId!) : TeamKey(TeamId!);

    public static string TeamKey(string teamId) => "T-" + teamId;

    public static string EnterpriseKey(string enterpriseId) => "E-" + enterpriseId;

    /// <summary>Redacted on purpose: records print their members, and the tokens must never reach a log.</summary>
    public override string ToString() => $"SlackInstallation {{ Key = {Key}, ExpiresAt = {ExpiresAt} }}";
}

/// <summary>Where installations live. Implementations encrypt tokens at rest.</summary>
internal interface ISlackInstallationStore
{
    Task<SlackInstallation?> FindAsync(string key, CancellationToken cancellationToken);

    Task SaveAsync(SlackInstallation installation, CancellationToken cancellationToken);

    /// <summary>Every installation that can be read (one that no longer decrypts is left out).</summary>
    Task<IReadOnlyList<SlackInstallation>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Returns false when there was nothing to remove.</summary>
    Task<bool> DeleteAsync(string key, CancellationToken cancellationToken);
}

/// <summary>Installs off (no <c>Slack:ClientId</c>): nothing is installed, and nothing can be.</summary>
internal sealed class NoSlackInstallationStore : ISlackInstallationStore
{
    public Task<SlackInstallation?> FindAsync(string key, CancellationToken cancellationToken) => Task.FromResult<SlackInstallation?>(null);

    public Task SaveAsync(SlackInstallation installation, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("Slack installs are off (Slack:ClientId is not set): there is nowhere to keep an installation.");

    public Task<IReadOnlyList<SlackInstallation>> ListAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<SlackInstallation>>([]);

    public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken) => Task.FromResult(false);
}
