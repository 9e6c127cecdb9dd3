using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Pipeline;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Data.Imports;
using SalesCoachBot.Data.Tests.Infrastructure;

namespace SalesCoachBot.Data.Tests.Imports;

public sealed class SqliteImportNurtureAndRenamesTests(SqliteDatabaseFixture fixture)
    : ImportNurtureAndRenamesTests(() => fixture.Database), IClassFixture<SqliteDatabaseFixture>;

public sealed class PostgresImportNurtureAndRenamesTests(PostgresDatabaseFixture fixture)
    : ImportNurtureAndRenamesTests(() => fixture.Database), IClassFixture<PostgresDatabaseFixture>;

/// <summary>
/// Issue import50: an import that parks a deal in nurture or brings it back is recorded as the chat's close and reopen
/// are; a stage given by the id the map renamed is no move; "what moved" reads an import's close from its own row.
/// </summary>
public abstract class ImportNurtureAndRenamesTests(Func<TestDatabase> database) : IDisposable
{
    private const string Header = "external_id,name,owner_email,team,stage,stage_entered_at,status,lost_reason,closed_at\n";

    private static readonly DateTimeOffset Entered = new(2025, 2, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The test map with Demo renamed: <c>live-demo</c> replaces <c>demo</c>.</summary>
    private static readonly ProcessMap Renamed = TestMaps.Small with
    {
        Version = 2,
        Stages =
        [
            TestMaps.Small.Stages[0] with { Next = new StageId("live-demo") },
            TestMaps.Small.Stages[1] with { Id = new StageId("live-demo"), Replaces = [new StageId("demo")] },
            TestMaps.Small.Stages[2],
        ],
    };

    private readonly string _dir = Directory.CreateTempSubdirectory("scb-import-nurture-").FullName;

    private TestDatabase Db => database();

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        GC.SuppressFinalize(this);
    }

    private async Task<ImportResult> ImportAsync(string rows, ImportOptions? options = null, ProcessMap? map = null)
    {
        var path = Path.Combine(_dir, $"{Guid.NewGuid():N}.csv");
        await File.WriteAllBytesAsync(path, Encoding.UTF8.GetBytes(Header + rows));
        await using var db = Db.NewContext();
        var importer = new CsvImportService(db, new FixedProcessMapSource(map ?? TestMaps.Small), Db.Time);
        var result = await importer.ImportAsync(ImportKind.Deals, path, options ?? ImportOptions.Default, null, CancellationToken.None);
        Assert.True(result.IsClean, string.Join("\n", result.Rejections));
        return result;
    }

    private async Task<Deal> DealAsync(string externalId)
    {
        await using var db = Db.NewContext();
        return await db.Deals.AsNoTracking().SingleAsync(d => d.ExternalId == externalId);
    }

    private async Task<List<StageHistoryEntry>> HistoryAsync(DealId id)
    {
        await using var db = Db.NewContext();
        return await db.StageHistory.AsNoTracking().Where(h => h.DealId == id).OrderBy(h => h.Id).ToListAsync();
    }

    private async Task<StageChangeList> MovesAsync(TestTeam team)
    {
        await using var services = Db.Services.CreateAsyncScope();
        var store = services.ServiceProvider.GetRequiredService<IPipelineStore>();
        return await store.ListStageChangesAsync(new PipelineScope([team.TeamId], null), Entered, Db.Time.GetUtcNow().AddHours(1), 10, CancellationToken.None);
    }

    [DatabaseFact]
    public async Task ImportDeals_NurtureThenOpen_RecordedAsTheChatsCloseAndReopenAndListedInWhatMoved()
    {
        var team = await Db.CreateTeamAsync();
        var id = $"U{team.Tag}";
        await ImportAsync($"{id},Umbrella,{team.RepEmail},{team.TeamName},demo,{Entered:yyyy-MM-dd},,,\n");
        var before = await DealAsync(id);
        Db.Time.Advance(TimeSpan.FromDays(1));
        var parked = Db.Time.GetUtcNow();

        var nurture = await ImportAsync($"{id},Umbrella,{team.RepEmail},{team.TeamName},demo,,nurture,,\n");

        Assert.Equal((0, 1), (nurture.Added, nurture.Updated));
        var inNurture = await DealAsync(id);
        Assert.Equal((DealStatus.Nurture, before.StageVersion + 1, parked, parked), (inNurture.Status, inNurture.StageVersion, inNurture.StageEnteredAt, inNurture.LastActivityAt));
        Assert.Equal(parked.AddDays(MapOutcomes.Default.NurtureReengageAfterDays), inNurture.ReengageAt);
        var closeRow = (await HistoryAsync(inNurture.Id))[^1];
        Assert.Equal((new StageId("demo"), StageChangeKind.Closed, parked, "import:nurture:open"), (closeRow.StageId, closeRow.Kind, closeRow.EnteredAt, closeRow.Reason));

        Db.Time.Advance(TimeSpan.FromDays(2));
        var back = Db.Time.GetUtcNow();
        var open = await ImportAsync($"{id},Umbrella,{team.RepEmail},{team.TeamName},demo,,open,,\n");

        Assert.Equal(1, open.Updated);
        Assert.Empty(open.Warnings);
        var reopened = await DealAsync(id);
        Assert.Equal((DealStatus.Open, before.StageVersion + 2, back, (DateTimeOffset?)null), (reopened.Status, reopened.StageVersion, reopened.StageEnteredAt, reopened.ReengageAt));
        var history = await HistoryAsync(reopened.Id);
        Assert.Equal(3, history.Count);
        Assert.Equal((StageChangeKind.Reopened, back, "import:open:nurture"), (history[2].Kind, history[2].EnteredAt, history[2].Reason));

        // "What moved": the reopen, then the close into nurture, each read from its row.
        var moves = await MovesAsync(team);
        Assert.Equal(
            [(StageChangeKind.Reopened, (DealStatus?)DealStatus.Open), (StageChangeKind.Closed, DealStatus.Nurture)],
            moves.Lines.Select(l => (l.Kind, l.Outcome)));

        // The same row again changes nothing and records nothing.
        var again = await ImportAsync($"{id},Umbrella,{team.RepEmail},{team.TeamName},demo,,open,,\n");
        Assert.Equal(1, again.Unchanged);
        Assert.Equal(3, (await HistoryAsync(reopened.Id)).Count);
    }

    [DatabaseFact]
    public async Task ImportDeals_LostByImportThenReopenedAndWon_WhatMovedKeepsTheLossAsALoss()
    {
        var team = await Db.CreateTeamAsync();
        var id = $"L{team.Tag}";
        await ImportAsync($"{id},Hooli,{team.RepEmail},{team.TeamName},demo,{Entered:yyyy-MM-dd},,,\n");
        Db.Time.Advance(TimeSpan.FromDays(1));
        await ImportAsync($"{id},Hooli,{team.RepEmail},{team.TeamName},demo,,lost,price,\n");
        Db.Time.Advance(TimeSpan.FromDays(1));
        await ImportAsync($"{id},Hooli,{team.RepEmail},{team.TeamName},demo,,open,,\n", new ImportOptions { AllowReopen = true });
        Db.Time.Advance(TimeSpan.FromDays(1));
        await ImportAsync($"{id},Hooli,{team.RepEmail},{team.TeamName},demo,,won,,\n");

        Assert.Equal(DealStatus.Won, (await DealAsync(id)).Status);
        var moves = await MovesAsync(team);

        Assert.Equal(
            [(StageChangeKind.Imported, DealStatus.Won), (StageChangeKind.Reopened, DealStatus.Open), (StageChangeKind.Closed, DealStatus.Lost)],
            moves.Lines.Select(l => (l.Kind, l.Outcome!.Value)));
        Assert.All(moves.Lines, l => Assert.Equal(DealStatus.Won, l.Status));
        Assert.Equal("import:open:lost:price", (await HistoryAsync((await DealAsync(id)).Id))[2].Reason);
    }

    [DatabaseFact]
    public async Task ImportDeals_OldEnglishCloseRow_WhatMovedStillReadsItsOutcome()
    {
        var team = await Db.CreateTeamAsync();
        var id = $"E{team.Tag}";
        await ImportAsync($"{id},Initech,{team.RepEmail},{team.TeamName},demo,{Entered:yyyy-MM-dd},,,\n");
        Db.Time.Advance(TimeSpan.FromDays(1));
        await ImportAsync($"{id},Initech,{team.RepEmail},{team.TeamName},demo,,lost,price,\n");
        var deal = await DealAsync(id);
        await using (var db = Db.NewContext())
        {
            // As session 49 stored it; the deal has been won since.
            await db.StageHistory.Where(h => h.DealId == deal.Id && h.Kind == StageChangeKind.Closed)
                .ExecuteUpdateAsync(s => s.SetProperty(h => h.Reason, "import; lost (price)"));
            await db.Deals.Where(d => d.Id == deal.Id).ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DealStatus.Won));
        }

        var move = Assert.Single((await MovesAsync(team)).Lines);

        Assert.Equal((StageChangeKind.Closed, DealStatus.Won, (DealStatus?)DealStatus.Lost), (move.Kind, move.Status, move.Outcome));
    }

    [DatabaseFact]
    public async Task ImportDeals_StageGivenByTheIdTheMapRenamed_UnchangedDealReportedUnchanged()
    {
        var team = await Db.CreateTeamAsync();
        var (old, renamed) = ($"R{team.Tag}", $"N{team.Tag}");
        // One deal stored under the old id (imported before the rename), one under the new.
        await ImportAsync($"{old},Globex,{team.RepEmail},{team.TeamName},demo,{Entered:yyyy-MM-dd},,,\n");
        await ImportAsync($"{renamed},Soylent,{team.RepEmail},{team.TeamName},live-demo,{Entered:yyyy-MM-dd},,,\n", map: Renamed);
        var (oldBefore, renamedBefore) = (await DealAsync(old), await DealAsync(renamed));
        Db.Time.Advance(TimeSpan.FromDays(1));

        // The old export again, after the rename: the old id, and the new id for the deal stored under the old one.
        var oldIds = await ImportAsync(
            $"{old},Globex,{team.RepEmail},{team.TeamName},demo,,,,\n{renamed},Soylent,{team.RepEmail},{team.TeamName},demo,,,,\n", map: Renamed);
        var newIds = await ImportAsync($"{old},Globex,{team.RepEmail},{team.TeamName},live-demo,,,,\n", map: Renamed);

        Assert.Equal((0, 0, 2), (oldIds.Added, oldIds.Updated, oldIds.Unchanged));
        Assert.Equal((0, 0, 1), (newIds.Added, newIds.Updated, newIds.Unchanged));
        Assert.Empty(oldIds.Warnings.Concat(newIds.Warnings));
        foreach (var before in new[] { oldBefore, renamedBefore })
        {
            var after = await DealAsync(before.ExternalId);
            Assert.Equal((before.StageId, before.StageVersion, before.StageEnteredAt), (after.StageId, after.StageVersion, after.StageEnteredAt));
            Assert.Single(await HistoryAsync(after.Id));
        }

        // A real move from the renamed stage still is one.
        var moved = await ImportAsync($"{old},Globex,{team.RepEmail},{team.TeamName},contract-signed,,,,\n", map: Renamed);
        Assert.Equal(1, moved.Updated);
        Assert.Equal((new StageId("contract-signed"), oldBefore.StageVersion + 1), ((await DealAsync(old)).StageId, (await DealAsync(old)).StageVersion));
    }
}
