using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Pipeline;
using SalesCoachBot.Data.Imports;
using SalesCoachBot.Data.Tests.Infrastructure;

namespace SalesCoachBot.Data.Tests.Imports;

public sealed class SqliteImportKeepsClosesAndStepsTests(SqliteDatabaseFixture fixture)
    : ImportKeepsClosesAndStepsTests(() => fixture.Database), IClassFixture<SqliteDatabaseFixture>;

public sealed class PostgresImportKeepsClosesAndStepsTests(PostgresDatabaseFixture fixture)
    : ImportKeepsClosesAndStepsTests(() => fixture.Database), IClassFixture<PostgresDatabaseFixture>;

/// <summary>
/// Issue import49: a re-imported export does not reopen or re-close a closed deal unless <c>--allow-reopen</c>, a deal
/// whose stored stage its map lacks is not moved unchecked, and a new next step without a date drops the old step's date.
/// </summary>
public abstract class ImportKeepsClosesAndStepsTests(Func<TestDatabase> database) : IDisposable
{
    private const string Header =
        "external_id,name,account,amount,currency,owner_email,team,stage,stage_entered_at,next_step,next_step_at,created_at,status,lost_reason,closed_at\n";

    private static readonly DateTimeOffset Closed = new(2025, 2, 20, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset NextStepDay = new(2025, 12, 11, 0, 0, 0, TimeSpan.Zero);

    private readonly string _dir = Directory.CreateTempSubdirectory("scb-import-closes-").FullName;

    private TestDatabase Db => database();

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        GC.SuppressFinalize(this);
    }

    private async Task<ImportResult> ImportAsync(string csv, ImportOptions? options = null)
    {
        var path = Path.Combine(_dir, $"{Guid.NewGuid():N}.csv");
        await File.WriteAllBytesAsync(path, Encoding.UTF8.GetBytes(csv));
        await using var scope = Db.Services.CreateAsyncScope();
        var importer = scope.ServiceProvider.GetRequiredService<CsvImportService>();
        return await importer.ImportAsync(ImportKind.Deals, path, options ?? ImportOptions.Default, null, CancellationToken.None);
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

    private async Task<(TestTeam Team, string Id)> ClosedDealAsync(string status, string reason)
    {
        var team = await Db.CreateTeamAsync();
        var id = $"C{team.Tag}";
        var result = await ImportAsync(Header + $"{id},Globex,,,,{team.RepEmail},{team.TeamName},demo,2025-02-01,,,,{status},{reason},{Closed:yyyy-MM-dd}\n");
        Assert.True(result.IsClean, string.Join("\n", result.Rejections));
        return (team, id);
    }

    [DatabaseFact]
    public async Task ImportDeals_OpenStatusOnALostDeal_NotReopenedWithAWarningNamingDealStatusAndOption()
    {
        var (team, id) = await ClosedDealAsync("lost", "price");
        var before = await DealAsync(id);

        // An old export from before the close: open, a new amount.
        var result = await ImportAsync(Header + $"{id},Globex,,5000,,{team.RepEmail},{team.TeamName},demo,,,,,open,,\n");

        Assert.Equal((0, 1, 0), (result.Added, result.Updated, result.Rejected));
        var warning = Assert.Single(result.Warnings);
        Assert.StartsWith($"line 2: warning: deal {id} (Globex) is lost; the file's status open was not applied", warning.ToString(), StringComparison.Ordinal);
        Assert.Contains("--allow-reopen", warning.Message, StringComparison.Ordinal);
        Assert.True(result.IsClean);
        var after = await DealAsync(id);
        Assert.Equal((DealStatus.Lost, "price", (DateTimeOffset?)Closed, 5000m), (after.Status, after.LostReason, after.ClosedAt, after.Amount));
        Assert.Equal((before.StageVersion, before.StageEnteredAt), (after.StageVersion, after.StageEnteredAt));
        Assert.Equal([StageChangeKind.Entered, StageChangeKind.Closed], (await HistoryAsync(after.Id)).Select(h => h.Kind)); // brought in lost: no reopen
    }

    [DatabaseFact]
    public async Task ImportDeals_LostStatusOnAWonDeal_NotAppliedWithAWarning()
    {
        var (team, id) = await ClosedDealAsync("won", string.Empty);

        var result = await ImportAsync(Header + $"{id},Globex,,,,{team.RepEmail},{team.TeamName},demo,,,,,lost,price,\n");

        var warning = Assert.Single(result.Warnings);
        Assert.Contains($"deal {id} (Globex) is won; the file's status lost was not applied", warning.Message, StringComparison.Ordinal);
        var after = await DealAsync(id);
        Assert.Equal(DealStatus.Won, after.Status);
        Assert.Equal((DateTimeOffset?)Closed, after.ClosedAt);
    }

    [DatabaseFact]
    public async Task ImportDeals_OpenStatusWithAllowReopen_ReopenedAndRecordedAsTheChatsReopenDoes()
    {
        var (team, id) = await ClosedDealAsync("lost", "price");
        var before = await DealAsync(id);
        Db.Time.Advance(TimeSpan.FromDays(1));

        var result = await ImportAsync(
            Header + $"{id},Globex,,,,{team.RepEmail},{team.TeamName},demo,,,,,open,,\n", new ImportOptions { AllowReopen = true });

        Assert.Equal((0, 1, 0), (result.Added, result.Updated, result.Rejected));
        Assert.Empty(result.Warnings);
        var after = await DealAsync(id);
        var now = Db.Time.GetUtcNow();
        Assert.Equal((DealStatus.Open, (string?)null, (DateTimeOffset?)null, (long?)null), (after.Status, after.LostReason, after.ClosedAt, after.ClosedByPersonId));
        Assert.Equal((before.StageVersion + 1, now, now), (after.StageVersion, after.StageEnteredAt, after.LastActivityAt));
        var history = await HistoryAsync(after.Id);
        Assert.Equal(3, history.Count); // entered, closed (brought in lost), reopened
        Assert.Equal((new StageId("demo"), StageChangeKind.Reopened, now, "import:open:lost:price"),
            (history[2].StageId, history[2].Kind, history[2].EnteredAt, history[2].Reason));
    }

    [DatabaseFact]
    public async Task ImportDeals_WonToLostWithAllowReopen_ClosedAsLostAndRecorded()
    {
        var (team, id) = await ClosedDealAsync("won", string.Empty);

        var result = await ImportAsync(
            Header + $"{id},Globex,,,,{team.RepEmail},{team.TeamName},demo,,,,,lost,price,\n", new ImportOptions { AllowReopen = true });

        Assert.Empty(result.Warnings);
        var after = await DealAsync(id);
        Assert.Equal((DealStatus.Lost, "price", (DateTimeOffset?)Db.Time.GetUtcNow()), (after.Status, after.LostReason, after.ClosedAt));
        var last = (await HistoryAsync(after.Id))[^1];
        Assert.Equal((StageChangeKind.Closed, "import:lost:won:price"), (last.Kind, last.Reason));
    }

    private async Task<(TestTeam Team, string Id, Deal Before)> OpenDealAsync()
    {
        var team = await Db.CreateTeamAsync();
        var id = $"O{team.Tag}";
        var result = await ImportAsync(Header + $"{id},Globex,,4000,USD,{team.RepEmail},{team.TeamName},demo,2025-02-01,,,,,,\n");
        Assert.True(result.IsClean, string.Join("\n", result.Rejections));
        return (team, id, await DealAsync(id));
    }

    private async Task<PipelineData> PipelineAsync(TestTeam team)
    {
        await using var services = Db.Services.CreateAsyncScope();
        var store = services.ServiceProvider.GetRequiredService<IPipelineStore>();
        return await store.LoadAsync(new PipelineScope([team.TeamId], null), Closed.AddYears(-1), Db.Time.GetUtcNow(), CancellationToken.None);
    }

    [DatabaseFact]
    public async Task ImportDeals_LostStatusOnAnOpenDeal_ClosedAndRecordedAsTheChatsCloseDoes()
    {
        var (team, id, before) = await OpenDealAsync();
        // Read once before the import, so the kept pipeline facts must take the close in rather than be read afresh.
        Assert.Empty((await PipelineAsync(team)).ClosedDeals);
        Db.Time.Advance(TimeSpan.FromDays(1));

        var result = await ImportAsync(Header + $"{id},Globex,,,,{team.RepEmail},{team.TeamName},demo,,,,,lost,price,\n");

        Assert.Equal((0, 1, 0), (result.Added, result.Updated, result.Rejected));
        Assert.Empty(result.Warnings);
        var now = Db.Time.GetUtcNow();
        var after = await DealAsync(id);
        Assert.Equal((DealStatus.Lost, "price", (DateTimeOffset?)now), (after.Status, after.LostReason, after.ClosedAt));
        Assert.Equal((before.StageVersion + 1, now, now), (after.StageVersion, after.StageEnteredAt, after.LastActivityAt));
        var history = await HistoryAsync(after.Id);
        Assert.Equal(2, history.Count);
        Assert.Equal((new StageId("demo"), StageChangeKind.Closed, now, "import:lost:open:price", (long?)null),
            (history[1].StageId, history[1].Kind, history[1].EnteredAt, history[1].Reason, history[1].ByPersonId));

        // Asked an hour later (a window ends before its last instant).
        Db.Time.Advance(TimeSpan.FromHours(1));
        var pipeline = await PipelineAsync(team);
        var closed = Assert.Single(pipeline.ClosedDeals);
        Assert.Equal((after.Id.Value, DealStatus.Lost, now, "price"), (closed.DealId, closed.Status, closed.ClosedAt, closed.LostReason));
        var winLoss = PipelineAnalytics.WinLoss(pipeline.ClosedDeals, AnalysisWindow.LastDays(30, Db.Time.GetUtcNow()));
        Assert.Equal((0, 1, (double?)0d), (winLoss.Won, winLoss.Lost, winLoss.WinRate));

        // The same row again changes nothing and records nothing.
        var again = await ImportAsync(Header + $"{id},Globex,,,,{team.RepEmail},{team.TeamName},demo,,,,,lost,price,\n");
        Assert.Equal(1, again.Unchanged);
        Assert.Equal(2, (await HistoryAsync(after.Id)).Count);
    }

    [DatabaseFact]
    public async Task ImportDeals_WonStatusWithClosedAtOnAnOpenDeal_ClosedThenAndCountedAsWon()
    {
        var (team, id, before) = await OpenDealAsync();
        Db.Time.Advance(TimeSpan.FromDays(1));

        var result = await ImportAsync(Header + $"{id},Globex,,,,{team.RepEmail},{team.TeamName},demo,,,,,won,,{Closed:yyyy-MM-dd}\n");

        Assert.True(result.IsClean, string.Join("\n", result.Rejections));
        Assert.Empty(result.Warnings);
        var after = await DealAsync(id);
        Assert.Equal((DealStatus.Won, (DateTimeOffset?)Closed), (after.Status, after.ClosedAt));
        // Won from Demo: in the won stage since the close, as a chat win leaves it (won57).
        Assert.Equal((before.StageVersion + 1, Closed, "contract-signed"), (after.StageVersion, after.StageEnteredAt, after.StageId.Value));
        var last = (await HistoryAsync(after.Id))[^1];
        Assert.Equal((StageChangeKind.Imported, "import:won:open", Closed, "contract-signed"), (last.Kind, last.Reason, last.EnteredAt, last.StageId.Value));

        await using var services = Db.Services.CreateAsyncScope();
        var store = services.ServiceProvider.GetRequiredService<IPipelineStore>();
        var won = await store.ListClosedAsync(new PipelineScope([team.TeamId], null), DealStatus.Won, Closed.AddDays(-1), Db.Time.GetUtcNow(), CancellationToken.None);
        Assert.Equal((id, Closed, 4000m), (Assert.Single(won).ExternalId, won[0].ClosedAt, won[0].Amount));

        // "What moved" shows it as a win, not a loss.
        var moves = await store.ListStageChangesAsync(new PipelineScope([team.TeamId], null), Closed.AddDays(-1), Db.Time.GetUtcNow(), 10, CancellationToken.None);
        var move = Assert.Single(moves.Lines);
        Assert.Equal((StageChangeKind.Imported, DealStatus.Won, "demo"), (move.Kind, move.Status, move.PreviousStageId));
    }

    [DatabaseFact]
    public async Task ImportDeals_StoredStageTheMapLacks_RowRejectedNamingTheMapsStages()
    {
        var (team, id) = await ClosedDealAsync("lost", "price");
        await using (var db = Db.NewContext())
        {
            // A stage dropped from the map (no 'replaces') after the deal closed in it.
            await db.Deals.Where(d => d.ExternalId == id).ExecuteUpdateAsync(s => s.SetProperty(d => d.StageId, new StageId("pilot")));
        }

        var before = await DealAsync(id);

        var result = await ImportAsync(Header + $"{id},Globex,,7000,,{team.RepEmail},{team.TeamName},discovery,,,,,,,\n");

        Assert.Equal((0, 0, 1), (result.Added, result.Updated, result.Rejected));
        Assert.False(result.IsClean);
        var rejection = Assert.Single(result.Rejections);
        Assert.StartsWith($"line 2: deal {id} (Globex) is at stage 'pilot', which its map", rejection.ToString(), StringComparison.Ordinal);
        Assert.Contains("stage 'discovery' cannot be compared", rejection.Reason, StringComparison.Ordinal);
        Assert.Contains("has: discovery, demo, contract-signed", rejection.Reason, StringComparison.Ordinal);
        var after = await DealAsync(id);
        Assert.Equal((new StageId("pilot"), before.StageVersion, before.Amount), (after.StageId, after.StageVersion, after.Amount));

        // Placing it is a deliberate choice.
        var placed = await ImportAsync(Header + $"{id},Globex,,,,{team.RepEmail},{team.TeamName},discovery,,,,,,,\n", new ImportOptions { AllowBackward = true });
        Assert.True(placed.IsClean, string.Join("\n", placed.Rejections));
        Assert.Equal(new StageId("discovery"), (await DealAsync(id)).StageId);
    }

    [DatabaseFact]
    public async Task ImportDeals_NewNextStepWithoutDate_ClearsTheOldStepsDateSameStepKeepsIt()
    {
        var team = await Db.CreateTeamAsync();
        var id = $"N{team.Tag}";
        await ImportAsync(Header + $"{id},Initech,,,,{team.RepEmail},{team.TeamName},demo,2025-02-03,Send the proposal,{NextStepDay:yyyy-MM-dd},,,,\n");

        var same = await ImportAsync(Header + $"{id},Initech,,,,{team.RepEmail},{team.TeamName},demo,,Send the proposal,,,,,\n");

        Assert.Equal(1, same.Unchanged);
        Assert.Equal(("Send the proposal", (DateTimeOffset?)NextStepDay), ((await DealAsync(id)).NextStep, (await DealAsync(id)).NextStepAt));

        Db.Time.Advance(TimeSpan.FromHours(1));
        var changed = await ImportAsync(Header + $"{id},Initech,,,,{team.RepEmail},{team.TeamName},demo,,Book the legal review,,,,,\n");

        Assert.Equal(1, changed.Updated);
        var after = await DealAsync(id);
        Assert.Equal(("Book the legal review", (DateTimeOffset?)null, (DateTimeOffset?)Db.Time.GetUtcNow()), (after.NextStep, after.NextStepAt, after.NextStepSetAt));
    }
}
