using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Data.Tests.Infrastructure;

namespace SalesCoachBot.Data.Tests;

public sealed class SqliteNextStepHistory52Tests(SqliteDatabaseFixture fixture)
    : NextStepHistory52Tests(() => fixture.Database), IClassFixture<SqliteDatabaseFixture>;

public sealed class PostgresNextStepHistory52Tests(PostgresDatabaseFixture fixture)
    : NextStepHistory52Tests(() => fixture.Database), IClassFixture<PostgresDatabaseFixture>;

/// <summary>
/// Issue journal52 (audit51 item 11): a next step set, changed and finished shows in the deal's history with who, when, its
/// words and day; before, the deal row kept only the current step and the history showed none.
/// </summary>
public abstract class NextStepHistory52Tests(Func<TestDatabase> database)
{
    private TestDatabase Db => database();

    private async Task ChangeAsync(DealId deal, NextStepChange change)
    {
        await using var scope = Db.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IDealStore>().ChangeDealAsync(
            deal, _ => new DealChangePlan<string>("changed") { NextStep = change, ActivityAt = change.SetAt }, CancellationToken.None);
    }

    private async Task<IReadOnlyList<TimelineEntry>> TimelineAsync(DealId deal)
    {
        await using var scope = Db.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IDealJournal>().TimelineAsync(deal, CancellationToken.None);
    }

    [DatabaseFact]
    public async Task Timeline_StepSetChangedAndDone_ShowsEachWithWhoWhenWordsAndDay()
    {
        var team = await Db.CreateTeamAsync();
        var deal = await Db.CreateDealAsync(team, "demo");
        var now = Db.Time.GetUtcNow();
        var friday = now.AddDays(4);

        await ChangeAsync(deal.Id, new NextStepChange("send ROI case", friday, now.AddHours(-3)) { ByPersonId = team.RepId });
        await ChangeAsync(deal.Id, new NextStepChange("call the CFO", null, now.AddHours(-2)) { ByPersonId = team.OtherId });
        await ChangeAsync(deal.Id, NextStepChange.Finished(team.RepId, now.AddHours(-1)));

        var steps = (await TimelineAsync(deal.Id)).Where(e => e.Kind is TimelineEntryKind.NextStepSet or TimelineEntryKind.NextStepChanged or TimelineEntryKind.NextStepDone).ToList();
        Assert.Equal(
            [
                (TimelineEntryKind.NextStepDone, now.AddHours(-1), (string?)"call the CFO", (DateTimeOffset?)null),
                (TimelineEntryKind.NextStepChanged, now.AddHours(-2), "call the CFO", null),
                (TimelineEntryKind.NextStepSet, now.AddHours(-3), "send ROI case", friday),
            ],
            steps.Select(e => (e.Kind, e.At, e.Text, e.Due)));
        Assert.NotNull(steps[0].PersonName);
        Assert.NotEqual(steps[0].PersonName, steps[1].PersonName);

        // Done clears the step: "what's due" and "my deals" read the deal row.
        await using var db = Db.NewContext();
        var row = await db.Deals.AsNoTracking().SingleAsync(d => d.Id == deal.Id);
        Assert.Equal((null, null, null), (row.NextStep, row.NextStepAt, row.NextStepSetAt));
    }
}

public sealed class SqliteNextStepEventsUpgrade52Tests() : NextStepEventsUpgrade52Tests(DatabaseProvider.Sqlite);

public sealed class PostgresNextStepEventsUpgrade52Tests() : NextStepEventsUpgrade52Tests(DatabaseProvider.Postgres);

/// <summary>Migration <c>NextStepEvents</c> on a database with next steps, notes and activities stored before: kept as they were.</summary>
public abstract class NextStepEventsUpgrade52Tests(DatabaseProvider provider)
{
    [DatabaseFact]
    public async Task Upgrade_StepsNotesAndActivitiesStoredBefore_KeepTheirRows()
    {
        await using var database = await TestDatabase.CreateAsync(provider, upToMigration: "StageHistoryOutcome");
        var team = await database.CreateTeamAsync();
        var deal = await database.CreateDealAsync(team, "demo");
        await using (var before = database.NewContext())
        {
            await before.Database.ExecuteSqlAsync($"UPDATE deals SET next_step = 'send ROI case', next_step_at = stage_entered_at, next_step_set_at = stage_entered_at WHERE id = {deal.Id.Value}");
            await before.Database.ExecuteSqlAsync($"""
                INSERT INTO deal_notes (deal_id, person_id, at, text) SELECT id, owner_id, stage_entered_at, 'CFO on leave' FROM deals WHERE id = {deal.Id.Value}
                """);
            await before.Database.ExecuteSqlAsync($"""
                INSERT INTO deal_activities (deal_id, kind, person_id, occurred_at, recorded_at, text)
                SELECT id, 'Call', owner_id, stage_entered_at, stage_entered_at, 'pricing' FROM deals WHERE id = {deal.Id.Value}
                """);
        }

        await database.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);

        await using (var db = database.NewContext())
        {
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            var row = await db.Deals.AsNoTracking().SingleAsync(d => d.Id == deal.Id);
            Assert.Equal("send ROI case", row.NextStep);
            Assert.NotNull(row.NextStepAt);
            Assert.Equal("CFO on leave", (await db.Notes.AsNoTracking().SingleAsync(n => n.DealId == deal.Id)).Text);
            Assert.Equal("pricing", (await db.Activities.AsNoTracking().SingleAsync(a => a.DealId == deal.Id)).Text);
            Assert.Empty(await db.NextStepEvents.AsNoTracking().Where(e => e.DealId == deal.Id).ToListAsync());
        }

        // The step set before the migration is the one a "done" now finishes and records.
        await using var scope = database.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IDealStore>().ChangeDealAsync(
            deal.Id, _ => new DealChangePlan<string>("done") { NextStep = NextStepChange.Finished(team.RepId, database.Time.GetUtcNow()) }, CancellationToken.None);
        var timeline = await scope.ServiceProvider.GetRequiredService<IDealJournal>().TimelineAsync(deal.Id, CancellationToken.None);
        var done = Assert.Single(timeline, e => e.Kind == TimelineEntryKind.NextStepDone);
        Assert.Equal("send ROI case", done.Text);
        Assert.Contains(timeline, e => e.Kind == TimelineEntryKind.Note);
        Assert.Contains(timeline, e => e.Kind == TimelineEntryKind.Activity);
    }
}

public sealed class SqliteActivityDayOnlyUpgrade52Tests() : ActivityDayOnlyUpgrade52Tests(DatabaseProvider.Sqlite);

public sealed class PostgresActivityDayOnlyUpgrade52Tests() : ActivityDayOnlyUpgrade52Tests(DatabaseProvider.Postgres);

/// <summary>
/// Migration <c>ActivityDayOnly</c> (audit51 item 10): activities stored before keep their time and read as timed; a call
/// logged after it with a day and no time is stored and read back day-only.
/// </summary>
public abstract class ActivityDayOnlyUpgrade52Tests(DatabaseProvider provider)
{
    [DatabaseFact]
    public async Task Upgrade_ActivitiesStoredBefore_KeepTheirTime_NewDayOnlyReadsBack()
    {
        await using var database = await TestDatabase.CreateAsync(provider, upToMigration: "NextStepEvents");
        var team = await database.CreateTeamAsync();
        var deal = await database.CreateDealAsync(team, "demo");
        await using (var before = database.NewContext())
        {
            await before.Database.ExecuteSqlAsync($"""
                INSERT INTO deal_activities (deal_id, kind, person_id, occurred_at, recorded_at, text)
                SELECT id, 'Call', owner_id, stage_entered_at, stage_entered_at, 'pricing' FROM deals WHERE id = {deal.Id.Value}
                """);
        }

        await database.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);

        var now = database.Time.GetUtcNow();
        var yesterday = new DateTimeOffset(now.UtcDateTime.Date.AddDays(-1), TimeSpan.Zero);
        await using (var scope = database.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IDealStore>().ChangeDealAsync(
                deal.Id,
                _ => new DealChangePlan<string>("logged") { LogActivity = new NewActivity(team.RepId, ActivityKind.Call, yesterday, now, null) { DayOnly = true } },
                CancellationToken.None);
        }

        await using var db = database.NewContext();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        var rows = await db.Activities.AsNoTracking().Where(a => a.DealId == deal.Id).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal([("pricing", deal.StageEnteredAt, false), (null, yesterday, true)], rows.Select(a => (a.Text, a.OccurredAt, a.DayOnly)));

        await using var read = database.Services.CreateAsyncScope();
        var timeline = await read.ServiceProvider.GetRequiredService<IDealJournal>().TimelineAsync(deal.Id, CancellationToken.None);
        Assert.Equal([false, true], timeline.Where(e => e.Kind == TimelineEntryKind.Activity).OrderBy(e => e.Text is null).Select(e => e.DayOnly));
    }
}
