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

/// <summary>"my deals": the person's open deals, stalled ones first, each with a button to its checklist.</summary>
internal sealed class MyDealsUseCase(IDealStore deals, TeamRulesProvider teamRules) : ICommandHandler<MyDealsCommand>
{
    public async Task<BotAnswer> HandleAsync(MyDealsCommand command, TurnContext context, CancellationToken cancellationToken)
    {
        _ = command;
        var say = context.Say;
        var mine = await deals.ListOpenByOwnerAsync(context.Person.Id, cancellationToken);
        if (mine.Count == 0)
        {
            var none = say.Lists("Mine.None");
            return new BotAnswer(none, new Card { Kind = CardKind.DealList, Title = say.Lists("Mine.Title"), Body = [none] });
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
            Line(r.view, r.stage, r.stall, rules.Zone(r.view.Deal.TeamId), say),
            new CardAction(say.Lists("Button.Checklist"), new ShowChecklistPayload(r.view.Id)))).ToList();

        var stalled = rows.Count(r => r.stall.IsStalled);
        var card = new Card
        {
            Kind = CardKind.DealList,
            Title = say.Lists("Mine.Title"),
            Subtitle = say.Lists("Mine.Counts", rows.Count, stalled),
            Sections = [new CardSection(say.Lists("Mine.Section"), lines)],
        };
        var text = new StringBuilder().AppendLine(say.Lists("Mine.Header", rows.Count, stalled));
        foreach (var line in lines)
        {
            text.Append("- ").AppendLine(line.Text);
        }

        return new BotAnswer(text.ToString().TrimEnd(), card);
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
