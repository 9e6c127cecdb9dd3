using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Pipeline;

namespace SalesCoachBot.Data.Stores;

/// <summary>
/// The pipeline facts of a scope. SQLite: from <see cref="PipelineFactsCache"/>, kept in memory (one per database) and
/// re-read per changed deal (a 50,000-deal team's read was ~1 s of the answer). PostgreSQL: four narrow EF queries
/// (projections, no tracking) every time, the scope applied as a sub-query so a 50,000-deal team never turns into a
/// 50,000-parameter IN list.
/// </summary>
internal sealed class PipelineStore(SalesCoachDbContext db, PipelineFactsCache facts) : IPipelineStore
{
    public async Task<PipelineData> LoadAsync(PipelineScope scope, DateTimeOffset since, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (db.Provider != DatabaseProvider.Sqlite)
        {
            return await LoadWithEfAsync(scope, since, now, cancellationToken);
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            return await facts.LoadAsync(connection, scope, since, now, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<PipelineData> LoadWithEfAsync(PipelineScope scope, DateTimeOffset since, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var deals = Scoped(scope);

        var open = await deals
            .Where(d => d.Status == DealStatus.Open)
            .Select(d => new { d.Id, d.TeamId, d.StageId, d.Amount, d.Currency, d.StageEnteredAt, d.LastActivityAt, d.NextStepAt })
            .ToListAsync(cancellationToken);

        var snoozed = (await db.Snoozes.AsNoTracking()
                .Where(s => s.Until > now && deals.Any(d => d.Id == s.DealId && d.Status == DealStatus.Open))
                .Select(s => new { s.DealId, s.Until })
                .ToListAsync(cancellationToken))
            .GroupBy(s => s.DealId)
            .ToDictionary(g => g.Key, g => g.Max(s => s.Until));

        var closedDeals = deals.Where(d => (d.Status == DealStatus.Won || d.Status == DealStatus.Lost) && d.ClosedAt != null && d.ClosedAt >= since);
        var closed = await closedDeals
            .Select(d => new { d.Id, d.Status, d.Amount, d.Currency, d.ClosedAt, d.LostReason })
            .ToListAsync(cancellationToken);

        var history = await (
                from h in db.StageHistory.AsNoTracking()
                join d in deals on h.DealId equals d.Id
                where db.StageHistory.Any(x => x.DealId == h.DealId && x.EnteredAt >= since)
                select new StageEntryFact(h.DealId.Value, h.StageId.Value, h.EnteredAt))
            .ToListAsync(cancellationToken);

        var confirmations = await (
                from c in db.Confirmations.AsNoTracking()
                join d in closedDeals on c.DealId equals d.Id
                where d.Status == DealStatus.Won && c.WithdrawnAt == null
                select new ConfirmationFact(c.DealId.Value, c.StageId.Value, c.ItemId.Value, c.ConfirmedAt))
            .ToListAsync(cancellationToken);

        return new PipelineData(
            [.. open.Select(d => new OpenDealFact(
                d.Id.Value, d.TeamId, d.StageId.Value, d.Amount, d.Currency, d.StageEnteredAt, d.LastActivityAt, d.NextStepAt,
                snoozed.TryGetValue(d.Id, out var until) ? until : null))],
            [.. closed.Select(d => new ClosedDealFact(d.Id.Value, d.Status, d.Amount, d.Currency, d.ClosedAt!.Value, d.LostReason))],
            history,
            confirmations);
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
