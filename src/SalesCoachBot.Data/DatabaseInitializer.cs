using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Data.Demo;
using SalesCoachBot.Data.Infrastructure;

namespace SalesCoachBot.Data;

/// <summary>Applies migrations on start and seeds demo data into an empty database when asked.</summary>
public sealed class DatabaseInitializer(
    SalesCoachDbContextFactory factory,
    DatabaseOptions options,
    TimeProvider time,
    ILogger<DatabaseInitializer> logger,
    IDatabaseOutages? outages = null)
{
    public string ProviderName => factory.Provider.ToString();

    public Task InitializeAsync(CancellationToken cancellationToken) => InitializeAsync(quietWhenUpToDate: false, cancellationToken);

    /// <summary>
    /// Migrates and seeds. The database is named on stderr when migrations are applied; when there are none, the host
    /// still names it at start (Information), while a verb (<paramref name="quietWhenUpToDate"/>) says so only at Debug.
    /// </summary>
    public async Task InitializeAsync(bool quietWhenUpToDate, CancellationToken cancellationToken)
    {
        if (factory.Provider == DatabaseProvider.Sqlite)
        {
            SalesCoachDbContextFactory.EnsureSqliteFolder(factory.ConnectionString);
        }

        await using var db = factory.CreateDbContext();
        var pending = await RefuseNewerDatabaseAsync(db, cancellationToken);
        // Every CLI verb starts here: "applying migrations" on each run of an up-to-date database was noise on stderr.
        if (pending > 0)
        {
            Log.ApplyingMigrations(logger, factory.Description, pending);
        }
        else
        {
            Log.MigrationsUpToDate(logger, quietWhenUpToDate ? LogLevel.Debug : LogLevel.Information, factory.Description);
        }

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

    /// <summary>
    /// A host older than the database (a rollback, or an old host started after an upgrade) would run code that
    /// does not know the newer schema; it refuses to start and names the versions instead. Returns how many of this
    /// host's migrations the database lacks.
    /// </summary>
    private static async Task<int> RefuseNewerDatabaseAsync(SalesCoachDbContext db, CancellationToken cancellationToken)
    {
        var known = db.Database.GetMigrations().ToList();
        if (!await db.Database.CanConnectAsync(cancellationToken))
        {
            return known.Count;   // Nothing to compare with yet: MigrateAsync creates the database or reports the connection error.
        }

        var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToList();
        var unknown = applied.Except(known, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new DatabaseNewerThanHostException(known.LastOrDefault() ?? "(none)", unknown);
        }

        return known.Except(applied, StringComparer.Ordinal).Count();
    }

    /// <summary>Migrations this host knows that the database has not applied yet (readiness: empty when up to date).</summary>
    public async Task<IReadOnlyList<string>> PendingMigrationsAsync(CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        return [.. await db.Database.GetPendingMigrationsAsync(cancellationToken)];
    }

    public async Task<bool> CanConnectAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var db = factory.CreateDbContext();
            var reachable = await db.Database.CanConnectAsync(cancellationToken);
            if (reachable)
            {
                outages?.Reachable();
            }

            return reachable;
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            // Probes ask every few seconds: an outage is logged once by the outage log, the detail at Debug.
            if (outages?.Report("readiness probe", e) != true)
            {
                Log.CannotConnect(logger, e);
            }

            return false;
        }
    }
}

/// <summary>The database carries migrations this host does not know: it was upgraded by a newer host.</summary>
public sealed class DatabaseNewerThanHostException(string hostVersion, IReadOnlyList<string> unknownMigrations)
    : InvalidOperationException(
        $"the database has migrations this host does not know ({string.Join(", ", unknownMigrations)}); this host's newest is {hostVersion}. " +
        "Run the newer release on this host, or restore a backup taken before the upgrade (docs/deploy.md).")
{
    public IReadOnlyList<string> UnknownMigrations { get; } = unknownMigrations;
}

/// <summary>The folder of the SQLite file (by default <c>./data</c>) is missing and cannot be created: a read-only or foreign folder.</summary>
public sealed class DatabaseFolderException(string folder, Exception inner)
    : IOException(
        $"the SQLite database's folder {folder} cannot be created ({inner.Message}); start it from a folder it may write to, or point " +
        "ConnectionStrings:SalesCoach (\"Data Source=/path/salescoach.db\") at a writable place.",
        inner)
{
    public string Folder { get; } = folder;
}
