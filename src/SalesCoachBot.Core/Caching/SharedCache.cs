using System.ComponentModel;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;

namespace SalesCoachBot.Core.Caching;

/// <summary>
/// The one cache: entries live in the registered <see cref="HybridCache"/> (in this process only, see
/// <see cref="CachingServiceCollectionExtensions"/>), each region with the lifetime <see cref="CacheOptions"/> gives it,
/// all tagged with their region so a whole region can be dropped.
/// <para>
/// HybridCache stores what a read returns even when the key was invalidated while the read ran, so a read that
/// started before a write committed could keep the old value. Each region therefore keeps version counters that
/// every invalidation moves before it drops the key: a read or a keep that sees its key's version move while it
/// ran drops what it stored. Keys share a fixed number of counters, so a change to one deal can only cost another
/// deal a cache miss, never a stale answer.
/// </para>
/// </summary>
public sealed class SharedCache : ICacheInvalidation
{
    /// <summary>Version counters per region (a power of two).</summary>
    internal const int Stripes = 1024;

    private static readonly int RegionCount = Enum.GetValues<CacheRegion>().Length;

    private readonly HybridCache cache;
    private readonly long[] regionVersions = new long[RegionCount];
    private readonly long[][] keyVersions;
    private readonly HybridCacheEntryOptions?[] entries;
    private readonly HybridCacheEntryOptions?[] peeks;
    private readonly string[] regionTags;
    private readonly string[][] tagLists;

    public SharedCache(HybridCache cache, IOptions<CacheOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.cache = cache;
        keyVersions = new long[RegionCount][];
        entries = new HybridCacheEntryOptions?[RegionCount];
        peeks = new HybridCacheEntryOptions?[RegionCount];
        regionTags = new string[RegionCount];
        tagLists = new string[RegionCount][];
        foreach (var region in Enum.GetValues<CacheRegion>())
        {
            var i = (int)region;
            keyVersions[i] = new long[Stripes];
            regionTags[i] = "region:" + region;
            tagLists[i] = [regionTags[i]];
            var lifetime = options.Value.LifetimeOf(region);
            if (lifetime > TimeSpan.Zero)
            {
                entries[i] = Entry(lifetime);
                peeks[i] = new HybridCacheEntryOptions { Flags = InProcess | HybridCacheEntryFlags.DisableUnderlyingData };
            }
        }
    }

    /// <summary>Every entry stays in this process: no distributed cache, no compression.</summary>
    internal const HybridCacheEntryFlags InProcess = HybridCacheEntryFlags.DisableDistributedCache | HybridCacheEntryFlags.DisableCompression;

    /// <summary>False when the region's lifetime is zero: reads go straight to their source.</summary>
    public bool IsOn(CacheRegion region) => entries[(int)region] is not null;

    /// <summary>
    /// The region's version for <paramref name="key"/>: moves whenever the key or its whole region is invalidated
    /// (and, since keys share counters, sometimes for another key).
    /// </summary>
    public long Version(CacheKey key) =>
        Volatile.Read(ref regionVersions[(int)key.Region]) + (key.IsWholeRegion ? 0 : Volatile.Read(ref keyVersions[(int)key.Region][key.Stripe]));

    /// <summary>
    /// The cached value of <paramref name="key"/>, or what <paramref name="read"/> returns, kept for the region's
    /// lifetime. Concurrent callers for one key share one read. Null (not found) is not kept, and neither is a
    /// value the key was invalidated during.
    /// </summary>
    /// <remarks>
    /// The read runs to completion even when the caller gives up: other callers may be waiting for it, and it may
    /// use the first caller's database context, which therefore must stay open until it ends.
    /// </remarks>
    public async ValueTask<T> GetOrReadAsync<TState, T>(
        CacheKey key, TState state, Func<TState, CancellationToken, ValueTask<T>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        cancellationToken.ThrowIfCancellationRequested();
        var entry = Entry(key);
        if (entry is null)
        {
            return await read(state, cancellationToken).ConfigureAwait(false);
        }

        var version = Version(key);
        var held = await cache.GetOrCreateAsync(
            key.Text!,
            (state, read),
            static async (s, ct) => new Held<T>(await s.read(s.state, ct).ConfigureAwait(false)),
            entry,
            tagLists[(int)key.Region],
            CancellationToken.None).ConfigureAwait(false);
        if (held.Value is null || Version(key) != version)
        {
            await cache.RemoveAsync(key.Text!, CancellationToken.None).ConfigureAwait(false);
        }

        return held.Value;
    }

    /// <summary>The cached value of <paramref name="key"/>, or null; never reads anything.</summary>
    public async ValueTask<T?> PeekAsync<T>(CacheKey key)
        where T : class
    {
        var peek = peeks[(int)key.Region];
        if (peek is null || key.Text is null)
        {
            return null;
        }

        var held = await cache.GetOrCreateAsync(key.Text, static _ => ValueTask.FromResult<Held<T>>(null!), peek, null, CancellationToken.None).ConfigureAwait(false);
        return held?.Value;
    }

    /// <summary>
    /// Keeps <paramref name="value"/> under <paramref name="key"/> unless the key's <see cref="Version"/> is no longer
    /// <paramref name="version"/> (read before the value was read or written): then something changed meanwhile, and
    /// nothing is kept. <paramref name="lifetime"/> shortens the region's lifetime for this entry.
    /// </summary>
    public async ValueTask KeepAsync<T>(CacheKey key, T value, long version, TimeSpan? lifetime = null)
    {
        var entry = Entry(key);
        if (entry is null || Version(key) != version)
        {
            return;
        }

        if (lifetime is { } shorter && shorter < entry.Expiration)
        {
            if (shorter <= TimeSpan.Zero)
            {
                return;
            }

            entry = Entry(shorter);
        }

        await cache.SetAsync(key.Text!, new Held<T>(value), entry, tagLists[(int)key.Region], CancellationToken.None).ConfigureAwait(false);
        if (Version(key) != version)
        {
            await cache.RemoveAsync(key.Text!, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Drops <paramref name="key"/> (or its whole region) on this host; writers call <see cref="ICacheInvalidation"/>.</summary>
    public async ValueTask InvalidateAsync(CacheKey key, CancellationToken cancellationToken = default)
    {
        var region = (int)key.Region;
        if (key.IsWholeRegion)
        {
            Interlocked.Increment(ref regionVersions[region]);
            await cache.RemoveByTagAsync(regionTags[region], cancellationToken).ConfigureAwait(false);
        }
        else
        {
            Interlocked.Increment(ref keyVersions[region][key.Stripe]);
            await cache.RemoveAsync(key.Text!, cancellationToken).ConfigureAwait(false);
        }
    }

    private HybridCacheEntryOptions? Entry(CacheKey key) => key.Text is null ? null : entries[(int)key.Region];

    private static HybridCacheEntryOptions Entry(TimeSpan lifetime) =>
        new() { Expiration = lifetime, LocalCacheExpiration = lifetime, Flags = InProcess };

    /// <summary>
    /// What an entry holds. Sealed and marked immutable, so HybridCache hands out this same object on a hit rather
    /// than a deserialised copy; the values themselves are never changed once cached.
    /// </summary>
    [ImmutableObject(true)]
    internal sealed class Held<T>(T value)
    {
        public T Value { get; } = value;
    }
}
