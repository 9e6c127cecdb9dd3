using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Pipeline;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Data.Imports;
using SalesCoachBot.Data.Tests.Infrastructure;

namespace SalesCoachBot.Data.Tests.Imports;

public sealed class SqliteImportWinBeforeTheWonStage57Tests(SqliteDatabaseFixture fixture)
    : ImportWinBeforeTheWonStage57Tests(() => fixture.Database), IClassFixture<SqliteDatabaseFixture>;

public sealed class PostgresImportWinBeforeTheWonStage57Tests(PostgresDatabaseFixture fixture)
    : ImportWinBeforeTheWonStage57Tests(() => fixture.Database), IClassFixture<PostgresDatabaseFixture>;

/// <summary>
/// Issue won57: `import deals` with a won status for a deal in Demo (before the map's won stage, Contract signed) left it
/// won in Demo with no entry into Contract signed, where "mark DEAL won" in chat moves it there: the conversion from
/// Demo counted it as never converted, and the deal stood in Demo on the map. It is now moved into the won stage, entered
/// when it was won, the row's outcome won; a deal stored so by an earlier import is moved when a file next names it.
/// </summary>
public abstract class ImportWinBeforeTheWonStage57Tests(Func<TestDatabase> database) : IDisposable
{
    private const string Header =
        "external_id,name,account,amount,currency,owner_email,team,stage,stage_entered_at,next_step,next_step_at,created_at,status,lost_reason,closed_at\n";

    private static readonly DateTimeOffset Entered = new(2025, 1, 10, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Won = new(2025, 1, 24, 0, 0, 0, TimeSpan.Zero);

    private readonly string _dir = Directory.CreateTempSubdirectory("scb-import-won-").FullName;

    private TestDatabase Db => database();

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        GC.SuppressFinalize(this);
    }

    private async Task<ImportResult> ImportAsync(string csv)
    {
        var path = Path.Combine(_dir, $"{Guid.NewGuid():N}.csv");
        await File.WriteAllBytesAsync(path, Encoding.UTF8.GetBytes(Header + csv));
        await using var scope = Db.Services.CreateAsyncScope();
        var importer = scope.ServiceProvider.GetRequiredService<CsvImportService>();
        var result = await importer.ImportAsync(ImportKind.Deals, path, new ImportOptions(), null, CancellationToken.None);
        Assert.True(result.IsClean && result.Warnings.Count == 0, string.Join("\n", result.Rejections.Select(r => r.ToString()).Concat(result.Warnings.Select(w => w.ToString()))));
        return result;
    }

    private async Task<(Deal Deal, List<StageHistoryEntry> History)> ReadAsync(string externalId)
    {
        await using var db = Db.NewContext();
        var deal = await db.Deals.AsNoTracking().SingleAsync(d => d.ExternalId == externalId);
        var history = await db.StageHistory.AsNoTracking().Where(h => h.DealId == deal.Id).OrderBy(h => h.EnteredAt).ThenBy(h => h.Id).ToListAsync();
        return (deal, history);
    }

    private async Task<PipelineReport> ReportAsync(TestTeam team)
    {
        await using var services = Db.Services.CreateAsyncScope();
        var store = services.ServiceProvider.GetRequiredService<IPipelineStore>();
        var now = Db.Time.GetUtcNow();
        var data = await store.LoadAsync(new PipelineScope([team.TeamId], null), Entered.AddYears(-1), now, CancellationToken.None);
        return PipelineReport.Build(ProcessMapLoader.Default, data, (int)Math.Ceiling((now - Entered).TotalDays) + 1, now, _ => 14);
    }

    [DatabaseFact]
    public async Task ImportDeals_NewDealWonInDemo_EntersTheWonStageAsAChatWinDoes()
    {
        var team = await Db.CreateTeamAsync();
        var id = $"W{team.Tag}";
        var line = $"{id},Initech,,50000,EUR,{team.RepEmail},{team.TeamName},demo,{Entered:yyyy-MM-dd},,,,won,,{Won:yyyy-MM-dd}\n";
        await ImportAsync(line);

        var (deal, history) = await ReadAsync(id);
        Assert.Equal(("contract-signed", DealStatus.Won, Won, (DateTimeOffset?)Won), (deal.StageId.Value, deal.Status, deal.StageEnteredAt, deal.ClosedAt));
        Assert.Equal(
            [("demo", StageChangeKind.Entered, Entered, (DealStatus?)DealStatus.Open), ("contract-signed", StageChangeKind.Imported, Won, DealStatus.Won)],
            history.Select(h => (h.StageId.Value, h.Kind, h.EnteredAt, h.Outcome)));

        // Demo converted (it was "1 entered, 0 converted"), one win, a 14-day cycle to the win.
        var report = await ReportAsync(team);
        var demo = report.Conversions.Single(c => c.From.Id.Value == "demo");
        Assert.Equal((1, 1), (demo.Entered, demo.Converted));
        Assert.Equal(1, report.WinLoss.Won);
        Assert.Equal((Won, 14.0), (Assert.Single(report.Cycles).WonAt, Assert.Single(report.Cycles).Days));

        // The same file again (the CRM still says Demo): nothing changes, no "earlier on the map" warning.
        var again = await ImportAsync(line);
        Assert.Equal((0, 0), (again.Added, again.Updated));
        Assert.Equal(history.Count, (await ReadAsync(id)).History.Count);
    }

    [DatabaseFact]
    public async Task ImportDeals_OpenDealInDemoWonByALaterFile_EntersTheWonStageWhenWon()
    {
        var team = await Db.CreateTeamAsync();
        var id = $"X{team.Tag}";
        await ImportAsync($"{id},Globex,,,,{team.RepEmail},{team.TeamName},demo,{Entered:yyyy-MM-dd},,,,,,\n");
        await ImportAsync($"{id},Globex,,,,{team.RepEmail},{team.TeamName},demo,{Entered:yyyy-MM-dd},,,,won,,{Won:yyyy-MM-dd}\n");

        var (deal, history) = await ReadAsync(id);
        Assert.Equal(("contract-signed", DealStatus.Won, Won), (deal.StageId.Value, deal.Status, deal.StageEnteredAt));
        Assert.Equal(
            [("demo", StageChangeKind.Entered, Entered), ("contract-signed", StageChangeKind.Imported, Won)],
            history.Select(h => (h.StageId.Value, h.Kind, h.EnteredAt)));
        Assert.Equal(new ImportReason(DealStatus.Won, DealStatus.Open).Stored, history[^1].Reason);
    }

    [DatabaseFact]
    public async Task ImportDeals_DealAnEarlierImportLeftWonInDemo_MovedToTheWonStageRowsKept()
    {
        var team = await Db.CreateTeamAsync();
        var id = $"Y{team.Tag}";
        await using (var db = Db.NewContext())
        {
            // What `import deals` stored before: won, in Demo, one Entered row whose outcome is won.
            var stored = new Deal
            {
                ExternalId = id,
                Name = "Hooli",
                OwnerId = team.RepId,
                TeamId = team.TeamId,
                StageId = new StageId("demo"),
                StageEnteredAt = Entered,
                CreatedAt = Entered,
                LastActivityAt = Entered,
                Status = DealStatus.Won,
                ClosedAt = Won,
            };
            db.Deals.Add(stored);
            await db.SaveChangesAsync();
            db.StageHistory.Add(new StageHistoryEntry
            {
                DealId = stored.Id,
                StageId = new StageId("demo"),
                EnteredAt = Entered,
                Kind = StageChangeKind.Entered,
                Reason = "import",
                Outcome = DealStatus.Won,
            });
            await db.SaveChangesAsync();
        }

        await ImportAsync($"{id},Hooli,,,,{team.RepEmail},{team.TeamName},demo,,,,,won,,\n");

        var (deal, history) = await ReadAsync(id);
        Assert.Equal(("contract-signed", DealStatus.Won, Won, 2), (deal.StageId.Value, deal.Status, deal.StageEnteredAt, deal.StageVersion));
        Assert.Equal(
            [("demo", StageChangeKind.Entered, Entered), ("contract-signed", StageChangeKind.Imported, Won)],
            history.Select(h => (h.StageId.Value, h.Kind, h.EnteredAt)));
    }
}
