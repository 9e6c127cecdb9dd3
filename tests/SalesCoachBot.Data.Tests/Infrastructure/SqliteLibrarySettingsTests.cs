using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using SalesCoachBot.Data.Infrastructure;

namespace SalesCoachBot.Data.Tests.Infrastructure;

public sealed class SqliteLibrarySettingsTests
{
    // Before any test opens a connection, as a host does before its first one: the whole suite then runs SQLite in
    // the mode production runs it in.
#pragma warning disable CA2255 // a test assembly, not a library: this is where it belongs
    [ModuleInitializer]
    internal static void ApplyBeforeAnyConnection() => SqliteLibrarySettings.EnsureApplied();
#pragma warning restore CA2255

    [Fact]
    public void EnsureApplied_BeforeSqliteStarted_BothSettingsAreAccepted()
    {
        Assert.True(SqliteLibrarySettings.EnsureApplied());
    }

    [Fact]
    public async Task MultiThreadMode_ConnectionsOnSeveralThreadsAtOnce_EachSeesItsOwnWrites()
    {
        var path = Path.Combine(Path.GetTempPath(), $"scb-multithread-{Guid.NewGuid():N}.db");
        try
        {
            await using (var setup = new SqliteConnection($"Data Source={path};Pooling=False"))
            {
                await setup.OpenAsync();
                await using var create = setup.CreateCommand();
                create.CommandText = "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=10000; CREATE TABLE t (worker INTEGER, n INTEGER)";
                await create.ExecuteNonQueryAsync();
            }

            var counts = await Task.WhenAll(Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
            {
                await using var connection = new SqliteConnection($"Data Source={path};Pooling=False;Default Timeout=30");
                await connection.OpenAsync();
                for (var n = 0; n < 200; n++)
                {
                    await using var insert = connection.CreateCommand();
                    insert.CommandText = "INSERT INTO t VALUES (@w, @n)";
                    insert.Parameters.AddWithValue("@w", worker);
                    insert.Parameters.AddWithValue("@n", n);
                    await insert.ExecuteNonQueryAsync();
                }

                await using var count = connection.CreateCommand();
                count.CommandText = "SELECT count(*), sum(n) FROM t WHERE worker = @w";
                count.Parameters.AddWithValue("@w", worker);
                await using var reader = await count.ExecuteReaderAsync();
                await reader.ReadAsync();
                return (reader.GetInt64(0), reader.GetInt64(1));
            })));

            Assert.All(counts, c => Assert.Equal((200L, 199L * 200 / 2), c));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }
        }
    }
}
