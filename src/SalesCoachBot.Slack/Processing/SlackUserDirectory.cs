using SalesCoachBot.Core.Caching;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Slack.WebApi;
using SalesCoachBot.Slack.Workspaces;

namespace SalesCoachBot.Slack.Processing;

/// <summary>
/// The email and locale behind a Slack user id (<c>users.info</c> with <c>include_locale</c>), so the core can find a
/// person who has no <c>slack_user_id</c> yet and answer in their Slack language. Only an address Slack says the person confirmed (<c>is_email_confirmed</c>), and only
/// in a workspace the bot serves: a profile email anyone typed proves nothing. Kept in the shared cache
/// (<see cref="CacheRegion.SlackUsers"/>: an email for <see cref="CacheOptions.SlackUserLifetime"/>, no email for
/// 5 min, a failed lookup for 1 min); a slow or failed lookup gives null rather than holding up the answer.
/// </summary>
internal sealed class SlackUserDirectory(ISlackApiClient api, ISlackTokenProvider tokens, SlackWorkspaceGate gate, SharedCache cache)
{
    private static readonly TimeSpan NotFound = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Failed = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan LookupBudget = TimeSpan.FromSeconds(1);

    /// <summary>What a lookup found: an email and a locale ("ar-SA"), or none.</summary>
    internal sealed record Lookup(string? Email, string? Locale = null);

    private static readonly Lookup Nothing = new(null);

    public async ValueTask<string?> FindEmailAsync(SlackWorkspace workspace, string userId, CancellationToken cancellationToken) =>
        (await FindAsync(workspace, userId, cancellationToken).ConfigureAwait(false)).Email;

    /// <summary>The person's chat user with what Slack says about them: the confirmed email and their locale.</summary>
    public async ValueTask<ChatUser> DescribeAsync(SlackWorkspace workspace, ChatUser user, CancellationToken cancellationToken)
    {
        if (user.SlackUserId is not { } userId)
        {
            return user;
        }

        var found = await FindAsync(workspace, userId, cancellationToken).ConfigureAwait(false);
        return found.Email is null && found.Locale is null ? user : user with { Email = found.Email ?? user.Email, Locale = found.Locale ?? user.Locale };
    }

    public async ValueTask<Lookup> FindAsync(SlackWorkspace workspace, string userId, CancellationToken cancellationToken)
    {
        if (await tokens.GetBotTokenAsync(workspace, cancellationToken).ConfigureAwait(false) is null ||
            !await gate.IsAllowedAsync(workspace, cancellationToken).ConfigureAwait(false))
        {
            return Nothing;
        }

        var key = CacheKey.SlackUser(workspace.ToString(), userId);
        if (await cache.PeekAsync<Lookup>(key).ConfigureAwait(false) is { } hit)
        {
            return hit;
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
            await cache.KeepAsync(key, Nothing, version, Failed).ConfigureAwait(false);
            return Nothing;
        }

        var email = result.Ok && result.Value!.User is { IsEmailConfirmed: true, Profile.Email: { Length: > 0 } confirmed } ? confirmed : null;
        var locale = result.Ok ? result.Value!.User?.Locale : null;
        var lookup = new Lookup(email, locale);
        await cache.KeepAsync(key, lookup, version, email is not null ? null : result.Ok || result.Error is "user_not_found" ? NotFound : Failed).ConfigureAwait(false);

        return lookup;
    }
}
