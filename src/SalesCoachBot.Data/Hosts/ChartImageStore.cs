using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using SalesCoachBot.Core.Pipeline;
using SalesCoachBot.Data.Infrastructure;

namespace SalesCoachBot.Data.Hosts;

/// <summary>
/// Rendered charts in the database under random 128-bit tokens until they expire (ADR 0018): any host serves any chart,
/// and a restart loses none. A singleton opening a context per call: charts are published inside a turn, served outside.
/// </summary>
public sealed class ChartImageStore(SalesCoachDbContextFactory factory, TimeProvider time) : IChartStore
{
    public async Task<string> AddAsync(byte[] png, CancellationToken cancellationToken)
    {
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        await AddAsync(token, png, IChartStore.Lifetime, cancellationToken);
        return token;
    }

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
