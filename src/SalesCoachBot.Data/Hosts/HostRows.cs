using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SalesCoachBot.Data.Hosts;

/// <summary>One inbound delivery taken by some host (<see cref="DeliveryClaimStore"/>); times as Unix milliseconds, the same on both providers.</summary>
internal sealed class DeliveryClaimRow
{
    public string Key { get; set; } = string.Empty;

    public long ExpiresAtMs { get; set; }
}

/// <summary>A rendered chart, so any host serves <c>/charts/{token}.png</c> whichever host drew it.</summary>
public sealed class ChartImageRow
{
    public string Token { get; set; } = string.Empty;

    public byte[] Png { get; set; } = [];

    public long ExpiresAtMs { get; set; }
}

internal sealed class DeliveryClaimConfiguration : IEntityTypeConfiguration<DeliveryClaimRow>
{
    public void Configure(EntityTypeBuilder<DeliveryClaimRow> builder)
    {
        builder.ToTable("delivery_claims");
        builder.HasKey(c => c.Key);
        builder.Property(c => c.Key).HasMaxLength(300);
        builder.HasIndex(c => c.ExpiresAtMs);
    }
}

internal sealed class ChartImageConfiguration : IEntityTypeConfiguration<ChartImageRow>
{
    public void Configure(EntityTypeBuilder<ChartImageRow> builder)
    {
        builder.ToTable("chart_images");
        builder.HasKey(c => c.Token);
        builder.Property(c => c.Token).HasMaxLength(32);
        builder.HasIndex(c => c.ExpiresAtMs);
    }
}
