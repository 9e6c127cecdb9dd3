using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Nudges;
using SalesCoachBot.Data.Tests.Infrastructure;

namespace SalesCoachBot.Data.Tests;

public sealed class SqliteDealCreationStoreTests(SqliteDatabaseFixture fixture) : DealCreationStoreTests(() => fixture.Database), IClassFixture<SqliteDatabaseFixture>;

public sealed class PostgresDealCreationStoreTests(PostgresDatabaseFixture fixture) : DealCreationStoreTests(() => fixture.Database), IClassFixture<PostgresDatabaseFixture>;

/// <summary>
/// Issue 15: deals created in chat (one external id each, one deal per name, under real concurrency) and the claims
/// that keep a nurtured deal's owner message to one per re-engage date.
/// </summary>
public abstract class DealCreationStoreTests(Func<TestDatabase> database)
{
    private TestDatabase Db => database();

    private NewDeal Deal(TestTeam team, string name) =>
        new(name, 50_000m, "EUR", team.RepId, team.TeamId, new StageId("discovery"), DealStatus.Open, Db.Time.GetUtcNow());

    private async Task<DealCreation> CreateInOwnScopeAsync(NewDeal deal, long teamId)
    {
        await using var scope = Db.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IDealCreationStore>();
        return await store.CreateAsync(deal, [teamId], names => names.FirstOrDefault(n => n.Name == deal.Name), CancellationToken.None);
    }

    [DatabaseFact]
    public async Task Create_RacingCreationsOfDifferentNames_EachGetsItsOwnNextNumericId()
    {
        var team = await Db.CreateTeamAsync();

        var created = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => CreateInOwnScopeAsync(Deal(team, $"Zenith {team.Tag} {i}"), team.TeamId)));

        var ids = created.Select(c => long.Parse(Assert.IsType<DealCreation.Created>(c).Deal.ExternalId, CultureInfo.InvariantCulture)).Order().ToList();
        Assert.Equal(8, ids.Distinct().Count());
        Assert.Equal(7, ids[^1] - ids[0]);   // consecutive: each creation took the next free one
        await using var db = Db.NewContext();
        Assert.Equal(8, await db.Deals.CountAsync(d => d.TeamId == team.TeamId));
        var history = await db.StageHistory.Where(h => db.Deals.Any(d => d.Id == h.DealId && d.TeamId == team.TeamId)).ToListAsync();
        Assert.Equal(8, history.Count);
        Assert.All(history, h => Assert.Equal(StageChangeKind.Entered, h.Kind));
    }

    [DatabaseFact]
    public async Task Create_RacingCreationsOfOneName_OneDealTheRestSeeIt()
    {
        var team = await Db.CreateTeamAsync();
        var name = $"Contoso {team.Tag}";

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => CreateInOwnScopeAsync(Deal(team, name), team.TeamId)));

        var created = Assert.Single(outcomes.OfType<DealCreation.Created>());
        Assert.All(outcomes.OfType<DealCreation.Duplicate>(), d => Assert.Equal(created.Deal.Id, d.Existing.Id));
        await using var db = Db.NewContext();
        var stored = await db.Deals.SingleAsync(d => d.Name == name);
        Assert.Equal((team.RepId, 50_000m, "EUR", DealStatus.Open), (stored.OwnerId, stored.Amount!.Value, stored.Currency, stored.Status));
    }

    [DatabaseFact]
    public async Task Create_TextIdsBesideTheNumbers_IgnoredWhenChoosingTheNext()
    {
        var team = await Db.CreateTeamAsync();
        var first = Assert.IsType<DealCreation.Created>(await CreateInOwnScopeAsync(Deal(team, $"First {team.Tag}"), team.TeamId));
        var next = long.Parse(first.Deal.ExternalId, CultureInfo.InvariantCulture) + 1;

        // A text id sorts after the numbers but is not one: ignored when the next id is chosen.
        await Db.CreateDealAsync(team, externalId: $"X-{team.Tag}");
        var second = Assert.IsType<DealCreation.Created>(await CreateInOwnScopeAsync(Deal(team, $"Second {team.Tag}"), team.TeamId));

        Assert.Equal(next.ToString(CultureInfo.InvariantCulture), second.Deal.ExternalId);
    }

    [DatabaseFact]
    public async Task ReengageClaim_RacingRunsForOneDealAndDate_OneClaimAndItsMessagesOnce()
    {
        var team = await Db.CreateTeamAsync();
        var deal = await Db.CreateDealAsync(team);
        var reengage = Db.Services.GetRequiredService<IReengageStore>();
        var date = new DateOnly(2026, 12, 10);
        NewOutboxMessage[] messages = [new(team.TeamId, date, ConversationKey.SlackUser("U0" + team.Tag), DigestPayload.Serialize(new BotAnswer("Blue Sun is due")), NudgeKind.Reengage)];

        var claims = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => reengage.ClaimAndEnqueueAsync(deal.Id, date, Db.Time.GetUtcNow(), messages, CancellationToken.None))));
        var laterDate = await reengage.ClaimAndEnqueueAsync(deal.Id, date.AddDays(90), Db.Time.GetUtcNow(), messages, CancellationToken.None);

        Assert.Equal(1, claims.Count(c => c));
        Assert.True(laterDate);
        var outbox = await Db.Services.GetRequiredService<INudgeOutbox>().ListMessagesAsync(team.TeamId, CancellationToken.None);
        Assert.Equal(2, outbox.Count);
        Assert.All(outbox, m => Assert.Equal(NudgeKind.Reengage, m.Kind));
    }

    [DatabaseFact]
    public async Task ReengageDue_NurturedDealsWhoseDateCame_OnlyThose()
    {
        var team = await Db.CreateTeamAsync();
        var now = Db.Time.GetUtcNow();
        var due = await Db.CreateDealAsync(team);
        var later = await Db.CreateDealAsync(team);
        var open = await Db.CreateDealAsync(team);
        await using (var db = Db.NewContext())
        {
            await db.Deals.Where(d => d.Id == due.Id).ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DealStatus.Nurture).SetProperty(d => d.ReengageAt, now.AddHours(-1)));
            await db.Deals.Where(d => d.Id == later.Id).ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DealStatus.Nurture).SetProperty(d => d.ReengageAt, now.AddDays(3)));
            await db.Deals.Where(d => d.Id == open.Id).ExecuteUpdateAsync(s => s.SetProperty(d => d.ReengageAt, now.AddHours(-1)));
        }

        var listed = await Db.Services.GetRequiredService<IReengageStore>().ListDueAsync([team.TeamId], now, CancellationToken.None);

        Assert.Equal([due.Id], listed.Select(v => v.Id));
    }
}
