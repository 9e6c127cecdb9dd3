using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SalesCoachBot.Core.Pipeline;
using SalesCoachBot.Data.Infrastructure;

namespace SalesCoachBot.Data.Charts;

/// <summary>A rendered chart under its token; rows past <see cref="ExpiresAt"/> are deleted as new charts come in.</summary>
internal sealed class ChartRow
{
    public required string Token { get; set; }
    public required byte[] Png { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}

internal sealed class ChartRowConfiguration : IEntityTypeConfiguration<ChartRow>
{
    public void Configure(EntityTypeBuilder<ChartRow> builder)
    {
        builder.ToTable("charts");
        builder.HasKey(c => c.Token);
        builder.Property(c => c.Token).HasMaxLength(32);
        builder.HasIndex(c => c.ExpiresAt);
    }
}

/// <summary>
/// Charts in the database (ADR 0018): every host serves every chart, and a restart loses none. A singleton opening a
/// context per call, like the nudge store: charts are published inside a turn but served outside any.
/// </summary>
internal sealed class ChartStore(SalesCoachDbContextFactory factory, TimeProvider time) : IChartStore
{
    public async Task<string> AddAsync(byte[] png, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(png);
        var now = time.GetUtcNow();
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        await using var db = factory.CreateDbContext();
        await db.Set<ChartRow>().Where(c => c.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
        db.Add(new ChartRow { Token = token, Png = png, CreatedAt = now, ExpiresAt = now + IChartStore.Lifetime });
        await db.SaveChangesAsync(cancellationToken);
        return token;
    }

    public async Task<byte[]?> FindAsync(string token, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = factory.CreateDbContext();
        return await db.Set<ChartRow>().AsNoTracking()
            .Where(c => c.Token == token && c.ExpiresAt > now)
            .Select(c => c.Png)
            .FirstOrDefaultAsync(cancellationToken);
    }
}
