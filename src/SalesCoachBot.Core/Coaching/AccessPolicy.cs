using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Coaching;

/// <summary>
/// Who may do what (issue: "Who may do what"): reps work on their own and their team's deals,
/// managers on their teams' deals and may move stages, admins anything. Closing a deal as lost is
/// its owner's or a manager's call; a teammate may only propose it.
/// </summary>
internal static class AccessPolicy
{
    /// <summary>Teams whose deals the person may see; null means every team (admins).</summary>
    public static IReadOnlyCollection<long>? VisibleTeams(PersonView person) =>
        person.IsAdmin ? null : person.TeamIds;

    /// <summary>
    /// The teams a list covers when none is named, as the pipeline names them (<see cref="Pipeline.PipelineAccess"/>):
    /// "all teams" for an admin, who belongs to none; "your teams (Americas, EMEA)" for someone in several, so a manager
    /// of two reads which two; the team itself ("EMEA") for someone in one, not a plural they would have to decode;
    /// "your teams" for anyone in none.
    /// </summary>
    public static string TeamsLabel(PersonView person, SalesTeamRules rules, Localization.Phrases say)
    {
        if (person.IsAdmin)
        {
            return say.Pipeline("Audience.AllTeams");
        }

        var names = person.TeamIds.Select(rules.Find).OfType<SalesTeam>().Select(team => team.Name).Order(StringComparer.OrdinalIgnoreCase).ToList();
        return names.Count switch
        {
            > 1 => say.Lists("Stalled.YourTeams.Named", string.Join(say.Nudges("ListSeparator"), names.Select(say.Language.Isolate))),
            1 => say.Language.Isolate(names[0]),
            _ => say.Lists("Stalled.YourTeams"),
        };
    }

    /// <summary>Whether the person may see the team's deals and figures: an admin, or one of its members or managers.</summary>
    public static bool SeesTeam(PersonView person, long teamId) =>
        person.IsAdmin || person.TeamIds.Contains(teamId);

    /// <summary>The team called <paramref name="name"/> when the person may see it; null for no such team or one they may not see.</summary>
    public static async Task<SalesTeam?> FindVisibleTeamAsync(IDirectoryStore directory, string name, PersonView person, CancellationToken cancellationToken) =>
        await directory.FindTeamByNameAsync(name, cancellationToken) is { } team && SeesTeam(person, team.Id) ? team : null;

    /// <summary>The open deals of the teams the person may see (every team for admins), and their own in other teams.</summary>
    public static async Task<IReadOnlyList<DealView>> VisibleOpenDealsAsync(IDealStore deals, PersonView person, CancellationToken cancellationToken)
    {
        var teams = await deals.ListOpenAsync(VisibleTeams(person), cancellationToken);
        var own = person.IsAdmin ? [] : await deals.ListOpenByOwnerAsync(person.Id, cancellationToken);
        return [.. teams.Concat(own).DistinctBy(view => view.Id)];
    }

    /// <summary>
    /// <see cref="VisibleOpenDealsAsync"/>, only those at one of <paramref name="stages"/>: the deals of the person's teams
    /// at those stages are all that is read of them.
    /// </summary>
    public static async Task<IReadOnlyList<DealView>> VisibleOpenDealsAtAsync(
        IDealStore deals, PersonView person, IReadOnlyCollection<StageId> stages, CancellationToken cancellationToken)
    {
        var teams = await deals.ListOpenAtStagesAsync(VisibleTeams(person), stages, cancellationToken);
        var own = person.IsAdmin ? [] : await deals.ListOpenByOwnerAsync(person.Id, cancellationToken);
        return [.. teams.Concat(own.Where(view => stages.Contains(view.Deal.StageId))).DistinctBy(view => view.Id)];
    }

    /// <summary>The deals the person may find by name, as <see cref="CanSee"/> allows them; null means every deal (admins).</summary>
    public static DealScope? FindableDeals(PersonView person) =>
        person.IsAdmin ? null : new DealScope(person.TeamIds, person.Id);

    public static bool CanSee(PersonView person, Deal deal) =>
        person.IsAdmin || deal.OwnerId == person.Id || person.TeamIds.Contains(deal.TeamId);

    /// <summary>Confirm, undo, link, said no: anyone who may see the deal.</summary>
    public static bool CanWorkOn(PersonView person, Deal deal) => CanSee(person, deal);

    /// <summary>Closing as lost: the deal's owner, a manager of its team, or an admin (others may propose it).</summary>
    public static bool CanClose(PersonView person, Deal deal) =>
        person.IsAdmin || deal.OwnerId == person.Id || (person.IsManager && person.TeamIds.Contains(deal.TeamId));

    /// <summary>Snoozing (leaving a deal out of stalled lists): the deal's owner, a manager of its team, or an admin.</summary>
    public static bool CanSnooze(PersonView person, Deal deal) => CanClose(person, deal);

    /// <summary>Moving a deal to an arbitrary stage is a manager's decision.</summary>
    public static bool CanMove(PersonView person, Deal deal) =>
        person.IsAdmin || (person.IsManager && person.TeamIds.Contains(deal.TeamId));

    /// <summary>A team's quota is set by a manager of the team or an admin; a rep reads it.</summary>
    public static bool CanSetQuota(PersonView person, long teamId) =>
        person.IsAdmin || (person.IsManager && person.TeamIds.Contains(teamId));

    /// <summary>A confirmation may be withdrawn by whoever made it, or by a manager or admin.</summary>
    public static bool CanUndo(PersonView person, Deal deal, long confirmedBy) =>
        CanWorkOn(person, deal) && (confirmedBy == person.Id || person.IsAdmin || person.IsManager);
}
