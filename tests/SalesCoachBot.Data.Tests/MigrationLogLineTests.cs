using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using SalesCoachBot.Data.Infrastructure;
using SalesCoachBot.Data.Tests.Infrastructure;

namespace SalesCoachBot.Data.Tests;

/// <summary>Every CLI verb runs the initializer: "applying migrations" is said only when there are some to apply.</summary>
public sealed class MigrationLogLineTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scb-migrationlog-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private async Task<IReadOnlyList<FakeLogRecord>> InitializeAsync(string file, bool quiet = false)
    {
        var options = new DatabaseOptions { Provider = "Sqlite", ConnectionString = $"Data Source={Path.Combine(_dir, file)}" };
        await using var services = TestDatabase.BuildServices(options, new FakeTimeProvider(new DateTimeOffset(2025, 3, 10, 9, 0, 0, TimeSpan.Zero)));
        var logger = new FakeLogger<DatabaseInitializer>();
        var initializer = new DatabaseInitializer(
            services.GetRequiredService<SalesCoachDbContextFactory>(), options, TimeProvider.System, logger);
        await initializer.InitializeAsync(quiet, CancellationToken.None);
        return logger.Collector.GetSnapshot();
    }

    [Fact]
    public async Task Initialize_NewDatabase_LogsApplyingMigrationsWithTheCount()
    {
        var records = await InitializeAsync("new.db");

        var line = Assert.Single(records, r => r.Level == LogLevel.Information && r.Message.Contains("applying migrations", StringComparison.Ordinal));
        Assert.Matches(@"applying migrations \([1-9][0-9]* pending\)", line.Message);
    }

    [Fact]
    public async Task Initialize_UpToDateDatabaseForAVerb_SaysNothingAboveDebug()
    {
        await InitializeAsync("again.db");

        var records = await InitializeAsync("again.db", quiet: true);

        Assert.DoesNotContain(records, r => r.Message.Contains("applying migrations", StringComparison.Ordinal));
        Assert.DoesNotContain(records, r => r.Level >= LogLevel.Information);
        Assert.Contains(records, r => r.Level == LogLevel.Debug && r.Message.Contains("up to date", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Initialize_UpToDateDatabaseForTheHost_NamesTheDatabaseWithoutApplyingMigrations()
    {
        await InitializeAsync("host.db");

        var records = await InitializeAsync("host.db");

        Assert.DoesNotContain(records, r => r.Message.Contains("applying migrations", StringComparison.Ordinal));
        var line = Assert.Single(records, r => r.Level == LogLevel.Information);
        Assert.Contains($"{Path.Combine(_dir, "host.db")}: migrations up to date", line.Message, StringComparison.Ordinal);
    }
}
