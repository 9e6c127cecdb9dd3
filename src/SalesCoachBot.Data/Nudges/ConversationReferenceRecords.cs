using Microsoft.EntityFrameworkCore;
using Polly;
using Polly.Registry;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Nudges;
using SalesCoachBot.Core.Resilience;
using SalesCoachBot.Data.Infrastructure;

namespace SalesCoachBot.Data.Nudges;

/// <summary>Teams conversation references in the database, so proactive digests survive restarts and work from any host.</summary>
internal sealed class ConversationReferenceRecords(SalesCoachDbContextFactory factory, ResiliencePipelineProvider<string> pipelines) : IConversationReferenceRecords
{
    private readonly ResiliencePipeline retry = pipelines.GetPipeline(ResiliencePipelines.ConversationReferences);

    // Inserted meanwhile by a racing activity from the same conversation (unique violation): the next attempt updates that row.
    public async Task SaveAsync(StoredConversationReference reference, CancellationToken cancellationToken) =>
        await retry.ExecuteAsync(async ct => await SaveOnceAsync(reference, ct), cancellationToken);

    private async Task SaveOnceAsync(StoredConversationReference reference, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        var row = await db.Set<ConversationReferenceRow>().FirstOrDefaultAsync(r => r.ConversationKey == reference.Key, cancellationToken);
        if (row is null)
        {
            row = new ConversationReferenceRow
            {
                ConversationKey = reference.Key,
                ConversationId = reference.ConversationId,
                ServiceUrl = reference.ServiceUrl,
                ReferenceJson = reference.ReferenceJson,
            };
            db.Add(row);
        }

        row.ConversationId = reference.ConversationId;
        row.ServiceUrl = reference.ServiceUrl;
        row.TenantId = reference.TenantId;
        row.ConversationType = reference.ConversationType;
        row.ReferenceJson = reference.ReferenceJson;
        row.UpdatedAt = reference.UpdatedAt;
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<StoredConversationReference?> GetAsync(ConversationKey key, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        var row = await db.Set<ConversationReferenceRow>().AsNoTracking().FirstOrDefaultAsync(r => r.ConversationKey == key, cancellationToken);
        return row is null ? null : ToRecord(row);
    }

    public async Task<bool> RemoveAsync(ConversationKey key, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        return await db.Set<ConversationReferenceRow>().Where(r => r.ConversationKey == key).ExecuteDeleteAsync(cancellationToken) > 0;
    }

    public async Task<IReadOnlyList<StoredConversationReference>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        var rows = await db.Set<ConversationReferenceRow>().AsNoTracking().OrderBy(r => r.ConversationKey).ToListAsync(cancellationToken);
        return [.. rows.Select(ToRecord)];
    }

    private static StoredConversationReference ToRecord(ConversationReferenceRow row) => new(
        row.ConversationKey, row.ConversationId, row.ServiceUrl, row.TenantId, row.ConversationType, row.ReferenceJson, row.UpdatedAt);
}
