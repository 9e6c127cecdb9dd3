using Microsoft.Extensions.DependencyInjection;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Nudges;
using SalesCoachBot.Data.Tests.Infrastructure;

namespace SalesCoachBot.Data.Tests.Nudges;

public sealed class SqliteNudgeNoticeStoreTests(SqliteDatabaseFixture fixture) : NudgeNoticeStoreTests(() => fixture.Database), IClassFixture<SqliteDatabaseFixture>;

public sealed class PostgresNudgeNoticeStoreTests(PostgresDatabaseFixture fixture) : NudgeNoticeStoreTests(() => fixture.Database), IClassFixture<PostgresDatabaseFixture>;

/// <summary>Managers' notices and owners' messages in the outbox: their own once-a-day claim, kinds kept, recipients read.</summary>
public abstract class NudgeNoticeStoreTests(Func<TestDatabase> database)
{
    private static readonly DateOnly Day = new(2025, 3, 10);

    private TestDatabase Db => database();

    private INudgeOutbox Outbox => Db.Services.GetRequiredService<INudgeOutbox>();

    private INudgeRecipients Recipients => Db.Services.GetRequiredService<INudgeRecipients>();

    private static NewOutboxMessage Message(long team, string target, NudgeKind kind) =>
        new(team, Day, ConversationKey.Parse(target), DigestPayload.Serialize(new BotAnswer($"{kind} for {target}")), kind);

    [DatabaseFact]
    public async Task ClaimNotice_SixHostsRacingAfterTheDigestsClaim_OneNoticeAndTheDigestClaimUntouched()
    {
        var team = await Db.CreateTeamAsync();
        Assert.True(await Outbox.ClaimAndEnqueueAsync(team.TeamId, Day, Db.Time.GetUtcNow(), [Message(team.TeamId, "slack:T:C", NudgeKind.Digest)], false, CancellationToken.None));

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() =>
            Outbox.ClaimNoticeAndEnqueueAsync(team.TeamId, Day, Db.Time.GetUtcNow(), [Message(team.TeamId, "slack-user:U1", NudgeKind.ManagerNotice)], CancellationToken.None))));

        Assert.Single(results, won => won);
        Assert.True(await Outbox.IsClaimedAsync(team.TeamId, Day, CancellationToken.None));
        Assert.False(await Outbox.ClaimAndEnqueueAsync(team.TeamId, Day, Db.Time.GetUtcNow(), [Message(team.TeamId, "slack:T:C", NudgeKind.Digest)], false, CancellationToken.None));
        var messages = await Outbox.ListMessagesAsync(team.TeamId, CancellationToken.None);
        Assert.Equal([(NudgeKind.Digest, "slack:T:C"), (NudgeKind.ManagerNotice, "slack-user:U1")], messages.Select(m => (m.Kind, m.Conversation.ToString())));
    }

    [DatabaseFact]
    public async Task ClaimNotice_BeforeTheDigest_DoesNotClaimTheDigestsDay()
    {
        var team = await Db.CreateTeamAsync();

        Assert.True(await Outbox.ClaimNoticeAndEnqueueAsync(team.TeamId, Day, Db.Time.GetUtcNow(), [], CancellationToken.None));

        Assert.False(await Outbox.IsClaimedAsync(team.TeamId, Day, CancellationToken.None));
        Assert.False(await Outbox.ClaimNoticeAndEnqueueAsync(team.TeamId, Day, Db.Time.GetUtcNow(), [], CancellationToken.None));
        Assert.True(await Outbox.ClaimNoticeAndEnqueueAsync(team.TeamId, Day.AddDays(1), Db.Time.GetUtcNow(), [], CancellationToken.None));
    }

    [DatabaseFact]
    public async Task LeaseDue_OwnerDigestRow_KeepsItsKind()
    {
        var team = await Db.CreateTeamAsync();
        await Outbox.ClaimAndEnqueueAsync(team.TeamId, Day, Db.Time.GetUtcNow(), [Message(team.TeamId, "teams-user:aad-1", NudgeKind.OwnerDigest)], false, CancellationToken.None);

        var leased = Assert.Single(await Outbox.LeaseDueAsync("host-a", Db.Time.GetUtcNow(), TimeSpan.FromMinutes(5), 10, CancellationToken.None), m => m.TeamId == team.TeamId);

        Assert.Equal(NudgeKind.OwnerDigest, leased.Kind);
        Assert.Equal("teams-user:aad-1", leased.Conversation.ToString());
    }

    [DatabaseFact]
    public async Task StallCandidates_FreshBookedAndOldDeals_OldOnesLoadedBookedOrNot()
    {
        var team = await Db.CreateTeamAsync();
        var fresh = await Db.CreateDealAsync(team, daysInStage: 2);
        var old = await Db.CreateDealAsync(team, daysInStage: 40);
        var booked = await Db.CreateDealAsync(team, daysInStage: 40);
        var now = Db.Time.GetUtcNow();
        await using (var db = Db.NewContext())
        {
            var row = await db.Deals.FindAsync(booked.Id);
            row!.NextStepAt = now.AddDays(3);
            await db.SaveChangesAsync();
        }

        var candidates = await Db.Services.GetRequiredService<IStallCandidates>()
            .ListAsync([team.TeamId], enteredBefore: now.AddDays(-10), activeBefore: now.AddDays(-10), now, CancellationToken.None);

        // A booked next step no longer rules a deal out: past twice its stage's limit it stalls anyway (the rule decides).
        Assert.Equal([old.Id, booked.Id], candidates.Select(c => c.Deal.Id).Order());
        Assert.DoesNotContain(fresh.Id, candidates.Select(c => c.Deal.Id));
        Assert.Equal(team.TeamName, candidates[0].TeamName);
    }

    [DatabaseFact]
    public async Task NextStepReminder_SixRunsRacing_MarkedAndQueuedOnceThenNotListedAgain()
    {
        var team = await Db.CreateTeamAsync();
        var deal = await Db.CreateDealAsync(team, daysInStage: 5);
        var quiet = await Db.CreateDealAsync(team, daysInStage: 5);
        var now = Db.Time.GetUtcNow();
        await using (var db = Db.NewContext())
        {
            foreach (var (id, activity) in new[] { (deal.Id, now.AddDays(-3)), (quiet.Id, now.AddDays(-1)) })
            {
                var row = await db.Deals.FindAsync(id);
                (row!.NextStep, row.NextStepAt, row.NextStepSetAt, row.LastActivityAt) = ("demo", now.AddDays(-1), now.AddDays(-3), activity);
            }

            await db.SaveChangesAsync();
        }

        var store = Db.Services.GetRequiredService<INextStepReminderStore>();
        var due = Assert.Single(await store.ListDueAsync(team.TeamId, now.AddDays(-7), now, CancellationToken.None));
        Assert.Equal(deal.Id, due.Deal);
        Assert.Equal("demo", due.Text);

        var message = Message(team.TeamId, "slack-user:U1", NudgeKind.NextStepReminder);
        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() =>
            store.MarkRemindedAndEnqueueAsync(due, Db.Time.GetUtcNow(), [message], CancellationToken.None))));

        Assert.Single(results, won => won);
        Assert.Empty(await store.ListDueAsync(team.TeamId, now.AddDays(-7), now, CancellationToken.None));
        var queued = await Outbox.ListMessagesAsync(team.TeamId, CancellationToken.None);
        Assert.Equal([(NudgeKind.NextStepReminder, "slack-user:U1")], queued.Select(m => (m.Kind, m.Conversation.ToString())));
    }

    [DatabaseFact]
    public async Task Recipients_TeamWithManagerAndReps_ListsOnlyItsManagersWithTheirChatIds()
    {
        var team = await Db.CreateTeamAsync();
        var other = await Db.CreateTeamAsync();
        long managerId;
        await using (var db = Db.NewContext())
        {
            var manager = new Person
            {
                Email = $"boss-{team.Tag}@example.com",
                Name = $"Boss {team.Tag}",
                Role = PersonRole.Manager,
                SlackUserId = "U0BOSS",
                TeamsAadObjectId = "aad-boss",
                Memberships = [new TeamMembership { TeamId = team.TeamId }],
            };
            var otherManager = new Person
            {
                Email = $"boss-{other.Tag}@example.com",
                Name = $"Boss {other.Tag}",
                Role = PersonRole.Manager,
                Memberships = [new TeamMembership { TeamId = other.TeamId }],
            };
            db.People.AddRange(manager, otherManager);
            await db.SaveChangesAsync();
            managerId = manager.Id;
        }

        var managers = await Recipients.ListManagersAsync(team.TeamId, CancellationToken.None);
        var people = await Recipients.ListPeopleAsync([team.RepId, team.RepId, managerId], CancellationToken.None);

        Assert.Equal([new NudgeRecipient(managerId, $"Boss {team.Tag}", "U0BOSS", "aad-boss")], managers);
        Assert.Equal([team.RepId, managerId], people.Select(p => p.PersonId));
        Assert.Equal(team.TeamName, await Recipients.FindTeamNameAsync(team.TeamId, CancellationToken.None));
        Assert.Null(await Recipients.FindTeamNameAsync(-1, CancellationToken.None));
    }
}
