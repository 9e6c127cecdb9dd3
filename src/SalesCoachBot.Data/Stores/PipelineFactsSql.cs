using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace SalesCoachBot.Data.Stores;

/// <summary>
/// What differs between the providers for <see cref="PipelineFactsCache"/> and <see cref="PipelineFactsReader"/>: how
/// a read transaction starts, what the change stamp is and which change-log rows are newer than one, and how times
/// are stored. Everything else (the statements over deals, history, confirmations and snoozes) is shared.
/// </summary>
internal abstract class PipelineFactsSql
{
    public static readonly PipelineFactsSql Sqlite = new SqliteSql();

    public static readonly PipelineFactsSql Postgres = new PostgresSql();

    /// <summary>
    /// A <c>WHERE</c> condition on <c>pipeline_deal_changes</c> selecting every deal that may have changed since the read
    /// that returned the stamp in <c>@after</c> and <c>@inflight</c> (<see cref="Parameters"/>).
    /// </summary>
    public abstract string ChangedSince { get; }

    /// <summary>
    /// One row: this snapshot's stamp (<see cref="PipelineStamp.Next"/>, and on PostgreSQL
    /// <see cref="PipelineStamp.InFlight"/>), then how many deals may have changed since the stamp in the parameters.
    /// </summary>
    protected abstract string StampSql { get; }

    /// <summary>A transaction whose statements all see one snapshot of the database, taking no write lock.</summary>
    public abstract Task<DbTransaction> BeginAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>A time as the column stores it (a parameter value).</summary>
    public abstract object Time(DateTimeOffset value);

    /// <summary>A time column as UTC.</summary>
    public abstract DateTimeOffset ReadTime(DbDataReader reader, int ordinal);

    /// <summary>The parameters of <see cref="ChangedSince"/> for a stamp (none: a stamp nothing is newer than).</summary>
    public static IEnumerable<(string Name, object Value)> Parameters(PipelineStamp? after) =>
        [("@after", after?.Next ?? long.MaxValue), ("@inflight", after?.InFlight ?? [])];

    /// <summary>This snapshot's stamp, and the number of deals that may have changed since <paramref name="after"/> (none given: 0).</summary>
    public async Task<(PipelineStamp Stamp, long Changed)> StampAsync(DbConnection connection, DbTransaction transaction, PipelineStamp? after, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = StampSql;
        foreach (var (name, value) in Parameters(after).Where(p => StampSql.Contains(p.Name, StringComparison.Ordinal)))
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return reader.FieldCount == 2
            ? (new PipelineStamp(reader.GetInt64(0), []), reader.GetInt64(1))
            : (new PipelineStamp(reader.GetInt64(0), reader.GetFieldValue<long[]>(1)), reader.GetInt64(2));
    }

    /// <summary>
    /// SQLite: a sequence number per deal, raised by triggers (migration <c>PipelineChangeLog</c>); one writer at a time,
    /// so numbers are handed out in commit order and "changed since" is simply "a higher number".
    /// </summary>
    private sealed class SqliteSql : PipelineFactsSql
    {
        public override string ChangedSince => "seq > @after";

        protected override string StampSql =>
            "SELECT coalesce(max(seq), 0), (SELECT count(*) FROM pipeline_deal_changes WHERE seq > @after) FROM pipeline_deal_changes";

        // Deferred: a plain BEGIN, which takes no write lock until a write (there is none).
        public override Task<DbTransaction> BeginAsync(DbConnection connection, CancellationToken cancellationToken) =>
            Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: true));

        // The SQLite model stores times as UTC ticks (UtcTicksConverter).
        public override object Time(DateTimeOffset value) => value.UtcTicks;

        public override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) => new(reader.GetInt64(ordinal), TimeSpan.Zero);
    }

    /// <summary>
    /// PostgreSQL (migration <c>PipelineChangeLogPostgres</c>, ADR 0024): each deal's row holds the id of the last
    /// transaction that wrote it (<c>pg_current_xact_id()</c>). The stamp is the snapshot's xmax and its list of
    /// transactions in progress: a change the snapshot did not see belongs to a transaction in that list or at or above
    /// xmax, and so does every later stamp on its deal's row (a later writer waits for the row). Writers share no
    /// counter and may commit in any order.
    /// </summary>
    private sealed class PostgresSql : PipelineFactsSql
    {
        public override string ChangedSince => "(xid >= @after OR xid = ANY(@inflight))";

        protected override string StampSql =>
            "SELECT CAST(CAST(pg_snapshot_xmax(s) AS text) AS bigint), " +
            "ARRAY(SELECT CAST(CAST(x AS text) AS bigint) FROM pg_snapshot_xip(s) x), " +
            "(SELECT count(*) FROM pipeline_deal_changes WHERE xid >= @after OR xid = ANY(@inflight)) " +
            "FROM pg_current_snapshot() s";

        // Repeatable read: one snapshot for the stamp and every fact read with it.
        public override async Task<DbTransaction> BeginAsync(DbConnection connection, CancellationToken cancellationToken) =>
            await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);

        public override object Time(DateTimeOffset value) => value.ToUniversalTime();

        public override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);
    }
}

/// <summary>
/// Where the change log stood at a read: SQLite, the highest sequence number (<see cref="InFlight"/> empty); PostgreSQL,
/// the snapshot's xmax and the transactions in progress below it.
/// </summary>
internal sealed record PipelineStamp(long Next, long[] InFlight);
