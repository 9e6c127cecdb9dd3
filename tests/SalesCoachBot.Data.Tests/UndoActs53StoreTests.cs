using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Understanding;
using SalesCoachBot.Data.Tests.Infrastructure;

namespace SalesCoachBot.Data.Tests;

public sealed class SqliteUndoActs53StoreTests(SqliteDatabaseFixture fixture) : UndoActs53StoreTests(() => fixture.Database), IClassFixture<SqliteDatabaseFixture>;

public sealed class PostgresUndoActs53StoreTests(PostgresDatabaseFixture fixture) : UndoActs53StoreTests(() => fixture.Database), IClassFixture<PostgresDatabaseFixture>;

/// <summary>
/// journal53: "undo that" reaches next step changes, notes and logged activities. <see cref="IDealJournal.FindLatestActAsync"/>
/// finds the one in force; a withdrawal keeps the row; two racing undos of one act withdraw it once.
/// </summary>
public abstract class UndoActs53StoreTests(Func<TestDatabase> database)
{
    private TestDatabase Db => database();

    private async Task<string?> ChangeAsync(DealId deal, Func<DealState, DealChangePlan<string>> decide)
    {
        await using var scope = Db.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IDealStore>().ChangeDealAsync(deal, decide, CancellationToken.None);
    }

    private async Task<LatestAct?> LatestAsync(long? personId, DealId? deal, DealScope? scope, UndoableAct? kind = null)
    {
        await using var services = Db.Services.CreateAsyncScope();
        return await services.ServiceProvider.GetRequiredService<IDealJournal>()
            .FindLatestActAsync(personId, deal, scope, Db.Time.GetUtcNow().AddHours(-24), kind, activity: null, CancellationToken.None);
    }

    private Task SetStepAsync(DealId deal, long personId, string text, DateTimeOffset at) =>
        ChangeAsync(deal, _ => new DealChangePlan<string>("set") { NextStep = new NextStepChange(text, null, at) { ByPersonId = personId }, ActivityAt = at });

    [DatabaseFact]
    public async Task FindLatestAct_NewestOfNoteActivityAndStep_ThenTheOneBeforeOnceWithdrawn()
    {
        var team = await Db.CreateTeamAsync();
        var deal = await Db.CreateDealAsync(team);
        var at = Db.Time.GetUtcNow();
        var scope = new DealScope([team.TeamId], team.RepId);
        await SetStepAsync(deal.Id, team.RepId, "send the SOW", at.AddMinutes(-20));
        await ChangeAsync(deal.Id, _ => new DealChangePlan<string>("noted") { AddNote = new NewNote(team.RepId, "they want SSO", at.AddMinutes(-10)) });
        await ChangeAsync(deal.Id, _ => new DealChangePlan<string>("logged") { LogActivity = new NewActivity(team.RepId, ActivityKind.Call, at.AddDays(-1), at.AddMinutes(-5), "pricing") });

        var activity = await LatestAsync(team.RepId, null, scope);
        Assert.Equal((UndoableAct.Activity, ActivityKind.Call, "pricing"), (activity!.Kind, activity.Activity, activity.Text));
        Assert.Equal("withdrawn", await ChangeAsync(deal.Id, _ => new DealChangePlan<string>("withdrawn") { WithdrawActivity = activity.Id, WithdrawnBy = team.RepId, ActivityAt = at }));

        var note = await LatestAsync(team.RepId, null, scope);
        Assert.Equal((UndoableAct.Note, "they want SSO"), (note!.Kind, note.Text));
        await ChangeAsync(deal.Id, _ => new DealChangePlan<string>("withdrawn") { WithdrawNote = note.Id, WithdrawnBy = team.RepId, ActivityAt = at });

        var step = await LatestAsync(team.RepId, null, scope);
        Assert.Equal((UndoableAct.NextStep, NextStepEventKind.Set, "send the SOW"), (step!.Kind, step.StepChange, step.Text));
        Assert.Null(await LatestAsync(team.OtherId, null, scope));
        Assert.Null(await LatestAsync(team.RepId, null, new DealScope([], team.OtherId)));
        Assert.Null(await LatestAsync(null, deal.Id, null, UndoableAct.Note));

        await using var db = Db.NewContext();
        var rows = await db.Notes.AsNoTracking().Where(n => n.DealId == deal.Id).ToListAsync();
        Assert.Equal(("they want SSO", (long?)team.RepId), (Assert.Single(rows).Text, rows[0].WithdrawnByPersonId));
        Assert.NotNull(rows[0].WithdrawnAt);
        await using var read = Db.Services.CreateAsyncScope();
        var journal = read.ServiceProvider.GetRequiredService<IDealJournal>();
        Assert.Empty(await journal.RecentNotesAsync(deal.Id, 5, CancellationToken.None));
        var timeline = await journal.TimelineAsync(deal.Id, CancellationToken.None);
        Assert.Contains(timeline, e => e.Kind == TimelineEntryKind.NoteWithdrawn && e.Text == "they want SSO");
        Assert.Contains(timeline, e => e.Kind == TimelineEntryKind.ActivityWithdrawn && e.Text == "pricing");
    }

    [DatabaseFact]
    public async Task UndoStep_PutsThePreviousBack_RecordsAnUndo_AndTheStepBeforeStandsAgain()
    {
        var team = await Db.CreateTeamAsync();
        var deal = await Db.CreateDealAsync(team);
        var at = Db.Time.GetUtcNow();
        await SetStepAsync(deal.Id, team.RepId, "send the SOW", at.AddMinutes(-20));
        await SetStepAsync(deal.Id, team.RepId, "call the CFO", at.AddMinutes(-10));
        var changed = await LatestAsync(team.RepId, deal.Id, null, UndoableAct.NextStep);
        Assert.Equal((NextStepEventKind.Changed, "call the CFO", "send the SOW"), (changed!.StepChange, changed.Text, changed.PreviousText));

        await ChangeAsync(deal.Id, _ => new DealChangePlan<string>("undone")
        {
            NextStep = new NextStepChange("send the SOW", null, at) { ByPersonId = team.RepId, Undoes = changed.Id },
            IfAlreadyWithdrawn = "already",
        });

        var standing = await LatestAsync(team.RepId, deal.Id, null, UndoableAct.NextStep);
        Assert.Equal((NextStepEventKind.Set, "send the SOW"), (standing!.StepChange, standing.Text));
        await using var db = Db.NewContext();
        Assert.Equal("send the SOW", (await db.Deals.AsNoTracking().SingleAsync(d => d.Id == deal.Id)).NextStep);
        var undo = await db.NextStepEvents.AsNoTracking().SingleAsync(e => e.DealId == deal.Id && e.Kind == NextStepEventKind.Undone);
        Assert.Equal(("send the SOW", "call the CFO"), (undo.Text, undo.PreviousText));
    }

    [DatabaseFact]
    public async Task TwoUndosOfOneNote_AtOnce_WithdrawItOnce_TheOtherIsToldItWasUndoneAlready()
    {
        var team = await Db.CreateTeamAsync();
        var deal = await Db.CreateDealAsync(team);
        var at = Db.Time.GetUtcNow();
        await ChangeAsync(deal.Id, _ => new DealChangePlan<string>("noted") { AddNote = new NewNote(team.RepId, "they want SSO", at) });
        var note = (await LatestAsync(team.RepId, null, null))!;

        for (var round = 0; round < 3; round++)
        {
            var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => ChangeAsync(deal.Id, state =>
                new DealChangePlan<string>("withdrawn") { WithdrawNote = note.Id, WithdrawnBy = team.RepId, ActivityAt = at, IfAlreadyWithdrawn = "already" }))));
            Assert.Equal(round == 0 ? 1 : 0, results.Count(r => r == "withdrawn"));
        }

        await using var db = Db.NewContext();
        Assert.Equal(at, (await db.Notes.AsNoTracking().SingleAsync(n => n.DealId == deal.Id)).WithdrawnAt);
    }

    [DatabaseFact]
    public async Task TwoUndosOfOneStep_AtOnce_WriteOneUndo()
    {
        var team = await Db.CreateTeamAsync();
        var deal = await Db.CreateDealAsync(team);
        var at = Db.Time.GetUtcNow();
        await SetStepAsync(deal.Id, team.RepId, "call the CFO", at.AddMinutes(-1));
        var set = (await LatestAsync(team.RepId, deal.Id, null))!;

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => ChangeAsync(deal.Id, _ =>
            new DealChangePlan<string>("undone")
            {
                NextStep = new NextStepChange(null, null, at) { ByPersonId = team.RepId, Undoes = set.Id },
                IfAlreadyWithdrawn = "already",
            }))));

        Assert.Equal(1, results.Count(r => r == "undone"));
        await using var db = Db.NewContext();
        Assert.Equal(1, await db.NextStepEvents.CountAsync(e => e.DealId == deal.Id && e.Kind == NextStepEventKind.Undone));
    }
}

public sealed class SqliteUndoActsUpgrade53Tests() : UndoActsUpgrade53Tests(DatabaseProvider.Sqlite);

public sealed class PostgresUndoActsUpgrade53Tests() : UndoActsUpgrade53Tests(DatabaseProvider.Postgres);

/// <summary>Migration <c>UndoStepsNotesActivities</c>: notes, activities and step changes stored before it stay, in force.</summary>
public abstract class UndoActsUpgrade53Tests(DatabaseProvider provider)
{
    [DatabaseFact]
    public async Task Upgrade_RowsStoredBefore_StayInForce_AndAnOldChangeHasNoKnownPreviousStep()
    {
        await using var database = await TestDatabase.CreateAsync(provider, upToMigration: "ActivityDayOnly");
        var team = await database.CreateTeamAsync();
        var deal = await database.CreateDealAsync(team, "demo");
        await using (var before = database.NewContext())
        {
            await before.Database.ExecuteSqlAsync($"""
                INSERT INTO deal_notes (deal_id, person_id, at, text)
                SELECT id, owner_id, stage_entered_at, 'they want SSO' FROM deals WHERE id = {deal.Id.Value}
                """);
            await before.Database.ExecuteSqlAsync($"""
                INSERT INTO next_step_events (deal_id, kind, person_id, at, text)
                SELECT id, 'Changed', owner_id, stage_entered_at, 'call the CFO' FROM deals WHERE id = {deal.Id.Value}
                """);
        }

        await database.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);

        await using var db = database.NewContext();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Null((await db.Notes.AsNoTracking().SingleAsync(n => n.DealId == deal.Id)).WithdrawnAt);
        await using var scope = database.Services.CreateAsyncScope();
        var journal = scope.ServiceProvider.GetRequiredService<IDealJournal>();
        Assert.Single(await journal.RecentNotesAsync(deal.Id, 5, CancellationToken.None));
        var step = await journal.FindLatestActAsync(team.RepId, deal.Id, null, deal.StageEnteredAt.AddHours(-1), UndoableAct.NextStep, activity: null, CancellationToken.None);
        Assert.Equal((NextStepEventKind.Changed, (string?)null, (DateTimeOffset?)null), (step!.StepChange, step.PreviousText, step.PreviousDue));
    }
}
