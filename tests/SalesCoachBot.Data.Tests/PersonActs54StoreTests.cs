using Microsoft.Extensions.DependencyInjection;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Data.Tests.Infrastructure;

namespace SalesCoachBot.Data.Tests;

public sealed class SqlitePersonActs54StoreTests(SqliteDatabaseFixture fixture) : PersonActs54StoreTests(() => fixture.Database), IClassFixture<SqliteDatabaseFixture>;

public sealed class PostgresPersonActs54StoreTests(PostgresDatabaseFixture fixture) : PersonActs54StoreTests(() => fixture.Database), IClassFixture<PostgresDatabaseFixture>;

/// <summary>
/// diary54: <see cref="IDealJournal.ListActsAsync"/> reads one person's rows of a period: their own, in the period, what
/// still stands (withdrawn and undone left out), the stage changes they made in chat, on the teams asked for.
/// </summary>
public abstract class PersonActs54StoreTests(Func<TestDatabase> database)
{
    private TestDatabase Db => database();

    private async Task<PersonActs> ActsAsync(long personId, IReadOnlyCollection<long>? teams, DateTimeOffset from, DateTimeOffset to, int limit = 100)
    {
        await using var scope = Db.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IDealJournal>().ListActsAsync(personId, teams, from, to, limit, CancellationToken.None);
    }

    [DatabaseFact]
    public async Task ListActs_OwnRowsOfThePeriodStillStanding_WithTheirDeals()
    {
        var team = await Db.CreateTeamAsync();
        var deal = await Db.CreateDealAsync(team, "demo");
        var now = Db.Time.GetUtcNow();
        await using (var db = Db.NewContext())
        {
            db.Confirmations.AddRange(
                new Confirmation { DealId = deal.Id, StageId = new StageId("demo"), ItemId = new ChecklistItemId("demo-held"), PersonId = team.RepId, ConfirmedAt = now.AddHours(-2) },
                // Undone since: left out.
                new Confirmation { DealId = deal.Id, StageId = new StageId("demo"), ItemId = new ChecklistItemId("gaps"), PersonId = team.RepId, ConfirmedAt = now.AddHours(-2), WithdrawnAt = now.AddHours(-1), WithdrawnByPersonId = team.RepId },
                // Someone else's: left out.
                new Confirmation { DealId = deal.Id, StageId = new StageId("demo"), ItemId = new ChecklistItemId("script"), PersonId = team.OtherId, ConfirmedAt = now.AddHours(-2) },
                // Before the period: left out.
                new Confirmation { DealId = deal.Id, StageId = new StageId("discovery"), ItemId = new ChecklistItemId("reqs"), PersonId = team.RepId, ConfirmedAt = now.AddDays(-10) });
            db.Notes.AddRange(
                new DealNote { DealId = deal.Id, PersonId = team.RepId, At = now.AddHours(-3), Text = "they want SSO" },
                new DealNote { DealId = deal.Id, PersonId = team.RepId, At = now.AddHours(-3), Text = "oops", WithdrawnAt = now.AddHours(-2), WithdrawnByPersonId = team.RepId });
            db.Activities.AddRange(
                // Logged today for yesterday: counted on the day it happened.
                new DealActivity { DealId = deal.Id, PersonId = team.RepId, Kind = ActivityKind.Call, OccurredAt = now.AddDays(-1), RecordedAt = now, DayOnly = true },
                new DealActivity { DealId = deal.Id, PersonId = team.RepId, Kind = ActivityKind.Email, OccurredAt = now.AddDays(-8), RecordedAt = now });
            db.NextStepEvents.AddRange(
                new DealNextStepEvent { DealId = deal.Id, Kind = NextStepEventKind.Set, PersonId = team.RepId, At = now.AddHours(-4), Text = "send the SOW" },
                new DealNextStepEvent { DealId = deal.Id, Kind = NextStepEventKind.Changed, PersonId = team.RepId, At = now.AddHours(-3), Text = "call the CFO", WithdrawnAt = now.AddHours(-2) },
                new DealNextStepEvent { DealId = deal.Id, Kind = NextStepEventKind.Undone, PersonId = team.RepId, At = now.AddHours(-2), Text = "send the SOW" });
            db.StageHistory.AddRange(
                new StageHistoryEntry { DealId = deal.Id, StageId = new StageId("demo"), EnteredAt = now.AddHours(-5), Kind = StageChangeKind.Moved, ByPersonId = team.RepId },
                // A map change and a CRM move are no act of the rep's.
                new StageHistoryEntry { DealId = deal.Id, StageId = new StageId("demo"), EnteredAt = now.AddHours(-4), Kind = StageChangeKind.MapChange, ByPersonId = team.RepId },
                new StageHistoryEntry { DealId = deal.Id, StageId = new StageId("demo"), EnteredAt = now.AddHours(-4), Kind = StageChangeKind.MovedInCrm },
                new StageHistoryEntry { DealId = deal.Id, StageId = new StageId("demo"), EnteredAt = now.AddHours(-1), Kind = StageChangeKind.Closed, ByPersonId = team.RepId, Outcome = DealStatus.Lost });
            await db.SaveChangesAsync();
        }

        var acts = await ActsAsync(team.RepId, null, now.AddDays(-7), now.AddSeconds(1));

        Assert.Equal("demo-held", Assert.Single(acts.Confirmations).ItemId.Value);
        Assert.Equal("they want SSO", Assert.Single(acts.Notes).Text);
        Assert.Equal(ActivityKind.Call, Assert.Single(acts.Activities).Kind);
        Assert.Equal("send the SOW", Assert.Single(acts.NextSteps).Text);
        Assert.Equal([StageChangeKind.Closed, StageChangeKind.Moved], acts.Stages.Select(h => h.Kind));
        var onDeal = Assert.Single(acts.Deals);
        Assert.Equal((deal.Id, deal.ExternalId, deal.Name, team.TeamId), (onDeal.Id, onDeal.ExternalId, onDeal.Name, onDeal.TeamId));

        // Another team's deals only: nothing; the other rep: only their confirmation.
        Assert.Same(PersonActs.Empty, await ActsAsync(team.RepId, [team.TeamId + 100_000], now.AddDays(-7), now.AddSeconds(1)));
        Assert.Equal("script", Assert.Single((await ActsAsync(team.OtherId, [team.TeamId], now.AddDays(-7), now.AddSeconds(1))).Confirmations).ItemId.Value);
    }

    [DatabaseFact]
    public async Task ListActs_MoreThanTheLimit_TheNewestOfEachKind()
    {
        var team = await Db.CreateTeamAsync();
        var deal = await Db.CreateDealAsync(team);
        var now = Db.Time.GetUtcNow();
        await using (var db = Db.NewContext())
        {
            db.Notes.AddRange(Enumerable.Range(0, 5).Select(i => new DealNote { DealId = deal.Id, PersonId = team.RepId, At = now.AddMinutes(-i), Text = $"note {i}" }));
            await db.SaveChangesAsync();
        }

        var acts = await ActsAsync(team.RepId, [team.TeamId], now.AddDays(-1), now.AddSeconds(1), limit: 3);

        Assert.Equal(["note 0", "note 1", "note 2"], acts.Notes.Select(n => n.Text));
    }
}
