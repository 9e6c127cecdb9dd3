using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Data.Tests.Infrastructure;

namespace SalesCoachBot.Data.Tests;

public sealed class SqliteTeamRoster53Tests() : TeamRoster53Tests(DatabaseProvider.Sqlite);

public sealed class PostgresTeamRoster53Tests() : TeamRoster53Tests(DatabaseProvider.Postgres);

/// <summary>
/// "who is on EMEA" and "list teams" count in the database: each member's open deals in that team (a deal they own in
/// another team, or a lost one, is not counted there) and each team's open deals, the same on SQLite and PostgreSQL.
/// </summary>
public abstract class TeamRoster53Tests(DatabaseProvider provider)
{
    [DatabaseFact]
    public async Task ListRoster_TwoTeams_MembersWithTheirOpenDealsThereAndTeamTotals()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var a = await database.CreateTeamAsync();
        var b = await database.CreateTeamAsync();
        var unseen = await database.CreateTeamAsync();
        await database.CreateDealAsync(a);
        await database.CreateDealAsync(a);
        var lost = await database.CreateDealAsync(a);
        await database.CreateDealAsync(unseen);
        await using (var db = database.NewContext())
        {
            // A's rep is in B too, and owns a deal there; the lost deal counts nowhere.
            db.Memberships.Add(new TeamMembership { PersonId = a.RepId, TeamId = b.TeamId });
            db.Deals.Add(new Deal
            {
                ExternalId = $"{b.Tag}-x",
                Name = "B deal",
                OwnerId = a.RepId,
                TeamId = b.TeamId,
                StageId = new StageId("demo"),
                StageEnteredAt = database.Time.GetUtcNow(),
                CreatedAt = database.Time.GetUtcNow(),
                LastActivityAt = database.Time.GetUtcNow(),
            });
            await db.SaveChangesAsync();
            await db.Deals.Where(d => d.Id == lost.Id).ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DealStatus.Lost));
        }

        await using var scope = database.Services.CreateAsyncScope();
        var roster = await scope.ServiceProvider.GetRequiredService<IDirectoryStore>().ListRosterAsync([a.TeamId, b.TeamId], CancellationToken.None);

        (long Team, long Person, int Open)[] expected =
            [(a.TeamId, a.RepId, 2), (a.TeamId, a.OtherId, 0), (b.TeamId, b.RepId, 0), (b.TeamId, b.OtherId, 0), (b.TeamId, a.RepId, 1)];
        Assert.Equal(
            expected.OrderBy(m => m.Team).ThenBy(m => m.Person),
            roster.Members.Select(m => (m.TeamId, m.PersonId, m.OpenDeals)).OrderBy(m => m.TeamId).ThenBy(m => m.PersonId));
        Assert.All(roster.Members, m => Assert.Equal(PersonRole.Rep, m.Role));
        Assert.Equal(new Dictionary<long, int> { [a.TeamId] = 2, [b.TeamId] = 1 }, roster.OpenDealsByTeam);
    }
}
