using Microsoft.Data.Sqlite;

namespace SalesCoachBot.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary><c>Database:*</c> and <c>ConnectionStrings:SalesCoach</c>.</summary>
public sealed class DatabaseOptions
{
    public const string DefaultSqliteConnectionString = "Data Source=./data/salescoach.db";

    /// <summary>The raw <c>Database:Provider</c> value; parsed by <see cref="TryGetProvider"/>.</summary>
    public string? Provider { get; set; }

    public string? ConnectionString { get; set; }

    /// <summary>Seed demo data into an empty database (<c>Demo:Seed</c>, or the Development environment).</summary>
    public bool SeedDemo { get; set; }

    /// <summary>
    /// When true (<c>Crm:Provider</c> names a CRM), every stage change, note and next step is also written to the CRM push
    /// outbox, in the same transaction (<see cref="Crm.CrmOutboxInterceptor"/>).
    /// </summary>
    public bool CrmPushes { get; set; }

    public bool TryGetProvider(out DatabaseProvider provider)
    {
        provider = DatabaseProvider.Sqlite;
        if (string.IsNullOrWhiteSpace(Provider))
        {
            return true;
        }

        switch (Provider.Trim().ToLowerInvariant())
        {
            case "sqlite":
                provider = DatabaseProvider.Sqlite;
                return true;
            case "postgres" or "postgresql" or "npgsql":
                provider = DatabaseProvider.Postgres;
                return true;
            default:
                return false;
        }
    }

    /// <summary>The provider, or an exception naming the bad value (validated on start).</summary>
    public DatabaseProvider GetProvider() =>
        TryGetProvider(out var provider)
            ? provider
            : throw new InvalidOperationException(
                $"Database:Provider '{Provider}' is not supported. Use 'Sqlite' (default) or 'Postgres'.");

    /// <summary>
    /// Makes a relative SQLite <c>Data Source</c> (the default <c>./data/salescoach.db</c> too) absolute against the host's
    /// content root (<c>--contentRoot</c>, else the current folder), as <c>appsettings.json</c> is read from there: a verb
    /// run with <c>--contentRoot /srv/coach</c> from another folder opens the host's database, not a new one beside it.
    /// In-memory and <c>file:</c> URI sources, absolute paths and PostgreSQL are left as they are, and so is every path
    /// when there is no content root (an environment made by hand: the current folder, as before).
    /// </summary>
    public void ResolveSqliteDataSource(string? contentRoot)
    {
        if (string.IsNullOrEmpty(contentRoot) || !TryGetProvider(out var provider) || provider != DatabaseProvider.Sqlite)
        {
            return;
        }

        var builder = new SqliteConnectionStringBuilder(GetConnectionString());
        var source = builder.DataSource;
        if (string.IsNullOrEmpty(source) || source == ":memory:" || builder.Mode == SqliteOpenMode.Memory
            || source.StartsWith("file:", StringComparison.OrdinalIgnoreCase) || Path.IsPathRooted(source))
        {
            return;
        }

        builder.DataSource = Path.GetFullPath(source, Path.GetFullPath(contentRoot));
        ConnectionString = builder.ToString();
    }

    public string GetConnectionString()
    {
        if (!string.IsNullOrWhiteSpace(ConnectionString))
        {
            return ConnectionString;
        }

        return GetProvider() == DatabaseProvider.Sqlite
            ? DefaultSqliteConnectionString
            : throw new InvalidOperationException(
                "ConnectionStrings:SalesCoach is required when Database:Provider is 'Postgres'.");
    }
}
