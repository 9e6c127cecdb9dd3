using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Data.Tests.Infrastructure;

namespace SalesCoachBot.Data.Tests;

public sealed class SqliteAmountStorageTests(SqliteDatabaseFixture fixture) : AmountStorageTests(() => fixture.Database), IClassFixture<SqliteDatabaseFixture>;

public sealed class PostgresAmountStorageTests(PostgresDatabaseFixture fixture) : AmountStorageTests(() => fixture.Database), IClassFixture<PostgresDatabaseFixture>;

/// <summary>Amounts come back as stored: PostgreSQL's <c>numeric(18,2)</c> rounded 1,234.567 KWD to 1,234.57.</summary>
public abstract class AmountStorageTests(Func<TestDatabase> database)
{
    private TestDatabase Db => database();

    [DatabaseFact]
    public async Task Amounts_ThreeAndFourDecimalsAndSixteenIntegerDigits_ReadBackExactly()
    {
        var team = await Db.CreateTeamAsync();
        var stored = new (decimal Amount, string Currency)[] { (1234.567m, "KWD"), (12.3456m, "CLF"), (9_999_999_999_999_999.9999m, "USD") };
        foreach (var (amount, currency) in stored)
        {
            var id = await StoreAsync(team, amount, currency);

            await using var db = Db.NewContext();
            Assert.Equal(amount, await db.Deals.AsNoTracking().Where(d => d.Id == id).Select(d => d.Amount).SingleAsync());
        }
    }

    private async Task<DealId> StoreAsync(TestTeam team, decimal amount, string currency)
    {
        var deal = await Db.CreateDealAsync(team);
        await using var db = Db.NewContext();
        await db.Deals.Where(d => d.Id == deal.Id).ExecuteUpdateAsync(u => u.SetProperty(d => d.Amount, amount).SetProperty(d => d.Currency, currency));
        return deal.Id;
    }
}

public sealed class SqliteAmountUpgradeTests() : AmountUpgradeTests(DatabaseProvider.Sqlite);

public sealed class PostgresAmountUpgradeTests() : AmountUpgradeTests(DatabaseProvider.Postgres);

/// <summary>Migration <c>MoneyFourDecimals</c> on a database with deals: stored amounts stay, new ones keep four decimals.</summary>
public abstract class AmountUpgradeTests(DatabaseProvider provider)
{
    [DatabaseFact]
    public async Task Upgrade_DealStoredWithTwoDecimals_KeepsItAndThenTakesThree()
    {
        await using var database = await TestDatabase.CreateAsync(provider, upToMigration: "Workdays");
        var team = await database.CreateTeamAsync();
        var deal = await database.CreateDealAsync(team);   // 1,234.56 EUR

        await database.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);

        await using var db = database.NewContext();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        var upgraded = await db.Deals.SingleAsync(d => d.Id == deal.Id);
        Assert.Equal(1234.56m, upgraded.Amount);
        upgraded.Amount = 1234.567m;
        upgraded.Currency = "KWD";
        await db.SaveChangesAsync();
        await using var reread = database.NewContext();
        Assert.Equal(1234.567m, (await reread.Deals.AsNoTracking().SingleAsync(d => d.Id == deal.Id)).Amount);
    }
}
