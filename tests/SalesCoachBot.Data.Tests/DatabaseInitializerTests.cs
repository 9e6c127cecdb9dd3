using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Data.Demo;
using SalesCoachBot.Data.Infrastructure;
using SalesCoachBot.Data.Tests.Infrastructure;

namespace SalesCoachBot.Data.Tests;

public sealed class DatabaseInitializerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scb-init-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 10, 9, 0, 0, TimeSpan.Zero));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private DatabaseOptions Sqlite(string file = "nested/folder/salescoach.db") =>
        new() { Provider = "Sqlite", ConnectionString = $"Data Source={Path.Combine(_dir, file)}" };

    [Fact]
    public async Task SqliteConnection_ReusedFromThePool_KeepsBusyTimeoutForeignKeysSynchronousAndTempStore()
    {
        await using var services = TestDatabase.BuildServices(Sqlite(), _time);
        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
        var factory = services.GetRequiredService<SalesCoachDbContextFactory>();

        // Several opens and closes: the pool hands back native connections set up once.
        for (var round = 0; round < 3; round++)
        {
            await using var db = factory.CreateDbContext();
            await db.Database.OpenConnectionAsync();
            var connection = db.Database.GetDbConnection();
            Assert.Equal(10_000L, await ScalarAsync(connection, "PRAGMA busy_timeout"));
            Assert.Equal(1L, await ScalarAsync(connection, "PRAGMA foreign_keys"));
            Assert.Equal(1L, await ScalarAsync(connection, "PRAGMA synchronous")); // NORMAL
            Assert.Equal("wal", await ScalarAsync(connection, "PRAGMA journal_mode"));
            Assert.Equal(2L, await ScalarAsync(connection, "PRAGMA temp_store")); // MEMORY: statement journals off the disk
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<object?> ScalarAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    [Fact]
    public async Task Initialize_NewSqliteFile_CreatesFolderMigratesAndUsesWal()
    {
        await using var services = TestDatabase.BuildServices(Sqlite(), _time);

        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);

        Assert.True(File.Exists(Path.Combine(_dir, "nested/folder/salescoach.db")));
        await using var db = services.GetRequiredService<SalesCoachDbContextFactory>().CreateDbContext();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
        Assert.True(await services.GetRequiredService<DatabaseInitializer>().CanConnectAsync(CancellationToken.None));
        Assert.Equal("Sqlite", services.GetRequiredService<DatabaseInitializer>().ProviderName);
    }

    [Fact]
    public async Task Migrate_TeamStoredBeforeWorkdays_WorksMondayToFriday()
    {
        await using var services = TestDatabase.BuildServices(Sqlite("before-workdays.db"), _time);
        await using (var before = services.GetRequiredService<SalesCoachDbContextFactory>().CreateDbContext())
        {
            await before.GetService<IMigrator>().MigrateAsync("20261204120000_PipelineChangeBatch");
            await before.Database.ExecuteSqlRawAsync(
                "INSERT INTO sales_teams (name, normalized_name, time_zone_id, nudge_time, weekdays_only, idle_after_days) " +
                "VALUES ('Old', 'old', 'Europe/Berlin', '09:00:00', 1, 14)");
        }

        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);

        await using var db = services.GetRequiredService<SalesCoachDbContextFactory>().CreateDbContext();
        var team = await db.Teams.AsNoTracking().SingleAsync(t => t.Name == "Old");
        Assert.Equal(WorkWeek.MondayToFriday, team.Workdays);
    }

    [Fact]
    public async Task Initialize_DemoOnEmptyDatabase_SeedsTeamsPeopleAndDeals()
    {
        await using var services = TestDatabase.BuildServices(Sqlite(), _time, seedDemo: true);

        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);

        await using var db = services.GetRequiredService<SalesCoachDbContextFactory>().CreateDbContext();
        Assert.Equal(["Americas", "EMEA"], await db.Teams.Select(t => t.Name).OrderBy(n => n).ToListAsync());
        var dana = await db.People.Include(p => p.Memberships).SingleAsync(p => p.Email == DemoData.DemoRepEmail);
        Assert.Equal(("Dana Demo", "00000000-0000-0000-0000-0000000000020", "U0DEMO"), (dana.Name, dana.TeamsAadObjectId!, dana.SlackUserId!));
        Assert.Equal(PersonRole.Manager, (await db.People.SingleAsync(p => p.Email == "morgan@example.com")).Role);
        var morgan = await db.People.Include(p => p.Memberships).SingleAsync(p => p.Email == "morgan@example.com");
        Assert.Equal(2, morgan.Memberships.Count);
        var deals = await db.Deals.AsNoTracking().ToListAsync();
        Assert.InRange(deals.Count, 18, 25);
        Assert.Equal(new StageId("discovery"), deals.Single(d => d.ExternalId == "1001").StageId);
        Assert.Equal(2, deals.Count(d => d.Name.StartsWith("Acme Corp", StringComparison.Ordinal)));
        Assert.Contains(deals, d => d.Status == DealStatus.Won);
        Assert.Contains(deals, d => d.Status == DealStatus.Lost);
        Assert.Contains(deals, d => d.NextStepAt > _time.GetUtcNow());
        Assert.Contains(deals, d => d.Status == DealStatus.Open && _time.GetUtcNow() - d.StageEnteredAt > TimeSpan.FromDays(45));
        Assert.Contains(deals, d => d.Currency == "USD");
        Assert.True(deals.Count(d => d.OwnerId == dana.Id) >= 4);
        Assert.True(await db.StageHistory.CountAsync() > deals.Count);
    }

    [Fact]
    public async Task Initialize_DemoLostAndNurturedDeals_HistoryEndsWithTheClose()
    {
        await using var services = TestDatabase.BuildServices(Sqlite(), _time, seedDemo: true);
        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);

        await using var db = services.GetRequiredService<SalesCoachDbContextFactory>().CreateDbContext();
        var closed = await db.Deals.AsNoTracking().Where(d => d.Status == DealStatus.Lost || d.Status == DealStatus.Nurture).ToListAsync();
        Assert.Contains(closed, d => d.Name == "Pied Piper");
        foreach (var deal in closed)
        {
            var history = await db.StageHistory.AsNoTracking().Where(h => h.DealId == deal.Id).ToListAsync();
            var last = history.OrderBy(h => h.EnteredAt).Last();
            Assert.Equal(StageChangeKind.Closed, last.Kind);
            Assert.Equal(deal.StageId, last.StageId);
            Assert.Equal(deal.StageEnteredAt, last.EnteredAt);
            Assert.Equal(deal.LostReason, last.Reason);
            Assert.Equal(deal.StageVersion, history.Count);
            Assert.DoesNotContain(history, h => h.Kind != StageChangeKind.Closed && h.Reason is not null);
        }
    }

    [Fact]
    public async Task Initialize_DemoOnDatabaseWithData_SeedsNothing()
    {
        var options = Sqlite();
        await using (var plain = TestDatabase.BuildServices(options, _time))
        {
            await plain.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
            await using var db = plain.GetRequiredService<SalesCoachDbContextFactory>().CreateDbContext();
            db.Teams.Add(new SalesTeam { Name = "Real team" });
            await db.SaveChangesAsync();
        }

        await using var services = TestDatabase.BuildServices(options, _time, seedDemo: true);
        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);

        await using var check = services.GetRequiredService<SalesCoachDbContextFactory>().CreateDbContext();
        Assert.Equal(["Real team"], await check.Teams.Select(t => t.Name).ToListAsync());
        Assert.Equal(0, await check.Deals.CountAsync());
    }

    [Theory]
    [InlineData("Development", null, true)]
    [InlineData("Production", "true", true)]
    [InlineData("Production", null, false)]
    public void AddSalesCoachData_EnvironmentAndDemoFlag_DecideSeeding(string environment, string? demo, bool expected)
    {
        var options = Options(environment, new() { ["Demo:Seed"] = demo });

        Assert.Equal(expected, options.SeedDemo);
    }

    [Fact]
    public void AddSalesCoachData_UnknownProvider_ClearErrorOnStart()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Options("Production", new() { ["Database:Provider"] = "Oracle" }));

        Assert.Contains("'Sqlite' (default) or 'Postgres'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddSalesCoachData_PostgresWithoutConnectionString_ClearError()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Options("Production", new() { ["Database:Provider"] = "Postgres" }));

        Assert.Contains("ConnectionStrings:SalesCoach", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DatabaseOptions_NoConnectionString_DefaultsToDataFolder()
    {
        var options = new DatabaseOptions();

        Assert.Equal((DatabaseProvider.Sqlite, "Data Source=./data/salescoach.db"), (options.GetProvider(), options.GetConnectionString()));
    }

    private static DatabaseOptions Options(string environment, Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var hostEnvironment = Mock.Of<IHostEnvironment>(e => e.EnvironmentName == environment);
        var services = new ServiceCollection();
        services.AddSalesCoachData(configuration, hostEnvironment);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
    }
}
