using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.ProcessMaps;

namespace SalesCoachBot.Core.Crm;

/// <summary>Where a CRM stage puts a deal in the map: a stage (open, or won from the won stage on) or the lost outcome.</summary>
public sealed record CrmPlacement(StageId? Stage, DealStatus Status);

/// <summary>
/// The map's <c>crm:</c> mapping both ways: CRM (pipeline, stage) to a map stage or lost, and a map stage to the CRM
/// stage a push writes (the first one listed).
/// </summary>
public sealed class CrmStageMap
{
    private readonly Dictionary<(string Pipeline, string Stage), CrmPlacement> _placements = [];
    private readonly ProcessMap _map;
    private readonly HashSet<StageId> _wonAndAfter;

    public CrmStageMap(ProcessMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        _map = map;
        var afterWon = _wonAndAfter = WonAndAfter(map);
        foreach (var stage in map.Stages)
        {
            if (stage.Crm is { } crm)
            {
                var status = afterWon.Contains(stage.Id) ? DealStatus.Won : DealStatus.Open;
                foreach (var id in crm.Stages)
                {
                    _placements.TryAdd((crm.Pipeline.Id, id.Id), new CrmPlacement(stage.Id, status));
                }
            }
        }

        if (map.Outcomes.LostCrm is { } lost)
        {
            foreach (var id in lost.Stages)
            {
                _placements.TryAdd((lost.Pipeline.Id, id.Id), new CrmPlacement(null, DealStatus.Lost));
            }
        }
    }

    public bool IsEmpty => _placements.Count == 0;

    /// <summary>The status a deal has at <paramref name="stage"/> while not lost: won from the won stage on, else open.</summary>
    public DealStatus StatusOf(StageId stage) => _wonAndAfter.Contains(stage) ? DealStatus.Won : DealStatus.Open;

    /// <summary>The placement of a CRM stage; null when the map does not name it.</summary>
    public CrmPlacement? Place(string? pipeline, string? stage) =>
        pipeline is null || stage is null ? null : _placements.GetValueOrDefault((pipeline, stage));

    /// <summary>The CRM (pipeline, stage) a deal at <paramref name="stage"/> with <paramref name="status"/> is written as; null when unmapped.</summary>
    public (string Pipeline, string Stage)? ToCrm(StageId stage, DealStatus status)
    {
        var mapping = status == DealStatus.Lost ? _map.Outcomes.LostCrm : _map.FindStage(stage)?.Crm;
        return mapping is { Stages.Count: > 0 } ? (mapping.Pipeline.Id, mapping.Stages[0].Id) : null;
    }

    /// <summary>
    /// <c>crm check</c>: the mapping against the CRM. Every id the map names must exist (named with line and column),
    /// and every CRM stage of a mapped pipeline must map to exactly one map stage.
    /// </summary>
    public IReadOnlyList<MapDiagnostic> Check(CrmSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var findings = new List<MapDiagnostic>();
        var pipelines = schema.Pipelines.ToDictionary(p => p.Id, StringComparer.Ordinal);
        var mappings = _map.Stages.Where(s => s.Crm is not null).Select(s => (Owner: MapPhrase.OfStage(s.Id.Value), Crm: s.Crm!)).ToList();
        if (_map.Outcomes.LostCrm is { } lost)
        {
            mappings.Add((MapPhrase.LostOutcome, lost));
        }

        if (mappings.Count == 0)
        {
            findings.Add(MapDiagnostic.Error(1, 1, "Crm.NoMapping"));
            return findings;
        }

        foreach (var (owner, crm) in mappings)
        {
            if (!pipelines.TryGetValue(crm.Pipeline.Id, out var pipeline))
            {
                findings.Add(Error(crm.Pipeline, "Crm.UnknownPipeline", owner, crm.Pipeline.Id, string.Join(", ", pipelines.Keys)));
                continue;
            }

            var known = pipeline.Stages.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var stage in crm.Stages.Where(s => !known.Contains(s.Id)))
            {
                findings.Add(Error(stage, "Crm.UnknownStage", owner, stage.Id, pipeline.Id, string.Join(", ", known)));
            }
        }

        foreach (var pipelineId in mappings.Select(m => m.Crm.Pipeline.Id).Distinct(StringComparer.Ordinal))
        {
            if (pipelines.TryGetValue(pipelineId, out var pipeline))
            {
                foreach (var stage in pipeline.Stages.Where(s => Place(pipelineId, s.Id) is null))
                {
                    findings.Add(MapDiagnostic.Error(1, 1, "Crm.StageUnmapped", stage.Id, stage.Label, pipelineId));
                }
            }
        }

        return findings;
    }

    private static MapDiagnostic Error(CrmRef at, string key, params object?[] args) => MapDiagnostic.Error(at.Line, at.Column, key, args);

    private static HashSet<StageId> WonAndAfter(ProcessMap map) => [.. map.WonAndAfter().Select(s => s.Id)];
}
