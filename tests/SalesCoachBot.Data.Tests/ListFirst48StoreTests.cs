using Microsoft.Extensions.DependencyInjection;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Stalls;
using SalesCoachBot.Core.Understanding;
using SalesCoachBot.Data.Tests.Infrastructure;

namespace SalesCoachBot.Data.Tests;

public sealed class SqliteListFirst48StoreTests(SqliteDatabaseFixture fixture) : ListFirst48StoreTests(() => fixture.Database), IClassFixture<SqliteDatabaseFixture>;

public sealed class PostgresListFirst48StoreTests(PostgresDatabaseFixture fixture) : ListFirst48StoreTests(() => fixture.Database), IClassFixture<PostgresDatabaseFixture>;

/// <summary>
/// The lists the store cuts ("biggest deals", "oldest deals", a stage's, an owner's) and the totals it counts give what
/// reading every visible deal gave: the same deals in the same order once ties are broken as the list breaks them, the
/// same counts, for a rep (their team and their own deal in another team), a manager and an admin; never a deal the
/// person may not see.
/// </summary>
public abstract class ListFirst48StoreTests(Func<TestDatabase> database)
{
    private TestDatabase Db => database();

    private DateTimeOffset Now => Db.Time.GetUtcNow();

    private sealed record World(TestTeam A, TestTeam B, long Manager, long Hidden, long OwnInB, long Closed);

    /// <summary>Team A's deals in ties, several currencies and none; team B's, one of them owned by A's rep.</summary>
    private async Task<World> SeedAsync()
    {
        var a = await Db.CreateTeamAsync();
        var b = await Db.CreateTeamAsync();
        await using var db = Db.NewContext();
        var manager = new Person { Email = $"manager-{a.Tag}@example.com", Name = $"Manager {a.Tag}", Role = PersonRole.Manager, Memberships = [new TeamMembership { TeamId = a.TeamId }] };
        db.People.Add(manager);
        await db.SaveChangesAsync();

        Deal Add(TestTeam team, string name, decimal? amount, string? currency, double daysInStage, long? owner = null, string stage = "discovery", double? createdDaysAgo = null)
        {
            var entered = Now.AddDays(-daysInStage);
            var deal = new Deal
            {
                ExternalId = $"{team.Tag}-{Guid.NewGuid():N}"[..30],
                Name = name,
                Amount = amount,
                Currency = currency,
                OwnerId = owner ?? team.RepId,
                TeamId = team.TeamId,
                StageId = new StageId(stage),
                StageEnteredAt = entered,
                CreatedAt = createdDaysAgo is { } created ? Now.AddDays(-created) : entered,
                LastActivityAt = entered,
            };
            db.Deals.Add(deal);
            return deal;
        }

        // Ties on amount, and on amount and name but for case: entry into the stage decides, as in the whole list.
        Add(a, "Alpha", 5_000m, "EUR", daysInStage: 2, createdDaysAgo: 50);
        Add(a, "alpha", 5_000m, "EUR", daysInStage: 4, createdDaysAgo: 50);
        Add(a, "Beta", 5_000m, "EUR", daysInStage: 1, owner: a.OtherId, createdDaysAgo: 50);
        Add(a, "Small euro", 10m, "EUR", daysInStage: 12);
        Add(a, "Cents high", 12_000.02m, "EUR", daysInStage: 3);
        Add(a, "Cents low", 12_000.01m, "EUR", daysInStage: 3);
        Add(a, "Gamma", 9_000m, "USD", daysInStage: 25, stage: "demo");
        Add(a, "Delta", 7_000m, "usd", daysInStage: 6, stage: "demo", owner: manager.Id);
        Add(a, "No currency", 100m, null, daysInStage: 30);
        Add(a, "Empty currency", 90m, "", daysInStage: 8);
        Add(a, "No amount", null, null, daysInStage: 40, createdDaysAgo: 400);
        Add(a, "no amount either", null, "EUR", daysInStage: 9);
        var booked = Add(a, "Booked early", 1_000m, "EUR", daysInStage: 19);
        booked.NextStepAt = Now.AddDays(2);
        var bookedLong = Add(a, "Booked long ago", 1_000m, "EUR", daysInStage: 20.5);
        bookedLong.NextStepAt = Now.AddDays(2);
        var snoozed = Add(a, "Snoozed", 1_000m, "EUR", daysInStage: 60);
        var closed = Add(a, "Closed", 1_000_000m, "EUR", daysInStage: 1);
        closed.Status = DealStatus.Won;
        var hidden = Add(b, "Team B's big one", 2_000_000m, "EUR", daysInStage: 1, createdDaysAgo: 900);
        var ownInB = Add(b, "Alpha", 5_000m, "EUR", daysInStage: 3, owner: a.RepId, createdDaysAgo: 50);
        Add(b, "Team B idle", 500m, "EUR", daysInStage: 8);
        await db.SaveChangesAsync();
        db.Snoozes.Add(new Snooze { DealId = snoozed.Id, PersonId = a.RepId, CreatedAt = Now.AddDays(-1), Until = Now.AddDays(3) });
        await db.SaveChangesAsync();
        return new World(a, b, manager.Id, hidden.Id.Value, ownInB.Id.Value, closed.Id.Value);
    }

    private static IEnumerable<(string Who, DealScope? Scope)> Scopes(World world) =>
    [
        ("rep", new DealScope([world.A.TeamId], world.A.RepId)),
        ("manager", new DealScope([world.A.TeamId], world.Manager)),
        ("admin", null),
    ];

    private async Task<T> WithStoreAsync<T>(Func<IDealStore, Task<T>> read)
    {
        await using var scope = Db.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<IDealStore>());
    }

    /// <summary>What the lists read before: every visible open deal, the teams' then the person's own elsewhere.</summary>
    private Task<List<DealView>> VisibleAsync(DealScope? scope) => WithStoreAsync(async store =>
    {
        var teams = await store.ListOpenAsync(scope?.TeamIds, CancellationToken.None);
        var own = scope?.OwnerId is { } owner ? await store.ListOpenByOwnerAsync(owner, CancellationToken.None) : [];
        return teams.Concat(own).DistinctBy(view => view.Id).ToList();
    });

    /// <summary>The order of <see cref="VisibleAsync"/>, for deals read another way: the ties a list's sort leaves.</summary>
    private static List<DealView> InVisibleOrder(IEnumerable<DealView> views, DealScope? scope) =>
        [.. views.OrderBy(v => scope is null || scope.TeamIds.Contains(v.Deal.TeamId) ? 0 : 1).ThenBy(v => v.Deal.StageEnteredAt).ThenBy(v => v.Deal.Id)];

    private static IEnumerable<DealView> Biggest(IEnumerable<DealView> views) =>
        views.OrderByDescending(v => v.Deal.Amount ?? decimal.MinValue).ThenBy(v => v.Deal.Name, StringComparer.OrdinalIgnoreCase);

    private static IEnumerable<DealView> Oldest(IEnumerable<DealView> views) =>
        views.OrderBy(v => v.Deal.CreatedAt).ThenBy(v => v.Deal.Name, StringComparer.OrdinalIgnoreCase);

    private static string? KeyOf(OpenDealCurrency group) => group.HasAmount ? (group.Currency ?? string.Empty).ToUpperInvariant() : null;

    private static string? KeyOf(Deal deal) => deal.Amount is null ? null : (deal.Currency ?? string.Empty).ToUpperInvariant();

    [DatabaseFact]
    public async Task ListBiggestOpen_EveryScopeCurrencyAndCount_SameDealsInSameOrderAsTheWholeList()
    {
        var world = await SeedAsync();

        foreach (var (who, scope) in Scopes(world))
        {
            var visible = await VisibleAsync(scope);
            var currencies = await WithStoreAsync(store => store.CountOpenByCurrencyAsync(scope, CancellationToken.None));
            var groups = currencies.GroupBy(KeyOf).ToList();
            Assert.Equal(visible.Select(v => KeyOf(v.Deal)).Distinct().Order(StringComparer.Ordinal), groups.Select(g => g.Key).Order(StringComparer.Ordinal));
            foreach (var group in groups)
            {
                foreach (var count in new[] { 1, 2, 3, 25 })
                {
                    var expected = Biggest(visible.Where(v => KeyOf(v.Deal) == group.Key)).Take(count).Select(v => v.Deal.Name + "#" + v.Id.Value).ToList();
                    var read = await WithStoreAsync(store => store.ListBiggestOpenAsync(scope, [.. group], count, CancellationToken.None));
                    var actual = Biggest(InVisibleOrder(read, scope)).Take(count).Select(v => v.Deal.Name + "#" + v.Id.Value).ToList();

                    Assert.True(expected.SequenceEqual(actual), $"{who}, {group.Key ?? "no amount"}, {count}: expected [{string.Join(", ", expected)}], read [{string.Join(", ", actual)}]");
                    Assert.All(read, v => Assert.Contains(visible, seen => seen.Id == v.Id));
                }
            }
        }
    }

    [DatabaseFact]
    public async Task ListBiggestOpen_TiesAndCents_TheListBreaksThemAsBefore()
    {
        var world = await SeedAsync();
        var rep = new DealScope([world.A.TeamId], world.A.RepId);

        var euro = (await WithStoreAsync(store => store.CountOpenByCurrencyAsync(rep, CancellationToken.None))).Where(c => KeyOf(c) == "EUR").ToList();
        var read = await WithStoreAsync(store => store.ListBiggestOpenAsync(rep, euro, 4, CancellationToken.None));
        var first = Biggest(InVisibleOrder(read, rep)).Take(6).ToList();

        // The cents decide; "Alpha" and "alpha" tie but for case: the one in the stage longer first, as the whole list had it;
        // then "Alpha" of team B, the rep's own, after the team's deals; every 5,000 is read, though only four were asked.
        Assert.Equal(
            ["Cents high", "Cents low", "alpha", "Alpha", "Alpha", "Beta"],
            first.Select(v => v.Deal.Name));
        Assert.Equal(world.OwnInB, first[4].Id.Value);
        Assert.DoesNotContain(read, v => v.Id.Value == world.Hidden || v.Id.Value == world.Closed);
    }

    [DatabaseFact]
    public async Task ListOldestOpen_EveryScopeAndCount_SameDealsInSameOrderAsTheWholeList()
    {
        var world = await SeedAsync();

        foreach (var (who, scope) in Scopes(world))
        {
            var visible = await VisibleAsync(scope);
            foreach (var count in new[] { 1, 2, 4, 25 })
            {
                var expected = Oldest(visible).Take(count).Select(v => v.Id.Value).ToList();
                var read = await WithStoreAsync(store => store.ListOldestOpenAsync(scope, count, CancellationToken.None));

                Assert.Equal(expected, Oldest(InVisibleOrder(read, scope)).Take(count).Select(v => v.Id.Value));
                Assert.All(read, v => Assert.Contains(visible, seen => seen.Id == v.Id));
            }
        }

        // Team B's oldest (900 days) is not the rep's: theirs is team A's, 400 days old.
        var rep = await WithStoreAsync(store => store.ListOldestOpenAsync(new DealScope([world.A.TeamId], world.A.RepId), 1, CancellationToken.None));
        Assert.Equal("No amount", Assert.Single(rep).Deal.Name);
        Assert.DoesNotContain(rep, v => v.Id.Value == world.Hidden);
    }

    [DatabaseFact]
    public async Task CountOpenAndStalled_EveryScope_AsTheStallRuleOverEveryVisibleDeal()
    {
        var world = await SeedAsync();
        var limits = new StallLimits(
            [new StageStallLimit(null, [new StageId("discovery")], 10), new StageStallLimit([world.A.TeamId], [new StageId("demo")], 20)],
            [new TeamIdleLimit([world.A.TeamId], 14), new TeamIdleLimit([world.B.TeamId], 7)]);
        // Discovery's limit holds for every team (null), as one map for all teams gives it.
        int StallDays(Deal deal) => limits.Stages.FirstOrDefault(l => (l.TeamIds is null || l.TeamIds.Contains(deal.TeamId)) && l.StageIds.Contains(deal.StageId))?.Days ?? 0;
        int IdleDays(Deal deal) => limits.Idle.FirstOrDefault(l => l.TeamIds is null || l.TeamIds.Contains(deal.TeamId))?.Days ?? 0;

        foreach (var (who, scope) in Scopes(world))
        {
            var visible = await VisibleAsync(scope);
            var expected = visible.Count(v => StallRule.IsStalled(v.Deal.Status, v.Deal.StageEnteredAt, v.Deal.LastActivityAt, v.Deal.NextStepAt, v.SnoozedUntil, StallDays(v.Deal), IdleDays(v.Deal), Now));

            var currencies = await WithStoreAsync(store => store.CountOpenByCurrencyAsync(scope, CancellationToken.None));
            var stalled = await WithStoreAsync(store => store.CountStalledAsync(scope, limits, Now, CancellationToken.None));

            Assert.True(visible.Count == currencies.Sum(c => c.Count), $"{who}: {visible.Count} visible, {currencies.Sum(c => c.Count)} counted");
            Assert.True(expected == stalled, $"{who}: {expected} stalled by the rule, {stalled} counted");

            // Both in one pass (perf51): the same currencies, amounts or none, and the same stalled count.
            var both = await WithStoreAsync(store => store.CountOpenAsync(scope, limits, Now, CancellationToken.None));
            Assert.Equal(currencies.OrderBy(c => c.Currency).ThenBy(c => c.HasAmount), both.Currencies.OrderBy(c => c.Currency).ThenBy(c => c.HasAmount));
            Assert.True(expected == both.Stalled, $"{who}: {expected} stalled by the rule, {both.Stalled} counted with the currencies");
        }

        // No limit above 0: nothing stalls, every deal still counted.
        var none = await WithStoreAsync(store => store.CountOpenAsync(null, new StallLimits([], []), Now, CancellationToken.None));
        Assert.Equal(0, none.Stalled);
        Assert.Equal((await VisibleAsync(null)).Count, none.Currencies.Sum(c => c.Count));

        // Team A's alone: over the stage's limit (Small euro, 12 days of 10; No currency, 30; No amount, 40; Gamma, 25 of
        // demo's 20) and Booked long ago (twice its limit, so its next step no longer holds it); not Booked early (19 of 20),
        // the snoozed one, nor those within their limits.
        var teamOnly = await WithStoreAsync(store => store.CountStalledAsync(new DealScope([world.A.TeamId]), limits, Now, CancellationToken.None));
        Assert.Equal(5, teamOnly);
    }

    [DatabaseFact]
    public async Task OwnersAndStages_RepScope_OnlyWhatTheRepMaySee()
    {
        var world = await SeedAsync();
        var rep = new DealScope([world.A.TeamId], world.A.RepId);
        var manager = new DealScope([world.A.TeamId], world.Manager);

        var owners = await WithStoreAsync(store => store.ListOpenOwnersAsync(rep, CancellationToken.None));
        var bRep = await WithStoreAsync(store => store.ListOpenOfOwnersAsync(rep, [world.B.RepId], CancellationToken.None));
        var repOwn = await WithStoreAsync(store => store.ListOpenOfOwnersAsync(rep, [world.A.RepId], CancellationToken.None));
        var managerSees = await WithStoreAsync(store => store.ListOpenOfOwnersAsync(manager, [world.A.RepId], CancellationToken.None));
        var demo = await WithStoreAsync(store => store.ListOpenAtStagesAsync([world.A.TeamId], [new StageId("demo")], CancellationToken.None));

        Assert.Equal(new[] { world.A.RepId, world.A.OtherId, world.Manager }.Order(), owners.Select(o => o.Id).Order());
        Assert.Empty(bRep);
        Assert.Contains(repOwn, v => v.Id.Value == world.OwnInB);
        Assert.DoesNotContain(managerSees, v => v.Id.Value == world.OwnInB);
        Assert.Equal(["Gamma", "Delta"], demo.Select(v => v.Deal.Name));
    }

    [DatabaseFact]
    public async Task ListOpenStageIds_OneTeamSeveralAndAll_TheStagesTheirOpenDealsAreAt()
    {
        var world = await SeedAsync();
        await using (var db = Db.NewContext())
        {
            // A closed deal's stage is not one the team holds open deals at.
            var closed = db.Deals.Single(d => d.Id == new DealId(world.Closed));
            closed.StageId = new StageId("proposal");
            await db.SaveChangesAsync();
        }

        foreach (var teams in new IReadOnlyCollection<long>?[] { [world.A.TeamId], [world.B.TeamId], [world.A.TeamId, world.B.TeamId], null })
        {
            var expected = (await WithStoreAsync(store => store.ListOpenAsync(teams, CancellationToken.None))).Select(v => v.Deal.StageId.Value).Distinct().Order();

            var held = await WithStoreAsync(store => store.ListOpenStageIdsAsync(teams, CancellationToken.None));

            Assert.Equal(expected, held.Select(s => s.Value).Order());
        }

        Assert.Equal(["discovery"], (await WithStoreAsync(store => store.ListOpenStageIdsAsync([world.B.TeamId], CancellationToken.None))).Select(s => s.Value));
        Assert.Equal(["demo", "discovery"], (await WithStoreAsync(store => store.ListOpenStageIdsAsync([world.A.TeamId], CancellationToken.None))).Select(s => s.Value).Order());
    }
}
