using System.Text;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Coaching.Commands;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Localization;
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
            say.Lists(r.stall.IsStalled ? "Mine.LineStalled" : "Mine.Line", r.view.Deal.Name, "#" + r.view.Deal.ExternalId,
                r.stage is { } stage ? MapWording.Name(stage, say.Language) : r.view.Deal.StageId.Value, r.stall.DaysInStage),
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
}
