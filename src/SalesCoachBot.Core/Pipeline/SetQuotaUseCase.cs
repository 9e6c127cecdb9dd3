using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Caching;
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
/// "set the EMEA quota to 500k EUR this quarter", "our quota is 2M EUR a year": stores the team's one current quota (a
/// manager of the team or an admin; <see cref="AccessPolicy.CanSetQuota"/>), with who set it and when, and says what was
/// stored and how to see progress. No currency said keeps the one stored; with none stored the answer asks for it.
/// </summary>
internal sealed class SetQuotaUseCase(IDirectoryStore directory, ICacheInvalidation invalidation) : ICommandHandler<SetQuotaCommand>
{
    public async Task<BotAnswer> HandleAsync(SetQuotaCommand command, TurnContext context, CancellationToken cancellationToken)
    {
        var say = context.Say;
        var person = context.Person;
        var visible = TeamDirectory.Visible(await directory.ListTeamsAsync(cancellationToken), person);
        var example = Canonical.Command(say.Pipeline("Example.SetQuota", TeamDirectory.Sample(visible, say)));
        SalesTeam team;
        if (command.TeamName is { Length: > 0 } name)
        {
            if (await AccessPolicy.FindVisibleTeamAsync(directory, name, person, cancellationToken) is not { } named)
            {
                return TeamDirectory.UnknownTeam(name, visible, say);
            }

            team = named;
        }
        else if (!person.IsAdmin && visible.Count == 1)
        {
            team = visible[0];
        }
        else
        {
            // An admin, or a manager of several teams: a quota is one team's, so the answer asks which.
            var names = string.Join(say.Nudges("ListSeparator"), visible.Select(t => say.Language.Isolate(t.Name)));
            return Errors.Answer(say.Pipeline("Quota.Set.WhichTeam.Title"), visible.Count == 0
                ? say.Pipeline("Quota.Set.NoTeam", example)
                : say.Pipeline("Quota.Set.WhichTeam", names, example));
        }

        if (!AccessPolicy.CanSetQuota(person, team.Id))
        {
            return Errors.Answer(say.Pipeline("Quota.Set.NotAllowed.Title"),
                say.Pipeline("Quota.Set.NotAllowed", say.Language.Isolate(team.Name), Canonical.Command(say.Pipeline("Example.QuotaProgress"))));
        }

        var words = context.Turn.Words;
        var said = MoneyText.WithFollowingWord(MoneyText.WithSign(command.AmountText, words), words, command.TeamName);
        if (MoneyText.Parse(said, say) is AmountParse.Rejected rejected)
        {
            return Errors.Answer(say.Pipeline("Quota.Set.Amount.Title"), rejected.Message);
        }

        var amount = ((AmountParse.Parsed)MoneyText.Parse(said, say)).Money;
        if (PipelineAnalytics.NormalizeCurrency(amount.Currency ?? team.QuotaCurrency) is not { Length: > 0 } currency)
        {
            return Errors.Answer(say.Pipeline("Quota.Set.Currency.Title"), say.Pipeline("Quota.Set.Currency", say.Language.Number(amount.Amount), example));
        }

        var quota = new TeamQuota(amount.Amount, currency, command.Period ?? QuotaPeriod.Quarter);
        if (!await directory.SetQuotaAsync(team.Id, quota, person.Id, context.Now, cancellationToken))
        {
            return TeamDirectory.UnknownTeam(team.Name, visible, say);
        }

        // Every host's directory snapshot holds the teams: the new quota is read from the next turn on.
        await invalidation.InvalidateAsync(CacheKey.Directory, CancellationToken.None);
        var stored = new SalesTeam { Name = team.Name, QuotaAmount = quota.Amount, QuotaCurrency = quota.Currency, QuotaPeriod = quota.Period };
        var period = TeamQuotas.CurrentPeriod(quota.Period, ZonedDay.Of(context.Now, ReverseFunnelUseCase.ZoneOf(team)), say);
        var progress = Canonical.Command(say.Pipeline("Example.QuotaProgress.Team", team.Name));
        var plan = Canonical.Command(say.Pipeline("Example.QuotaFunnel.Team", team.Name));
        var text = say.Pipeline("Quota.Set.Done", say.Language.Isolate(team.Name), TeamQuotas.Describe(stored, say),
            TeamQuotas.PeriodName(quota.Period, period, say), period.ByDate, progress, plan);
        return new BotAnswer(text, new Cards.Card
        {
            Kind = Cards.CardKind.Pipeline,
            Title = say.Pipeline("Quota.Set.Title", team.Name),
            Body = [text],
        });
    }
}
