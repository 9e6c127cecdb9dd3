using SalesCoachBot.Core.Caching;
using SalesCoachBot.Slack.WebApi;
using SalesCoachBot.Slack.Workspaces;

namespace SalesCoachBot.Slack.Processing;

/// <summary>
/// The email behind a Slack user id (<c>users.info</c>), so the core can find a person who has no
/// <c>slack_user_id</c> yet. Only an address Slack says the person confirmed (<c>is_email_confirmed</c>), and only
/// in a workspace the bot serves: a profile email anyone typed proves nothing. Kept in the shared cache
/// (<see cref="CacheRegion.SlackUsers"/>: an email for <see cref="CacheOptions.SlackUserLifetime"/>, no email for
/// 5 min, a failed lookup for 1 min); a slow or failed lookup gives null rather than holding up the answer.
/// </summary>
internal sealed class SlackUserDirectory(ISlackApiClient api, ISlackTokenProvider tokens, SlackWorkspaceGate gate, SharedCache cache)
{
    private static readonly TimeSpan NotFound = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Failed = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan LookupBudget = TimeSpan.FromSeconds(1);

    /// <summary>What a lookup found: an email, or none.</summary>
    private sealed record Lookup(string? Email);

    public async ValueTask<string?> FindEmailAsync(SlackWorkspace workspace, string userId, CancellationToken cancellationToken)
    {
        if (await tokens.GetBotTokenAsync(workspace, cancellationToken).ConfigureAwait(false) is null ||
            !await gate.IsAllowedAsync(workspace, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var key = CacheKey.SlackUser(workspace.ToString(), userId);
        if (await cache.PeekAsync<Lookup>(key).ConfigureAwait(false) is { } hit)
        {
            return hit.Email;
        }

        var version = cache.Version(key);

        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(LookupBudget);
        SlackApiResult<UserResponse> result;
        try
        {
            result = await api.GetUserInfoAsync(workspace, userId, budget.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Slack is slow right now: answer without the email and do not ask again for a while.
            await cache.KeepAsync(key, new Lookup(null), version, Failed).ConfigureAwait(false);
            return null;
        }

        var email = result.Ok && result.Value!.User is { IsEmailConfirmed: true, Profile.Email: { Length: > 0 } confirmed } ? confirmed : null;
        await cache.KeepAsync(key, new Lookup(email), version, email is not null ? null : result.Ok || result.Error is "user_not_found" ? NotFound : Failed).ConfigureAwait(false);

        return email;
    }
}
