using System.Globalization;
using SalesCoachBot.Core.Coaching.UseCases;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.ProcessMaps;

namespace SalesCoachBot.Core.Pipeline;

/// <summary>
/// The figures of the map picture ("show the map"), as pure functions of the pipeline facts: per stage open deals,
/// amounts, stalled, median days; conversion on each <c>next</c> arrow; deals that took each "no" branch.
/// </summary>
internal static class MapPicture
{
    public static MapChart Build(
        ProcessMap map,
        PipelineData data,
        IReadOnlyList<StageStatusCount> sitting,
        string audienceLabel,
        int windowDays,
        DateTimeOffset now,
        Func<long, int> idleAfterDays)
    {
        var window = AnalysisWindow.LastDays(windowDays, now);
        var stages = map.OrderedStages();
        var path = NextChain(map);
        var history = PipelineHistoryIndex.Build(data.History);
        var conversions = PipelineAnalytics.Conversions(path, history, window);
        var snapshots = PipelineAnalytics.Snapshot(stages, data.OpenDeals, _ => 0, idleAfterDays, now)
            .ToDictionary(s => s.Stage.Id.Value, StringComparer.Ordinal);
        var lostFrom = LostFromStage(data, window);
        var wonIndex = path.FindIndex(s => s.Id == map.Won);

        int Sitting(string stage, DealStatus status) =>
            sitting.Where(c => c.StageId == stage && c.Status == status).Sum(c => c.Count);

        var boxes = new List<MapChartStage>();
        foreach (var stage in stages)
        {
            var id = stage.Id.Value;
            var snapshot = snapshots[id];
            var index = path.IndexOf(stage);
            var afterWon = wonIndex >= 0 && index >= wonIndex;
            var won = Sitting(id, DealStatus.Won);
            var open = snapshot.OpenDeals == 0
                ? afterWon && won > 0 ? $"{PipelineFormat.Deals(won)} won, here now" : "no open deals"
                : $"{snapshot.OpenDeals.ToString(CultureInfo.InvariantCulture)} open" +
                  (snapshot.Total.Count > 0 ? " · " + PipelineFormat.CompactAmounts(snapshot.Total) : string.Empty);
            var health = snapshot.MedianDaysInStage is { } days
                ? (snapshot.Stalled > 0 ? $"{snapshot.Stalled.ToString(CultureInfo.InvariantCulture)} stalled · " : string.Empty) +
                  $"median {PipelineFormat.Days(days)}"
                : null;

            var branches = new List<string>();
            foreach (var target in stage.Branches.Where(b => b.To.IsReserved).GroupBy(b => b.To.Value, StringComparer.Ordinal))
            {
                var when = string.Join(" / ", target.Select(b => Words(b.When)));
                var count = target.Key == BranchTarget.Lost.Value ? lostFrom.GetValueOrDefault(id) : Sitting(id, DealStatus.Nurture);
                branches.Add($"{when} → {target.Key} {count.ToString(CultureInfo.InvariantCulture)}");
            }

            boxes.Add(new MapChartStage(id, stage.Name, stage.Owner, open, health, stage.Id == map.Won, stage.Id == map.Start)
            {
                Branches = branches,
                HasStalled = snapshot.Stalled > 0,
            });
        }

        var arrows = new List<MapChartArrow>();
        foreach (var stage in stages)
        {
            if (stage.Next is { } next && map.FindStage(next) is not null)
            {
                var step = conversions.FirstOrDefault(c => c.From.Id == stage.Id && c.To.Id == next);
                arrows.Add(new MapChartArrow(stage.Id.Value, next.Value,
                    step is { Entered: > 0 } ? PipelineFormat.Rate(step.Converted, step.Entered) : null, Branch: false));
            }

            foreach (var branch in stage.Branches.Where(b => !b.To.IsReserved && map.FindStage(b.To.AsStage) is not null))
            {
                arrows.Add(new MapChartArrow(stage.Id.Value, branch.To.Value, Words(branch.When), Branch: true));
            }
        }

        var outcomes = new List<MapChartOutcome>();
        var targets = stages.SelectMany(s => s.Branches).Select(b => b.To).Where(t => t.IsReserved).Distinct().ToList();
        if (targets.Contains(BranchTarget.Nurture))
        {
            var nurtured = sitting.Where(c => c.Status == DealStatus.Nurture).Sum(c => c.Count);
            outcomes.Add(new MapChartOutcome(BranchTarget.Nurture.Value, "Nurture",
                $"{PipelineFormat.Deals(nurtured)} now, re-engaged after {map.Outcomes.NurtureReengageAfterDays.ToString(CultureInfo.InvariantCulture)} days"));
        }

        if (targets.Contains(BranchTarget.Lost))
        {
            var lost = PipelineAnalytics.WinLoss(data.ClosedDeals, window);
            var reasons = lost.TopLostReasons.Count == 0 ? string.Empty
                : " (" + string.Join(", ", lost.TopLostReasons.Select(r => $"{r.Reason} {r.Count.ToString(CultureInfo.InvariantCulture)}")) + ")";
            outcomes.Add(new MapChartOutcome(BranchTarget.Lost.Value, "Lost", $"{PipelineFormat.Deals(lost.Lost)} in {PipelineFormat.Window(windowDays)}{reasons}"));
        }

        return new MapChart(
            $"{map.Name} · version {map.Version.ToString(CultureInfo.InvariantCulture)}",
            $"{audienceLabel} · open deals now · conversion over {PipelineFormat.Window(windowDays)}",
            boxes,
            arrows,
            outcomes);
    }

    /// <summary>The stages from <c>start</c> following <c>next</c> to the end (past <c>won</c>): the arrows conversion is measured on.</summary>
    public static List<Stage> NextChain(ProcessMap map)
    {
        var path = new List<Stage>();
        var seen = new HashSet<StageId>();
        for (var stage = map.FindStage(map.Start); stage is not null && seen.Add(stage.Id); stage = map.NextOf(stage))
        {
            path.Add(stage);
        }

        return path;
    }

    /// <summary>Lost deals closed in the window, by the stage they were lost from (their latest recorded stage).</summary>
    public static Dictionary<string, int> LostFromStage(PipelineData data, AnalysisWindow window)
    {
        var latest = new Dictionary<long, StageEntryFact>();
        foreach (var entry in data.History)
        {
            if (!latest.TryGetValue(entry.DealId, out var seen) || entry.EnteredAt >= seen.EnteredAt)
            {
                latest[entry.DealId] = entry;
            }
        }

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var deal in data.ClosedDeals.Where(c => c.Status == DealStatus.Lost && window.Contains(c.ClosedAt)))
        {
            if (latest.TryGetValue(deal.DealId, out var entry))
            {
                counts[entry.StageId] = counts.GetValueOrDefault(entry.StageId) + 1;
            }
        }

        return counts;
    }

    internal static string Words(string kebab) => kebab.Replace('-', ' ');
}

/// <summary>Builds the map picture's figures for a scope: what "show the map" and <c>map show --format png</c> draw.</summary>
public sealed class MapChartBuilder(IPipelineStore store, TeamRulesProvider teamRules)
{
    public async Task<MapChart> BuildAsync(ProcessMap map, PipelineScope scope, string label, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rules = await teamRules.GetAsync(cancellationToken);
        var days = PipelineUseCase.DefaultWindowDays;
        var data = await store.LoadAsync(scope, now.AddDays(-days), now, cancellationToken);
        var sitting = await store.CountClosedByStageAsync(scope, cancellationToken);
        return MapPicture.Build(map, data, sitting, label, days, now, rules.IdleAfterDays);
    }

    /// <summary>The picture without deals (no database): the map's shape, owners and branches.</summary>
    public static MapChart Empty(ProcessMap map, DateTimeOffset now) =>
        MapPicture.Build(map, PipelineData.Empty, [], "no deal data", PipelineUseCase.DefaultWindowDays, now, _ => 0);
}
