using System.Text;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Coaching.Commands;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Stalls;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Coaching.UseCases;

/// <summary>"my deals": the person's open deals, stalled ones first, each with a button to its checklist.</summary>
internal sealed class MyDealsUseCase(IDealStore deals, TeamRulesProvider teamRules) : ICommandHandler<MyDealsCommand>
{
    public async Task<BotAnswer> HandleAsync(MyDealsCommand command, TurnContext context, CancellationToken cancellationToken)
    {
        _ = command;
        var mine = await deals.ListOpenByOwnerAsync(context.Person.Id, cancellationToken);
        if (mine.Count == 0)
        {
            return new BotAnswer("You have no open deals.", new Card { Kind = CardKind.DealList, Title = "My deals", Body = ["You have no open deals."] });
        }

        var rules = await teamRules.GetAsync(cancellationToken);
        var rows = mine
            .Select(view =>
            {
                var stage = context.MapOf(view).FindStage(view.Deal.StageId);
                var stall = StallRule.Assess(view.Deal, stage?.StallAfterDays ?? 0, rules.IdleAfterDays(view.Deal.TeamId), view.SnoozedUntil, context.Now, stage?.Name, rules.Zone(view.Deal.TeamId));
                return (view, stage, stall);
            })
            .OrderByDescending(r => r.stall.IsStalled)
            .ThenByDescending(r => r.stall.DaysInStage)
            .ToList();

        var lines = rows.Select(r => new CardLine(
            $"{r.view.Deal.Name} (#{r.view.Deal.ExternalId}) — {r.stage?.Name ?? r.view.Deal.StageId.Value}, {r.stall.DaysInStage} d in stage{(r.stall.IsStalled ? " · stalled" : string.Empty)}",
            new CardAction("Checklist", new ShowChecklistPayload(r.view.Id)))).ToList();

        var stalled = rows.Count(r => r.stall.IsStalled);
        var card = new Card
        {
            Kind = CardKind.DealList,
            Title = "My deals",
            Subtitle = $"{rows.Count} open, {stalled} stalled",
            Sections = [new CardSection("Open deals", lines)],
        };
        var text = new StringBuilder().AppendLine($"My deals: {rows.Count} open, {stalled} stalled");
        foreach (var line in lines)
        {
            text.Append("- ").AppendLine(line.Text);
        }

        return new BotAnswer(text.ToString().TrimEnd(), card);
    }
}
