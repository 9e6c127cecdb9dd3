using System.Text;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Coaching;
using SalesCoachBot.Core.Coaching.Commands;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Pipeline;

/// <summary>
/// "what do we need to hit 2M" / "reverse funnel 500k": deals each stage must hold and new deals per month
/// until the end of the year (in the team's time zone), from the median won deal and observed conversion.
/// </summary>
public sealed class ReverseFunnelUseCase(IPipelineStore store, PipelineAccess access) : ICommandHandler<ReverseFunnelCommand>
{
    public const int HistoryDays = 365;

    public async Task<BotAnswer> HandleAsync(ReverseFunnelCommand command, TurnContext context, CancellationToken cancellationToken)
    {
        var said = context.Turn.Input is TextInput text ? MoneyText.WithFollowingWord(command.AmountText, text.Text) : command.AmountText;
        if (MoneyText.Parse(said) is AmountParse.Rejected rejected)
        {
            return Errors.Answer("Which target?", rejected.Message);
        }

        var target = ((AmountParse.Parsed)MoneyText.Parse(said)).Money;
        var resolved = await access.ResolveAsync(context.Person, null, "what do we need to hit 2M", cancellationToken);
        if (resolved is AudienceResult.Refused refused)
        {
            return refused.Answer;
        }

        var audience = ((AudienceResult.Allowed)resolved).Audience;
        if (audience.MapIn(context.Maps, "pipeline") is not AudienceMap.One { Map: var map })
        {
            return ((AudienceMap.Several)audience.MapIn(context.Maps, "pipeline")).Answer;
        }

        var zone = ZoneOf(audience.Teams.OrderBy(t => t.Id).FirstOrDefault());
        var local = TimeZoneInfo.ConvertTime(context.Now, zone);
        var yearStart = new DateTimeOffset(local.Year, 1, 1, 0, 0, 0, zone.GetUtcOffset(new DateTime(local.Year, 1, 1))).ToUniversalTime();
        var yearEnd = new DateTimeOffset(local.Year + 1, 1, 1, 0, 0, 0, zone.GetUtcOffset(new DateTime(local.Year + 1, 1, 1))).ToUniversalTime();

        var window = AnalysisWindow.LastDays(HistoryDays, context.Now);
        var since = window.From < yearStart ? window.From : yearStart;
        var data = await store.LoadAsync(audience.Scope, since, context.Now, cancellationToken);

        var wonInWindow = data.ClosedDeals.Where(c => c.Status == DealStatus.Won && window.Contains(c.ClosedAt)).ToList();
        var currency = target.Currency ?? DominantCurrency(wonInWindow.Select(w => w.Currency))
            ?? DominantCurrency(data.OpenDeals.Select(d => d.Currency)) ?? string.Empty;
        bool InCurrency(string? c) => PipelineAnalytics.NormalizeCurrency(c) == currency;

        var wonSizes = wonInWindow.Where(w => InCurrency(w.Currency) && w.Amount > 0).Select(w => w.Amount!.Value).ToList();
        var shown = MoneyText.Format(target.Amount, currency);
        if (PipelineAnalytics.Median(wonSizes) is not { } median)
        {
            return Errors.Answer("Not enough history",
                $"To plan for {shown} I need won deals with an amount{(currency.Length > 0 ? $" in {currency}" : string.Empty)} in the last 12 months for {audience.Label}, and there are none yet. " +
                "Once deals are won (or history is imported with \"import history\"), ask again.");
        }

        var funnel = PipelineAnalytics.Funnel(map);
        var conversions = PipelineAnalytics.Conversions(funnel, data.History, window);
        var openByStage = data.OpenDeals.Where(d => InCurrency(d.Currency) || d.Currency is null)
            .GroupBy(d => d.StageId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var wonSoFar = data.ClosedDeals
            .Where(c => c.Status == DealStatus.Won && c.ClosedAt >= yearStart && c.ClosedAt <= context.Now && InCurrency(c.Currency))
            .Sum(c => c.Amount ?? 0);

        var plan = ReverseFunnel.Plan(target.Amount, currency, wonSoFar, median, wonSizes.Count, funnel, conversions, openByStage, (yearEnd - context.Now).TotalDays);
        return Render(plan, audience, local.Year);
    }

    internal static BotAnswer Render(ReverseFunnelPlan plan, PipelineAudience audience, int year)
    {
        var target = MoneyText.Format(plan.Target, plan.Currency);
        var title = $"To hit {target} in {year}";
        if (plan.Remaining <= 0)
        {
            var done = $"{audience.Label} already won {MoneyText.Format(plan.WonSoFar, plan.Currency)} this year: the {target} target is met.";
            return new BotAnswer(done, new Card { Kind = CardKind.Pipeline, Title = title, Body = [done] });
        }

        var assumptions = new List<string>
        {
            $"Won so far this year: {MoneyText.Format(plan.WonSoFar, plan.Currency)}, so {MoneyText.Format(plan.Remaining, plan.Currency)} to go.",
            $"Median won deal: {MoneyText.Format(decimal.Round(plan.MedianWonDeal, 0), plan.Currency)} (from {PipelineFormat.Deals(plan.WonDealsObserved)} won in the last 12 months), so {PipelineFormat.Deals(plan.DealsToWin)} to win.",
            $"Conversion rates observed over the last 12 months; open deals today are expected to bring {PipelineFormat.Number(plan.ExpectedWinsFromPipeline)} wins.",
            $"Period: until the end of {year}, {PipelineFormat.Days(Math.Floor(plan.DaysRemaining))} from now.",
        };
        if (plan.Currency.Length > 0)
        {
            assumptions.Add($"Only {plan.Currency} deals count; other currencies are not converted.");
        }

        var stageLines = plan.Stages.Select(s => s.Needed is { } n
            ? $"{s.Stage.Name}: needs {n}, holds {s.Have} (each deal here is won {PipelineFormat.Percent(s.ToWonRate)} of the time)"
            : $"{s.Stage.Name}: can't tell, no deals went through it in the last 12 months (holds {s.Have})").ToList();

        string topLine;
        if (plan.NewTopOfFunnel is not { } newTop || plan.TopStage is not { } topStage)
        {
            topLine = "I can't say how many new deals to start: no stage has observed conversion to won yet.";
        }
        else if (plan.MonthsRemaining >= 1)
        {
            topLine = $"New deals into {topStage.Name}: {newTop} by the end of {year}, about {Math.Ceiling(plan.NewPerMonth ?? 0):0} a month over {PipelineFormat.Number(plan.MonthsRemaining)} months.";
        }
        else
        {
            topLine = $"New deals into {topStage.Name}: {newTop} in the {PipelineFormat.Days(Math.Floor(plan.DaysRemaining))} left this year.";
        }

        var warning = plan.TooThin
            ? $"Careful: only {PipelineFormat.Deals(plan.WonDealsObserved)} won in the last 12 months — too thin to trust these numbers."
            : null;

        var text = new StringBuilder().AppendLine($"{title} ({audience.Label}):");
        if (warning is not null)
        {
            text.AppendLine(warning);
        }

        text.AppendLine(topLine).AppendLine("Each stage needs:");
        stageLines.ForEach(l => text.Append("- ").AppendLine(l));
        text.AppendLine("Assumptions:");
        assumptions.ForEach(l => text.Append("- ").AppendLine(l));

        return new BotAnswer(text.ToString().TrimEnd(), new Card
        {
            Kind = CardKind.Pipeline,
            Title = title,
            Subtitle = audience.Label,
            Note = warning,
            Body = [topLine],
            Facts =
            [
                new("To go", MoneyText.Format(plan.Remaining, plan.Currency)),
                new("Deals to win", plan.DealsToWin.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new("Median won deal", MoneyText.Format(decimal.Round(plan.MedianWonDeal, 0), plan.Currency)),
            ],
            Sections = [new("Each stage needs", [.. stageLines.Select(l => new CardLine(l))]), new("Assumptions", [.. assumptions.Select(l => new CardLine(l))])],
        });
    }

    private static string? DominantCurrency(IEnumerable<string?> currencies) =>
        currencies.Select(PipelineAnalytics.NormalizeCurrency).Where(c => c.Length > 0)
            .GroupBy(c => c, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key).FirstOrDefault();

    private static TimeZoneInfo ZoneOf(SalesTeam? team)
    {
        if (team is not null && TimeZoneInfo.TryFindSystemTimeZoneById(team.TimeZoneId, out var zone))
        {
            return zone;
        }

        return TimeZoneInfo.Utc;
    }
}
