using SalesCoachBot.Core.Abstractions;

namespace SalesCoachBot.Core.ProcessMaps;

/// <summary>The maps in force. Reloads replace a map atomically; readers take a snapshot per request.</summary>
public interface IProcessMapSource
{
    /// <summary>The default map: the one of every team whose <c>map</c> is not set.</summary>
    ProcessMap Current { get; }

    /// <summary>Every map in force, by id (a snapshot): one per team's process.</summary>
    ProcessMapSet Maps => new(Current, [Current]);
}

/// <summary>Fixed maps, for tests and command-line verbs: the first is the default.</summary>
public sealed class FixedProcessMapSource(ProcessMap map, params ProcessMap[] others) : IProcessMapSource
{
    public ProcessMap Current { get; } = map;

    public ProcessMapSet Maps { get; } = new(map, [map, .. others]);
}

/// <summary>The maps in force at one moment: the default and every map by id.</summary>
public sealed class ProcessMapSet(ProcessMap defaultMap, IReadOnlyList<ProcessMap> all)
{
    private readonly Dictionary<string, ProcessMap> _byId = all.DistinctBy(m => m.Id).ToDictionary(m => m.Id, StringComparer.Ordinal);

    public ProcessMap Default { get; } = defaultMap;

    public IReadOnlyList<ProcessMap> All { get; } = all;

    public ProcessMap? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>
    /// The map of a team with this <c>map</c> id: the default when none is set. An id no map has falls back to the
    /// default; the start-up check and the teams import refuse such ids, so it only happens mid-reconfiguration.
    /// </summary>
    public ProcessMap For(string? teamMapId) => teamMapId is null ? Default : Find(teamMapId) ?? Default;

    /// <summary>The map of the deal's team.</summary>
    public ProcessMap Of(DealView deal) => For(deal.TeamMapId);

    /// <summary>Whether a team with this <c>map</c> id uses <paramref name="map"/>.</summary>
    public bool Uses(string? teamMapId, ProcessMap map) => ReferenceEquals(For(teamMapId), map) || For(teamMapId).Id == map.Id;
}
