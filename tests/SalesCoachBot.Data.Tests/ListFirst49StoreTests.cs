using Microsoft.Extensions.DependencyInjection;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Understanding;
using SalesCoachBot.Data.Tests.Infrastructure;

namespace SalesCoachBot.Data.Tests;

public sealed class SqliteListFirst49StoreTests(SqliteDatabaseFixture fixture) : ListFirst49StoreTests(() => fixture.Database), IClassFixture<SqliteDatabaseFixture>;

public sealed class PostgresListFirst49StoreTests(PostgresDatabaseFixture fixture) : ListFirst49StoreTests(() => fixture.Database), IClassFixture<PostgresDatabaseFixture>;

/// <summary>
/// "biggest deals" and "oldest deals" pick their first deals' ids in one query over the scope's deals, then load them by
/// id, however many tie: every deal tied with the count-th is read, none the person may not see.
/// </summary>
public abstract class ListFirst49StoreTests(Func<TestDatabase> database)
{
    private TestDatabase Db => database();

    private async Task<T> WithStoreAsync<T>(Func<IDealStore, Task<T>> read)
    {
        await using var scope = Db.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<IDealStore>());
    }

    [DatabaseFact]
    public async Task ListBiggestAndOldest_ManyTiesOrFew_EveryTiedDealOfTheScopeRead()
    {
        var a = await Db.CreateTeamAsync();
        var b = await Db.CreateTeamAsync();
        var created = Db.Time.GetUtcNow().AddDays(-30);
        await using (var db = Db.NewContext())
        {
            // 230 deals tied on amount and creation in team A, one bigger and older; team B's biggest and oldest of all,
            // which team A's people may not see.
            for (var i = 0; i < 230; i++)
            {
                db.Deals.Add(NewDeal(a, $"Tied {i:000}", 500m, created));
            }

            db.Deals.Add(NewDeal(a, "Bigger", 900m, created.AddDays(-1)));
            db.Deals.Add(NewDeal(b, "Hidden", 9_000m, created.AddDays(-100)));
            await db.SaveChangesAsync();
        }

        var manager = new DealScope([a.TeamId], a.OtherId);
        var euro = await WithStoreAsync(store => store.CountOpenByCurrencyAsync(manager, CancellationToken.None));
        Assert.Equal(231, euro.Sum(c => c.Count));

        // One asked: the bigger deal alone. Three: every tie of the 500s.
        Assert.Equal(["Bigger"], (await WithStoreAsync(store => store.ListBiggestOpenAsync(manager, euro, 1, CancellationToken.None))).Select(v => v.Deal.Name));
        var three = await WithStoreAsync(store => store.ListBiggestOpenAsync(manager, euro, 3, CancellationToken.None));
        Assert.Equal(231, three.Count);
        Assert.DoesNotContain(three, v => v.Deal.Name == "Hidden");

        Assert.Equal(["Bigger"], (await WithStoreAsync(store => store.ListOldestOpenAsync(manager, 1, CancellationToken.None))).Select(v => v.Deal.Name));
        Assert.Equal(231, (await WithStoreAsync(store => store.ListOldestOpenAsync(manager, 2, CancellationToken.None))).Count);

        // The admin: team B's deal is the biggest and the oldest; more asked than there are, every deal.
        var all = await WithStoreAsync(store => store.CountOpenByCurrencyAsync(null, CancellationToken.None));
        Assert.Equal("Hidden", Assert.Single(await WithStoreAsync(store => store.ListBiggestOpenAsync(null, all, 1, CancellationToken.None))).Deal.Name);
        Assert.Equal("Hidden", (await WithStoreAsync(store => store.ListOldestOpenAsync(null, 1, CancellationToken.None)))[0].Deal.Name);
        var rep = new DealScope([b.TeamId], b.RepId);
        var repEuro = await WithStoreAsync(store => store.CountOpenByCurrencyAsync(rep, CancellationToken.None));
        Assert.Equal(["Hidden"], (await WithStoreAsync(store => store.ListBiggestOpenAsync(rep, repEuro, 25, CancellationToken.None))).Select(v => v.Deal.Name));
        Assert.Equal(["Hidden"], (await WithStoreAsync(store => store.ListOldestOpenAsync(rep, 25, CancellationToken.None))).Select(v => v.Deal.Name));
    }

    private static Deal NewDeal(TestTeam team, string name, decimal amount, DateTimeOffset created) => new()
    {
        ExternalId = $"{team.Tag}-{Guid.NewGuid():N}"[..30],
        Name = name,
        Amount = amount,
        Currency = "EUR",
        OwnerId = team.RepId,
        TeamId = team.TeamId,
        StageId = new StageId("discovery"),
        StageEnteredAt = created,
        CreatedAt = created,
        LastActivityAt = created,
    };
}
