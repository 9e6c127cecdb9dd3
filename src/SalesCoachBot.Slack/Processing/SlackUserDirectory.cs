using System.Collections.Concurrent;
using SalesCoachBot.Slack.WebApi;
using SalesCoachBot.Slack.Workspaces;

namespace SalesCoachBot.Slack.Processing;

/// <summary>
/// The email behind a Slack user id (<c>users.info</c>), so the core can find a person who has no
/// <c>slack_user_id</c> yet. Only an address Slack says the person confirmed (<c>is_email_confirmed</c>), and only
/// in a workspace the bot serves: a profile email anyone typed proves nothing. Cached; a slow or failed lookup
/// gives null rather than holding up the answer.
/// </summary>
public sealed class SlackUserDirectory(ISlackApiClient api, ISlackTokenProvider tokens, SlackWorkspaceGate gate, TimeProvider time)
{
    private static readonly TimeSpan Found = TimeSpan.FromHours(1);
    private static readonly TimeSpan NotFound = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Failed = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan LookupBudget = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, (string? Email, DateTimeOffset Until)> cache = new(StringComparer.Ordinal);

    public async ValueTask<string?> FindEmailAsync(SlackWorkspace workspace, string userId, CancellationToken cancellationToken)
    {
        if (await tokens.GetBotTokenAsync(workspace, cancellationToken).ConfigureAwait(false) is null ||
            !await gate.IsAllowedAsync(workspace, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        // User ids are unique per workspace only, so the cache key carries the workspace.
        var key = $"{workspace}:{userId}";
        var now = time.GetUtcNow();
        if (cache.TryGetValue(key, out var hit) && hit.Until > now)
        {
            return hit.Email;
        }

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
            cache[key] = (null, now + Failed);
            return null;
        }

        var email = result.Ok && result.Value!.User is { IsEmailConfirmed: true, Profile.Email: { Length: > 0 } confirmed } ? confirmed : null;
        cache[key] = (email, now + (email is not null ? Found : result.Ok || result.Error is "user_not_found" ? NotFound : Failed));

        return email;
    }
}
