using Microsoft.EntityFrameworkCore;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Data.Infrastructure;

namespace SalesCoachBot.Data.Tests.Infrastructure;

/// <summary>
/// A real, migrated database for one test class: a SQLite file, or a uniquely named PostgreSQL database
/// on the server in <c>SALESCOACH_TEST_POSTGRES</c> (dropped afterwards).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "SALESCOACH_TEST_POSTGRES";

    private readonly Action _drop;

    private TestDatabase(DatabaseProvider provider, string connectionString, Action drop)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _drop = drop;
        Time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 10, 9, 0, 0, TimeSpan.Zero));
        Services = BuildServices(new DatabaseOptions { Provider = provider.ToString(), ConnectionString = connectionString }, Time);
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    public FakeTimeProvider Time { get; }

    public ServiceProvider Services { get; }

    public static string? PostgresServer => Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } cs ? cs : null;

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static ServiceProvider BuildServices(DatabaseOptions options, TimeProvider time, bool seedDemo = false)
    {
        options.SeedDemo = seedDemo;
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton(time);
        services.AddSingleton<IProcessMapSource>(new FixedProcessMapSource(TestMaps.Small));
        services.AddSalesCoachDataCore(_ => options);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    /// <summary>
    /// Creates, migrates and returns an empty database; with <paramref name="upToMigration"/>, migrated only that far
    /// (an upgrade test stores rows as an older version did, then runs the <see cref="DatabaseInitializer"/>).
    /// </summary>
    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider, string? upToMigration = null)
    {
        TestDatabase database;
        if (provider == DatabaseProvider.Sqlite)
        {
            var folder = Path.Combine(Path.GetTempPath(), "salescoach-tests");
            Directory.CreateDirectory(folder);
            var file = Path.Combine(folder, $"{Guid.NewGuid():N}.db");
            database = new TestDatabase(provider, $"Data Source={file}", () =>
            {
                SqliteConnection.ClearAllPools();
                foreach (var suffix in new[] { "", "-wal", "-shm" })
                {
                    File.Delete(file + suffix);
                }
            });
        }
        else
        {
            var server = PostgresServer ?? throw new InvalidOperationException(
                $"PostgreSQL tests need {PostgresVariable} (a connection string to a server where databases may be created); " +
                "run tests/start-postgres.sh to start one.");
            var name = $"salescoach_test_{Guid.NewGuid():N}";
            await using (var admin = new NpgsqlConnection(server))
            {
                await admin.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
                await create.ExecuteNonQueryAsync();
            }

            var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
            database = new TestDatabase(provider, connectionString, () =>
            {
                NpgsqlConnection.ClearAllPools();
                using var admin = new NpgsqlConnection(server);
                admin.Open();
                using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
                drop.ExecuteNonQuery();
            });
        }

        if (upToMigration is null)
        {
            await database.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
        }
        else
        {
            await using var db = database.NewContext();
            await db.GetService<IMigrator>().MigrateAsync(upToMigration);
        }

        return database;
    }

    public SalesCoachDbContext NewContext() => Services.GetRequiredService<SalesCoachDbContextFactory>().CreateDbContext();

    /// <summary>A team with two reps, unique to the calling test, so tests sharing a database never collide.</summary>
    public async Task<TestTeam> CreateTeamAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..10];
        await using var db = NewContext();
        // Written with the columns every upgrade test's schema has (sales_teams gained quota columns in TeamQuotas).
        var name = $"Team {tag}";
        var normalized = name.ToLowerInvariant();
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO sales_teams (name, normalized_name, time_zone_id, nudge_time, weekdays_only, idle_after_days, workdays) VALUES ({name}, {normalized}, 'Europe/Berlin', '09:00:00', TRUE, 14, 'mon-fri')");
        var team = new SalesTeam { Name = name, Id = await db.Database.SqlQuery<long>($"SELECT id AS \"Value\" FROM sales_teams WHERE normalized_name = {normalized}").SingleAsync() };
        var rep = new Person { Email = $"rep-{tag}@example.com", Name = $"Rep {tag}", Memberships = [new TeamMembership { TeamId = team.Id }] };
        var other = new Person { Email = $"other-{tag}@example.com", Name = $"Other {tag}", Memberships = [new TeamMembership { TeamId = team.Id }] };
        db.People.AddRange(rep, other);
        await db.SaveChangesAsync();
        return new TestTeam(tag, team.Id, team.Name, rep.Id, rep.Email, other.Id, other.Email);
    }

    public async Task<Deal> CreateDealAsync(TestTeam team, string stage = "discovery", string? externalId = null, int daysInStage = 3)
    {
        await using var db = NewContext();
        var entered = Time.GetUtcNow().AddDays(-daysInStage);
        var deal = new Deal
        {
            ExternalId = externalId ?? $"{team.Tag}-{Guid.NewGuid():N}"[..30],
            Name = $"Deal {team.Tag}",
            Account = "Acme",
            Amount = 1234.56m,
            Currency = "EUR",
            OwnerId = team.RepId,
            TeamId = team.TeamId,
            StageId = new StageId(stage),
            StageEnteredAt = entered,
            CreatedAt = entered,
            LastActivityAt = entered,
        };
        db.Deals.Add(deal);
        await db.SaveChangesAsync();
        return deal;
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        _drop();
    }
}

public sealed record TestTeam(string Tag, long TeamId, string TeamName, long RepId, string RepEmail, long OtherId, string OtherEmail);

/// <summary>Class fixtures: one database per test class and provider.</summary>
public sealed class SqliteDatabaseFixture : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;

    public async Task InitializeAsync() => Database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

    public async Task DisposeAsync() => await Database.DisposeAsync();
}

public sealed class PostgresDatabaseFixture : IAsyncLifetime
{
    private TestDatabase? _database;

    // Created on first use, so a missing server fails the PostgreSQL tests (in CI) with a clear message.
    public TestDatabase Database => _database ?? throw new InvalidOperationException(
        $"No PostgreSQL test server: set {TestDatabase.PostgresVariable} (tests/start-postgres.sh prints one).");

    public async Task InitializeAsync()
    {
        if (TestDatabase.PostgresServer is not null)
        {
            _database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        }
    }

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}

public static class TestMaps
{
    /// <summary>A small custom map: discovery (two required items and one optional) → demo → contract-signed.</summary>
    public static readonly ProcessMap Small = new(
        "Test map",
        1,
        new StageId("discovery"),
        new StageId("contract-signed"),
        [
            Stage("discovery", "Discovery", 14, "demo", ("requirements-listed", true), ("demo-booked", true), ("champion-named", false)),
            Stage("demo", "Demo", 10, "contract-signed", ("demo-held", true)),
            Stage("contract-signed", "Contract signed", 30, null, ("signed-copy-stored", true)),
        ],
        MapOutcomes.Default);

    private static Stage Stage(string id, string name, int stall, string? next, params (string Id, bool Required)[] items) => new(
        new StageId(id),
        name,
        "sales",
        $"{name} entry",
        $"{name} activities",
        stall,
        [.. items.Select(i => new ChecklistItem(new ChecklistItemId(i.Id), $"{i.Id} text", i.Required))],
        next is null ? null : new StageId(next),
        [],
        [],
        []);
}
