using Microsoft.EntityFrameworkCore;

namespace SalesCoachBot.Data.Stores;

/// <summary>
/// SQLite: a bulk write's span in which the change-log trigger on stage history skips deals already stamped in the
/// same transaction (migration <c>PipelineChangeBatch</c>, ADR 0036). Begun and ended inside one write transaction,
/// ended before it commits: a row left behind would let later writers skip stamps readers need, so a span is only ever
/// visible to its own transaction. On PostgreSQL, whose change log is stamped per transaction already, it does nothing.
/// </summary>
internal static class PipelineChangeBatch
{
    public static async Task BeginAsync(SalesCoachDbContext db, CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite())
        {
            return;
        }

        _ = db.Database.CurrentTransaction ?? throw new InvalidOperationException("A change-log batch needs the write's own transaction.");
        await db.Database.ExecuteSqlRawAsync(
            "INSERT INTO pipeline_change_batch (base) SELECT coalesce(max(seq), 0) FROM pipeline_deal_changes", cancellationToken);
    }

    public static async Task EndAsync(SalesCoachDbContext db, CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite())
        {
            return;
        }

        await db.Database.ExecuteSqlRawAsync("DELETE FROM pipeline_change_batch", cancellationToken);
    }
}
