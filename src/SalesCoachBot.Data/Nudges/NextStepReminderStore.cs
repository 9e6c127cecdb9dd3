using Microsoft.EntityFrameworkCore;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Nudges;
using SalesCoachBot.Data.Infrastructure;

namespace SalesCoachBot.Data.Nudges;

/// <summary>
/// Next steps due for a reminder, and the mark that makes it one per next step: a conditional update of the deal
/// (still this next step, not reminded) in the same transaction as the outbox rows, so two runs or two hosts cannot
/// both send it, and a retried run sends nothing twice.
/// </summary>
internal sealed class NextStepReminderStore(SalesCoachDbContextFactory factory) : INextStepReminderStore
{
    public async Task<IReadOnlyList<DueNextStep>> ListDueAsync(long teamId, DateTimeOffset from, DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        return await db.Deals.AsNoTracking()
            .Where(d => d.TeamId == teamId
                && (d.Status == DealStatus.Open || d.Status == DealStatus.Nurture)
                && d.NextStepAt != null && d.NextStepAt >= from && d.NextStepAt < before
                && d.NextStepSetAt != null && d.NextStepRemindedAt == null
                && d.LastActivityAt <= d.NextStepSetAt)
            .OrderBy(d => d.Id)
            .Select(d => new DueNextStep(d.Id, d.ExternalId, d.Name, d.TeamId, d.OwnerId, d.NextStep, d.NextStepAt!.Value, d.NextStepSetAt!.Value))
            .ToListAsync(cancellationToken);
    }

    public async Task<bool> MarkRemindedAndEnqueueAsync(DueNextStep step, DateTimeOffset at, IReadOnlyList<NewOutboxMessage> messages, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var marked = await db.Deals
            .Where(d => d.Id == step.Deal && d.NextStepSetAt == step.SetAt && d.NextStepAt == step.At && d.NextStepRemindedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.NextStepRemindedAt, (DateTimeOffset?)at), cancellationToken);
        if (marked == 0)
        {
            return false;
        }

        db.AddRange(messages.Select(m => NudgeStore.Row(m, at)));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
