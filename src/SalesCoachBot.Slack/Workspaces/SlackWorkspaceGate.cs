using Microsoft.Extensions.Options;

namespace SalesCoachBot.Slack.Workspaces;

/// <summary>The single-workspace <c>Slack:BotToken</c>, for the configured <c>Slack:TeamId</c> (or any workspace when none is set).</summary>
internal static class ConfiguredTokenProvider
{
    internal static string? ConfiguredToken(SlackOptions settings, SlackWorkspace workspace) =>
        string.IsNullOrWhiteSpace(settings.BotToken) || !(workspace.TeamId is null || string.IsNullOrEmpty(settings.TeamId) || settings.TeamId == workspace.TeamId)
            ? null
            : settings.BotToken;
}

/// <summary>
/// Which workspaces the bot answers. Single-workspace: the configured <c>Slack:TeamId</c> (any when unset).
/// With installs configured (<c>Slack:ClientId</c>): only workspaces holding an installation (or the configured token).
/// </summary>
public sealed class SlackWorkspaceGate(ISlackTokenProvider tokens, IOptions<SlackOptions> options)
{
    public async ValueTask<bool> IsAllowedAsync(SlackWorkspace workspace, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.InstallsEnabled)
        {
            return workspace.TeamId is not null || workspace.EnterpriseId is not null
                ? await tokens.GetBotTokenAsync(workspace, cancellationToken).ConfigureAwait(false) is not null
                : false;
        }

        return string.IsNullOrEmpty(settings.TeamId) || string.Equals(settings.TeamId, workspace.TeamId, StringComparison.Ordinal);
    }
}
