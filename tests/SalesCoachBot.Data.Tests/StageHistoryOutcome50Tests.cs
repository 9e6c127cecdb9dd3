using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Pipeline;
using SalesCoachBot.Data.Tests.Infrastructure;

namespace SalesCoachBot.Data.Tests;

public sealed class SqliteStageHistoryOutcome50Tests(SqliteDatabaseFixture fixture)
    : StageHistoryOutcome50Tests(() => fixture.Database), IClassFixture<SqliteDatabaseFixture>;

public sealed class PostgresStageHistoryOutcome50Tests(PostgresDatabaseFixture fixture)
    : StageHistoryOutcome50Tests(() => fixture.Database), IClassFixture<PostgresDatabaseFixture>;

/// <summary>
/// Issue moves50: a chat close records its outcome in its stage-history row, so "what moved" reads last month's loss as a
/// loss after the deal was reopened and won (before, it took the deal's status now and showed a win).
/// </summary>
public abstract class StageHistoryOutcome50Tests(Func<TestDatabase> database)
{
    private TestDatabase Db => database();

    private async Task ChangeAsync(DealId deal, StageTransition transition)
    {
        await using var scope = Db.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IDealStore>().ChangeDealAsync(
            deal, _ => new DealChangePlan<string>("changed") { Transition = transition, ActivityAt = transition.At }, CancellationToken.None);
    }

    private async Task<StageChangeList> ListAsync(long team, DateTimeOffset from, DateTimeOffset to)
    {
        await using var scope = Db.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IPipelineStore>()
            .ListStageChangesAsync(new PipelineScope([team], null), from, to, 100, CancellationToken.None);
    }

    [DatabaseFact]
    public async Task Moves_ClosedInChatReopenedAndClosedOtherwise_EachMonthShowsItsOwnOutcome()
    {
        var team = await Db.CreateTeamAsync();
        var won = await Db.CreateDealAsync(team, "demo");
        var lost = await Db.CreateDealAsync(team, "demo");
        var now = Db.Time.GetUtcNow();
        var lastMonth = now.AddDays(-30);
        var thisMonth = now.AddDays(-1);

        // Last month: one lost in chat ("mark lost because price"), one into nurture ("said no").
        await ChangeAsync(won.Id, new StageTransition(new StageId("demo"), DealStatus.Lost, StageChangeKind.Closed, lastMonth, team.RepId, "price", LostReason: "price"));
        await ChangeAsync(lost.Id, new StageTransition(new StageId("demo"), DealStatus.Nurture, StageChangeKind.Closed, lastMonth, team.RepId, "Buyer said no: timing"));
        // This month: both reopened; the first won (moved to the won stage), the second lost.
        await ChangeAsync(won.Id, new StageTransition(new StageId("demo"), DealStatus.Open, StageChangeKind.Reopened, thisMonth.AddHours(-2), team.RepId, "Reopened; was lost"));
        await ChangeAsync(won.Id, new StageTransition(new StageId("contract-signed"), DealStatus.Won, StageChangeKind.Advanced, thisMonth, team.RepId, null));
        await ChangeAsync(lost.Id, new StageTransition(new StageId("demo"), DealStatus.Open, StageChangeKind.Reopened, thisMonth.AddHours(-2), team.RepId, "Reopened; was in nurture"));
        await ChangeAsync(lost.Id, new StageTransition(new StageId("demo"), DealStatus.Lost, StageChangeKind.Closed, thisMonth, team.RepId, "budget", LostReason: "budget"));

        var before = await ListAsync(team.TeamId, lastMonth.AddDays(-1), lastMonth.AddDays(1));
        var after = await ListAsync(team.TeamId, thisMonth.AddDays(-1), now);

        // Last month keeps its loss and its nurture though the deals are won and lost now; StageMovesUseCase reads Outcome first.
        Assert.Equal(
            [(won.Id, DealStatus.Won, (DealStatus?)DealStatus.Lost), (lost.Id, DealStatus.Lost, DealStatus.Nurture)],
            before.Lines.Where(l => l.Kind == StageChangeKind.Closed).Select(l => (l.Id, l.Status, l.Outcome)).OrderBy(l => l.Id.Value));
        // Newest first; the same instant, the row written later first.
        Assert.Equal(
            [
                (lost.Id, StageChangeKind.Closed, (DealStatus?)DealStatus.Lost),
                (won.Id, StageChangeKind.Advanced, DealStatus.Won),
                (lost.Id, StageChangeKind.Reopened, DealStatus.Open),
                (won.Id, StageChangeKind.Reopened, DealStatus.Open),
            ],
            after.Lines.Select(l => (l.Id, l.Kind, l.Outcome)));

        await using var db = Db.NewContext();
        var rows = await db.StageHistory.AsNoTracking().Where(h => h.DealId == won.Id).OrderBy(h => h.Id).Select(h => h.Outcome).ToListAsync();
        Assert.Equal([DealStatus.Lost, DealStatus.Open, DealStatus.Won], rows);

        await using var scope = Db.Services.CreateAsyncScope();
        var timeline = await scope.ServiceProvider.GetRequiredService<IDealJournal>().TimelineAsync(won.Id, CancellationToken.None);
        Assert.Equal(DealStatus.Lost, timeline.Single(e => e.StageChange == StageChangeKind.Closed).Outcome);
    }
}

public sealed class SqliteStageHistoryOutcomeUpgrade50Tests() : StageHistoryOutcomeUpgrade50Tests(DatabaseProvider.Sqlite);

public sealed class PostgresStageHistoryOutcomeUpgrade50Tests() : StageHistoryOutcomeUpgrade50Tests(DatabaseProvider.Postgres);

/// <summary>Migration <c>StageHistoryOutcome</c> on a database with closes stored before: kept, read as they were.</summary>
public abstract class StageHistoryOutcomeUpgrade50Tests(DatabaseProvider provider)
{
    [DatabaseFact]
    public async Task Upgrade_ClosesStoredBefore_KeepTheirRowsAndReadAsBefore()
    {
        await using var database = await TestDatabase.CreateAsync(provider, upToMigration: "StageHistoryEnteredAtIndex");
        var team = await database.CreateTeamAsync();
        var chat = await database.CreateDealAsync(team, "demo");
        var imported = await database.CreateDealAsync(team, "demo");
        await using (var before = database.NewContext())
        {
            // As the schema before the migration holds them: a chat's "said no" (the deal in nurture now), and an import's
            // loss of a deal won since (its neutral reason says lost). Times copied from the deal's, in the provider's format.
            await before.Database.ExecuteSqlAsync($"UPDATE deals SET status = 'Nurture' WHERE id = {chat.Id.Value}");
            await before.Database.ExecuteSqlAsync($"UPDATE deals SET status = 'Won', stage_id = 'contract-signed' WHERE id = {imported.Id.Value}");
            await before.Database.ExecuteSqlAsync($"""
                INSERT INTO stage_history (deal_id, stage_id, entered_at, kind, by_person_id, reason)
                SELECT id, 'demo', stage_entered_at, 'Closed', owner_id, 'Buyer said no: timing' FROM deals WHERE id = {chat.Id.Value}
                """);
            await before.Database.ExecuteSqlAsync($"""
                INSERT INTO stage_history (deal_id, stage_id, entered_at, kind, by_person_id, reason)
                SELECT id, 'demo', stage_entered_at, 'Closed', NULL, 'import:lost:open:price' FROM deals WHERE id = {imported.Id.Value}
                """);
        }

        await database.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);

        await using (var db = database.NewContext())
        {
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            var rows = await db.StageHistory.AsNoTracking().Where(h => h.DealId == chat.Id || h.DealId == imported.Id).ToListAsync();
            Assert.Equal(2, rows.Count);
            Assert.All(rows, r => Assert.Null(r.Outcome));
        }

        await using var scope = database.Services.CreateAsyncScope();
        var now = database.Time.GetUtcNow();
        var moves = await scope.ServiceProvider.GetRequiredService<IPipelineStore>()
            .ListStageChangesAsync(new PipelineScope([team.TeamId], null), now.AddDays(-7), now, 100, CancellationToken.None);
        // The chat's row records nothing: read by the deal's status now, as before; the import's by its reason.
        Assert.Equal(
            [(chat.Id, DealStatus.Nurture, (DealStatus?)null), (imported.Id, DealStatus.Won, DealStatus.Lost)],
            moves.Lines.Select(l => (l.Id, l.Status, l.Outcome)).OrderBy(l => l.Id.Value));
    }
}
