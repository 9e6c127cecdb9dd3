using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Data.Imports;
using SalesCoachBot.Data.Tests.Infrastructure;

namespace SalesCoachBot.Data.Tests.Imports;

public sealed class SqliteImportKeepsStoredValuesTests(SqliteDatabaseFixture fixture)
    : ImportKeepsStoredValuesTests(() => fixture.Database), IClassFixture<SqliteDatabaseFixture>;

public sealed class PostgresImportKeepsStoredValuesTests(PostgresDatabaseFixture fixture)
    : ImportKeepsStoredValuesTests(() => fixture.Database), IClassFixture<PostgresDatabaseFixture>;

/// <summary>
/// A re-imported export must not undo newer work: empty cells keep what is stored, and a stage earlier than the stored
/// one is skipped with a warning unless the import allows moves back (the reviewer's Initech row, issue import48).
/// </summary>
public abstract class ImportKeepsStoredValuesTests(Func<TestDatabase> database) : IDisposable
{
    private const string Header =
        "external_id,name,account,amount,currency,owner_email,team,stage,stage_entered_at,next_step,next_step_at,created_at,status,lost_reason,closed_at\n";

    private static readonly DateTimeOffset Entered = new(2025, 2, 3, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset NextStepDay = new(2025, 12, 11, 0, 0, 0, TimeSpan.Zero);

    private readonly string _dir = Directory.CreateTempSubdirectory("scb-import-keeps-").FullName;

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

    /// <summary>Initech as the reviewer had it: in demo, 27,500 EUR, a next step on Fri 11 Dec.</summary>
    private async Task<(TestTeam Team, string Id, Deal Before)> InitechInDemoAsync()
    {
        var team = await Db.CreateTeamAsync();
        var id = $"I{team.Tag}";
        var result = await ImportAsync(Header +
            $"{id},Initech,Initech Corp,27500.00,EUR,{team.RepEmail},{team.TeamName},demo,{Entered:yyyy-MM-dd},Send the proposal,{NextStepDay:yyyy-MM-dd},2025-01-10,,,\n");
        Assert.True(result.IsClean, string.Join("\n", result.Rejections));
        Assert.Equal(1, result.Added);
        return (team, id, await DealAsync(id));
    }

    [DatabaseFact]
    public async Task ImportDeals_EmptyOptionalCells_KeepStoredAmountCurrencyAccountNextStepAndDates()
    {
        var (team, id, before) = await InitechInDemoAsync();
        Db.Time.Advance(TimeSpan.FromDays(2));

        // Every optional cell empty, the stage as stored.
        var result = await ImportAsync(Header + $"{id},Initech,,,,{team.RepEmail},{team.TeamName},demo,,,,,,,\n");

        Assert.Equal((0, 0, 1, 0), (result.Added, result.Updated, result.Unchanged, result.Rejected));
        Assert.Empty(result.Warnings);
        var after = await DealAsync(id);
        Assert.Equal(("Initech Corp", 27500m, "EUR"), (after.Account, after.Amount, after.Currency));
        Assert.Equal(("Send the proposal", NextStepDay, before.NextStepSetAt), (after.NextStep, after.NextStepAt, after.NextStepSetAt));
        Assert.Equal((Entered, before.CreatedAt, DealStatus.Open, (DateTimeOffset?)null), (after.StageEnteredAt, after.CreatedAt, after.Status, after.ClosedAt));
        Assert.Equal((before.StageVersion, before.LastActivityAt), (after.StageVersion, after.LastActivityAt));
    }

    [DatabaseFact]
    public async Task ImportDeals_SameStageWithoutStageDate_KeepsTheStageDateAndAppliesTheRest()
    {
        var (team, id, before) = await InitechInDemoAsync();
        Db.Time.Advance(TimeSpan.FromDays(5));

        var result = await ImportAsync(Header + $"{id},Initech,,31000,,{team.RepEmail},{team.TeamName},Demo,,,,,,,\n");

        Assert.Equal((0, 1, 0), (result.Added, result.Updated, result.Rejected));
        Assert.Empty(result.Warnings);
        var after = await DealAsync(id);
        Assert.Equal((31000m, "EUR"), (after.Amount, after.Currency));
        Assert.Equal((Entered, before.StageVersion, before.LastActivityAt), (after.StageEnteredAt, after.StageVersion, after.LastActivityAt));
        Assert.Single(await HistoryAsync(after.Id));
    }

    [DatabaseFact]
    public async Task ImportDeals_EarlierStage_SkippedWithAWarningNamingBothStagesAndTheRestApplied()
    {
        var (team, id, before) = await InitechInDemoAsync();
        Db.Time.Advance(TimeSpan.FromDays(1));

        // The reviewer's row: an old export that still has Initech in discovery, with a new owner's note of the amount.
        var result = await ImportAsync(Header + $"{id},Initech,,28000,,{team.OtherEmail},{team.TeamName},discovery,2025-01-20,,,,,,\n");

        Assert.Equal((0, 1, 0, 0), (result.Added, result.Updated, result.Unchanged, result.Rejected));
        var warning = Assert.Single(result.Warnings);
        Assert.Equal(2, warning.Line);
        Assert.Contains(id, warning.Message, StringComparison.Ordinal);
        Assert.Contains("Initech", warning.Message, StringComparison.Ordinal);
        Assert.Contains("at demo", warning.Message, StringComparison.Ordinal);
        Assert.Contains("stage discovery", warning.Message, StringComparison.Ordinal);
        Assert.Contains("--allow-backward", warning.Message, StringComparison.Ordinal);
        Assert.StartsWith($"line 2: warning: deal {id}", warning.ToString(), StringComparison.Ordinal);
        Assert.EndsWith("warnings 1", result.Summary, StringComparison.Ordinal);

        var after = await DealAsync(id);
        Assert.Equal((new StageId("demo"), before.StageVersion, Entered), (after.StageId, after.StageVersion, after.StageEnteredAt));
        Assert.Equal((28000m, team.OtherId, "Send the proposal", NextStepDay), (after.Amount, after.OwnerId, after.NextStep, after.NextStepAt));
        Assert.Equal(before.LastActivityAt, after.LastActivityAt);
        Assert.Single(await HistoryAsync(after.Id));
    }

    [DatabaseFact]
    public async Task ImportDeals_OnlyTheStageIsEarlier_CountedUnchangedWithAWarning()
    {
        var (team, id, before) = await InitechInDemoAsync();

        var result = await ImportAsync(Header + $"{id},Initech,,,,{team.RepEmail},{team.TeamName},discovery,,,,,,,\n");

        Assert.Equal((0, 0, 1, 0), (result.Added, result.Updated, result.Unchanged, result.Rejected));
        Assert.Single(result.Warnings);
        Assert.True(result.IsClean);
        Assert.Equal("added 0, updated 0, rejected 0, warnings 1", result.Summary);
        var after = await DealAsync(id);
        Assert.Equal((new StageId("demo"), before.StageVersion), (after.StageId, after.StageVersion));
    }

    [DatabaseFact]
    public async Task ImportDeals_EarlierStageWithAllowBackward_MovedBackAndRecordedInHistory()
    {
        var (team, id, before) = await InitechInDemoAsync();
        Db.Time.Advance(TimeSpan.FromDays(1));

        var result = await ImportAsync(
            Header + $"{id},Initech,,,,{team.RepEmail},{team.TeamName},discovery,,,,,,,\n",
            new ImportOptions { AllowBackward = true });

        Assert.Equal((0, 1, 0), (result.Added, result.Updated, result.Rejected));
        Assert.Empty(result.Warnings);
        Assert.Equal("added 0, updated 1, rejected 0", result.Summary);
        var after = await DealAsync(id);
        Assert.Equal((new StageId("discovery"), before.StageVersion + 1), (after.StageId, after.StageVersion));
        Assert.Equal(Db.Time.GetUtcNow(), after.StageEnteredAt);
        Assert.Equal((27500m, "Send the proposal"), (after.Amount, after.NextStep));
        var history = await HistoryAsync(after.Id);
        Assert.Equal(2, history.Count);
        Assert.Equal((new StageId("discovery"), StageChangeKind.Imported, Db.Time.GetUtcNow()), (history[1].StageId, history[1].Kind, history[1].EnteredAt));
    }

    [DatabaseFact]
    public async Task ImportDeals_LaterStage_StillMovesWithoutAWarning()
    {
        var (team, id, before) = await InitechInDemoAsync();

        var result = await ImportAsync(Header + $"{id},Initech,,,,{team.RepEmail},{team.TeamName},contract-signed,2025-03-01,,,,won,,\n");

        Assert.Equal((0, 1, 0), (result.Added, result.Updated, result.Rejected));
        Assert.Empty(result.Warnings);
        var after = await DealAsync(id);
        var signed = new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal((new StageId("contract-signed"), before.StageVersion + 1, DealStatus.Won), (after.StageId, after.StageVersion, after.Status));
        Assert.Equal((signed, signed), (after.StageEnteredAt, after.ClosedAt));
        Assert.Equal(2, (await HistoryAsync(after.Id)).Count);
    }

    [DatabaseFact]
    public async Task ImportDeals_LostDeal_EmptyCellsKeepItsReasonAndCloseDateAReopeningRowDropsThem()
    {
        var team = await Db.CreateTeamAsync();
        var id = $"L{team.Tag}";
        await ImportAsync(Header + $"{id},Globex,,,,{team.RepEmail},{team.TeamName},demo,2025-02-01,,,,lost,price,2025-02-20\n");
        var closed = new DateTimeOffset(2025, 2, 20, 0, 0, 0, TimeSpan.Zero);

        var kept = await ImportAsync(Header + $"{id},Globex,,,,{team.RepEmail},{team.TeamName},demo,,,,,,,\n");

        Assert.Equal(1, kept.Unchanged);
        var deal = await DealAsync(id);
        Assert.Equal((DealStatus.Lost, "price", (DateTimeOffset?)closed), (deal.Status, deal.LostReason, deal.ClosedAt));

        // Reopening a closed deal is a deliberate choice (--allow-reopen, issue import49).
        var reopened = await ImportAsync(Header + $"{id},Globex,,,,{team.RepEmail},{team.TeamName},demo,,,,,open,,\n", new ImportOptions { AllowReopen = true });

        Assert.Equal(1, reopened.Updated);
        deal = await DealAsync(id);
        Assert.Equal((DealStatus.Open, (string?)null, (DateTimeOffset?)null), (deal.Status, deal.LostReason, deal.ClosedAt));
    }
}
