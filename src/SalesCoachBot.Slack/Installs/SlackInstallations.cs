using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SalesCoachBot.Slack.WebApi;
using SalesCoachBot.Slack.Workspaces;

namespace SalesCoachBot.Slack.Installs;

/// <summary>
/// The bot token of each workspace. Single-workspace: <c>Slack:BotToken</c>. With installs on: the installation
/// of the workspace (else of its Enterprise Grid organisation), refreshed shortly before it expires when Slack
/// rotates tokens; the configured token still serves <c>Slack:TeamId</c> when both are set. Workspace A's token
/// is never handed out for workspace B. Refreshes go through <see cref="SlackOAuthClient"/>, not the Web API client,
/// which asks this class for its tokens.
/// </summary>
internal sealed class SlackInstallations(
    ISlackInstallationStore store,
    SlackOAuthClient oauth,
    IOptions<SlackOptions> options,
    TimeProvider time,
    ILogger<SlackInstallations> logger) : ISlackTokenProvider
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> refreshGates = new(StringComparer.Ordinal);
    private readonly Lock firstLock = new();
    private FirstInstallation? first;
    private long generation;

    public async ValueTask<string?> GetBotTokenAsync(SlackWorkspace workspace, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.InstallsEnabled)
        {
            return ConfiguredTokenProvider.ConfiguredToken(settings, workspace);
        }

        var installation = await FindAsync(workspace, cancellationToken).ConfigureAwait(false);
        if (installation is null)
        {
            // With installs on, the configured token serves only the workspace it was named for.
            return string.IsNullOrEmpty(settings.TeamId) ? null : ConfiguredTokenProvider.ConfiguredToken(settings, workspace);
        }

        return await FreshTokenAsync(installation, cancellationToken).ConfigureAwait(false);
    }

    public async Task<SlackInstallation?> FindAsync(SlackWorkspace workspace, CancellationToken cancellationToken)
    {
        if (workspace.TeamId is { } team && await store.FindAsync(SlackInstallation.TeamKey(team), cancellationToken).ConfigureAwait(false) is { } byTeam)
        {
            return byTeam;
        }

        return workspace.EnterpriseId is { } enterprise
            ? await store.FindAsync(SlackInstallation.EnterpriseKey(enterprise), cancellationToken).ConfigureAwait(false)
            : null;
    }

    /// <summary>
    /// The key of the earliest installation stored: with no workspace list and no <c>Slack:BotToken</c>, the one
    /// workspace served (docs/slack.md). Null when nothing is installed.
    /// </summary>
    public async Task<string?> FirstInstallationKeyAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref first) is { } known)
        {
            return known.Key;
        }

        long seen;
        lock (firstLock)
        {
            seen = generation;
        }

        var all = await store.ListAsync(cancellationToken).ConfigureAwait(false);
        var key = all.OrderBy(i => i.InstalledAt).ThenBy(i => i.Key, StringComparer.Ordinal).FirstOrDefault()?.Key;
        lock (firstLock)
        {
            // Kept only when no install or uninstall happened meanwhile.
            if (seen == generation)
            {
                first = new FirstInstallation(key);
            }
        }

        return key;
    }

    /// <summary>
    /// Turns an <c>oauth.v2.access</c> answer into an installation (null when it is not a bot install); stored only
    /// when <paramref name="allowed"/> says its workspace may install. A reinstall keeps its first install time.
    /// </summary>
    public async Task<(SlackInstallation? Installation, bool Allowed)> SaveAsync(
        OAuthAccessResponse access, Func<SlackWorkspace, CancellationToken, ValueTask<bool>> allowed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(allowed);
        var enterprise = access.IsEnterpriseInstall == true;
        if (access.AccessToken is not { Length: > 0 } token || access.TokenType is not (null or "bot") ||
            (enterprise ? access.Enterprise?.Id is not { Length: > 0 } : access.Team?.Id is not { Length: > 0 }))
        {
            return (null, true);
        }

        var workspace = enterprise ? SlackWorkspace.Of(null, access.Enterprise!.Id) : SlackWorkspace.Of(access.Team!.Id, access.Enterprise?.Id);
        if (!await allowed(workspace, cancellationToken).ConfigureAwait(false))
        {
            return (null, false);
        }

        var now = time.GetUtcNow();
        var installation = new SlackInstallation(
            enterprise ? null : access.Team!.Id, access.Enterprise?.Id, enterprise, token, access.BotUserId, access.Scope,
            enterprise ? access.Enterprise!.Name : access.Team!.Name, now)
        {
            ExpiresAt = access.ExpiresIn is > 0 and var seconds ? now.AddSeconds(seconds) : null,
            RefreshToken = string.IsNullOrEmpty(access.RefreshToken) ? null : access.RefreshToken,
        };
        if (await store.FindAsync(installation.Key, cancellationToken).ConfigureAwait(false) is { } earlier)
        {
            installation = installation with { InstalledAt = earlier.InstalledAt };
        }

        await store.SaveAsync(installation, cancellationToken).ConfigureAwait(false);
        ForgetFirst();
        SlackLog.Installed(logger, installation.Key, enterprise);
        return (installation, true);
    }

    /// <summary><c>app_uninstalled</c> / <c>tokens_revoked</c>: the workspace's token is gone for good.</summary>
    public async Task RemoveAsync(SlackWorkspace workspace, bool enterpriseInstall, string reason, CancellationToken cancellationToken)
    {
        if (!options.Value.InstallsEnabled)
        {
            return;
        }

        var removed = false;
        if (workspace.TeamId is { } team)
        {
            removed |= await store.DeleteAsync(SlackInstallation.TeamKey(team), cancellationToken).ConfigureAwait(false);
        }

        if (enterpriseInstall && workspace.EnterpriseId is { } enterprise)
        {
            removed |= await store.DeleteAsync(SlackInstallation.EnterpriseKey(enterprise), cancellationToken).ConfigureAwait(false);
        }

        if (removed)
        {
            ForgetFirst();
            SlackLog.Uninstalled(logger, workspace.ToString(), reason);
        }
    }

    private void ForgetFirst()
    {
        lock (firstLock)
        {
            generation++;
            first = null;
        }
    }

    private async ValueTask<string?> FreshTokenAsync(SlackInstallation installation, CancellationToken cancellationToken)
    {
        if (!NeedsRefresh(installation))
        {
            return installation.BotToken;
        }

        // One refresh per installation at a time: a refresh token is single-use.
        var gate = refreshGates.GetOrAdd(installation.Key, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = await store.FindAsync(installation.Key, cancellationToken).ConfigureAwait(false) ?? installation;
            if (!NeedsRefresh(current))
            {
                return current.BotToken;
            }

            var refreshed = await oauth.AccessAsync(
                [new("grant_type", "refresh_token"), new("refresh_token", current.RefreshToken!)], cancellationToken).ConfigureAwait(false);
            if (!refreshed.Ok || refreshed.Value!.AccessToken is not { Length: > 0 } token)
            {
                SlackLog.TokenRefreshFailed(logger, current.Key, refreshed.Error ?? "no access_token");
                return current.ExpiresAt > time.GetUtcNow() ? current.BotToken : null;
            }

            var now = time.GetUtcNow();
            var next = current with
            {
                BotToken = token,
                RefreshToken = string.IsNullOrEmpty(refreshed.Value.RefreshToken) ? current.RefreshToken : refreshed.Value.RefreshToken,
                ExpiresAt = refreshed.Value.ExpiresIn is > 0 and var seconds ? now.AddSeconds(seconds) : null,
            };
            await store.SaveAsync(next, cancellationToken).ConfigureAwait(false);
            SlackLog.TokenRefreshed(logger, next.Key, next.ExpiresAt ?? now);
            return next.BotToken;
        }
        finally
        {
            gate.Release();
        }
    }

    private bool NeedsRefresh(SlackInstallation installation) =>
        installation is { ExpiresAt: { } expires, RefreshToken: { Length: > 0 } } && time.GetUtcNow() + options.Value.TokenRefreshMargin >= expires;

    private sealed record FirstInstallation(string? Key);
}
