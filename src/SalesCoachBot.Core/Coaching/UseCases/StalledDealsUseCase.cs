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

/// <summary>
/// "stalled [TEAM]": stalled deals of the teams the person may see, grouped by owner, with the reason; the most overdue
/// when there are more than a card holds. A name no team the person sees has but the owner of deals they see ("what's
/// stalled for Dana") lists that owner's stalled deals only; a team of that name comes first. "my stalled deals" (<see
/// cref="StalledCommand.Mine"/>) lists the person's own, of the team named if one is.
/// </summary>
internal sealed class StalledDealsUseCase(IDealStore deals, IDirectoryStore directory, TeamRulesProvider teamRules) : ICommandHandler<StalledCommand>
{
    public async Task<BotAnswer> HandleAsync(StalledCommand command, TurnContext context, CancellationToken cancellationToken)
    {
        var say = context.Say;
        // "stalled deals over 50k": an amount that cannot be read is answered before any deal is.
        var (amounts, refusal) = command.Amount is { } filter ? AmountRange.Read(filter, context.Turn.Words, say) : (null, null);
        if (refusal is not null)
        {
            return refusal;
        }

        IReadOnlyCollection<long>? teams = AccessPolicy.VisibleTeams(context.Person);
        var rules = await teamRules.GetAsync(cancellationToken);
        var scope = AccessPolicy.TeamsLabel(context.Person, rules, say);
        // "Stalled deals in EMEA", or a person's: "Stalled deals of Dana Demo".
        var texts = "Stalled";
        IReadOnlyList<StalledDeal>? owned = null;
        if (command.Mine)
        {
            // "my stalled deals", «صفقاتي المتعثرة»: the person's own, of one team when one is named ("… in EMEA").
            var team = command.TeamName is { } named ? await AccessPolicy.FindVisibleTeamAsync(directory, named, context.Person, cancellationToken) : null;
            if (command.TeamName is { } unknown && team is null)
            {
                return Errors.Answer(say.Lists("Stalled.UnknownTeam.Title"), say.Lists("Stalled.UnknownTeam", unknown, say.Lists("Example.Stalled")));
            }

            owned = [.. (await deals.ListOpenByOwnerAsync(context.Person.Id, cancellationToken))
                .Where(view => team is null || view.Deal.TeamId == team.Id)
                .Select(StalledDeal.Of)];
            scope = team?.Name ?? scope;
            texts = team is null ? "Stalled.Mine" : "Stalled.Mine.Team";
        }
        else if (command.TeamName is { } name)
        {
            var team = await AccessPolicy.FindVisibleTeamAsync(directory, name, context.Person, cancellationToken);
            if (team is not null)
            {
                teams = [team.Id];
                scope = team.Name;
            }
            else
            {
                // "what's stalled for Dana": no team the person sees is called so, but the owner of deals they see may be.
                owned = [.. OwnerNames.Theirs(await AccessPolicy.VisibleOpenDealsAsync(deals, context.Person, cancellationToken), view => view.OwnerName, name).Select(StalledDeal.Of)];
                if (owned.Count == 0)
                {
                    return Errors.Answer(say.Lists("Stalled.UnknownTeam.Title"), say.Lists("Stalled.UnknownTeam", name, say.Lists("Example.Stalled")));
                }

                scope = say.Language.Isolate(OwnerNames.Named(owned.Select(view => view.OwnerName), name));
                texts = "Stalled.Person";
            }
        }

        // The store reads only the deals the rule finds stalled; the rule below still decides each one and says why.
        var stalled = (owned ?? await deals.ListStalledOpenAsync(teams, TeamStallLimits.Of(rules, context), context.Now, cancellationToken))
            .Select(view =>
            {
                var stage = context.MapOfTeam(view.TeamMapId).FindStage(view.Deal.StageId);
                return (view, stage, stall: StallRule.Assess(view.Deal, stage?.StallAfterDays ?? 0, rules.IdleAfterDays(view.Deal.TeamId), view.SnoozedUntil, context.Now, stage, rules.Zone(view.Deal.TeamId)));
            })
            .Where(r => r.stall.IsStalled)
            .ToList();

        // The filter's words follow the scope in every text ("Stalled deals in EMEA over 50,000 EUR: 2"); the deals it left
        // out for having no amount are counted under the list.
        string? leftOut = null;
        if (amounts is not null)
        {
            leftOut = AmountRange.LeftOut(stalled.Count(r => r.view.Deal.Amount is null), say);
            stalled = [.. stalled.Where(r => amounts.Holds(r.view.Deal))];
            scope = say.Lists("Amount.Title", scope, amounts.Words(say));
        }

        if (stalled.Count == 0)
        {
            var none = say.Lists(texts + ".None", scope);
            return new BotAnswer(leftOut is null ? none : none + "\n" + leftOut,
                new Card { Kind = CardKind.DealList, Title = Title(texts, scope, say), Body = leftOut is null ? [none] : [none, leftOut] });
        }

        // The most overdue across the teams, grouped by owner; the digest's "See all" button comes here, so a team with
        // more stalled deals than a card holds still gets an answer, with the rest counted and how to see them.
        var shown = stalled.OrderByDescending(r => r.stall.DaysOverdue).ThenBy(r => r.view.Deal.Name, StringComparer.OrdinalIgnoreCase).ToList();
        var left = shown.Skip(ListLimits.Deals).ToList();
        shown = shown[..Math.Min(shown.Count, ListLimits.Deals)];
        var more = left.Count == 0 ? null : say.Lists("Stalled.More", left.Count,
            say.Language.Isolate(left.GroupBy(r => r.view.OwnerName).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.OrdinalIgnoreCase).First().Key));
        more = more is null ? leftOut : leftOut is null ? more : more + "\n" + leftOut;
        var sections = shown
            .GroupBy(r => r.view.OwnerName)
            .OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase)
            .Select(g => new CardSection(g.Key, [.. g
                .Select(r => DealCards.ListLine(
                    say.Lists("Stalled.Line", r.view.Deal.Name, "#" + r.view.Deal.ExternalId,
                        r.stage is { } stage ? MapWording.Name(stage, say.Language) : r.view.Deal.StageId.Value, StallWording.Reason(r.stall, say)),
                    r.view.Id, owner: null, say))]))
            .ToList();

        var text = new StringBuilder().AppendLine(say.Lists(texts + ".Header", scope, stalled.Count));
        // "Stalled deals of Riley Rep" already names the one owner: no "Riley Rep:" group under it.
        var onePerson = owned is not null && sections.Count == 1;
        foreach (var section in sections)
        {
            if (!onePerson)
            {
                text.AppendLine(say.Lists("Stalled.Owner", section.Heading));
            }

            foreach (var line in section.Lines)
            {
                text.Append("- ").AppendLine(line.Text);
            }
        }

        if (more is not null)
        {
            text.AppendLine(more);
        }

        return new BotAnswer(text.ToString().TrimEnd(), new Card
        {
            Kind = CardKind.DealList,
            Title = Title(texts, scope, say),
            Subtitle = say.Lists(texts + ".Subtitle", stalled.Count, scope),
            Sections = sections,
            Note = more,
        });
    }

    /// <summary>"Stalled deals" for teams; "Stalled deals of Dana Demo" for a person.</summary>
    private static string Title(string texts, string scope, Phrases say) =>
        texts == "Stalled" ? say.Lists("Stalled.Title") : say.Lists(texts + ".Title", scope);
}
