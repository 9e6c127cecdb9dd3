using Microsoft.Extensions.DependencyInjection;
using SalesCoachBot.Core.Pipeline;
using SalesCoachBot.Data.Tests.Infrastructure;

namespace SalesCoachBot.Data.Tests;

public sealed class SqliteChartStoreTests(SqliteDatabaseFixture fixture) : ChartStoreTests(() => fixture.Database), IClassFixture<SqliteDatabaseFixture>;

public sealed class PostgresChartStoreTests(PostgresDatabaseFixture fixture) : ChartStoreTests(() => fixture.Database), IClassFixture<PostgresDatabaseFixture>;

/// <summary>Charts live in the database: another host (a second service provider on the same database) serves them.</summary>
public abstract class ChartStoreTests(Func<TestDatabase> database)
{
    private TestDatabase Db => database();

    [DatabaseFact]
    public async Task Add_ThenFindFromAnotherHost_SameBytesUntilExpiry()
    {
        var png = new byte[] { 0x89, 0x50, 0x4e, 0x47, 1, 2, 3 };
        var token = await Db.Services.GetRequiredService<IChartStore>().AddAsync(png, CancellationToken.None);

        await using var otherHost = TestDatabase.BuildServices(
            new DatabaseOptions { Provider = Db.Provider.ToString(), ConnectionString = Db.ConnectionString }, Db.Time);
        var other = otherHost.GetRequiredService<IChartStore>();

        Assert.Matches("^[0-9a-f]{32}$", token);
        Assert.Equal(png, await other.FindAsync(token, CancellationToken.None));
        Assert.Null(await other.FindAsync(new string('0', 32), CancellationToken.None));

        Db.Time.Advance(IChartStore.Lifetime);
        Assert.Null(await other.FindAsync(token, CancellationToken.None));
    }
}
