using Microsoft.EntityFrameworkCore;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Nudges;
using SalesCoachBot.Data.Infrastructure;

namespace SalesCoachBot.Data.Nudges;

/// <summary>Managers and deal owners with the chat ids a direct message needs; a singleton like <see cref="NudgeStore"/>.</summary>
internal sealed class NudgeRecipientStore(SalesCoachDbContextFactory factory) : INudgeRecipients
{
    public async Task<IReadOnlyList<NudgeRecipient>> ListManagersAsync(long teamId, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        return await db.Set<Person>().AsNoTracking()
            .Where(p => p.Role == PersonRole.Manager && db.Set<TeamMembership>().Any(m => m.PersonId == p.Id && m.TeamId == teamId))
            .OrderBy(p => p.Id)
            .Select(p => new NudgeRecipient(p.Id, p.Name, p.SlackUserId, p.TeamsAadObjectId) { Language = p.Language })
            .ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<NudgeRecipient>> ListPeopleAsync(IReadOnlyCollection<long> personIds, CancellationToken cancellationToken)
    {
        if (personIds.Count == 0)
        {
            return [];
        }

        await using var db = factory.CreateDbContext();
        var ids = personIds.Distinct().ToList();
        return await db.Set<Person>().AsNoTracking()
            .Where(p => ids.Contains(p.Id))
            .OrderBy(p => p.Id)
            .Select(p => new NudgeRecipient(p.Id, p.Name, p.SlackUserId, p.TeamsAadObjectId) { Language = p.Language })
            .ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<NudgeRecipient>> ListAdminsAsync(CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        return await db.Set<Person>().AsNoTracking()
            .Where(p => p.Role == PersonRole.Admin)
            .OrderBy(p => p.Id)
            .Select(p => new NudgeRecipient(p.Id, p.Name, p.SlackUserId, p.TeamsAadObjectId))
            .ToListAsync(cancellationToken);
    }

    public async Task<string?> FindTeamNameAsync(long teamId, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        return await db.Set<SalesTeam>().AsNoTracking().Where(t => t.Id == teamId).Select(t => t.Name).FirstOrDefaultAsync(cancellationToken);
    }
}
