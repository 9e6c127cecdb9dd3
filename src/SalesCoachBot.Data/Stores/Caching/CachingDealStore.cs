using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Caching;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Data.Stores.Caching;

/// <summary>
/// Serves a deal's view from the shared cache (<see cref="CacheRegion.DealViews"/>, kept
/// <see cref="CacheOptions.ReadLifetime"/>) and invalidates it whenever the deal changes here. Lists and
/// lookups by other keys go to the database as before. The inner store takes its database context only when it
/// queries (<see cref="Infrastructure.DbContextLease"/>): a turn served from memory takes none.
/// </summary>
internal sealed class CachingDealStore(DealStore inner, SharedCache cache, ICacheInvalidation invalidation) : IDealStore
{
    public async Task<DealView?> GetAsync(DealId id, CancellationToken cancellationToken) =>
        await cache.GetOrReadAsync(
            CacheKey.Deal(id), (Inner: inner, Id: id), static (s, ct) => new ValueTask<DealView?>(s.Inner.GetAsync(s.Id, ct)), cancellationToken);

    public Task<DealView?> FindByExternalIdAsync(string externalId, CancellationToken cancellationToken) =>
        inner.FindByExternalIdAsync(externalId, cancellationToken);

    public Task<IReadOnlyList<DealNameEntry>> ListNamesAsync(IReadOnlyCollection<long>? teamIds, CancellationToken cancellationToken) =>
        inner.ListNamesAsync(teamIds, cancellationToken);

    public Task<IReadOnlyList<DealView>> ListOpenByOwnerAsync(long ownerId, CancellationToken cancellationToken) =>
        inner.ListOpenByOwnerAsync(ownerId, cancellationToken);

    public Task<IReadOnlyList<DealView>> ListOpenAsync(IReadOnlyCollection<long>? teamIds, CancellationToken cancellationToken) =>
        inner.ListOpenAsync(teamIds, cancellationToken);

    public Task<IReadOnlyList<DealView>> ListOpenAtStagesAsync(
        IReadOnlyCollection<long>? teamIds, IReadOnlyCollection<StageId> stages, CancellationToken cancellationToken) =>
        inner.ListOpenAtStagesAsync(teamIds, stages, cancellationToken);

    public Task<IReadOnlySet<StageId>> ListOpenStageIdsAsync(IReadOnlyCollection<long>? teamIds, CancellationToken cancellationToken) =>
        inner.ListOpenStageIdsAsync(teamIds, cancellationToken);

    public Task<IReadOnlyList<DealView>> ListOpenOfOwnersAsync(DealScope? scope, IReadOnlyCollection<long> ownerIds, CancellationToken cancellationToken) =>
        inner.ListOpenOfOwnersAsync(scope, ownerIds, cancellationToken);

    public Task<IReadOnlyList<DealOwner>> ListOpenOwnersAsync(DealScope? scope, CancellationToken cancellationToken) =>
        inner.ListOpenOwnersAsync(scope, cancellationToken);

    public Task<IReadOnlyList<OpenDealCurrency>> CountOpenByCurrencyAsync(DealScope? scope, CancellationToken cancellationToken) =>
        inner.CountOpenByCurrencyAsync(scope, cancellationToken);

    public Task<int> CountStalledAsync(DealScope? scope, StallLimits limits, DateTimeOffset now, CancellationToken cancellationToken) =>
        inner.CountStalledAsync(scope, limits, now, cancellationToken);

    public Task<DueSteps> ListDueStepsAsync(
        DealScope? scope, DateTimeOffset? datedBefore, bool withoutDay, int names, CancellationToken cancellationToken) =>
        inner.ListDueStepsAsync(scope, datedBefore, withoutDay, names, cancellationToken);

    public Task<OpenDealCounts> CountOpenAsync(DealScope? scope, StallLimits limits, DateTimeOffset now, CancellationToken cancellationToken) =>
        inner.CountOpenAsync(scope, limits, now, cancellationToken);

    public Task<IReadOnlyList<DealStep>> ListOpenStepsAsync(
        DealScope? scope, DateTimeOffset? datedBefore, bool withoutDay, CancellationToken cancellationToken) =>
        inner.ListOpenStepsAsync(scope, datedBefore, withoutDay, cancellationToken);

    public Task<IReadOnlyList<StalledDeal>> ListStalledOpenAsync(
        IReadOnlyCollection<long>? teamIds, StallLimits limits, DateTimeOffset now, CancellationToken cancellationToken) =>
        inner.ListStalledOpenAsync(teamIds, limits, now, cancellationToken);

    public Task<IReadOnlyList<DealView>> ListBiggestOpenAsync(
        DealScope? scope, IReadOnlyCollection<OpenDealCurrency> currencies, int count, CancellationToken cancellationToken) =>
        inner.ListBiggestOpenAsync(scope, currencies, count, cancellationToken);

    public Task<IReadOnlyList<DealView>> ListOldestOpenAsync(DealScope? scope, int count, CancellationToken cancellationToken) =>
        inner.ListOldestOpenAsync(scope, count, cancellationToken);

    public Task<IReadOnlyDictionary<string, int>> CountOpenByStageAsync(long? teamId, CancellationToken cancellationToken) =>
        inner.CountOpenByStageAsync(teamId, cancellationToken);

    public Task<LatestConfirmation?> FindLatestConfirmationAsync(
        long? personId, DealId? deal, DealScope? scope, DateTimeOffset since, CancellationToken cancellationToken) =>
        inner.FindLatestConfirmationAsync(personId, deal, scope, since, cancellationToken);

    public Task<LatestClose?> FindLatestCloseAsync(long personId, DealId? deal, DateTimeOffset since, CancellationToken cancellationToken) =>
        inner.FindLatestCloseAsync(personId, deal, since, cancellationToken);

    public async Task<T?> ChangeDealAsync<T>(DealId id, Func<DealState, DealChangePlan<T>> decide, CancellationToken cancellationToken)
        where T : class
    {
        var key = CacheKey.Deal(id);
        DealChange<T> change;
        try
        {
            // The stamp is the deal's cache version, read under the deal's lock just before the commit.
            change = await inner.ChangeAsync(id, decide, () => cache.Version(key), cancellationToken);
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
