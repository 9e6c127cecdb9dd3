using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Pipeline;
using SalesCoachBot.Data.Tests.Infrastructure;

namespace SalesCoachBot.Data.Tests;

public sealed class SqliteStageChangesStoreTests(SqliteDatabaseFixture fixture) : StageChangesStoreTests(() => fixture.Database), IClassFixture<SqliteDatabaseFixture>;

public sealed class PostgresStageChangesStoreTests(PostgresDatabaseFixture fixture) : StageChangesStoreTests(() => fixture.Database), IClassFixture<PostgresDatabaseFixture>;

/// <summary>
/// "what moved this week": <see cref="IPipelineStore.ListStageChangesAsync"/> on a hand-built history with known answers,
/// on each provider, and the same as the in-memory store the Core tests use.
/// </summary>
public abstract class StageChangesStoreTests(Func<TestDatabase> database)
{
    private TestDatabase Db => database();

    private DateTimeOffset Now => Db.Time.GetUtcNow();

    private DateTimeOffset DaysAgo(double days) => Now.AddDays(-days);

    [DatabaseFact]
    public async Task ListStageChanges_TeamPeriod_NewestFirstWithPreviousStagesNamesAndTotal()
    {
        var world = await SeedAsync();

        var changes = await ListAsync(new PipelineScope([world.A.TeamId], null), DaysAgo(7), Now, 100);

        // Left out: the entries that put deals on the map, the import with nothing before it, the map change, the move
        // 8 days ago and team B's move. A close stays where the deal was.
        Assert.Equal(
        [
            (world.Moved, "discovery", "demo", StageChangeKind.Moved),
            (world.Moved, "demo", "discovery", StageChangeKind.Advanced),
            (world.Lost, "demo", "demo", StageChangeKind.Closed),
            (world.Renamed, "contract-signed", "demo", StageChangeKind.Override),
            (world.Imported, "demo", "discovery", StageChangeKind.Imported),
            (world.Moved, "discovery", "demo", StageChangeKind.Moved),
        ], changes.Lines.Select(l => (l.Id.Value, l.StageId, l.PreviousStageId!, l.Kind)));
        Assert.Equal(6, changes.Total);
        var first = changes.Lines[0];
        Assert.Equal((world.A.TeamName, world.A.TeamId, DaysAgo(1), DealStatus.Open, "Moved"), (first.TeamName, first.TeamId, first.EnteredAt, first.Status, first.Name));
        Assert.Equal(DealStatus.Lost, changes.Lines[2].Status);
        await using var db = Db.NewContext();
        var owner = await db.People.AsNoTracking().SingleAsync(p => p.Id == world.A.RepId);
        Assert.All(changes.Lines, l => Assert.Equal(owner.Name, l.OwnerName));
    }

    [DatabaseFact]
    public async Task ListStageChanges_SameInstant_TheLaterRowIsNewerAndItsPreviousTheEarlier()
    {
        var world = await SeedAsync();

        var changes = await ListAsync(new PipelineScope([world.A.TeamId], null), DaysAgo(7), Now, 100);

        // The map change 3 days ago and the override at the same instant: the override came after, from the renamed stage.
        Assert.Equal("demo", changes.Lines.Single(l => l.Id.Value == world.Renamed).PreviousStageId);
    }

    [DatabaseFact]
    public async Task ListStageChanges_Limit_NewestOnlyButEveryChangeCounted()
    {
        var world = await SeedAsync();

        var changes = await ListAsync(new PipelineScope([world.A.TeamId], null), DaysAgo(7), Now, 2);

        Assert.Equal([world.Moved, world.Moved], changes.Lines.Select(l => l.Id.Value));
        Assert.Equal(6, changes.Total);
    }

    [DatabaseFact]
    public async Task ListStageChanges_OwnerAndEveryTeam_ScopedAndEndExclusive()
    {
        var world = await SeedAsync();

        var teamB = await ListAsync(new PipelineScope(null, world.B.RepId), DaysAgo(7), Now, 100);
        var before = await ListAsync(new PipelineScope([world.A.TeamId], null), DaysAgo(7), DaysAgo(1), 100);
        var none = await ListAsync(new PipelineScope([world.A.TeamId], null), DaysAgo(30), DaysAgo(20), 100);

        Assert.Equal([world.OtherTeam], teamB.Lines.Select(l => l.Id.Value));
        Assert.Equal((world.B.TeamName, (string?)"discovery"), (teamB.Lines[0].TeamName, teamB.Lines[0].PreviousStageId));
        Assert.Equal(5, before.Total); // the move exactly at the end is not in the period
        Assert.Equal(0, none.Total);
        Assert.Empty(none.Lines);
    }

    [DatabaseFact]
    public async Task ListStageChanges_SameAsTheInMemoryStore()
    {
        var world = await SeedAsync();
        var memory = new InMemoryPipelineStore(world.Memory);

        foreach (var scope in new[] { new PipelineScope([world.A.TeamId], null), new PipelineScope([world.A.TeamId, world.B.TeamId], null), new PipelineScope(null, world.B.RepId) })
        {
            var stored = await ListAsync(scope, DaysAgo(10), Now, 3);
            var expected = await memory.ListStageChangesAsync(scope, DaysAgo(10), Now, 3, CancellationToken.None);
            Assert.Equal(expected.Total, stored.Total);
            Assert.Equal(expected.Lines, stored.Lines);
        }
    }

    private async Task<StageChangeList> ListAsync(PipelineScope scope, DateTimeOffset from, DateTimeOffset to, int limit)
    {
        await using var services = Db.Services.CreateAsyncScope();
        var store = services.ServiceProvider.GetRequiredService<IPipelineStore>();
        return await store.ListStageChangesAsync(scope, from, to, limit, CancellationToken.None);
    }

    private sealed record World(InMemoryStores Memory, TestTeam A, TestTeam B, long Moved, long Lost, long Imported, long Renamed, long OtherTeam);

    /// <summary>Two teams' deals with histories of every kind, in the database and in memory.</summary>
    private async Task<World> SeedAsync()
    {
        var a = await Db.CreateTeamAsync();
        var b = await Db.CreateTeamAsync();
        var memory = new InMemoryStores();
        await using var db = Db.NewContext();
        foreach (var teamId in new[] { a.TeamId, b.TeamId })
        {
            memory.Teams.Add(await db.Teams.AsNoTracking().SingleAsync(t => t.Id == teamId));
        }

        foreach (var person in await db.People.AsNoTracking().Where(p => p.Id == a.RepId || p.Id == b.RepId).ToListAsync())
        {
            memory.People.Add(person);
        }

        Deal NewDeal(TestTeam team, string name, string stage, DealStatus status = DealStatus.Open)
        {
            var deal = new Deal
            {
                ExternalId = $"{team.Tag}-{Guid.NewGuid():N}"[..30],
                Name = name,
                OwnerId = team.RepId,
                TeamId = team.TeamId,
                StageId = new StageId(stage),
                Status = status,
                StageEnteredAt = DaysAgo(20),
                CreatedAt = DaysAgo(20),
                LastActivityAt = DaysAgo(20),
            };
            db.Deals.Add(deal);
            memory.Deals.Add(deal);
            return deal;
        }

        var moved = NewDeal(a, "Moved", "discovery");
        var lost = NewDeal(a, "Lost", "demo", DealStatus.Lost);
        var imported = NewDeal(a, "Imported", "demo");
        var renamed = NewDeal(a, "Renamed", "contract-signed");
        var otherTeam = NewDeal(b, "Other", "demo");
        await db.SaveChangesAsync();

        var rows = new List<StageHistoryEntry>();
        void Entry(Deal deal, string stage, double daysAgo, StageChangeKind kind) =>
            rows.Add(new StageHistoryEntry { DealId = deal.Id, StageId = new StageId(stage), EnteredAt = DaysAgo(daysAgo), Kind = kind });

        Entry(moved, "discovery", 20, StageChangeKind.Entered);
        Entry(moved, "demo", 8, StageChangeKind.Advanced); // before the week
        Entry(moved, "discovery", 5, StageChangeKind.Moved);
        Entry(moved, "demo", 2, StageChangeKind.Advanced);
        Entry(moved, "discovery", 1, StageChangeKind.Moved);
        Entry(lost, "demo", 3, StageChangeKind.Entered); // in the week, but it moved nothing
        Entry(lost, "demo", 2.5, StageChangeKind.Closed);
        Entry(imported, "discovery", 6, StageChangeKind.Imported); // the import's first row: where the deal started
        Entry(imported, "demo", 4, StageChangeKind.Imported);
        Entry(renamed, "proposal", 9, StageChangeKind.Entered);
        Entry(renamed, "demo", 3, StageChangeKind.MapChange);
        Entry(renamed, "contract-signed", 3, StageChangeKind.Override);
        Entry(otherTeam, "discovery", 9, StageChangeKind.Entered);
        Entry(otherTeam, "demo", 0.5, StageChangeKind.Advanced);

        // One row at a time: the ids follow the order written, which breaks the tie of the map change and the override.
        foreach (var row in rows)
        {
            db.StageHistory.Add(row);
            await db.SaveChangesAsync();
            memory.History.Add(row);
        }

        return new World(memory, a, b, moved.Id.Value, lost.Id.Value, imported.Id.Value, renamed.Id.Value, otherTeam.Id.Value);
    }
}
