using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Coaching;
using SalesCoachBot.Core.Coaching.Commands;
using SalesCoachBot.Core.Coaching.UseCases;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Dates;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Pipeline;

/// <summary>
/// "how are we doing against quota", "am I on track for quota", «وين وصلنا من الهدف»: for each team the person sees (or
/// the one named), the quota of its current period in the team's calendar, won so far in the quota's currency (the
/// pipeline's rule: won, closed in the period; other currencies not converted, counted as left out), the share, what is
/// left, the days left, and while not met the reverse funnel's headline for what is left (<see cref="ReverseFunnelUseCase"/>).
/// </summary>
internal sealed class QuotaProgressUseCase(IDirectoryStore directory, ReverseFunnelUseCase funnel) : ICommandHandler<QuotaProgressCommand>
{
    public async Task<BotAnswer> HandleAsync(QuotaProgressCommand command, TurnContext context, CancellationToken cancellationToken)
    {
        var say = context.Say;
        var person = context.Person;
        var visible = TeamDirectory.Visible(await directory.ListTeamsAsync(cancellationToken), person);
        IReadOnlyList<SalesTeam> teams;
        if (command.TeamName is { Length: > 0 } name)
        {
            if (await AccessPolicy.FindVisibleTeamAsync(directory, name, person, cancellationToken) is not { } named)
            {
                return TeamDirectory.UnknownTeam(name, visible, say);
            }

            teams = [named];
        }
        else
        {
            teams = visible;
        }

        if (teams.Count == 0)
        {
            return Errors.Answer(say.Pipeline("Quota.Progress.Title"), say.Pipeline("Quota.NoTeams"));
        }

        var sections = new List<CardSection>();
        var lines = new List<string>();
        foreach (var team in teams)
        {
            var teamLines = await TeamLinesAsync(team, context, cancellationToken);
            sections.Add(new CardSection(team.Name, [.. teamLines.Select(l => new CardLine(l))]));
            lines.Add(say.Pipeline("Section.Heading", say.Language.Isolate(team.Name)));
            lines.AddRange(teamLines.Select(l => "- " + l));
        }

        return new BotAnswer(string.Join('\n', lines), new Card
        {
            Kind = CardKind.Pipeline,
            Title = say.Pipeline("Quota.Progress.Title"),
            Sections = sections,
        });
    }

    private async Task<IReadOnlyList<string>> TeamLinesAsync(SalesTeam team, TurnContext context, CancellationToken cancellationToken)
    {
        var say = context.Say;
        var language = say.Language;
        if (team.QuotaAmount is not { } quota)
        {
            return [say.Pipeline("Quota.None", language.Isolate(team.Name), Canonical.Command(say.Pipeline("Example.SetQuota", team.Name)))];
        }

        var zone = ReverseFunnelUseCase.ZoneOf(team);
        var today = ZonedDay.Of(context.Now, zone);
        var period = TeamQuotas.CurrentPeriod(team.QuotaPeriod, today, say);
        var audience = new PipelineAudience(new PipelineScope([team.Id], null), team.Name, [team]);
        var planned = await funnel.PlanAsync(audience, context.Maps.For(team.MapId), new Money(quota, team.QuotaCurrency), period, zone, context.Now, cancellationToken);
        string Money(decimal amount) => language.Money(amount, planned.Currency);
        var left = Math.Max(0, quota - planned.WonSoFar);
        var share = quota > 0 ? (double)(planned.WonSoFar / quota) : 1;
        var daysLeft = PipelineFormat.Days(period.End.DayNumber - today.DayNumber, say);
        var periodName = TeamQuotas.PeriodName(team.QuotaPeriod, period, say);
        var lines = new List<string>
        {
            left > 0
                ? say.Pipeline("Quota.Progress", Money(planned.WonSoFar), Money(quota), periodName, PipelineFormat.Percent(share, say), Money(left), daysLeft, period.ByDate)
                : say.Pipeline("Quota.Progress.Met", Money(planned.WonSoFar), Money(quota), periodName, PipelineFormat.Percent(share, say), daysLeft, period.ByDate),
        };
        if (planned.WonElsewhere > 0)
        {
            lines.Add(say.Count(Phrases.Area.Pipeline, "Quota.LeftOut", planned.WonElsewhere, planned.Currency));
        }

        if (left > 0)
        {
            lines.Add(planned.Plan is { } plan
                ? ReverseFunnelUseCase.Headline(plan, ReverseFunnelUseCase.QuotaTitle(plan, period, say), say)
                : say.Pipeline("Quota.NoPlan", Canonical.Command(say.Pipeline("Example.QuotaFunnel.Team", team.Name))));
        }

        return lines;
    }
}
