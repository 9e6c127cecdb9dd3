using Microsoft.EntityFrameworkCore;
using SalesCoachBot.Core.Crm;
using SalesCoachBot.Data.Infrastructure;

namespace SalesCoachBot.Data.Crm;

/// <summary>
/// The replayId and the subscription lease in the provider's <c>crm_sync_state</c> row. The lease is one conditional
/// UPDATE (free, expired, or ours), atomic on both providers, so two hosts racing for it get one true.
/// </summary>
internal sealed class CrmChangeEventStore(SalesCoachDbContextFactory factory) : ICrmChangeEventStore
{
    public async Task<long?> GetReplayIdAsync(string provider, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        return await db.Set<CrmSyncStateRow>().AsNoTracking().Where(s => s.Provider == provider).Select(s => s.ReplayId).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task SaveReplayIdAsync(string provider, long? replayId, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        var updated = await db.Set<CrmSyncStateRow>().Where(s => s.Provider == provider)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ReplayId, replayId), cancellationToken);
        if (updated == 0)
        {
            db.Add(new CrmSyncStateRow { Provider = provider, ReplayId = replayId });
            if (!await SaveNewRowAsync(db, cancellationToken))
            {
                // Another host (a sync) inserted the row meanwhile: it is there now.
                await using var again = factory.CreateDbContext();
                await again.Set<CrmSyncStateRow>().Where(s => s.Provider == provider)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.ReplayId, replayId), cancellationToken);
            }
        }
    }

    public async Task<bool> TryHoldLeaseAsync(string provider, string owner, DateTimeOffset until, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        var taken = await db.Set<CrmSyncStateRow>()
            .Where(s => s.Provider == provider && (s.StreamLeaseOwner == null || s.StreamLeaseOwner == owner || s.StreamLeaseUntil == null || s.StreamLeaseUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.StreamLeaseOwner, owner).SetProperty(r => r.StreamLeaseUntil, until), cancellationToken);
        if (taken > 0)
        {
            return true;
        }

        if (await db.Set<CrmSyncStateRow>().AnyAsync(s => s.Provider == provider, cancellationToken))
        {
            return false;   // another host holds a live lease
        }

        db.Add(new CrmSyncStateRow { Provider = provider, StreamLeaseOwner = owner, StreamLeaseUntil = until });
        return await SaveNewRowAsync(db, cancellationToken);
    }

    public async Task ReleaseLeaseAsync(string provider, string owner, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        await db.Set<CrmSyncStateRow>().Where(s => s.Provider == provider && s.StreamLeaseOwner == owner)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.StreamLeaseOwner, (string?)null).SetProperty(r => r.StreamLeaseUntil, (DateTimeOffset?)null), cancellationToken);
    }

    /// <summary>The provider's first row; false when another host inserted it first (the caller's work is theirs).</summary>
    private static async Task<bool> SaveNewRowAsync(SalesCoachDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            return false;
        }
    }
}
