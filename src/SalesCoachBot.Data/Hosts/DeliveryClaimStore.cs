using Microsoft.EntityFrameworkCore;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Data.Infrastructure;

namespace SalesCoachBot.Data.Hosts;

/// <summary>
/// Delivery claims as one upsert: a new key is inserted, an expired one taken over, a live one left alone; the row
/// count says which. Atomic on both providers, so two hosts racing on one key get one true.
/// </summary>
internal sealed class DeliveryClaimStore(SalesCoachDbContextFactory factory, TimeProvider time) : IDeliveryClaims
{
    /// <summary>Expired claims are swept every this many claims (per process): cheap, and the table stays near a window's traffic.</summary>
    internal const int SweepEvery = 500;

    private int claims;

    public async Task<bool> TryClaimAsync(string key, TimeSpan window, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
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
        await using var db = factory.CreateDbContext();
        await db.Database.ExecuteSqlAsync($"DELETE FROM delivery_claims WHERE key = {key}", cancellationToken);
    }
}
