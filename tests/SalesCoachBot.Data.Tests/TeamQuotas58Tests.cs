using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Data.Tests.Infrastructure;

namespace SalesCoachBot.Data.Tests;

public sealed class SqliteTeamQuotas58Tests(SqliteDatabaseFixture fixture) : TeamQuotas58Tests(() => fixture.Database), IClassFixture<SqliteDatabaseFixture>;

public sealed class PostgresTeamQuotas58Tests(PostgresDatabaseFixture fixture) : TeamQuotas58Tests(() => fixture.Database), IClassFixture<PostgresDatabaseFixture>;

/// <summary>quota58: a team's one current quota, set in chat, stored with who set it and when, and read with the team.</summary>
public abstract class TeamQuotas58Tests(Func<TestDatabase> database)
{
    private TestDatabase Db => database();

    [DatabaseFact]
    public async Task SetQuota_StoresTheOneQuotaWithWhoAndWhen_AndASecondReplacesIt()
    {
        var team = await Db.CreateTeamAsync();
        var now = Db.Time.GetUtcNow();
        await using var scope = Db.Services.CreateAsyncScope();
        var directory = scope.ServiceProvider.GetRequiredService<IDirectoryStore>();

        Assert.True(await directory.SetQuotaAsync(team.TeamId, new TeamQuota(500_000m, "EUR", QuotaPeriod.Quarter), team.RepId, now, CancellationToken.None));
        Assert.True(await directory.SetQuotaAsync(team.TeamId, new TeamQuota(1_234_567.891m, "KWD", QuotaPeriod.Year), team.OtherId, now.AddMinutes(5), CancellationToken.None));
        Assert.False(await directory.SetQuotaAsync(-1, new TeamQuota(1m, "EUR", QuotaPeriod.Month), team.RepId, now, CancellationToken.None));

        await using var db = Db.NewContext();
        var stored = await db.Teams.AsNoTracking().SingleAsync(t => t.Id == team.TeamId);
        Assert.Equal((1_234_567.891m, "KWD", QuotaPeriod.Year, team.OtherId), (stored.QuotaAmount, stored.QuotaCurrency, stored.QuotaPeriod, stored.QuotaSetByPersonId));
        Assert.Equal(now.AddMinutes(5).ToUnixTimeMilliseconds(), stored.QuotaSetAt!.Value.ToUnixTimeMilliseconds());
    }
}

public sealed class SqliteTeamQuotasUpgrade58Tests() : TeamQuotasUpgrade58Tests(DatabaseProvider.Sqlite);

public sealed class PostgresTeamQuotasUpgrade58Tests() : TeamQuotasUpgrade58Tests(DatabaseProvider.Postgres);

/// <summary>Migration <c>TeamQuotas</c> (columns on sales_teams): a team stored before it keeps its row, with no quota and a quarter's kind.</summary>
public abstract class TeamQuotasUpgrade58Tests(DatabaseProvider provider)
{
    [DatabaseFact]
    public async Task Upgrade_ATeamStoredBefore_KeepsItsRowWithNoQuota()
    {
        await using var database = await TestDatabase.CreateAsync(provider, upToMigration: "PendingQuestions");
        await using (var before = database.NewContext())
        {
            await before.Database.ExecuteSqlRawAsync(
                "INSERT INTO sales_teams (name, normalized_name, time_zone_id, nudge_time, weekdays_only, idle_after_days, workdays) " +
                "VALUES ('Old Team 58', 'old team 58', 'Asia/Riyadh', '09:00:00', TRUE, 21, 'sun-thu')");
        }

        await database.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);

        await using var db = database.NewContext();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        var team = await db.Teams.AsNoTracking().SingleAsync(t => t.Name == "Old Team 58");
        Assert.Equal(("Asia/Riyadh", 21, (decimal?)null, QuotaPeriod.Quarter), (team.TimeZoneId, team.IdleAfterDays, team.QuotaAmount, team.QuotaPeriod));
    }
}
