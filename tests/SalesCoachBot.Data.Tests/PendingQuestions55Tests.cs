using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Data.Tests.Infrastructure;

namespace SalesCoachBot.Data.Tests;

public sealed class SqlitePendingQuestions55Tests(SqliteDatabaseFixture fixture) : PendingQuestions55Tests(() => fixture.Database), IClassFixture<SqliteDatabaseFixture>;

public sealed class PostgresPendingQuestions55Tests(PostgresDatabaseFixture fixture) : PendingQuestions55Tests(() => fixture.Database), IClassFixture<PostgresDatabaseFixture>;

/// <summary>
/// dates55: a "did you mean …?" kept per person and conversation, so a typed "yes" answers it: taken once, only in its
/// window, only by the person asked, and only for the command pressed when a button names one.
/// </summary>
public abstract class PendingQuestions55Tests(Func<TestDatabase> database)
{
    private TestDatabase Db => database();

    [DatabaseFact]
    public async Task AskThenTake_GivesTheCommandOnce()
    {
        var team = await Db.CreateTeamAsync();
        var key = ConversationKey.For(ChatChannel.Cli, "q-" + team.Tag);
        var now = Db.Time.GetUtcNow();
        await using var scope = Db.Services.CreateAsyncScope();
        var conversations = scope.ServiceProvider.GetRequiredService<IConversationStore>();

        await conversations.AskAsync(key, team.RepId, "next step for Initech: demo prep", now, CancellationToken.None);

        Assert.Null(await conversations.TakeQuestionAsync(key, team.OtherId, now.AddMinutes(-10), null, CancellationToken.None));
        Assert.Null(await conversations.TakeQuestionAsync(ConversationKey.For(ChatChannel.Cli, "elsewhere-" + team.Tag), team.RepId, now.AddMinutes(-10), null, CancellationToken.None));
        Assert.Null(await conversations.TakeQuestionAsync(key, team.RepId, now.AddMinutes(-10), "help", CancellationToken.None));
        Assert.Equal("next step for Initech: demo prep", await conversations.TakeQuestionAsync(key, team.RepId, now.AddMinutes(-10), null, CancellationToken.None));
        Assert.Null(await conversations.TakeQuestionAsync(key, team.RepId, now.AddMinutes(-10), null, CancellationToken.None));
    }

    [DatabaseFact]
    public async Task AskedAgain_ReplacesTheQuestion_AndAnOldOneIsNotTaken()
    {
        var team = await Db.CreateTeamAsync();
        var key = ConversationKey.For(ChatChannel.Cli, "q2-" + team.Tag);
        var now = Db.Time.GetUtcNow();
        await using var scope = Db.Services.CreateAsyncScope();
        var conversations = scope.ServiceProvider.GetRequiredService<IConversationStore>();

        await conversations.AskAsync(key, team.RepId, "first", now.AddMinutes(-20), CancellationToken.None);
        Assert.Null(await conversations.TakeQuestionAsync(key, team.RepId, now.AddMinutes(-10), null, CancellationToken.None));
        await conversations.AskAsync(key, team.RepId, "second", now, CancellationToken.None);

        await using var db = Db.NewContext();
        Assert.Equal("second", Assert.Single(await db.PendingQuestions.AsNoTracking().Where(q => q.ConversationKey == key).ToListAsync()).CommandText);
        Assert.Equal("second", await conversations.TakeQuestionAsync(key, team.RepId, now.AddMinutes(-10), "second", CancellationToken.None));
    }

    [DatabaseFact]
    public async Task TakenByManyTurnsAtOnce_OneGetsIt()
    {
        var team = await Db.CreateTeamAsync();
        var now = Db.Time.GetUtcNow();
        for (var round = 0; round < 5; round++)
        {
            var key = ConversationKey.Slack("T" + team.Tag, $"C-yes-{round}");
            await using (var ask = Db.Services.CreateAsyncScope())
            {
                await ask.ServiceProvider.GetRequiredService<IConversationStore>().AskAsync(key, team.RepId, "cmd " + round, now, CancellationToken.None);
            }

            using var start = new Barrier(4);
            var taken = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
            {
                await using var scope = Db.Services.CreateAsyncScope();
                var conversations = scope.ServiceProvider.GetRequiredService<IConversationStore>();
                start.SignalAndWait(TimeSpan.FromSeconds(10));
                return await conversations.TakeQuestionAsync(key, team.RepId, now.AddMinutes(-10), null, CancellationToken.None);
            })));

            Assert.Equal("cmd " + round, Assert.Single(taken, t => t is not null));
        }
    }
}

public sealed class SqlitePendingQuestionsUpgrade55Tests() : PendingQuestionsUpgrade55Tests(DatabaseProvider.Sqlite);

public sealed class PostgresPendingQuestionsUpgrade55Tests() : PendingQuestionsUpgrade55Tests(DatabaseProvider.Postgres);

/// <summary>Migration <c>PendingQuestions</c> (a new table): a chat linked before it keeps its deal, and questions are kept after it.</summary>
public abstract class PendingQuestionsUpgrade55Tests(DatabaseProvider provider)
{
    [DatabaseFact]
    public async Task Upgrade_ALinkMadeBefore_StaysAndQuestionsAreKept()
    {
        await using var database = await TestDatabase.CreateAsync(provider, upToMigration: "UndoLookupIndexes");
        var team = await database.CreateTeamAsync();
        var deal = await database.CreateDealAsync(team);
        var key = ConversationKey.For(ChatChannel.Cli, "up-" + team.Tag);
        var now = database.Time.GetUtcNow();
        await using (var before = database.NewContext())
        {
            before.ConversationLinks.Add(new ConversationLink { ConversationKey = key, DealId = deal.Id, LinkedByPersonId = team.RepId, LinkedAt = now });
            await before.SaveChangesAsync();
        }

        await database.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);

        await using var scope = database.Services.CreateAsyncScope();
        var conversations = scope.ServiceProvider.GetRequiredService<IConversationStore>();
        Assert.Equal(deal.Id, await conversations.GetLinkedDealAsync(key, CancellationToken.None));
        await conversations.AskAsync(key, team.RepId, "next step for Initech: demo prep", now, CancellationToken.None);
        Assert.Equal("next step for Initech: demo prep", await conversations.TakeQuestionAsync(key, team.RepId, now.AddMinutes(-10), null, CancellationToken.None));
    }
}
