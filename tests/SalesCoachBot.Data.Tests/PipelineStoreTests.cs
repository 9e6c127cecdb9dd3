using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesCoachBot.Core.Crm;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Pipeline;
using Npgsql;
using SalesCoachBot.Data.Imports;
using SalesCoachBot.Data.Infrastructure;
using SalesCoachBot.Data.Stores;
using SalesCoachBot.Data.Tests.Infrastructure;

namespace SalesCoachBot.Data.Tests;

public sealed class SqlitePipelineStoreTests(SqliteDatabaseFixture fixture) : PipelineStoreTests(() => fixture.Database), IClassFixture<SqliteDatabaseFixture>;

public sealed class PostgresPipelineStoreTests(PostgresDatabaseFixture fixture) : PipelineStoreTests(() => fixture.Database), IClassFixture<PostgresDatabaseFixture>
{
    [DatabaseFact]
    public async Task Load_WriteByTransactionOpenAcrossARead_ShowsInTheReadAfterItsCommit()
    {
        // The case a "highest number seen" stamp misses on PostgreSQL: a transaction that wrote before a read and
        // commits after it, while a later transaction (a higher id) committed before the read.
        var world = await SeedAsync();
        var fake = new InMemoryPipelineStore(world.Memory);
        var scope = new PipelineScope([world.TeamA], null);
        var counters = Db.Services.GetRequiredService<PipelineFactsCache>().Counters;
        await LoadAsync(scope, DaysAgo(365));

        await using var early = new NpgsqlConnection(Db.ConnectionString);
        await early.OpenAsync();
        await using var transaction = await early.BeginTransactionAsync();
        await using (var write = new NpgsqlCommand("UPDATE deals SET last_activity_at = @at, next_step_at = @at WHERE id = @id", early, transaction))
        {
            write.Parameters.AddWithValue("at", DaysAgo(0.25));
            write.Parameters.AddWithValue("id", world.Open1);
            Assert.Equal(1, await write.ExecuteNonQueryAsync());
        }

        // A second writer on another deal is not held up by the open transaction (no shared counter), and commits first.
        await ChangeDealAsync(world, world.Open2, d => d.LastActivityAt = DaysAgo(0.5));
        var full = counters.Full;
        await AssertCachedEqualsFreshAsync(fake, scope, "a later transaction committed, an earlier one still open");
        Assert.Equal(DaysAgo(10), (await LoadAsync(scope, DaysAgo(365))).OpenDeals.Single(d => d.DealId == world.Open1).LastActivityAt);

        await transaction.CommitAsync();
        var open1 = world.Memory.Deals.Single(d => d.Id == new DealId(world.Open1));
        (open1.LastActivityAt, open1.NextStepAt) = (DaysAgo(0.25), DaysAgo(0.25));
        var incremental = counters.Incremental;
        await AssertCachedEqualsFreshAsync(fake, scope, "the earlier transaction committed");
        Assert.Equal(DaysAgo(0.25), (await LoadAsync(scope, DaysAgo(365))).OpenDeals.Single(d => d.DealId == world.Open1).LastActivityAt);
        Assert.Equal(full, counters.Full); // each change was read incrementally, never by reloading the team
        Assert.True(counters.Incremental > incremental);
    }
}

/// <summary>
/// The pipeline store on a hand-built history with known answers, and against the in-memory store the Core
/// tests use (same entities in both): what each returns, and the report built from it, must agree — on a first read
/// and on reads served from the facts kept in memory after each kind of write (ADRs 0002 and 0024).
/// </summary>
public abstract class PipelineStoreTests(Func<TestDatabase> database)
{
    private const int IdleDays = 14;

    protected TestDatabase Db => database();

    protected DateTimeOffset Now => Db.Time.GetUtcNow();

    protected DateTimeOffset DaysAgo(double days) => Now.AddDays(-days);

    [DatabaseFact]
    public async Task Load_TeamLastThirtyDays_ReturnsKnownOpenClosedHistoryAndConfirmations()
    {
        var world = await SeedAsync();

        var data = await LoadAsync(new PipelineScope([world.TeamA], null), DaysAgo(30));

        Assert.Equal(Ids(world.Open1, world.Open2, world.OtherOpen, world.Boundary), data.OpenDeals.Select(d => d.DealId).Order());
        var open1 = data.OpenDeals.Single(d => d.DealId == world.Open1);
        Assert.Equal(("demo", 1000m, "EUR", DaysAgo(10)), (open1.StageId, open1.Amount!.Value, open1.Currency, open1.StageEnteredAt));
        Assert.Equal(Now.AddDays(5), open1.SnoozedUntil); // the latest of two live snoozes; the expired one ignored
        Assert.Null(data.OpenDeals.Single(d => d.DealId == world.Open2).SnoozedUntil);
        Assert.Null(data.OpenDeals.Single(d => d.DealId == world.Open2).Amount);

        // Closed at or after since: the won deal, the lost one, and the lost one exactly at the boundary.
        Assert.Equal(Ids(world.Won1, world.Lost1, world.LostAtSince), data.ClosedDeals.Select(d => d.DealId).Order());
        var won = data.ClosedDeals.Single(d => d.DealId == world.Won1);
        Assert.Equal((DealStatus.Won, 5000m, "USD", DaysAgo(5)), (won.Status, won.Amount!.Value, won.Currency, won.ClosedAt));
        Assert.Equal("Price ", data.ClosedDeals.Single(d => d.DealId == world.Lost1).LostReason);

        // History: every deal with an entry at or after since, with its whole path (older entries too).
        Assert.Equal(Ids(world.Open1, world.OtherOpen, world.Boundary, world.Won1), data.History.Select(h => h.DealId).Distinct().Order());
        Assert.Contains(data.History, h => h.DealId == world.Open1 && h.StageId == "discovery" && h.EnteredAt == DaysAgo(40));

        // Active confirmations of the won deals returned (the withdrawn one and the lost deal's are left out).
        Assert.Equal(
            [(world.Won1, "demo-held"), (world.Won1, "requirements-listed")],
            data.WonConfirmations.Select(c => (c.DealId, c.ItemId)).Order());
    }

    [DatabaseFact]
    public async Task Load_TeamLastThirtyDays_ReportHasKnownConversionCycleAndWinRate()
    {
        var world = await SeedAsync();

        var data = await LoadAsync(new PipelineScope([world.TeamA], null), DaysAgo(30));
        var report = PipelineReport.Build(TestMaps.Small, data, 30, Now, _ => IdleDays);

        // discovery: only the boundary deal entered in the window (exactly at its start) and moved on;
        // demo: four entered (open 1, other's, boundary, won 1), only the won one moved on.
        Assert.Equal([("discovery", 1, 1), ("demo", 4, 1)], report.Conversions.Select(c => (c.From.Id.Value, c.Entered, c.Converted)));
        // Closed in [since, now): the lost deal closed exactly at the window's start counts, with no reason given.
        Assert.Equal((1, 2), (report.WinLoss.Won, report.WinLoss.Lost));
        Assert.Equal([new LostReasonCount("no reason given", 1), new LostReasonCount("price", 1)], report.WinLoss.TopLostReasons);
        Assert.Equal([new CurrencyAmount("USD", 5000m)], report.WinLoss.WonAmounts);
        Assert.Equal(45, report.MedianCycleDays);
        Assert.Equal([("discovery", 0, 0), ("demo", 1, 1)], report.WeekOverWeek.Select(w => (w.Stage.Id.Value, w.ThisWeek, w.LastWeek)));
        Assert.Equal(4, report.OpenDeals);
    }

    [DatabaseFact]
    public async Task Load_EveryScopeAndWindow_MatchesInMemoryStore()
    {
        var world = await SeedAsync();
        var fake = new InMemoryPipelineStore(world.Memory);

        PipelineScope[] scopes =
        [
            new([world.TeamA], null),
            new([world.TeamA, world.TeamB], null),
            new([world.TeamB], null),
            new([world.TeamA], world.Rep),
            new(null, world.Rep),
            new([], null),
        ];
        foreach (var scope in scopes)
        {
            foreach (var days in new[] { 7, 30, 365 })
            {
                var since = days < 14 ? DaysAgo(14) : DaysAgo(days);
                var real = await LoadAsync(scope, since);
                var expected = await fake.LoadAsync(scope, since, Now, CancellationToken.None);
                var label = $"teams [{string.Join(",", scope.TeamIds ?? [])}] owner {scope.OwnerId} last {days} days";

                Assert.True(Canonical(expected) == Canonical(real), $"{label}\nexpected:\n{Canonical(expected)}\nactual:\n{Canonical(real)}");
                Assert.True(Describe(Build(expected, days)) == Describe(Build(real, days)), $"{label}\nexpected:\n{Describe(Build(expected, days))}\nactual:\n{Describe(Build(real, days))}");
            }
        }
    }

    [DatabaseFact]
    public async Task Load_WritesBetweenReads_EachReadMatchesInMemoryStore()
    {
        // On SQLite the second and later reads come from the store's in-memory facts, brought up to date from the
        // change log the triggers keep; every write the report depends on must show in the next read.
        var world = await SeedAsync();
        var fake = new InMemoryPipelineStore(world.Memory);
        PipelineScope[] scopes = [new([world.TeamA], null), new([world.TeamA, world.TeamB], null), new(null, world.Rep)];

        async Task AssertSameAsync(string step)
        {
            foreach (var scope in scopes)
            {
                foreach (var since in new[] { DaysAgo(30), DaysAgo(365) })
                {
                    var real = await LoadAsync(scope, since);
                    var expected = await fake.LoadAsync(scope, since, Now, CancellationToken.None);
                    Assert.True(Canonical(expected) == Canonical(real),
                        $"after {step}, teams [{string.Join(",", scope.TeamIds ?? [])}] owner {scope.OwnerId} since {since:u}\nexpected:\n{Canonical(expected)}\nactual:\n{Canonical(real)}");
                }
            }
        }

        await AssertSameAsync("seeding");
        await AssertSameAsync("nothing");

        await ChangeDealAsync(world, world.Open1, d => (d.Status, d.ClosedAt, d.StageId) = (DealStatus.Won, DaysAgo(1), new StageId("contract-signed")));
        await AddHistoryAsync(world, world.Open1, "contract-signed", DaysAgo(1));
        await AssertSameAsync("winning open 1");

        await ChangeDealAsync(world, world.Open2, d => (d.LastActivityAt, d.NextStepAt, d.Amount, d.Currency) = (DaysAgo(0.5), Now.AddDays(3), 42m, "gbp"));
        await AddHistoryAsync(world, world.Open2, "demo", DaysAgo(0.5));
        await AssertSameAsync("activity on open 2");

        await using (var db = Db.NewContext())
        {
            var snooze = new Snooze { DealId = new DealId(world.OtherOpen), PersonId = world.Rep, CreatedAt = Now, Until = Now.AddDays(2) };
            db.Snoozes.Add(snooze);
            world.Memory.Snoozes.Add(snooze);
            var confirmation = await db.Confirmations.SingleAsync(c => c.DealId == new DealId(world.Won1) && c.ItemId == new ChecklistItemId("demo-held"));
            confirmation.WithdrawnAt = Now;
            confirmation.WithdrawnByPersonId = world.Rep;
            world.Memory.Confirmations.Single(c => c.Id == confirmation.Id).WithdrawnAt = Now;
            await db.SaveChangesAsync();
        }

        await AssertSameAsync("a snooze and a withdrawn confirmation");

        // Time passes: the snooze runs out without any write.
        Db.Time.Advance(TimeSpan.FromDays(3));
        await AssertSameAsync("the snooze running out");

        var teamBDeal = world.Memory.Deals.First(d => d.TeamId == world.TeamB && d.Status == DealStatus.Open).Id.Value;
        await ChangeDealAsync(world, teamBDeal, d => (d.TeamId, d.OwnerId) = (world.TeamA, world.Rep));
        await AssertSameAsync("a deal moving to team A");

        await using (var db = Db.NewContext())
        {
            // Outside EF's change tracking, as an import or another process would write.
            await db.Deals.Where(d => d.Id == new DealId(world.Boundary)).ExecuteUpdateAsync(u => u.SetProperty(d => d.StageId, new StageId("discovery")));
            world.Memory.Deals.Single(d => d.Id == new DealId(world.Boundary)).StageId = new StageId("discovery");
            await db.Deals.Where(d => d.Id == new DealId(world.Lost1)).ExecuteDeleteAsync(); // cascades to its history, snooze, confirmation
            world.Memory.Deals.RemoveAll(d => d.Id == new DealId(world.Lost1));
            world.Memory.History.RemoveAll(h => h.DealId == new DealId(world.Lost1));
            world.Memory.Snoozes.RemoveAll(x => x.DealId == new DealId(world.Lost1));
            world.Memory.Confirmations.RemoveAll(c => c.DealId == new DealId(world.Lost1));
        }

        await AssertSameAsync("a bulk update and a deleted deal");
    }

    [DatabaseFact]
    public async Task Load_MapChangeRows_AreNoStageEntries()
    {
        // A map change renames where a deal is; counted, it was a stage entry this week, a conversion and a split of the
        // time in stage. Read once first, so the second read is the incremental one from the facts kept in memory.
        var world = await SeedAsync();
        var fake = new InMemoryPipelineStore(world.Memory);
        var scope = new PipelineScope([world.TeamA], null);
        await LoadAsync(scope, DaysAgo(30));

        await AddHistoryAsync(world, world.Open1, "product-demo", DaysAgo(1), StageChangeKind.MapChange);
        await AddHistoryAsync(world, world.Open2, "needs-discovery", DaysAgo(1), StageChangeKind.MapChange);
        var data = await LoadAsync(scope, DaysAgo(30));

        Assert.DoesNotContain(data.History, h => h.EnteredAt == DaysAgo(1));
        Assert.Contains(data.History, h => h.DealId == world.Open1 && h.StageId == "demo" && h.EnteredAt == DaysAgo(10));
        Assert.DoesNotContain(data.History, h => h.DealId == world.Open2); // its only entry in the window was the map change
        await AssertCachedEqualsFreshAsync(fake, scope, "two map changes");
    }

    [DatabaseFact]
    public async Task Load_CloseInItsStage_NoStageEntryButKeptForTheTimeInStage()
    {
        // A close's row stands in the stage the deal stood in: read as an entry, a loss was one more deal entering demo
        // this week (facts53). A close that also moved the deal (an import's) still enters its stage. Read once first, so
        // the second read is the incremental one from the facts kept in memory.
        var world = await SeedAsync();
        var fake = new InMemoryPipelineStore(world.Memory);
        var scope = new PipelineScope([world.TeamA], null);
        await LoadAsync(scope, DaysAgo(30));

        await ChangeDealAsync(world, world.Open1, d => (d.Status, d.ClosedAt) = (DealStatus.Lost, DaysAgo(1)));
        await AddHistoryAsync(world, world.Open1, "demo", DaysAgo(1), StageChangeKind.Closed);
        await ChangeDealAsync(world, world.OtherOpen, d => (d.Status, d.ClosedAt) = (DealStatus.Lost, DaysAgo(0.5)));
        await AddHistoryAsync(world, world.OtherOpen, "demo", DaysAgo(0.5), StageChangeKind.ClosedInCrm);
        await ChangeDealAsync(world, world.Open2, d => (d.Status, d.ClosedAt, d.StageId) = (DealStatus.Lost, DaysAgo(2), new StageId("demo")));
        await AddHistoryAsync(world, world.Open2, "demo", DaysAgo(2), StageChangeKind.Closed);
        var data = await LoadAsync(scope, DaysAgo(30));

        Assert.True(data.History.Single(h => h.DealId == world.Open1 && h.EnteredAt == DaysAgo(1)).ClosedInStage);
        Assert.True(data.History.Single(h => h.DealId == world.OtherOpen && h.EnteredAt == DaysAgo(0.5)).ClosedInStage);
        Assert.False(data.History.Single(h => h.DealId == world.Open2 && h.EnteredAt == DaysAgo(2)).ClosedInStage);
        Assert.DoesNotContain(data.History, h => h.ClosedInStage && h.EnteredAt < DaysAgo(3));
        var report = Build(data, 30);
        // Demo this week: the other rep's deal (entered 2 days ago) and open 2 (moved there by its close); open 1's loss
        // in place is no entry. The week before: unchanged (1).
        Assert.Equal([("discovery", 0, 0), ("demo", 2, 1)], report.WeekOverWeek.Select(w => (w.Stage.Id.Value, w.ThisWeek, w.LastWeek)));
        Assert.Equal([("discovery", 1, 1), ("demo", 5, 1)], report.Conversions.Select(c => (c.From.Id.Value, c.Entered, c.Converted)));
        await AssertCachedEqualsFreshAsync(fake, scope, "three closes");
    }

    [DatabaseFact]
    public async Task Load_ClosesAndReopensInTheirStage_NoStageEntries()
    {
        // facts54: a reopen's row stands in the stage the deal stood in, as a close's does; read as an entry, a reopened
        // deal was one more deal entering that stage this week and in the conversion. A chat close and reopen, a CRM close
        // and reopen, a CRM close that stays, and an import's reopen into another stage (which enters it). Read once
        // first, so the second read is the incremental one from the facts kept in memory.
        var world = await SeedAsync();
        var fake = new InMemoryPipelineStore(world.Memory);
        var scope = new PipelineScope([world.TeamA], null);
        await LoadAsync(scope, DaysAgo(30));

        await AddHistoryAsync(world, world.Open1, "demo", DaysAgo(3), StageChangeKind.Closed);
        await AddHistoryAsync(world, world.Open1, "demo", DaysAgo(1), StageChangeKind.Reopened, "was lost (price)");
        await AddHistoryAsync(world, world.OtherOpen, "demo", DaysAgo(1.5), StageChangeKind.ClosedInCrm, CrmReasons.Lost("HubSpot"));
        await AddHistoryAsync(world, world.OtherOpen, "demo", DaysAgo(0.5), StageChangeKind.MovedInCrm, CrmReasons.Reopened("HubSpot"));
        await ChangeDealAsync(world, world.Open2, d => (d.Status, d.ClosedAt) = (DealStatus.Lost, DaysAgo(2)));
        await AddHistoryAsync(world, world.Open2, "discovery", DaysAgo(2), StageChangeKind.ClosedInCrm, CrmReasons.LostBecause("HubSpot", "budget"));
        await AddHistoryAsync(world, world.Boundary, "demo", DaysAgo(5), StageChangeKind.Closed);
        await AddHistoryAsync(world, world.Boundary, "discovery", DaysAgo(4), StageChangeKind.Reopened);
        var data = await LoadAsync(scope, DaysAgo(30));

        (bool Closed, bool Reopened) Row(long deal, double daysAgo)
        {
            var row = data.History.Single(h => h.DealId == deal && h.EnteredAt == DaysAgo(daysAgo));
            return (row.ClosedInStage, row.ReopenedInStage);
        }

        Assert.Equal(
            [(true, false), (false, true), (true, false), (false, true), (true, false), (true, false), (false, false)],
            [Row(world.Open1, 3), Row(world.Open1, 1), Row(world.OtherOpen, 1.5), Row(world.OtherOpen, 0.5), Row(world.Open2, 2), Row(world.Boundary, 5), Row(world.Boundary, 4)]);
        Assert.DoesNotContain(data.History, h => (h.ClosedInStage || h.ReopenedInStage) && h.EnteredAt < DaysAgo(5));

        // This week: demo entered by the other rep's deal only (2 days ago; open 1 was reopened there), discovery by the
        // boundary deal reopened into it. The week before: open 1 entered demo 10 days ago.
        Assert.Equal([("discovery", 1, 0), ("demo", 1, 1)], Build(data, 30).WeekOverWeek.Select(w => (w.Stage.Id.Value, w.ThisWeek, w.LastWeek)));
        // The last 7 days: demo entered once (the reopens would have made it twice), discovery once, neither moved on.
        Assert.Equal([("discovery", 1, 0), ("demo", 1, 0)], Build(data, 7).Conversions.Select(c => (c.From.Id.Value, c.Entered, c.Converted)));
        Assert.Equal([("discovery", 1, 1), ("demo", 4, 1)], Build(data, 30).Conversions.Select(c => (c.From.Id.Value, c.Entered, c.Converted)));
        await AssertCachedEqualsFreshAsync(fake, scope, "closes and reopens");
    }

    [DatabaseFact]
    public async Task Load_ClosesAndReopensElsewhere_SayWhereTheDealStood()
    {
        // facts55: the store compares stage ids, so it says where a close or reopen elsewhere found the deal (From) and the
        // map decides: open 1, lost in demo, reopened after v2 renamed demo to product-demo (no map-change row: a closed deal
        // is not moved); open 2 closed by an import in demo from discovery, then reopened there; the other rep's deal lost
        // in demo, moved by a map change, reopened in the CRM in product-demo (in place: the map change's row is before it).
        var world = await SeedAsync();
        var fake = new InMemoryPipelineStore(world.Memory);
        var scope = new PipelineScope([world.TeamA], null);
        await LoadAsync(scope, DaysAgo(30));

        await AddHistoryAsync(world, world.Open1, "demo", DaysAgo(3), StageChangeKind.Closed);
        await AddHistoryAsync(world, world.Open1, "product-demo", DaysAgo(1), StageChangeKind.Reopened, "was lost (price)");
        await AddHistoryAsync(world, world.Open2, "demo", DaysAgo(2), StageChangeKind.Closed, new ImportReason(DealStatus.Lost, DealStatus.Open).Stored);
        await AddHistoryAsync(world, world.Open2, "demo", DaysAgo(1.5), StageChangeKind.Reopened, new ImportReason(DealStatus.Open, DealStatus.Lost).Stored);
        await AddHistoryAsync(world, world.OtherOpen, "demo", DaysAgo(1.5), StageChangeKind.ClosedInCrm, CrmReasons.Lost("HubSpot"));
        await AddHistoryAsync(world, world.OtherOpen, "product-demo", DaysAgo(1.2), StageChangeKind.MapChange);
        await AddHistoryAsync(world, world.OtherOpen, "product-demo", DaysAgo(0.5), StageChangeKind.MovedInCrm, CrmReasons.Reopened("HubSpot"));
        var data = await LoadAsync(scope, DaysAgo(30));

        (string Stage, StageEntryKind Kind, string? From) Row(long deal, double daysAgo)
        {
            var row = data.History.Single(h => h.DealId == deal && h.EnteredAt == DaysAgo(daysAgo));
            return (row.StageId, row.Kind, row.From);
        }

        Assert.Equal(
            [
                ("demo", StageEntryKind.CloseInStage, null), ("product-demo", StageEntryKind.ReopenElsewhere, "demo"),
                ("demo", StageEntryKind.CloseElsewhere, "discovery"), ("demo", StageEntryKind.ReopenInStage, null),
                ("demo", StageEntryKind.CloseInStage, null), ("product-demo", StageEntryKind.ReopenInStage, null),
            ],
            [Row(world.Open1, 3), Row(world.Open1, 1), Row(world.Open2, 2), Row(world.Open2, 1.5), Row(world.OtherOpen, 1.5), Row(world.OtherOpen, 0.5)]);
        Assert.True(Row(world.Open2, 2).Kind is StageEntryKind.CloseElsewhere && data.History.Single(h => h.DealId == world.Open2 && h.EnteredAt == DaysAgo(2)).Closes);
        await AssertCachedEqualsFreshAsync(fake, scope, "closes and reopens elsewhere");
    }

    [DatabaseFact]
    public async Task Load_CrmReopen_ToldByCrmReasonsOnBothStores_NoteLikeReasonIsNoReopen()
    {
        // facts55: the SQL read any MovedInCrm row whose reason starts "reopened in" as a reopen, the in-memory store only
        // one naming a CRM (CrmReasons.IsReopened). Now both use IsReopened: a reason that merely reads like one (a
        // person's note, "Reopened in the pricing call") is a plain move, an entry, on SQLite and PostgreSQL alike.
        var world = await SeedAsync();
        var fake = new InMemoryPipelineStore(world.Memory);
        var scope = new PipelineScope([world.TeamA], null);
        await LoadAsync(scope, DaysAgo(30));

        await AddHistoryAsync(world, world.Open1, "demo", DaysAgo(3), StageChangeKind.ClosedInCrm, CrmReasons.Lost("HubSpot"));
        await AddHistoryAsync(world, world.Open1, "demo", DaysAgo(1), StageChangeKind.MovedInCrm, "Reopened in the pricing call");
        await AddHistoryAsync(world, world.OtherOpen, "demo", DaysAgo(1.5), StageChangeKind.ClosedInCrm, CrmReasons.Lost("Salesforce"));
        await AddHistoryAsync(world, world.OtherOpen, "demo", DaysAgo(0.5), StageChangeKind.MovedInCrm,
            CrmReasons.SkippingItems("REOPENED IN salesforce", ["demo-held"]));
        await AddHistoryAsync(world, world.Boundary, "demo", DaysAgo(4), StageChangeKind.ClosedInCrm, CrmReasons.Lost("HubSpot"));
        await AddHistoryAsync(world, world.Boundary, "demo", DaysAgo(2.5), StageChangeKind.MovedInCrm, "reopened in HubSpotter");
        var data = await LoadAsync(scope, DaysAgo(30));

        StageEntryKind Kind(long deal, double daysAgo) => data.History.Single(h => h.DealId == deal && h.EnteredAt == DaysAgo(daysAgo)).Kind;
        Assert.Equal(
            [StageEntryKind.CloseInStage, StageEntryKind.Entry, StageEntryKind.CloseInStage, StageEntryKind.ReopenInStage, StageEntryKind.CloseInStage, StageEntryKind.Entry],
            [Kind(world.Open1, 3), Kind(world.Open1, 1), Kind(world.OtherOpen, 1.5), Kind(world.OtherOpen, 0.5), Kind(world.Boundary, 4), Kind(world.Boundary, 2.5)]);
        Assert.False(CrmReasons.IsReopened("Reopened in the pricing call"));
        await AssertCachedEqualsFreshAsync(fake, scope, "CRM reopens and look-alikes");
    }

    [DatabaseFact]
    public async Task Load_UnchangedServedFromMemoryChangedDealsReadAgain()
    {
        var world = await SeedAsync();
        var counters = Db.Services.GetRequiredService<PipelineFactsCache>().Counters;
        var scope = new PipelineScope([world.TeamA], null);

        await LoadAsync(scope, DaysAgo(365));
        var (hits, incremental, full) = (counters.Hits, counters.Incremental, counters.Full);
        await LoadAsync(scope, DaysAgo(365));
        Assert.Equal((hits + 1, incremental, full), (counters.Hits, counters.Incremental, counters.Full));

        // A later since (a shorter window) is served from the same facts.
        var fake = new InMemoryPipelineStore(world.Memory);
        Assert.Equal(Canonical(await fake.LoadAsync(scope, DaysAgo(30), Now, CancellationToken.None)), Canonical(await LoadAsync(scope, DaysAgo(30))));
        Assert.Equal((hits + 2, incremental, full), (counters.Hits, counters.Incremental, counters.Full));

        await ChangeDealAsync(world, world.Open2, d => d.LastActivityAt = DaysAgo(1));
        var after = await LoadAsync(scope, DaysAgo(365));
        Assert.Equal((hits + 2, incremental + 1, full), (counters.Hits, counters.Incremental, counters.Full));
        Assert.Equal(DaysAgo(1), after.OpenDeals.Single(d => d.DealId == world.Open2).LastActivityAt);

        // An earlier since than the facts were loaded for needs a full read.
        await LoadAsync(scope, DaysAgo(400));
        Assert.Equal(full + 1, counters.Full);
    }

    [DatabaseFact]
    public async Task Load_DerivedDataReusedOnlyWhileNothingItDependsOnMoved()
    {
        // The last data derived from the kept facts is handed out again (ADR 0026) while no write, no close leaving the
        // window and no snooze running out lies between two questions; each of those gives new data equal to a fresh read.
        var world = await SeedAsync();
        var scope = new PipelineScope([world.TeamA], null);
        async Task<PipelineData> Read(IServiceProvider host, DateTimeOffset since, DateTimeOffset now)
        {
            await using var services = host.CreateAsyncScope();
            return await services.ServiceProvider.GetRequiredService<IPipelineStore>().LoadAsync(scope, since, now, CancellationToken.None);
        }

        async Task<PipelineData> ReadSameAsFresh(DateTimeOffset since, DateTimeOffset now, string step)
        {
            await using var freshHost = NewHost();
            var data = await Read(Db.Services, since, now);
            Assert.True(Canonical(await Read(freshHost, since, now)) == Canonical(data), step);
            return data;
        }

        var since = DaysAgo(30);
        var first = await ReadSameAsFresh(since, Now, "first read");
        Assert.Same(first, await Read(Db.Services, since, Now.AddSeconds(1)));

        // open1's latest snooze (five days ahead) runs out: the same facts, but the deal shows unsnoozed.
        var unsnoozed = await ReadSameAsFresh(since, Now.AddDays(6), "a snooze ran out");
        Assert.NotSame(first, unsnoozed);
        Assert.NotNull(first.OpenDeals.Single(d => d.DealId == world.Open1).SnoozedUntil);
        Assert.Null(unsnoozed.OpenDeals.Single(d => d.DealId == world.Open1).SnoozedUntil);

        // The deal lost exactly at the window's start leaves it a tick later.
        var later = await ReadSameAsFresh(since.AddTicks(1), Now, "a close left the window");
        Assert.Contains(first.ClosedDeals, d => d.DealId == world.LostAtSince);
        Assert.DoesNotContain(later.ClosedDeals, d => d.DealId == world.LostAtSince);

        // Plain SQL, as another host or a script would write: new data at once, equal to a fresh read.
        await using (var db = Db.NewContext())
        {
            Assert.Equal(1, await db.Database.ExecuteSqlAsync($"UPDATE deals SET amount = 4321 WHERE id = {world.Open2}"));
        }

        var written = await ReadSameAsFresh(since, Now, "a write through plain SQL");
        Assert.NotSame(first, written);
        Assert.Equal(4321m, written.OpenDeals.Single(d => d.DealId == world.Open2).Amount);
        Assert.Same(written, await Read(Db.Services, since, Now));
    }

    [DatabaseFact]
    public async Task Load_WritesByImporterRawSqlAndAnotherHost_CachedReadEqualsFreshRead()
    {
        // Two hosts on one database, each with its own in-memory facts: a write through either, the bulk importer or
        // plain SQL shows in the next read of both, with no message between them (the change log is in the database).
        var world = await SeedAsync();
        var fake = new InMemoryPipelineStore(world.Memory);
        var scope = new PipelineScope([world.TeamA], null);
        await using var otherHost = NewHost();
        var counters = Db.Services.GetRequiredService<PipelineFactsCache>().Counters;
        var otherCounters = otherHost.GetRequiredService<PipelineFactsCache>().Counters;
        await AssertCachedEqualsFreshAsync(fake, scope, "seeding");
        await AssertCachedEqualsFreshAsync(fake, scope, "seeding (other host)", otherHost);
        var (full, otherFull) = (counters.Full, otherCounters.Full);

        // The bulk importer (prepared multi-row INSERTs in one transaction), run by the other host.
        string externalId;
        await using (var db = Db.NewContext())
        {
            externalId = (await db.Deals.SingleAsync(d => d.Id == new DealId(world.Open2))).ExternalId;
        }

        var csv = Path.Combine(Path.GetTempPath(), $"pipeline-history-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(csv, Inv($"external_id,stage,entered_at\n{externalId},demo,{DaysAgo(2):yyyy-MM-ddTHH:mm:ssZ}\n"));
        try
        {
            await using var importScope = otherHost.CreateAsyncScope();
            var imported = await importScope.ServiceProvider.GetRequiredService<CsvImportService>().ImportAsync(ImportKind.History, csv, null, CancellationToken.None);
            Assert.Equal((1, 0), (imported.Added, imported.Rejections.Count));
        }
        finally
        {
            File.Delete(csv);
        }

        world.Memory.History.Add(new StageHistoryEntry { DealId = new DealId(world.Open2), StageId = new StageId("demo"), EnteredAt = DaysAgo(2), Kind = StageChangeKind.Imported });
        await AssertCachedEqualsFreshAsync(fake, scope, "a history import through the other host");

        // Plain SQL, outside EF: a lost reason rewritten and a history row deleted.
        await using (var db = Db.NewContext())
        {
            Assert.Equal(1, await db.Database.ExecuteSqlAsync($"UPDATE deals SET lost_reason = {"Budget"} WHERE id = {world.Lost1}"));
            Assert.Equal(1, await db.Database.ExecuteSqlAsync($"DELETE FROM stage_history WHERE deal_id = {world.Boundary} AND stage_id = {"discovery"}"));
        }

        world.Memory.Deals.Single(d => d.Id == new DealId(world.Lost1)).LostReason = "Budget";
        world.Memory.History.RemoveAll(h => h.DealId == new DealId(world.Boundary) && h.StageId == new StageId("discovery"));
        await AssertCachedEqualsFreshAsync(fake, scope, "plain SQL");
        await AssertCachedEqualsFreshAsync(fake, scope, "plain SQL (other host)", otherHost);

        // EF through the other host's own context, then through this one: each host's facts follow the other's writes.
        await using (var db = otherHost.GetRequiredService<SalesCoachDbContextFactory>().CreateDbContext())
        {
            var deal = await db.Deals.SingleAsync(d => d.Id == new DealId(world.OtherOpen));
            (deal.StageId, deal.StageEnteredAt, deal.Amount) = (new StageId("discovery"), DaysAgo(1), 99m);
            await db.SaveChangesAsync();
        }

        var memoryDeal = world.Memory.Deals.Single(d => d.Id == new DealId(world.OtherOpen));
        (memoryDeal.StageId, memoryDeal.StageEnteredAt, memoryDeal.Amount) = (new StageId("discovery"), DaysAgo(1), 99m);
        await AssertCachedEqualsFreshAsync(fake, scope, "an EF write through the other host");

        await ChangeDealAsync(world, world.Boundary, d => (d.Status, d.ClosedAt, d.LostReason) = (DealStatus.Lost, DaysAgo(0.1), "Timing"));
        await AssertCachedEqualsFreshAsync(fake, scope, "an EF write through this host (read by the other)", otherHost);
        await AssertCachedEqualsFreshAsync(fake, scope, "an EF write through this host");

        // Every change was picked up from the change log: neither host reloaded the team.
        Assert.Equal((full, otherFull), (counters.Full, otherCounters.Full));
    }

    /// <summary>
    /// A read through <paramref name="host"/>'s store (this database's services by default), kept facts brought up to
    /// date, must equal a read by a host that never read before, and the in-memory store's answer.
    /// </summary>
    protected async Task AssertCachedEqualsFreshAsync(InMemoryPipelineStore fake, PipelineScope scope, string step, IServiceProvider? host = null)
    {
        await using var freshHost = NewHost();
        foreach (var since in new[] { DaysAgo(30), DaysAgo(365) })
        {
            var cached = await LoadAsync(scope, since, host);
            var fresh = await LoadAsync(scope, since, freshHost);
            var expected = await fake.LoadAsync(scope, since, Now, CancellationToken.None);
            var label = $"after {step}, since {since:u}";
            Assert.True(Canonical(fresh) == Canonical(cached), $"{label}: cached\n{Canonical(cached)}\nfresh\n{Canonical(fresh)}");
            Assert.True(Canonical(expected) == Canonical(cached), $"{label}: cached\n{Canonical(cached)}\nexpected\n{Canonical(expected)}");
        }
    }

    /// <summary>Another host on the same database: its own container, so its own pipeline facts.</summary>
    protected ServiceProvider NewHost() =>
        TestDatabase.BuildServices(new DatabaseOptions { Provider = Db.Provider.ToString(), ConnectionString = Db.ConnectionString }, Db.Time);

    protected async Task ChangeDealAsync(World world, long id, Action<Deal> change)
    {
        await using var db = Db.NewContext();
        change(await db.Deals.SingleAsync(d => d.Id == new DealId(id)));
        change(world.Memory.Deals.Single(d => d.Id == new DealId(id)));
        await db.SaveChangesAsync();
    }

    private async Task AddHistoryAsync(World world, long id, string stage, DateTimeOffset at, StageChangeKind kind = StageChangeKind.Advanced, string? reason = null)
    {
        await using var db = Db.NewContext();
        var entry = new StageHistoryEntry { DealId = new DealId(id), StageId = new StageId(stage), EnteredAt = at, Kind = kind, Reason = reason };
        db.StageHistory.Add(entry);
        world.Memory.History.Add(entry);
        await db.SaveChangesAsync();
    }

    private PipelineReport Build(PipelineData data, int days) => PipelineReport.Build(TestMaps.Small, data, days, Now, _ => IdleDays);

    [DatabaseFact]
    public async Task ListClosed_TeamOwnerAndPeriod_NewestFirstWithNamesAndReasons()
    {
        var world = await SeedAsync();
        await using var services = Db.Services.CreateAsyncScope();
        var store = services.ServiceProvider.GetRequiredService<IPipelineStore>();
        await using var db = Db.NewContext();
        var team = await db.Teams.AsNoTracking().SingleAsync(t => t.Id == world.TeamA);
        var rep = await db.People.AsNoTracking().SingleAsync(p => p.Id == world.Rep);

        var lost = await store.ListClosedAsync(new PipelineScope([world.TeamA], null), DealStatus.Lost, DaysAgo(35), Now, CancellationToken.None);
        var won = await store.ListClosedAsync(new PipelineScope(null, world.Rep), DealStatus.Won, DaysAgo(35), Now, CancellationToken.None);
        var before = await store.ListClosedAsync(new PipelineScope([world.TeamA], null), DealStatus.Lost, DaysAgo(35), DaysAgo(3), CancellationToken.None);

        // The loss 40 days ago is before the period; team B's win is another team's and another owner's.
        Assert.Equal([world.Lost1, world.LostAtSince], lost.Select(d => d.Id.Value));
        Assert.Equal((DaysAgo(3), "Price ", 900m, "EUR"), (lost[0].ClosedAt, lost[0].LostReason, lost[0].Amount!.Value, lost[0].Currency));
        Assert.All(lost, d => Assert.Equal((team.Name, rep.Name, world.TeamA), (d.TeamName, d.OwnerName, d.TeamId)));
        Assert.Equal([world.Won1], won.Select(d => d.Id.Value));
        Assert.Equal([world.LostAtSince], before.Select(d => d.Id.Value)); // the end of the period is not in it
    }

    [DatabaseFact]
    public async Task ListClosed_WonLostCrmClosedAndReopened_EachDealOnceAtItsLatestClose()
    {
        // The won and lost lists ("what did we lose this month") read the deals as they stand: a CRM close is a loss like a
        // chat one, a deal reopened and still open is in neither list, one reopened and closed again is listed once, at
        // its latest close. Another team's close is never seen from team A or its rep.
        var world = await SeedAsync();
        var teamBDeal = world.Memory.Deals.Single(d => d.TeamId == world.TeamB && d.Status == DealStatus.Open).Id.Value;
        await ChangeDealAsync(world, world.Open2, d => (d.Status, d.ClosedAt, d.LostReason) = (DealStatus.Lost, DaysAgo(1), CrmReasons.Deleted("HubSpot")));
        await AddHistoryAsync(world, world.Open2, "discovery", DaysAgo(1), StageChangeKind.ClosedInCrm, CrmReasons.Deleted("HubSpot"));
        await ChangeDealAsync(world, world.Open1, d => (d.Status, d.ClosedAt, d.LostReason) = (DealStatus.Lost, DaysAgo(20), "price"));
        await AddHistoryAsync(world, world.Open1, "demo", DaysAgo(20), StageChangeKind.Closed);
        await ChangeDealAsync(world, world.Open1, d => (d.Status, d.ClosedAt, d.LostReason) = (DealStatus.Open, null, null));
        await AddHistoryAsync(world, world.Open1, "demo", DaysAgo(15), StageChangeKind.Reopened);
        await ChangeDealAsync(world, world.Open1, d => (d.Status, d.ClosedAt, d.LostReason) = (DealStatus.Lost, DaysAgo(4), "timing"));
        await AddHistoryAsync(world, world.Open1, "demo", DaysAgo(4), StageChangeKind.Closed);
        await ChangeDealAsync(world, world.OtherOpen, d => (d.Status, d.ClosedAt, d.LostReason) = (DealStatus.Lost, DaysAgo(6), CrmReasons.Lost("HubSpot")));
        await AddHistoryAsync(world, world.OtherOpen, "demo", DaysAgo(6), StageChangeKind.ClosedInCrm, CrmReasons.Lost("HubSpot"));
        await ChangeDealAsync(world, world.OtherOpen, d => (d.Status, d.ClosedAt, d.LostReason) = (DealStatus.Open, null, null));
        await AddHistoryAsync(world, world.OtherOpen, "demo", DaysAgo(3), StageChangeKind.MovedInCrm, CrmReasons.Reopened("HubSpot"));
        await ChangeDealAsync(world, world.Boundary, d => (d.Status, d.ClosedAt, d.StageId) = (DealStatus.Won, DaysAgo(2), new StageId("contract-signed")));
        await AddHistoryAsync(world, world.Boundary, "contract-signed", DaysAgo(2));
        await ChangeDealAsync(world, teamBDeal, d => (d.Status, d.ClosedAt, d.LostReason) = (DealStatus.Lost, DaysAgo(1), "price"));

        await using var services = Db.Services.CreateAsyncScope();
        var store = services.ServiceProvider.GetRequiredService<IPipelineStore>();
        Task<IReadOnlyList<ClosedDealLine>> ListAsync(PipelineScope scope, DealStatus status, double fromDaysAgo, double toDaysAgo) =>
            store.ListClosedAsync(scope, status, DaysAgo(fromDaysAgo), DaysAgo(toDaysAgo), CancellationToken.None);

        var team = new PipelineScope([world.TeamA], null);
        var lost = await ListAsync(team, DealStatus.Lost, 35, 0);
        Assert.Equal(
            [(world.Open2, DaysAgo(1), CrmReasons.Deleted("HubSpot")), (world.Lost1, DaysAgo(3), "Price "), (world.Open1, DaysAgo(4), "timing"), (world.LostAtSince, DaysAgo(30), "")],
            lost.Select(d => (d.Id.Value, d.ClosedAt, d.LostReason)));
        Assert.Empty(await ListAsync(team, DealStatus.Lost, 25, 10)); // open 1's first loss, 20 days ago, was undone by its reopen
        Assert.Equal([world.Boundary, world.Won1], (await ListAsync(team, DealStatus.Won, 35, 0)).Select(d => d.Id.Value));
        Assert.Equal(
            [world.Open2, world.Lost1, world.Open1, world.LostAtSince],
            (await ListAsync(new PipelineScope(null, world.Rep), DealStatus.Lost, 35, 0)).Select(d => d.Id.Value));
        Assert.Equal([teamBDeal], (await ListAsync(new PipelineScope([world.TeamB], null), DealStatus.Lost, 35, 0)).Select(d => d.Id.Value));
    }

    protected async Task<PipelineData> LoadAsync(PipelineScope scope, DateTimeOffset since, IServiceProvider? host = null)
    {
        await using var services = (host ?? Db.Services).CreateAsyncScope();
        var store = services.ServiceProvider.GetRequiredService<IPipelineStore>();
        return await store.LoadAsync(scope, since, Now, CancellationToken.None);
    }

    private static long[] Ids(params long[] ids) => [.. ids.Order()];

    protected sealed record World(InMemoryStores Memory, long TeamA, long TeamB, long Rep, long Open1, long Open2, long OtherOpen, long Boundary, long Won1, long Lost1, long LostAtSince);

    /// <summary>Two teams with open, won and lost deals, histories, snoozes and confirmations, in the database and in memory.</summary>
    protected async Task<World> SeedAsync()
    {
        var a = await Db.CreateTeamAsync();
        var b = await Db.CreateTeamAsync();
        var memory = new InMemoryStores();
        await using var db = Db.NewContext();

        Deal NewDeal(TestTeam team, long owner, string stage, double enteredDaysAgo, decimal? amount, string? currency)
        {
            var deal = new Deal
            {
                ExternalId = $"{team.Tag}-{Guid.NewGuid():N}"[..30],
                Name = $"Deal {team.Tag}",
                Amount = amount,
                Currency = currency,
                OwnerId = owner,
                TeamId = team.TeamId,
                StageId = new StageId(stage),
                StageEnteredAt = DaysAgo(enteredDaysAgo),
                CreatedAt = DaysAgo(enteredDaysAgo),
                LastActivityAt = DaysAgo(enteredDaysAgo),
            };
            db.Deals.Add(deal);
            memory.Deals.Add(deal);
            return deal;
        }

        Deal Closed(Deal deal, DealStatus status, double closedDaysAgo, string? reason = null)
        {
            deal.Status = status;
            deal.ClosedAt = DaysAgo(closedDaysAgo);
            deal.LostReason = reason;
            return deal;
        }

        var open1 = NewDeal(a, a.RepId, "demo", 10, 1000m, "EUR");
        var open2 = NewDeal(a, a.RepId, "discovery", 100, null, null);
        var otherOpen = NewDeal(a, a.OtherId, "demo", 2, 250.5m, "eur");
        var boundary = NewDeal(a, a.RepId, "demo", 29, 700m, "EUR");
        var won1 = Closed(NewDeal(a, a.RepId, "contract-signed", 5, 5000m, "USD"), DealStatus.Won, 5);
        var won2 = Closed(NewDeal(a, a.OtherId, "contract-signed", 200, 3000m, "EUR"), DealStatus.Won, 200);
        var lost1 = Closed(NewDeal(a, a.RepId, "discovery", 60, 900m, "EUR"), DealStatus.Lost, 3, "Price ");
        var lostAtSince = Closed(NewDeal(a, a.RepId, "demo", 45, 100m, "EUR"), DealStatus.Lost, 30, "");
        var lostOld = Closed(NewDeal(a, a.OtherId, "demo", 45, 100m, "EUR"), DealStatus.Lost, 40, "timing");
        var teamB = NewDeal(b, b.RepId, "discovery", 1, 400m, "GBP");
        var teamBWon = Closed(NewDeal(b, b.RepId, "contract-signed", 6, 800m, "GBP"), DealStatus.Won, 6);
        await db.SaveChangesAsync();

        void Path(Deal deal, params (string Stage, double DaysAgo)[] path)
        {
            foreach (var (stage, daysAgo) in path)
            {
                var entry = new StageHistoryEntry { DealId = deal.Id, StageId = new StageId(stage), EnteredAt = DaysAgo(daysAgo), Kind = StageChangeKind.Advanced };
                db.StageHistory.Add(entry);
                memory.History.Add(entry);
            }
        }

        Path(open1, ("discovery", 40), ("demo", 10));
        Path(open2, ("discovery", 100));
        Path(otherOpen, ("demo", 2));
        Path(boundary, ("discovery", 30), ("demo", 29));
        Path(won1, ("discovery", 50), ("demo", 20), ("contract-signed", 5));
        Path(won2, ("discovery", 250), ("demo", 220), ("contract-signed", 200));
        Path(lost1, ("discovery", 60));
        Path(lostAtSince, ("discovery", 90), ("demo", 45));
        Path(lostOld, ("demo", 45), ("discovery", 44), ("demo", 41));
        Path(teamB, ("discovery", 1));
        Path(teamBWon, ("discovery", 20), ("demo", 12), ("demo", 9), ("contract-signed", 6));

        void Snooze(Deal deal, double untilDaysFromNow)
        {
            var snooze = new Snooze { DealId = deal.Id, PersonId = deal.OwnerId, CreatedAt = DaysAgo(1), Until = Now.AddDays(untilDaysFromNow) };
            db.Snoozes.Add(snooze);
            memory.Snoozes.Add(snooze);
        }

        Snooze(open1, -1);
        Snooze(open1, 2);
        Snooze(open1, 5);
        Snooze(lost1, 3); // a closed deal's snooze is never read

        void Confirm(Deal deal, string stage, string item, double daysAgo, bool withdrawn = false)
        {
            var confirmation = new Confirmation
            {
                DealId = deal.Id,
                StageId = new StageId(stage),
                StageVersion = 1,
                ItemId = new ChecklistItemId(item),
                PersonId = deal.OwnerId,
                ConfirmedAt = DaysAgo(daysAgo),
                Channel = ChatChannel.Teams,
                WithdrawnAt = withdrawn ? DaysAgo(daysAgo - 1) : null,
                WithdrawnByPersonId = withdrawn ? deal.OwnerId : null,
            };
            db.Confirmations.Add(confirmation);
            memory.Confirmations.Add(confirmation);
        }

        Confirm(won1, "discovery", "requirements-listed", 45);
        Confirm(won1, "discovery", "demo-booked", 44, withdrawn: true);
        Confirm(won1, "demo", "demo-held", 15);
        Confirm(won2, "demo", "demo-held", 210);
        Confirm(lost1, "discovery", "requirements-listed", 50);
        Confirm(teamBWon, "demo", "demo-held", 8);
        await db.SaveChangesAsync();

        return new World(memory, a.TeamId, b.TeamId, a.RepId, open1.Id.Value, open2.Id.Value, otherOpen.Id.Value, boundary.Id.Value, won1.Id.Value, lost1.Id.Value, lostAtSince.Id.Value);
    }

    /// <summary>The facts a store returned, order-independent (a store may return rows in any order).</summary>
    protected static string Canonical(PipelineData data)
    {
        var text = new StringBuilder();
        foreach (var d in data.OpenDeals.OrderBy(d => d.DealId))
        {
            text.AppendLine(Inv($"open {d.DealId} team {d.TeamId} {d.StageId} {d.Amount:0.00} {d.Currency} entered {d.StageEnteredAt.UtcTicks} activity {d.LastActivityAt.UtcTicks} next {d.NextStepAt?.UtcTicks} snoozed {d.SnoozedUntil?.UtcTicks}"));
        }

        foreach (var d in data.ClosedDeals.OrderBy(d => d.DealId))
        {
            text.AppendLine(Inv($"closed {d.DealId} {d.Status} {d.Amount:0.00} {d.Currency} at {d.ClosedAt.UtcTicks} reason [{d.LostReason}]"));
        }

        // History as the analytics read it: per deal and stage, the entries (duplicates kept).
        foreach (var h in data.History.OrderBy(h => h.DealId).ThenBy(h => h.EnteredAt).ThenBy(h => h.StageId, StringComparer.Ordinal))
        {
            text.AppendLine(Inv($"history {h.DealId} {h.StageId} {h.EnteredAt.UtcTicks} {h.Kind} from [{h.From}]"));
        }

        foreach (var c in data.WonConfirmations.OrderBy(c => c.DealId).ThenBy(c => c.ItemId, StringComparer.Ordinal))
        {
            text.AppendLine(Inv($"confirmed {c.DealId} {c.StageId} {c.ItemId} {c.ConfirmedAt.UtcTicks}"));
        }

        return text.ToString();
    }

    /// <summary>Every figure a pipeline answer shows.</summary>
    private static string Describe(PipelineReport report)
    {
        var text = new StringBuilder();
        foreach (var s in report.Stages)
        {
            text.AppendLine(Inv($"stage {s.Stage.Id} open {s.OpenDeals} total {Money(s.Total)} weighted {Money(s.Weighted)} weight {s.Weight:R} median {s.MedianDaysInStage:R} stalled {s.Stalled}"));
        }

        text.AppendLine(Inv($"weighting {report.Weighting}"));
        foreach (var c in report.Conversions)
        {
            text.AppendLine(Inv($"conversion {c.From.Id} {c.Entered} {c.Converted}"));
        }

        foreach (var c in report.Cycles.OrderBy(c => c.DealId))
        {
            text.AppendLine(Inv($"cycle {c.DealId} {c.StartedAt.UtcTicks} {c.WonAt.UtcTicks}"));
        }

        var wl = report.WinLoss;
        text.AppendLine(Inv($"won {wl.Won} lost {wl.Lost} {Money(wl.WonAmounts)} reasons {string.Join(",", wl.TopLostReasons.Select(r => $"{r.Reason}:{r.Count}"))}"));
        foreach (var w in report.WeekOverWeek)
        {
            text.AppendLine(Inv($"week {w.Stage.Id} {w.ThisWeek} {w.LastWeek}"));
        }

        if (report.FastDeals is { } fast)
        {
            text.AppendLine(Inv($"fast {fast.MedianCycleDays:R} {fast.FastDeals} {fast.OtherDeals} {string.Join(",", fast.Items.Select(i => $"{i.Item.Id}:{i.FastMedianDays:R}:{i.OtherMedianDays:R}"))}"));
        }

        return text.ToString();
    }

    private static string Money(IEnumerable<CurrencyAmount> amounts) => string.Join("+", amounts.Select(a => Inv($"{a.Amount:0.00}{a.Currency}")));

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
