using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using SalesCoachBot.Core;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Data;
using SalesCoachBot.Data.Imports;

namespace SalesCoachBot.Bench;

/// <summary>
/// A fresh, migrated database composed like the host composes it (Core + Data, the shipped map,
/// <see cref="TimeProvider.System"/>): a SQLite file in a temp folder, or a uniquely named PostgreSQL
/// database on the server in <c>SALESCOACH_BENCH_POSTGRES</c> / <c>SALESCOACH_TEST_POSTGRES</c>, dropped afterwards.
/// </summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    private readonly Action _drop;

    private BenchDatabase(ServiceProvider services, string description, Action drop)
    {
        Services = services;
        Description = description;
        _drop = drop;
    }

    public ServiceProvider Services { get; }

    public string Description { get; }

    public TimeProvider Time => Services.GetRequiredService<TimeProvider>();

    public ProcessMap Map => Services.GetRequiredService<IProcessMapSource>().Current;

    public static async Task<BenchDatabase> CreateAsync(string provider)
    {
        BenchDatabase database;
        if (string.Equals(provider, "postgres", StringComparison.OrdinalIgnoreCase))
        {
            var server = Environment.GetEnvironmentVariable("SALESCOACH_BENCH_POSTGRES") is { Length: > 0 } b ? b
                : Environment.GetEnvironmentVariable("SALESCOACH_TEST_POSTGRES") is { Length: > 0 } t ? t
                : throw new InvalidOperationException("set SALESCOACH_BENCH_POSTGRES (tests/start-postgres.sh prints a connection string)");
            var name = $"salescoach_bench_{Guid.NewGuid():N}";
            await using (var admin = new NpgsqlConnection(server))
            {
                await admin.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
                await create.ExecuteNonQueryAsync();
            }

            var connection = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
            database = new BenchDatabase(Build("Postgres", connection), $"PostgreSQL database {name}", () =>
            {
                NpgsqlConnection.ClearAllPools();
                using var admin = new NpgsqlConnection(server);
                admin.Open();
                using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
                drop.ExecuteNonQuery();
            });
        }
        else
        {
            var folder = Directory.CreateTempSubdirectory("scb-bench-db-").FullName;
            var file = Path.Combine(folder, "bench.db");
            database = new BenchDatabase(Build("Sqlite", $"Data Source={file}"), $"SQLite file {file}", () =>
            {
                SqliteConnection.ClearAllPools();
                Directory.Delete(folder, recursive: true);
            });
        }

        await database.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
        return database;
    }

    private static ServiceProvider Build(string provider, string connectionString)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(TimeProvider.System);
        var options = new DatabaseOptions { Provider = provider, ConnectionString = connectionString };
        services.AddSalesCoachDataCore(_ => options);
        services.AddSalesCoachCore(new ConfigurationBuilder().Build());
        return services.BuildServiceProvider();
    }

    /// <summary>Imports one file with the real importer; prints and returns its rate.</summary>
    public async Task<ImportResult> ImportAsync(ImportKind kind, string path, TextWriter output)
    {
        await using var scope = Services.CreateAsyncScope();
        var importer = scope.ServiceProvider.GetRequiredService<CsvImportService>();
        var cpu = Machine.Cpu();
        var started = Stopwatch.GetTimestamp();
        var result = await importer.ImportAsync(kind, path, progress: null, CancellationToken.None);
        var took = Stopwatch.GetElapsedTime(started);
        cpu = Machine.Cpu() - cpu;
        if (result.FileError is not null || result.Rejected > 0)
        {
            throw new InvalidOperationException($"import {kind} failed: {result.FileError ?? string.Join("; ", result.Rejections.Take(3))}");
        }

        await output.WriteLineAsync($"import {kind.ToString().ToLowerInvariant(),-8} {Machine.Rate(result.Added + result.Updated + result.Unchanged, took, cpu)}  ({result.Summary})");
        return result;
    }

    /// <summary>Teams, people, deals, history: the order an operator imports them in.</summary>
    public async Task LoadAsync(DataSet data, TextWriter output)
    {
        await ImportAsync(ImportKind.Teams, data.TeamsCsv, output);
        await ImportAsync(ImportKind.People, data.PeopleCsv, output);
        await ImportAsync(ImportKind.Deals, data.DealsCsv, output);
        await ImportAsync(ImportKind.History, data.HistoryCsv, output);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        _drop();
    }
}
