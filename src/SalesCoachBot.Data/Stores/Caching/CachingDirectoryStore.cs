using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Caching;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;

namespace SalesCoachBot.Data.Stores.Caching;

/// <summary>
/// Answers directory lookups from one snapshot of people and teams in the shared cache
/// (<see cref="CacheRegion.Directory"/>, kept <see cref="CacheOptions.ReadLifetime"/>); every chat turn looks up
/// its sender, so this saves a query per turn. The inner store takes its database context only when it queries
/// (<see cref="Infrastructure.DbContextLease"/>).
/// </summary>
internal sealed class CachingDirectoryStore(DirectoryStore inner, SharedCache cache) : IDirectoryStore
{
    public async Task<PersonView?> FindPersonAsync(ChatUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!Cached)
        {
            return await inner.FindPersonAsync(user, cancellationToken);
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
            : await inner.FindPersonByEmailAsync(email, cancellationToken);

    public async Task<IReadOnlyList<SalesTeam>> ListTeamsAsync(CancellationToken cancellationToken) =>
        Cached ? (await SnapshotAsync(cancellationToken)).TeamsByName : await inner.ListTeamsAsync(cancellationToken);

    public async Task<SalesTeam?> FindTeamByNameAsync(string name, CancellationToken cancellationToken) =>
        Cached
            ? Lookup((await SnapshotAsync(cancellationToken)).TeamsByNormalizedName, SalesCoachDbContext.NormalizeName(name))
            : await inner.FindTeamByNameAsync(name, cancellationToken);

    /// <summary>Deal counts change with every turn: read from the database, never the snapshot.</summary>
    public Task<TeamRoster> ListRosterAsync(IReadOnlyCollection<long> teamIds, CancellationToken cancellationToken) =>
        inner.ListRosterAsync(teamIds, cancellationToken);

    /// <summary>A write: the caller invalidates <see cref="CacheKey.Directory"/> on every host (SetQuotaUseCase).</summary>
    public Task<bool> SetQuotaAsync(long teamId, TeamQuota quota, long byPersonId, DateTimeOffset at, CancellationToken cancellationToken) =>
        inner.SetQuotaAsync(teamId, quota, byPersonId, at, cancellationToken);

    private bool Cached => cache.IsOn(CacheRegion.Directory);

    private static T? Lookup<T>(IReadOnlyDictionary<string, T> index, string key) where T : class =>
        index.TryGetValue(key, out var found) ? found : null;

    private ValueTask<DirectorySnapshot> SnapshotAsync(CancellationToken cancellationToken) =>
        cache.GetOrReadAsync(CacheKey.Directory, inner, static (store, ct) => new ValueTask<DirectorySnapshot>(store.LoadSnapshotAsync(ct)), cancellationToken);
}

/// <summary>Every person (with team ids) and team, indexed the ways chat turns look them up.</summary>
internal sealed record DirectorySnapshot(
    IReadOnlyDictionary<string, PersonView> ByTeamsId,
    IReadOnlyDictionary<string, (PersonView Person, string? SlackTeamId)> BySlackId,
    IReadOnlyDictionary<string, PersonView> ByEmail,
    IReadOnlyList<SalesTeam> TeamsByName,
    IReadOnlyDictionary<string, SalesTeam> TeamsByNormalizedName);
