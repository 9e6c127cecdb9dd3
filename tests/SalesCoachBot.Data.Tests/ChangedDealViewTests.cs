using Microsoft.Extensions.DependencyInjection;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Caching;
using SalesCoachBot.Data.Tests.Infrastructure;

namespace SalesCoachBot.Data.Tests;

public sealed class SqliteChangedDealViewTests(SqliteDatabaseFixture fixture) : ChangedDealViewTests(() => fixture.Database), IClassFixture<SqliteDatabaseFixture>;

public sealed class PostgresChangedDealViewTests(PostgresDatabaseFixture fixture) : ChangedDealViewTests(() => fixture.Database), IClassFixture<PostgresDatabaseFixture>;

/// <summary>
/// A change through the store keeps the deal's view as the change left it (the next card is drawn
/// from it, not from a second read). After every kind of change that kept view must equal what a
/// fresh read of the database gives, its latest notes included.
/// </summary>
public abstract class ChangedDealViewTests(Func<TestDatabase> database)
{
    private static readonly ChecklistItemId Requirements = new("requirements-listed");
    private static readonly ChecklistItemId DemoBooked = new("demo-booked");
    private static readonly ChecklistItemId Champion = new("champion-named");
    private static readonly ChecklistItemId DemoHeld = new("demo-held");

    private TestDatabase Db => database();

    [DatabaseFact]
    public async Task EveryKindOfChange_KeepsTheViewAFreshReadGives()
    {
        var team = await Db.CreateTeamAsync();
        var deal = await Db.CreateDealAsync(team);
        var rep = (team.RepId, $"Rep {team.Tag}");
        var other = (team.OtherId, $"Other {team.Tag}");
        var id = deal.Id;

        await ChangeAndCompareAsync(id, "one item", at => Plan(at) with { Confirm = [Confirmation(Requirements, rep, at, ChatChannel.Teams)] }, c => Assert.Single(c));
        await ChangeAndCompareAsync(id, "two items and a note", at => Plan(at) with
        {
            Confirm = [Confirmation(Champion, other, at, ChatChannel.Slack), Confirmation(Requirements, other, at, ChatChannel.Slack)],
            Note = "spoke to the CFO",
            NoteBy = team.OtherId,
        }, c => Assert.Equal([Requirements, Champion], c.Select(x => x.Item)));
        await ChangeAndCompareAsync(id, "a note from a chat turn", at => Plan(at) with { AddNote = new NewNote(team.RepId, "budget approved", at) },
            c => Assert.Equal(2, c.Count));
        await ChangeAndCompareAsync(id, "two more notes, one by nobody", at => Plan(at) with
        {
            Note = "moved to Q3",
            AddNote = new NewNote(team.OtherId, "legal has the contract", at.AddSeconds(1)),
        }, c => Assert.Equal(2, c.Count));
        await ChangeAndCompareAsync(id, "a withdrawal", at => Plan(at) with { Withdraw = [Requirements], WithdrawnBy = team.RepId },
            c => Assert.Equal([Champion], c.Select(x => x.Item)));
        await ChangeAndCompareAsync(id, "a snooze", at => Plan(at) with { Snooze = new SnoozeRequest(team.RepId, at.AddDays(3), at) }, _ => { });
        await ChangeAndCompareAsync(id, "an earlier snooze", at => Plan(at) with { Snooze = new SnoozeRequest(team.RepId, at.AddDays(1), at) }, _ => { });
        await ChangeAndCompareAsync(id, "nothing", _ => DealChangePlan<string>.Nothing("nothing"), c => Assert.Single(c));
        await ChangeAndCompareAsync(id, "the last required item, advancing", at => Plan(at) with
        {
            Confirm = [Confirmation(Requirements, rep, at, ChatChannel.Teams), Confirmation(DemoBooked, rep, at, ChatChannel.Teams)],
            Transition = new StageTransition(new StageId("demo"), DealStatus.Open, StageChangeKind.Advanced, at, team.RepId, "checklist complete"),
        }, Assert.Empty);
        await ChangeAndCompareAsync(id, "an item of the new stage", at => Plan(at) with { Confirm = [Confirmation(DemoHeld, other, at, ChatChannel.Teams)] },
            c => Assert.Equal([DemoHeld], c.Select(x => x.Item)));
        await ChangeAndCompareAsync(id, "a loss", at => Plan(at) with
        {
            Transition = new StageTransition(new StageId("demo"), DealStatus.Lost, StageChangeKind.Closed, at, team.RepId, "lost", LostReason: "price"),
        }, Assert.Empty);
    }

    [DatabaseFact]
    public async Task ChangeOfAMissingDeal_LeavesNothingCached()
    {
        var missing = new DealId(long.MaxValue - 7);
        await using var scope = Db.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<IDealStore>().ChangeDealAsync(
            missing, _ => new DealChangePlan<string>("changed") { ActivityAt = Db.Time.GetUtcNow() }, CancellationToken.None);

        Assert.Null(result);
        Assert.Null(await Db.Services.GetRequiredService<SharedCache>().PeekAsync<DealView>(CacheKey.Deal(missing)));
    }

    private static DealChangePlan<string> Plan(DateTimeOffset at) => new("changed") { ActivityAt = at };

    private static NewConfirmation Confirmation(ChecklistItemId item, (long Id, string Name) person, DateTimeOffset at, ChatChannel channel) =>
        new(item, person.Id, person.Name, at, channel);

    private async Task ChangeAndCompareAsync(
        DealId id, string change, Func<DateTimeOffset, DealChangePlan<string>> plan, Action<IReadOnlyList<ConfirmationView>> expectConfirmations)
    {
        Db.Time.Advance(TimeSpan.FromMinutes(1));
        var at = Db.Time.GetUtcNow();
        await using (var scope = Db.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IDealStore>().ChangeDealAsync(id, _ => plan(at), CancellationToken.None);
        }

        var kept = await Db.Services.GetRequiredService<SharedCache>().PeekAsync<DealView>(CacheKey.Deal(id));
        Assert.True(kept is not null, $"after {change}: the view the change left is not cached");
        await Db.Services.GetRequiredService<ICacheInvalidation>().InvalidateAsync(CacheKey.Deal(id));
        DealView fresh;
        await using (var scope = Db.Services.CreateAsyncScope())
        {
            fresh = (await scope.ServiceProvider.GetRequiredService<IDealStore>().GetAsync(id, CancellationToken.None))!;
        }

        Assert.Equal(Columns(fresh.Deal), Columns(kept.Deal));
        Assert.Equal((fresh.OwnerName, fresh.OwnerEmail, fresh.TeamName, fresh.SnoozedUntil), (kept.OwnerName, kept.OwnerEmail, kept.TeamName, kept.SnoozedUntil));
        Assert.Equal(fresh.Confirmations, kept.Confirmations);
        Assert.True(kept.LatestNotes is not null, $"after {change}: the view the change left has no notes, so the card would read them again");
        Assert.Equal(fresh.LatestNotes!, kept.LatestNotes);
        expectConfirmations(kept.Confirmations);
    }

    /// <summary>Every stored value of the deal, by name (the navigations are left out).</summary>
    private static IReadOnlyList<string> Columns(Deal deal) =>
        [.. typeof(Deal).GetProperties()
            .Where(p => p.PropertyType.IsValueType || p.PropertyType == typeof(string))
            .Select(p => $"{p.Name}={p.GetValue(deal)}")];
}
