using Microsoft.Data.Sqlite;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Data.Crm;
using SalesCoachBot.Data.Imports;
using SalesCoachBot.Data.Tests.Infrastructure;

namespace SalesCoachBot.Data.Tests.Imports;

/// <summary>
/// The SQLite bulk insert bound by position (ADR 0035) must store every value exactly as Microsoft.Data.Sqlite's named
/// parameters store it: same storage class, same text. Each sample goes in once each way and the two rows are compared.
/// </summary>
public sealed class SqlitePositionalInsertTests(SqliteDatabaseFixture fixture) : IClassFixture<SqliteDatabaseFixture>
{
    public static TheoryData<object?> Samples => new(
        null, string.Empty, "Globex renewal", "تجديد عقد جلوبكس", "it's \"quoted\"\n", "\u0000inside",
        0L, long.MaxValue, long.MinValue, 42, int.MinValue, (short)-7, (byte)255, true, false,
        0.0, -0.0, 1.5, double.MaxValue, double.Epsilon,
        0m, 12.5m, -3m, 1234567.891m, 0.0000001m, decimal.MaxValue, decimal.MinValue,
        new byte[] { 0, 1, 254, 255 }, Array.Empty<byte>());

    [Theory]
    [MemberData(nameof(Samples))]
    public void Bind_AnySupportedValue_IsStoredAsTheNamedParameterStoresIt(object? value)
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using (var create = connection.CreateCommand())
        {
            // One column of each affinity EF Core gives SQLite columns, plus none.
            create.CommandText = "CREATE TABLE t (way TEXT, plain, text TEXT, integer INTEGER, real REAL, numeric NUMERIC)";
            create.ExecuteNonQuery();
        }

        using (var named = connection.CreateCommand())
        {
            named.CommandText = "INSERT INTO t VALUES ('named', @v, @v, @v, @v, @v)";
            named.Parameters.AddWithValue("@v", value ?? DBNull.Value);
            named.ExecuteNonQuery();
        }

        using (var positional = new SqlitePositionalInsert(connection, "INSERT INTO t VALUES ('positional', ?1, ?2, ?3, ?4, ?5)"))
        {
            for (var i = 1; i <= 5; i++)
            {
                positional.Bind(i, value);
            }

            positional.Run();
        }

        Assert.Equal(Stored(connection, "named"), Stored(connection, "positional"));
        Assert.True(value is null || SqlitePositionalInsert.Supports(value.GetType()));
    }

    [Theory]
    [InlineData(typeof(DateTime))]
    [InlineData(typeof(DateTimeOffset))]
    [InlineData(typeof(Guid))]
    [InlineData(typeof(TimeSpan))]
    [InlineData(typeof(DateOnly))]
    [InlineData(typeof(ulong))]
    [InlineData(typeof(float))]
    public void Supports_TypesMicrosoftDataSqliteFormatsItself_AreLeftToTheNamedPath(Type type)
    {
        Assert.False(SqlitePositionalInsert.Supports(type));
        Assert.False(SqlitePositionalInsert.Supports(typeof(Nullable<>).MakeGenericType(type)));
    }

    [Fact]
    public void Bind_NaN_IsRefusedAsMicrosoftDataSqliteRefusesIt()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var insert = new SqlitePositionalInsert(connection, "SELECT ?1");

        Assert.Throws<InvalidOperationException>(() => insert.Bind(1, double.NaN));
    }

    [Fact]
    public void Run_ConstraintViolated_ThrowsSqliteExceptionAndTheStatementCanRunAgain()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)";
            create.ExecuteNonQuery();
        }

        using var insert = new SqlitePositionalInsert(connection, "INSERT INTO t (name) VALUES (?1) RETURNING id, name");
        var returned = new List<(long, object?)>();
        insert.Bind(1, "Acme");
        insert.Run(row => returned.Add((row.GetInt64(0), row.GetValue(1))));
        insert.Bind(1, "Acme");

        var error = Assert.Throws<SqliteException>(() => insert.Run());

        Assert.Equal(19, error.SqliteErrorCode); // SQLITE_CONSTRAINT
        insert.Bind(1, "Globex");
        insert.Run(row => returned.Add((row.GetInt64(0), row.GetValue(1))));
        Assert.Equal([(1L, "Acme"), (2L, "Globex")], returned);
    }

    [Fact]
    public async Task BulkTable_TheCrmSyncAndImportTables_AreAllBoundByPosition()
    {
        await using var db = fixture.Database.NewContext();
        await using var deals = new BulkTable<Deal>(db, returnBy: nameof(Deal.ExternalId));
        await using var history = new BulkTable<StageHistoryEntry>(db);
        await using var links = new BulkTable<CrmDealLinkRow>(db);
        await using var notes = new BulkTable<DealNote>(db);
        await using var activities = new BulkTable<DealActivity>(db);

        Assert.True(deals.BindsByPosition);
        Assert.True(history.BindsByPosition);
        Assert.True(links.BindsByPosition);
        Assert.True(notes.BindsByPosition);
        Assert.True(activities.BindsByPosition);
    }

    private static string Stored(SqliteConnection connection, string way)
    {
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT typeof(plain) || ':' || quote(plain), typeof(text) || ':' || quote(text), typeof(integer) || ':' || quote(integer), " +
                             "typeof(real) || ':' || quote(real), typeof(numeric) || ':' || quote(numeric) FROM t WHERE way = @way";
        select.Parameters.AddWithValue("@way", way);
        using var reader = select.ExecuteReader();
        Assert.True(reader.Read());
        return string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(reader.GetString));
    }
}
