using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace SalesCoachBot.Data.Imports;

/// <summary>
/// One multi-row INSERT prepared on a SQLite connection's own handle (SQLitePCLRaw, the layer under
/// Microsoft.Data.Sqlite) and bound by position. Microsoft.Data.Sqlite binds every parameter by name on every run, and
/// SQLite finds a name by a linear scan: for the 64 parameters of a bulk insert statement that lookup and the binding
/// around it were 13 % of a CRM full sync's CPU (ADR 0035). Values are stored exactly as Microsoft.Data.Sqlite stores
/// them; a table with a column of any other provider type keeps the named path (<see cref="Supports"/>).
/// </summary>
internal sealed class SqlitePositionalInsert : IDisposable
{
    // Microsoft.Data.Sqlite writes a decimal as text in this format; SQL comparisons and EF Core's reads expect it.
    private const string DecimalFormat = "0.0###########################";

    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    public SqlitePositionalInsert(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        var rc = raw.sqlite3_prepare_v2(_db, sql, out _statement);
        SqliteException.ThrowExceptionForRC(rc, _db);
    }

    /// <summary>Whether values of this provider type (after EF Core's value conversion) are bound here.</summary>
    public static bool Supports(Type providerType)
    {
        var type = Nullable.GetUnderlyingType(providerType) ?? providerType;
        return type == typeof(string) || type == typeof(long) || type == typeof(int) || type == typeof(short)
            || type == typeof(byte) || type == typeof(bool) || type == typeof(double) || type == typeof(decimal)
            || type == typeof(byte[]);
    }

    /// <summary>Binds the 1-based parameter <paramref name="index"/>.</summary>
    public void Bind(int index, object? value)
    {
        var rc = value switch
        {
            null or DBNull => raw.sqlite3_bind_null(_statement, index),
            string text => raw.sqlite3_bind_text(_statement, index, text),
            long number => raw.sqlite3_bind_int64(_statement, index, number),
            int number => raw.sqlite3_bind_int64(_statement, index, number),
            short number => raw.sqlite3_bind_int64(_statement, index, number),
            byte number => raw.sqlite3_bind_int64(_statement, index, number),
            bool flag => raw.sqlite3_bind_int64(_statement, index, flag ? 1 : 0),
            double real when double.IsNaN(real) => throw new InvalidOperationException("SQLite cannot store NaN."),
            double real => raw.sqlite3_bind_double(_statement, index, real),
            decimal amount => raw.sqlite3_bind_text(_statement, index, amount.ToString(DecimalFormat, CultureInfo.InvariantCulture)),
            byte[] bytes => raw.sqlite3_bind_blob(_statement, index, bytes),
            _ => throw new NotSupportedException($"{value.GetType().Name} is not bound by position; check Supports first."),
        };
        SqliteException.ThrowExceptionForRC(rc, _db);
    }

    /// <summary>Runs the statement; <paramref name="row"/> sees each returned row (RETURNING). Leaves it ready to bind again.</summary>
    public void Run(Action<SqlitePositionalInsert>? row = null)
    {
        try
        {
            int rc;
            while ((rc = raw.sqlite3_step(_statement)) == raw.SQLITE_ROW)
            {
                row?.Invoke(this);
            }

            if (rc != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(rc, _db);
            }
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    public long GetInt64(int column) => raw.sqlite3_column_int64(_statement, column);

    /// <summary>A returned value as Microsoft.Data.Sqlite's <c>GetValue</c> gives it: long, double, string, bytes or null.</summary>
    public object? GetValue(int column) => raw.sqlite3_column_type(_statement, column) switch
    {
        raw.SQLITE_INTEGER => raw.sqlite3_column_int64(_statement, column),
        raw.SQLITE_FLOAT => raw.sqlite3_column_double(_statement, column),
        raw.SQLITE_TEXT => raw.sqlite3_column_text(_statement, column).utf8_to_string(),
        raw.SQLITE_BLOB => raw.sqlite3_column_blob(_statement, column).ToArray(),
        _ => null,
    };

    public void Dispose() => _statement.Dispose();
}
