using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SalesCoachBot.Slack.Installs;
using SalesCoachBot.Slack.WebApi;

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
/// Which workspaces the bot serves and may be installed in (docs/slack.md, "Allowed workspaces"). A list
/// (<c>Slack:TeamId</c>, <c>Slack:AllowedTeamIds</c>, <c>Slack:AllowedEnterpriseIds</c>) decides alone. Without one:
/// the workspace of <c>Slack:BotToken</c> (<c>auth.test</c>), else the first installation, else (neither a token nor
/// installs) the workspaces Slack delivers from, which for an app without installs are those it was added to by hand.
/// With installs on, a served workspace also needs its own token.
/// </summary>
internal sealed class SlackWorkspaceGate(
    SlackInstallations installations,
    ISlackApiClient api,
    IOptions<SlackOptions> options,
    TimeProvider time,
    ILogger<SlackWorkspaceGate> logger)
{
    private static readonly TimeSpan HomeRetry = TimeSpan.FromMinutes(1);

    private string? homeTeam;
    private long homeRetryAtTicks;

    public async ValueTask<bool> IsAllowedAsync(SlackWorkspace workspace, CancellationToken cancellationToken)
    {
        if (!await IsAllowedWorkspaceAsync(workspace, forInstall: false, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        return !options.Value.InstallsEnabled || await installations.GetBotTokenAsync(workspace, cancellationToken).ConfigureAwait(false) is not null;
    }

    /// <summary>Whether an installation into this workspace may be kept (asked once <c>oauth.v2.access</c> named it).</summary>
    public ValueTask<bool> MayInstallAsync(SlackWorkspace workspace, CancellationToken cancellationToken) =>
        IsAllowedWorkspaceAsync(workspace, forInstall: true, cancellationToken);

    private async ValueTask<bool> IsAllowedWorkspaceAsync(SlackWorkspace workspace, bool forInstall, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var unnamed = workspace.TeamId is null && workspace.EnterpriseId is null;
        if (settings.HasWorkspaceList)
        {
            return settings.ListsWorkspace(workspace.TeamId, workspace.EnterpriseId);
        }

        if (!string.IsNullOrWhiteSpace(settings.BotToken))
        {
            return !unnamed && await HomeTeamAsync(cancellationToken).ConfigureAwait(false) is { } home && home == workspace.TeamId;
        }

        if (settings.InstallsEnabled)
        {
            if (unnamed)
            {
                return false;
            }

            // The first installation decides; reinstalling it (new scopes, a new token) stays possible.
            var first = await installations.FirstInstallationKeyAsync(cancellationToken).ConfigureAwait(false);
            return first is null
                ? forInstall
                : (await installations.FindAsync(workspace, cancellationToken).ConfigureAwait(false))?.Key == first;
        }

        return true;
    }

    /// <summary>The workspace of <c>Slack:BotToken</c>, asked once; after a failure again a minute later at the earliest.</summary>
    private async ValueTask<string?> HomeTeamAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref homeTeam) is { } known)
        {
            return known;
        }

        var now = time.GetUtcNow().UtcTicks;
        if (now < Volatile.Read(ref homeRetryAtTicks))
        {
            return null;
        }

        var answer = await api.AuthTestAsync(cancellationToken).ConfigureAwait(false);
        if (answer.Ok && answer.Value!.TeamId is { Length: > 0 } team)
        {
            Volatile.Write(ref homeTeam, team);
            SlackLog.HomeWorkspace(logger, team);
            return team;
        }

        Volatile.Write(ref homeRetryAtTicks, now + HomeRetry.Ticks);
        SlackLog.HomeWorkspaceUnknown(logger, answer.Error ?? "no team_id");
        return null;
    }
}
