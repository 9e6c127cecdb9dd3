using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SalesCoachBot.Core;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Data.Tests.Infrastructure;

namespace SalesCoachBot.Data.Tests;

public sealed class SqliteUndoKinds54Tests(SqliteDatabaseFixture fixture) : UndoKinds54Tests(() => fixture.Database), IClassFixture<SqliteDatabaseFixture>;

public sealed class PostgresUndoKinds54Tests(PostgresDatabaseFixture fixture) : UndoKinds54Tests(() => fixture.Database), IClassFixture<PostgresDatabaseFixture>;

/// <summary>
/// undo54: "undo my last confirmation" and "undo my last call" through the real use cases and stores take back only that
/// kind; two said at once withdraw one act, and a call filter leaves a later meeting alone.
/// </summary>
public abstract class UndoKinds54Tests(Func<TestDatabase> database)
{
    private TestDatabase Db => database();

    private ServiceProvider BuildBot()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Db.Time);
        services.AddSingleton<IProcessMapSource>(new FixedProcessMapSource(TestMaps.Small));
        services.AddSalesCoachDataCore(_ => new DatabaseOptions { Provider = Db.Provider.ToString(), ConnectionString = Db.ConnectionString });
        services.AddSalesCoachCore(new ConfigurationBuilder().Build());
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    private static async Task<BotAnswer> SayAsync(ServiceProvider bot, string email, string text)
    {
        await using var scope = bot.CreateAsyncScope();
        var turn = new ChatTurn(new ChatUser(ChatChannel.Teams, Email: email), ConversationKey.For(ChatChannel.Teams, "undo54"), new TextInput(text));
        return await scope.ServiceProvider.GetRequiredService<ICoachBot>().HandleAsync(turn, CancellationToken.None);
    }

    private async Task ChangeAsync(DealId deal, Func<DealState, DealChangePlan<string>> decide)
    {
        await using var scope = Db.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IDealStore>().ChangeDealAsync(deal, decide, CancellationToken.None);
    }

    /// <summary>The answer's text and its card's note, where a change's outcome is said.</summary>
    private static string Said(BotAnswer answer) => answer.Text + "\n" + answer.Card?.Note;

    private static async Task<BotAnswer[]> AtOnceAsync(int count, Func<Task<BotAnswer>> turn)
    {
        using var start = new ManualResetEventSlim(false);
        var turns = Enumerable.Range(0, count).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            return await turn();
        })).ToList();
        start.Set();
        return await Task.WhenAll(turns);
    }

    [DatabaseFact]
    public async Task UndoMyLastConfirmation_TwoAtOnce_WithdrawTheOneConfirmation_TheNewerNoteAndCallStay()
    {
        await using var bot = BuildBot();
        var team = await Db.CreateTeamAsync();
        var deal = await Db.CreateDealAsync(team);
        var at = Db.Time.GetUtcNow();
        await SayAsync(bot, team.RepEmail, $"done requirements-listed for #{deal.ExternalId}");
        await ChangeAsync(deal.Id, _ => new DealChangePlan<string>("noted") { AddNote = new NewNote(team.RepId, "they want SSO", at) });
        await ChangeAsync(deal.Id, _ => new DealChangePlan<string>("logged") { LogActivity = new NewActivity(team.RepId, ActivityKind.Call, at, at, "pricing") });

        var answers = await AtOnceAsync(2, () => SayAsync(bot, team.RepEmail, "undo my last confirmation"));

        await using var db = Db.NewContext();
        var confirmation = await db.Confirmations.AsNoTracking().SingleAsync(c => c.DealId == deal.Id);
        Assert.Equal(team.RepId, confirmation.WithdrawnByPersonId);
        Assert.Null((await db.Notes.AsNoTracking().SingleAsync(n => n.DealId == deal.Id)).WithdrawnAt);
        Assert.Null((await db.Activities.AsNoTracking().SingleAsync(a => a.DealId == deal.Id)).WithdrawnAt);
        Assert.Single(answers, a => Said(a).Contains("Withdrew", StringComparison.Ordinal));
        // The other was told it was undone already, or (read after the first committed) that no confirmation is left.
        Assert.Single(answers, a => Said(a).Contains("undone already", StringComparison.Ordinal)
            || Said(a).Contains("No confirmation of yours", StringComparison.Ordinal));
    }

    [DatabaseFact]
    public async Task UndoMyLastCall_TwoAtOnce_WithdrawTheCallOnce_AMeetingLoggedAfterItStays()
    {
        await using var bot = BuildBot();
        var team = await Db.CreateTeamAsync();
        var deal = await Db.CreateDealAsync(team);
        var at = Db.Time.GetUtcNow();
        await ChangeAsync(deal.Id, _ => new DealChangePlan<string>("logged") { LogActivity = new NewActivity(team.RepId, ActivityKind.Call, at.AddHours(-2), at.AddMinutes(-2), "pricing") });
        await ChangeAsync(deal.Id, _ => new DealChangePlan<string>("logged") { LogActivity = new NewActivity(team.RepId, ActivityKind.Meeting, at.AddHours(-1), at.AddMinutes(-1), "demo") });

        var answers = await AtOnceAsync(2, () => SayAsync(bot, team.RepEmail, "undo my last call"));

        await using var db = Db.NewContext();
        var rows = await db.Activities.AsNoTracking().Where(a => a.DealId == deal.Id).ToListAsync();
        Assert.NotNull(Assert.Single(rows, a => a.Kind == ActivityKind.Call).WithdrawnAt);
        Assert.Null(Assert.Single(rows, a => a.Kind == ActivityKind.Meeting).WithdrawnAt);
        Assert.Single(answers, a => Said(a).Contains("Withdrew a call (pricing)", StringComparison.Ordinal));
    }
}

public sealed class SqliteUndoLookupUpgrade54Tests() : UndoLookupUpgrade54Tests(DatabaseProvider.Sqlite);

public sealed class PostgresUndoLookupUpgrade54Tests() : UndoLookupUpgrade54Tests(DatabaseProvider.Postgres);

/// <summary>
/// Migration <c>UndoLookupIndexes</c> (deals by closer and close time): a deal closed before it is still found by
/// "undo that", and a step change replaced since is still not in force while a newer one stands.
/// </summary>
public abstract class UndoLookupUpgrade54Tests(DatabaseProvider provider)
{
    [DatabaseFact]
    public async Task Upgrade_ADealClosedBefore_IsStillTheLatestClose_AndOnlyTheStandingStepIsInForce()
    {
        await using var database = await TestDatabase.CreateAsync(provider, upToMigration: "UndoStepsNotesActivities");
        var team = await database.CreateTeamAsync();
        var deal = await database.CreateDealAsync(team);
        var other = await database.CreateDealAsync(team);
        var at = database.Time.GetUtcNow();
        await using (var before = database.NewContext())
        {
            await before.Deals.Where(d => d.Id == deal.Id).ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Status, DealStatus.Lost).SetProperty(d => d.ClosedByPersonId, team.RepId).SetProperty(d => d.StageEnteredAt, at.AddMinutes(-2)));
        }

        await database.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);

        await using var scope = database.Services.CreateAsyncScope();
        var deals = scope.ServiceProvider.GetRequiredService<IDealStore>();
        var close = await deals.FindLatestCloseAsync(team.RepId, null, at.AddMinutes(-10), CancellationToken.None);
        Assert.Equal(deal.Id, close!.Deal);
        Assert.Null(await deals.FindLatestCloseAsync(team.OtherId, null, at.AddMinutes(-10), CancellationToken.None));

        // The rep's step on the other deal, then a teammate's change of it: the rep's is replaced, not in force.
        async Task SetStepAsync(long personId, string text, DateTimeOffset when)
        {
            await using var change = database.Services.CreateAsyncScope();
            await change.ServiceProvider.GetRequiredService<IDealStore>().ChangeDealAsync(other.Id, _ =>
                new DealChangePlan<string>("set") { NextStep = new NextStepChange(text, null, when) { ByPersonId = personId }, ActivityAt = when }, CancellationToken.None);
        }

        await SetStepAsync(team.RepId, "send the SOW", at.AddMinutes(-20));
        await SetStepAsync(team.OtherId, "call the CFO", at.AddMinutes(-10));
        var journal = scope.ServiceProvider.GetRequiredService<IDealJournal>();
        Assert.Null(await journal.FindLatestActAsync(team.RepId, null, null, at.AddHours(-1), UndoableAct.NextStep, activity: null, CancellationToken.None));
        var standing = await journal.FindLatestActAsync(null, other.Id, null, at.AddHours(-1), UndoableAct.NextStep, activity: null, CancellationToken.None);
        Assert.Equal(("call the CFO", (long?)team.OtherId), (standing!.Text, standing.PersonId));
    }
}
