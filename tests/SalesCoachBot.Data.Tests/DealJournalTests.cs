using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Data.Tests.Infrastructure;

namespace SalesCoachBot.Data.Tests;

public sealed class SqliteDealJournalTests(SqliteDatabaseFixture fixture) : DealJournalTests(() => fixture.Database), IClassFixture<SqliteDatabaseFixture>;

public sealed class PostgresDealJournalTests(PostgresDatabaseFixture fixture) : DealJournalTests(() => fixture.Database), IClassFixture<PostgresDatabaseFixture>;

/// <summary>Notes, activities and the conversation they came from, on SQLite and PostgreSQL: retries racing, the journal's reads.</summary>
public abstract class DealJournalTests(Func<TestDatabase> database)
{
    private static readonly ConversationKey Channel = ConversationKey.Slack("T1", "C42");

    private TestDatabase Db => database();

    private async Task<string?> ChangeInOwnScopeAsync(DealId id, Func<DealState, DealChangePlan<string>> plan)
    {
        await using var scope = Db.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IDealStore>().ChangeDealAsync(id, plan, CancellationToken.None);
    }

    [DatabaseFact]
    public async Task ChangeDeal_RacingRetriesOfOneNoteAndOneCall_EachStoredOnceWithTheirConversation()
    {
        var team = await Db.CreateTeamAsync();
        var deal = await Db.CreateDealAsync(team);
        var at = Db.Time.GetUtcNow();

        // 12 parallel deliveries of the same two turns, each with its own scope and DbContext.
        using var start = new ManualResetEventSlim(false);
        var tasks = Enumerable.Range(0, 12).Select(i => Task.Run(async () =>
        {
            start.Wait();
            return await ChangeInOwnScopeAsync(deal.Id, _ => new DealChangePlan<string>("ok")
            {
                AddNote = i % 2 == 0 ? new NewNote(team.RepId, "CFO wants an ROI case by Q1", at.AddSeconds(i)) : null,
                LogActivity = i % 2 == 1 ? new NewActivity(team.RepId, ActivityKind.Call, at, at.AddSeconds(i), "pricing") : null,
                ActivityAt = at,
                Source = new ChangeSource(Channel, 7),
            });
        })).ToList();
        start.Set();
        await Task.WhenAll(tasks);

        await using var db = Db.NewContext();
        var note = await db.Notes.AsNoTracking().SingleAsync(n => n.DealId == deal.Id);
        var call = await db.Activities.AsNoTracking().SingleAsync(a => a.DealId == deal.Id);
        Assert.Equal((Channel, team.RepId), (note.Conversation!.Value, note.PersonId!.Value));
        Assert.Equal((ActivityKind.Call, "pricing", Channel), (call.Kind, call.Text, call.Conversation!.Value));
        Assert.Equal(at, (await db.Deals.AsNoTracking().SingleAsync(d => d.Id == deal.Id)).LastActivityAt);
    }

    [DatabaseFact]
    public async Task Journal_RecentNotesAndTimeline_NewestFirstWithNamesChatAndMapVersion()
    {
        var team = await Db.CreateTeamAsync();
        var deal = await Db.CreateDealAsync(team);
        var at = Db.Time.GetUtcNow();
        for (var i = 1; i <= 4; i++)
        {
            var when = at.AddMinutes(i);
            await ChangeInOwnScopeAsync(deal.Id, _ => new DealChangePlan<string>("ok")
            {
                AddNote = new NewNote(team.RepId, $"note {i}", when),
                Source = new ChangeSource(Channel, 7),
            });
        }

        await ChangeInOwnScopeAsync(deal.Id, s => new DealChangePlan<string>("moved")
        {
            Transition = new StageTransition(new StageId("demo"), DealStatus.Open, StageChangeKind.Override, at.AddMinutes(10), team.RepId, "buyer asked"),
            Source = new ChangeSource(Channel, 7),
        });

        await using var scope = Db.Services.CreateAsyncScope();
        var journal = scope.ServiceProvider.GetRequiredService<IDealJournal>();
        var notes = await journal.RecentNotesAsync(deal.Id, 3, CancellationToken.None);
        var timeline = await journal.TimelineAsync(deal.Id, CancellationToken.None);

        Assert.Equal(["note 4", "note 3", "note 2"], notes.Select(n => n.Text));
        Assert.All(notes, n => Assert.NotNull(n.AuthorName));
        var moved = timeline[0];
        Assert.Equal((TimelineEntryKind.StageChange, StageChangeKind.Override, "buyer asked", Channel, 7),
            (moved.Kind, moved.StageChange!.Value, moved.Text, moved.Conversation!.Value, moved.MapVersion!.Value));
        Assert.Equal(["note 4", "note 3", "note 2", "note 1"], timeline.Where(e => e.Kind == TimelineEntryKind.Note).Select(e => e.Text));
    }
    [DatabaseFact]
    public async Task Timeline_SnoozeLiftedEarlyByAnother_TheSnoozeEndedEarlyAndWhoEndedIt()
    {
        var team = await Db.CreateTeamAsync();
        var deal = await Db.CreateDealAsync(team);
        var at = Db.Time.GetUtcNow();
        await ChangeInOwnScopeAsync(deal.Id, _ => new DealChangePlan<string>("snoozed")
        {
            Snooze = new SnoozeRequest(team.RepId, at.AddDays(5), at, "buyer on leave"),
        });
        await ChangeInOwnScopeAsync(deal.Id, _ => new DealChangePlan<string>("lifted") { EndSnooze = new SnoozeEnd(team.OtherId, at.AddHours(1)) });

        await using var scope = Db.Services.CreateAsyncScope();
        var timeline = await scope.ServiceProvider.GetRequiredService<IDealJournal>().TimelineAsync(deal.Id, CancellationToken.None);

        var ended = Assert.Single(timeline, e => e.Kind == TimelineEntryKind.SnoozeEnded);
        var snoozed = Assert.Single(timeline, e => e.Kind == TimelineEntryKind.Snooze);
        Assert.Equal(at.AddHours(1), ended.At);
        Assert.NotNull(ended.PersonName);
        Assert.NotEqual(snoozed.PersonName, ended.PersonName);
        Assert.Equal((true, "buyer on leave"), (snoozed.EndedEarly, snoozed.Text));
    }
}
