using System.Data.Common;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace SalesCoachBot.Data.Imports;

/// <summary>
/// Prepared, parameterised multi-row INSERT and single-row UPDATE commands for one entity type, built
/// from the EF model (table and column names, type mappings, value converters) and run on the
/// context's own connection inside its current transaction. For 100,000-row imports the change
/// tracker costs far more than the database, so imports write through this instead. On PostgreSQL, inserts go in by
/// binary COPY instead (ADR 0028): a parameter per value, and a statement of 10,000 of them prepared per batch, cost the
/// client more than everything else a CRM full sync does.
/// </summary>
internal sealed class BulkTable<TEntity> : IAsyncDisposable
    where TEntity : class
{
    // PostgreSQL: few, large statements (each is a round trip), under its 65,535 parameters.
    private const int PostgresMaxParameters = 30_000;
    private const int PostgresMaxRows = 500;

    // SQLite: no round trips, but Microsoft.Data.Sqlite binds every parameter by name and SQLite finds
    // a name by a linear scan, so binding costs grow with the square of the parameters per statement.
    // Bound by position (SqlitePositionalInsert) there is no lookup, but 512 a statement was no faster than 64.
    private const int SqliteMaxParameters = 64;

    private readonly SalesCoachDbContext _db;
    private readonly IProperty _key;
    private readonly IProperty[] _columns;
    private readonly IProperty[] _tokens;
    private readonly RelationalTypeMapping[] _mappings;
    private readonly IClrPropertyGetter[] _getters;
    private readonly string _table;
    private readonly ISqlGenerationHelper _sql;
    private readonly IProperty? _returnBy;
    private readonly int _rowsPerInsert;
    private readonly Dictionary<int, DbCommand> _inserts = [];
    private readonly Dictionary<int, SqlitePositionalInsert> _positionalInserts = [];
    private readonly bool _positional;
    private DbCommand? _update;

    /// <param name="returnBy">A unique column returned with each generated key, so keys map back to rows whatever order the database returns them in.</param>
    public BulkTable(SalesCoachDbContext db, string? returnBy = null)
    {
        _db = db;
        var entity = db.Model.FindEntityType(typeof(TEntity)) ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not mapped.");
        _key = entity.FindPrimaryKey()!.Properties.Single();
        _columns = [.. entity.GetProperties().Where(p => p != _key)];
        _tokens = [.. _columns.Where(p => p.IsConcurrencyToken)];
        _mappings = [.. _columns.Select(p => (RelationalTypeMapping)p.GetRelationalTypeMapping())];
        _getters = [.. _columns.Select(p => p.GetGetter())];
        _table = entity.GetTableName()!;
        _sql = db.GetService<ISqlGenerationHelper>();
        _returnBy = returnBy is null ? null : entity.FindProperty(returnBy) ?? throw new ArgumentException($"no property {returnBy}", nameof(returnBy));
        _positional = db.Provider == DatabaseProvider.Sqlite
            && _mappings.All(m => SqlitePositionalInsert.Supports(m.Converter?.ProviderClrType ?? m.ClrType));
        _rowsPerInsert = db.Provider == DatabaseProvider.Postgres
            ? Math.Min(PostgresMaxRows, PostgresMaxParameters / _columns.Length)
            : Math.Max(1, SqliteMaxParameters / _columns.Length);
    }

    /// <summary>SQLite, and every column of a type bound by position (<see cref="SqlitePositionalInsert"/>).</summary>
    public bool BindsByPosition => _positional;

    /// <summary>The values as they would be written (after value conversion), to tell whether a row changed.</summary>
    public object?[] ProviderValues(TEntity entity)
    {
        var values = new object?[_columns.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = ToProvider(i, _getters[i].GetClrValueUsingContainingEntity(entity));
        }

        return values;
    }

    /// <summary>Inserts the rows; with <c>returnBy</c>, returns each generated key by that column's value.</summary>
    public async Task<Dictionary<object, long>> InsertAsync(IReadOnlyList<TEntity> rows, CancellationToken cancellationToken)
    {
        var keys = new Dictionary<object, long>();
        if (_db.Provider == DatabaseProvider.Postgres)
        {
            await CopyAsync(rows, keys, cancellationToken);
            return keys;
        }

        // One key reader for every positional statement of this call (it fills this call's keys).
        Action<SqlitePositionalInsert>? readKey = _positional && _returnBy is not null ? row => keys[row.GetValue(1)!] = row.GetInt64(0) : null;
        for (var start = 0; start < rows.Count; start += _rowsPerInsert)
        {
            var count = Math.Min(_rowsPerInsert, rows.Count - start);
            if (_positional)
            {
                InsertByPosition(rows, start, count, readKey);
                continue;
            }

            var command = await InsertCommandAsync(count, cancellationToken);
            var p = 0;
            for (var r = start; r < start + count; r++)
            {
                for (var c = 0; c < _columns.Length; c++)
                {
                    command.Parameters[p++].Value = ToProvider(c, _getters[c].GetClrValueUsingContainingEntity(rows[r])) ?? DBNull.Value;
                }
            }

            if (_returnBy is null)
            {
                await command.ExecuteNonQueryAsync(cancellationToken);
                continue;
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                keys[reader.GetValue(1)] = reader.GetInt64(0);
            }
        }

        return keys;
    }

    /// <summary>
    /// Writes every column of the row by key, guarded by the concurrency tokens' original values.
    /// False when the row changed (or vanished) since it was read.
    /// </summary>
    public async Task<bool> UpdateAsync(long key, object?[] current, object?[] original, CancellationToken cancellationToken)
    {
        var command = _update ??= await PrepareAsync(BuildUpdate(), _columns.Length + 1 + _tokens.Length, cancellationToken);
        var p = 0;
        for (var c = 0; c < _columns.Length; c++)
        {
            command.Parameters[p++].Value = current[c] ?? DBNull.Value;
        }

        command.Parameters[p++].Value = key;
        foreach (var token in _tokens)
        {
            command.Parameters[p++].Value = original[Array.IndexOf(_columns, token)] ?? DBNull.Value;
        }

        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>
    /// PostgreSQL: the rows by <c>COPY … FROM STDIN (FORMAT BINARY)</c> on the import's connection, inside its transaction.
    /// Each value is written as the column's store type (after value conversion, as a parameter would carry it); triggers
    /// fire as for an INSERT (the pipeline change log's statement-level ones once per COPY). With <c>returnBy</c>, the keys
    /// are taken from the key column's sequence first (identity by default, so an explicit key is accepted) and written
    /// with the rows: COPY returns nothing.
    /// </summary>
    private async Task CopyAsync(IReadOnlyList<TEntity> rows, Dictionary<object, long> keys, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var transaction = RequireTransaction();
        var connection = (NpgsqlConnection)_db.Database.GetDbConnection();
        long[]? reserved = null;
        if (_returnBy is not null)
        {
            reserved = new long[rows.Count];
            await using var next = new NpgsqlCommand(
                "SELECT nextval(pg_get_serial_sequence(@table, @key)) FROM generate_series(1, @count)", connection, (NpgsqlTransaction)transaction);
            next.Parameters.AddWithValue("table", _sql.DelimitIdentifier(_table));
            next.Parameters.AddWithValue("key", _key.GetColumnName());
            next.Parameters.AddWithValue("count", rows.Count);
            await using var reader = await next.ExecuteReaderAsync(cancellationToken);
            for (var i = 0; await reader.ReadAsync(cancellationToken); i++)
            {
                reserved[i] = reader.GetInt64(0);
            }
        }

        var keyType = ((RelationalTypeMapping)_key.GetRelationalTypeMapping()).StoreTypeNameBase;
        var returnBy = _returnBy is null ? -1 : Array.IndexOf(_columns, _returnBy);
        var copy = new StringBuilder("COPY ").Append(_sql.DelimitIdentifier(_table)).Append(" (");
        if (reserved is not null)
        {
            copy.Append(_sql.DelimitIdentifier(_key.GetColumnName())).Append(", ");
        }

        copy.AppendJoin(", ", _columns.Select(c => _sql.DelimitIdentifier(c.GetColumnName()))).Append(") FROM STDIN (FORMAT BINARY)");
        await using var writer = await connection.BeginBinaryImportAsync(copy.ToString(), cancellationToken);
        for (var r = 0; r < rows.Count; r++)
        {
            await writer.StartRowAsync(cancellationToken);
            if (reserved is not null)
            {
                await writer.WriteAsync(reserved[r], keyType, cancellationToken);
            }

            for (var c = 0; c < _columns.Length; c++)
            {
                var value = ToProvider(c, _getters[c].GetClrValueUsingContainingEntity(rows[r]));
                if (c == returnBy && value is not null)
                {
                    keys[value] = reserved![r];
                }

                if (value is null)
                {
                    await writer.WriteNullAsync(cancellationToken);
                }
                else
                {
                    await writer.WriteAsync(value, _mappings[c].StoreTypeNameBase, cancellationToken);
                }
            }
        }

        await writer.CompleteAsync(cancellationToken);
    }

    /// <summary>SQLite, every column of a type <see cref="SqlitePositionalInsert"/> binds: one statement's rows, bound by position.</summary>
    private void InsertByPosition(IReadOnlyList<TEntity> rows, int start, int count, Action<SqlitePositionalInsert>? readKey)
    {
        if (!_positionalInserts.TryGetValue(count, out var insert))
        {
            RequireTransaction();
            insert = new SqlitePositionalInsert((SqliteConnection)_db.Database.GetDbConnection(), BuildInsert(count));
            _positionalInserts[count] = insert;
        }

        var p = 1;
        for (var r = start; r < start + count; r++)
        {
            for (var c = 0; c < _columns.Length; c++)
            {
                insert.Bind(p++, ToProvider(c, _getters[c].GetClrValueUsingContainingEntity(rows[r])));
            }
        }

        insert.Run(readKey);
    }

    /// <summary>The import's transaction, which every bulk write joins.</summary>
    private DbTransaction RequireTransaction() =>
        _db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Bulk writes run inside the import's transaction.");

    private object? ToProvider(int column, object? value) =>
        value is null ? null : _mappings[column].Converter is { } converter ? converter.ConvertToProvider(value) : value;

    private async Task<DbCommand> InsertCommandAsync(int rows, CancellationToken cancellationToken)
    {
        if (!_inserts.TryGetValue(rows, out var command))
        {
            command = await PrepareAsync(BuildInsert(rows), rows * _columns.Length, cancellationToken);
            _inserts[rows] = command;
        }

        return command;
    }

    /// <summary>INSERT of <paramref name="rows"/> rows, parameters @p0… in row order (SQLite also binds them by position).</summary>
    private string BuildInsert(int rows)
    {
        var sql = new StringBuilder("INSERT INTO ").Append(_sql.DelimitIdentifier(_table)).Append(" (")
            .AppendJoin(", ", _columns.Select(c => _sql.DelimitIdentifier(c.GetColumnName())))
            .Append(") VALUES ");
        var p = 0;
        for (var r = 0; r < rows; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < _columns.Length; c++)
            {
                sql.Append(c == 0 ? "" : ", ").Append("@p").Append(p++);
            }

            sql.Append(')');
        }

        if (_returnBy is not null)
        {
            sql.Append(" RETURNING ").Append(_sql.DelimitIdentifier(_key.GetColumnName()))
                .Append(", ").Append(_sql.DelimitIdentifier(_returnBy.GetColumnName()));
        }

        return sql.ToString();
    }

    private string BuildUpdate()
    {
        var p = 0;
        var sql = new StringBuilder("UPDATE ").Append(_sql.DelimitIdentifier(_table)).Append(" SET ")
            .AppendJoin(", ", _columns.Select(c => $"{_sql.DelimitIdentifier(c.GetColumnName())} = @p{p++}"))
            .Append(" WHERE ").Append(_sql.DelimitIdentifier(_key.GetColumnName())).Append(" = @p").Append(p++);
        foreach (var token in _tokens)
        {
            sql.Append(" AND ").Append(_sql.DelimitIdentifier(token.GetColumnName())).Append(" = @p").Append(p++);
        }

        return sql.ToString();
    }

    /// <summary>Parameters typed by the columns' mappings (the key last for an update), then prepared once.</summary>
    private async Task<DbCommand> PrepareAsync(string sql, int parameters, CancellationToken cancellationToken)
    {
        var transaction = RequireTransaction();
        var command = _db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        var keyMapping = (RelationalTypeMapping)_key.GetRelationalTypeMapping();
        for (var p = 0; p < parameters; p++)
        {
            var column = p % (_columns.Length + (sql.StartsWith("UPDATE", StringComparison.Ordinal) ? 1 + _tokens.Length : 0));
            var mapping = column < _columns.Length ? _mappings[column]
                : column == _columns.Length ? keyMapping
                : _mappings[Array.IndexOf(_columns, _tokens[column - _columns.Length - 1])];
            command.Parameters.Add(mapping.CreateParameter(command, $"@p{p}", null, nullable: true));
        }

        await command.PrepareAsync(cancellationToken);
        return command;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var insert in _positionalInserts.Values)
        {
            insert.Dispose();
        }

        foreach (var command in _inserts.Values)
        {
            await command.DisposeAsync();
        }

        if (_update is not null)
        {
            await _update.DisposeAsync();
        }
    }
}
