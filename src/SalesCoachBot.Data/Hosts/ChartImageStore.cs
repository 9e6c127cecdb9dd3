using Microsoft.EntityFrameworkCore;
using SalesCoachBot.Data.Infrastructure;

namespace SalesCoachBot.Data.Hosts;

/// <summary>Rendered charts in the database under their tokens until they expire: any host serves any chart.</summary>
public sealed class ChartImageStore(SalesCoachDbContextFactory factory, TimeProvider time)
{
    public async Task AddAsync(string token, byte[] png, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(png);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var db = factory.CreateDbContext();

        // Sweeping on every add keeps the table at a day's charts without a job; the index makes it one range delete.
        await db.Set<ChartImageRow>().Where(c => c.ExpiresAtMs <= now).ExecuteDeleteAsync(cancellationToken);
        db.Add(new ChartImageRow { Token = token, Png = png, ExpiresAtMs = now + (long)lifetime.TotalMilliseconds });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The PNG for a token, or null when unknown or expired.</summary>
    public async Task<byte[]?> FindAsync(string token, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var db = factory.CreateDbContext();
        return await db.Set<ChartImageRow>().AsNoTracking()
            .Where(c => c.Token == token && c.ExpiresAtMs > now)
            .Select(c => c.Png)
            .FirstOrDefaultAsync(cancellationToken);
    }
}
