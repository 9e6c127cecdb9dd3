using Microsoft.Extensions.DependencyInjection;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Caching;
using SalesCoachBot.Core.Domain;

namespace SalesCoachBot.Data.Stores.Caching;

/// <summary>
/// Serves a deal's view from the shared cache (<see cref="CacheRegion.DealViews"/>, kept
/// <see cref="CacheOptions.ReadLifetime"/>) and invalidates it whenever the deal changes here. Lists and
/// lookups by other keys go to the database as before.
/// </summary>
internal sealed class CachingDealStore(IServiceProvider services, SharedCache cache, ICacheInvalidation invalidation) : IDealStore
{
    // Resolved on a miss only: a turn served from memory never builds a database context.
    private DealStore Inner => field ??= services.GetRequiredService<DealStore>();

    public async Task<DealView?> GetAsync(DealId id, CancellationToken cancellationToken) =>
        await cache.GetOrReadAsync(
            CacheKey.Deal(id), (Store: this, Id: id), static (s, ct) => new ValueTask<DealView?>(s.Store.Inner.GetAsync(s.Id, ct)), cancellationToken);

    public Task<DealView?> FindByExternalIdAsync(string externalId, CancellationToken cancellationToken) =>
        Inner.FindByExternalIdAsync(externalId, cancellationToken);

    public Task<IReadOnlyList<DealNameEntry>> ListNamesAsync(IReadOnlyCollection<long>? teamIds, CancellationToken cancellationToken) =>
        Inner.ListNamesAsync(teamIds, cancellationToken);

    public Task<IReadOnlyList<DealView>> ListOpenByOwnerAsync(long ownerId, CancellationToken cancellationToken) =>
        Inner.ListOpenByOwnerAsync(ownerId, cancellationToken);

    public Task<IReadOnlyList<DealView>> ListOpenAsync(IReadOnlyCollection<long>? teamIds, CancellationToken cancellationToken) =>
        Inner.ListOpenAsync(teamIds, cancellationToken);

    public Task<IReadOnlyDictionary<string, int>> CountOpenByStageAsync(long? teamId, CancellationToken cancellationToken) =>
        Inner.CountOpenByStageAsync(teamId, cancellationToken);

    public async Task<T?> ChangeDealAsync<T>(DealId id, Func<DealState, DealChangePlan<T>> decide, CancellationToken cancellationToken)
        where T : class
    {
        var key = CacheKey.Deal(id);
        DealChange<T> change;
        try
        {
            // The stamp is the deal's cache version, read under the deal's lock just before the commit.
            change = await Inner.ChangeAsync(id, decide, () => cache.Version(key), cancellationToken);
        }
        catch
        {
            await invalidation.InvalidateAsync(key, CancellationToken.None); // it may have committed
            throw;
        }

        await invalidation.InvalidateAsync(key, CancellationToken.None);

        // The card drawn next shows the deal as this change left it: kept, not read again. The invalidation above
        // moved the version by one; more means another change or an import came in between, and nothing is kept.
        if (change.After is { } after)
        {
            await cache.KeepAsync(key, after, change.Stamp + 1);
        }

        return change.Result;
    }
}
