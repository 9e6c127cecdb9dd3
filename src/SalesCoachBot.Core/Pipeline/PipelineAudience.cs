using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Coaching;
using SalesCoachBot.Core.Coaching.UseCases;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Localization;

namespace SalesCoachBot.Core.Pipeline;

/// <summary>Whose deals a pipeline answer covers, said the way the answer names it.</summary>
public sealed record PipelineAudience(PipelineScope Scope, string Label, IReadOnlyList<SalesTeam> Teams)
{
    public bool IsOwnDeals => Scope.OwnerId is not null;

    /// <summary>
    /// The audience in a header followed by " · period": the team list without brackets ("your teams Americas, EMEA"),
    /// so the header reads flat. Other sentences use <see cref="Label"/>.
    /// </summary>
    public string Heading { get; init; } = Label;

    /// <summary>
    /// The one map the audience's teams run (stages, conversion and won are the map's), or a polite refusal when they
    /// run several: stages of different processes do not add up. No teams: the default map.
    /// The refusal is worded in <paramref name="say"/>'s language and suggests asking for one team (<paramref name="forTeam"/>).
    /// </summary>
    public AudienceMap MapIn(ProcessMaps.ProcessMapSet maps, Func<string, string> forTeam, Phrases say)
    {
        var used = Teams.GroupBy(t => maps.For(t.MapId).Id, StringComparer.Ordinal).ToList();
        if (used.Count <= 1)
        {
            return new AudienceMap.One(used.Count == 0 ? maps.Default : maps.For(used[0].First().MapId));
        }

        var which = string.Join(say.Pipeline("Separator.Strong"), used.Select(g =>
            say.Pipeline("Audience.MapGroup", string.Join(say.Nudges("ListSeparator"), g.Select(t => say.Language.Isolate(t.Name))), g.Key)));
        var sample = Teams[0].Name;
        return new AudienceMap.Several(Errors.Answer(say.Pipeline("Audience.Several.Title"),
            say.Pipeline("Audience.Several", Label, which, forTeam(sample))));
    }
}

/// <summary>The map a pipeline answer uses, or why there is none.</summary>
public abstract record AudienceMap
{
    public sealed record One(ProcessMaps.ProcessMap Map) : AudienceMap;

    public sealed record Several(BotAnswer Answer) : AudienceMap;
}

public abstract record AudienceResult
{
    public sealed record Allowed(PipelineAudience Audience) : AudienceResult;

    public sealed record Refused(BotAnswer Answer) : AudienceResult;
}

/// <summary>
/// Who may see which pipeline, decided in Core so every channel enforces the same rule: admins see every team,
/// managers the teams they manage, reps their own deals. A named team outside what the person may see is
/// answered exactly like an unknown one, so team names do not leak.
/// </summary>
public sealed class PipelineAccess(IDirectoryStore directory)
{
    /// <summary>
    /// Who the figures are about, with its label and any refusal in <paramref name="say"/>'s language. A rep naming a team
    /// is told to ask without one (<paramref name="example"/>); an unknown team is answered with <paramref name="forTeam"/>,
    /// the asking command for a team the person does see.
    /// </summary>
    public async Task<AudienceResult> ResolveAsync(
        PersonView person, string? teamName, string example, Func<string, string> forTeam, Phrases say, CancellationToken cancellationToken)
    {
        var all = await directory.ListTeamsAsync(cancellationToken);
        var visible = AccessPolicy.VisibleTeams(person) is { } ids ? all.Where(t => ids.Contains(t.Id)).ToList() : all.ToList();
        var mayViewTeams = person.IsAdmin || person.IsManager;

        if (teamName is { Length: > 0 } name)
        {
            var team = await directory.FindTeamByNameAsync(name, cancellationToken);
            if (!mayViewTeams)
            {
                return new AudienceResult.Refused(Errors.Answer(say.Pipeline("Audience.ManagersOnly.Title"), say.Pipeline("Audience.ManagersOnly", example)));
            }

            if (team is null || !visible.Any(t => t.Id == team.Id))
            {
                var known = visible.Count == 0 ? string.Empty
                    : say.Pipeline("Audience.Known", string.Join(say.Nudges("ListSeparator"), visible.Select(t => t.Name).Order(StringComparer.OrdinalIgnoreCase).Select(say.Language.Isolate)));
                return new AudienceResult.Refused(Errors.Answer(say.Pipeline("Audience.UnknownTeam.Title"),
                    say.Pipeline("Audience.UnknownTeam", name, known, Canonical.Command(forTeam(TeamDirectory.Sample(visible, say))))));
            }

            return new AudienceResult.Allowed(new PipelineAudience(new PipelineScope([team.Id], null), team.Name, [team]));
        }

        if (person.IsAdmin)
        {
            return new AudienceResult.Allowed(new PipelineAudience(new PipelineScope(null, null), say.Pipeline("Audience.AllTeams"), all));
        }

        if (person.IsManager && visible.Count > 0)
        {
            if (visible.Count == 1)
            {
                return new AudienceResult.Allowed(new PipelineAudience(new PipelineScope([visible[0].Id], null), visible[0].Name, visible));
            }

            var names = string.Join(say.Nudges("ListSeparator"), visible.Select(t => say.Language.Isolate(t.Name)));
            return new AudienceResult.Allowed(new PipelineAudience(new PipelineScope([.. visible.Select(t => t.Id)], null), say.Pipeline("Audience.YourTeams", names), visible)
            {
                Heading = say.Pipeline("Audience.YourTeams.Heading", names),
            });
        }

        // Reps (and managers who manage no team yet) see the deals they own.
        return new AudienceResult.Allowed(new PipelineAudience(new PipelineScope(null, person.Id), say.Pipeline("Audience.YourDeals"), visible));
    }
}
