using Microsoft.EntityFrameworkCore;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Data.Infrastructure;

namespace SalesCoachBot.Data.Hosts;

/// <summary>
/// Delivery claims as one upsert: a new key is inserted, an expired one taken over, a live one left alone; the row
/// count says which. Atomic on both providers, so two hosts racing on one key get one true. On SQLite a claim is a
/// write like a deal change, so it takes its turn at <see cref="SqliteWriteGate"/>: racing a change for the database's
/// write lock, it met SQLite's busy handler, whose sleeps (1, 2, 5, 10… ms) were the tail of the Slack confirm.
/// </summary>
internal sealed class DeliveryClaimStore(SalesCoachDbContextFactory factory, SqliteWriteGate writeGate, TimeProvider time) : IDeliveryClaims
{
    /// <summary>Expired claims are swept every this many claims (per process): cheap, and the table stays near a window's traffic.</summary>
    internal const int SweepEvery = 500;

    private int claims;

    public async Task<bool> TryClaimAsync(string key, TimeSpan window, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        using var turn = await WriteTurnAsync(cancellationToken);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var expires = now + (long)window.TotalMilliseconds;
        await using var db = factory.CreateDbContext();
        if (Interlocked.Increment(ref claims) % SweepEvery == 0)
        {
            await db.Database.ExecuteSqlAsync($"DELETE FROM delivery_claims WHERE expires_at_ms <= {now}", cancellationToken);
        }

        var taken = await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO delivery_claims (key, expires_at_ms) VALUES ({key}, {expires})
            ON CONFLICT (key) DO UPDATE SET expires_at_ms = excluded.expires_at_ms WHERE delivery_claims.expires_at_ms <= {now}
            """,
            cancellationToken);
        return taken > 0;
    }

    public async Task ReleaseAsync(string key, CancellationToken cancellationToken)
    {
        using var turn = await WriteTurnAsync(cancellationToken);
        await using var db = factory.CreateDbContext();
        await db.Database.ExecuteSqlAsync($"DELETE FROM delivery_claims WHERE key = {key}", cancellationToken);
    }

    private async ValueTask<IDisposable?> WriteTurnAsync(CancellationToken cancellationToken) =>
        factory.Provider == DatabaseProvider.Sqlite ? await writeGate.EnterAsync(cancellationToken) : null;
}
