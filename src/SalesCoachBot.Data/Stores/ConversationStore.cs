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

        // Someone linked this conversation in the same moment: this link comes second and replaces theirs.
        await AddOrReplaceAsync(
            new ConversationLink { ConversationKey = conversation, DealId = deal, LinkedByPersonId = personId, LinkedAt = at },
            () => RelinkAsync(conversation, deal, personId, at, cancellationToken),
            cancellationToken);
    }

    public async Task<bool> UnlinkAsync(ConversationKey conversation, CancellationToken cancellationToken) =>
        await Db.ConversationLinks.Where(l => l.ConversationKey == conversation).ExecuteDeleteAsync(cancellationToken) > 0;

    public async Task AskAsync(ConversationKey conversation, long personId, string commandText, DateTimeOffset at, CancellationToken cancellationToken)
    {
        // Asking again (the usual case in a busy chat) is one UPDATE; a first question inserts the row.
        if (await ReaskAsync(conversation, personId, commandText, at, cancellationToken))
        {
            return;
        }

        // Another question to the same person in the same moment: this one comes second and replaces it.
        await AddOrReplaceAsync(
            new PendingQuestion { ConversationKey = conversation, PersonId = personId, CommandText = commandText, AskedAt = at },
            () => ReaskAsync(conversation, personId, commandText, at, cancellationToken),
            cancellationToken);
    }

    public async Task<string?> TakeQuestionAsync(
        ConversationKey conversation, long personId, DateTimeOffset since, string? commandText, CancellationToken cancellationToken)
    {
        var question = await Db.PendingQuestions.AsNoTracking()
            .Where(q => q.ConversationKey == conversation && q.PersonId == personId && q.AskedAt >= since)
            .Select(q => new { q.Id, q.CommandText })
            .FirstOrDefaultAsync(cancellationToken);
        if (question is null || (commandText is not null && question.CommandText != commandText))
        {
            return null;
        }

        // The row removed is the one read (same id and words): of two "yes" at once, only one deletes it and runs its command.
        var taken = await Db.PendingQuestions.Where(q => q.Id == question.Id && q.CommandText == question.CommandText).ExecuteDeleteAsync(cancellationToken);
        return taken == 1 ? question.CommandText : null;
    }

    /// <summary>
    /// Inserts <paramref name="row"/>; when another request inserted the same key in the same moment (a unique
    /// violation), <paramref name="replace"/> updates that row instead. The one shape of the link and the question.
    /// </summary>
    private async Task AddOrReplaceAsync(object row, Func<Task<bool>> replace, CancellationToken cancellationToken)
    {
        Db.Add(row);
        try
        {
            await Db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (TransientDatabaseErrors.IsUniqueViolation(e))
        {
            await replace();
        }
        finally
        {
            Db.ChangeTracker.Clear();
        }
    }

    private async Task<bool> ReaskAsync(ConversationKey conversation, long personId, string commandText, DateTimeOffset at, CancellationToken cancellationToken) =>
        await Db.PendingQuestions.Where(q => q.ConversationKey == conversation && q.PersonId == personId).ExecuteUpdateAsync(
            s => s.SetProperty(q => q.CommandText, commandText).SetProperty(q => q.AskedAt, at),
            cancellationToken) > 0;

    private async Task<bool> RelinkAsync(ConversationKey conversation, DealId deal, long personId, DateTimeOffset at, CancellationToken cancellationToken) =>
        await Db.ConversationLinks.Where(l => l.ConversationKey == conversation).ExecuteUpdateAsync(
            s => s.SetProperty(l => l.DealId, deal).SetProperty(l => l.LinkedByPersonId, personId).SetProperty(l => l.LinkedAt, at),
            cancellationToken) > 0;
}
