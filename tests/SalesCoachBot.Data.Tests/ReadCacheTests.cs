using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Caching;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Data.Imports;
using SalesCoachBot.Data.Infrastructure;
using SalesCoachBot.Data.Tests.Infrastructure;

namespace SalesCoachBot.Data.Tests;

public sealed class SqliteReadCacheTests(SqliteDatabaseFixture fixture) : ReadCacheTests(() => fixture.Database), IClassFixture<SqliteDatabaseFixture>;

public sealed class PostgresReadCacheTests(PostgresDatabaseFixture fixture) : ReadCacheTests(() => fixture.Database), IClassFixture<PostgresDatabaseFixture>;

/// <summary>
/// The read cache behind <see cref="IDealStore.GetAsync"/> and <see cref="IDirectoryStore"/>: changes made
/// through this process show at once; changes made behind its back show once the lifetime (5 s) has passed.
/// </summary>
public abstract class ReadCacheTests(Func<TestDatabase> database)
{
    private TestDatabase Db => database();

    private async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Db.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    private Task<DealView?> GetDealAsync(DealId id) =>
        InScopeAsync(sp => sp.GetRequiredService<IDealStore>().GetAsync(id, CancellationToken.None));

    private Task<PersonView?> FindByEmailAsync(string email) =>
        InScopeAsync(sp => sp.GetRequiredService<IDirectoryStore>().FindPersonByEmailAsync(email, CancellationToken.None));

    private async Task RenameBehindTheStoresBackAsync(DealId dealId, string name)
    {
        await using var db = Db.NewContext();
        await db.Deals.Where(d => d.Id == dealId).ExecuteUpdateAsync(s => s.SetProperty(d => d.Name, name));
    }

    [DatabaseFact]
    public async Task GetDeal_ChangedBehindTheStoresBack_SeenOnlyAfterTheLifetime()
    {
        var team = await Db.CreateTeamAsync();
        var deal = await Db.CreateDealAsync(team);
        Assert.Equal(deal.Name, (await GetDealAsync(deal.Id))!.Deal.Name);

        await RenameBehindTheStoresBackAsync(deal.Id, "Renamed elsewhere");

        Assert.Equal(deal.Name, (await GetDealAsync(deal.Id))!.Deal.Name);
        Db.Time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal("Renamed elsewhere", (await GetDealAsync(deal.Id))!.Deal.Name);
    }

    [DatabaseFact]
    public async Task Stores_TurnAnsweredFromTheCache_TakeNoDatabaseContext()
    {
        var team = await Db.CreateTeamAsync();
        var deal = await Db.CreateDealAsync(team);
        Db.Time.Advance(TimeSpan.FromSeconds(5)); // past any snapshot an earlier test in this class left
        Assert.NotNull(await GetDealAsync(deal.Id));
        Assert.NotNull(await FindByEmailAsync(team.RepEmail));

        await using var scope = Db.Services.CreateAsyncScope();
        var lease = scope.ServiceProvider.GetRequiredService<DbContextLease>();
        var deals = scope.ServiceProvider.GetRequiredService<IDealStore>();
        _ = scope.ServiceProvider.GetRequiredService<IConversationStore>();
        Assert.NotNull(await scope.ServiceProvider.GetRequiredService<IDirectoryStore>().FindPersonByEmailAsync(team.RepEmail, CancellationToken.None));
        Assert.NotNull(await deals.GetAsync(deal.Id, CancellationToken.None));
        Assert.False(lease.IsTaken);

        await deals.ListOpenAsync([team.TeamId], CancellationToken.None); // not cached: the database is asked
        Assert.True(lease.IsTaken);
    }

    [DatabaseFact]
    public async Task GetDeal_ChangedBehindTheStoresBackAndInvalidated_SeenAtOnce()
    {
        var team = await Db.CreateTeamAsync();
        var deal = await Db.CreateDealAsync(team);
        Assert.Equal(deal.Name, (await GetDealAsync(deal.Id))!.Deal.Name);

        await RenameBehindTheStoresBackAsync(deal.Id, "Renamed and announced");
        await Db.Services.GetRequiredService<ICacheInvalidation>().InvalidateAsync(CacheKey.Deal(deal.Id));

        Assert.Equal("Renamed and announced", (await GetDealAsync(deal.Id))!.Deal.Name);
    }

    [DatabaseFact]
    public async Task GetDeal_AfterAChangeThroughTheStore_ShowsItAtOnce()
    {
        var team = await Db.CreateTeamAsync();
        var deal = await Db.CreateDealAsync(team);
        Assert.Empty((await GetDealAsync(deal.Id))!.Confirmations);
        var at = Db.Time.GetUtcNow();

        await InScopeAsync(sp => sp.GetRequiredService<IDealStore>().ChangeDealAsync(deal.Id, _ => new DealChangePlan<string>("ok")
        {
            Confirm = [new NewConfirmation(new ChecklistItemId("requirements-listed"), team.RepId, $"Rep {team.Tag}", at, ChatChannel.Slack)],
            ActivityAt = at,
        }, CancellationToken.None));

        var confirmation = Assert.Single((await GetDealAsync(deal.Id))!.Confirmations);
        Assert.Equal("requirements-listed", confirmation.Item.Value);
    }

    private Task AddNoteAsync(TestTeam team, DealId deal, string text, DateTimeOffset at) =>
        InScopeAsync(sp => sp.GetRequiredService<IDealStore>().ChangeDealAsync(deal, _ => new DealChangePlan<string>("ok")
        {
            AddNote = new NewNote(team.RepId, text, at),
        }, CancellationToken.None));

    /// <summary>What the card shows: the notes the view brought, else the journal's (as WhatsNextUseCase reads them).</summary>
    private Task<IReadOnlyList<NoteView>> CardNotesAsync(DealId deal) => InScopeAsync(async sp =>
        (await sp.GetRequiredService<IDealStore>().GetAsync(deal, CancellationToken.None))!.LatestNotes
        ?? await sp.GetRequiredService<IDealJournal>().RecentNotesAsync(deal, DealView.LatestNotesRead, CancellationToken.None));

    [DatabaseFact]
    public async Task GetDeal_BringsTheLatestNotes_AndANewNoteShowsAtOnce()
    {
        var team = await Db.CreateTeamAsync();
        var deal = await Db.CreateDealAsync(team);
        var start = Db.Time.GetUtcNow();
        for (var i = 1; i <= 4; i++)
        {
            await AddNoteAsync(team, deal.Id, $"note {i}", start.AddMinutes(i));
        }

        Db.Time.Advance(TimeSpan.FromSeconds(5)); // past the view the last change left in the cache
        var read = (await GetDealAsync(deal.Id))!;
        Assert.Equal(["note 4", "note 3", "note 2"], read.LatestNotes!.Select(n => n.Text));
        Assert.Same(read.LatestNotes, (await GetDealAsync(deal.Id))!.LatestNotes); // served from the cache

        await AddNoteAsync(team, deal.Id, "note 5", start.AddMinutes(5));

        Assert.Equal(["note 5", "note 4", "note 3"], (await CardNotesAsync(deal.Id)).Select(n => n.Text));
    }

    [DatabaseFact]
    public async Task FindPerson_AddedBehindTheStoresBack_FoundOnlyAfterTheLifetime()
    {
        var team = await Db.CreateTeamAsync();
        Db.Time.Advance(TimeSpan.FromSeconds(5)); // past any snapshot an earlier test in this class left
        Assert.NotNull(await FindByEmailAsync(team.RepEmail));
        var email = $"late-{team.Tag}@example.com";
        await using (var db = Db.NewContext())
        {
            db.People.Add(new Person { Email = email, Name = "Late Joiner", Memberships = [new TeamMembership { TeamId = team.TeamId }] });
            await db.SaveChangesAsync();
        }

        Assert.Null(await FindByEmailAsync(email));
        Db.Time.Advance(TimeSpan.FromSeconds(5));
        var found = await FindByEmailAsync(email.ToUpperInvariant());
        Assert.Equal("Late Joiner", found!.Name);
        Assert.Equal([team.TeamId], found.TeamIds);
    }

    [DatabaseFact]
    public async Task FindPerson_ImportedInThisProcess_FoundAtOnceWithIdsAndTeams()
    {
        var team = await Db.CreateTeamAsync();
        Db.Time.Advance(TimeSpan.FromSeconds(5)); // past any snapshot an earlier test in this class left
        Assert.NotNull(await FindByEmailAsync(team.RepEmail));
        var email = $"imported-{team.Tag}@example.com";
        var file = Path.Combine(Path.GetTempPath(), $"scb-cache-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, $"email,name,team,role,teams_aad_object_id,slack_user_id\n{email},Imported Rep,{team.TeamName},rep,aad-{team.Tag},U{team.Tag}\n");
        try
        {
            var result = await InScopeAsync(sp => sp.GetRequiredService<CsvImportService>().ImportAsync(ImportKind.People, file, null, CancellationToken.None));
            Assert.True(result.IsClean, result.Summary);
            Assert.Equal(1, result.Added);
        }
        finally
        {
            File.Delete(file);
        }

        var byEmail = await FindByEmailAsync(email);
        var bySlack = await InScopeAsync(sp => sp.GetRequiredService<IDirectoryStore>().FindPersonAsync(new ChatUser(ChatChannel.Slack, SlackUserId: $"U{team.Tag}"), CancellationToken.None));
        var byTeams = await InScopeAsync(sp => sp.GetRequiredService<IDirectoryStore>().FindPersonAsync(new ChatUser(ChatChannel.Teams, TeamsAadObjectId: $"aad-{team.Tag}"), CancellationToken.None));
        var teamByName = await InScopeAsync(sp => sp.GetRequiredService<IDirectoryStore>().FindTeamByNameAsync($"  {team.TeamName.ToUpperInvariant()} ", CancellationToken.None));
        Assert.Equal("Imported Rep", byEmail!.Name);
        Assert.Equal(byEmail.Id, bySlack!.Id);
        Assert.Equal(byEmail.Id, byTeams!.Id);
        Assert.Equal(team.TeamId, teamByName!.Id);
    }
}
