using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.ProcessMaps;

namespace SalesCoachBot.Core.Coaching;

/// <summary>The stall rule's limits as the store applies them in the database (<see cref="StallLimits"/>).</summary>
internal static class TeamStallLimits
{
    /// <summary>
    /// Every team's stall limits under its own map, for counting stalled deals in the database; a limit that holds for every
    /// team names none. A deal's team is always one of <see cref="SalesTeamRules.All"/> (teams are never deleted).
    /// </summary>
    public static StallLimits Of(SalesTeamRules rules, TurnContext context)
    {
        var teams = rules.All.ToList();
        IReadOnlyCollection<long>? TeamsOf(IEnumerable<SalesTeam> some) => some.Select(team => team.Id).ToList() is var ids && ids.Count == teams.Count ? null : ids;
        var stages = teams
            .GroupBy(team => context.MapOfTeam(team.MapId), ReferenceEqualityComparer.Instance)
            .SelectMany(byMap => ((ProcessMap)byMap.Key!).Stages
                .Where(stage => stage.StallAfterDays > 0)
                .GroupBy(stage => stage.StallAfterDays)
                .Select(byDays => new StageStallLimit(TeamsOf(byMap), [.. byDays.Select(stage => stage.Id)], byDays.Key)))
            .ToList();
        var idle = teams
            .GroupBy(team => rules.IdleAfterDays(team.Id))
            .Where(byDays => byDays.Key > 0)
            .Select(byDays => new TeamIdleLimit(TeamsOf(byDays), byDays.Key))
            .ToList();
        return new StallLimits(stages, idle);
    }
}
