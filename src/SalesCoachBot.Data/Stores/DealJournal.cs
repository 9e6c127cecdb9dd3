using Microsoft.EntityFrameworkCore;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Data.Infrastructure;

namespace SalesCoachBot.Data.Stores;

/// <summary>Reads a deal's notes and history. Writes go through <see cref="DealStore"/>, under the deal's lock.</summary>
internal sealed class DealJournal(DbContextLease lease) : IDealJournal
{
    private SalesCoachDbContext Db => lease.Context;

    /// <summary>The deal card reads this on every answer that shows a deal: compiled once per provider, like the deal's own view (DealViewQueries).</summary>
    public Task<IReadOnlyList<NoteView>> RecentNotesAsync(DealId deal, int count, CancellationToken cancellationToken) =>
        ReadRecentNotesAsync(Db, deal, count, cancellationToken);

    /// <summary>The latest <paramref name="count"/> notes of a deal, newest first (also read with a deal's view, <see cref="DealStore.GetAsync"/>).</summary>
    internal static Task<IReadOnlyList<NoteView>> ReadRecentNotesAsync(SalesCoachDbContext db, DealId deal, int count, CancellationToken cancellationToken) => db switch
    {
        SqliteSalesCoachDbContext sqlite => RecentNotesAsync(sqlite, deal, count, cancellationToken),
        PostgresSalesCoachDbContext postgres => RecentNotesAsync(postgres, deal, count, cancellationToken),
        _ => throw new NotSupportedException($"No compiled note query for {db.GetType().Name}."),
    };

    private static async Task<IReadOnlyList<NoteView>> RecentNotesAsync<TContext>(TContext db, DealId deal, int count, CancellationToken cancellationToken)
        where TContext : SalesCoachDbContext
    {
        var notes = new List<NoteView>(count);
        await foreach (var note in Compiled<TContext>.RecentNotes(db, deal, count).WithCancellation(cancellationToken))
        {
            notes.Add(note);
        }

        return notes;
    }

    private static class Compiled<TContext>
        where TContext : SalesCoachDbContext
    {
        public static readonly Func<TContext, DealId, int, IAsyncEnumerable<NoteView>> RecentNotes = EF.CompileAsyncQuery(
            (TContext db, DealId id, int count) =>
                (from n in db.Notes.AsNoTracking()
                 where n.DealId == id
                 join p in db.People.AsNoTracking() on n.PersonId equals (long?)p.Id into authors
                 from p in authors.DefaultIfEmpty()
                 orderby n.At descending, n.Id descending
                 select new NoteView(p == null ? null : p.Name, n.At, n.Text))
                .Take(count));
    }

    public async Task<IReadOnlyList<TimelineEntry>> TimelineAsync(DealId deal, CancellationToken cancellationToken)
    {
        var stages = await Db.StageHistory.AsNoTracking().Where(h => h.DealId == deal).ToListAsync(cancellationToken);
        var confirmations = await Db.Confirmations.AsNoTracking().Where(c => c.DealId == deal).ToListAsync(cancellationToken);
        var notes = await Db.Notes.AsNoTracking().Where(n => n.DealId == deal).ToListAsync(cancellationToken);
        var activities = await Db.Activities.AsNoTracking().Where(a => a.DealId == deal).ToListAsync(cancellationToken);
        var snoozes = await Db.Snoozes.AsNoTracking().Where(s => s.DealId == deal).ToListAsync(cancellationToken);
        var nextSteps = await Db.NextStepEvents.AsNoTracking().Where(e => e.DealId == deal).ToListAsync(cancellationToken);

        var personIds = stages.Select(h => h.ByPersonId)
            .Concat(confirmations.Select(c => (long?)c.PersonId))
            .Concat(confirmations.Select(c => c.WithdrawnByPersonId))
            .Concat(notes.Select(n => n.PersonId))
            .Concat(activities.Select(a => a.PersonId))
            .Concat(snoozes.Select(s => (long?)s.PersonId))
            .Concat(snoozes.Select(s => s.EndedByPersonId))
            .Concat(nextSteps.Select(e => e.PersonId))
            .OfType<long>()
            .Distinct()
            .ToList();
        var names = await Db.People.AsNoTracking().Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        return DealTimeline.Merge(stages, confirmations, notes, activities, snoozes, nextSteps, id => id is { } known ? names.GetValueOrDefault(known) : null);
    }
}
