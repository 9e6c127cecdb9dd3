using System.Text;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Coaching;
using SalesCoachBot.Core.Coaching.Commands;
using SalesCoachBot.Core.Coaching.UseCases;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Pipeline;

/// <summary>"pipeline [TEAM] [last N days]": stages, amounts, conversion, cycle length, win rate, week over week, a chart.</summary>
public sealed class PipelineUseCase(IPipelineStore store, PipelineAccess access, TeamRulesProvider teamRules, IChartPublisher charts)
    : ICommandHandler<PipelineCommand>
{
    public const int DefaultWindowDays = 365;
    public const int MaxWindowDays = 3650;
    private const string Example = "pipeline emea last 90 days";

    public async Task<BotAnswer> HandleAsync(PipelineCommand command, TurnContext context, CancellationToken cancellationToken)
    {
        var days = command.WindowDays ?? DefaultWindowDays;
        if (days is < 1 or > MaxWindowDays)
        {
            var said = days < 1 ? $"A window of {days} days has no history in it" : $"A window of {days:N0} days reaches back further than I keep";
            return Errors.Answer("Pick another window",
                $"{said}. Give between 1 day and 10 years, for example \"{Example}\" or \"pipeline last 6 months\".");
        }

        var resolved = await access.ResolveAsync(context.Person, command.TeamName, "pipeline", cancellationToken);
        if (resolved is AudienceResult.Refused refused)
        {
            return refused.Answer;
        }

        var audience = ((AudienceResult.Allowed)resolved).Audience;
        if (audience.MapIn(context.Maps, "pipeline") is not AudienceMap.One { Map: var map })
        {
            return ((AudienceMap.Several)audience.MapIn(context.Maps, "pipeline")).Answer;
        }

        var rules = await teamRules.GetAsync(cancellationToken);
        var since = Min(context.Now.AddDays(-days), context.Now.AddDays(-14));
        var data = await store.LoadAsync(audience.Scope, since, context.Now, cancellationToken);
        var report = PipelineReport.Build(map, data, days, context.Now, rules.IdleAfterDays);

        var chart = new BarChart(
            $"Open deals per stage — {audience.Label}",
            [.. report.Stages.Select(s => new ChartBar(s.Stage.Name, s.OpenDeals, s.OpenDeals.ToString(System.Globalization.CultureInfo.InvariantCulture)))]);
        var image = report.OpenDeals > 0 ? await charts.PublishAsync(chart, cancellationToken) : null;
        return Render(report, audience, image);
    }

    internal static BotAnswer Render(PipelineReport report, PipelineAudience audience, CardImage? image)
    {
        var window = PipelineFormat.Window(report.WindowDays);
        var funnel = report.Funnel;
        var won = funnel.Count > 0 ? funnel[^1].Name : "won";
        var start = funnel.Count > 0 ? funnel[0].Name : "start";
        var weighting = report.Weighting == WeightingBasis.ObservedConversion
            ? $"weighted by the observed chance each stage is won ({window})"
            : $"weighted by stage position (fewer than {PipelineAnalytics.MinWonDealsToTrust} won deals in {window} to observe conversion)";

        var stageLines = report.Stages.Select(s =>
            $"{s.Stage.Name}: {PipelineFormat.Deals(s.OpenDeals)}" +
            (s.OpenDeals == 0 ? string.Empty :
                $" · {PipelineFormat.Amounts(s.Total)}" +
                (s.Total.Count > 0 ? $" (weighted {PipelineFormat.Amounts(s.Weighted)}, {PipelineFormat.Percent(s.Weight)})" : string.Empty) +
                $" · median {PipelineFormat.Days(s.MedianDaysInStage)} in stage" +
                (s.Stalled > 0 ? $" · {s.Stalled} stalled" : string.Empty)))
            .ToList();

        var conversionLines = report.Conversions.Select(c =>
            $"{c.From.Name} → {c.To.Name}: {PipelineFormat.Percent(c.Rate)}" +
            (c.Entered > 0 ? $" ({c.Converted} of {c.Entered})" : " (no deals entered)"))
            .ToList();

        var wl = report.WinLoss;
        var winLine = wl.Won + wl.Lost == 0
            ? $"No deals won or lost in {window}."
            : $"Won {wl.Won}, lost {wl.Lost}: win rate {PipelineFormat.Percent(wl.WinRate)}" +
              (wl.WonAmounts.Count > 0 ? $" · won {PipelineFormat.Amounts(wl.WonAmounts)}" : string.Empty) + ".";
        var lostLine = wl.TopLostReasons.Count == 0 ? null
            : "Top lost reasons: " + string.Join(", ", wl.TopLostReasons.Select(r => $"{r.Reason} ({r.Count})")) + ".";
        var cycleLine = report.MedianCycleDays is { } cycle
            ? $"Median cycle ({start} to {won}): {PipelineFormat.Days(cycle)} over {PipelineFormat.Deals(report.Cycles.Count)} won."
            : $"No deal reached {won} in {window}, so there is no cycle length yet.";

        var weekLines = report.WeekOverWeek.Where(w => w.ThisWeek + w.LastWeek > 0)
            .Select(w => $"{w.Stage.Name}: {w.ThisWeek} entered ({PipelineFormat.Signed(w.Change)} on the week before)")
            .ToList();

        var body = new List<string>();
        if (wl.Won < PipelineAnalytics.MinWonDealsToTrust)
        {
            body.Add($"Only {PipelineFormat.Deals(wl.Won)} won in {window}: rates and cycle times are too thin to trust yet.");
        }

        body.AddRange(FastDealSentences(report.FastDeals));

        var text = new StringBuilder()
            .AppendLine($"Pipeline for {audience.Label} (history: {window})")
            .AppendLine($"Open: {PipelineFormat.Deals(report.OpenDeals)} · {PipelineFormat.Amounts(report.OpenTotal)} · weighted {PipelineFormat.Amounts(report.WeightedTotal)} · {report.Stalled} stalled")
            .AppendLine($"Amounts are per currency, {weighting}.")
            .AppendLine("By stage:");
        stageLines.ForEach(l => text.Append("- ").AppendLine(l));
        text.AppendLine($"Conversion ({window}):");
        conversionLines.ForEach(l => text.Append("- ").AppendLine(l));
        text.AppendLine(cycleLine).AppendLine(winLine);
        if (lostLine is not null)
        {
            text.AppendLine(lostLine);
        }

        text.AppendLine(weekLines.Count == 0 ? "No deals entered a stage in the last two weeks." : "Last 7 days against the 7 before:");
        weekLines.ForEach(l => text.Append("- ").AppendLine(l));
        body.ForEach(l => text.AppendLine(l));

        var sections = new List<CardSection>
        {
            new("By stage", [.. stageLines.Select(l => new CardLine(l))]),
            new($"Conversion ({window})", [.. conversionLines.Select(l => new CardLine(l))]),
        };
        if (weekLines.Count > 0)
        {
            sections.Add(new("Last 7 days against the 7 before", [.. weekLines.Select(l => new CardLine(l))]));
        }

        var facts = new List<CardFact>
        {
            new("Open", $"{PipelineFormat.Deals(report.OpenDeals)}, {report.Stalled} stalled"),
            new("Open amount", PipelineFormat.Amounts(report.OpenTotal)),
            new("Weighted", PipelineFormat.Amounts(report.WeightedTotal)),
            new("Weighting", report.Weighting == WeightingBasis.ObservedConversion ? "observed conversion" : "stage position"),
            new("Win rate", wl.Won + wl.Lost == 0 ? "n/a" : $"{PipelineFormat.Percent(wl.WinRate)} ({wl.Won} won, {wl.Lost} lost)"),
            new("Median cycle", PipelineFormat.Days(report.MedianCycleDays)),
        };
        if (wl.TopLostReasons.Count > 0)
        {
            facts.Add(new("Lost to", string.Join(", ", wl.TopLostReasons.Select(r => $"{r.Reason} ({r.Count})"))));
        }

        return new BotAnswer(text.ToString().TrimEnd(), new Card
        {
            Kind = CardKind.Pipeline,
            Title = $"Pipeline · {audience.Label}",
            Subtitle = $"History: {window}",
            Facts = facts,
            Sections = sections,
            Body = [cycleLine, winLine, .. body],
            Image = image,
        });
    }

    private static IEnumerable<string> FastDealSentences(FastDealsFinding? finding)
    {
        if (finding is null || finding.Items.Count == 0)
        {
            yield break;
        }

        var first = finding.Items[0];
        yield return $"Deals won fastest (in {PipelineFormat.Days(finding.MedianCycleDays)} or less) confirmed \"{first.Item.Text}\" " +
            $"{PipelineFormat.Days(first.FastMedianDays)} into {first.Stage.Name}, against {PipelineFormat.Days(first.OtherMedianDays)} for the other won deals.";
        if (finding.Items.Count > 1)
        {
            var second = finding.Items[1];
            yield return $"They also confirmed \"{second.Item.Text}\" sooner: {PipelineFormat.Days(second.FastMedianDays)} into {second.Stage.Name} against {PipelineFormat.Days(second.OtherMedianDays)}.";
        }
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
