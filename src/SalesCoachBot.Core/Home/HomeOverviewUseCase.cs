using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Coaching.UseCases;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Stalls;

namespace SalesCoachBot.Core.Home;

/// <summary>One open deal as a home screen shows it.</summary>
public sealed record HomeDealRow(
    DealId Deal,
    string ExternalId,
    string Name,
    string StageName,
    int DaysInStage,
    bool IsStalled,
    string? NextItem);

/// <summary>A team the person manages, with its stalled count.</summary>
public sealed record HomeTeamRow(string TeamName, int Open, int Stalled);

/// <summary>What a person's home screen shows; <see cref="PersonName"/> is null for someone the bot does not know.</summary>
public sealed record HomeOverview(string? PersonName, IReadOnlyList<HomeDealRow> Deals, IReadOnlyList<HomeTeamRow> Teams)
{
    public static readonly HomeOverview Unknown = new(null, [], []);

    /// <summary>The language the home screen is written in: the person's, chosen as for a reply (<see cref="LanguageChoice"/>).</summary>
    public ReplyLanguage Language { get; init; } = ReplyLanguage.English;
}

/// <summary>
/// A chat platform's home screen (Slack App Home): the person's open deals with stage, days in stage, the stall
/// rule's verdict and the next unconfirmed item (stalled first); managers and admins also get their teams' stalled counts.
/// </summary>
public sealed class HomeOverviewUseCase(
    IDirectoryStore directory,
    IDealStore deals,
    IProcessMapSource maps,
    TeamRulesProvider teamRules,
    LanguageChoice languages,
    TimeProvider time)
{
    public async Task<HomeOverview> GetAsync(ChatUser user, CancellationToken cancellationToken)
    {
        var person = await directory.FindPersonAsync(user, cancellationToken);
        if (person is null)
        {
            return HomeOverview.Unknown with { Language = languages.For(null, user.Locale, []) };
        }

        var set = maps.Maps;
        var now = time.GetUtcNow();
        var rules = await teamRules.GetAsync(cancellationToken);
        var language = languages.For(person.Language, user.Locale, person.TeamIds.Select(id => rules.Find(id)?.Language));

        (DealView View, Stage? Stage, StallAssessment Stall) Assess(DealView view)
        {
            var stage = set.Of(view).FindStage(view.Deal.StageId);
            return (view, stage, StallRule.Assess(view.Deal, stage?.StallAfterDays ?? 0, rules.IdleAfterDays(view.Deal.TeamId), view.SnoozedUntil, now, stage, rules.Zone(view.Deal.TeamId)));
        }

        var mine = (await deals.ListOpenByOwnerAsync(person.Id, cancellationToken))
            .Select(Assess)
            .OrderByDescending(r => r.Stall.IsStalled)
            .ThenByDescending(r => r.Stall.DaysInStage)
            .Select(r => new HomeDealRow(
                r.View.Id, r.View.Deal.ExternalId, r.View.Deal.Name, r.Stage is { } stage ? MapWording.Name(stage, language) : r.View.Deal.StageId.Value,
                r.Stall.DaysInStage, r.Stall.IsStalled, NextItem(r.Stage, r.View, language)))
            .ToList();

        IReadOnlyList<HomeTeamRow> teams = [];
        if (person.IsManager || person.IsAdmin)
        {
            var teamIds = person.IsAdmin ? rules.All.Select(t => t.Id).ToList() : person.TeamIds.ToList();
            var open = teamIds.Count == 0 ? [] : await deals.ListOpenAsync(teamIds, cancellationToken);
            var byTeam = open.Select(Assess).ToLookup(r => r.View.Deal.TeamId);
            teams = teamIds
                .Select(id => new HomeTeamRow(rules.Find(id)?.Name ?? byTeam[id].FirstOrDefault().View?.TeamName ?? $"team {id}", byTeam[id].Count(), byTeam[id].Count(r => r.Stall.IsStalled)))
                .OrderBy(t => t.TeamName, StringComparer.OrdinalIgnoreCase)
                .ToList();
        }

        return new HomeOverview(person.Name, mine, teams) { Language = language };
    }

    /// <summary>The first required item not yet confirmed at the current stage, else the first optional one.</summary>
    private static string? NextItem(Stage? stage, DealView view, ReplyLanguage language)
    {
        if (stage is null)
        {
            return null;
        }

        var confirmed = view.Confirmations.Select(c => c.Item).ToHashSet();
        var open = stage.Checklist.Where(i => !confirmed.Contains(i.Id)).ToList();
        return (open.FirstOrDefault(i => i.Required) ?? open.FirstOrDefault()) is { } item ? MapWording.Item(item, language) : null;
    }
}
