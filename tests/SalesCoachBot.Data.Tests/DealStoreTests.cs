using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Caching;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Data.Tests.Infrastructure;

namespace SalesCoachBot.Data.Tests;

public sealed class SqliteDealStoreTests(SqliteDatabaseFixture fixture) : DealStoreTests(() => fixture.Database), IClassFixture<SqliteDatabaseFixture>;

public sealed class PostgresDealStoreTests(PostgresDatabaseFixture fixture) : DealStoreTests(() => fixture.Database), IClassFixture<PostgresDatabaseFixture>;

public abstract class DealStoreTests(Func<TestDatabase> database)
{
    private static readonly ChecklistItemId Requirements = new("requirements-listed");
    private static readonly ChecklistItemId DemoBooked = new("demo-booked");

    private TestDatabase Db => database();

    /// <summary>The confirm use case in miniature: record the item, advance when every required item is done.</summary>
    private static DealChangePlan<string> ConfirmAndMaybeAdvance(DealState state, ChecklistItemId item, long personId, DateTimeOffset at)
    {
        var stage = TestMaps.Small.GetStage(state.Deal.StageId);
        if (stage.FindItem(item) is null)
        {
            // The deal moved on since the request was made (a stale card).
            return DealChangePlan<string>.Nothing("stale");
        }

        if (state.View.Confirmations.Any(c => c.Item == item))
        {
            return DealChangePlan<string>.Nothing("already");
        }

        var done = state.View.Confirmations.Select(c => c.Item).Append(item).ToHashSet();
        var advance = stage.RequiredItems.All(i => done.Contains(i.Id)) && TestMaps.Small.NextOf(stage) is { } next
            ? new StageTransition(next.Id, DealStatus.Open, StageChangeKind.Advanced, at, personId, null)
            : null;
        return new DealChangePlan<string>(advance is null ? "confirmed" : "advanced")
        {
            Confirm = [new NewConfirmation(item, personId, "Test person", at, ChatChannel.Teams)],
            Transition = advance,
            ActivityAt = at,
        };
    }

    private async Task<string?> ConfirmInOwnScopeAsync(DealId id, ChecklistItemId item, long personId)
    {
        await using var scope = Db.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IDealStore>();
        var at = Db.Time.GetUtcNow();
        return await store.ChangeDealAsync(id, s => ConfirmAndMaybeAdvance(s, item, personId, at), CancellationToken.None);
    }

    [DatabaseFact]
    public async Task ChangeDeal_RacingConfirmationsOfLastTwoItems_AdvanceExactlyOnce()
    {
        var team = await Db.CreateTeamAsync();
        var deal = await Db.CreateDealAsync(team);

        // 16 parallel requests, each with its own scope and DbContext, half for each required item.
        using var start = new ManualResetEventSlim(false);
        var tasks = Enumerable.Range(0, 16).Select(i => Task.Run(async () =>
        {
            start.Wait();
            return await ConfirmInOwnScopeAsync(deal.Id, i % 2 == 0 ? Requirements : DemoBooked, i % 2 == 0 ? team.RepId : team.OtherId);
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(tasks);

        Assert.Equal(1, results.Count(r => r == "advanced"));
        Assert.Equal(1, results.Count(r => r == "confirmed"));
        await using var db = Db.NewContext();
        var stored = await db.Deals.AsNoTracking().SingleAsync(d => d.Id == deal.Id);
        Assert.Equal(new StageId("demo"), stored.StageId);
        Assert.Equal(deal.StageVersion + 1, stored.StageVersion);
        Assert.Equal(1, await db.StageHistory.CountAsync(h => h.DealId == deal.Id && h.Kind == StageChangeKind.Advanced));
        var confirmations = await db.Confirmations.AsNoTracking().Where(c => c.DealId == deal.Id).ToListAsync();
        Assert.Equal(2, confirmations.Count);
        Assert.All(confirmations, c => Assert.Equal(deal.StageVersion, c.StageVersion));
    }

    [DatabaseFact]
    public async Task ChangeDeal_SameConfirmationTenTimesConcurrently_StoredOnce()
    {
        var team = await Db.CreateTeamAsync();
        var deal = await Db.CreateDealAsync(team);

        using var start = new ManualResetEventSlim(false);
        var tasks = Enumerable.Range(0, 10).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            return await ConfirmInOwnScopeAsync(deal.Id, Requirements, team.RepId);
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(tasks);

        Assert.Equal(1, results.Count(r => r == "confirmed"));
        Assert.Equal(9, results.Count(r => r == "already"));
        await using var db = Db.NewContext();
        Assert.Equal(1, await db.Confirmations.CountAsync(c => c.DealId == deal.Id));
        Assert.Equal(deal.StageVersion, (await db.Deals.AsNoTracking().SingleAsync(d => d.Id == deal.Id)).StageVersion);
    }

    [DatabaseFact]
    public async Task ChangeDeal_ManyDealsConcurrently_EachAdvancesOnce()
    {
        var team = await Db.CreateTeamAsync();
        var deals = new List<Deal>();
        for (var i = 0; i < 4; i++)
        {
            deals.Add(await Db.CreateDealAsync(team));
        }

        using var start = new ManualResetEventSlim(false);
        var tasks = deals.SelectMany(d => Enumerable.Range(0, 4).Select(i => Task.Run(async () =>
        {
            start.Wait();
            return await ConfirmInOwnScopeAsync(d.Id, i % 2 == 0 ? Requirements : DemoBooked, team.RepId);
        }))).ToList();
        start.Set();
        await Task.WhenAll(tasks);

        await using var db = Db.NewContext();
        var ids = deals.Select(d => d.Id).ToList();
        var stored = await db.Deals.AsNoTracking().Where(d => ids.Contains(d.Id)).ToListAsync();
        Assert.All(stored, d => Assert.Equal((new StageId("demo"), 2), (d.StageId, d.StageVersion)));
        Assert.Equal(4, await db.StageHistory.CountAsync(h => ids.Contains(h.DealId) && h.Kind == StageChangeKind.Advanced));
    }

    [DatabaseFact]
    public async Task ChangeDeal_UnknownDeal_ReturnsNullAndCallsNothing()
    {
        await using var scope = Db.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IDealStore>();
        var called = false;

        var result = await store.ChangeDealAsync(new DealId(987_654_321), _ =>
        {
            called = true;
            return DealChangePlan<string>.Nothing("x");
        }, CancellationToken.None);

        Assert.Null(result);
        Assert.False(called);
    }

    [DatabaseFact]
    public async Task ChangeDeal_EmptyPlan_WritesNothing()
    {
        var team = await Db.CreateTeamAsync();
        var deal = await Db.CreateDealAsync(team);
        await using var scope = Db.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IDealStore>();

        var result = await store.ChangeDealAsync(deal.Id, s => DealChangePlan<string>.Nothing(s.Deal.StageId.Value), CancellationToken.None);

        Assert.Equal("discovery", result);
        var stored = await store.GetAsync(deal.Id, CancellationToken.None);
        Assert.Equal(deal.LastActivityAt, stored!.Deal.LastActivityAt);
        Assert.Equal(deal.StageVersion, stored.Deal.StageVersion);
    }

    [DatabaseFact]
    public async Task ChangeDeal_WithdrawNoteSnooze_AppliedAtomicallyAndVisibleInView()
    {
        var team = await Db.CreateTeamAsync();
        var deal = await Db.CreateDealAsync(team);
        await ConfirmInOwnScopeAsync(deal.Id, Requirements, team.RepId);
        Db.Time.Advance(TimeSpan.FromHours(1));
        var at = Db.Time.GetUtcNow();
        await using var scope = Db.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IDealStore>();

        await store.ChangeDealAsync(deal.Id, _ => new DealChangePlan<string>("ok")
        {
            Withdraw = [Requirements],
            WithdrawnBy = team.OtherId,
            Note = "Buyer asked to redo the list",
            NoteBy = team.OtherId,
            Snooze = new SnoozeRequest(team.OtherId, at.AddDays(5), at),
            ActivityAt = at,
        }, CancellationToken.None);

        var view = await store.GetAsync(deal.Id, CancellationToken.None);
        Assert.NotNull(view);
        Assert.Empty(view.Confirmations);
        Assert.Equal(at.AddDays(5), view.SnoozedUntil);
        Assert.Equal(at, view.Deal.LastActivityAt);
        Assert.Equal(team.TeamName, view.TeamName);
        Assert.Equal(team.RepEmail, view.OwnerEmail);
        await using var db = Db.NewContext();
        var withdrawn = await db.Confirmations.AsNoTracking().SingleAsync(c => c.DealId == deal.Id);
        Assert.Equal((at, team.OtherId), (withdrawn.WithdrawnAt!.Value, withdrawn.WithdrawnByPersonId!.Value));
        Assert.Equal(1, await db.Notes.CountAsync(n => n.DealId == deal.Id));
    }

    [DatabaseFact]
    public async Task ChangeDeal_TransitionToLost_SetsClosedFieldsAndHistory()
    {
        var team = await Db.CreateTeamAsync();
        var deal = await Db.CreateDealAsync(team);
        var at = Db.Time.GetUtcNow();
        await using var scope = Db.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IDealStore>();

        await store.ChangeDealAsync(deal.Id, s => new DealChangePlan<string>("lost")
        {
            Transition = new StageTransition(s.Deal.StageId, DealStatus.Lost, StageChangeKind.Closed, at, team.RepId, "price", LostReason: "price"),
        }, CancellationToken.None);

        var view = await store.GetAsync(deal.Id, CancellationToken.None);
        Assert.Equal((DealStatus.Lost, "price", at, 2), (view!.Deal.Status, view.Deal.LostReason, view.Deal.ClosedAt!.Value, view.Deal.StageVersion));
        Assert.Empty(await store.ListOpenByOwnerAsync(team.RepId, CancellationToken.None));
    }

    [DatabaseFact]
    public async Task ChangeDeal_WonDealMovesOnAfterSale_KeepsTheDayItWasWon()
    {
        var team = await Db.CreateTeamAsync();
        var deal = await Db.CreateDealAsync(team);
        var won = Db.Time.GetUtcNow();
        await using var scope = Db.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IDealStore>();

        await store.ChangeDealAsync(deal.Id, s => new DealChangePlan<string>("won")
        {
            Transition = new StageTransition(new StageId("contract-signed"), DealStatus.Won, StageChangeKind.Advanced, won, team.RepId, null),
        }, CancellationToken.None);
        // Implementation starts a month later; then RevOps renames the stage. The pipeline counts the deal in the month it was won.
        await store.ChangeDealAsync(deal.Id, s => new DealChangePlan<string>("moved")
        {
            Transition = new StageTransition(new StageId("implementation"), DealStatus.Won, StageChangeKind.Advanced, won.AddDays(30), team.RepId, null),
        }, CancellationToken.None);
        await store.ChangeDealAsync(deal.Id, s => new DealChangePlan<string>("renamed")
        {
            Transition = new StageTransition(new StageId("onboarding"), DealStatus.Won, StageChangeKind.MapChange, won.AddDays(40), null, "map v2"),
        }, CancellationToken.None);

        var view = (await store.GetAsync(deal.Id, CancellationToken.None))!.Deal;
        Assert.Equal((DealStatus.Won, "onboarding", won), (view.Status, view.StageId.Value, view.ClosedAt!.Value));
    }

    [DatabaseFact]
    public async Task ChangeDeal_CloseThenReopen_RecordsTheCloserAndClearsItOnReopen()
    {
        var team = await Db.CreateTeamAsync();
        var deal = await Db.CreateDealAsync(team);
        var at = Db.Time.GetUtcNow();
        await using var scope = Db.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IDealStore>();

        await store.ChangeDealAsync(deal.Id, s => new DealChangePlan<string>("lost")
        {
            Transition = new StageTransition(s.Deal.StageId, DealStatus.Lost, StageChangeKind.Closed, at, team.OtherId, "Not a fit", LostReason: "not-a-fit"),
        }, CancellationToken.None);
        Assert.Equal(team.OtherId, (await store.GetAsync(deal.Id, CancellationToken.None))!.Deal.ClosedByPersonId);

        await store.ChangeDealAsync(deal.Id, s => new DealChangePlan<string>("reopened")
        {
            Transition = new StageTransition(s.Deal.StageId, DealStatus.Open, StageChangeKind.Reopened, at.AddMinutes(2), team.RepId, "Reopened"),
        }, CancellationToken.None);

        var view = (await store.GetAsync(deal.Id, CancellationToken.None))!.Deal;
        Assert.Equal((DealStatus.Open, (long?)null, (string?)null, (DateTimeOffset?)null, 3), (view.Status, view.ClosedByPersonId, view.LostReason, view.ClosedAt, view.StageVersion));
        await using var db = Db.NewContext();
        Assert.Equal(StageChangeKind.Reopened, (await db.StageHistory.AsNoTracking().Where(h => h.DealId == deal.Id).OrderBy(h => h.Id).ToListAsync())[^1].Kind);
    }

    [DatabaseFact]
    public async Task ChangeDeal_SnoozeReplacedThenEnded_OnlyTheNewestCountsAndTheEndIsRecorded()
    {
        var team = await Db.CreateTeamAsync();
        var deal = await Db.CreateDealAsync(team);
        var at = Db.Time.GetUtcNow();
        await using var scope = Db.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IDealStore>();

        await store.ChangeDealAsync(deal.Id, _ => new DealChangePlan<string>("long") { Snooze = new SnoozeRequest(team.RepId, at.AddDays(20), at, "on leave") }, CancellationToken.None);
        await store.ChangeDealAsync(deal.Id, _ => new DealChangePlan<string>("short") { Snooze = new SnoozeRequest(team.RepId, at.AddDays(2), at) }, CancellationToken.None);
        Assert.Equal(at.AddDays(2), (await store.GetAsync(deal.Id, CancellationToken.None))!.SnoozedUntil);

        Db.Time.Advance(TimeSpan.FromHours(1));
        var ended = await store.ChangeDealAsync(deal.Id, _ => new DealChangePlan<string>("ended") { EndSnooze = new SnoozeEnd(team.OtherId, Db.Time.GetUtcNow()) }, CancellationToken.None);

        Assert.Equal("ended", ended);
        Assert.Null((await store.GetAsync(deal.Id, CancellationToken.None))!.SnoozedUntil);
        await using var db = Db.NewContext();
        var rows = await db.Snoozes.AsNoTracking().Where(s => s.DealId == deal.Id).OrderBy(s => s.Id).ToListAsync();
        Assert.Equal(new (string?, long?)[] { ("on leave", team.RepId), (null, team.OtherId) }, rows.Select(r => (r.Reason, r.EndedByPersonId)));
    }

    [DatabaseFact]
    public async Task Confirmations_DuplicateActiveRow_RefusedByUniqueIndex()
    {
        var team = await Db.CreateTeamAsync();
        var deal = await Db.CreateDealAsync(team);
        Confirmation Row() => new()
        {
            DealId = deal.Id,
            StageId = new StageId("discovery"),
            StageVersion = 1,
            ItemId = new ChecklistItemId("demo-booked"),
            PersonId = team.RepId,
            ConfirmedAt = Db.Time.GetUtcNow(),
        };
        await using var db = Db.NewContext();
        db.Confirmations.Add(Row());
        await db.SaveChangesAsync();

        db.Confirmations.Add(Row());
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [DatabaseFact]
    public async Task Deal_StaleStageVersion_RefusedByConcurrencyToken()
    {
        var team = await Db.CreateTeamAsync();
        var deal = await Db.CreateDealAsync(team);
        await using var first = Db.NewContext();
        await using var second = Db.NewContext();
        var a = await first.Deals.SingleAsync(d => d.Id == deal.Id);
        var b = await second.Deals.SingleAsync(d => d.Id == deal.Id);
        a.StageVersion++;
        await first.SaveChangesAsync();

        b.StageVersion++;
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
    }

    [DatabaseFact]
    public async Task Reads_FindListCount_ReturnExpectedDeals()
    {
        var team = await Db.CreateTeamAsync();
        var older = await Db.CreateDealAsync(team, "discovery", $"X-{team.Tag}-A", daysInStage: 20);
        var newer = await Db.CreateDealAsync(team, "demo", $"X-{team.Tag}-B", daysInStage: 2);
        await using var scope = Db.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IDealStore>();

        var found = await store.FindByExternalIdAsync($"x-{team.Tag}-a", CancellationToken.None);
        var mine = await store.ListOpenByOwnerAsync(team.RepId, CancellationToken.None);
        var open = await store.ListOpenAsync([team.TeamId], CancellationToken.None);
        var counts = await store.CountOpenByStageAsync(team.TeamId, CancellationToken.None);
        var names = await store.ListNamesAsync([team.TeamId], CancellationToken.None);

        Assert.Equal(older.Id, found!.Deal.Id);
        Assert.Equal(1234.56m, found.Deal.Amount);
        Assert.Equal([older.Id, newer.Id], mine.Select(v => v.Deal.Id));
        Assert.Equal(2, open.Count);
        Assert.Equal(1, counts["discovery"]);
        Assert.Equal(1, counts["demo"]);
        Assert.Equal(2, names.Count);
        Assert.Null(await store.FindByExternalIdAsync("no-such-deal", CancellationToken.None));
    }

    [DatabaseFact]
    public async Task Directory_FindByChatIdsEmailAndTeamName_CaseRules()
    {
        var team = await Db.CreateTeamAsync();
        await using (var db = Db.NewContext())
        {
            var rep = await db.People.SingleAsync(p => p.Id == team.RepId);
            rep.TeamsAadObjectId = $"AAD-{team.Tag}";
            rep.SlackUserId = $"U{team.Tag}";
            await db.SaveChangesAsync();
        }

        await Db.Services.GetRequiredService<ICacheInvalidation>().InvalidateAsync(CacheKey.Directory);
        await using var scope = Db.Services.CreateAsyncScope();
        var directory = scope.ServiceProvider.GetRequiredService<IDirectoryStore>();

        Assert.Equal(team.RepId, (await directory.FindPersonAsync(new ChatUser(ChatChannel.Teams, TeamsAadObjectId: $"AAD-{team.Tag}"), CancellationToken.None))?.Id);
        Assert.Null(await directory.FindPersonAsync(new ChatUser(ChatChannel.Teams, TeamsAadObjectId: $"aad-{team.Tag}"), CancellationToken.None));
        Assert.Equal(team.RepId, (await directory.FindPersonAsync(new ChatUser(ChatChannel.Slack, SlackUserId: $"U{team.Tag}", SlackTeamId: "T0ANY"), CancellationToken.None))?.Id);
        var byEmail = await directory.FindPersonByEmailAsync(team.OtherEmail.ToUpperInvariant(), CancellationToken.None);
        Assert.Equal([team.TeamId], byEmail!.TeamIds);
        Assert.Equal(team.TeamId, (await directory.FindTeamByNameAsync(team.TeamName.ToUpperInvariant(), CancellationToken.None))?.Id);
        Assert.Contains(await directory.ListTeamsAsync(CancellationToken.None), t => t.Id == team.TeamId);
    }

    [DatabaseFact]
    public async Task Directory_SlackUserIdWithItsWorkspace_MatchesOnlyInThatWorkspace()
    {
        var team = await Db.CreateTeamAsync();
        await using (var db = Db.NewContext())
        {
            var rep = await db.People.SingleAsync(p => p.Id == team.RepId);
            rep.SlackUserId = $"U{team.Tag}";
            rep.SlackTeamId = $"T{team.Tag}";
            await db.SaveChangesAsync();
        }

        // Written behind the stores' back: drop a directory snapshot another test may have loaded.
        await Db.Services.GetRequiredService<ICacheInvalidation>().InvalidateAsync(CacheKey.Directory);

        await using var scope = Db.Services.CreateAsyncScope();
        var directory = scope.ServiceProvider.GetRequiredService<IDirectoryStore>();
        Task<PersonView?> Find(string? teamId, string? enterpriseId = null, string? email = null) =>
            directory.FindPersonAsync(new ChatUser(ChatChannel.Slack, SlackUserId: $"U{team.Tag}", Email: email, SlackTeamId: teamId, SlackEnterpriseId: enterpriseId), CancellationToken.None);

        Assert.Equal(team.RepId, (await Find($"T{team.Tag}"))?.Id);
        Assert.Equal(team.RepId, (await Find("T0GRIDWS", enterpriseId: $"T{team.Tag}"))?.Id);
        Assert.Null(await Find("T0STRANGER"));
        Assert.Null(await Find(null));
        // Another workspace's user with that id is nobody here; a vouched-for email still finds its own person.
        Assert.Equal(team.OtherId, (await Find("T0STRANGER", email: team.OtherEmail))?.Id);
    }

    [DatabaseFact]
    public async Task Teams_NameDifferingOnlyInCase_RefusedByUniqueIndex()
    {
        var team = await Db.CreateTeamAsync();
        await using var db = Db.NewContext();
        db.Teams.Add(new SalesTeam { Name = team.TeamName.ToUpperInvariant() });

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [DatabaseFact]
    public async Task Conversations_LinkRelinkUnlink_RoundTrip()
    {
        var team = await Db.CreateTeamAsync();
        var first = await Db.CreateDealAsync(team);
        var second = await Db.CreateDealAsync(team);
        var key = ConversationKey.For(ChatChannel.Cli, team.Tag);
        await using var scope = Db.Services.CreateAsyncScope();
        var conversations = scope.ServiceProvider.GetRequiredService<IConversationStore>();

        await conversations.LinkAsync(key, first.Id, team.RepId, Db.Time.GetUtcNow(), CancellationToken.None);
        await conversations.LinkAsync(key, second.Id, team.RepId, Db.Time.GetUtcNow(), CancellationToken.None);

        Assert.Equal(second.Id, await conversations.GetLinkedDealAsync(key, CancellationToken.None));
        Assert.True(await conversations.UnlinkAsync(key, CancellationToken.None));
        Assert.False(await conversations.UnlinkAsync(key, CancellationToken.None));
        Assert.Null(await conversations.GetLinkedDealAsync(key, CancellationToken.None));
    }

    [DatabaseFact]
    public async Task Conversations_LinkedAtTheSameMomentFromSeveralTurns_EveryLinkSucceedsOneRowStays()
    {
        var team = await Db.CreateTeamAsync();
        var deals = new List<DealId>();
        for (var i = 0; i < 4; i++)
        {
            deals.Add((await Db.CreateDealAsync(team)).Id);
        }

        for (var round = 0; round < 5; round++)
        {
            var key = ConversationKey.Slack("T" + team.Tag, $"C-race-{round}");
            using var start = new Barrier(deals.Count);
            await Task.WhenAll(deals.Select(deal => Task.Run(async () =>
            {
                await using var scope = Db.Services.CreateAsyncScope();
                var conversations = scope.ServiceProvider.GetRequiredService<IConversationStore>();
                Assert.Null(await conversations.GetLinkedDealAsync(key, CancellationToken.None));   // every turn sees no link yet
                start.SignalAndWait(TimeSpan.FromSeconds(10));
                await conversations.LinkAsync(key, deal, team.RepId, Db.Time.GetUtcNow(), CancellationToken.None);
            })));

            await using var db = Db.NewContext();
            var rows = await db.ConversationLinks.AsNoTracking().Where(l => l.ConversationKey == key).ToListAsync();
            Assert.Contains(Assert.Single(rows).DealId, deals);
        }
    }

    [DatabaseFact]
    public async Task Conversations_KeyColumn_HoldsTheTextFormRowsHaveAlwaysHad()
    {
        var team = await Db.CreateTeamAsync();
        var deal = await Db.CreateDealAsync(team);
        var key = ConversationKey.Slack("T" + team.Tag, "C1");
        await using var scope = Db.Services.CreateAsyncScope();
        var conversations = scope.ServiceProvider.GetRequiredService<IConversationStore>();

        await conversations.LinkAsync(key, deal.Id, team.RepId, Db.Time.GetUtcNow(), CancellationToken.None);

        await using var db = Db.NewContext();
        var stored = await db.Database.SqlQuery<string>($"SELECT conversation_key AS \"Value\" FROM conversation_links WHERE deal_id = {deal.Id.Value}").SingleAsync();
        Assert.Equal($"slack:T{team.Tag}:C1", stored);

        // A row as an earlier version wrote it is found by the typed key.
        var earlier = $"teams:19:{team.Tag}@thread.tacv2";
        await db.Database.ExecuteSqlAsync($"UPDATE conversation_links SET conversation_key = {earlier} WHERE deal_id = {deal.Id.Value}");
        Assert.Equal(deal.Id, await conversations.GetLinkedDealAsync(ConversationKey.For(ChatChannel.Teams, $"19:{team.Tag}@thread.tacv2"), CancellationToken.None));
    }
}
