using System.Globalization;
using SalesCoachBot.Core.Domain;

namespace SalesCoachBot.Core.Caching;

/// <summary>The caches, each with its own lifetime in <see cref="CacheOptions"/>.</summary>
public enum CacheRegion
{
    /// <summary>A deal's view by id (<c>IDealStore.GetAsync</c>).</summary>
    DealViews,

    /// <summary>Every person and team, as one snapshot (<c>IDirectoryStore</c>).</summary>
    Directory,

    /// <summary>The deal-name index of the resolver: no entries in the shared cache, only its version.</summary>
    DealNames,

    /// <summary>Teams conversation references this host knows to be stored.</summary>
    ConversationReferences,

    /// <summary>Teams bearer tokens that passed every check. Never leaves the process.</summary>
    TeamsTokens,

    /// <summary>The confirmed email behind a Slack user id (<c>users.info</c>), or that there is none.</summary>
    SlackUsers,

    /// <summary>Slack installations (bot tokens) decrypted from their files, or that there is none. Never leaves the process.</summary>
    SlackInstallations,
}

/// <summary>
/// One entry of a cache region, or (<see cref="Text"/> null) the whole region. <see cref="Text"/> is the key in the
/// shared cache: a short prefix with a colon, then the id; a Teams token is its own key (a JWT has no colon, so it
/// cannot meet another region's key).
/// </summary>
public readonly record struct CacheKey
{
    private const int StripeMask = SharedCache.Stripes - 1;

    private CacheKey(CacheRegion region, string? text, int stripe)
    {
        Region = region;
        Text = text;
        Stripe = stripe;
    }

    public CacheRegion Region { get; }

    public string? Text { get; }

    /// <summary>Which of the region's version counters this key moves (keys share counters, bounded memory).</summary>
    internal int Stripe { get; }

    public bool IsWholeRegion => Text is null;

    public static CacheKey Deal(DealId id) =>
        new(CacheRegion.DealViews, string.Create(CultureInfo.InvariantCulture, $"deal:{id.Value}"), (int)(id.Value & StripeMask));

    public static CacheKey Directory { get; } = new(CacheRegion.Directory, "directory:all", 0);

    public static CacheKey ConversationReference(ConversationKey key) => Of(CacheRegion.ConversationReferences, "conversation:" + key.ToString());

    public static CacheKey TeamsToken(string token) => new(CacheRegion.TeamsTokens, token, 0);

    /// <summary>A Slack user id is unique within its workspace only, so the key carries the workspace.</summary>
    public static CacheKey SlackUser(string workspace, string userId) => Of(CacheRegion.SlackUsers, $"slack-user:{workspace}:{userId}");

    /// <summary>An installation by its key (<c>T-…</c> for a workspace, <c>E-…</c> for an Enterprise Grid organisation).</summary>
    public static CacheKey SlackInstallation(string installationKey) => Of(CacheRegion.SlackInstallations, "slack-install:" + installationKey);

    public static CacheKey All(CacheRegion region) => new(region, null, 0);

    /// <summary>
    /// The key whose <see cref="Text"/> this is (another host's invalidation, ADR 0016): deal views get their deal's
    /// stripe back, so the version counters stay those the writer moved there.
    /// </summary>
    public static CacheKey FromText(CacheRegion region, string? text)
    {
        if (text is null)
        {
            return All(region);
        }

        if (region == CacheRegion.DealViews && text.StartsWith("deal:", StringComparison.Ordinal)
            && long.TryParse(text.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var deal))
        {
            return Deal(new DealId(deal));
        }

        return region == CacheRegion.Directory && text == Directory.Text ? Directory : Of(region, text);
    }

    private static CacheKey Of(CacheRegion region, string text) => new(region, text, text.GetHashCode(StringComparison.Ordinal) & StripeMask);
}
