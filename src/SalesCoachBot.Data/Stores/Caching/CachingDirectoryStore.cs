using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Caching;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;

namespace SalesCoachBot.Data.Stores.Caching;

/// <summary>
/// Answers directory lookups from one snapshot of people and teams in the shared cache
/// (<see cref="CacheRegion.Directory"/>, kept <see cref="CacheOptions.ReadLifetime"/>); every chat turn looks up
/// its sender, so this saves a query per turn.
/// </summary>
internal sealed class CachingDirectoryStore(IServiceProvider services, SharedCache cache) : IDirectoryStore
{
    // Resolved when the snapshot is (re)loaded or the cache is off: a turn served from memory builds no database context.
    private DirectoryStore Inner => field ??= services.GetRequiredService<DirectoryStore>();

    private SalesCoachDbContext Db => field ??= services.GetRequiredService<SalesCoachDbContext>();

    public async Task<PersonView?> FindPersonAsync(ChatUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!Cached)
        {
            return await Inner.FindPersonAsync(user, cancellationToken);
        }

        var snapshot = await SnapshotAsync(cancellationToken);
        if (!string.IsNullOrEmpty(user.TeamsAadObjectId) && snapshot.ByTeamsId.TryGetValue(user.TeamsAadObjectId, out var byTeams))
        {
            return byTeams;
        }

        if (!string.IsNullOrEmpty(user.SlackUserId) && snapshot.BySlackId.TryGetValue(user.SlackUserId, out var bySlack) && user.IsInSlackWorkspace(bySlack.SlackTeamId))
        {
            return bySlack.Person;
        }

        return string.IsNullOrWhiteSpace(user.Email) ? null : Lookup(snapshot.ByEmail, SalesCoachDbContext.NormalizeEmail(user.Email));
    }

    public async Task<PersonView?> FindPersonByEmailAsync(string email, CancellationToken cancellationToken) =>
        Cached
            ? Lookup((await SnapshotAsync(cancellationToken)).ByEmail, SalesCoachDbContext.NormalizeEmail(email))
            : await Inner.FindPersonByEmailAsync(email, cancellationToken);

    public async Task<IReadOnlyList<SalesTeam>> ListTeamsAsync(CancellationToken cancellationToken) =>
        Cached ? (await SnapshotAsync(cancellationToken)).TeamsByName : await Inner.ListTeamsAsync(cancellationToken);

    public async Task<SalesTeam?> FindTeamByNameAsync(string name, CancellationToken cancellationToken) =>
        Cached
            ? Lookup((await SnapshotAsync(cancellationToken)).TeamsByNormalizedName, SalesCoachDbContext.NormalizeName(name))
            : await Inner.FindTeamByNameAsync(name, cancellationToken);

    private bool Cached => cache.IsOn(CacheRegion.Directory);

    private static T? Lookup<T>(IReadOnlyDictionary<string, T> index, string key) where T : class =>
        index.TryGetValue(key, out var found) ? found : null;

    private ValueTask<DirectorySnapshot> SnapshotAsync(CancellationToken cancellationToken) =>
        cache.GetOrReadAsync(CacheKey.Directory, this, static (store, ct) => new ValueTask<DirectorySnapshot>(store.LoadAsync(ct)), cancellationToken);

    private async Task<DirectorySnapshot> LoadAsync(CancellationToken cancellationToken)
    {
        var people = await Db.People.AsNoTracking().Include(p => p.Memberships).OrderBy(p => p.Id).ToListAsync(cancellationToken);
        var teams = await Inner.ListTeamsAsync(cancellationToken);
        var byTeamsId = new Dictionary<string, PersonView>(StringComparer.Ordinal);
        var bySlackId = new Dictionary<string, (PersonView, string?)>(StringComparer.Ordinal);
        var byEmail = new Dictionary<string, PersonView>(StringComparer.Ordinal);
        foreach (var person in people)
        {
            var view = DirectoryStore.ToView(person);
            if (!string.IsNullOrEmpty(person.TeamsAadObjectId))
            {
                byTeamsId.TryAdd(person.TeamsAadObjectId, view);
            }

            if (!string.IsNullOrEmpty(person.SlackUserId))
            {
                bySlackId.TryAdd(person.SlackUserId, (view, person.SlackTeamId));
            }

            byEmail.TryAdd(person.Email, view);
        }

        var teamsByName = new Dictionary<string, SalesTeam>(StringComparer.Ordinal);
        foreach (var team in teams)
        {
            teamsByName.TryAdd(SalesCoachDbContext.NormalizeName(team.Name), team);
        }

        return new DirectorySnapshot(byTeamsId, bySlackId, byEmail, teams, teamsByName);
    }
}

/// <summary>Every person (with team ids) and team, indexed the ways chat turns look them up.</summary>
internal sealed record DirectorySnapshot(
    IReadOnlyDictionary<string, PersonView> ByTeamsId,
    IReadOnlyDictionary<string, (PersonView Person, string? SlackTeamId)> BySlackId,
    IReadOnlyDictionary<string, PersonView> ByEmail,
    IReadOnlyList<SalesTeam> TeamsByName,
    IReadOnlyDictionary<string, SalesTeam> TeamsByNormalizedName);
