using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesCoachBot.Core.Crm;
using SalesCoachBot.Data.Tests.Infrastructure;

namespace SalesCoachBot.Data.Tests.Crm;

/// <summary>
/// SQLite's change-log batch (migration <c>PipelineChangeBatch</c>, ADR 0036): a CRM page's new deals are stamped once
/// each, their imported history does not stamp them again, the batch leaves nothing behind, and a later write of
/// history outside a batch stamps its deal as before.
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
