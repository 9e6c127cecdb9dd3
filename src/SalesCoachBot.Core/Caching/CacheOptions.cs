namespace SalesCoachBot.Core.Caching;

/// <summary>
/// <c>Cache:*</c>: how long and how much each cache keeps, in one place. Every bound here is also the longest a
/// change made by another host (or written to the database directly) can go unseen by this one;
/// docs/decisions/0004-cache-design.md gives each cache's bound and why.
/// </summary>
public sealed class CacheOptions
{
    public const string Section = "Cache";

    /// <summary>The most a remembered Teams token may be trusted without a full check.</summary>
    public static readonly TimeSpan MaxTeamsTokenLifetime = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Deal views and the people-and-teams directory that chat turns read (<c>Cache:ReadLifetime</c>; the older
    /// name <c>Database:ReadCacheLifetime</c> is still read). Default 5 s, at most 10 min; zero turns both off.
    /// </summary>
    public TimeSpan ReadLifetime { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The deal-name index is rebuilt in the background once older than this (<c>Cache:DealNameIndexMaxAge</c>, default 10 min).</summary>
    public TimeSpan DealNameIndexMaxAge { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long a Teams conversation reference this host stored or read counts as stored without asking the
    /// database again (<c>Cache:ConversationReferenceLifetime</c>, default 10 min; zero asks every time).
    /// </summary>
    public TimeSpan ConversationReferenceLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// A Teams token that passed every check is remembered by its exact text until it expires, at most this long
    /// (<c>Cache:TeamsTokenLifetime</c>, default and maximum 10 min; zero checks every token in full).
    /// </summary>
    public TimeSpan TeamsTokenLifetime { get; set; } = MaxTeamsTokenLifetime;

    /// <summary>
    /// The confirmed email Slack gives for a user id (<c>users.info</c>) is reused this long
    /// (<c>Cache:SlackUserLifetime</c>, default 1 h; zero asks every time). "No such user" or no confirmed email is
    /// kept 5 min at most, a failed lookup 1 min at most (a slow one is kept by what it finds, once it finds it).
    /// </summary>
    public TimeSpan SlackUserLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// A Slack installation read from its encrypted file is reused this long (<c>Cache:SlackInstallationLifetime</c>,
    /// default 10 min; zero reads the file every time). Installs, refreshes and uninstalls through this host are seen
    /// at once; the bound is for files changed by another process.
    /// </summary>
    public TimeSpan SlackInstallationLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Pipeline facts: report scopes kept, the least recently used dropped past this (<c>Cache:PipelineScopes</c>, default 32).</summary>
    public int PipelineScopes { get; set; } = 32;

    /// <summary>The lifetime of entries in <paramref name="region"/>; zero when that cache is off.</summary>
    public TimeSpan LifetimeOf(CacheRegion region) => region switch
    {
        CacheRegion.DealViews or CacheRegion.Directory => ReadLifetime,
        CacheRegion.DealNames => DealNameIndexMaxAge,
        CacheRegion.ConversationReferences => ConversationReferenceLifetime,
        CacheRegion.TeamsTokens => TeamsTokenLifetime,
        CacheRegion.SlackUsers => SlackUserLifetime,
        CacheRegion.SlackInstallations => SlackInstallationLifetime,
        _ => throw new ArgumentOutOfRangeException(nameof(region), region, null),
    };

    /// <summary>Why these options cannot be used, or null.</summary>
    public string? Problem() =>
        ReadLifetime < TimeSpan.Zero || ReadLifetime > TimeSpan.FromMinutes(10) ? "Cache:ReadLifetime (Database:ReadCacheLifetime) must be between 00:00:00 (off) and 00:10:00."
        : DealNameIndexMaxAge < TimeSpan.FromSeconds(1) || DealNameIndexMaxAge > TimeSpan.FromHours(24) ? "Cache:DealNameIndexMaxAge must be between 00:00:01 and 1.00:00:00."
        : ConversationReferenceLifetime < TimeSpan.Zero || ConversationReferenceLifetime > TimeSpan.FromHours(24) ? "Cache:ConversationReferenceLifetime must be between 00:00:00 (off) and 1.00:00:00."
        : TeamsTokenLifetime < TimeSpan.Zero || TeamsTokenLifetime > MaxTeamsTokenLifetime ? "Cache:TeamsTokenLifetime must be between 00:00:00 (off) and 00:10:00."
        : SlackUserLifetime < TimeSpan.Zero || SlackUserLifetime > TimeSpan.FromHours(24) ? "Cache:SlackUserLifetime must be between 00:00:00 (off) and 1.00:00:00."
        : SlackInstallationLifetime < TimeSpan.Zero || SlackInstallationLifetime > TimeSpan.FromHours(24) ? "Cache:SlackInstallationLifetime must be between 00:00:00 (off) and 1.00:00:00."
        : PipelineScopes is < 1 or > 1_000 ? "Cache:PipelineScopes must be between 1 and 1000."
        : null;
}
