using System.Globalization;
using System.Text;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Coaching;
using SalesCoachBot.Core.Coaching.Commands;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Pipeline;

/// <summary>
/// "what do we need to hit 2M [this quarter|by March|in Q1] [for EMEA]": how many deals must enter each stage, from the
/// team's first sales-owned stage down to won, against what each stage holds now; the period in the team's time zone
/// (default the current quarter, said so); conversion and deal size from the last 12 months, each with its sample.
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
        var resolved = await access.ResolveAsync(context.Person, command.TeamName, "what do we need to hit 2M", cancellationToken);
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
        if (TargetPeriods.Parse(command.PeriodText, DateOnly.FromDateTime(local.DateTime)) is PeriodParse.Rejected badPeriod)
        {
            return Errors.Answer("Which period?", badPeriod.Message);
        }

        var period = ((PeriodParse.Parsed)TargetPeriods.Parse(command.PeriodText, DateOnly.FromDateTime(local.DateTime))).Period;
        var periodStart = Instant(period.Start, zone);
        var periodEnd = Instant(period.End, zone);

        var window = AnalysisWindow.LastDays(HistoryDays, context.Now);
        var since = window.From < periodStart ? window.From : periodStart;
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

        var funnel = SalesFunnel(map);
        var conversions = PipelineAnalytics.Conversions(funnel, data.History, window);
        var openByStage = data.OpenDeals.Where(d => InCurrency(d.Currency) || d.Currency is null)
            .GroupBy(d => d.StageId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var wonSoFar = data.ClosedDeals
            .Where(c => c.Status == DealStatus.Won && c.ClosedAt >= periodStart && c.ClosedAt <= context.Now && InCurrency(c.Currency))
            .Sum(c => c.Amount ?? 0);

        var plan = ReverseFunnel.Plan(target.Amount, currency, wonSoFar, median, wonSizes.Count, funnel, conversions, openByStage, (periodEnd - context.Now).TotalDays);
        return Render(plan, audience, period, conversions);
    }

    /// <summary>
    /// The funnel a target is planned on: from the first sales-owned stage on the way to won (marketing stages would turn
    /// a plan into "needs 482 leads" nobody in sales acts on), or the map's start when no stage before won is sales-owned.
    /// </summary>
    internal static IReadOnlyList<Stage> SalesFunnel(ProcessMap map)
    {
        var funnel = PipelineAnalytics.Funnel(map);
        var first = funnel.Take(Math.Max(0, funnel.Count - 1)).ToList().FindIndex(s => s.Owner == "sales");
        return first <= 0 ? funnel : [.. funnel.Skip(first)];
    }

    internal static BotAnswer Render(ReverseFunnelPlan plan, PipelineAudience audience, TargetPeriod period, IReadOnlyList<StageConversion> conversions)
    {
        var target = MoneyText.Format(plan.Target, plan.Currency);
        var title = $"To close {target} by {period.ByDate}";
        var periodLine = period.IsDefault
            ? $"Period: this quarter ({period.Label[(period.Label.IndexOf('(') + 1)..^1]}, until {period.ByDate}) — no period was given; say \"this year\", \"in Q1\" or \"by March\" for another."
            : $"Period: {period.Label}, until {period.ByDate}.";
        if (plan.Remaining <= 0)
        {
            var done = $"{audience.Label} already won {MoneyText.Format(plan.WonSoFar, plan.Currency)} in the period: the {target} target is met.";
            return new BotAnswer(done + " " + periodLine, new Card { Kind = CardKind.Pipeline, Title = title, Body = [done, periodLine] });
        }

        // Nearest to won first, as the question is answered: "N to enter Proposal, M to enter Discovery…".
        var known = plan.Stages.Where(s => s.Needed is not null).Reverse().ToList();
        string headline;
        if (known.Count == 0)
        {
            headline = $"{title} you need {PipelineFormat.Deals(plan.DealsToWin)} won, but no stage has observed conversion to won yet, so I can't say how many must enter each stage.";
        }
        else
        {
            var needs = string.Join(", ", known.Select((s, i) => $"{(i == 0 ? PipelineFormat.Deals(s.Needed!.Value) : s.Needed!.Value.ToString(CultureInfo.InvariantCulture))} to enter {s.Stage.Name}"));
            var holds = string.Join(", ", known.Select(s => $"{s.Have.ToString(CultureInfo.InvariantCulture)} in {s.Stage.Name}"));
            headline = $"{title} you need {needs} — and you hold {holds} now.";
        }

        var stageLines = plan.Stages.Select(s => s.Needed is { } n
            ? $"{s.Stage.Name}: {n} to enter · you hold {s.Have} now · {PipelineFormat.Percent(s.ToWonRate)} of deals entering it are won"
            : $"{s.Stage.Name}: no deals went through it in the last 12 months, so no figure (you hold {s.Have} now)").ToList();

        string topLine;
        if (plan.NewTopOfFunnel is not { } newTop || plan.TopStage is not { } topStage)
        {
            topLine = "I can't say how many new deals to start: no stage has observed conversion to won yet.";
        }
        else if (plan.MonthsRemaining >= 1)
        {
            topLine = $"Beyond what you hold: {newTop} new deals into {topStage.Name} by {period.ByDate}, about {Math.Ceiling(plan.NewPerMonth ?? 0):0} a month over {PipelineFormat.Number(plan.MonthsRemaining)} months.";
        }
        else
        {
            topLine = $"Beyond what you hold: {newTop} new deals into {topStage.Name} in the {PipelineFormat.Days(Math.Floor(plan.DaysRemaining))} left.";
        }

        var steps = conversions.Select(c => c.Entered > 0
            ? $"{c.From.Name} → {c.To.Name} {PipelineFormat.Rate(c.Converted, c.Entered)}"
            : $"{c.From.Name} → {c.To.Name} not observed").ToList();
        var assumptions = new List<string>
        {
            periodLine,
            $"Won so far in the period: {MoneyText.Format(plan.WonSoFar, plan.Currency)}, so {MoneyText.Format(plan.Remaining, plan.Currency)} to go.",
            $"Deal size: the median won deal, {MoneyText.Format(decimal.Round(plan.MedianWonDeal, 0), plan.Currency)}, from {PipelineFormat.Deals(plan.WonDealsObserved)} won in the last 12 months, so {PipelineFormat.Deals(plan.DealsToWin)} to win.",
            $"Conversion, last 12 months (deals that entered a stage and moved on): {string.Join("; ", steps)}.",
            $"Deals you hold now are expected to bring {PipelineFormat.Number(plan.ExpectedWinsFromPipeline)} wins at those rates.",
        };
        if (plan.Stages.Count > 0)
        {
            assumptions.Add($"Starts at {plan.Stages[0].Stage.Name}, the team's first sales-owned stage; earlier marketing stages are not planned.");
        }

        var thin = new List<string>();
        if (plan.TooThin)
        {
            thin.Add($"only {PipelineFormat.Deals(plan.WonDealsObserved)} won in the last 12 months");
        }

        thin.AddRange(conversions.Where(c => c.Entered is > 0 and < PipelineAnalytics.MinWonDealsToTrust)
            .Select(c => $"{c.From.Name} → {c.To.Name} rests on {PipelineFormat.Deals(c.Entered)}"));
        var unknown = plan.Stages.Where(s => s.Needed is null).Select(s => s.Stage.Name).ToList();
        if (unknown.Count > 0)
        {
            thin.Add($"no conversion observed from {string.Join(", ", unknown)}, so no figure there");
        }

        var warning = thin.Count > 0 ? "Thin data: " + string.Join("; ", thin) + "." : null;
        if (warning is not null)
        {
            assumptions.Add(warning);
        }

        if (plan.Currency.Length > 0)
        {
            assumptions.Add($"Only {plan.Currency} deals count; other currencies are not converted.");
        }

        var text = new StringBuilder().AppendLine($"{headline} ({audience.Label})");
        text.AppendLine(topLine).AppendLine("Per stage:");
        stageLines.ForEach(l => text.Append("- ").AppendLine(l));
        text.AppendLine("Assumptions:");
        assumptions.ForEach(l => text.Append("- ").AppendLine(l));

        return new BotAnswer(text.ToString().TrimEnd(), new Card
        {
            Kind = CardKind.Pipeline,
            Title = title,
            Subtitle = $"{audience.Label} · {period.Label}",
            Note = plan.TooThin ? warning : null,
            Body = [headline, topLine],
            Facts =
            [
                new("To go", MoneyText.Format(plan.Remaining, plan.Currency)),
                new("Deals to win", plan.DealsToWin.ToString(CultureInfo.InvariantCulture)),
                new("Median won deal", $"{MoneyText.Format(decimal.Round(plan.MedianWonDeal, 0), plan.Currency)} ({plan.WonDealsObserved} won)"),
            ],
            Sections = [new("Per stage", [.. stageLines.Select(l => new CardLine(l))]), new("Assumptions", [.. assumptions.Select(l => new CardLine(l))])],
        });
    }

    private static DateTimeOffset Instant(DateOnly date, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
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
