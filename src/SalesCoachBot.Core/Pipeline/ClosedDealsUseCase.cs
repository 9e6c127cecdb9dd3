using System.Text;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Coaching;
using SalesCoachBot.Core.Coaching.Commands;
using SalesCoachBot.Core.Coaching.UseCases;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Pipeline;

/// <summary>
/// "won deals", "what did we lose this month", «الصفقات الخاسرة»: the deals closed won (or lost) in a period, newest first,
/// each with its amount, the day it closed in its team's zone, why it was lost, and its owner; the totals per currency and,
/// for lost deals, how often each reason was given. Whose deals follows the pipeline's rule (<see cref="PipelineAccess"/>):
/// a manager's teams, every team for an admin, a rep's own deals; "my wins" is the person's own deals whatever their role.
/// No period said means this quarter, in the team's zone. "did we win Initech" fits "what did {team} win": a name that is no
/// team the person sees but a deal's shows that deal's card. "Riley's wins", "what did Dana lose": a name no team the person
/// sees has but an owner's, among the deals the list would show, lists only that owner's.
/// </summary>
internal sealed class ClosedDealsUseCase(
    IPipelineStore store, PipelineAccess access, TeamRulesProvider teamRules, IDirectoryStore directory, IDealStore dealStore, DealNameResolverCache names, WhatsNextUseCase whatsNext)
    : ICommandHandler<ClosedDealsCommand>
{
    private static readonly CalendarPeriod ThisQuarter = new(CalendarUnit.Quarter, Previous: false);

    public Task<BotAnswer> HandleAsync(ClosedDealsCommand command, TurnContext context, CancellationToken cancellationToken) =>
        ListAsync(command, context, ownerFirst: true, cancellationToken);

    /// <summary>
    /// The list. With <paramref name="ownerFirst"/>, a name no team the person sees has is first looked for among the owners
    /// of the deals the list would show without it ("Riley's wins": a manager's teams, a rep's own deals); no owner called so,
    /// it is read as it was before owners were: a deal's name, else a team's.
    /// </summary>
    private async Task<BotAnswer> ListAsync(ClosedDealsCommand command, TurnContext context, bool ownerFirst, CancellationToken cancellationToken)
    {
        var say = context.Say;
        // The list asked for, in the reader's language, for the examples its refusals give.
        var asked = command.Lost ? "Example.Lost" : "Example.Won";
        var owner = ownerFirst && !command.Mine && command.TeamName is { } typed
            && await AccessPolicy.FindVisibleTeamAsync(directory, typed, context.Person, cancellationToken) is null ? typed : null;
        if (owner is null && command.TeamName is { } named && await NamesADealAsync(named, context, cancellationToken))
        {
            return await whatsNext.HandleAsync(new WhatsNextCommand(new NameReference(named)) { Language = command.Language }, context, cancellationToken);
        }

        PipelineAudience audience;
        if (command.Mine)
        {
            audience = new PipelineAudience(new PipelineScope(null, context.Person.Id), say.Pipeline("Audience.YourDeals"), []);
        }
        else
        {
            var resolved = await access.ResolveAsync(context.Person, owner is null ? command.TeamName : null, say.Pipeline(asked), team => say.Pipeline(asked + ".TeamLastQuarter", team), say, cancellationToken);
            if (resolved is AudienceResult.Refused refused)
            {
                return refused.Answer;
            }

            audience = ((AudienceResult.Allowed)resolved).Audience;
        }

        var rules = await teamRules.GetAsync(cancellationToken);
        // A calendar period starts at midnight where the team works, a week on its first workday: the audience's first team,
        // else the person's own. Teams with other zones or weeks get that team's days too, as for a month: one list has one
        // period, and its header can name only one set of days.
        var zoneTeam = audience.Teams.Count > 0 ? audience.Teams.Min(t => t.Id) : context.Person.TeamIds.DefaultIfEmpty(0).Min();
        var zone = rules.Zone(zoneTeam);
        AnalysisWindow window;
        string period;
        var week = false;
        if (command.Period is null && command.WindowDays is { } days)
        {
            if (ReportPeriods.DaysRefusal(days, say, say.Pipeline(asked + ".Window"), say.Pipeline(asked + ".LongWindow")) is { } badWindow)
            {
                return badWindow;
            }

            window = AnalysisWindow.LastDays(days, context.Now);
            period = PipelineFormat.Window(days, say);
        }
        else
        {
            var calendar = (command.Period ?? ThisQuarter).Resolve(context.Now, zone, rules.Workdays(zoneTeam).First);
            if (!calendar.HasBegun)
            {
                return ReportPeriods.NotBegunRefusal(calendar, say, "Closed.Window");
            }

            window = calendar.Window;
            period = calendar.Label(say);
            week = calendar.IsWeek;
        }

        var deals = await store.ListClosedAsync(audience.Scope, command.Lost ? DealStatus.Lost : DealStatus.Won, window.From, window.To, cancellationToken);
        if (owner is not null)
        {
            var theirs = OwnerNames.Theirs(deals, deal => deal.OwnerName, owner);
            // Nothing closed in the period, the owner may still be known by their open deals: "Riley won no deals in …".
            var names = theirs.Count > 0 ? theirs.Select(deal => deal.OwnerName) : await OpenDealOwnersAsync(audience.Scope, owner, cancellationToken);
            if (!names.Any())
            {
                // A rep sees only their own deals: a name that is no team and no deal is another person, and "Team figures
                // are for managers" would answer a question that was not asked.
                if (!context.Person.IsAdmin && !context.Person.IsManager
                    && await directory.FindTeamByNameAsync(owner, cancellationToken) is null
                    && !await NamesADealAsync(owner, context, cancellationToken))
                {
                    var kind = command.Lost ? "Lost" : "Won";
                    return Errors.Answer(say.Pipeline("Closed.OnlyYours.Title"), say.Pipeline($"Closed.{kind}.OnlyYours", say.Pipeline($"Example.{kind}.Mine")));
                }

                return await ListAsync(command, context, ownerFirst: false, cancellationToken);
            }

            var person = say.Language.Isolate(OwnerNames.Named(names, owner));
            return Render(theirs, command.Lost, person, withOwners: false, period, rules.Zone, context.MapOfTeam, say, person, week, command.ReasonsFirst);
        }

        return Render(deals, command.Lost, audience.Label, withOwners: !audience.IsOwnDeals, period, rules.Zone, context.MapOfTeam, say, week: week, reasonsFirst: command.ReasonsFirst);
    }

    /// <summary>The names of the owners called <paramref name="owner"/> of the scope's open deals.</summary>
    private async Task<IReadOnlyList<string>> OpenDealOwnersAsync(PipelineScope scope, string owner, CancellationToken cancellationToken)
    {
        var open = scope.OwnerId is { } ownerId
            ? await dealStore.ListOpenByOwnerAsync(ownerId, cancellationToken)
            : await dealStore.ListOpenAsync(scope.TeamIds, cancellationToken);
        return OwnerNames.Meant(open.Select(view => view.OwnerName), owner);
    }

    /// <summary>
    /// The list as answered: <paramref name="deals"/> newest first, closed in <paramref name="period"/> (as a reply names it),
    /// each day in its team's zone (<paramref name="zoneOf"/>) and each lost reason in its team's map's words
    /// (<paramref name="mapOf"/>, by the team's map id). A <paramref name="person"/>'s list says none was theirs. A
    /// <paramref name="week"/>'s period is said without "in" ("No deals were won last week (Mon 23 – Sun 29 Nov)").
    /// <paramref name="reasonsFirst"/>: the reasons were asked for ("top loss reasons"), so their line comes before the total.
    /// </summary>
    internal static BotAnswer Render(
        IReadOnlyList<ClosedDealLine> deals, bool lost, string audience, bool withOwners, string period, Func<long, TimeZoneInfo> zoneOf, Func<string?, ProcessMaps.ProcessMap> mapOf, Phrases say,
        string? person = null, bool week = false, bool reasonsFirst = false)
    {
        var kind = lost ? "Lost" : "Won";
        var title = say.Pipeline($"Closed.{kind}.Title", audience);
        if (deals.Count == 0)
        {
            var suffix = week ? ".Week" : string.Empty;
            var none = person is null ? say.Pipeline($"Closed.{kind}.None{suffix}", period) : say.Pipeline($"Closed.{kind}.PersonNone{suffix}", person, period);
            return new BotAnswer(none, new Card { Kind = CardKind.DealList, Title = title, Subtitle = period, Body = [none] });
        }

        string Reason(ClosedDealLine deal) => string.IsNullOrWhiteSpace(deal.LostReason)
            ? say.Pipeline("Outcome.NoReason")
            : MapWording.LostReason(deal.LostReason, say, mapOf(deal.TeamMapId));

        var total = PipelineFormat.Amounts(PipelineAnalytics.SumByCurrency(deals.Select(d => (d.Currency, d.Amount))), say);
        var facts = new List<CardFact> { new(say.Pipeline("Closed.Fact.Total"), say.Pipeline("Closed.Fact.Total.Value", PipelineFormat.Deals(deals.Count, say), total)) };
        if (lost)
        {
            // "price (2 deals) · timing (1 deal)": the reasons in the maps' words, most given first.
            facts.Insert(reasonsFirst ? 0 : facts.Count, new(say.Pipeline("Closed.Fact.Reasons"), string.Join(" · ", deals
                .GroupBy(Reason, StringComparer.Ordinal)
                .OrderByDescending(g => g.Count())
                .ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => say.Pipeline("Closed.ReasonCount", g.Key, PipelineFormat.Deals(g.Count(), say))))));
        }

        var lines = deals.Take(ListLimits.Deals).Select(deal => DealCards.ListLine(
            Line(deal, lost ? Reason(deal) : null, zoneOf(deal.TeamId), say), deal.Id, withOwners ? deal.OwnerName : null, say)).ToList();
        var more = deals.Count > ListLimits.Deals ? say.Pipeline("Closed.More", deals.Count - ListLimits.Deals) : null;

        var text = new StringBuilder().AppendLine(say.Pipeline($"Closed.{kind}.Header", audience, period));
        facts.ForEach(f => text.AppendLine(say.Cards("FactLine", f.Label, f.Value)));
        lines.ForEach(l => text.Append("- ").AppendLine(l.Text));
        if (more is not null)
        {
            text.AppendLine(more);
        }

        return new BotAnswer(text.ToString().TrimEnd(), new Card
        {
            Kind = CardKind.DealList,
            Title = title,
            Subtitle = period,
            Facts = facts,
            Sections = [new CardSection(say.Pipeline("Closed.Section"), lines)],
            Note = more,
        });
    }

    /// <summary>Whether <paramref name="name"/> is no team the person sees but a deal they may find.</summary>
    private async Task<bool> NamesADealAsync(string name, TurnContext context, CancellationToken cancellationToken) =>
        await AccessPolicy.FindVisibleTeamAsync(directory, name, context.Person, cancellationToken) is null
        && !await names.NamesNoDealAsync(dealStore, new NameReference(name), context.Person, cancellationToken);

    /// <summary>"Initech (#1002) · 50,000 USD · lost Tue 1 Dec 2026 · price": the day in the deal's team's zone; won when no reason.</summary>
    private static string Line(ClosedDealLine deal, string? lostBecause, TimeZoneInfo zone, Phrases say)
    {
        var amount = PipelineFormat.Amount(deal.Amount, deal.Currency, say);
        var day = say.Language.DayInWords(deal.ClosedAt, zone);
        return lostBecause is not null
            ? say.Pipeline("Closed.Lost.Line", deal.Name, "#" + deal.ExternalId, amount, day, lostBecause)
            : say.Pipeline("Closed.Won.Line", deal.Name, "#" + deal.ExternalId, amount, day);
    }
}
