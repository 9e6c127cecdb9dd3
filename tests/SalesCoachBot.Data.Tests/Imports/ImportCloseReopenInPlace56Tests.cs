using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Pipeline;
using SalesCoachBot.Data.Imports;
using SalesCoachBot.Data.Tests.Infrastructure;

namespace SalesCoachBot.Data.Tests.Imports;

public sealed class SqliteImportCloseReopenInPlace56Tests(SqliteDatabaseFixture fixture)
    : ImportCloseReopenInPlace56Tests(() => fixture.Database), IClassFixture<SqliteDatabaseFixture>;

public sealed class PostgresImportCloseReopenInPlace56Tests(PostgresDatabaseFixture fixture)
    : ImportCloseReopenInPlace56Tests(() => fixture.Database), IClassFixture<PostgresDatabaseFixture>;

/// <summary>
/// Issue facts56: a deal `import deals` brought in lost, then reopened in its stage by a later file (<c>--allow-reopen</c>)
/// and won. Its history held no close, so the 30 days it stood lost were time in Demo and part of its cycle (45 days for
/// 15 open); and a reopen file still giving the stage's first date dated the reopen before the close.
/// </summary>
public abstract class ImportCloseReopenInPlace56Tests(Func<TestDatabase> database) : IDisposable
{
    private const string Header =
        "external_id,name,account,amount,currency,owner_email,team,stage,stage_entered_at,next_step,next_step_at,created_at,status,lost_reason,closed_at\n";

    private static readonly DateTimeOffset Entered = new(2025, 1, 10, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Lost = new(2025, 1, 20, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Reopened = new(2025, 2, 19, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Won = new(2025, 2, 24, 0, 0, 0, TimeSpan.Zero);

    private readonly string _dir = Directory.CreateTempSubdirectory("scb-import-reopen-").FullName;

    private TestDatabase Db => database();

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        GC.SuppressFinalize(this);
    }

    private async Task ImportAsync(string csv, bool allowReopen = false)
    {
        var path = Path.Combine(_dir, $"{Guid.NewGuid():N}.csv");
        await File.WriteAllBytesAsync(path, Encoding.UTF8.GetBytes(Header + csv));
        await using var scope = Db.Services.CreateAsyncScope();
        var importer = scope.ServiceProvider.GetRequiredService<CsvImportService>();
        var result = await importer.ImportAsync(ImportKind.Deals, path, new ImportOptions { AllowReopen = allowReopen }, null, CancellationToken.None);
        Assert.True(result.IsClean && result.Warnings.Count == 0, string.Join("\n", result.Rejections.Select(r => r.ToString()).Concat(result.Warnings.Select(w => w.ToString()))));
    }

    private async Task<(Deal Deal, List<StageHistoryEntry> History)> ReadAsync(string externalId)
    {
        await using var db = Db.NewContext();
        var deal = await db.Deals.AsNoTracking().SingleAsync(d => d.ExternalId == externalId);
        var history = await db.StageHistory.AsNoTracking().Where(h => h.DealId == deal.Id).OrderBy(h => h.EnteredAt).ThenBy(h => h.Id).ToListAsync();
        return (deal, history);
    }

    private async Task<PipelineData> PipelineAsync(TestTeam team)
    {
        await using var services = Db.Services.CreateAsyncScope();
        var store = services.ServiceProvider.GetRequiredService<IPipelineStore>();
        return await store.LoadAsync(new PipelineScope([team.TeamId], null), Entered.AddYears(-1), Db.Time.GetUtcNow(), CancellationToken.None);
    }

    [DatabaseFact]
    public async Task ImportDeals_LostThenReopenedInItsStageThenWon_ClosedDaysNoTimeInStageNorCycle()
    {
        var team = await Db.CreateTeamAsync();
        var id = $"R{team.Tag}";
        await ImportAsync($"{id},Globex,,,,{team.RepEmail},{team.TeamName},demo,{Entered:yyyy-MM-dd},,,,lost,price,{Lost:yyyy-MM-dd}\n");
        await ImportAsync($"{id},Globex,,,,{team.RepEmail},{team.TeamName},demo,{Reopened:yyyy-MM-dd},,,,open,,\n", allowReopen: true);
        await ImportAsync($"{id},Globex,,,,{team.RepEmail},{team.TeamName},contract-signed,{Won:yyyy-MM-dd},,,,won,,{Won:yyyy-MM-dd}\n");

        var (deal, history) = await ReadAsync(id);
        Assert.Equal(
            [("demo", StageChangeKind.Entered, Entered), ("demo", StageChangeKind.Closed, Lost), ("demo", StageChangeKind.Reopened, Reopened),
                ("contract-signed", StageChangeKind.Closed, Won)],
            history.Select(h => (h.StageId.Value, h.Kind, h.EnteredAt)));
        Assert.Equal(DealStatus.Lost, history[1].Outcome);

        var data = await PipelineAsync(team);
        var report = PipelineReport.Build(Core.ProcessMaps.ProcessMapLoader.Default, data, 365, Db.Time.GetUtcNow(), _ => 14);

        // The pipeline reads a close in Demo and a reopen there (the time in Demo ends at the one, starts again at the other);
        // 45 days from Demo to won, 30 of them lost: a 15-day cycle.
        Assert.Equal(
            [(StageEntryKind.Entry, Entered), (StageEntryKind.CloseInStage, Lost), (StageEntryKind.ReopenInStage, Reopened), (StageEntryKind.CloseElsewhere, Won)],
            data.History.Where(h => h.DealId == deal.Id.Value).OrderBy(h => h.EnteredAt).Select(h => (h.Kind, h.EnteredAt)));
        Assert.Equal(15.0, Assert.Single(report.Cycles, c => c.DealId == deal.Id.Value).Days, 9);
    }

    [DatabaseFact]
    public async Task ImportDeals_ReopenFileWithTheStagesFirstDate_ReopenedNowNotBeforeTheClose()
    {
        var team = await Db.CreateTeamAsync();
        var id = $"S{team.Tag}";
        await ImportAsync($"{id},Globex,,,,{team.RepEmail},{team.TeamName},demo,{Entered:yyyy-MM-dd},,,,lost,price,{Lost:yyyy-MM-dd}\n");

        // A CRM's export keeps the date the deal first entered Demo: that is no reopen date.
        await ImportAsync($"{id},Globex,,,,{team.RepEmail},{team.TeamName},demo,{Entered:yyyy-MM-dd},,,,open,,\n", allowReopen: true);

        var now = Db.Time.GetUtcNow();
        var (deal, history) = await ReadAsync(id);
        Assert.Equal((DealStatus.Open, now), (deal.Status, deal.StageEnteredAt));
        Assert.Equal([StageChangeKind.Entered, StageChangeKind.Closed, StageChangeKind.Reopened], history.Select(h => h.Kind));
        Assert.Equal(now, history[^1].EnteredAt);
    }
}
