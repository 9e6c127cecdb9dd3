using Microsoft.EntityFrameworkCore;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Domain;

namespace SalesCoachBot.Data.Stores;

internal sealed class ConversationStore(SalesCoachDbContext db) : IConversationStore
{
    public async Task<DealId?> GetLinkedDealAsync(ConversationKey conversation, CancellationToken cancellationToken)
    {
        var link = await db.ConversationLinks.AsNoTracking()
            .FirstOrDefaultAsync(l => l.ConversationKey == conversation.Value, cancellationToken);
        return link is null ? null : new DealId(link.DealId);
    }

    public async Task LinkAsync(ConversationKey conversation, DealId deal, long personId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var link = await db.ConversationLinks.FirstOrDefaultAsync(l => l.ConversationKey == conversation.Value, cancellationToken);
        if (link is null)
        {
            db.ConversationLinks.Add(new ConversationLink
            {
                ConversationKey = conversation.Value,
                DealId = deal.Value,
                LinkedByPersonId = personId,
                LinkedAt = at,
            });
        }
        else
        {
            link.DealId = deal.Value;
            link.LinkedByPersonId = personId;
            link.LinkedAt = at;
        }

        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    public async Task<bool> UnlinkAsync(ConversationKey conversation, CancellationToken cancellationToken) =>
        await db.ConversationLinks.Where(l => l.ConversationKey == conversation.Value).ExecuteDeleteAsync(cancellationToken) > 0;
}
