using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Domain;

namespace SalesCoachBot.Data.Stores.Caching;

/// <summary>
/// Serves a deal's view from <see cref="StoreReadCache"/> and drops it whenever the deal changes
/// here. Lists and lookups by other keys go to the database as before.
/// </summary>
internal sealed class CachingDealStore(DealStore inner, StoreReadCache cache) : IDealStore
{
    public async Task<DealView?> GetAsync(DealId id, CancellationToken cancellationToken)
    {
        if (cache.TryGetDeal(id, out var cached))
        {
            return cached;
        }

        var generation = cache.DealGeneration(id.Value);
        var view = await inner.GetAsync(id, cancellationToken);
        if (view is not null)
        {
            cache.StoreDeal(view, generation);
        }

        return view;
    }

    public Task<DealView?> FindByExternalIdAsync(string externalId, CancellationToken cancellationToken) =>
        inner.FindByExternalIdAsync(externalId, cancellationToken);

    public Task<IReadOnlyList<DealNameEntry>> ListNamesAsync(IReadOnlyCollection<long>? teamIds, CancellationToken cancellationToken) =>
        inner.ListNamesAsync(teamIds, cancellationToken);

    public Task<IReadOnlyList<DealView>> ListOpenByOwnerAsync(long ownerId, CancellationToken cancellationToken) =>
        inner.ListOpenByOwnerAsync(ownerId, cancellationToken);

    public Task<IReadOnlyList<DealView>> ListOpenAsync(IReadOnlyCollection<long>? teamIds, CancellationToken cancellationToken) =>
        inner.ListOpenAsync(teamIds, cancellationToken);

    public Task<IReadOnlyDictionary<string, int>> CountOpenByStageAsync(long? teamId, CancellationToken cancellationToken) =>
        inner.CountOpenByStageAsync(teamId, cancellationToken);

    public async Task<T?> ChangeDealAsync<T>(DealId id, Func<DealState, DealChangePlan<T>> decide, CancellationToken cancellationToken)
        where T : class
    {
        // Dropped before and after: a reader that started before the commit must not keep its copy.
        cache.InvalidateDeal(id.Value);
        try
        {
            return await inner.ChangeDealAsync(id, decide, cancellationToken);
        }
        finally
        {
            cache.InvalidateDeal(id.Value);
        }
    }
}
