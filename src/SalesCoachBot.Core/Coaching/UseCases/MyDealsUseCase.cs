using System.Text;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Coaching.Commands;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Stalls;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Coaching.UseCases;

/// <summary>
/// "my deals": the person's open deals, stalled ones first, each with a button to its checklist. "which of my deals are in
/// demo": only those at that stage, named as each deal's own map names its stages. "which deals are in demo": the open deals
/// at that stage that the person may see (their teams', and their own), each with its owner.
/// </summary>
internal sealed class MyDealsUseCase(IDealStore deals, TeamRulesProvider teamRules) : ICommandHandler<MyDealsCommand>
{
    public async Task<BotAnswer> HandleAsync(MyDealsCommand command, TurnContext context, CancellationToken cancellationToken)
    {
        var say = context.Say;
        var everyone = command is { StageText: not null, Mine: false };
        IReadOnlyList<DealView> mine = everyone
            ? await VisibleAsync(context.Person, cancellationToken)
            : await deals.ListOpenByOwnerAsync(context.Person.Id, cancellationToken);
        string? stageName = null;
        if (command.StageText is { } stageText)
        {
            // Teams may follow different maps: the stage is looked up in each deal's own, once a map.
            var byMap = new Dictionary<ProcessMap, StageMatch.Found?>(ReferenceEqualityComparer.Instance);
            StageMatch.Found? Match(ProcessMap map) =>
                byMap.TryGetValue(map, out var found) ? found : byMap[map] = Matching.MatchStage(map, stageText) as StageMatch.Found;
            var named = mine.Select(view => (view, Match: Match(context.MapOf(view)))).ToList();
            var known = named.FirstOrDefault(n => n.Match is not null).Match ?? Matching.MatchStage(context.Map, stageText) as StageMatch.Found;
            if (known is null)
            {
                return StageInfoUseCase.UnknownStage(stageText, mine.Count > 0 ? context.MapOf(mine[0]) : context.Map, say.Language.Code, say);
            }

            mine = [.. named.Where(n => n.Match is { } found && found.Stage.Id == n.view.Deal.StageId).Select(n => n.view)];
            stageName = MapWording.Name(known.Stage, say.Language);
        }

        var inStage = everyone ? "Visible.InStage" : "Mine.InStage";
        var title = stageName is null ? say.Lists("Mine.Title") : say.Lists(inStage + ".Title", say.Language.Isolate(stageName));
        if (mine.Count == 0)
        {
            var none = stageName is null ? say.Lists("Mine.None") : say.Lists(inStage + ".None", say.Language.Isolate(stageName));
            return new BotAnswer(none, new Card { Kind = CardKind.DealList, Title = title, Body = [none] });
        }

        var rules = await teamRules.GetAsync(cancellationToken);
        var rows = mine
            .Select(view =>
            {
                var stage = context.MapOf(view).FindStage(view.Deal.StageId);
                var stall = StallRule.Assess(view.Deal, stage?.StallAfterDays ?? 0, rules.IdleAfterDays(view.Deal.TeamId), view.SnoozedUntil, context.Now, stage, rules.Zone(view.Deal.TeamId));
                return (view, stage, stall);
            })
            .OrderByDescending(r => r.stall.IsStalled)
            .ThenByDescending(r => r.stall.DaysInStage)
            .ToList();

        var lines = rows.Select(r => new CardLine(
            Line(r.view, r.stage, r.stall, rules.Zone(r.view.Deal.TeamId), say) + (everyone ? " · " + say.Lists("Visible.Owner", r.view.OwnerName) : string.Empty),
            new CardAction(say.Lists("Button.Checklist"), new ShowChecklistPayload(r.view.Id)))).ToList();

        var stalled = rows.Count(r => r.stall.IsStalled);
        var card = new Card
        {
            Kind = CardKind.DealList,
            Title = title,
            Subtitle = say.Lists("Mine.Counts", rows.Count, stalled),
            Sections = [new CardSection(say.Lists("Mine.Section"), lines)],
        };
        var header = stageName is null ? say.Lists("Mine.Header", rows.Count, stalled) : say.Lists(inStage + ".Header", say.Language.Isolate(stageName), rows.Count, stalled);
        var text = new StringBuilder().AppendLine(header);
        foreach (var line in lines)
        {
            text.Append("- ").AppendLine(line.Text);
        }

        return new BotAnswer(text.ToString().TrimEnd(), card);
    }

    /// <summary>The open deals of the teams the person may see (every team for admins), and their own in other teams.</summary>
    private async Task<IReadOnlyList<DealView>> VisibleAsync(PersonView person, CancellationToken cancellationToken)
    {
        var teams = await deals.ListOpenAsync(AccessPolicy.VisibleTeams(person), cancellationToken);
        var own = person.IsAdmin ? [] : await deals.ListOpenByOwnerAsync(person.Id, cancellationToken);
        return [.. teams.Concat(own).DistinctBy(view => view.Id)];
    }

    /// <summary>One deal: stalled, or snoozed until the day in its team's zone (so a snoozed deal does not read as on track), or neither.</summary>
    private static string Line(DealView view, Stage? stage, StallAssessment stall, TimeZoneInfo zone, Phrases say)
    {
        var name = stage is { } known ? MapWording.Name(known, say.Language) : view.Deal.StageId.Value;
        var id = "#" + view.Deal.ExternalId;
        var line = stall switch
        {
            { IsStalled: true } => say.Lists("Mine.LineStalled", view.Deal.Name, id, name, stall.DaysInStage),
            { Why: StallWhy.Snoozed, SnoozedUntil: { } until } =>
                say.Lists("Mine.LineSnoozed", view.Deal.Name, id, name, stall.DaysInStage, say.Language.DayInWords(until, zone)),
            _ => say.Lists("Mine.Line", view.Deal.Name, id, name, stall.DaysInStage),
        };
        return line + " · " + NextStep(view, zone, say);
    }

    /// <summary>"next: Thu 10 Dec 2026" (the day in the team's zone), "next: send pricing" when undated, or "no next step".</summary>
    private static string NextStep(DealView view, TimeZoneInfo zone, Phrases say) => view.Deal switch
    {
        { NextStepAt: { } at } => say.Lists("Mine.Next", say.Language.DayInWords(at, zone)),
        { NextStep: { Length: > 0 } text } => say.Lists("Mine.Next", text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 39), "…")),
        _ => say.Lists("Mine.NoNext"),
    };
}
