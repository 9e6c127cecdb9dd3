using Microsoft.EntityFrameworkCore;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Domain;

namespace SalesCoachBot.Data.Stores;

/// <summary>Builds <see cref="DealView"/>s with a fixed number of queries, however many deals.</summary>
internal static class DealViewQueries
{
    private sealed record Row(Deal Deal, string OwnerName, string OwnerEmail, string TeamName, string? TeamMapId);

    private sealed record ConfirmationRow(DealId DealId, ChecklistItemId ItemId, long PersonId, string PersonName, DateTimeOffset ConfirmedAt, ChatChannel Channel);

    // One deal by id is what every chat turn and every change reads. Compiled once, these skip EF's
    // per-call expression walk and query-cache lookup, which cost as much as running the SQL. A compiled
    // query serves one model only, hence one set per provider's context type.
    private static class Compiled<TContext>
        where TContext : SalesCoachDbContext
    {
        public static readonly Func<TContext, DealId, IAsyncEnumerable<Row>> OneDealTracked = EF.CompileAsyncQuery(
            (TContext db, DealId id) =>
                from d in db.Deals
                where d.Id == id
                join p in db.People on d.OwnerId equals p.Id
                join t in db.Teams on d.TeamId equals t.Id
                select new Row(d, p.Name, p.Email, t.Name, t.MapId));

        public static readonly Func<TContext, DealId, IAsyncEnumerable<Row>> OneDeal = EF.CompileAsyncQuery(
            (TContext db, DealId id) =>
                from d in db.Deals.AsNoTracking()
                where d.Id == id
                join p in db.People on d.OwnerId equals p.Id
                join t in db.Teams on d.TeamId equals t.Id
                select new Row(d, p.Name, p.Email, t.Name, t.MapId));

        public static readonly Func<TContext, DealId, DateTimeOffset, IAsyncEnumerable<DateTimeOffset>> Snoozes = EF.CompileAsyncQuery(
            (TContext db, DealId id, DateTimeOffset now) =>
                db.Snoozes.AsNoTracking().Where(s => s.DealId == id && s.Until > now).Select(s => s.Until));

        public static readonly Func<TContext, DealId, IAsyncEnumerable<ConfirmationRow>> Confirmations = EF.CompileAsyncQuery(
            (TContext db, DealId id) =>
                from c in db.Confirmations.AsNoTracking()
                where c.DealId == id
                join d in db.Deals.AsNoTracking() on c.DealId equals d.Id
                join p in db.People.AsNoTracking() on c.PersonId equals p.Id
                where c.WithdrawnAt == null && c.StageVersion == d.StageVersion
                orderby c.ConfirmedAt, c.Id
                select new ConfirmationRow(c.DealId, c.ItemId, c.PersonId, p.Name, c.ConfirmedAt, c.Channel));
    }

    /// <summary>One deal's view with compiled queries; <paramref name="tracked"/> when the deal is about to be changed.</summary>
    public static Task<DealView?> LoadOneAsync(
        SalesCoachDbContext db, DealId id, bool tracked, DateTimeOffset now, CancellationToken cancellationToken) => db switch
        {
            SqliteSalesCoachDbContext sqlite => LoadOneAsync(sqlite, id, tracked, now, cancellationToken),
            PostgresSalesCoachDbContext postgres => LoadOneAsync(postgres, id, tracked, now, cancellationToken),
            _ => throw new NotSupportedException($"No compiled deal queries for {db.GetType().Name}."),
        };

    private static async Task<DealView?> LoadOneAsync<TContext>(
        TContext db, DealId id, bool tracked, DateTimeOffset now, CancellationToken cancellationToken)
        where TContext : SalesCoachDbContext
    {
        Row? row = null;
        await foreach (var found in (tracked ? Compiled<TContext>.OneDealTracked : Compiled<TContext>.OneDeal)(db, id).WithCancellation(cancellationToken))
        {
            row = found;
        }

        if (row is null)
        {
            return null;
        }

        DateTimeOffset? snoozedUntil = null;
        await foreach (var until in Compiled<TContext>.Snoozes(db, id, now).WithCancellation(cancellationToken))
        {
            snoozedUntil = snoozedUntil is { } latest && latest >= until ? latest : until;
        }

        var confirmations = new List<ConfirmationView>();
        await foreach (var c in Compiled<TContext>.Confirmations(db, id).WithCancellation(cancellationToken))
        {
            confirmations.Add(new ConfirmationView(c.ItemId, c.PersonId, c.PersonName, c.ConfirmedAt, c.Channel));
        }

        return new DealView(row.Deal, row.OwnerName, row.OwnerEmail, row.TeamName, snoozedUntil, confirmations) { TeamMapId = row.TeamMapId };
    }

    public static async Task<IReadOnlyList<DealView>> LoadAsync(
        SalesCoachDbContext db, IQueryable<Deal> deals, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rows = await (
                from d in deals
                join p in db.People on d.OwnerId equals p.Id
                join t in db.Teams on d.TeamId equals t.Id
                select new Row(d, p.Name, p.Email, t.Name, t.MapId))
            .ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return [];
        }

        var snoozes = new Dictionary<DealId, DateTimeOffset>();
        var confirmations = new Dictionary<DealId, List<ConfirmationView>>();

        // One deal (every chat turn) is matched with '=': an IN list makes EF rebuild its SQL on every
        // call, a measured hot spot. Many deals are matched with a sub-select of the same query rather
        // than an id list: thousands of bound parameters cost SQLite time in their square.
        var one = rows[0].Deal.Id;
        var dealIds = deals.Select(d => d.Id);
        var snoozeSource = rows.Count == 1
            ? db.Snoozes.AsNoTracking().Where(s => s.DealId == one)
            : db.Snoozes.AsNoTracking().Where(s => dealIds.Contains(s.DealId));
        var confirmationSource = rows.Count == 1
            ? db.Confirmations.AsNoTracking().Where(c => c.DealId == one)
            : db.Confirmations.AsNoTracking().Where(c => dealIds.Contains(c.DealId));
        var snoozeRows = await snoozeSource
            .Where(s => s.Until > now)
            .GroupBy(s => s.DealId)
            .Select(g => new { DealId = g.Key, Until = g.Max(s => s.Until) })
            .ToListAsync(cancellationToken);
        foreach (var snooze in snoozeRows)
        {
            snoozes[snooze.DealId] = snooze.Until;
        }

        var confirmationRows = await (
                from c in confirmationSource
                join d in db.Deals.AsNoTracking() on c.DealId equals d.Id
                join p in db.People.AsNoTracking() on c.PersonId equals p.Id
                where c.WithdrawnAt == null && c.StageVersion == d.StageVersion
                orderby c.ConfirmedAt, c.Id
                select new { c.DealId, c.ItemId, c.PersonId, PersonName = p.Name, c.ConfirmedAt, c.Channel })
            .ToListAsync(cancellationToken);
        foreach (var c in confirmationRows)
        {
            if (!confirmations.TryGetValue(c.DealId, out var list))
            {
                confirmations[c.DealId] = list = [];
            }

            list.Add(new ConfirmationView(c.ItemId, c.PersonId, c.PersonName, c.ConfirmedAt, c.Channel));
        }

        return rows
            .Select(r => new DealView(
                r.Deal,
                r.OwnerName,
                r.OwnerEmail,
                r.TeamName,
                snoozes.TryGetValue(r.Deal.Id, out var until) ? until : null,
                confirmations.TryGetValue(r.Deal.Id, out var list) ? list : [])
            {
                TeamMapId = r.TeamMapId,
            })
            .ToList();
    }
}
