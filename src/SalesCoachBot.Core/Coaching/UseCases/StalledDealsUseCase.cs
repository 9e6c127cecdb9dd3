using System.Text;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Coaching.Commands;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Stalls;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Coaching.UseCases;

/// <summary>"stalled [TEAM]": stalled deals of the teams the person may see, grouped by owner, with the reason.</summary>
internal sealed class StalledDealsUseCase(IDealStore deals, IDirectoryStore directory, TeamRulesProvider teamRules) : ICommandHandler<StalledCommand>
{
    public async Task<BotAnswer> HandleAsync(StalledCommand command, TurnContext context, CancellationToken cancellationToken)
    {
        IReadOnlyCollection<long>? teams = AccessPolicy.VisibleTeams(context.Person);
        var scope = "your teams";
        if (command.TeamName is { } name)
        {
            var team = await directory.FindTeamByNameAsync(name, cancellationToken);
            if (team is null || (teams is not null && !teams.Contains(team.Id)))
            {
                return Errors.Answer("Unknown team", $"I don't know a team called \"{name}\" that you can see. Try \"stalled\" for your own teams.");
            }

            teams = [team.Id];
            scope = team.Name;
        }

        var rules = await teamRules.GetAsync(cancellationToken);
        var stalled = (await deals.ListOpenAsync(teams, cancellationToken))
            .Select(view =>
            {
                var stage = context.MapOf(view).FindStage(view.Deal.StageId);
                return (view, stage, stall: StallRule.Assess(view.Deal, stage?.StallAfterDays ?? 0, rules.IdleAfterDays(view.Deal.TeamId), view.SnoozedUntil, context.Now, stage?.Name, rules.Zone(view.Deal.TeamId)));
            })
            .Where(r => r.stall.IsStalled)
            .ToList();

        if (stalled.Count == 0)
        {
            var none = $"No stalled deals in {scope}.";
            return new BotAnswer(none, new Card { Kind = CardKind.DealList, Title = "Stalled deals", Body = [none] });
        }

        var sections = stalled
            .GroupBy(r => r.view.OwnerName)
            .OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase)
            .Select(g => new CardSection(g.Key, [.. g
                .OrderByDescending(r => r.stall.DaysOverdue)
                .Select(r => new CardLine(
                    $"{r.view.Deal.Name} (#{r.view.Deal.ExternalId}) — {r.stage?.Name ?? r.view.Deal.StageId.Value}: {r.stall.Reason}",
                    new CardAction("Checklist", new ShowChecklistPayload(r.view.Id))))]))
            .ToList();

        var text = new StringBuilder().AppendLine($"Stalled deals in {scope}: {stalled.Count}");
        foreach (var section in sections)
        {
            text.AppendLine(section.Heading + ":");
            foreach (var line in section.Lines)
            {
                text.Append("- ").AppendLine(line.Text);
            }
        }

        return new BotAnswer(text.ToString().TrimEnd(), new Card
        {
            Kind = CardKind.DealList,
            Title = "Stalled deals",
            Subtitle = $"{stalled.Count} in {scope}",
            Sections = sections,
        });
    }
}
