using Microsoft.EntityFrameworkCore;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Data.Infrastructure;

namespace SalesCoachBot.Data.Stores;

internal sealed class ConversationStore(DbContextLease lease) : IConversationStore
{
    // Taken on first use: most turns name their deal and never ask for a linked one.
    private SalesCoachDbContext Db => lease.Context;

    public async Task<DealId?> GetLinkedDealAsync(ConversationKey conversation, CancellationToken cancellationToken)
    {
        var link = await Db.ConversationLinks.AsNoTracking()
            .FirstOrDefaultAsync(l => l.ConversationKey == conversation, cancellationToken);
        return link?.DealId;
    }

    public async Task LinkAsync(ConversationKey conversation, DealId deal, long personId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        // Relinking (the usual case) is one UPDATE; a first link inserts the row.
        if (await RelinkAsync(conversation, deal, personId, at, cancellationToken))
        {
            return;
        }

        Db.ConversationLinks.Add(new ConversationLink
        {
            ConversationKey = conversation,
            DealId = deal,
            LinkedByPersonId = personId,
            LinkedAt = at,
        });
        try
        {
            await Db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (TransientDatabaseErrors.IsUniqueViolation(e))
        {
            // Someone linked this conversation in the same moment: this link comes second and replaces theirs.
            await RelinkAsync(conversation, deal, personId, at, cancellationToken);
        }
        finally
        {
            Db.ChangeTracker.Clear();
        }
    }

    public async Task<bool> UnlinkAsync(ConversationKey conversation, CancellationToken cancellationToken) =>
        await Db.ConversationLinks.Where(l => l.ConversationKey == conversation).ExecuteDeleteAsync(cancellationToken) > 0;

    private async Task<bool> RelinkAsync(ConversationKey conversation, DealId deal, long personId, DateTimeOffset at, CancellationToken cancellationToken) =>
        await Db.ConversationLinks.Where(l => l.ConversationKey == conversation).ExecuteUpdateAsync(
            s => s.SetProperty(l => l.DealId, deal).SetProperty(l => l.LinkedByPersonId, personId).SetProperty(l => l.LinkedAt, at),
            cancellationToken) > 0;
}
