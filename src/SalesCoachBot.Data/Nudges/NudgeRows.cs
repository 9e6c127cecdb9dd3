using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Nudges;

namespace SalesCoachBot.Data.Nudges;

// Rows of the nudge tables. Data-only shapes: Core sees them through INudgeTargetStore, INudgeOutbox and
// IConversationReferenceRecords.

/// <summary>A conversation bound to a team's digest.</summary>
internal sealed class NudgeTargetRow
{
    public long Id { get; set; }
    public long TeamId { get; set; }
    public required ConversationKey ConversationKey { get; set; }
    public long BoundByPersonId { get; set; }
    public DateTimeOffset BoundAt { get; set; }
}

/// <summary>"Team T has its digest for local date D": the primary key makes it once per team and day, across hosts.</summary>
internal sealed class NudgeClaimRow
{
    public long TeamId { get; set; }
    public DateOnly LocalDate { get; set; }

    /// <summary><see cref="NudgeKind.Digest"/> for the day's digest, <see cref="NudgeKind.ManagerNotice"/> for the managers' notice.</summary>
    public NudgeKind Kind { get; set; }

    public DateTimeOffset ClaimedAt { get; set; }
}

internal sealed class NudgeOutboxRow
{
    public long Id { get; set; }
    public long TeamId { get; set; }
    public DateOnly LocalDate { get; set; }
    public required ConversationKey ConversationKey { get; set; }
    public required string Payload { get; set; }
    public OutboxStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public string? LeaseOwner { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public NudgeKind Kind { get; set; }

    /// <summary>The chat message: the one a sent digest became, or the one an update rewrites (<see cref="OutboxMessage"/>).</summary>
    public string? MessageId { get; set; }

    public OutboxMessage ToMessage() => new(
        Id, TeamId, LocalDate, ConversationKey, Payload, Status, Attempts, NextAttemptAt, LastError, CreatedAt, SentAt, Kind, MessageId);
}

/// <summary>A Teams conversation reference, kept for proactive messages across restarts and hosts.</summary>
internal sealed class ConversationReferenceRow
{
    public required ConversationKey ConversationKey { get; set; }
    public required string ConversationId { get; set; }
    public required string ServiceUrl { get; set; }
    public string? TenantId { get; set; }
    public string? ConversationType { get; set; }
    public required string ReferenceJson { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class NudgeTargetConfiguration : IEntityTypeConfiguration<NudgeTargetRow>
{
    public void Configure(EntityTypeBuilder<NudgeTargetRow> builder)
    {
        builder.ToTable("nudge_targets");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.ConversationKey).HasMaxLength(400).IsRequired();
        builder.HasIndex(t => new { t.TeamId, t.ConversationKey }).IsUnique();
        builder.HasOne<SalesTeam>().WithMany().HasForeignKey(t => t.TeamId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class NudgeClaimConfiguration : IEntityTypeConfiguration<NudgeClaimRow>
{
    public void Configure(EntityTypeBuilder<NudgeClaimRow> builder)
    {
        builder.ToTable("nudge_claims");
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(20);
        builder.HasKey(c => new { c.TeamId, c.LocalDate, c.Kind });
        builder.HasOne<SalesTeam>().WithMany().HasForeignKey(c => c.TeamId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class NudgeOutboxConfiguration : IEntityTypeConfiguration<NudgeOutboxRow>
{
    public void Configure(EntityTypeBuilder<NudgeOutboxRow> builder)
    {
        builder.ToTable("nudge_outbox");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.ConversationKey).HasMaxLength(400).IsRequired();
        builder.Property(m => m.Payload).IsRequired();
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.LeaseOwner).HasMaxLength(200);
        builder.Property(m => m.LastError).HasMaxLength(1000);
        builder.Property(m => m.MessageId).HasMaxLength(200);
        builder.HasIndex(m => new { m.Status, m.NextAttemptAt });
        builder.HasIndex(m => new { m.TeamId, m.LocalDate });
        builder.HasOne<SalesTeam>().WithMany().HasForeignKey(m => m.TeamId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ConversationReferenceConfiguration : IEntityTypeConfiguration<ConversationReferenceRow>
{
    public void Configure(EntityTypeBuilder<ConversationReferenceRow> builder)
    {
        builder.ToTable("teams_conversation_references");
        builder.HasKey(r => r.ConversationKey);
        builder.Property(r => r.ConversationKey).HasMaxLength(400);
        builder.Property(r => r.ConversationId).HasMaxLength(400).IsRequired();
        builder.Property(r => r.ServiceUrl).HasMaxLength(500).IsRequired();
        builder.Property(r => r.TenantId).HasMaxLength(200);
        builder.Property(r => r.ConversationType).HasMaxLength(50);
        builder.Property(r => r.ReferenceJson).IsRequired();
    }
}
