using Microsoft.EntityFrameworkCore;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Understanding;
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
                 where n.DealId == id && n.WithdrawnAt == null
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
            .Concat(notes.Select(n => n.WithdrawnByPersonId))
            .Concat(activities.Select(a => a.PersonId))
            .Concat(activities.Select(a => a.WithdrawnByPersonId))
            .Concat(snoozes.Select(s => (long?)s.PersonId))
            .Concat(snoozes.Select(s => s.EndedByPersonId))
            .Concat(nextSteps.Select(e => e.PersonId))
            .OfType<long>()
            .Distinct()
            .ToList();
        var names = await Db.People.AsNoTracking().Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        return DealTimeline.Merge(stages, confirmations, notes, activities, snoozes, nextSteps, id => id is { } known ? names.GetValueOrDefault(known) : null);
    }

    public async Task<LatestAct?> FindLatestActAsync(
        long? personId, DealId? deal, DealScope? scope, DateTimeOffset since, UndoableAct? kind, ActivityKind? activity, CancellationToken cancellationToken)
    {
        // As DealScope.Allows: the deals of the person's teams and those they own.
        var teams = scope?.TeamIds.ToList() ?? [];
        var owner = scope?.OwnerId;
        var visible = Db.Deals.AsNoTracking().Where(d => scope == null || teams.Contains(d.TeamId) || d.OwnerId == owner).Select(d => d.Id);
        LatestAct? latest = null;
        if (kind is null or UndoableAct.Note)
        {
            latest = Later(latest, await Db.Notes.AsNoTracking()
                .Where(n => n.WithdrawnAt == null && n.At >= since && n.PersonId != null && (personId == null || n.PersonId == personId) && (deal == null || n.DealId == deal))
                .Where(n => visible.Contains(n.DealId))
                .OrderByDescending(n => n.At).ThenByDescending(n => n.Id)
                .Select(n => new LatestAct(UndoableAct.Note, n.Id, n.DealId, n.PersonId, n.At) { Text = n.Text })
                .FirstOrDefaultAsync(cancellationToken));
        }

        if (kind is null or UndoableAct.Activity)
        {
            latest = Later(latest, await Db.Activities.AsNoTracking()
                .Where(a => a.WithdrawnAt == null && a.RecordedAt >= since && a.PersonId != null && (personId == null || a.PersonId == personId) && (deal == null || a.DealId == deal))
                .Where(a => activity == null || a.Kind == activity)
                .Where(a => visible.Contains(a.DealId))
                .OrderByDescending(a => a.RecordedAt).ThenByDescending(a => a.Id)
                .Select(a => new LatestAct(UndoableAct.Activity, a.Id, a.DealId, a.PersonId, a.RecordedAt)
                {
                    Text = a.Text,
                    Activity = a.Kind,
                    OccurredAt = a.OccurredAt,
                    DayOnly = a.DayOnly,
                })
                .FirstOrDefaultAsync(cancellationToken));
        }

        if (kind is null or UndoableAct.NextStep)
        {
            // Only a deal's latest step change still standing is in force: an older one was replaced since. Once that one is
            // undone, the one before it stands again, so "undo that" again walks back one more, as it does confirmations.
            // Asked of each candidate through the deal's index (no later standing change on its deal), not as a per-deal
            // MAX over every step change ever made.
            var standing = Db.NextStepEvents.AsNoTracking().Where(o => o.WithdrawnAt == null && o.Kind != NextStepEventKind.Undone);
            latest = Later(latest, await Db.NextStepEvents.AsNoTracking()
                .Where(e => e.WithdrawnAt == null && e.Kind != NextStepEventKind.Undone && e.At >= since && e.PersonId != null
                    && (personId == null || e.PersonId == personId) && (deal == null || e.DealId == deal))
                .Where(e => visible.Contains(e.DealId) && !standing.Any(o => o.DealId == e.DealId && o.Id > e.Id))
                .OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
                .Select(e => new LatestAct(UndoableAct.NextStep, e.Id, e.DealId, e.PersonId, e.At)
                {
                    Text = e.Text,
                    Due = e.DueAt,
                    StepChange = e.Kind,
                    PreviousText = e.PreviousText,
                    PreviousDue = e.PreviousDueAt,
                })
                .FirstOrDefaultAsync(cancellationToken));
        }

        return latest;
    }

    public async Task<PersonActs> ListActsAsync(
        long personId, IReadOnlyCollection<long>? teamIds, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken)
    {
        var scoped = Db.Deals.AsNoTracking();
        if (teamIds?.ToList() is { } teams)
        {
            scoped = scoped.Where(d => teams.Contains(d.TeamId));
        }

        var deals = scoped.Select(d => d.Id);
        var kinds = new[] { StageChangeKind.Advanced, StageChangeKind.Moved, StageChangeKind.Override, StageChangeKind.Closed, StageChangeKind.Reopened };
        var stages = await Db.StageHistory.AsNoTracking()
            .Where(h => h.ByPersonId == personId && h.EnteredAt >= from && h.EnteredAt < to && kinds.Contains(h.Kind) && deals.Contains(h.DealId))
            .OrderByDescending(h => h.EnteredAt).ThenByDescending(h => h.Id).Take(limit).ToListAsync(cancellationToken);
        var confirmations = await Db.Confirmations.AsNoTracking()
            .Where(c => c.PersonId == personId && c.WithdrawnAt == null && c.ConfirmedAt >= from && c.ConfirmedAt < to && deals.Contains(c.DealId))
            .OrderByDescending(c => c.ConfirmedAt).ThenByDescending(c => c.Id).Take(limit).ToListAsync(cancellationToken);
        var notes = await Db.Notes.AsNoTracking()
            .Where(n => n.PersonId == personId && n.WithdrawnAt == null && n.At >= from && n.At < to && deals.Contains(n.DealId))
            .OrderByDescending(n => n.At).ThenByDescending(n => n.Id).Take(limit).ToListAsync(cancellationToken);
        // A call is counted on the day it happened ("called Initech yesterday" said today is yesterday's).
        var activities = await Db.Activities.AsNoTracking()
            .Where(a => a.PersonId == personId && a.WithdrawnAt == null && a.OccurredAt >= from && a.OccurredAt < to && deals.Contains(a.DealId))
            .OrderByDescending(a => a.OccurredAt).ThenByDescending(a => a.Id).Take(limit).ToListAsync(cancellationToken);
        var nextSteps = await Db.NextStepEvents.AsNoTracking()
            .Where(e => e.PersonId == personId && e.WithdrawnAt == null && e.Kind != NextStepEventKind.Undone && e.At >= from && e.At < to && deals.Contains(e.DealId))
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Take(limit).ToListAsync(cancellationToken);

        var ids = stages.Select(h => h.DealId).Concat(confirmations.Select(c => c.DealId)).Concat(notes.Select(n => n.DealId))
            .Concat(activities.Select(a => a.DealId)).Concat(nextSteps.Select(e => e.DealId)).Distinct().ToList();
        if (ids.Count == 0)
        {
            return PersonActs.Empty;
        }

        var onDeals = await (
            from d in Db.Deals.AsNoTracking()
            join t in Db.Teams.AsNoTracking() on d.TeamId equals t.Id
            where ids.Contains(d.Id)
            select new ActDeal(d.Id, d.ExternalId, d.Name, d.TeamId, t.MapId)).ToListAsync(cancellationToken);
        return new PersonActs(onDeals, stages, confirmations, notes, activities, nextSteps);
    }

    private static LatestAct? Later(LatestAct? a, LatestAct? b) => a is null ? b : b is null || a.At >= b.At ? a : b;
}
