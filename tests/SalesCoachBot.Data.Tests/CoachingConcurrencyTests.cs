using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SalesCoachBot.Core;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Nudges;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Data.Nudges;
using SalesCoachBot.Data.Tests.Infrastructure;

namespace SalesCoachBot.Data.Tests;

public sealed class SqliteCoachingConcurrencyTests(SqliteDatabaseFixture fixture)
    : CoachingConcurrencyTests(() => fixture.Database), IClassFixture<SqliteDatabaseFixture>;

public sealed class PostgresCoachingConcurrencyTests(PostgresDatabaseFixture fixture)
    : CoachingConcurrencyTests(() => fixture.Database), IClassFixture<PostgresDatabaseFixture>;

/// <summary>
/// The real coaching use cases (Core's <see cref="ICoachBot"/>) over the real stores: people pressing
/// Confirm at the same moment, each request in its own scope and DbContext, as the host runs them.
/// </summary>
public abstract class CoachingConcurrencyTests(Func<TestDatabase> database)
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

    private static async Task<BotAnswer> PressConfirmAsync(ServiceProvider bot, string email, ConfirmItemsPayload card, string item)
    {
        await using var scope = bot.CreateAsyncScope();
        var turn = new ChatTurn(new ChatUser(ChatChannel.Teams, Email: email), ConversationKey.For(ChatChannel.Teams, "race"),
            new ActionInput(card, [new ChecklistItemId(item)]));
        return await scope.ServiceProvider.GetRequiredService<ICoachBot>().HandleAsync(turn, CancellationToken.None);
    }

    private static async Task<BotAnswer> SayAsync(ServiceProvider bot, string email, string text)
    {
        await using var scope = bot.CreateAsyncScope();
        var turn = new ChatTurn(new ChatUser(ChatChannel.Teams, Email: email), ConversationKey.For(ChatChannel.Teams, "race"), new TextInput(text));
        return await scope.ServiceProvider.GetRequiredService<ICoachBot>().HandleAsync(turn, CancellationToken.None);
    }

    /// <summary>
    /// Issue import49: a teammate's proposal sent twice at the same instant (a double press, a redelivery) both read "not
    /// proposed yet" before the deal's lock; the store decides under the lock, so one note is stored and one message sent.
    /// </summary>
    [DatabaseFact]
    public async Task Propose_TwoIdenticalProposalsAtTheSameInstant_OneNoteAndOneMessageToTheOwner()
    {
        await using var bot = BuildBot();
        var team = await Db.CreateTeamAsync();
        var deal = await Db.CreateDealAsync(team, stage: "demo");
        await using (var db = Db.NewContext())
        {
            // The owner is reachable in Slack, so the proposal goes to them by direct message.
            await db.People.Where(p => p.Id == team.RepId).ExecuteUpdateAsync(s => s.SetProperty(p => p.SlackUserId, "U" + team.Tag.ToUpperInvariant()));
        }

        using var start = new ManualResetEventSlim(false);
        var proposals = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            return await SayAsync(bot, team.OtherEmail, $"mark #{deal.ExternalId} lost because price");
        })).ToList();
        start.Set();
        var answers = await Task.WhenAll(proposals);

        await using var check = Db.NewContext();
        Assert.Equal(1, await check.Notes.CountAsync(n => n.DealId == deal.Id));
        Assert.Equal(1, await check.Set<NudgeOutboxRow>().CountAsync(m => m.TeamId == team.TeamId && m.Kind == NudgeKind.CloseProposal));
        Assert.Equal(DealStatus.Open, (await check.Deals.AsNoTracking().SingleAsync(d => d.Id == deal.Id)).Status);
        Assert.Single(answers, a => a.Card?.Note?.Contains("already proposed", StringComparison.Ordinal) == true);
    }

    [DatabaseFact]
    public async Task Confirm_RacingPressesOnOneCard_DealAdvancesExactlyOnce()
    {
        await using var bot = BuildBot();
        var team = await Db.CreateTeamAsync();
        var deal = await Db.CreateDealAsync(team);
        var card = new ConfirmItemsPayload(deal.Id, new StageId("discovery"), deal.StageVersion);

        using var start = new ManualResetEventSlim(false);
        var presses = Enumerable.Range(0, 12).Select(i => Task.Run(async () =>
        {
            start.Wait();
            return await PressConfirmAsync(bot, i % 2 == 0 ? team.RepEmail : team.OtherEmail, card, i % 2 == 0 ? "requirements-listed" : "demo-booked");
        })).ToList();
        start.Set();
        var answers = await Task.WhenAll(presses);

        Assert.All(answers, a => Assert.NotNull(a.Card));
        Assert.Single(answers, a => a.Card!.Note?.Contains("moved from Discovery to Demo", StringComparison.Ordinal) == true);
        await using var db = Db.NewContext();
        var stored = await db.Deals.AsNoTracking().SingleAsync(d => d.Id == deal.Id);
        Assert.Equal((new StageId("demo"), deal.StageVersion + 1), (stored.StageId, stored.StageVersion));
        Assert.Equal(1, await db.StageHistory.CountAsync(h => h.DealId == deal.Id && h.Kind == StageChangeKind.Advanced));
        Assert.Equal(2, await db.Confirmations.CountAsync(c => c.DealId == deal.Id));
    }

    [DatabaseFact]
    public async Task Confirm_SamePressRepeated_RecordsOnceAndLaterPressesAreStale()
    {
        await using var bot = BuildBot();
        var team = await Db.CreateTeamAsync();
        var deal = await Db.CreateDealAsync(team);
        var card = new ConfirmItemsPayload(deal.Id, new StageId("discovery"), deal.StageVersion);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => PressConfirmAsync(bot, team.RepEmail, card, "requirements-listed")));
        await PressConfirmAsync(bot, team.RepEmail, card, "demo-booked");
        var stale = await PressConfirmAsync(bot, team.RepEmail, card, "champion-named");

        await using var db = Db.NewContext();
        Assert.Equal(2, await db.Confirmations.CountAsync(c => c.DealId == deal.Id));
        Assert.Contains("out of date", stale.Card!.Note, StringComparison.Ordinal);
    }
}
