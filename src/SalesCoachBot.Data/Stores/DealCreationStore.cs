using Microsoft.EntityFrameworkCore;
using Polly;
using Polly.Registry;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Resilience;
using SalesCoachBot.Data.Infrastructure;

namespace SalesCoachBot.Data.Stores;

/// <summary>
/// Creates deals in chat ("new deal Contoso"). Every creation runs under one lock (PostgreSQL: a transaction-scoped
/// advisory lock; SQLite: the database's write lock, taken first), so the duplicate check and the external id it
/// allocates cannot race another creation. An import that takes the same id meanwhile makes the unique index refuse
/// the row, and the whole attempt runs again on the <see cref="ResiliencePipelines.DealChange"/> pipeline.
/// </summary>
internal sealed class DealCreationStore(DbContextLease lease, SqliteWriteGate writeGate, ResiliencePipelineProvider<string> pipelines) : IDealCreationStore
{
    /// <summary>The advisory lock key of deal creation (any constant that no other lock of the schema uses).</summary>
    private const long CreationLockKey = 0x5C0B_0015;

    /// <summary>The first external id handed out when no deal has a numeric one yet.</summary>
    private const long FirstExternalId = 1001;

    private readonly ResiliencePipeline retry = pipelines.GetPipeline(ResiliencePipelines.DealChange);

    private SalesCoachDbContext Db => lease.Context;

    public async Task<DealCreation> CreateAsync(
        NewDeal deal, IReadOnlyCollection<long>? nameScope, Func<IReadOnlyList<DealNameEntry>, DealNameEntry?> findDuplicate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deal);
        ArgumentNullException.ThrowIfNull(findDuplicate);
        return await retry.ExecuteAsync(
            async ct =>
            {
                Db.ChangeTracker.Clear();
                return await CreateOnceAsync(deal, nameScope, findDuplicate, ct);
            },
            cancellationToken);
    }

    private async Task<DealCreation> CreateOnceAsync(
        NewDeal deal, IReadOnlyCollection<long>? nameScope, Func<IReadOnlyList<DealNameEntry>, DealNameEntry?> findDuplicate, CancellationToken cancellationToken)
    {
        using var turn = Db.Provider == DatabaseProvider.Sqlite ? await writeGate.EnterAsync(cancellationToken) : null;
        await using var transaction = await Db.Database.BeginTransactionAsync(cancellationToken);
        await LockCreationsAsync(deal.TeamId, cancellationToken);

        var query = Db.Deals.AsNoTracking();
        if (nameScope is not null)
        {
            var ids = nameScope.ToList();
            query = query.Where(d => ids.Contains(d.TeamId));
        }

        var rows = await query
            .Where(d => d.Status == DealStatus.Open || d.Status == DealStatus.Nurture)
            .OrderBy(d => d.Id)
            .Select(d => new { d.Id, d.ExternalId, d.Name, d.Account, d.TeamId, d.OwnerId, d.Status })
            .ToListAsync(cancellationToken);
        var names = rows.Select(d => new DealNameEntry(d.Id, d.ExternalId, d.Name, d.Account, d.TeamId, d.OwnerId, d.Status)).ToList();
        if (findDuplicate(names) is { } existing)
        {
            return new DealCreation.Duplicate(existing);
        }

        var externalId = (await MaxNumericExternalIdAsync(cancellationToken) is { } max ? max + 1 : FirstExternalId)
            .ToString(System.Globalization.CultureInfo.InvariantCulture);
        var row = new Deal
        {
            ExternalId = externalId,
            Name = deal.Name,
            Amount = deal.Amount,
            Currency = deal.Currency,
            OwnerId = deal.OwnerId,
            TeamId = deal.TeamId,
            StageId = deal.StageId,
            StageEnteredAt = deal.At,
            CreatedAt = deal.At,
            LastActivityAt = deal.At,
            Status = deal.Status,
        };
        Db.Deals.Add(row);
        await Db.SaveChangesAsync(cancellationToken);
        Db.StageHistory.Add(new StageHistoryEntry
        {
            DealId = row.Id,
            StageId = deal.StageId,
            EnteredAt = deal.At,
            Kind = StageChangeKind.Entered,
            ByPersonId = deal.OwnerId,
            Reason = "Created in chat",
            MapVersion = deal.MapVersion,
            Outcome = row.Status,
        });
        await Db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new DealCreation.Created(new DealNameEntry(row.Id, row.ExternalId, row.Name, row.Account, row.TeamId, row.OwnerId, row.Status));
    }

    /// <summary>Serialises creations until the transaction ends.</summary>
    private async Task LockCreationsAsync(long teamId, CancellationToken cancellationToken)
    {
        if (Db.Provider == DatabaseProvider.Postgres)
        {
            await Db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({CreationLockKey})", cancellationToken);
            return;
        }

        // SQLite has one writer at a time: a first write takes the database's write lock now, so the reads below
        // already see what every later creation will see.
        await Db.Database.ExecuteSqlAsync($"UPDATE sales_teams SET idle_after_days = idle_after_days WHERE id = {teamId}", cancellationToken);
    }

    /// <summary>The largest external id that is a plain number (imported ids may be anything).</summary>
    private async Task<long?> MaxNumericExternalIdAsync(CancellationToken cancellationToken) =>
        Db.Provider == DatabaseProvider.Postgres
            ? await Db.Database
                .SqlQuery<long?>($"SELECT MAX(CAST(external_id AS bigint)) AS \"Value\" FROM deals WHERE external_id ~ '^[0-9]{{1,15}}$'")
                .SingleAsync(cancellationToken)
            : await Db.Database
                .SqlQuery<long?>($"SELECT MAX(CAST(external_id AS INTEGER)) AS \"Value\" FROM deals WHERE length(external_id) BETWEEN 1 AND 15 AND external_id NOT GLOB '*[^0-9]*'")
                .SingleAsync(cancellationToken);
}
