using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Data.Tests.Infrastructure;

namespace SalesCoachBot.Data.Tests;

public sealed class SqliteUndoSnoozeConversations48Tests(SqliteDatabaseFixture fixture)
    : UndoSnoozeConversations48Tests(() => fixture.Database), IClassFixture<SqliteDatabaseFixture>;

public sealed class PostgresUndoSnoozeConversations48Tests(PostgresDatabaseFixture fixture)
    : UndoSnoozeConversations48Tests(() => fixture.Database), IClassFixture<PostgresDatabaseFixture>;

/// <summary>An undo, a snooze and an unsnooze record the chat they came from, and the timeline carries it.</summary>
public abstract class UndoSnoozeConversations48Tests(Func<TestDatabase> database)
{
    private static readonly ChecklistItemId Requirements = new("requirements-listed");
    private static readonly ConversationKey Confirmed = ConversationKey.For(ChatChannel.Cli, "confirm-chat");
    private static readonly ConversationKey Undone = ConversationKey.For(ChatChannel.Cli, "undo-chat");
    private static readonly ConversationKey Snoozed = ConversationKey.Slack("T1", "C-snooze");
    private static readonly ConversationKey Lifted = ConversationKey.TeamsUser("aad-lifted");

    private TestDatabase Db => database();

    private async Task ChangeAsync(DealId deal, Func<DealState, DealChangePlan<string>> decide)
    {
        await using var scope = Db.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IDealStore>().ChangeDealAsync(deal, decide, CancellationToken.None);
    }

    [DatabaseFact]
    public async Task UndoSnoozeAndUnsnooze_RecordTheirChats_AndTheTimelineShowsThem()
    {
        var team = await Db.CreateTeamAsync();
        var deal = await Db.CreateDealAsync(team);
        var at = Db.Time.GetUtcNow();

        await ChangeAsync(deal.Id, _ => new DealChangePlan<string>("confirmed")
        {
            Confirm = [new NewConfirmation(Requirements, team.RepId, "Rep", at.AddMinutes(-30), ChatChannel.Cli)],
            Source = new ChangeSource(Confirmed, 1),
        });
        await ChangeAsync(deal.Id, _ => new DealChangePlan<string>("withdrawn")
        {
            Withdraw = [Requirements],
            WithdrawnBy = team.RepId,
            ActivityAt = at.AddMinutes(-20),
            Source = new ChangeSource(Undone, 1),
        });
        await ChangeAsync(deal.Id, _ => new DealChangePlan<string>("snoozed")
        {
            Snooze = new SnoozeRequest(team.RepId, at.AddDays(3), at.AddMinutes(-10), "on leave"),
            Source = new ChangeSource(Snoozed, 1),
        });
        await ChangeAsync(deal.Id, _ => new DealChangePlan<string>("lifted")
        {
            EndSnooze = new SnoozeEnd(team.OtherId, at.AddMinutes(-5)),
            Source = new ChangeSource(Lifted, 1),
        });

        await using (var db = Db.NewContext())
        {
            var confirmation = await db.Confirmations.AsNoTracking().SingleAsync(c => c.DealId == deal.Id);
            var snooze = await db.Snoozes.AsNoTracking().SingleAsync(s => s.DealId == deal.Id);
            Assert.Equal((Confirmed, Undone), (confirmation.Conversation, confirmation.WithdrawnConversation));
            Assert.Equal((Snoozed, Lifted), (snooze.Conversation, snooze.EndedConversation));
        }

        await using var scope = Db.Services.CreateAsyncScope();
        var timeline = await scope.ServiceProvider.GetRequiredService<IDealJournal>().TimelineAsync(deal.Id, CancellationToken.None);
        Assert.Equal(Undone, timeline.Single(e => e.Kind == TimelineEntryKind.Withdrawn).Conversation);
        Assert.Equal(Snoozed, timeline.Single(e => e.Kind == TimelineEntryKind.Snooze).Conversation);
        Assert.Equal(Lifted, timeline.Single(e => e.Kind == TimelineEntryKind.SnoozeEnded).Conversation);
    }
}

public sealed class SqliteUndoSnoozeConversationsUpgrade48Tests() : UndoSnoozeConversationsUpgrade48Tests(DatabaseProvider.Sqlite);

public sealed class PostgresUndoSnoozeConversationsUpgrade48Tests() : UndoSnoozeConversationsUpgrade48Tests(DatabaseProvider.Postgres);

/// <summary>Migration <c>UndoAndSnoozeConversations</c> on a database with an undo and a snooze: both kept, without a chat.</summary>
public abstract class UndoSnoozeConversationsUpgrade48Tests(DatabaseProvider provider)
{
    [DatabaseFact]
    public async Task Upgrade_UndoAndSnoozeStoredBefore_AreKeptWithoutAChat()
    {
        await using var database = await TestDatabase.CreateAsync(provider, upToMigration: "MoneyFourDecimals");
        var team = await database.CreateTeamAsync();
        var deal = await database.CreateDealAsync(team);
        await using (var before = database.NewContext())
        {
            // The rows as the schema before the migration holds them; times copied from the deal's, in the provider's format.
            await before.Database.ExecuteSqlAsync($"""
                INSERT INTO confirmations (deal_id, stage_id, stage_version, item_id, person_id, confirmed_at, channel, withdrawn_at, withdrawn_by_person_id)
                SELECT id, stage_id, stage_version, 'requirements-listed', owner_id, stage_entered_at, 'Cli', last_activity_at, owner_id FROM deals WHERE id = {deal.Id.Value}
                """);
            await before.Database.ExecuteSqlAsync($"""
                INSERT INTO snoozes (deal_id, person_id, created_at, "until", reason)
                SELECT id, owner_id, stage_entered_at, last_activity_at, 'on leave' FROM deals WHERE id = {deal.Id.Value}
                """);
        }

        await database.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);

        await using var db = database.NewContext();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        var confirmation = await db.Confirmations.AsNoTracking().SingleAsync(c => c.DealId == deal.Id);
        var snooze = await db.Snoozes.AsNoTracking().SingleAsync(s => s.DealId == deal.Id);
        Assert.Equal((team.RepId, (ConversationKey?)null), (confirmation.WithdrawnByPersonId!.Value, confirmation.WithdrawnConversation));
        Assert.Equal(("on leave", (ConversationKey?)null, (ConversationKey?)null), (snooze.Reason, snooze.Conversation, snooze.EndedConversation));
        await using var scope = database.Services.CreateAsyncScope();
        var timeline = await scope.ServiceProvider.GetRequiredService<IDealJournal>().TimelineAsync(deal.Id, CancellationToken.None);
        Assert.Null(timeline.Single(e => e.Kind == TimelineEntryKind.Withdrawn).Conversation);
        Assert.Null(timeline.Single(e => e.Kind == TimelineEntryKind.Snooze).Conversation);
    }
}
