using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SalesCoachBot.Core.Caching;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Slack.WebApi;
using SalesCoachBot.Slack.Workspaces;

namespace SalesCoachBot.Slack.Processing;

/// <summary>
/// The email and locale behind a Slack user id (<c>users.info</c> with <c>include_locale</c>), so the core can find a
/// person who has no <c>slack_user_id</c> yet and answer in their Slack language. Only an address Slack says the person confirmed (<c>is_email_confirmed</c>), and only
/// in a workspace the bot serves: a profile email anyone typed proves nothing. Kept in the shared cache
/// (<see cref="CacheRegion.SlackUsers"/>: an email for <see cref="CacheOptions.SlackUserLifetime"/>, no email or no such
/// user for 5 min, a failed lookup for 1 min).
/// <para>
/// A message waits for the lookup at most <see cref="SlackOptions.UserLookupBudget"/>, then is answered without it; the
/// lookup itself goes on (bounded by the Web API client's own timeout) and is kept, so the person's next message has
/// their email and language. Messages that arrive meanwhile share that one lookup rather than start another.
/// </para>
/// </summary>
internal sealed class SlackUserDirectory(
    ISlackApiClient api,
    ISlackTokenProvider tokens,
    SlackWorkspaceGate gate,
    SharedCache cache,
    IOptions<SlackOptions> options,
    TimeProvider time,
    ILogger<SlackUserDirectory> logger)
{
    private static readonly TimeSpan NotFound = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Failed = TimeSpan.FromMinutes(1);

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

        var budget = options.Value.UserLookupBudget;
        try
        {
            return await LookUpAsync(workspace, userId, key).WaitAsync(budget, time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Slack is slow right now: answer without the email and locale; the lookup goes on for the next message.
            SlackLog.UserLookupSlow(logger, budget);
            return Nothing;
        }
    }

    /// <summary>
    /// One <c>users.info</c> per workspace and user at a time: callers that come while it runs share it (the shared
    /// cache's read), and it runs to its end whoever stops waiting, on no caller's token.
    /// </summary>
    private async Task<Lookup> LookUpAsync(SlackWorkspace workspace, string userId, CacheKey key)
    {
        var version = cache.Version(key);
        var keepFor = new StrongBox<TimeSpan?>();
        var found = await cache.GetOrReadAsync(
            key,
            (Directory: this, workspace, userId, keepFor),
            static (s, ct) => s.Directory.AskSlackAsync(s.workspace, s.userId, s.keepFor, ct),
            CancellationToken.None).ConfigureAwait(false);
        if (keepFor.Value is { } shorter)
        {
            // The read was ours and kept for the region's lifetime: only a confirmed email is worth that long.
            await cache.KeepAsync(key, found, version, shorter).ConfigureAwait(false);
        }

        return found;
    }

    private async ValueTask<Lookup> AskSlackAsync(SlackWorkspace workspace, string userId, StrongBox<TimeSpan?> keepFor, CancellationToken cancellationToken)
    {
        var result = await api.GetUserInfoAsync(workspace, userId, cancellationToken).ConfigureAwait(false);
        var email = result.Ok && result.Value!.User is { IsEmailConfirmed: true, Profile.Email: { Length: > 0 } confirmed } ? confirmed : null;
        var locale = result.Ok ? result.Value!.User?.Locale : null;
        // A failure (HTTP error, ratelimited, timeout) is asked again soon; "no such user" or no confirmed email a little later.
        keepFor.Value = email is not null ? null : result.Ok || result.Error is "user_not_found" ? NotFound : Failed;
        return new Lookup(email, locale);
    }
}
