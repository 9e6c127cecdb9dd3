using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Caching;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Coaching;

/// <summary>
/// Keeps one <see cref="DealNameIndex"/> of every deal's name so a turn never scans all deals.
/// Deals change outside this process too (imports, other hosts), so the index is rebuilt in the
/// background when older than <see cref="CacheOptions.DealNameIndexMaxAge"/> or when its region
/// (<see cref="CacheRegion.DealNames"/>) was invalidated, and when a name is not found. A small index
/// (fast to build) is rebuilt at once before answering "not found", so a just-imported deal is found;
/// a large one at most once a minute, in the background.
/// <para>
/// The index is not an entry of <see cref="SharedCache"/>: it is rebuilt while the old one keeps answering,
/// which an expiring entry cannot do without making one turn wait seconds for a large rebuild. A rebuild that
/// fails is logged and the old index keeps serving.
/// </para>
/// </summary>
internal sealed partial class DealNameResolverCache(
    TimeProvider time, IServiceScopeFactory scopes, SharedCache cache, IOptions<CacheOptions> options, ILogger<DealNameResolverCache> logger) : IDisposable
{
    private static readonly TimeSpan MinRebuildInterval = TimeSpan.FromSeconds(2);

    // A large index costs seconds of CPU to rebuild; a miss triggers that at most once a minute.
    private static readonly TimeSpan MinSlowRebuildInterval = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan QuickBuild = TimeSpan.FromMilliseconds(100);
    private static readonly CacheKey Region = CacheKey.All(CacheRegion.DealNames);

    private readonly TimeSpan _maxAge = options.Value.DealNameIndexMaxAge;
    private readonly DealResolver _resolver = new();
    private readonly SemaphoreSlim _rebuild = new(1, 1);
    private Built? _built;
    private int _backgroundRunning;

    /// <summary>An index with when it was built, how long that took, and the region's version it reflects.</summary>
    private sealed record Built(DealNameIndex Index, DateTimeOffset At, TimeSpan Took, long Version);

    public async Task<DealResolution> ResolveAsync(
        IDealStore deals, string text, DealScope? scope, CancellationToken cancellationToken)
    {
        var reference = new NameReference(text);
        var built = _built ?? await RebuildAsync(deals, null, cancellationToken);
        var age = time.GetUtcNow() - built.At;
        if (age > _maxAge || built.Version != cache.Version(Region))
        {
            RebuildInBackground();
        }

        var resolution = _resolver.Resolve(reference, built.Index, scope);
        if (resolution is DealResolution.NotFound && age > MinRebuildInterval)
        {
            if (built.Took <= QuickBuild)
            {
                var fresh = await RebuildOrKeepAsync(deals, built, cancellationToken);
                if (!ReferenceEquals(fresh, built))
                {
                    resolution = _resolver.Resolve(reference, fresh.Index, scope);
                }
            }
            else if (age > MinSlowRebuildInterval)
            {
                RebuildInBackground();
            }
        }

        return resolution;
    }

    /// <summary>
    /// True when <paramref name="reference"/> is a name that fits no deal <paramref name="person"/> may see and comes
    /// close to none: words the parser took for a deal's name («بلا بلا» in "unsnooze deal بلا بلا") that name nothing.
    /// </summary>
    public async Task<bool> FitsNoDealAsync(IDealStore deals, DealReference reference, PersonView person, CancellationToken cancellationToken) =>
        reference is NameReference name
        && await ResolveAsync(deals, name.Text, AccessPolicy.FindableDeals(person), cancellationToken) is DealResolution.NotFound { Closest: null };

    /// <summary>
    /// True when <paramref name="reference"/> is a name that names no deal <paramref name="person"/> may see, neither one
    /// deal nor a few equally well: a close name does not count (<see cref="AboutCommand.NameAlone"/>).
    /// </summary>
    public async Task<bool> NamesNoDealAsync(IDealStore deals, DealReference reference, PersonView person, CancellationToken cancellationToken) =>
        reference is NameReference name
        && await ResolveAsync(deals, name.Text, AccessPolicy.FindableDeals(person), cancellationToken) is not (DealResolution.Found or DealResolution.Ambiguous);

    /// <summary>
    /// Puts a deal created on this host into the current index at once, so the next turn finds it by name without
    /// waiting for a rebuild. Other hosts hear of it through the <see cref="CacheRegion.DealNames"/> invalidation.
    /// </summary>
    public void Add(DealNameEntry entry) => _built?.Index.AddOrUpdate(entry);

    /// <summary>Builds the index now (e.g. at start-up) so the first turn does not pay for it.</summary>
    public async Task WarmUpAsync(IDealStore deals, CancellationToken cancellationToken) =>
        await RebuildAsync(deals, null, cancellationToken);

    /// <summary>A fresh index, or <paramref name="current"/> when the rebuild failed (logged).</summary>
    private async Task<Built> RebuildOrKeepAsync(IDealStore deals, Built current, CancellationToken cancellationToken)
    {
        try
        {
            return await RebuildAsync(deals, current, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogRebuildFailed(logger, current.Index.Count, ex);
            return current;
        }
    }

    private async Task<Built> RebuildAsync(IDealStore deals, Built? seen, CancellationToken cancellationToken)
    {
        await _rebuild.WaitAsync(cancellationToken);
        try
        {
            if (_built is { } current && !ReferenceEquals(current, seen))
            {
                return current; // another turn rebuilt it while this one waited
            }

            // Read before the names: an invalidation during the read leaves the index marked stale.
            var version = cache.Version(Region);
            // Timed through the TimeProvider so a test decides whether the build counts as quick, not the machine's load.
            var started = time.GetTimestamp();
            var entries = await deals.ListNamesAsync(null, cancellationToken);
            var rebuilt = new Built(new DealNameIndex(entries), time.GetUtcNow(), time.GetElapsedTime(started), version);

            // Readers may still hold the old index; it has no unmanaged state, so it is left to the GC.
            _built = rebuilt;
            return rebuilt;
        }
        finally
        {
            _rebuild.Release();
        }
    }

    private void RebuildInBackground()
    {
        if (Interlocked.Exchange(ref _backgroundRunning, 1) == 1)
        {
            return;
        }

        var seen = _built;
        _ = Task.Run(async () =>
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await RebuildAsync(scope.ServiceProvider.GetRequiredService<IDealStore>(), seen, CancellationToken.None);
            }
            catch (Exception ex)
            {
                // Nothing awaits this task, so whatever is not logged here is lost. The current index keeps
                // serving; the next turn that finds it stale tries again.
                LogRebuildFailed(logger, seen?.Index.Count ?? 0, ex);
            }
            finally
            {
                Volatile.Write(ref _backgroundRunning, 0);
            }
        });
    }

    public void Dispose() => _rebuild.Dispose();

    [LoggerMessage(EventId = 1210, Level = LogLevel.Error, Message = "Deal-name index rebuild failed; the index of {Deals} deals keeps answering until a later turn rebuilds it")]
    private static partial void LogRebuildFailed(ILogger logger, int deals, Exception exception);
}
