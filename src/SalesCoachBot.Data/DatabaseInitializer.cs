using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SalesCoachBot.Data.Demo;
using SalesCoachBot.Data.Infrastructure;

namespace SalesCoachBot.Data;

/// <summary>Applies migrations on start and seeds demo data into an empty database when asked.</summary>
public sealed class DatabaseInitializer(
    SalesCoachDbContextFactory factory,
    DatabaseOptions options,
    TimeProvider time,
    ILogger<DatabaseInitializer> logger)
{
    public string ProviderName => factory.Provider.ToString();

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (factory.Provider == DatabaseProvider.Sqlite)
        {
            SalesCoachDbContextFactory.EnsureSqliteFolder(factory.ConnectionString);
        }

        Log.ApplyingMigrations(logger, factory.Provider);
        await using var db = factory.CreateDbContext();
        await db.Database.MigrateAsync(cancellationToken);

        if (options.SeedDemo)
        {
            await SeedDemoAsync(db, cancellationToken);
        }
    }

    /// <summary>Seeds the demo teams, people and deals, only into a database without any of them.</summary>
    public async Task<bool> SeedDemoAsync(SalesCoachDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (await db.Teams.AnyAsync(cancellationToken) || await db.People.AnyAsync(cancellationToken) || await db.Deals.AnyAsync(cancellationToken))
        {
            Log.DemoSkipped(logger);
            return false;
        }

        var counts = await DemoData.SeedAsync(db, time.GetUtcNow(), cancellationToken);
        Log.DemoSeeded(logger, counts.Teams, counts.People, counts.Deals);
        return true;
    }

    public async Task<bool> CanConnectAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var db = factory.CreateDbContext();
            return await db.Database.CanConnectAsync(cancellationToken);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            Log.CannotConnect(logger, e);
            return false;
        }
    }
}
