using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Data.Infrastructure;

namespace SalesCoachBot.Data.Hosts;

/// <summary>Installations in the database (ciphertext only), one row per key; a save is one upsert, atomic on both providers.</summary>
internal sealed class ChannelInstallationRecords(SalesCoachDbContextFactory factory, TimeProvider time) : IChannelInstallationRecords
{
    public async Task<byte[]?> FindAsync(string key, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        return await db.Set<ChannelInstallationRow>().AsNoTracking()
            .Where(r => r.Key == key)
            .Select(r => r.ProtectedPayload)
            .FirstOrDefaultAsync(cancellationToken);
    }

    public async Task SaveAsync(string key, byte[] protectedPayload, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(protectedPayload);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var db = factory.CreateDbContext();
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO channel_installations (key, protected_payload, updated_at_ms) VALUES ({key}, {protectedPayload}, {now})
            ON CONFLICT (key) DO UPDATE SET protected_payload = excluded.protected_payload, updated_at_ms = excluded.updated_at_ms
            """,
            cancellationToken);
    }

    public async Task<bool> AddIfAbsentAsync(string key, byte[] protectedPayload, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(protectedPayload);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var db = factory.CreateDbContext();
        return await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO channel_installations (key, protected_payload, updated_at_ms) VALUES ({key}, {protectedPayload}, {now})
            ON CONFLICT (key) DO NOTHING
            """,
            cancellationToken) > 0;
    }

    public async Task<IReadOnlyList<string>> ListKeysAsync(CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        return await db.Set<ChannelInstallationRow>().AsNoTracking().OrderBy(r => r.Key).Select(r => r.Key).ToListAsync(cancellationToken);
    }

    public async Task<bool> DeleteAsync(string key, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        return await db.Set<ChannelInstallationRow>().Where(r => r.Key == key).ExecuteDeleteAsync(cancellationToken) > 0;
    }
}

/// <summary>One installation: the channel's key ("T-…" for a Slack workspace) and its encrypted payload.</summary>
internal sealed class ChannelInstallationRow
{
    public string Key { get; set; } = string.Empty;

    public byte[] ProtectedPayload { get; set; } = [];

    public long UpdatedAtMs { get; set; }
}

internal sealed class ChannelInstallationConfiguration : IEntityTypeConfiguration<ChannelInstallationRow>
{
    public void Configure(EntityTypeBuilder<ChannelInstallationRow> builder)
    {
        builder.ToTable("channel_installations");
        builder.HasKey(r => r.Key);
        builder.Property(r => r.Key).HasMaxLength(300);
    }
}
