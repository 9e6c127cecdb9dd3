using Microsoft.Extensions.DependencyInjection;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Understanding;
using SalesCoachBot.Data.Tests.Infrastructure;

namespace SalesCoachBot.Data.Tests;

public sealed class SqliteUndoLast47StoreTests(SqliteDatabaseFixture fixture) : UndoLast47StoreTests(() => fixture.Database), IClassFixture<SqliteDatabaseFixture>;

public sealed class PostgresUndoLast47StoreTests(PostgresDatabaseFixture fixture) : UndoLast47StoreTests(() => fixture.Database), IClassFixture<PostgresDatabaseFixture>;

/// <summary>"oops, undo that": the latest confirmation still in force, as <see cref="IDealStore.FindLatestConfirmationAsync"/> finds it.</summary>
public abstract class UndoLast47StoreTests(Func<TestDatabase> database)
{
    private static readonly ChecklistItemId Requirements = new("requirements-listed");
    private static readonly ChecklistItemId Champion = new("champion-named");

    private TestDatabase Db => database();

    private async Task ChangeAsync(DealId deal, Func<DealState, DealChangePlan<string>> decide)
    {
        await using var scope = Db.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IDealStore>().ChangeDealAsync(deal, decide, CancellationToken.None);
    }

    private Task ConfirmAsync(DealId deal, ChecklistItemId item, long personId, DateTimeOffset at) =>
        ChangeAsync(deal, _ => new DealChangePlan<string>("confirmed") { Confirm = [new NewConfirmation(item, personId, "Test person", at, ChatChannel.Teams)] });

    private async Task<LatestConfirmation?> LatestAsync(long? personId, DealId? deal, DealScope? scope, DateTimeOffset since)
    {
        await using var services = Db.Services.CreateAsyncScope();
        return await services.ServiceProvider.GetRequiredService<IDealStore>().FindLatestConfirmationAsync(personId, deal, scope, since, CancellationToken.None);
    }

    [DatabaseFact]
    public async Task FindLatestConfirmation_ThePersonsNewestInForce_ThenTheOneBeforeOnceWithdrawn()
    {
        var team = await Db.CreateTeamAsync();
        var deal = await Db.CreateDealAsync(team);
        var at = Db.Time.GetUtcNow();
        var scope = new DealScope([team.TeamId], team.RepId);
        await ConfirmAsync(deal.Id, Requirements, team.RepId, at.AddMinutes(-10));
        await ConfirmAsync(deal.Id, Champion, team.RepId, at.AddMinutes(-5));

        var newest = await LatestAsync(team.RepId, null, scope, at.AddHours(-24));
        await ChangeAsync(deal.Id, _ => new DealChangePlan<string>("withdrawn") { Withdraw = [Champion], WithdrawnBy = team.RepId, ActivityAt = at });
        var before = await LatestAsync(team.RepId, null, scope, at.AddHours(-24));

        Assert.Equal(new LatestConfirmation(deal.Id, deal.StageId, deal.StageVersion, Champion, at.AddMinutes(-5)), newest);
        Assert.Equal(Requirements, before?.Item);
    }

    [DatabaseFact]
    public async Task FindLatestConfirmation_OnADeal_AnyonesNewest_AndNoneBeforeTheWindowOrOutsideTheScope()
    {
        var team = await Db.CreateTeamAsync();
        var deal = await Db.CreateDealAsync(team);
        var at = Db.Time.GetUtcNow();
        await ConfirmAsync(deal.Id, Requirements, team.RepId, at.AddMinutes(-10));
        await ConfirmAsync(deal.Id, Champion, team.OtherId, at.AddMinutes(-5));

        var onDeal = await LatestAsync(null, deal.Id, new DealScope([team.TeamId], team.RepId), at.AddHours(-24));
        var tooOld = await LatestAsync(team.RepId, null, null, at.AddMinutes(-9));
        var otherTeams = await LatestAsync(team.OtherId, null, new DealScope([team.TeamId + 100_000], team.OtherId), at.AddHours(-24));

        Assert.Equal(Champion, onDeal?.Item);
        Assert.Null(tooOld);
        Assert.Null(otherTeams);
    }
}
