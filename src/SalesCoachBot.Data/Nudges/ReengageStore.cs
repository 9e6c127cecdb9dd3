using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Polly;
using Polly.Registry;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Nudges;
using SalesCoachBot.Core.Resilience;
using SalesCoachBot.Data.Infrastructure;
using SalesCoachBot.Data.Stores;

namespace SalesCoachBot.Data.Nudges;

/// <summary>
/// Nurtured deals that come back, and the claims that keep their owners' messages to one per deal and re-engage date.
/// A singleton over the context factory, like the rest of the nudge data: the scheduler runs outside any request.
/// </summary>
internal sealed class ReengageStore(SalesCoachDbContextFactory factory, ResiliencePipelineProvider<string> pipelines, TimeProvider time) : IReengageStore
{
    private readonly ResiliencePipeline retry = pipelines.GetPipeline(ResiliencePipelines.NudgeOutbox);

    public async Task<IReadOnlyList<DealView>> ListDueAsync(IReadOnlyCollection<long>? teamIds, DateTimeOffset dueBefore, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        var query = db.Deals.AsNoTracking().Where(d => d.Status == DealStatus.Nurture && d.ReengageAt != null && d.ReengageAt < dueBefore);
        if (teamIds is not null)
        {
            var ids = teamIds.ToList();
            query = query.Where(d => ids.Contains(d.TeamId));
        }

        return await DealViewQueries.LoadAsync(db, query, time.GetUtcNow(), cancellationToken);
    }

    // A busy database runs the claim again; a unique violation is the claim of another run or host, so false.
    public async Task<bool> ClaimAndEnqueueAsync(
        DealId deal, DateOnly reengageDate, DateTimeOffset at, IReadOnlyList<NewOutboxMessage> messages, CancellationToken cancellationToken) =>
        await retry.ExecuteAsync(async ct => await ClaimOnceAsync(deal, reengageDate, at, messages, ct), cancellationToken);

    private async Task<bool> ClaimOnceAsync(
        DealId deal, DateOnly reengageDate, DateTimeOffset at, IReadOnlyList<NewOutboxMessage> messages, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (await db.Set<ReengageClaimRow>().AnyAsync(c => c.DealId == deal && c.ReengageDate == reengageDate, cancellationToken))
            {
                return false;
            }

            db.Add(new ReengageClaimRow { DealId = deal, ReengageDate = reengageDate, ClaimedAt = at });
            db.AddRange(messages.Select(m => NudgeStore.Row(m, at)));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException e) when (TransientDatabaseErrors.IsUniqueViolation(e))
        {
            return false;   // another run claimed it between our check and our insert
        }
    }
}

/// <summary>"The owner of deal D was told it is due to re-engage on date R": the primary key makes it once per deal and date.</summary>
internal sealed class ReengageClaimRow
{
    public DealId DealId { get; set; }

    /// <summary>The re-engage date in the team's time zone.</summary>
    public DateOnly ReengageDate { get; set; }

    public DateTimeOffset ClaimedAt { get; set; }
}

internal sealed class ReengageClaimConfiguration : IEntityTypeConfiguration<ReengageClaimRow>
{
    public void Configure(EntityTypeBuilder<ReengageClaimRow> builder)
    {
        builder.ToTable("nudge_reengage_claims");
        builder.HasKey(c => new { c.DealId, c.ReengageDate });
        builder.HasOne<Deal>().WithMany().HasForeignKey(c => c.DealId).OnDelete(DeleteBehavior.Cascade);
    }
}
