using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Coaching.UseCases;

namespace SalesCoachBot.Data.Configurations;

internal sealed class DealConfiguration : IEntityTypeConfiguration<Deal>
{
    public void Configure(EntityTypeBuilder<Deal> builder)
    {
        builder.ToTable("deals");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedOnAdd();
        builder.Property(d => d.ExternalId).HasMaxLength(100).IsRequired();
        builder.HasIndex(d => d.ExternalId).IsUnique();
        builder.Property(d => d.Name).HasMaxLength(300).IsRequired();
        builder.Property(d => d.Account).HasMaxLength(300);
        builder.Property(d => d.Amount).HasPrecision(AmountPrecision.Digits, AmountPrecision.Decimals);
        builder.Property(d => d.Currency).HasMaxLength(3);
        builder.Property(d => d.StageId).HasMaxLength(100).IsRequired();
        builder.Property(d => d.LostReason).HasMaxLength(500);
        builder.Property(d => d.NextStep).HasMaxLength(Deal.MaxNextStepLength);

        // Optimistic concurrency: every stage change bumps it, so a stale write fails instead of winning.
        builder.Property(d => d.StageVersion).IsConcurrencyToken();

        builder.HasOne(d => d.Owner).WithMany().HasForeignKey(d => d.OwnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(d => d.Team).WithMany().HasForeignKey(d => d.TeamId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(d => new { d.TeamId, d.Status, d.StageId });
        builder.HasIndex(d => new { d.OwnerId, d.Status });
        // "undo that" looks for the person's own close of the last minutes (FindLatestCloseAsync) on every undo: without
        // this it read all 100,000 deals of the coach bench (bench/README.md, undo54).
        builder.HasIndex(d => new { d.ClosedByPersonId, d.StageEnteredAt });
    }
}

internal sealed class StageHistoryEntryConfiguration : IEntityTypeConfiguration<StageHistoryEntry>
{
    public void Configure(EntityTypeBuilder<StageHistoryEntry> builder)
    {
        builder.ToTable("stage_history");
        builder.HasKey(h => h.Id);
        builder.Property(h => h.StageId).HasMaxLength(100).IsRequired();
        builder.Property(h => h.Reason).HasMaxLength(500);
        builder.Property(h => h.Conversation).HasMaxLength(ConversationKeyLength.Max);
        builder.HasOne<Deal>().WithMany().HasForeignKey(h => h.DealId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(h => h.ByPersonId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(h => new { h.DealId, h.EnteredAt });
        // "what moved this month" over every team: a range of entered_at, the kinds that moved nothing skipped in the index
        // (an admin's month read 10,002 index entries instead of 1,100,000 rows; docs/data.md).
        builder.HasIndex(h => new { h.EnteredAt, h.Kind });
    }
}

internal sealed class ConfirmationConfiguration : IEntityTypeConfiguration<Confirmation>
{
    public void Configure(EntityTypeBuilder<Confirmation> builder)
    {
        builder.ToTable("confirmations");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.StageId).HasMaxLength(100).IsRequired();
        builder.Property(c => c.ItemId).HasMaxLength(100).IsRequired();
        builder.Property(c => c.Conversation).HasMaxLength(ConversationKeyLength.Max);
        builder.Property(c => c.WithdrawnConversation).HasMaxLength(ConversationKeyLength.Max);
        builder.HasOne<Deal>().WithMany().HasForeignKey(c => c.DealId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(c => c.WithdrawnByPersonId).OnDelete(DeleteBehavior.Restrict);

        // One active confirmation per item and stage version: a repeated "done" can never be stored twice.
        builder.HasIndex(c => new { c.DealId, c.StageVersion, c.ItemId })
            .IsUnique()
            .HasFilter("withdrawn_at IS NULL")
            .HasDatabaseName("ux_confirmations_active_item");
    }
}

internal sealed class DealNoteConfiguration : IEntityTypeConfiguration<DealNote>
{
    public void Configure(EntityTypeBuilder<DealNote> builder)
    {
        builder.ToTable("deal_notes");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Text).HasMaxLength(4000).IsRequired();
        builder.Property(n => n.Conversation).HasMaxLength(ConversationKeyLength.Max);
        builder.HasOne<Deal>().WithMany().HasForeignKey(n => n.DealId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(n => n.PersonId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Person>().WithMany().HasForeignKey(n => n.WithdrawnByPersonId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(n => new { n.DealId, n.At });
    }
}

internal sealed class DealActivityConfiguration : IEntityTypeConfiguration<DealActivity>
{
    public void Configure(EntityTypeBuilder<DealActivity> builder)
    {
        builder.ToTable("deal_activities");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Text).HasMaxLength(500);
        builder.Property(a => a.Conversation).HasMaxLength(ConversationKeyLength.Max);
        builder.HasOne<Deal>().WithMany().HasForeignKey(a => a.DealId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Person>().WithMany().HasForeignKey(a => a.WithdrawnByPersonId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(a => new { a.DealId, a.OccurredAt });
    }
}

internal sealed class DealNextStepEventConfiguration : IEntityTypeConfiguration<DealNextStepEvent>
{
    public void Configure(EntityTypeBuilder<DealNextStepEvent> builder)
    {
        builder.ToTable("next_step_events");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Text).HasMaxLength(Deal.MaxNextStepLength);
        builder.Property(e => e.PreviousText).HasMaxLength(Deal.MaxNextStepLength);
        builder.Property(e => e.Conversation).HasMaxLength(ConversationKeyLength.Max);
        builder.HasOne<Deal>().WithMany().HasForeignKey(e => e.DealId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(e => e.PersonId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Person>().WithMany().HasForeignKey(e => e.WithdrawnByPersonId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(e => new { e.DealId, e.At });
    }
}

/// <summary>The column size of a conversation key (the same as <c>conversation_links.conversation_key</c>).</summary>
internal static class ConversationKeyLength
{
    public const int Max = 400;
}

internal sealed class SnoozeConfiguration : IEntityTypeConfiguration<Snooze>
{
    public void Configure(EntityTypeBuilder<Snooze> builder)
    {
        builder.ToTable("snoozes");
        builder.HasKey(s => s.Id);
        builder.HasOne<Deal>().WithMany().HasForeignKey(s => s.DealId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(s => s.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(s => s.Reason).HasMaxLength(500);
        builder.Property(s => s.Conversation).HasMaxLength(ConversationKeyLength.Max);
        builder.Property(s => s.EndedConversation).HasMaxLength(ConversationKeyLength.Max);
        builder.HasIndex(s => new { s.DealId, s.Until });
    }
}

internal sealed class PendingQuestionConfiguration : IEntityTypeConfiguration<PendingQuestion>
{
    public void Configure(EntityTypeBuilder<PendingQuestion> builder)
    {
        builder.ToTable("pending_questions");
        builder.HasKey(q => q.Id);
        builder.Property(q => q.ConversationKey).HasMaxLength(ConversationKeyLength.Max);
        builder.Property(q => q.CommandText).HasMaxLength(PendingQuestion.MaxCommandLength);
        builder.HasOne<Person>().WithMany().HasForeignKey(q => q.PersonId).OnDelete(DeleteBehavior.Cascade);
        // One question per person and conversation: a newer one replaces it.
        builder.HasIndex(q => new { q.ConversationKey, q.PersonId }).IsUnique();
    }
}

internal sealed class ConversationLinkConfiguration : IEntityTypeConfiguration<ConversationLink>
{
    public void Configure(EntityTypeBuilder<ConversationLink> builder)
    {
        builder.ToTable("conversation_links");
        builder.HasKey(l => l.ConversationKey);
        builder.Property(l => l.ConversationKey).HasMaxLength(ConversationKeyLength.Max);
        builder.HasOne<Deal>().WithMany().HasForeignKey(l => l.DealId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(l => l.LinkedByPersonId).OnDelete(DeleteBehavior.Restrict);
    }
}
