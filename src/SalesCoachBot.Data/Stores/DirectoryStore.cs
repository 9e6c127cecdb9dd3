using Microsoft.EntityFrameworkCore;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Data.Configurations;
using SalesCoachBot.Data.Infrastructure;
using SalesCoachBot.Data.Stores.Caching;

namespace SalesCoachBot.Data.Stores;

internal sealed class DirectoryStore(DbContextLease lease) : IDirectoryStore
{
    private SalesCoachDbContext Db => lease.Context;

    public async Task<PersonView?> FindPersonAsync(ChatUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!string.IsNullOrEmpty(user.TeamsAadObjectId)
            && await FindAsync(p => p.TeamsAadObjectId == user.TeamsAadObjectId, cancellationToken) is { } byTeams)
        {
            return byTeams;
        }

        // A Slack user id is unique within its workspace only: it matches in the person's own workspace
        // (team or Enterprise Grid organisation), or anywhere when none is recorded.
        if (!string.IsNullOrEmpty(user.SlackUserId)
            && await FindAsync(
                p => p.SlackUserId == user.SlackUserId && (p.SlackTeamId == null || p.SlackTeamId == user.SlackTeamId || p.SlackTeamId == user.SlackEnterpriseId),
                cancellationToken) is { } bySlack)
        {
            return bySlack;
        }

        return string.IsNullOrWhiteSpace(user.Email) ? null : await FindPersonByEmailAsync(user.Email, cancellationToken);
    }

    public Task<PersonView?> FindPersonByEmailAsync(string email, CancellationToken cancellationToken)
    {
        var normalized = SalesCoachDbContext.NormalizeEmail(email);
        return FindAsync(p => p.Email == normalized, cancellationToken);
    }

    public async Task<IReadOnlyList<SalesTeam>> ListTeamsAsync(CancellationToken cancellationToken) =>
        await Db.Teams.AsNoTracking().OrderBy(t => t.Name).ToListAsync(cancellationToken);

    public Task<SalesTeam?> FindTeamByNameAsync(string name, CancellationToken cancellationToken)
    {
        var normalized = SalesCoachDbContext.NormalizeName(name);
        return Db.Teams.AsNoTracking()
            .FirstOrDefaultAsync(t => EF.Property<string>(t, SalesTeamConfiguration.NormalizedName) == normalized, cancellationToken);
    }

    public async Task<bool> SetQuotaAsync(long teamId, TeamQuota quota, long byPersonId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(quota);
        // One UPDATE: the team keeps one current quota, and a second setter simply comes last.
        return await Db.Teams.Where(t => t.Id == teamId).ExecuteUpdateAsync(
            set => set.SetProperty(t => t.QuotaAmount, quota.Amount)
                .SetProperty(t => t.QuotaCurrency, quota.Currency)
                .SetProperty(t => t.QuotaPeriod, quota.Period)
                .SetProperty(t => t.QuotaSetByPersonId, byPersonId)
                .SetProperty(t => t.QuotaSetAt, at),
            cancellationToken) > 0;
    }

    public async Task<TeamRoster> ListRosterAsync(IReadOnlyCollection<long> teamIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(teamIds);
        var ids = teamIds.ToList();
        // One query: each membership with its person and a correlated count of the open deals they own in that team.
        var members = await (
            from m in Db.Memberships.AsNoTracking()
            where ids.Contains(m.TeamId)
            join p in Db.People.AsNoTracking() on m.PersonId equals p.Id
            orderby m.TeamId, p.Name, p.Id
            select new TeamMember(
                m.TeamId, p.Id, p.Name, p.Role, p.Language,
                Db.Deals.Count(d => d.OwnerId == p.Id && d.TeamId == m.TeamId && d.Status == DealStatus.Open)))
            .ToListAsync(cancellationToken);
        var open = await Db.Deals.AsNoTracking()
            .Where(d => d.Status == DealStatus.Open && ids.Contains(d.TeamId))
            .GroupBy(d => d.TeamId)
            .Select(g => new { TeamId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.TeamId, g => g.Count, cancellationToken);
        return new TeamRoster(members, open);
    }

    private async Task<PersonView?> FindAsync(System.Linq.Expressions.Expression<Func<Person, bool>> predicate, CancellationToken cancellationToken)
    {
        var person = await Db.People.AsNoTracking()
            .Include(p => p.Memberships)
            .FirstOrDefaultAsync(predicate, cancellationToken);
        return person is null ? null : ToView(person);
    }

    /// <summary>Every person (with team ids) and team, indexed the ways chat turns look them up (<see cref="CachingDirectoryStore"/>).</summary>
    internal async Task<DirectorySnapshot> LoadSnapshotAsync(CancellationToken cancellationToken)
    {
        var people = await Db.People.AsNoTracking().Include(p => p.Memberships).OrderBy(p => p.Id).ToListAsync(cancellationToken);
        var teams = await ListTeamsAsync(cancellationToken);
        var byTeamsId = new Dictionary<string, PersonView>(StringComparer.Ordinal);
        var bySlackId = new Dictionary<string, (PersonView, string?)>(StringComparer.Ordinal);
        var byEmail = new Dictionary<string, PersonView>(StringComparer.Ordinal);
        foreach (var person in people)
        {
            var view = ToView(person);
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

    /// <summary>A person with their memberships loaded, as answers see them.</summary>
    internal static PersonView ToView(Person person) =>
        new(person.Id, person.Email, person.Name, person.Role, person.Memberships.Select(m => m.TeamId).Order().ToList()) { Language = person.Language };
}
