using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;

namespace SalesCoachBot.Data.Stores.Caching;

/// <summary>
/// Answers directory lookups from one in-memory snapshot of people and teams (see
/// <see cref="StoreReadCache"/>); every chat turn looks up its sender, so this saves a query per turn. The inner
/// store takes its database context only when it queries (<see cref="Infrastructure.DbContextLease"/>).
/// </summary>
internal sealed class CachingDirectoryStore(DirectoryStore inner, StoreReadCache cache) : IDirectoryStore
{
    public async Task<PersonView?> FindPersonAsync(ChatUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!cache.Enabled)
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
        cache.Enabled
            ? Lookup((await SnapshotAsync(cancellationToken)).ByEmail, SalesCoachDbContext.NormalizeEmail(email))
            : await inner.FindPersonByEmailAsync(email, cancellationToken);

    public async Task<IReadOnlyList<SalesTeam>> ListTeamsAsync(CancellationToken cancellationToken) =>
        cache.Enabled ? (await SnapshotAsync(cancellationToken)).TeamsByName : await inner.ListTeamsAsync(cancellationToken);

    public async Task<SalesTeam?> FindTeamByNameAsync(string name, CancellationToken cancellationToken) =>
        cache.Enabled
            ? Lookup((await SnapshotAsync(cancellationToken)).TeamsByNormalizedName, SalesCoachDbContext.NormalizeName(name))
            : await inner.FindTeamByNameAsync(name, cancellationToken);

    private static T? Lookup<T>(IReadOnlyDictionary<string, T> index, string key) where T : class =>
        index.TryGetValue(key, out var found) ? found : null;

    private Task<DirectorySnapshot> SnapshotAsync(CancellationToken cancellationToken) => cache.GetDirectoryAsync(inner.LoadSnapshotAsync, cancellationToken);
}
