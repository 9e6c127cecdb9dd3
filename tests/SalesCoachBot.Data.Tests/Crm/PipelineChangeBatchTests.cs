using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesCoachBot.Core.Crm;
using SalesCoachBot.Data.Imports;
using SalesCoachBot.Data.Tests.Infrastructure;

namespace SalesCoachBot.Data.Tests.Crm;

/// <summary>
/// SQLite's change-log batch (migration <c>PipelineChangeBatch</c>, ADR 0036): a CRM page's new deals are stamped once
/// each, their imported history does not stamp them again, the batch leaves nothing behind, and a later write of
/// history outside a batch stamps its deal as before. The CSV importers use the same batch: a deals file stamps each
/// deal once with its first history row, and a history file stamps each deal once however many rows it brings.
/// </summary>
public sealed class PipelineChangeBatchTests(SqliteDatabaseFixture fixture) : IClassFixture<SqliteDatabaseFixture>
{
    private static readonly DateTimeOffset T0 = new(2025, 1, 6, 9, 0, 0, TimeSpan.Zero);

    private TestDatabase Db => fixture.Database;

    [Fact]
    public async Task CrmPage_NewDealsWithHistory_EachDealStampedOnce_LaterHistoryStampsAgain()
    {
        var team = await Db.CreateTeamAsync();
        var context = new CrmApplyContext(
            "batch-" + team.Tag, "HubSpot", CrmSyncStoreTests.Map, new CrmStageMap(CrmSyncStoreTests.Map),
            new Dictionary<string, CrmOwner>(StringComparer.Ordinal) { ["o"] = new("o", team.RepEmail, "Rep") },
            Db.Time.GetUtcNow());
        var records = Enumerable.Range(1, 4).Select(i => new CrmDealRecord(
            $"{team.Tag}-{i}", $"Deal {i}", 1000m, "eur", "default", "closedwon", "o", null, T0.AddDays(i))
        {
            CreatedAt = T0,
            StageChangedAt = T0.AddDays(3),
            StageHistory = [new("appointmentscheduled", T0), new("presentationscheduled", T0.AddDays(1)), new("closedwon", T0.AddDays(3))],
        }).ToList();
        var before = await MaxSeqAsync();

        var result = await Db.Services.GetRequiredService<ICrmSyncStore>().ApplyPageAsync(records, context, T0.AddDays(9), CancellationToken.None);

        Assert.Equal(4, result.Added);
        await using var db = Db.NewContext();
        var ids = await db.Deals.AsNoTracking().Where(d => d.TeamId == team.TeamId).Select(d => d.Id).ToListAsync();
        Assert.Equal(12, await db.StageHistory.AsNoTracking().CountAsync(h => ids.Contains(h.DealId)));
        // Four deals, four numbers: without the batch each history row would have raised its deal's number again (16).
        Assert.Equal(before + 4, await MaxSeqAsync());
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM pipeline_change_batch"));

        // Outside a batch, history stamps its deal as it always did: a reader's stamp from before sees the change.
        var first = ids[0];
        await ScalarAsync($"INSERT INTO stage_history (deal_id, stage_id, entered_at, kind, reason, map_version) SELECT {first.Value}, 'demo', 1, 'Entered', 'test', 1");
        Assert.Equal(before + 5, await ScalarAsync($"SELECT seq FROM pipeline_deal_changes WHERE deal_id = {first.Value}"));
    }

    [Fact]
    public async Task CsvImports_EachDealStampedOncePerFile_BatchLeftEmpty()
    {
        var team = await Db.CreateTeamAsync();
        var ids = Enumerable.Range(1, 4).Select(i => $"B{team.Tag}-{i}").ToList();
        var before = await MaxSeqAsync();

        var deals = await ImportAsync(ImportKind.Deals, "external_id,name,owner_email,team,stage,stage_entered_at\n"
            + string.Concat(ids.Select(id => $"{id},Deal {id},{team.RepEmail},{team.TeamName},contract-signed,2025-03-01\n")));

        Assert.Equal(4, deals.Added);
        // Four new deals, each with its "entered" row: four numbers, not eight.
        Assert.Equal(before + 4, await MaxSeqAsync());

        var history = await ImportAsync(ImportKind.History, "external_id,stage,entered_at\n"
            + string.Concat(ids.Select(id => $"{id},discovery,2025-01-05\n{id},demo,2025-01-20\n{id},discovery,2025-02-01\n")));

        Assert.Equal(12, history.Added);
        // Twelve rows of four deals: each deal's number is raised once, by its first row (twelve without the batch).
        Assert.Equal(before + 8, await MaxSeqAsync());
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM pipeline_change_batch"));
    }

    private async Task<ImportResult> ImportAsync(ImportKind kind, string csv)
    {
        var path = Path.Combine(Path.GetTempPath(), $"scb-batch-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(path, csv, Encoding.UTF8);
        try
        {
            await using var scope = Db.Services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<CsvImportService>().ImportAsync(kind, path, null, CancellationToken.None);
            Assert.True(result.IsClean, string.Join("\n", result.Rejections));
            return result;
        }
        finally
        {
            File.Delete(path);
        }
    }

    private Task<long> MaxSeqAsync() => ScalarAsync("SELECT coalesce(max(seq), 0) FROM pipeline_deal_changes");

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection(Db.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync() is long value ? value : 0;
    }
}
