using System.Globalization;
using SalesCoachBot.Core.Coaching.UseCases;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Localization;
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
        Func<long, int> idleAfterDays,
        Phrases? say = null)
    {
        say ??= Phrases.English;
        var language = say.Language;
        var window = AnalysisWindow.LastDays(windowDays, now);
        var stages = map.OrderedStages();
        var path = NextChain(map);
        var history = PipelineHistoryIndex.Build(PipelineAnalytics.InMapStages(map, data.History));
        var conversions = PipelineAnalytics.Conversions(path, history, window);
        var snapshots = PipelineAnalytics.Snapshot(stages, data.OpenDeals, _ => 0, idleAfterDays, now)
            .ToDictionary(s => s.Stage.Id.Value, StringComparer.Ordinal);
        var lostFrom = LostFromStage(map, data, window);
        var wonIndex = path.FindIndex(s => s.Id == map.Won);

        // Closed deals keep the stage they closed in: one a map renamed since counts for the stage that replaces it.
        int Sitting(Stage stage, DealStatus status) =>
            sitting.Where(c => c.Status == status && stage.Covers(c.StageId)).Sum(c => c.Count);

        var boxes = new List<MapChartStage>();
        foreach (var stage in stages)
        {
            var id = stage.Id.Value;
            var snapshot = snapshots[id];
            var index = path.IndexOf(stage);
            var afterWon = wonIndex >= 0 && index >= wonIndex;
            var won = Sitting(stage, DealStatus.Won);
            var open = snapshot.OpenDeals == 0
                ? afterWon && won > 0 ? say.Charts("Stage.WonHere", PipelineFormat.Deals(won, say)) : say.Charts("Stage.None")
                : say.Count(Phrases.Area.Charts, "Stage.Open", snapshot.OpenDeals) +
                  (snapshot.Total.Count > 0 ? " · " + language.Isolate(PipelineFormat.CompactAmounts(snapshot.Total)) : string.Empty);
            var health = snapshot.MedianDaysInStage is { } days
                ? (snapshot.Stalled > 0 ? say.Count(Phrases.Area.Charts, "Stage.Stalled", snapshot.Stalled) + " · " : string.Empty) +
                  say.Charts("Stage.Median", PipelineFormat.Days(days, say))
                : null;

            var branches = new List<string>();
            foreach (var target in stage.Branches.Where(b => b.To.IsReserved).GroupBy(b => b.To.Value, StringComparer.Ordinal))
            {
                var when = string.Join(" / ", target.Select(b => Words(MapWording.Branch(b, language))));
                var lost = target.Key == BranchTarget.Lost.Value;
                var count = lost ? lostFrom.GetValueOrDefault(id) : Sitting(stage, DealStatus.Nurture);
                // Counted as the language counts: a bare "2" in English's terse label, «صفقتان» in Arabic.
                branches.Add(say.Charts("Stage.Branch", when, say.Charts(lost ? "Target.Lost" : "Target.Nurture"), say.Count(Phrases.Area.Charts, "Stage.Branch.Deals", count)));
            }

            boxes.Add(new MapChartStage(id, MapWording.Name(stage, language), stage.Owner, open, health, stage.Id == map.Won, stage.Id == map.Start)
            {
                Branches = branches,
                HasStalled = snapshot.Stalled > 0,
                OwnerName = MapWording.Owner(stage, say),
            });
        }

        var arrows = new List<MapChartArrow>();
        foreach (var stage in stages)
        {
            if (stage.Next is { } next && map.FindStage(next) is not null)
            {
                var step = conversions.FirstOrDefault(c => c.From.Id == stage.Id && c.To.Id == next);
                arrows.Add(new MapChartArrow(stage.Id.Value, next.Value,
                    step is { Entered: > 0 } ? PipelineFormat.Rate(step.Converted, step.Entered, say) : null, Branch: false));
            }

            foreach (var branch in stage.Branches.Where(b => !b.To.IsReserved && map.FindStage(b.To.AsStage) is not null))
            {
                arrows.Add(new MapChartArrow(stage.Id.Value, branch.To.Value, Words(MapWording.Branch(branch, language)), Branch: true));
            }
        }

        var outcomes = new List<MapChartOutcome>();
        var targets = stages.SelectMany(s => s.Branches).Select(b => b.To).Where(t => t.IsReserved).Distinct().ToList();
        if (targets.Contains(BranchTarget.Nurture))
        {
            var nurtured = sitting.Where(c => c.Status == DealStatus.Nurture).Sum(c => c.Count);
            outcomes.Add(new MapChartOutcome(BranchTarget.Nurture.Value, say.Charts("Outcome.Nurture"),
                say.Charts("Outcome.Nurture.Detail", PipelineFormat.DealsOrNone(nurtured, say), PipelineFormat.Days(map.Outcomes.NurtureReengageAfterDays, say))));
        }

        if (targets.Contains(BranchTarget.Lost))
        {
            var lost = PipelineAnalytics.WinLoss(data.ClosedDeals, window);
            var reasons = lost.TopLostReasons.Count == 0 ? string.Empty
                : " (" + string.Join(language.IsRightToLeft ? "، " : ", ", lost.TopLostReasons.Select(r =>
                    $"{MapWording.LostReason(r.Reason, say, map)} {language.Number(r.Count)}")) + ")";
            outcomes.Add(new MapChartOutcome(BranchTarget.Lost.Value, say.Charts("Outcome.Lost"),
                say.Charts("Outcome.Lost.Detail", PipelineFormat.DealsOrNone(lost.Lost, say), PipelineFormat.Window(windowDays, say)) + reasons));
        }

        return new MapChart(
            say.Charts("Map.Title", MapWording.MapName(map, say), map.Version),
            say.Charts("Map.Subtitle", audienceLabel, PipelineFormat.Window(windowDays, say)),
            boxes,
            arrows,
            outcomes)
        {
            Language = language,
        };
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

    /// <summary>
    /// Lost deals closed in the window, by the stage they were lost from (their latest recorded stage, counted for the
    /// stage that replaces it when the map renamed it since).
    /// </summary>
    public static Dictionary<string, int> LostFromStage(ProcessMap map, PipelineData data, AnalysisWindow window)
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
                var stage = map.ResolveStage(new StageId(entry.StageId))?.Id.Value ?? entry.StageId;
                counts[stage] = counts.GetValueOrDefault(stage) + 1;
            }
        }

        return counts;
    }

    internal static string Words(string kebab) => kebab.Replace('-', ' ');
}

/// <summary>Builds the map picture's figures for a scope: what "show the map" and <c>map show --format png</c> draw.</summary>
public sealed class MapChartBuilder(IPipelineStore store, TeamRulesProvider teamRules)
{
    public async Task<MapChart> BuildAsync(ProcessMap map, PipelineScope scope, string label, DateTimeOffset now, Phrases say, CancellationToken cancellationToken)
    {
        var rules = await teamRules.GetAsync(cancellationToken);
        var days = PipelineUseCase.DefaultWindowDays;
        var data = await store.LoadAsync(scope, now.AddDays(-days), now, cancellationToken);
        var sitting = await store.CountClosedByStageAsync(scope, cancellationToken);
        return MapPicture.Build(map, data, sitting, label, days, now, rules.IdleAfterDays, say);
    }

    /// <summary>The picture without deals (no database): the map's shape, owners and branches.</summary>
    public static MapChart Empty(ProcessMap map, DateTimeOffset now, Phrases? say = null)
    {
        say ??= Phrases.English;
        return MapPicture.Build(map, PipelineData.Empty, [], say.Charts("Map.NoData"), PipelineUseCase.DefaultWindowDays, now, _ => 0, say);
    }
}
