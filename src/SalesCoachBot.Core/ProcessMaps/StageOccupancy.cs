using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Domain;

namespace SalesCoachBot.Core.ProcessMaps;

/// <summary>
/// Which deals sit in given stages: the check that refuses a new map that would strand them.
/// The data layer may register a fuller implementation; the default asks <see cref="IDealStore"/>.
/// </summary>
public interface IStageOccupancy
{
    /// <summary>
    /// Open deals of the teams using <paramref name="map"/> whose stage id is not in <paramref name="knownStages"/>
    /// (the stages and replaced ids of the map).
    /// </summary>
    Task<IReadOnlyList<StageOccupant>> FindDealsOutsideAsync(MapRef map, IReadOnlySet<string> knownStages, CancellationToken cancellationToken);
}

/// <summary>A deal found in a stage that a new map would remove.</summary>
public sealed record StageOccupant(string ExternalId, string Name, StageId Stage)
{
    public override string ToString() => $"{ExternalId} \"{Name}\" in {Stage}";
}

/// <summary>Open deals from the deal store (closed deals keep their last stage only as history), of the map's teams.</summary>
internal sealed class DealStoreStageOccupancy(IDealStore deals, IDirectoryStore? directory = null) : IStageOccupancy
{
    public async Task<IReadOnlyList<StageOccupant>> FindDealsOutsideAsync(
        MapRef map, IReadOnlySet<string> knownStages, CancellationToken cancellationToken)
    {
        IReadOnlyList<long>? teams = null;
        if (directory is not null)
        {
            var all = await directory.ListTeamsAsync(cancellationToken).ConfigureAwait(false);
            teams = [.. all.Where(t => map.IsUsedBy(t.MapId)).Select(t => t.Id)];
            if (teams.Count == 0)
            {
                return [];
            }
        }

        var open = await deals.ListOpenAsync(teams, cancellationToken).ConfigureAwait(false);
        return [.. open
            .Where(d => !knownStages.Contains(d.Deal.StageId.Value))
            .Select(d => new StageOccupant(d.Deal.ExternalId, d.Deal.Name, d.Deal.StageId))];
    }
}
