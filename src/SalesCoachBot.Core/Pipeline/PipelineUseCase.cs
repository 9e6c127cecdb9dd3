using System.Globalization;
using System.Text;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Coaching;
using SalesCoachBot.Core.Coaching.Commands;
using SalesCoachBot.Core.Coaching.UseCases;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Localization;
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

    /// <summary>The pipeline asked for a team over a window, in the reader's language: offered when someone names a team they cannot see.</summary>
    public static string ForTeam(string team, Phrases say) => say.Pipeline("Example.Pipeline.TeamWindow", team);

    /// <summary>"pipeline emea": one team's pipeline, suggested when the teams asked about run different maps.</summary>
    public static Func<string, string> ForTeamOnly(Phrases say) => team => say.Pipeline("Example.Pipeline.Team", team);

    public async Task<BotAnswer> HandleAsync(PipelineCommand command, TurnContext context, CancellationToken cancellationToken)
    {
        var built = await BuildAsync(command.TeamName, command.WindowDays, command.Period, context, cancellationToken);
        if (built.Refusal is { } refusal)
        {
            return refusal;
        }

        var (report, kpis, audience) = (built.Report!, built.Kpis!, built.Audience!);
        // The picture speaks the reply's language: the renderer shapes Arabic with HarfBuzz (ADR 0023).
        var image = report.OpenDeals > 0 ? await charts.PublishAsync(Funnel(report, audience, context.Say), cancellationToken) : null;
        // The resolved period, the one shown here: "this week" on a Sunday's card is that week ("week-2026-11-30") when the
        // button is pressed on Monday, and "this month" that month ("month-2026-11"). Older buttons carry "this-week".
        return Render(report, kpis, audience, image, new PipelineDetailsPayload(command.TeamName, command.WindowDays, report.Calendar?.Code), context.Say, command.Focus, command.Currency);
    }

    /// <summary>The details asked for from a card that cannot unfold them: the same figures, as their own answer in the thread.</summary>
    public async Task<BotAnswer> HandleAsync(PipelineDetailsPayload command, TurnContext context, CancellationToken cancellationToken)
    {
        var built = await BuildAsync(command.Team, command.Days, CalendarPeriod.FromCode(command.Period), context, cancellationToken);
        if (built.Refusal is { } refusal)
        {
            return refusal;
        }

        var say = context.Say;
        var details = Details(built.Report!, built.Kpis!, command, say);
        var window = built.Report!.WindowText(say);
        var text = new StringBuilder().AppendLine(say.Pipeline("Details.Header", built.Audience!.Heading, built.Report!.WindowHeading(say)));
        AppendSections(text, details.Sections, say);
        details.Body.ToList().ForEach(l => text.AppendLine(l));
        return new BotAnswer(text.ToString().TrimEnd(), new Card
        {
            Kind = CardKind.Pipeline,
            Title = say.Pipeline("Details.Title", built.Audience.Label),
            Subtitle = say.Pipeline("Subtitle", window),
            Body = details.Body,
            Sections = details.Sections,
        })
        {
            InThread = true,
        };
    }

    private async Task<Built> BuildAsync(string? teamName, int? windowDays, CalendarPeriod? period, TurnContext context, CancellationToken cancellationToken)
    {
        var days = windowDays ?? DefaultWindowDays;
        if (period is null && ReportPeriods.DaysRefusal(days, context.Say, ForTeam("emea", context.Say), context.Say.Pipeline("Example.Pipeline.LongWindow")) is { } badWindow)
        {
            return new Built(badWindow, null, null, null);
        }

        var resolved = await access.ResolveAsync(context.Person, teamName, context.Say.Pipeline("Example.Pipeline"), team => ForTeam(team, context.Say), context.Say, cancellationToken);
        if (resolved is AudienceResult.Refused refused)
        {
            return new Built(refused.Answer, null, null, null);
        }

        var audience = ((AudienceResult.Allowed)resolved).Audience;
        if (audience.MapIn(context.Maps, ForTeamOnly(context.Say), context.Say) is not AudienceMap.One { Map: var map })
        {
            return new Built(((AudienceMap.Several)audience.MapIn(context.Maps, ForTeamOnly(context.Say), context.Say)).Answer, null, null, null);
        }

        var rules = await teamRules.GetAsync(cancellationToken);

        // A calendar period is the team's: its month starts at midnight where the team works, its week on the team's first
        // workday (the first team's zone and week when the audience spans several, as for a target's period: one report
        // counts one set of days).
        var first = audience.Teams.Count > 0 ? audience.Teams.Min(t => t.Id) : (long?)null;
        var zone = first is { } zoneTeam ? rules.Zone(zoneTeam) : TimeZoneInfo.Utc;
        var calendar = period?.Resolve(context.Now, zone, first is { } weekTeam ? rules.Workdays(weekTeam).First : DayOfWeek.Monday);
        if (calendar is { HasBegun: false })
        {
            return new Built(ReportPeriods.NotBegunRefusal(calendar, context.Say, "Window"), null, null, null);
        }

        var window = calendar?.Window ?? AnalysisWindow.LastDays(days, context.Now);
        var since = Min(window.From, window.To.AddDays(-14));
        var data = await store.LoadAsync(audience.Scope, since, context.Now, cancellationToken);
        var report = calendar is null
            ? PipelineReport.Build(map, data, days, context.Now, rules.IdleAfterDays)
            : PipelineReport.Build(map, data, calendar, context.Now, rules.IdleAfterDays);
        return new Built(null, report, PipelineKpis.Compute(map, report, data, context.Say), audience);
    }

    private sealed record Built(BotAnswer? Refusal, PipelineReport? Report, KpiFigures? Kpis, PipelineAudience? Audience);

    /// <summary>The stages before won as a funnel: open deals, amounts, and the conversion into each from the one above.</summary>
    internal static FunnelChart Funnel(PipelineReport report, PipelineAudience audience, Phrases? say = null)
    {
        say ??= Phrases.English;
        var onFunnel = report.Stages.Where(s => report.Funnel.Contains(s.Stage)).ToList();
        var steps = onFunnel.Select(s =>
        {
            var step = report.Conversions.FirstOrDefault(c => c.To.Id == s.Stage.Id);
            return new FunnelStep(
                MapWording.Name(s.Stage, say.Language),
                s.OpenDeals,
                PipelineFormat.CompactAmounts(s.Total),
                step is { Entered: > 0 } ? PipelineFormat.Rate(step.Converted, step.Entered, say) : null);
        }).ToList();
        return new FunnelChart(
            say.Pipeline("Funnel.Title", audience.Label),
            say.Pipeline("Funnel.Subtitle", report.WindowInSentence(say)),
            steps)
        {
            Language = say.Language,
        };
    }

    internal static BotAnswer Render(PipelineReport report, KpiFigures kpis, PipelineAudience audience, CardImage? image, PipelineDetailsPayload open, Phrases? say = null,
        PipelineFocus focus = PipelineFocus.None, string? currency = null)
    {
        say ??= Phrases.English;
        var window = report.WindowText(say);
        var wl = report.WinLoss;
        var weighting = say.Pipeline(report.Weighting == WeightingBasis.ObservedConversion ? "Weighting.Observed" : "Weighting.Position");
        var thin = wl.Won < PipelineAnalytics.MinWonDealsToTrust ? say.Count(Phrases.Area.Pipeline, "Thin", wl.Won, report.WindowInSentence(say)) : null;
        var lead = Lead(focus, report, audience, thin, say, currency);
        // A lead that says the data is thin says it once: not again as the card's note or the report's second line.
        if (lead is not null && thin is not null && lead.Contains(thin, StringComparison.Ordinal))
        {
            thin = null;
        }

        var facts = new List<CardFact>
        {
            new(say.Pipeline("Fact.Open"), say.Pipeline("Fact.Open.Value", PipelineFormat.DealsOrNone(report.OpenDeals, say), PipelineFormat.Amounts(report.OpenTotal, say))),
        };
        if (report.WeightedTotal.Count > 0)
        {
            facts.Add(new(say.Pipeline("Fact.Weighted"), say.Pipeline("Fact.Weighted.Value", PipelineFormat.Amounts(report.WeightedTotal, say), weighting)));
        }

        // Counted by the open deals so Arabic names the noun: «8 من 16 صفقة مفتوحة», not «8 من 16 مفتوحة».
        facts.Add(new(say.Pipeline("Fact.Stalled"), PipelineFormat.StalledOfOpen(report.OpenDeals, report.Stalled, say)));
        if (wl.Won + wl.Lost > 0)
        {
            facts.Add(new(say.Pipeline("Fact.WinRate"), say.Pipeline("Fact.WinRate.Value", PipelineFormat.Percent(wl.WinRate, say), PipelineFormat.WonCount(wl.Won, say), PipelineFormat.LostCount(wl.Lost, say))));
        }

        if (report.MedianCycleDays is { } cycle)
        {
            facts.Add(new(say.Pipeline("Fact.MedianCycle"), say.Pipeline("Fact.MedianCycle.Value", PipelineFormat.Days(cycle, say), PipelineFormat.CycleDeals(report.Cycles.Count, say))));
        }

        if (WeekLine(report, say) is { } week)
        {
            // A whole week's last week is that week itself: "That week", not "Last week of last week (…)".
            var label = report.Calendar switch
            {
                { Whole: true, IsWeek: true } => say.Pipeline("Fact.ThatWeek"),
                { Whole: true } past => say.Pipeline("Fact.LastWeekOf", past.Label(say)),
                _ => say.Pipeline("Fact.SinceLastWeek"),
            };
            facts.Add(new(label, week));
        }

        var details = Details(report, kpis, open, say);
        var text = new StringBuilder();
        if (lead is not null)
        {
            text.AppendLine(lead);
        }

        text.AppendLine(say.Pipeline("Text.Header", audience.Heading, report.WindowHeading(say)));
        if (thin is not null)
        {
            text.AppendLine(thin);
        }

        facts.ForEach(f => text.AppendLine(say.Cards("FactLine", f.Label, f.Value)));
        AppendSections(text, details.Sections, say);
        details.Body.ToList().ForEach(l => text.AppendLine(l));

        return new BotAnswer(text.ToString().TrimEnd(), new Card
        {
            Kind = CardKind.Pipeline,
            Title = say.Pipeline("Title", audience.Label),
            Subtitle = say.Pipeline("Subtitle", window),
            Lead = lead,
            Note = thin,
            Facts = facts,
            Image = image,
            Details = details,
        });
    }

    /// <summary>
    /// The line answering the figure asked for ("Win rate, Q4 2026 so far: 75% (3 won, 1 lost) · your teams Americas, EMEA"),
    /// with the thin-data sentence when its rates rest on fewer than <see cref="PipelineAnalytics.MinWonDealsToTrust"/> won
    /// deals; null for the report itself. The stalled count is now's, so it names no window.
    /// </summary>
    internal static string? Lead(PipelineFocus focus, PipelineReport report, PipelineAudience audience, string? thin, Phrases say, string? currency = null)
    {
        var wl = report.WinLoss;
        if (focus == PipelineFocus.None && currency is not null)
        {
            return InCurrency(currency, report, audience, say);
        }

        var won = report.Funnel.Count > 0 ? MapWording.Name(report.Funnel[^1], say.Language) : say.Pipeline("Outcome.Won");
        var value = focus switch
        {
            PipelineFocus.Conversion => PipelineKpis.ConversionSummary(report, say),
            PipelineFocus.CycleTime => report.MedianCycleDays is { } cycle
                ? say.Pipeline("Fact.MedianCycle.Value", PipelineFormat.Days(cycle, say), PipelineFormat.CycleDeals(report.Cycles.Count, say))
                : say.Pipeline("Focus.CycleTime.None", won),
            PipelineFocus.WinRate => wl.Won + wl.Lost > 0
                ? say.Pipeline("Fact.WinRate.Value", PipelineFormat.Percent(wl.WinRate, say), PipelineFormat.WonCount(wl.Won, say), PipelineFormat.LostCount(wl.Lost, say))
                : say.Pipeline("Focus.WinRate.None"),
            PipelineFocus.Weighted => report.WeightedTotal.Count > 0
                ? say.Pipeline("Fact.Weighted.Value", PipelineFormat.Amounts(report.WeightedTotal, say),
                    say.Pipeline(report.Weighting == WeightingBasis.ObservedConversion ? "Weighting.Observed" : "Weighting.Position"))
                : say.Pipeline("Focus.Weighted.None"),
            PipelineFocus.Stalled => PipelineFormat.StalledOfOpen(report.OpenDeals, report.Stalled, say),
            _ => null,
        };
        if (value is null)
        {
            return null;
        }

        var label = say.Pipeline("Focus." + focus);
        var line = focus == PipelineFocus.Stalled
            ? say.Pipeline("Focus.Line.Now", label, value, audience.Heading)
            : say.Pipeline("Focus.Line", label, report.WindowHeading(say), value, audience.Heading);
        // Rates and cycle times rest on the won deals; the weighted amount names its basis, the stalled count is no rate.
        if (thin is not null && focus is PipelineFocus.Conversion or PipelineFocus.CycleTime or PipelineFocus.WinRate)
        {
            line = say.Pipeline("Focus.Thin", line, thin);
        }

        return currency is null ? line : say.Pipeline("Focus.Thin", line, say.Pipeline("Currency.PerCurrency"));
    }

    /// <summary>
    /// "EMEA pipeline in EUR": that currency's open, weighted and won amounts, and that the report below is per currency
    /// (amounts are never converted, so no other figure changes); with no deal in it, the currencies there are.
    /// </summary>
    private static string InCurrency(string currency, PipelineReport report, PipelineAudience audience, Phrases say)
    {
        List<CurrencyAmount> Only(IReadOnlyList<CurrencyAmount> amounts) => [.. amounts.Where(a => PipelineAnalytics.NormalizeCurrency(a.Currency) == currency)];
        var (open, weighted, won) = (Only(report.OpenTotal), Only(report.WeightedTotal), Only(report.WinLoss.WonAmounts));
        var window = report.WindowHeading(say);
        if (open.Count + won.Count == 0)
        {
            var there = report.OpenTotal.Concat(report.WinLoss.WonAmounts).Select(a => PipelineAnalytics.NormalizeCurrency(a.Currency))
                .Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            return there.Count == 0
                ? say.Pipeline("Currency.NoneAtAll", currency, window, audience.Heading)
                : say.Pipeline("Currency.None", currency, window, audience.Heading, string.Join(say.Nudges("ListSeparator"), there));
        }

        return say.Pipeline("Currency.Line", currency, window, PipelineFormat.Amounts(open, say), PipelineFormat.Amounts(weighted, say), PipelineFormat.Amounts(won, say),
            audience.Heading) + " " + say.Pipeline("Currency.PerCurrency");
    }

    /// <summary>"9 entered a stage, +3 on the week before": deals entering funnel stages in the last 7 days against the 7 before.</summary>
    private static string? WeekLine(PipelineReport report, Phrases say)
    {
        var thisWeek = report.WeekOverWeek.Sum(w => w.ThisWeek);
        var lastWeek = report.WeekOverWeek.Sum(w => w.LastWeek);
        return thisWeek + lastWeek == 0 ? null : say.Count(Phrases.Area.Pipeline, "Week", thisWeek, PipelineFormat.Signed(thisWeek - lastWeek));
    }

    private static CardDetails Details(PipelineReport report, KpiFigures kpis, PipelineDetailsPayload open, Phrases say)
    {
        var language = say.Language;
        var window = report.WindowInSentence(say);
        string Name(ProcessMaps.Stage stage) => Localization.MapWording.Name(stage, language);
        var stageLines = report.Stages.Select(s =>
            say.Pipeline("Stage.Line", Name(s.Stage), PipelineFormat.DealsOrNone(s.OpenDeals, say)) +
            (s.OpenDeals == 0 ? string.Empty :
                say.Pipeline("Stage.Amount", PipelineFormat.Amounts(s.Total, say)) +
                (s.Total.Count > 0 ? say.Pipeline("Stage.Weighted", PipelineFormat.Amounts(s.Weighted, say), PipelineFormat.Percent(s.Weight, say)) : string.Empty) +
                say.Pipeline("Stage.Median", PipelineFormat.Days(s.MedianDaysInStage, say)) +
                (s.Stalled > 0 ? say.Count(Phrases.Area.Pipeline, "Stage.Stalled", s.Stalled) : string.Empty)))
            .ToList();

        var measured = report.Conversions.Where(c => c.Entered > 0).ToList();
        var conversionLines = measured.Select(c => say.Pipeline("Conversion.Line", Name(c.From), Name(c.To), PipelineFormat.Rate(c.Converted, c.Entered, say))).ToList();
        var unmeasured = report.Conversions.Where(c => c.Entered == 0).Select(c => Name(c.From)).ToList();
        if (unmeasured.Count > 0)
        {
            // Counted by stages: Arabic names one stage «مرحلة …» and introduces several as a list.
            conversionLines.Add(say.Count(Phrases.Area.Pipeline, "Conversion.None", unmeasured.Count, string.Join(say.Nudges("ListSeparator"), unmeasured), window));
        }

        var wl = report.WinLoss;
        var outcomeLines = new List<string>
        {
            wl.Won + wl.Lost == 0
                ? say.Pipeline("Outcome.None", window)
                : wl.WonAmounts.Count > 0
                    ? say.Pipeline("Outcome.LineWithAmounts", say.Count(Phrases.Area.Pipeline, "Outcome.Line.Won", wl.Won), say.Count(Phrases.Area.Pipeline, "Outcome.Line.Lost", wl.Lost), PipelineFormat.Percent(wl.WinRate, say), PipelineFormat.Amounts(wl.WonAmounts, say))
                    : say.Pipeline("Outcome.Line", say.Count(Phrases.Area.Pipeline, "Outcome.Line.Won", wl.Won), say.Count(Phrases.Area.Pipeline, "Outcome.Line.Lost", wl.Lost), PipelineFormat.Percent(wl.WinRate, say)),
        };
        if (wl.TopLostReasons.Count > 0)
        {
            outcomeLines.Add(say.Pipeline("Outcome.LostReasons",
                string.Join(say.Nudges("ListSeparator"), wl.TopLostReasons.Select(r => say.Pipeline("Outcome.Reason", PipelineFormat.LostReason(r.Reason, say, report.Map), PipelineFormat.Deals(r.Count, say))))));
        }

        var won = report.Funnel.Count > 0 ? Name(report.Funnel[^1]) : say.Pipeline("Outcome.Won");
        var start = report.Funnel.Count > 0 ? Name(report.Funnel[0]) : say.Pipeline("Outcome.Start");
        // The start stage is named as the cycle's only when the cycles were measured from it (PipelineKpis.Cycle).
        var fromStart = report.Cycles.Count(c => c.FromStart);
        var cycleKey = fromStart == report.Cycles.Count ? "Outcome.Cycle" : fromStart == 0 ? "Outcome.Cycle.NoStart" : "Outcome.Cycle.SomeFromStart";
        outcomeLines.Add(report.MedianCycleDays is { } cycle
            ? say.Pipeline(cycleKey, start, won, PipelineFormat.Days(cycle, say), PipelineFormat.CycleDeals(report.Cycles.Count, say),
                fromStart == 0 ? window : PipelineFormat.Plain(fromStart, say))
            : say.Pipeline("Outcome.NoCycle", won, window));

        var sections = new List<CardSection>
        {
            new(say.Pipeline("Section.ByStage"), [.. stageLines.Select(l => new CardLine(l))]),
            new(say.Pipeline("Section.Conversion", window), [.. conversionLines.Select(l => new CardLine(l))]),
            new(say.Pipeline("Section.WonLost"), [.. outcomeLines.Select(l => new CardLine(l))]),
        };

        var weekLines = report.WeekOverWeek.Where(w => w.ThisWeek + w.LastWeek > 0)
            .Select(w => say.Count(Phrases.Area.Pipeline, "Week.Line", w.ThisWeek, Name(w.Stage), PipelineFormat.Signed(w.Change)))
            .ToList();
        if (weekLines.Count > 0)
        {
            // A past period's week is its own last week (a whole week's, that week); a window ending now, the last 7 days.
            var heading = report.Calendar switch
            {
                { Whole: true, IsWeek: true } => say.Pipeline("Section.ThatWeek"),
                { Whole: true } past => say.Pipeline("Section.WeekOf", past.Label(say)),
                _ => say.Pipeline("Section.Week"),
            };
            sections.Add(new(heading, [.. weekLines.Select(l => new CardLine(l))]));
        }

        // The KPI lines themselves are worded by PipelineKpis, in the same language.
        var kpiLines = kpis.Computed.ToList();
        if (kpis.NotComputed.Count > 0)
        {
            kpiLines.Add(say.Pipeline("Kpis.NotComputed", string.Join(say.Pipeline("Separator.Strong"), kpis.NotComputed.Select(say.Language.Isolate))));
        }

        if (kpiLines.Count > 0)
        {
            sections.Add(new(say.Pipeline("Section.Kpis"), [.. kpiLines.Select(l => new CardLine(l))]));
        }

        var weighting = report.Weighting == WeightingBasis.ObservedConversion
            ? say.Pipeline("Weighting.ObservedNote", window)
            : say.Pipeline("Weighting.PositionNote", PipelineAnalytics.MinWonDealsToTrust, window);
        return new CardDetails(say.Pipeline("Details"), sections, open) { Body = [weighting, .. FastDealSentences(report.FastDeals, say)] };
    }

    private static void AppendSections(StringBuilder text, IReadOnlyList<CardSection> sections, Phrases say)
    {
        foreach (var section in sections)
        {
            text.AppendLine(say.Pipeline("Section.Heading", section.Heading));
            foreach (var line in section.Lines)
            {
                text.Append("- ").AppendLine(line.Text);
            }
        }
    }

    private static IEnumerable<string> FastDealSentences(FastDealsFinding? finding, Phrases say)
    {
        if (finding is null || finding.Items.Count == 0)
        {
            yield break;
        }

        var language = say.Language;
        var first = finding.Items[0];
        yield return say.Pipeline("Fast.First", PipelineFormat.Days(finding.MedianCycleDays, say), Localization.MapWording.Item(first.Item, language),
            PipelineFormat.Days(first.FastMedianDays, say), Localization.MapWording.Name(first.Stage, language), PipelineFormat.Days(first.OtherMedianDays, say));
        if (finding.Items.Count > 1)
        {
            var second = finding.Items[1];
            yield return say.Pipeline("Fast.Second", Localization.MapWording.Item(second.Item, language), PipelineFormat.Days(second.FastMedianDays, say),
                Localization.MapWording.Name(second.Stage, language), PipelineFormat.Days(second.OtherMedianDays, say));
        }
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
