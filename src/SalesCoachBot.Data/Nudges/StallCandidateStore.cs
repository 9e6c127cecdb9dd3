using Microsoft.EntityFrameworkCore;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Nudges;
using SalesCoachBot.Data.Infrastructure;
using SalesCoachBot.Data.Stores;

namespace SalesCoachBot.Data.Nudges;

/// <summary>
/// The open deals a digest looks at, filtered in the database: in the stage or inactive long enough to be stalled by
/// the shortest limits (a booked next step no longer rules a deal out: past twice its stage's limit it stalls anyway). Built with the same fixed number of queries as
/// every other deal list (<see cref="DealViewQueries"/>), for all teams at once.
/// </summary>
internal sealed class StallCandidateStore(SalesCoachDbContextFactory factory) : IStallCandidates
{
    public async Task<IReadOnlyList<DealView>> ListAsync(
        IReadOnlyCollection<long>? teamIds, DateTimeOffset enteredBefore, DateTimeOffset activeBefore, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        var query = db.Deals.AsNoTracking()
            .Where(d => d.Status == DealStatus.Open
                && (d.StageEnteredAt < enteredBefore || d.LastActivityAt < activeBefore));
        if (teamIds is not null)
        {
            var ids = teamIds.ToList();
            query = query.Where(d => ids.Contains(d.TeamId));
        }

        return await DealViewQueries.LoadAsync(db, query, now, cancellationToken);
    }
}
