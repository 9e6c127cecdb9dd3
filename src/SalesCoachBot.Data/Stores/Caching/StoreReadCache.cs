using System.Collections.Concurrent;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Domain;

namespace SalesCoachBot.Data.Stores.Caching;

/// <summary>
/// What chat turns read over and over, kept in memory for a short lifetime (<c>Database:ReadCacheLifetime</c>):
/// the people and teams directory as one snapshot, and deal views by id. Changes made in this
/// process drop the affected entries at once; the lifetime bounds how long a change made elsewhere
/// (a CLI import, another host) stays unseen. Every write still decides against fresh rows under
/// the deal's lock, so a stale read can only show an old card, never record against it.
/// </summary>
public sealed class StoreReadCache(TimeProvider time, TimeSpan lifetime)
{
    private readonly ConcurrentDictionary<long, CachedDeal> deals = new();
    private readonly ConcurrentDictionary<long, long> dealGenerations = new();
    private readonly Lock dealWrites = new(); // a generation check and the store or drop it guards are one step
    private readonly SemaphoreSlim directoryLoad = new(1, 1);
    private DirectorySnapshot? directory;
    private long directoryGeneration;
    private long dealEpoch;

    public bool Enabled => lifetime > TimeSpan.Zero;

    private sealed record CachedDeal(DealView View, long Generation, DateTimeOffset Expires);

    /// <summary>The deal's cached view when still fresh.</summary>
    public bool TryGetDeal(DealId id, out DealView view)
    {
        if (Enabled && deals.TryGetValue(id.Value, out var cached) && cached.Expires > time.GetUtcNow()
            && cached.Generation == DealGeneration(id.Value))
        {
            view = cached.View;
            return true;
        }

        view = null!;
        return false;
    }

    /// <summary>Call before reading a deal; pass the result to <see cref="StoreDeal"/>.</summary>
    public long DealGeneration(long id) =>
        (Volatile.Read(ref dealEpoch) << 32) + (dealGenerations.TryGetValue(id, out var generation) ? generation : 0);

    /// <summary>Keeps a view read at <paramref name="generationBeforeRead"/>, unless the deal changed meanwhile.</summary>
    public void StoreDeal(DealView view, long generationBeforeRead)
    {
        if (!Enabled)
        {
            return;
        }

        lock (dealWrites)
        {
            if (DealGeneration(view.Id.Value) == generationBeforeRead)
            {
                Keep(view, generationBeforeRead);
            }
        }
    }

    /// <summary>
    /// Keeps the view a change left, stamped with the generation taken under the deal's lock before
    /// the commit. When nothing invalidated the deal since, the generation moves on first, so readers
    /// that read before the commit can no longer store their copy; otherwise another change or an
    /// import came in between, and the deal is only dropped.
    /// </summary>
    public void StoreChangedDeal(DealView view, long generationBeforeCommit)
    {
        lock (dealWrites)
        {
            var unchangedSince = DealGeneration(view.Id.Value) == generationBeforeCommit;
            InvalidateDealLocked(view.Id.Value);
            if (Enabled && unchangedSince)
            {
                Keep(view, DealGeneration(view.Id.Value));
            }
        }
    }

    /// <summary>The deal changed: readers in flight must not store what they read before.</summary>
    public void InvalidateDeal(long id)
    {
        lock (dealWrites)
        {
            InvalidateDealLocked(id);
        }
    }

    private void InvalidateDealLocked(long id)
    {
        dealGenerations.AddOrUpdate(id, 1, (_, g) => g + 1);
        deals.TryRemove(id, out _);
    }

    private void Keep(DealView view, long generation)
    {
        if (deals.Count > 100_000)
        {
            deals.Clear(); // a safety valve, far above any team's open deals
        }

        deals[view.Id.Value] = new CachedDeal(view, generation, time.GetUtcNow() + lifetime);
    }

    /// <summary>People, teams or many deals changed (imports).</summary>
    public void InvalidateAll()
    {
        Interlocked.Increment(ref directoryGeneration);
        directory = null;
        lock (dealWrites)
        {
            Interlocked.Increment(ref dealEpoch);
            deals.Clear();
        }
    }

    /// <summary>The directory snapshot, loaded with <paramref name="load"/> when missing or expired.</summary>
    public async Task<DirectorySnapshot> GetDirectoryAsync(Func<CancellationToken, Task<DirectorySnapshot>> load, CancellationToken cancellationToken)
    {
        if (directory is { } fresh && fresh.Expires > time.GetUtcNow())
        {
            return fresh;
        }

        await directoryLoad.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (directory is { } loadedMeanwhile && loadedMeanwhile.Expires > time.GetUtcNow())
            {
                return loadedMeanwhile;
            }

            var generation = Volatile.Read(ref directoryGeneration);
            var snapshot = (await load(cancellationToken).ConfigureAwait(false)) with { Expires = time.GetUtcNow() + lifetime };
            if (Enabled && generation == Volatile.Read(ref directoryGeneration))
            {
                directory = snapshot;
            }

            return snapshot;
        }
        finally
        {
            directoryLoad.Release();
        }
    }
}

/// <summary>Every person (with team ids) and team, indexed the ways chat turns look them up.</summary>
public sealed record DirectorySnapshot(
    IReadOnlyDictionary<string, PersonView> ByTeamsId,
    IReadOnlyDictionary<string, (PersonView Person, string? SlackTeamId)> BySlackId,
    IReadOnlyDictionary<string, PersonView> ByEmail,
    IReadOnlyList<SalesTeam> TeamsByName,
    IReadOnlyDictionary<string, SalesTeam> TeamsByNormalizedName)
{
    public DateTimeOffset Expires { get; init; }
}
