using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SalesCoachBot.Core.Crm;
using SalesCoachBot.Core.Domain;

namespace SalesCoachBot.Data.Crm;

/// <summary>
/// A CRM deal as last seen, linked to our deal. <see cref="DealId"/> is null while the deal cannot be placed (unknown
/// stage, owner without a person): it is kept here, flagged in <see cref="Problem"/>, and placed by a later sync.
/// </summary>
internal sealed class CrmDealLinkRow
{
    public long Id { get; set; }
    public required string Provider { get; set; }
    public required string CrmId { get; set; }
    public DealId? DealId { get; set; }
    public string? Name { get; set; }
    public string? Pipeline { get; set; }
    public string? Stage { get; set; }
    public string? OwnerCrmId { get; set; }
    public DateTimeOffset ModifiedAt { get; set; }
    public DateTimeOffset LastSeenAt { get; set; }
    public bool Deleted { get; set; }

    /// <summary>
    /// Why the deal is flagged ("unknown CRM stage x in pipeline y", "amount too large to store: …"), set anew by each
    /// sync that brings the deal; null when all is well.
    /// </summary>
    public string? Problem { get; set; }
}

/// <summary>One row per provider: the incremental cursor and the last runs.</summary>
internal sealed class CrmSyncStateRow
{
    public required string Provider { get; set; }
    public DateTimeOffset? Cursor { get; set; }
    public DateTimeOffset? LastFullSyncAt { get; set; }
    public DateTimeOffset? LastIncrementalSyncAt { get; set; }
    public string? PausedReason { get; set; }
    public DateTimeOffset? PausedAt { get; set; }

    /// <summary>Change Data Capture: the replayId of the last event applied (null: none yet, start from -1).</summary>
    public long? ReplayId { get; set; }

    /// <summary>Change Data Capture: the host holding the one subscription, and until when (renewed after each long poll).</summary>
    public string? StreamLeaseOwner { get; set; }

    public DateTimeOffset? StreamLeaseUntil { get; set; }
}

/// <summary>A change of ours to write to the CRM, stored in the transaction that made it.</summary>
internal sealed class CrmPushRow
{
    public long Id { get; set; }
    public DealId DealId { get; set; }
    public CrmPushKind Kind { get; set; }
    public StageId? StageId { get; set; }
    public DealStatus? Status { get; set; }
    public string? Text { get; set; }
    public DateTimeOffset? At { get; set; }
    public long? ByPersonId { get; set; }
    public CrmPushStatus State { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public string? LeaseOwner { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
}

internal sealed class CrmDealLinkConfiguration : IEntityTypeConfiguration<CrmDealLinkRow>
{
    public void Configure(EntityTypeBuilder<CrmDealLinkRow> builder)
    {
        builder.ToTable("crm_deal_links");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Provider).HasMaxLength(20).IsRequired();
        builder.Property(l => l.CrmId).HasMaxLength(100).IsRequired();
        builder.Property(l => l.Name).HasMaxLength(300);
        builder.Property(l => l.Pipeline).HasMaxLength(100);
        builder.Property(l => l.Stage).HasMaxLength(100);
        builder.Property(l => l.OwnerCrmId).HasMaxLength(100);
        builder.Property(l => l.Problem).HasMaxLength(500);
        builder.HasIndex(l => new { l.Provider, l.CrmId }).IsUnique();
        builder.HasIndex(l => l.DealId).IsUnique();
        builder.HasOne<Deal>().WithMany().HasForeignKey(l => l.DealId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CrmSyncStateConfiguration : IEntityTypeConfiguration<CrmSyncStateRow>
{
    public void Configure(EntityTypeBuilder<CrmSyncStateRow> builder)
    {
        builder.ToTable("crm_sync_state");
        builder.HasKey(s => s.Provider);
        builder.Property(s => s.Provider).HasMaxLength(20);
        builder.Property(s => s.PausedReason).HasMaxLength(500);
        builder.Property(s => s.StreamLeaseOwner).HasMaxLength(200);
    }
}

internal sealed class CrmPushConfiguration : IEntityTypeConfiguration<CrmPushRow>
{
    public void Configure(EntityTypeBuilder<CrmPushRow> builder)
    {
        builder.ToTable("crm_push_outbox");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.StageId).HasMaxLength(100);
        builder.Property(p => p.Text).HasMaxLength(4000);
        builder.Property(p => p.LeaseOwner).HasMaxLength(200);
        builder.Property(p => p.LastError).HasMaxLength(1000);
        builder.HasIndex(p => new { p.State, p.NextAttemptAt });
        builder.HasIndex(p => new { p.DealId, p.State });
        builder.HasOne<Deal>().WithMany().HasForeignKey(p => p.DealId).OnDelete(DeleteBehavior.Cascade);
    }
}
