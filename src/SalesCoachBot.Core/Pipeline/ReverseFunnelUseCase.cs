using System.Globalization;
using System.Text;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Coaching;
using SalesCoachBot.Core.Coaching.Commands;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Dates;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Localization;
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
        var say = context.Say;
        if (command.AmountText.Length == 0 && await FromQuotaAsync(command, context, cancellationToken) is { } fromQuota)
        {
            return fromQuota;
        }

        // The sign and unit from the person's words, typed or run by a button, which the parser's words leave out.
        var words = context.Turn.Words;
        var said = MoneyText.WithFollowingWord(MoneyText.WithSign(command.AmountText, words), words, command.TeamName);
        var amount = MoneyText.Parse(said, say);
        if (amount is AmountParse.Rejected rejected)
        {
            return Errors.Answer(say.Pipeline("Reverse.Which.Title"), rejected.Message);
        }

        var target = ((AmountParse.Parsed)amount).Money;
        // A refusal's example repeats the amount typed, not a fixed "2M" the person never said. The parser rewrites
        // Arabic amount words («مليون» → "1 million"), so when the message lacks the words read, the words typed are
        // repeated (AmountTyped), else the figure read is written.
        var typed = words is not null && words.Contains(said.Trim(), StringComparison.OrdinalIgnoreCase)
            ? said.Trim()
            : words is not null && command.AmountTyped is { Length: > 0 } asTyped && words.Contains(asTyped, StringComparison.Ordinal)
            ? asTyped
            : string.IsNullOrWhiteSpace(target.Currency) ? say.Language.Number(target.Amount) : $"{say.Language.Number(target.Amount)} {target.Currency}";
        var resolved = await access.ResolveAsync(
            context.Person, command.TeamName, say.Pipeline("Example.Funnel", typed), team => say.Pipeline("Example.Funnel.Team", typed, team), say, cancellationToken);
        if (resolved is AudienceResult.Refused refused)
        {
            return refused.Answer;
        }

        var audience = ((AudienceResult.Allowed)resolved).Audience;
        if (audience.MapIn(context.Maps, PipelineUseCase.ForTeamOnly(say), say) is not AudienceMap.One { Map: var map })
        {
            return ((AudienceMap.Several)audience.MapIn(context.Maps, PipelineUseCase.ForTeamOnly(say), say)).Answer;
        }

        var zone = ZoneOf(audience.Teams.OrderBy(t => t.Id).FirstOrDefault());
        var today = ZonedDay.Of(context.Now, zone);
        if (TargetPeriods.Parse(command.PeriodText, today, say) is PeriodParse.Rejected badPeriod)
        {
            return Errors.Answer(say.Pipeline("Reverse.Period.Title"), badPeriod.Message);
        }

        var period = ((PeriodParse.Parsed)TargetPeriods.Parse(command.PeriodText, today, say)).Period;
        var planned = await PlanAsync(audience, map, target, period, zone, context.Now, cancellationToken);
        if (planned.Plan is not { } plan)
        {
            return NoHistory(planned, target.Amount, audience, say);
        }

        // A currency the bot chose (none typed) while the deals use others: said in the first line, with how to ask for those.
        var others = target.Currency is null ? planned.OtherCurrencies : [];
        return Render(plan, audience, period, planned.Conversions, say, others.Count > 0 ? new CurrencyChoice(typed, others) : null);
    }

    /// <summary>
    /// "reverse funnel", "what do we need to hit quota" (no amount): the stored quota of the audience's team, what is left of
    /// it in its current period; null (the answer asks for the target) when the audience is not one team with a quota.
    /// </summary>
    private async Task<BotAnswer?> FromQuotaAsync(ReverseFunnelCommand command, TurnContext context, CancellationToken cancellationToken)
    {
        var say = context.Say;
        var resolved = await access.ResolveAsync(
            context.Person, command.TeamName, say.Pipeline("Example.Funnel", "2M"), team => say.Pipeline("Example.Funnel.Team", "2M", team), say, cancellationToken);
        if (resolved is not AudienceResult.Allowed { Audience: { IsOwnDeals: false, Teams: [{ QuotaAmount: { } quota } team] } audience })
        {
            return null;
        }

        var map = context.Maps.For(team.MapId);
        var zone = ZoneOf(team);
        var period = TeamQuotas.CurrentPeriod(team.QuotaPeriod, ZonedDay.Of(context.Now, zone), say);
        var target = new Money(quota, team.QuotaCurrency);
        var planned = await PlanAsync(audience, map, target, period, zone, context.Now, cancellationToken);
        return planned.Plan is { } plan
            ? Render(plan, audience, period, planned.Conversions, say, fromQuota: true)
            : NoHistory(planned, quota, audience, say);
    }

    private static BotAnswer NoHistory(FunnelInputs planned, decimal target, PipelineAudience audience, Phrases say)
    {
        var shown = say.Language.Money(target, planned.Currency);
        return Errors.Answer(say.Pipeline("Reverse.NoHistory.Title"), planned.Currency.Length > 0
            ? say.Pipeline("Reverse.NoHistory.Currency", shown, audience.Label, planned.Currency)
            : say.Pipeline("Reverse.NoHistory", shown, audience.Label));
    }

    /// <summary>
    /// What a plan for <paramref name="target"/> in <paramref name="period"/> rests on: the wins of the period so far in the
    /// target's currency (the pipeline report's rule: won, closed in the period), the deals won there in other currencies (not
    /// converted, so left out), and the plan itself from the last 12 months (null when no won deal has an amount).
    /// </summary>
    internal async Task<FunnelInputs> PlanAsync(
        PipelineAudience audience, ProcessMap map, Money target, TargetPeriod period, TimeZoneInfo zone, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var periodStart = Instant(period.Start, zone);
        var periodEnd = Instant(period.End, zone);

        var window = AnalysisWindow.LastDays(HistoryDays, now);
        var since = window.From < periodStart ? window.From : periodStart;
        var data = await store.LoadAsync(audience.Scope, since, now, cancellationToken);

        var wonInWindow = data.ClosedDeals.Where(c => c.Status == DealStatus.Won && window.Contains(c.ClosedAt)).ToList();
        var currency = PipelineAnalytics.NormalizeCurrency(target.Currency) is { Length: > 0 } said ? said
            : DominantCurrency(wonInWindow.Select(w => w.Currency)) ?? DominantCurrency(data.OpenDeals.Select(d => d.Currency)) ?? string.Empty;
        bool InCurrency(string? c) => PipelineAnalytics.NormalizeCurrency(c) == currency;

        var wonInPeriod = data.ClosedDeals.Where(c => c.Status == DealStatus.Won && c.ClosedAt >= periodStart && c.ClosedAt < periodEnd && c.ClosedAt <= now).ToList();
        var wonSoFar = wonInPeriod.Where(c => InCurrency(c.Currency)).Sum(c => c.Amount ?? 0);
        var wonElsewhere = wonInPeriod.Count(c => !InCurrency(c.Currency));
        var others = wonInWindow.Select(w => w.Currency).Concat(data.OpenDeals.Select(d => d.Currency)).Select(PipelineAnalytics.NormalizeCurrency)
            .Where(c => c.Length > 0 && c != currency).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

        var wonSizes = wonInWindow.Where(w => InCurrency(w.Currency) && w.Amount > 0).Select(w => w.Amount!.Value).ToList();
        var funnel = SalesFunnel(map);
        var conversions = PipelineAnalytics.Conversions(funnel, PipelineAnalytics.InMapStages(map, data.History), window);
        if (PipelineAnalytics.Median(wonSizes) is not { } median)
        {
            return new FunnelInputs(currency, wonSoFar, wonElsewhere, null, conversions, others);
        }

        var openByStage = data.OpenDeals.Where(d => InCurrency(d.Currency) || d.Currency is null)
            .GroupBy(d => d.StageId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var plan = ReverseFunnel.Plan(target.Amount, currency, wonSoFar, median, wonSizes.Count, funnel, conversions, openByStage, (periodEnd - now).TotalDays);
        return new FunnelInputs(currency, wonSoFar, wonElsewhere, plan, conversions, others);
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

    /// <summary>The amount as typed without a currency, and the other currencies the audience's deals use.</summary>
    internal sealed record CurrencyChoice(string Typed, IReadOnlyList<string> Others);

    /// <summary><see cref="PlanAsync"/>'s answer: the currency counted, won so far in it, won in others, the plan (null: no history).</summary>
    internal sealed record FunnelInputs(
        string Currency, decimal WonSoFar, int WonElsewhere, ReverseFunnelPlan? Plan, IReadOnlyList<StageConversion> Conversions, IReadOnlyList<string> OtherCurrencies);

    internal static BotAnswer Render(ReverseFunnelPlan plan, PipelineAudience audience, TargetPeriod period, IReadOnlyList<StageConversion> conversions, Phrases? say = null,
        CurrencyChoice? choice = null, bool fromQuota = false)
    {
        say ??= Phrases.English;
        var language = say.Language;
        string Money(decimal amount) => language.Money(amount, plan.Currency);
        string Plain(long n) => PipelineFormat.Plain(n, say);
        string Name(Stage stage) => MapWording.Name(stage, language);
        var separator = say.Nudges("ListSeparator");
        var target = Money(plan.Target);
        // The card's title stays short; the first line names a chosen currency: "1,500,000 EUR (say "$1.5m" or "1.5m USD" for the USD deals)".
        // From the stored quota the plan is for what is left of it, and says so: "To close the 300,000 EUR left of the 500,000 EUR quota".
        var cardTitle = fromQuota ? QuotaTitle(plan, period, say) : say.Pipeline("Reverse.Title", target, period.ByDate);
        if (choice is not null)
        {
            // A symbol before Arabic words ("$2 مليون") reads badly: Arabic gives the code after the amount only.
            var ways = choice.Others.Select(code => !language.IsRightToLeft && MoneyText.SymbolOf(code) is { } symbol
                ? say.Pipeline("Reverse.Currency.Other.Symbol", symbol + choice.Typed, choice.Typed + " " + code, code)
                : say.Pipeline("Reverse.Currency.Other", choice.Typed + " " + code, code));
            target = say.Pipeline("Reverse.Currency.Chosen", target, string.Join(separator, ways));
        }

        var title = fromQuota ? cardTitle : say.Pipeline("Reverse.Title", target, period.ByDate);
        var periodLine = period.IsDefault
            ? say.Pipeline("Reverse.PeriodDefault", period.QuarterName(say), period.ByDate)
            : say.Pipeline("Reverse.Period", period.Label, period.ByDate);
        if (plan.Remaining <= 0)
        {
            var done = say.Pipeline("Reverse.Met", audience.Label, Money(plan.WonSoFar), target);
            return new BotAnswer(done + " " + periodLine, new Card { Kind = CardKind.Pipeline, Title = cardTitle, Body = [done, periodLine] });
        }

        var headline = Headline(plan, title, say);

        var stageLines = plan.Stages.Select(s => s.Needed is { } n
            ? say.Pipeline("Reverse.Stage", Name(s.Stage), n, s.Have, PipelineFormat.Percent(s.ToWonRate, say))
            : say.Pipeline("Reverse.Stage.Unknown", Name(s.Stage), s.Have)).ToList();

        string topLine;
        if (plan.NewTopOfFunnel is not { } newTop || plan.TopStage is not { } topStage)
        {
            topLine = say.Pipeline("Reverse.Top.Unknown");
        }
        else if (newTop == 0)
        {
            // The deals held now are expected to bring the wins still needed: "0 new deals into …" said it backwards.
            topLine = say.Pipeline("Reverse.Top.Covered", Name(topStage), period.ByDate);
        }
        else if (plan.MonthsRemaining >= 1)
        {
            topLine = say.Pipeline("Reverse.Top.Months", say.Count(Phrases.Area.Pipeline, "Reverse.NewDeals", newTop), Name(topStage), period.ByDate,
                (long)Math.Ceiling(plan.NewPerMonth ?? 0), language.Digits(PipelineFormat.Number(plan.MonthsRemaining)));
        }
        else
        {
            topLine = say.Pipeline("Reverse.Top.Days", say.Count(Phrases.Area.Pipeline, "Reverse.NewDeals", newTop), Name(topStage),
                PipelineFormat.Days(Math.Floor(plan.DaysRemaining), say));
        }

        var steps = conversions.Select(c => c.Entered > 0
            ? say.Pipeline("Reverse.Step", Name(c.From), Name(c.To), PipelineFormat.Rate(c.Converted, c.Entered, say))
            : say.Pipeline("Reverse.Step.None", Name(c.From), Name(c.To))).ToList();
        var strong = say.Pipeline("Separator.Strong");
        var assumptions = new List<string>
        {
            periodLine,
            say.Pipeline("Reverse.WonSoFar", Money(plan.WonSoFar), Money(plan.Remaining)),
            say.Pipeline("Reverse.DealSize", Money(decimal.Round(plan.MedianWonDeal, 0)), PipelineFormat.Deals(plan.WonDealsObserved, say), PipelineFormat.Deals(plan.DealsToWin, say)),
            say.Pipeline("Reverse.Conversion", string.Join(strong, steps)),
            say.Pipeline("Reverse.Expected", language.Digits(PipelineFormat.Number(plan.ExpectedWinsFromPipeline))),
        };
        if (plan.Stages.Count > 0)
        {
            assumptions.Add(say.Pipeline("Reverse.StartsAt", Name(plan.Stages[0].Stage)));
        }

        var thin = new List<string>();
        if (plan.TooThin)
        {
            thin.Add(say.Pipeline("Reverse.Thin.Won", PipelineFormat.Deals(plan.WonDealsObserved, say)));
        }

        thin.AddRange(conversions.Where(c => c.Entered is > 0 and < PipelineAnalytics.MinWonDealsToTrust)
            .Select(c => say.Pipeline("Reverse.Thin.Step", Name(c.From), Name(c.To), PipelineFormat.Deals(c.Entered, say))));
        var unknown = plan.Stages.Where(s => s.Needed is null).Select(s => language.Isolate(Name(s.Stage))).ToList();
        if (unknown.Count > 0)
        {
            thin.Add(say.Pipeline("Reverse.Thin.Unknown", string.Join(separator, unknown)));
        }

        var warning = thin.Count > 0 ? say.Pipeline("Reverse.Thin", string.Join(strong, thin)) : null;
        if (warning is not null)
        {
            assumptions.Add(warning);
        }

        if (plan.Currency.Length > 0)
        {
            assumptions.Add(say.Pipeline("Reverse.OnlyCurrency", plan.Currency));
        }

        // The audience opens the line here ("All teams: To close …"), where elsewhere it sits mid-sentence ("Pipeline for all teams").
        var text = new StringBuilder().AppendLine(say.Pipeline("Reverse.Headline.Audience", headline, Capitalised(audience.Label)));
        text.AppendLine(topLine).AppendLine(say.Pipeline("Section.Heading", say.Pipeline("Reverse.PerStage")));
        stageLines.ForEach(l => text.Append("- ").AppendLine(l));
        text.AppendLine(say.Pipeline("Section.Heading", say.Pipeline("Reverse.Assumptions")));
        assumptions.ForEach(l => text.Append("- ").AppendLine(l));

        return new BotAnswer(text.ToString().TrimEnd(), new Card
        {
            Kind = CardKind.Pipeline,
            Title = cardTitle,
            Subtitle = say.Pipeline("Reverse.Subtitle", audience.Label, period.Label),
            Note = plan.TooThin ? warning : null,
            Body = [headline, topLine],
            Facts =
            [
                new(say.Pipeline("Reverse.Fact.ToGo"), Money(plan.Remaining)),
                new(say.Pipeline("Reverse.Fact.DealsToWin"), Plain(plan.DealsToWin)),
                new(say.Pipeline("Reverse.Fact.MedianWon"), say.Pipeline("Reverse.Fact.MedianWon.Value", Money(decimal.Round(plan.MedianWonDeal, 0)), PipelineFormat.WonCount(plan.WonDealsObserved, say))),
            ],
            Sections = [new(say.Pipeline("Reverse.PerStage"), [.. stageLines.Select(l => new CardLine(l))]), new(say.Pipeline("Reverse.Assumptions"), [.. assumptions.Select(l => new CardLine(l))])],
        });
    }

    /// <summary>"To close the 300,000 EUR left of the 500,000 EUR quota by 31 Dec 2026": a plan for what is left of a quota.</summary>
    internal static string QuotaTitle(ReverseFunnelPlan plan, TargetPeriod period, Phrases say) =>
        say.Pipeline("Reverse.Title.Left", say.Language.Money(plan.Remaining, plan.Currency), say.Language.Money(plan.Target, plan.Currency), period.ByDate);

    /// <summary>
    /// "{title} you need 4 deals to enter Proposal, 9 to enter Discovery — and you hold 2 in Proposal, 5 in Discovery now":
    /// nearest to won first, as the question is answered. Every count goes in as a number, so all are written one way (the
    /// language's digits, no isolate: a digit needs none in Arabic).
    /// </summary>
    internal static string Headline(ReverseFunnelPlan plan, string title, Phrases say)
    {
        var separator = say.Nudges("ListSeparator");
        string Name(Stage stage) => MapWording.Name(stage, say.Language);
        var known = plan.Stages.Where(s => s.Needed is not null).Reverse().ToList();
        if (known.Count == 0)
        {
            return say.Pipeline("Reverse.Headline.Unknown", title, PipelineFormat.Deals(plan.DealsToWin, say));
        }

        var needs = string.Join(separator, known.Select((s, i) => i == 0
            ? say.Pipeline("Reverse.Need.First", PipelineFormat.Deals(s.Needed!.Value, say), Name(s.Stage))
            : say.Pipeline("Reverse.Need", s.Needed!.Value, Name(s.Stage))));
        var holds = string.Join(separator, known.Select(s => say.Pipeline("Reverse.Hold", s.Have, Name(s.Stage))));
        return say.Pipeline("Reverse.Headline", title, needs, holds);
    }

    internal static DateTimeOffset Instant(DateOnly date, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    private static string? DominantCurrency(IEnumerable<string?> currencies) =>
        currencies.Select(PipelineAnalytics.NormalizeCurrency).Where(c => c.Length > 0)
            .GroupBy(c => c, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key).FirstOrDefault();

    internal static TimeZoneInfo ZoneOf(SalesTeam? team)
    {
        if (team is not null && TimeZoneInfo.TryFindSystemTimeZoneById(team.TimeZoneId, out var zone))
        {
            return zone;
        }

        return TimeZoneInfo.Utc;
    }

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
