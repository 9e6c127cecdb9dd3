using Microsoft.EntityFrameworkCore;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Pipeline;

namespace SalesCoachBot.Data.Stores;

/// <summary>
/// The pipeline facts of a scope, from <see cref="PipelineFactsCache"/>: kept in memory (one per database) and re-read
/// per changed deal, on SQLite and PostgreSQL alike (a 50,000-deal team's full read was ~1 s of the answer on SQLite;
/// on PostgreSQL a read of every fact per question took 127 ms for 5,000 deals). The provider's change log decides what
/// to re-read (<see cref="PipelineFactsSql"/>, ADRs 0002 and 0024).
/// </summary>
internal sealed class PipelineStore(SalesCoachDbContext db, PipelineFactsCache facts) : IPipelineStore
{
    public async Task<PipelineData> LoadAsync(PipelineScope scope, DateTimeOffset since, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var sql = db.Provider == DatabaseProvider.Postgres ? PipelineFactsSql.Postgres : PipelineFactsSql.Sqlite;
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            return await facts.LoadAsync(db.Database.GetDbConnection(), sql, scope, since, now, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public async Task<IReadOnlyList<StageStatusCount>> CountClosedByStageAsync(PipelineScope scope, CancellationToken cancellationToken)
    {
        var rows = await Scoped(scope)
            .Where(d => d.Status == DealStatus.Won || d.Status == DealStatus.Nurture)
            .GroupBy(d => new { d.StageId, d.Status })
            .Select(g => new { g.Key.StageId, g.Key.Status, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new StageStatusCount(r.StageId.Value, r.Status, r.Count))];
    }

    public async Task<IReadOnlyList<ClosedDealLine>> ListClosedAsync(
        PipelineScope scope, DealStatus status, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var closed = Scoped(scope).Where(d => d.Status == status && d.ClosedAt >= from && d.ClosedAt < to);
        var rows = await (
            from d in closed
            join p in db.People on d.OwnerId equals p.Id
            join t in db.Teams on d.TeamId equals t.Id
            select new { d.Id, d.ExternalId, d.Name, d.Amount, d.Currency, d.ClosedAt, d.LostReason, d.TeamId, Owner = p.Name, Team = t.Name, t.MapId })
            .ToListAsync(cancellationToken);
        // Sorted in memory: a period's closed deals are few, and both providers then order them alike.
        return [.. rows
            .Select(r => new ClosedDealLine(r.Id, r.ExternalId, r.Name, r.Amount, r.Currency, r.ClosedAt!.Value, r.LostReason, r.TeamId, r.Owner, r.Team, r.MapId))
            .OrderByDescending(r => r.ClosedAt)
            .ThenByDescending(r => r.Id.Value)];
    }

    public async Task<StageChangeList> ListStageChangesAsync(
        PipelineScope scope, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken)
    {
        var history = db.StageHistory.AsNoTracking();
        var changes =
            from h in history
            join d in Scoped(scope) on h.DealId equals d.Id
            where h.EnteredAt >= @from && h.EnteredAt < to && h.Kind != StageChangeKind.MapChange && h.Kind != StageChangeKind.Entered
            // The entry before, map changes included: where the deal sat when it moved (null for its first).
            let previous = history
                .Where(p => p.DealId == h.DealId && (p.EnteredAt < h.EnteredAt || (p.EnteredAt == h.EnteredAt && p.Id < h.Id)))
                .OrderByDescending(p => p.EnteredAt)
                .ThenByDescending(p => p.Id)
                .Select(p => (StageId?)p.StageId)
                .FirstOrDefault()
            // An import with nothing before it put the deal on the map; it moved nothing.
            where h.Kind != StageChangeKind.Imported || previous != null
            select new { h, d, previous };

        var total = await changes.CountAsync(cancellationToken);
        if (total == 0)
        {
            return StageChangeList.Empty;
        }

        var rows = await (
            from c in changes
            join p in db.People on c.d.OwnerId equals p.Id
            join t in db.Teams on c.d.TeamId equals t.Id
            orderby c.h.EnteredAt descending, c.h.Id descending
            select new
            {
                c.d.Id,
                c.d.ExternalId,
                c.d.Name,
                Owner = p.Name,
                c.d.TeamId,
                Team = t.Name,
                t.MapId,
                c.h.StageId,
                Previous = c.previous,
                c.h.Kind,
                c.h.EnteredAt,
                c.d.Status,
                c.h.Reason,
                c.h.ByPersonId,
                c.h.Outcome,
            })
            .Take(limit)
            .ToListAsync(cancellationToken);
        return new StageChangeList(
            [.. rows.Select(r => new StageChangeLine(r.Id, r.ExternalId, r.Name, r.Owner, r.TeamId, r.Team, r.MapId, r.StageId.Value, r.Previous?.Value, r.Kind, r.EnteredAt, r.Status,
                StageHistoryEntry.RecordedOutcome(r.Kind, r.Outcome, r.ByPersonId, r.Reason), r.Reason))],
            total);
    }

    private IQueryable<Deal> Scoped(PipelineScope scope)
    {
        var deals = db.Deals.AsNoTracking();
        if (scope.TeamIds is { } teams)
        {
            var ids = teams.ToList();
            deals = deals.Where(d => ids.Contains(d.TeamId));
        }

        if (scope.OwnerId is { } owner)
        {
            deals = deals.Where(d => d.OwnerId == owner);
        }

        return deals;
    }
}
