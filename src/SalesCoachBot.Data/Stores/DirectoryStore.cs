using Microsoft.EntityFrameworkCore;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Data.Configurations;

namespace SalesCoachBot.Data.Stores;

internal sealed class DirectoryStore(SalesCoachDbContext db) : IDirectoryStore
{
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
        await db.Teams.AsNoTracking().OrderBy(t => t.Name).ToListAsync(cancellationToken);

    public Task<SalesTeam?> FindTeamByNameAsync(string name, CancellationToken cancellationToken)
    {
        var normalized = SalesCoachDbContext.NormalizeName(name);
        return db.Teams.AsNoTracking()
            .FirstOrDefaultAsync(t => EF.Property<string>(t, SalesTeamConfiguration.NormalizedName) == normalized, cancellationToken);
    }

    private async Task<PersonView?> FindAsync(System.Linq.Expressions.Expression<Func<Person, bool>> predicate, CancellationToken cancellationToken)
    {
        var person = await db.People.AsNoTracking()
            .Include(p => p.Memberships)
            .FirstOrDefaultAsync(predicate, cancellationToken);
        return person is null ? null : ToView(person);
    }

    /// <summary>A person with their memberships loaded, as answers see them.</summary>
    internal static PersonView ToView(Person person) =>
        new(person.Id, person.Email, person.Name, person.Role, person.Memberships.Select(m => m.TeamId).Order().ToList());
}
