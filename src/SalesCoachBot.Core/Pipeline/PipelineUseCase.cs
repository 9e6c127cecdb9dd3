using System.Globalization;
using System.Text;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Coaching;
using SalesCoachBot.Core.Coaching.Commands;
using SalesCoachBot.Core.Coaching.UseCases;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Pipeline;

/// <summary>
/// "pipeline [TEAM] [last N days]": a summary that fits a screen (open deals and amounts per currency, weighted, stalled,
/// win rate, cycle time, change since last week) with a funnel picture, and the rest — stages, conversion, lost reasons,
/// week over week, the map's KPIs — behind "Details" (<see cref="PipelineDetailsPayload"/> where a card cannot unfold).
/// </summary>
public sealed class PipelineUseCase(IPipelineStore store, PipelineAccess access, TeamRulesProvider teamRules, IChartPublisher charts)
    : ICommandHandler<PipelineCommand>, ICommandHandler<PipelineDetailsPayload>
{
    public const int DefaultWindowDays = 365;
    public const int MaxWindowDays = 3650;
    private const string Example = "pipeline emea last 90 days";

    public async Task<BotAnswer> HandleAsync(PipelineCommand command, TurnContext context, CancellationToken cancellationToken)
    {
        var built = await BuildAsync(command.TeamName, command.WindowDays, context, cancellationToken);
        if (built.Refusal is { } refusal)
        {
            return refusal;
        }

        var (report, kpis, audience) = (built.Report!, built.Kpis!, built.Audience!);
        var image = report.OpenDeals > 0 ? await charts.PublishAsync(Funnel(report, audience), cancellationToken) : null;
        return Render(report, kpis, audience, image, new PipelineDetailsPayload(command.TeamName, command.WindowDays));
    }

    /// <summary>The details asked for from a card that cannot unfold them: the same figures, as their own answer in the thread.</summary>
    public async Task<BotAnswer> HandleAsync(PipelineDetailsPayload command, TurnContext context, CancellationToken cancellationToken)
    {
        var built = await BuildAsync(command.Team, command.Days, context, cancellationToken);
        if (built.Refusal is { } refusal)
        {
            return refusal;
        }

        var details = Details(built.Report!, built.Kpis!, new PipelineDetailsPayload(command.Team, command.Days));
        var text = new StringBuilder().AppendLine($"Pipeline details for {built.Audience!.Label} (history: {PipelineFormat.Window(built.Report!.WindowDays)})");
        AppendSections(text, details.Sections);
        details.Body.ToList().ForEach(l => text.AppendLine(l));
        return new BotAnswer(text.ToString().TrimEnd(), new Card
        {
            Kind = CardKind.Pipeline,
            Title = $"Pipeline details · {built.Audience.Label}",
            Subtitle = $"History: {PipelineFormat.Window(built.Report.WindowDays)}",
            Body = details.Body,
            Sections = details.Sections,
        })
        {
            InThread = true,
        };
    }

    private async Task<Built> BuildAsync(string? teamName, int? windowDays, TurnContext context, CancellationToken cancellationToken)
    {
        var days = windowDays ?? DefaultWindowDays;
        if (days is < 1 or > MaxWindowDays)
        {
            var said = days < 1 ? $"A window of {days} days has no history in it" : $"A window of {days:N0} days reaches back further than I keep";
            return new Built(Errors.Answer("Pick another window",
                $"{said}. Give between 1 day and 10 years, for example \"{Example}\" or \"pipeline last 6 months\"."), null, null, null);
        }

        var resolved = await access.ResolveAsync(context.Person, teamName, "pipeline", cancellationToken);
        if (resolved is AudienceResult.Refused refused)
        {
            return new Built(refused.Answer, null, null, null);
        }

        var audience = ((AudienceResult.Allowed)resolved).Audience;
        if (audience.MapIn(context.Maps, "pipeline") is not AudienceMap.One { Map: var map })
        {
            return new Built(((AudienceMap.Several)audience.MapIn(context.Maps, "pipeline")).Answer, null, null, null);
        }

        var rules = await teamRules.GetAsync(cancellationToken);
        var since = Min(context.Now.AddDays(-days), context.Now.AddDays(-14));
        var data = await store.LoadAsync(audience.Scope, since, context.Now, cancellationToken);
        var report = PipelineReport.Build(map, data, days, context.Now, rules.IdleAfterDays);
        return new Built(null, report, PipelineKpis.Compute(map, report, data), audience);
    }

    private sealed record Built(BotAnswer? Refusal, PipelineReport? Report, KpiFigures? Kpis, PipelineAudience? Audience);

    /// <summary>The stages before won as a funnel: open deals, amounts, and the conversion into each from the one above.</summary>
    internal static FunnelChart Funnel(PipelineReport report, PipelineAudience audience)
    {
        var onFunnel = report.Stages.Where(s => report.Funnel.Contains(s.Stage)).ToList();
        var steps = onFunnel.Select(s =>
        {
            var step = report.Conversions.FirstOrDefault(c => c.To.Id == s.Stage.Id);
            return new FunnelStep(
                s.Stage.Name,
                s.OpenDeals,
                PipelineFormat.CompactAmounts(s.Total),
                step is { Entered: > 0 } ? PipelineFormat.Rate(step.Converted, step.Entered) : null);
        }).ToList();
        return new FunnelChart(
            $"Pipeline funnel — {audience.Label}",
            $"Open deals and amount per stage now · ↓ conversion into each stage over {PipelineFormat.Window(report.WindowDays)}",
            steps);
    }

    internal static BotAnswer Render(PipelineReport report, KpiFigures kpis, PipelineAudience audience, CardImage? image, PipelineDetailsPayload open)
    {
        var window = PipelineFormat.Window(report.WindowDays);
        var wl = report.WinLoss;
        var weighting = report.Weighting == WeightingBasis.ObservedConversion ? "observed conversion" : "stage position";
        var thin = wl.Won < PipelineAnalytics.MinWonDealsToTrust
            ? $"Only {PipelineFormat.Deals(wl.Won)} won in {window}: rates and cycle times are too thin to trust yet."
            : null;

        var facts = new List<CardFact>
        {
            new("Open", $"{PipelineFormat.Deals(report.OpenDeals)} · {PipelineFormat.Amounts(report.OpenTotal)}"),
        };
        if (report.WeightedTotal.Count > 0)
        {
            facts.Add(new("Weighted", $"{PipelineFormat.Amounts(report.WeightedTotal)} (by {weighting})"));
        }

        facts.Add(new("Stalled", $"{report.Stalled.ToString(CultureInfo.InvariantCulture)} of {report.OpenDeals.ToString(CultureInfo.InvariantCulture)} open"));
        if (wl.Won + wl.Lost > 0)
        {
            facts.Add(new("Win rate", $"{PipelineFormat.Percent(wl.WinRate)} ({wl.Won} won, {wl.Lost} lost)"));
        }

        if (report.MedianCycleDays is { } cycle)
        {
            facts.Add(new("Median cycle", $"{PipelineFormat.Days(cycle)} over {PipelineFormat.Deals(report.Cycles.Count)} won"));
        }

        if (WeekLine(report) is { } week)
        {
            facts.Add(new("Since last week", week));
        }

        var details = Details(report, kpis, open);
        var text = new StringBuilder()
            .AppendLine($"Pipeline for {audience.Label} (history: {window})");
        if (thin is not null)
        {
            text.AppendLine(thin);
        }

        facts.ForEach(f => text.AppendLine($"{f.Label}: {f.Value}"));
        AppendSections(text, details.Sections);
        details.Body.ToList().ForEach(l => text.AppendLine(l));

        return new BotAnswer(text.ToString().TrimEnd(), new Card
        {
            Kind = CardKind.Pipeline,
            Title = $"Pipeline · {audience.Label}",
            Subtitle = $"History: {window}",
            Note = thin,
            Facts = facts,
            Image = image,
            Details = details,
        });
    }

    /// <summary>"9 entered a stage, +3 on the week before": deals entering funnel stages in the last 7 days against the 7 before.</summary>
    private static string? WeekLine(PipelineReport report)
    {
        var thisWeek = report.WeekOverWeek.Sum(w => w.ThisWeek);
        var lastWeek = report.WeekOverWeek.Sum(w => w.LastWeek);
        return thisWeek + lastWeek == 0
            ? null
            : $"{thisWeek.ToString(CultureInfo.InvariantCulture)} stage entries ({PipelineFormat.Signed(thisWeek - lastWeek)} on the week before)";
    }

    private static CardDetails Details(PipelineReport report, KpiFigures kpis, PipelineDetailsPayload open)
    {
        var window = PipelineFormat.Window(report.WindowDays);
        var stageLines = report.Stages.Select(s =>
            $"{s.Stage.Name}: {PipelineFormat.Deals(s.OpenDeals)}" +
            (s.OpenDeals == 0 ? string.Empty :
                $" · {PipelineFormat.Amounts(s.Total)}" +
                (s.Total.Count > 0 ? $" (weighted {PipelineFormat.Amounts(s.Weighted)}, {PipelineFormat.Percent(s.Weight)})" : string.Empty) +
                $" · median {PipelineFormat.Days(s.MedianDaysInStage)} in stage" +
                (s.Stalled > 0 ? $" · {s.Stalled} stalled" : string.Empty)))
            .ToList();

        var measured = report.Conversions.Where(c => c.Entered > 0).ToList();
        var conversionLines = measured.Select(c => $"{c.From.Name} → {c.To.Name}: {PipelineFormat.Rate(c.Converted, c.Entered)}").ToList();
        var unmeasured = report.Conversions.Where(c => c.Entered == 0).Select(c => c.From.Name).ToList();
        if (unmeasured.Count > 0)
        {
            conversionLines.Add($"No deals entered {string.Join(", ", unmeasured)} in {window}.");
        }

        var wl = report.WinLoss;
        var outcomeLines = new List<string>
        {
            wl.Won + wl.Lost == 0
                ? $"No deals won or lost in {window}."
                : $"Won {wl.Won}, lost {wl.Lost}: win rate {PipelineFormat.Percent(wl.WinRate)}" +
                  (wl.WonAmounts.Count > 0 ? $" · won {PipelineFormat.Amounts(wl.WonAmounts)}" : string.Empty) + ".",
        };
        if (wl.TopLostReasons.Count > 0)
        {
            outcomeLines.Add("Top lost reasons: " + string.Join(", ", wl.TopLostReasons.Select(r => $"{r.Reason} ({r.Count})")) + ".");
        }

        var won = report.Funnel.Count > 0 ? report.Funnel[^1].Name : "won";
        var start = report.Funnel.Count > 0 ? report.Funnel[0].Name : "start";
        outcomeLines.Add(report.MedianCycleDays is { } cycle
            ? $"Median cycle ({start} to {won}): {PipelineFormat.Days(cycle)} over {PipelineFormat.Deals(report.Cycles.Count)} won."
            : $"No deal reached {won} in {window}, so there is no cycle length yet.");

        var sections = new List<CardSection>
        {
            new("By stage", [.. stageLines.Select(l => new CardLine(l))]),
            new($"Conversion ({window})", [.. conversionLines.Select(l => new CardLine(l))]),
            new("Won and lost", [.. outcomeLines.Select(l => new CardLine(l))]),
        };

        var weekLines = report.WeekOverWeek.Where(w => w.ThisWeek + w.LastWeek > 0)
            .Select(w => $"{w.Stage.Name}: {w.ThisWeek} entered ({PipelineFormat.Signed(w.Change)} on the week before)")
            .ToList();
        if (weekLines.Count > 0)
        {
            sections.Add(new("Last 7 days against the 7 before", [.. weekLines.Select(l => new CardLine(l))]));
        }

        var kpiLines = kpis.Computed.ToList();
        if (kpis.NotComputed.Count > 0)
        {
            kpiLines.Add("Not computed (the bot has no data for them): " + string.Join("; ", kpis.NotComputed) + ".");
        }

        if (kpiLines.Count > 0)
        {
            sections.Add(new("The map's KPIs", [.. kpiLines.Select(l => new CardLine(l))]));
        }

        var weighting = report.Weighting == WeightingBasis.ObservedConversion
            ? $"Amounts are per currency, weighted by the observed chance each stage is won ({window})."
            : $"Amounts are per currency, weighted by stage position (fewer than {PipelineAnalytics.MinWonDealsToTrust} won deals in {window} to observe conversion).";
        return new CardDetails("Details", sections, open) { Body = [weighting, .. FastDealSentences(report.FastDeals)] };
    }

    private static void AppendSections(StringBuilder text, IReadOnlyList<CardSection> sections)
    {
        foreach (var section in sections)
        {
            text.AppendLine($"{section.Heading}:");
            foreach (var line in section.Lines)
            {
                text.Append("- ").AppendLine(line.Text);
            }
        }
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
