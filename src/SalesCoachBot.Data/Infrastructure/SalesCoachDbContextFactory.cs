using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging;

namespace SalesCoachBot.Data.Infrastructure;

/// <summary>
/// Creates the provider's context from <see cref="DatabaseOptions"/>. Options are built once; every call
/// returns a context of its own (stores get one per scope, concurrent work creates its own), taken
/// from EF Core's context pool: disposing it resets it and gives it back. Setting up a new context
/// was a measured share of every chat turn that writes.
/// </summary>
public sealed class SalesCoachDbContextFactory : IDbContextFactory<SalesCoachDbContext>
{
    public const string MigrationsHistoryTable = "__ef_migrations_history";

    private readonly Func<SalesCoachDbContext> _create;

    public SalesCoachDbContextFactory(DatabaseOptions options, ILoggerFactory? loggerFactory = null)
    {
        Provider = options.GetProvider();
        ConnectionString = options.GetConnectionString();
        Description = DatabaseDescription.Of(Provider, ConnectionString);
        switch (Provider)
        {
            case DatabaseProvider.Sqlite:
                var sqlite = ConfigureSqlite(new DbContextOptionsBuilder<SqliteSalesCoachDbContext>(), ConnectionString);
                if (loggerFactory is not null)
                {
                    sqlite.UseLoggerFactory(loggerFactory);
                }

                if (options.CrmPushes)
                {
                    sqlite.AddInterceptors(new Crm.CrmOutboxInterceptor());
                }

                var sqlitePool = new PooledDbContextFactory<SqliteSalesCoachDbContext>(sqlite.Options);
                _create = sqlitePool.CreateDbContext;
                break;
            default:
                var postgres = ConfigurePostgres(new DbContextOptionsBuilder<PostgresSalesCoachDbContext>(), ConnectionString);
                if (loggerFactory is not null)
                {
                    postgres.UseLoggerFactory(loggerFactory);
                }

                if (options.CrmPushes)
                {
                    postgres.AddInterceptors(new Crm.CrmOutboxInterceptor());
                }

                var postgresPool = new PooledDbContextFactory<PostgresSalesCoachDbContext>(postgres.Options);
                _create = postgresPool.CreateDbContext;
                break;
        }
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    /// <summary>The database in use as the log names it: SQLite's full path, PostgreSQL's host:port/database; no password.</summary>
    public string Description { get; }

    public SalesCoachDbContext CreateDbContext() => _create();

    internal static DbContextOptionsBuilder<SqliteSalesCoachDbContext> ConfigureSqlite(
        DbContextOptionsBuilder<SqliteSalesCoachDbContext> builder, string connectionString)
    {
        SqliteLibrarySettings.EnsureApplied();
        var csb = new SqliteConnectionStringBuilder(connectionString);
        if (csb.DefaultTimeout < 30)
        {
            csb.DefaultTimeout = 30;
        }

        // SQLite rebuilds a table behind `PRAGMA foreign_keys = 0`, which EF Core cannot run in a transaction and reports
        // as a warning on every fresh database, i.e. the newcomer's first start. Information is enough: the remedy (a copy
        // of the file before an upgrade) is in the README, and a failed migration still fails the start.
        return builder
            .UseSqlite(csb.ToString(), o => o.MigrationsHistoryTable(MigrationsHistoryTable))
            .ConfigureWarnings(w => QuietFailures(w.Log((RelationalEventId.NonTransactionalMigrationOperationWarning, LogLevel.Information))))
            .AddInterceptors(SqlitePragmaInterceptor.Instance);
    }

    internal static DbContextOptionsBuilder<PostgresSalesCoachDbContext> ConfigurePostgres(
        DbContextOptionsBuilder<PostgresSalesCoachDbContext> builder, string connectionString) =>
        builder.UseNpgsql(connectionString, o => o.MigrationsHistoryTable(MigrationsHistoryTable))
            .ConfigureWarnings(w => QuietFailures(w));

    /// <summary>
    /// EF Core logs every failed connection, command, query and save as an error with the exception's stack trace, and
    /// then throws the same exception to the caller, which handles it or logs it itself: a database outage became
    /// ~190 lines per worker and round (docs/deploy.md, §7). Debug keeps the detail for whoever turns it on.
    /// </summary>
    private static WarningsConfigurationBuilder QuietFailures(WarningsConfigurationBuilder warnings) =>
        warnings.Log(
            (RelationalEventId.ConnectionError, LogLevel.Debug),
            (RelationalEventId.CommandError, LogLevel.Debug),
            (CoreEventId.QueryIterationFailed, LogLevel.Debug),
            (CoreEventId.SaveChangesFailed, LogLevel.Debug));

    /// <summary>The folder of a SQLite file database, created when missing (a relative path: the current directory; the host makes its own absolute against the content root).</summary>
    internal static void EnsureSqliteFolder(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrEmpty(dataSource) || dataSource == ":memory:" || dataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (string.IsNullOrEmpty(folder))
        {
            return;
        }

        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new DatabaseFolderException(folder, e);
        }
    }
}
