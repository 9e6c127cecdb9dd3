using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Pipeline;
using SalesCoachBot.Data.Tests.Infrastructure;

namespace SalesCoachBot.Data.Tests;

public sealed class SqliteStageHistoryIndexUpgrade49Tests() : StageHistoryIndexUpgrade49Tests(DatabaseProvider.Sqlite);

public sealed class PostgresStageHistoryIndexUpgrade49Tests() : StageHistoryIndexUpgrade49Tests(DatabaseProvider.Postgres);

/// <summary>
/// Migration <c>StageHistoryEnteredAtIndex</c> on a database with history: every row is kept, the index is there, and
/// "what moved" gives the same answer for a rep, a manager and an admin as before the migration.
/// </summary>
public abstract class StageHistoryIndexUpgrade49Tests(DatabaseProvider provider)
{
    [DatabaseFact]
    public async Task Upgrade_HistoryStoredBefore_KeptIndexedAndWhatMovedUnchanged()
    {
        await using var upgraded = await TestDatabase.CreateAsync(provider, upToMigration: "UndoAndSnoozeConversations");
        var (upgradedDeals, upgradedScopes) = await SeedAsync(upgraded);
        await upgraded.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);

        // The same rows written into a database created at today's schema: the upgrade must read exactly as it does.
        await using var fresh = await TestDatabase.CreateAsync(provider);
        var (freshDeals, freshScopes) = await SeedAsync(fresh);

        await using var db = upgraded.NewContext();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(5 * 13, await CountHistoryAsync(upgraded));
        Assert.Contains("IX_stage_history_entered_at_kind", await IndexNamesAsync(db), StringComparer.OrdinalIgnoreCase);
        var upgradedAnswers = await AnswersAsync(upgraded, upgradedDeals, upgradedScopes);
        Assert.Equal(await AnswersAsync(fresh, freshDeals, freshScopes), upgradedAnswers);
        Assert.Contains(upgradedAnswers, answer => answer.Contains("Moved", StringComparison.Ordinal));
        Assert.Contains(upgradedAnswers, answer => answer.StartsWith("rep ", StringComparison.Ordinal) && !answer.StartsWith("rep 0:", StringComparison.Ordinal));
    }

    /// <summary>
    /// Two teams, five deals and thirteen history rows each (entries, imports, advances, map changes, moves and closes,
    /// in and out of the month), written as SQL with the columns both schemas have (the model now has
    /// stage_history.outcome, migration StageHistoryOutcome, which the older schema lacks).
    /// </summary>
    private async Task<(List<Deal> Deals, (string Who, PipelineScope Scope)[] Scopes)> SeedAsync(TestDatabase database)
    {
        var now = database.Time.GetUtcNow();
        var a = await database.CreateTeamAsync();
        var b = await database.CreateTeamAsync();
        var deals = new List<Deal>();
        foreach (var team in new[] { a, a, a, b, b })
        {
            deals.Add(await database.CreateDealAsync(team, daysInStage: 40));
        }

        await using var context = database.NewContext();
        var kinds = new[] { StageChangeKind.Imported, StageChangeKind.Advanced, StageChangeKind.MapChange, StageChangeKind.Moved, StageChangeKind.Closed };
        object Time(DateTimeOffset at) => provider == DatabaseProvider.Sqlite ? at.UtcTicks : at;
        foreach (var (deal, d) in deals.Select((deal, d) => (deal, d)))
        {
            await context.Database.ExecuteSqlAsync($"INSERT INTO stage_history (deal_id, stage_id, entered_at, kind) VALUES ({deal.Id.Value}, 'discovery', {Time(now.AddDays(-40))}, 'Entered')");
            for (var i = 0; i < 12; i++)
            {
                var stage = i % 2 == 0 ? "demo" : "discovery";
                var kind = kinds[(i + d) % kinds.Length].ToString();
                await context.Database.ExecuteSqlAsync($"""
                    INSERT INTO stage_history (deal_id, stage_id, entered_at, kind, by_person_id)
                    VALUES ({deal.Id.Value}, {stage}, {Time(now.AddDays(-35 + (3 * i) + d).AddHours(i))}, {kind}, {deal.OwnerId})
                    """);
            }
        }

        return (deals, [
            ("rep", new PipelineScope([a.TeamId], a.RepId)),
            ("manager", new PipelineScope([a.TeamId], null)),
            ("admin", new PipelineScope(null, null)),
        ]);
    }

    /// <summary>
    /// "what moved" for every scope and period, as text: the total, then each line, with deals named by their place in
    /// <paramref name="deals"/> and times relative to the database's clock, so two databases with the same rows compare.
    /// </summary>
    private static async Task<List<string>> AnswersAsync(TestDatabase database, List<Deal> deals, (string Who, PipelineScope Scope)[] scopes)
    {
        var now = database.Time.GetUtcNow();
        var periods = new[] { (From: now.AddDays(-30), To: now), (From: now.AddDays(-7), To: now), (From: now.AddDays(-400), To: now) };
        var answers = new List<string>();
        foreach (var (who, scope) in scopes)
        {
            foreach (var (from, to) in periods)
            {
                await using var services = database.Services.CreateAsyncScope();
                var changes = await services.ServiceProvider.GetRequiredService<IPipelineStore>().ListStageChangesAsync(scope, from, to, 25, CancellationToken.None);
                answers.Add($"{who} {changes.Total}: " + string.Join("; ", changes.Lines.Select(l => $"{deals.FindIndex(deal => deal.Id == l.Id)} {l.PreviousStageId}>{l.StageId} {l.Kind} {(l.EnteredAt - now).Ticks}")));
            }
        }

        return answers;
    }

    private static async Task<int> CountHistoryAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        return await db.StageHistory.CountAsync();
    }

    private async Task<List<string>> IndexNamesAsync(SalesCoachDbContext db)
    {
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = provider == DatabaseProvider.Sqlite
            ? "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'stage_history'"
            : "SELECT indexname FROM pg_indexes WHERE tablename = 'stage_history'";
        var names = new List<string>();
        await using DbDataReader reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}
