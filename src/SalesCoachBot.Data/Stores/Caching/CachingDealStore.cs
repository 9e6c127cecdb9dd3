using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Domain;

namespace SalesCoachBot.Data.Stores.Caching;

/// <summary>
/// Serves a deal's view from <see cref="StoreReadCache"/> and drops it whenever the deal changes
/// here. Lists and lookups by other keys go to the database as before. The inner store takes its database
/// context only when it queries (<see cref="Infrastructure.DbContextLease"/>): a turn served from memory takes none.
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
        // Dropped first, so a reader that started earlier cannot store its copy over the change.
        cache.InvalidateDeal(id.Value);
        DealChange<T> change;
        try
        {
            change = await inner.ChangeAsync(id, decide, () => cache.DealGeneration(id.Value), cancellationToken);
        }
        catch
        {
            cache.InvalidateDeal(id.Value);
            throw;
        }

        // The card drawn next shows the deal as this change left it: kept, not read again.
        if (change.After is { } after)
        {
            cache.StoreChangedDeal(after, change.Stamp);
        }
        else
        {
            cache.InvalidateDeal(id.Value);
        }

        return change.Result;
    }
}
