using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace SalesCoachBot.Data.Infrastructure;

// Used by `dotnet ef migrations add` only; the connection is never opened for SQLite and
// PostgreSQL migrations are generated without a server.

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteSalesCoachDbContext>
{
    public SqliteSalesCoachDbContext CreateDbContext(string[] args) =>
        new(SalesCoachDbContextFactory.ConfigureSqlite(
            new DbContextOptionsBuilder<SqliteSalesCoachDbContext>(), "Data Source=design-time.db").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresSalesCoachDbContext>
{
    public PostgresSalesCoachDbContext CreateDbContext(string[] args) =>
        new(SalesCoachDbContextFactory.ConfigurePostgres(
            new DbContextOptionsBuilder<PostgresSalesCoachDbContext>(), "Host=localhost;Database=salescoach_design").Options);
}
