namespace SalesCoachBot.Slack.Workspaces;

/// <summary>
/// Where a request came from: a workspace (<c>team_id</c>) and, for Enterprise Grid, its organisation
/// (<c>enterprise_id</c>). Every Web API call names the workspace whose token answers it.
/// </summary>
internal sealed record SlackWorkspace(string? TeamId, string? EnterpriseId = null)
{
    /// <summary>No workspace named: the single configured one (<c>Slack:BotToken</c>).</summary>
    public static readonly SlackWorkspace Configured = new(null, null);

    public static SlackWorkspace Of(string? teamId, string? enterpriseId = null) =>
        new(string.IsNullOrEmpty(teamId) ? null : teamId, string.IsNullOrEmpty(enterpriseId) ? null : enterpriseId);

    public override string ToString() => EnterpriseId is null ? TeamId ?? "?" : $"{EnterpriseId}/{TeamId ?? "*"}";
}

/// <summary>The bot token that answers a given workspace, or null when the bot is not installed there.</summary>
internal interface ISlackTokenProvider
{
    ValueTask<string?> GetBotTokenAsync(SlackWorkspace workspace, CancellationToken cancellationToken);
}
