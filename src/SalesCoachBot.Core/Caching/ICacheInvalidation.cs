namespace SalesCoachBot.Core.Caching;

/// <summary>
/// How every writer tells the caches that something changed: after its commit, and also when it failed
/// (the commit may have happened). The default drops the key on this host (<see cref="SharedCache"/>); a
/// cross-host broadcast (PostgreSQL LISTEN/NOTIFY, or HybridCache's distributed tag store) replaces this one
/// registration and calls <see cref="SharedCache.InvalidateAsync"/> on every host that hears of the change.
/// </summary>
public interface ICacheInvalidation
{
    ValueTask InvalidateAsync(CacheKey key, CancellationToken cancellationToken = default);
}
