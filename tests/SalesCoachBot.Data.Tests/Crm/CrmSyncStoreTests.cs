using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using SalesCoachBot.Core.Crm;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Data.Crm;
using SalesCoachBot.Data.Tests.Infrastructure;

namespace SalesCoachBot.Data.Tests.Crm;

public sealed class SqliteCrmSyncStoreTests(SqliteDatabaseFixture fixture) : CrmSyncStoreTests(() => fixture.Database), IClassFixture<SqliteDatabaseFixture>;

public sealed class PostgresCrmSyncStoreTests(PostgresDatabaseFixture fixture) : CrmSyncStoreTests(() => fixture.Database), IClassFixture<PostgresDatabaseFixture>;

/// <summary>
/// The CRM apply step on both databases: new deals, their imported history and the link rows are written in bulk
/// (the CSV importer's prepared commands); applying the same records again adds and duplicates nothing.
/// </summary>
public abstract class CrmSyncStoreTests(Func<TestDatabase> database)
{
    private const string Yaml = """
        name: CRM test map
        version: 1
        start: discovery
        won: signed
        stages:
          - id: discovery
            name: Discovery
            owner: sales
            entry: A first call.
            activities: Ask.
            stallAfterDays: 10
            crm: { pipeline: default, stages: [appointmentscheduled] }
            checklist:
              - { id: pain-written, text: "Pain written down", required: true }
            next: demo
          - id: demo
            name: Demo
            owner: sales
            entry: A demo date.
            activities: Show.
            stallAfterDays: 10
            crm: { pipeline: default, stages: [presentationscheduled] }
            checklist:
              - { id: demo-held, text: "Demo held", required: true }
            next: signed
          - id: signed
            name: Signed
            owner: sales
            entry: Signed.
            activities: Hand over.
            stallAfterDays: 30
            crm: { pipeline: default, stages: [closedwon] }
            checklist:
              - { id: contract-stored, text: "Contract stored", required: true }
        outcomes:
          lost: { reasons: [price], crm: { pipeline: default, stages: [closedlost] } }
          nurture: { reengageAfterDays: 60 }
        """;

    /// <summary>Discovery, demo, signed, mapped to HubSpot's default pipeline (also used by <c>PipelineChangeBatchTests</c>).</summary>
    internal static readonly ProcessMap Map = ProcessMapLoader.Parse(Yaml).Map ?? throw new InvalidOperationException("the test map does not load");
    private static readonly DateTimeOffset T0 = new(2025, 1, 6, 9, 0, 0, TimeSpan.Zero);

    private TestDatabase Db => database();

    private ICrmSyncStore Store => Db.Services.GetRequiredService<ICrmSyncStore>();

    private CrmApplyContext Context(TestTeam team) => new(
        "hubspot", "HubSpot", Map, new CrmStageMap(Map),
        new Dictionary<string, CrmOwner>(StringComparer.Ordinal)
        {
            ["o-" + team.Tag] = new("o-" + team.Tag, team.RepEmail, "Rep"),
        },
        Db.Time.GetUtcNow());

    private static CrmDealRecord Record(TestTeam team, int i, string stage, string? owner = null, string? name = null) =>
        new($"{team.Tag}-{i}", name ?? $"Deal {team.Tag} {i}", 1000m * i, "eur", "default", stage, owner ?? "o-" + team.Tag, null, T0.AddDays(i))
        {
            CreatedAt = T0,
            StageChangedAt = T0.AddDays(2),
            StageHistory = [new("appointmentscheduled", T0), new("presentationscheduled", T0.AddDays(2))],
        };

    [DatabaseFact]
    public async Task Apply_AmountsWithThreeAndFiveDecimals_KeptToFourAndUnchangedOnTheNextSync()
    {
        var team = await Db.CreateTeamAsync();
        var records = new[]
        {
            Record(team, 1, "presentationscheduled") with { Amount = 1234.567m, Currency = "kwd" },
            Record(team, 2, "presentationscheduled") with { Amount = 12.34567m },
        };

        await Store.ApplyAsync(records, Context(team), dryRun: false, CancellationToken.None);
        var again = await Store.ApplyAsync(records, Context(team), dryRun: false, CancellationToken.None);

        // PostgreSQL would round 12.34567 to the column's four decimals itself: the next sync saw a change every time.
        Assert.Equal(2, again.Unchanged);
        await using var db = Db.NewContext();
        var amounts = await db.Deals.AsNoTracking().Where(d => d.TeamId == team.TeamId).OrderBy(d => d.ExternalId).Select(d => d.Amount).ToListAsync();
        Assert.Equal([1234.567m, 12.3457m], amounts);
    }

    [DatabaseFact]
    public async Task Apply_AmountsBeyondSixteenIntegerDigits_DealsSyncedWithoutThemStoredAmountKept()
    {
        var team = await Db.CreateTeamAsync();
        var logger = new FakeLogger<CrmSyncStore>();
        var store = ActivatorUtilities.CreateInstance<CrmSyncStore>(Db.Services, logger);
        await store.ApplyAsync([Record(team, 1, "appointmentscheduled")], Context(team), dryRun: false, CancellationToken.None);
        var tooLarge = 99_999_999_999_999_999_999m;   // HubSpot's "99999999999999999999": 20 integer digits

        // On PostgreSQL either one failed the whole batch (numeric field overflow); on SQLite the text took it.
        var result = await store.ApplyAsync(
            [
                Record(team, 1, "presentationscheduled", name: "Renamed " + team.Tag) with { Amount = tooLarge, ModifiedAt = T0.AddDays(9) },
                Record(team, 2, "appointmentscheduled") with { Amount = -1e17m },
                Record(team, 3, "appointmentscheduled") with { Amount = -9_999_999_999_999_999.9999m },
            ],
            Context(team), dryRun: false, CancellationToken.None);

        Assert.Equal((2, 1), (result.Added, result.Moved));
        await using var db = Db.NewContext();
        var deals = await db.Deals.AsNoTracking().Where(d => d.TeamId == team.TeamId).OrderBy(d => d.ExternalId).ToListAsync();
        Assert.Equal(("Renamed " + team.Tag, new StageId("demo"), 1000m), (deals[0].Name, deals[0].StageId, deals[0].Amount));
        Assert.Null(deals[1].Amount);
        Assert.Equal(-9_999_999_999_999_999.9999m, deals[2].Amount);   // the largest size the column holds, negative as the CRM has it
        var warnings = logger.Collector.GetSnapshot();
        Assert.Equal([team.Tag + "-1", team.Tag + "-2"], warnings.Select(w => w.StructuredState!.Single(p => p.Key == "CrmId").Value));
        Assert.All(warnings, w => Assert.Equal((LogLevel.Warning, 1604), (w.Level, w.Id.Id)));
        Assert.Contains($"HubSpot deal {team.Tag}-1: amount 99999999999999999999 does not fit", warnings[0].Message, StringComparison.Ordinal);

        // Flagged on the link, so crm status lists it: the CRM, the amount as received and the amount kept here.
        Assert.Equal(
            [
                $"{team.Tag}-1 Renamed {team.Tag}: amount too large to store: HubSpot sent 99999999999999999999; kept 1000",
                $"{team.Tag}-2 Deal {team.Tag} 2: amount too large to store: HubSpot sent -100000000000000000; kept no amount",
            ],
            await FlaggedAsync(store, team));

        // The next sync with the same amounts: still flagged, not warned again (it was at every incremental sync).
        var again = await store.ApplyAsync(
            [
                Record(team, 1, "presentationscheduled", name: "Renamed " + team.Tag) with { Amount = tooLarge, ModifiedAt = T0.AddDays(9) },
                Record(team, 2, "appointmentscheduled") with { Amount = -1e17m },
            ],
            Context(team), dryRun: false, CancellationToken.None);
        Assert.Equal((2, 0), (again.Flagged, again.Unchanged));
        Assert.Equal(2, logger.Collector.Count);
        Assert.Equal(2, (await FlaggedAsync(store, team)).Count);
    }

    [DatabaseFact]
    public async Task Apply_TooLargeAmountThenAnotherThenOneThatFits_WarnedPerAmountFlagClearedByTheFit()
    {
        var team = await Db.CreateTeamAsync();
        var logger = new FakeLogger<CrmSyncStore>();
        var store = ActivatorUtilities.CreateInstance<CrmSyncStore>(Db.Services, logger);
        await store.ApplyAsync([Record(team, 1, "appointmentscheduled"), Record(team, 2, "appointmentscheduled")], Context(team), dryRun: false, CancellationToken.None);

        await store.ApplyAsync([Record(team, 1, "appointmentscheduled") with { Amount = 2e16m }, Record(team, 2, "appointmentscheduled") with { Amount = 3e16m }],
            Context(team), dryRun: false, CancellationToken.None);
        var changed = await store.ApplyAsync([Record(team, 1, "appointmentscheduled") with { Amount = 5e16m }], Context(team), dryRun: false, CancellationToken.None);

        // Another amount, still too large: said again, and the flag names it.
        Assert.Equal(1, changed.Flagged);
        Assert.Equal(["20000000000000000", "30000000000000000", "50000000000000000"],
            logger.Collector.GetSnapshot().Select(w => w.StructuredState!.Single(p => p.Key == "Amount").Value));
        Assert.Equal(
            [
                $"{team.Tag}-1 Deal {team.Tag} 1: amount too large to store: HubSpot sent 50000000000000000; kept 1000",
                $"{team.Tag}-2 Deal {team.Tag} 2: amount too large to store: HubSpot sent 30000000000000000; kept 2000",
            ],
            await FlaggedAsync(store, team));

        // An amount that fits, and no amount: stored, the flags cleared as an unmapped stage's are, nothing said.
        var fits = await store.ApplyAsync(
            [Record(team, 1, "appointmentscheduled") with { Amount = 1500m }, Record(team, 2, "appointmentscheduled") with { Amount = null }],
            Context(team), dryRun: false, CancellationToken.None);

        Assert.Equal((2, 0), (fits.Updated, fits.Flagged));
        Assert.Empty(await FlaggedAsync(store, team));
        Assert.Equal(3, logger.Collector.Count);
        await using var db = Db.NewContext();
        var amounts = await db.Deals.AsNoTracking().Where(d => d.TeamId == team.TeamId).OrderBy(d => d.ExternalId).Select(d => d.Amount).ToListAsync();
        Assert.Equal([1500m, null], amounts);

        // Too large once more after the fit: a new flag, warned again.
        await store.ApplyAsync([Record(team, 1, "appointmentscheduled") with { Amount = 5e16m }], Context(team), dryRun: false, CancellationToken.None);
        Assert.Equal(4, logger.Collector.Count);
        Assert.Equal([$"{team.Tag}-1 Deal {team.Tag} 1: amount too large to store: HubSpot sent 50000000000000000; kept 1500"], await FlaggedAsync(store, team));
    }

    [DatabaseFact]
    public async Task Apply_TooLargeAmountOfADealWithAnUnknownOwner_BothReasonsThenTheAmountAloneWarnedOnce()
    {
        var team = await Db.CreateTeamAsync();
        var logger = new FakeLogger<CrmSyncStore>();
        var store = ActivatorUtilities.CreateInstance<CrmSyncStore>(Db.Services, logger);
        var unowned = Record(team, 1, "appointmentscheduled", owner: "nobody") with { Amount = decimal.MaxValue };   // HubSpot's 1e30, say

        var first = await store.ApplyAsync([unowned], Context(team), dryRun: false, CancellationToken.None);
        await store.ApplyAsync([unowned], Context(team), dryRun: false, CancellationToken.None);
        var placed = await store.ApplyAsync([unowned with { OwnerId = "o-" + team.Tag }], Context(team), dryRun: false, CancellationToken.None);

        Assert.Equal((1, 1), (first.Flagged, placed.Added));
        Assert.Single(logger.Collector.GetSnapshot());
        Assert.Equal([$"{team.Tag}-1 Deal {team.Tag} 1: amount too large to store: HubSpot sent 79228162514264337593543950335 or beyond; kept no amount"],
            await FlaggedAsync(store, team));
        await using var db = Db.NewContext();
        Assert.Null((await db.Deals.AsNoTracking().SingleAsync(d => d.ExternalId == team.Tag + "-1")).Amount);
    }

    [DatabaseFact]
    public async Task Apply_TooLargeAmountOfAFlaggedDeal_ListedFirstBeforeTheOtherReason()
    {
        var team = await Db.CreateTeamAsync();

        await Store.ApplyAsync([Record(team, 1, "appointmentscheduled", owner: "nobody") with { Amount = 1e16m }], Context(team), dryRun: false, CancellationToken.None);

        Assert.Equal(
            [$"{team.Tag}-1 Deal {team.Tag} 1: amount too large to store: HubSpot sent 10000000000000000; kept no amount; owner nobody is not a known HubSpot user with an email"],
            await FlaggedAsync(Store, team));
    }

    /// <summary>This team's lines of <c>crm status</c>'s flagged deals (the fixture's database is shared).</summary>
    private static async Task<List<string>> FlaggedAsync(ICrmSyncStore store, TestTeam team) =>
        [.. (await store.StatusAsync("hubspot", CancellationToken.None)).Flagged.Where(f => f.StartsWith(team.Tag + "-", StringComparison.Ordinal))];

    [DatabaseFact]
    public async Task Apply_NewDealsTwice_AddedWithHistoryOnceNothingDuplicated()
    {
        var team = await Db.CreateTeamAsync();
        var records = Enumerable.Range(1, 7).Select(i => Record(team, i, "presentationscheduled")).ToList();

        var first = await Store.ApplyAsync(records, Context(team), dryRun: false, CancellationToken.None);
        var again = await Store.ApplyAsync(records, Context(team), dryRun: false, CancellationToken.None);

        Assert.Equal(7, first.Added);
        Assert.Equal((0, 7), (again.Added, again.Unchanged));
        await using var db = Db.NewContext();
        var deals = await db.Deals.AsNoTracking().Where(d => d.TeamId == team.TeamId).OrderBy(d => d.ExternalId).ToListAsync();
        Assert.Equal(7, deals.Count);
        var deal = deals[0];
        Assert.Equal((team.Tag + "-1", "Deal " + team.Tag + " 1", 1000m, "EUR", team.RepId), (deal.ExternalId, deal.Name, deal.Amount!.Value, deal.Currency, deal.OwnerId));
        Assert.Equal((new StageId("demo"), T0.AddDays(2), DealStatus.Open), (deal.StageId, deal.StageEnteredAt, deal.Status));
        var ids = deals.Select(d => d.Id).ToList();
        var history = await db.StageHistory.AsNoTracking().Where(h => ids.Contains(h.DealId)).ToListAsync();
        Assert.Equal(14, history.Count);   // discovery then demo, imported once
        Assert.All(history, h => Assert.Equal(StageChangeKind.Imported, h.Kind));
        Assert.Equal(2, history.Count(h => h.DealId == deal.Id));
        var links = await db.Set<CrmDealLinkRow>().AsNoTracking().Where(l => l.CrmId.StartsWith(team.Tag)).ToListAsync();
        Assert.Equal(7, links.Count);
        Assert.All(links, l => Assert.Contains(l.DealId!.Value, ids));
        Assert.Empty(await db.Set<CrmPushRow>().AsNoTracking().Where(p => ids.Contains(p.DealId)).ToListAsync());
    }

    [DatabaseFact]
    public async Task Apply_UnknownOwnerThenKnown_FlaggedKeptThenPlacedOnItsLink()
    {
        var team = await Db.CreateTeamAsync();

        var flagged = await Store.ApplyAsync([Record(team, 1, "appointmentscheduled", owner: "nobody")], Context(team), dryRun: false, CancellationToken.None);
        var placed = await Store.ApplyAsync([Record(team, 1, "appointmentscheduled")], Context(team), dryRun: false, CancellationToken.None);

        Assert.Equal(1, flagged.Flagged);
        Assert.Equal(1, placed.Added);
        await using var db = Db.NewContext();
        var link = await db.Set<CrmDealLinkRow>().AsNoTracking().SingleAsync(l => l.CrmId == team.Tag + "-1");
        var deal = await db.Deals.AsNoTracking().SingleAsync(d => d.ExternalId == team.Tag + "-1");
        Assert.Equal((deal.Id, (string?)null), (link.DealId!.Value, link.Problem));
    }

    [DatabaseFact]
    public async Task Apply_MovedAndRenamedInCrm_UpdatedWithOneMovedInCrmRow()
    {
        var team = await Db.CreateTeamAsync();
        await Store.ApplyAsync([Record(team, 1, "appointmentscheduled")], Context(team), dryRun: false, CancellationToken.None);

        var moved = Record(team, 1, "closedwon", name: "Renamed " + team.Tag) with { ModifiedAt = T0.AddDays(9), StageChangedAt = T0.AddDays(9) };
        var result = await Store.ApplyAsync([moved], Context(team), dryRun: false, CancellationToken.None);

        Assert.Equal(1, result.Moved);
        await using var db = Db.NewContext();
        var deal = await db.Deals.AsNoTracking().SingleAsync(d => d.ExternalId == team.Tag + "-1");
        Assert.Equal(("Renamed " + team.Tag, new StageId("signed"), DealStatus.Won), (deal.Name, deal.StageId, deal.Status));
        var crmRows = await db.StageHistory.AsNoTracking().Where(h => h.DealId == deal.Id && h.Kind == StageChangeKind.MovedInCrm).ToListAsync();
        // qualify's open item, then demo's, the stage HubSpot jumped over on the way to signed.
        Assert.Equal("moved in HubSpot; skipped unconfirmed required items: pain-written, demo-held", Assert.Single(crmRows).Reason);
        var link = await db.Set<CrmDealLinkRow>().AsNoTracking().SingleAsync(l => l.CrmId == team.Tag + "-1");
        Assert.Equal(("closedwon", T0.AddDays(9)), (link.Stage, link.ModifiedAt));
    }

    [DatabaseFact]
    public async Task Apply_NewWonAndLostDealsThenTheLostReopened_EachRowRecordsItsOutcome()
    {
        var team = await Db.CreateTeamAsync();
        var won = Record(team, 1, "closedwon") with
        {
            StageChangedAt = T0.AddDays(5),
            StageHistory = [new("appointmentscheduled", T0), new("presentationscheduled", T0.AddDays(2)), new("closedwon", T0.AddDays(5))],
        };
        var lost = Record(team, 2, "closedlost") with
        {
            LostReason = "budget cut",
            StageChangedAt = T0.AddDays(4),
            StageHistory = [new("appointmentscheduled", T0), new("closedlost", T0.AddDays(4))],
        };

        await Store.ApplyAsync([won, lost], Context(team), dryRun: false, CancellationToken.None);
        var reopened = Record(team, 2, "presentationscheduled") with { ModifiedAt = T0.AddDays(9), StageChangedAt = T0.AddDays(9) };
        var result = await Store.ApplyAsync([reopened], Context(team), dryRun: false, CancellationToken.None);

        Assert.Equal(1, result.Moved);
        await using var db = Db.NewContext();
        async Task<List<(StageChangeKind, string, DealStatus?, string?)>> RowsAsync(string crmId)
        {
            var id = (await db.Deals.AsNoTracking().SingleAsync(d => d.ExternalId == crmId)).Id;
            return [.. (await db.StageHistory.AsNoTracking().Where(h => h.DealId == id).OrderBy(h => h.EnteredAt).ThenBy(h => h.Id).ToListAsync())
                .Select(h => (h.Kind, h.StageId.Value, h.Outcome, h.Reason))];
        }

        Assert.Equal(
            [
                (StageChangeKind.Imported, "discovery", (DealStatus?)DealStatus.Open, (string?)"from HubSpot"),
                (StageChangeKind.Imported, "demo", DealStatus.Open, "from HubSpot"),
                (StageChangeKind.Imported, "signed", DealStatus.Won, "from HubSpot"),
            ],
            await RowsAsync(team.Tag + "-1"));
        // The loss had no row (HubSpot's lost stage is on no map); the reopen read as a move.
        Assert.Equal(
            [
                (StageChangeKind.Imported, "discovery", (DealStatus?)DealStatus.Open, (string?)"from HubSpot"),
                (StageChangeKind.ClosedInCrm, "discovery", DealStatus.Lost, "lost in HubSpot: budget cut"),
                (StageChangeKind.MovedInCrm, "demo", DealStatus.Open, "reopened in HubSpot; skipped unconfirmed required items: pain-written"),
            ],
            await RowsAsync(team.Tag + "-2"));
    }

    [DatabaseFact]
    public async Task ApplyPage_CursorStoredWithEachPage_NeverMovedBack()
    {
        var team = await Db.CreateTeamAsync();
        // A provider of this test's own: the state row is per provider, and the fixture's database is shared.
        var context = Context(team) with { Provider = "cursor-" + team.Tag };

        await Store.ApplyPageAsync([Record(team, 1, "appointmentscheduled")], context, T0.AddDays(5), CancellationToken.None);
        var created = await Store.GetStateAsync(context.Provider, CancellationToken.None);
        await Store.ApplyPageAsync([Record(team, 2, "appointmentscheduled")], context, T0.AddDays(3), CancellationToken.None);
        var older = await Store.GetStateAsync(context.Provider, CancellationToken.None);
        await Store.ApplyPageAsync([Record(team, 3, "appointmentscheduled")], context, T0.AddDays(8), CancellationToken.None);
        var newer = await Store.GetStateAsync(context.Provider, CancellationToken.None);

        Assert.Equal((T0.AddDays(5), T0.AddDays(5), T0.AddDays(8)), (created.Cursor, older.Cursor, newer.Cursor));
        await using var db = Db.NewContext();
        Assert.Equal(3, await db.Set<CrmDealLinkRow>().AsNoTracking().CountAsync(l => l.Provider == context.Provider && l.DealId != null));
    }
}
