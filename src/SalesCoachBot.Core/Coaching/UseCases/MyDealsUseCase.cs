using System.Text;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Coaching.Commands;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Stalls;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Coaching.UseCases;

/// <summary>
/// "my deals": the person's open deals, stalled ones first, each with a button to its checklist. "which of my deals are in
/// demo": only those at that stage, named as each deal's own map names its stages. "which deals are in demo": the open deals
/// at that stage that the person may see (their teams', and their own), each with its owner. "Dana's deals": the open
/// deals the person may see whose owner is called so (full name or first name). "oldest deals": open the longest first, each
/// with its age; "biggest 5 deals": only that many.
/// </summary>
internal sealed class MyDealsUseCase(
    IDealStore deals, IDirectoryStore directory, TeamRulesProvider teamRules, DealNameResolverCache names, WhatsNextUseCase whatsNext)
    : ICommandHandler<MyDealsCommand>
{
    public async Task<BotAnswer> HandleAsync(MyDealsCommand command, TurnContext context, CancellationToken cancellationToken)
    {
        // "deals over 50k": an amount that cannot be read is answered before any deal is.
        var (amounts, refusal) = command.Amount is { } filter ? AmountRange.Read(filter, context.Turn.Words, context.Say) : (null, null);
        if (refusal is not null)
        {
            return refusal;
        }

        if (command.OwnerName is { } owner)
        {
            return await OwnersAsync(owner, command, amounts, context, cancellationToken);
        }

        // "my deals in EMEA", "deals in EMEA": words no map knows as a stage but a team's name.
        if (command.StageText is { } words && !NamesAStage(words, context) && await directory.FindTeamByNameAsync(words, cancellationToken) is { } team)
        {
            return await TeamsAsync(team, words, command, amounts, context, cancellationToken);
        }

        // "which deals are in demo", "what are our biggest deals": without "my", the deals of every team the person may see.
        // "deals over 50k" likewise: the amount filter narrows the deals the person may see.
        var everyone = !command.Mine && (command.StageText is not null || command.Order != DealOrder.StalledFirst || amounts is not null);
        // An admin's are every team's ("Deals in all teams"), as the pipeline names them; no team is the admin's own.
        var titled = everyone ? command.StageText is null ? context.Person.IsAdmin ? "Visible.All" : "Visible" : "Visible.InStage" : "Mine.InStage";
        // Someone in one team reads its name ("Deals in EMEA"), as the stalled and due headers name it; "your teams" is
        // for several (or none).
        var oneTeam = titled == "Visible" ? await OnlyTeamAsync(context.Person, cancellationToken) : null;
        if (oneTeam is not null)
        {
            titled = "Visible.InStage";
        }

        if (everyone && command.StageText is null && amounts is null && command.Order is DealOrder.Biggest or DealOrder.Oldest or DealOrder.ClosestToClosing)
        {
            return await FirstOfVisibleAsync(command, titled, oneTeam, context, cancellationToken);
        }

        if (everyone && command.StageText is { } stageText && StageInEveryMap(stageText, context) is { } atStage)
        {
            // Only the deals at the stage are read: every map that knows the words names the stage alike, so the list is
            // titled as reading every deal would title it.
            var visibleAt = await AccessPolicy.VisibleOpenDealsAtAsync(deals, context.Person, atStage.Ids, cancellationToken);
            return await ListAsync(visibleAt, stageText, titled, withOwners: true, context, cancellationToken, order: command.Order, count: command.Count, known: atStage.Match, amounts: amounts);
        }

        IReadOnlyList<DealView> mine = everyone
            ? await AccessPolicy.VisibleOpenDealsAsync(deals, context.Person, cancellationToken)
            : await deals.ListOpenByOwnerAsync(context.Person.Id, cancellationToken);
        return await ListAsync(mine, command.StageText, titled, withOwners: everyone, context, cancellationToken, oneTeam, command.Order, command.Count, amounts: amounts);
    }

    /// <summary>The name of the person's one team; null for an admin, or someone in several teams or none.</summary>
    private async Task<string?> OnlyTeamAsync(PersonView person, CancellationToken cancellationToken) =>
        !person.IsAdmin && person.TeamIds.Distinct().Count() == 1 && (await teamRules.GetAsync(cancellationToken)).Find(person.TeamIds[0]) is { } team
            ? team.Name
            : null;

    /// <summary>
    /// "Dana's deals": the visible open deals of owners called so. A name no owner has but a team's the person may see
    /// ("EMEA's deals") lists that team's; a deal's ("Initech's deals") is that deal's card; none, "Dana owns no open deals".
    /// Asked like a deal ("how is Dana doing"), a name no owner has is answered as "how is Initech doing" is. Only the deals
    /// listed are read: the owners' (or the team's), found by the owners' names first.
    /// </summary>
    private async Task<BotAnswer> OwnersAsync(string owner, MyDealsCommand command, AmountRange? amounts, TurnContext context, CancellationToken cancellationToken)
    {
        var scope = AccessPolicy.FindableDeals(context.Person);
        var called = OwnerNames.Theirs(await deals.ListOpenOwnersAsync(scope, cancellationToken), o => o.Name, owner).Select(o => o.Id).ToList();
        var theirs = called.Count == 0 ? [] : InVisibleOrder(await deals.ListOpenOfOwnersAsync(scope, called, cancellationToken), context.Person);
        if (theirs.Count == 0 && command.Otherwise is { } asked)
        {
            // "how is EMEA doing", "how is Initech doing": no rep is called so; the team's pipeline or the deal's card.
            return await whatsNext.HandleAsync(asked with { Language = command.Language }, context, cancellationToken);
        }

        var team = theirs.Count == 0 ? await AccessPolicy.FindVisibleTeamAsync(directory, owner, context.Person, cancellationToken) : null;
        if (team is not null)
        {
            // A team the person may see: all its open deals are theirs to see.
            theirs = [.. await deals.ListOpenAsync([team.Id], cancellationToken)];
        }
        else if (theirs.Count == 0 && !await names.NamesNoDealAsync(deals, new NameReference(owner), context.Person, cancellationToken))
        {
            return await whatsNext.HandleAsync(new WhatsNextCommand(new NameReference(owner)) { Language = command.Language }, context, cancellationToken);
        }

        // The team's name, or the owner as the data names them when one person matched ("Dana Demo" for "dana"), else as typed.
        var named = team?.Name ?? OwnerNames.Named(theirs.Select(view => view.OwnerName), owner);
        // One person's deals name that person in the heading: "owner: Dana Demo" on every line would only repeat it.
        var owners = team is not null || theirs.Select(view => view.Deal.OwnerId).Distinct().Skip(1).Any();
        return await ListAsync(theirs, command.StageText, "Owner", withOwners: owners, context, cancellationToken, named, command.Order, command.Count, amounts: amounts);
    }

    /// <summary>Whether a map in force knows <paramref name="words"/> as a stage (or one close to them).</summary>
    private static bool NamesAStage(string words, TurnContext context) =>
        context.Maps.All.Prepend(context.Map).Any(map => Matching.MatchStage(map, words) is StageMatch.Found);

    /// <summary>
    /// "deals in EMEA", "my deals in EMEA": a manager (or an admin) gets the team's open deals, with owners; a rep of the team
    /// their own deals in it ("my deals" is theirs). A team the person may not see is answered as one not known, as the
    /// stalled list answers it, so its existence is not told.
    /// </summary>
    private async Task<BotAnswer> TeamsAsync(SalesTeam team, string words, MyDealsCommand command, AmountRange? amounts, TurnContext context, CancellationToken cancellationToken)
    {
        var say = context.Say;
        var person = context.Person;
        if (!AccessPolicy.SeesTeam(person, team.Id))
        {
            return Errors.Answer(say.Lists("Stalled.UnknownTeam.Title"), say.Lists("Mine.UnknownTeam", words, say.Lists("Example.MyDeals")));
        }

        if (person.IsManager || person.IsAdmin || !command.Mine)
        {
            var theirs = await deals.ListOpenAsync([team.Id], cancellationToken);
            return await ListAsync(theirs, null, "Visible.InStage", withOwners: true, context, cancellationToken, team.Name, command.Order, command.Count, amounts: amounts);
        }

        var mine = (await deals.ListOpenByOwnerAsync(person.Id, cancellationToken)).Where(view => view.Deal.TeamId == team.Id).ToList();
        return await ListAsync(mine, null, "Mine.InStage", withOwners: false, context, cancellationToken, team.Name, command.Order, command.Count, amounts: amounts);
    }

    /// <summary>
    /// Deals in the order <see cref="AccessPolicy.VisibleOpenDealsAsync"/> gives them (the person's teams' deals, then
    /// their own in other teams; each by stage entry): the order that breaks the ties a list's sort leaves.
    /// </summary>
    private static List<DealView> InVisibleOrder(IEnumerable<DealView> views, PersonView person) =>
        [.. views
            .OrderBy(view => person.IsAdmin || person.TeamIds.Contains(view.Deal.TeamId) ? 0 : 1)
            .ThenBy(view => view.Deal.StageEnteredAt)
            .ThenBy(view => view.Deal.Id)];

    /// <summary>
    /// The stage <paramref name="stageText"/> names in the maps in force, when every map that knows the words names that
    /// stage alike, with the stage's id in each. Null when no map knows them, or two name the stage differently (the list's
    /// title then follows the first visible deal's map, which only reading every deal tells).
    /// </summary>
    private static (StageMatch.Found Match, IReadOnlyCollection<StageId> Ids)? StageInEveryMap(string stageText, TurnContext context)
    {
        var found = context.Maps.All.Prepend(context.Map)
            .Select(map => Matching.MatchStage(map, stageText))
            .OfType<StageMatch.Found>()
            .ToList();
        return found.Count > 0 && found.Select(f => MapWording.Name(f.Stage, context.Say.Language)).Distinct(StringComparer.Ordinal).Count() == 1
            ? (found[0], found.Select(f => f.Stage.Id).Distinct().ToList())
            : null;
    }

    /// <summary>
    /// "what are our biggest deals", "oldest deals", "closest to closing": the list every visible deal would give, with only
    /// its first deals read (<see cref="IDealStore.ListBiggestOpenAsync"/>, <see cref="IDealStore.ListOldestOpenAsync"/>) and its counts taken in
    /// the database. Biggest first takes each currency's deals in the order the whole list would show them.
    /// </summary>
    private async Task<BotAnswer> FirstOfVisibleAsync(MyDealsCommand command, string titled, string? team, TurnContext context, CancellationToken cancellationToken)
    {
        var say = context.Say;
        var scope = AccessPolicy.FindableDeals(context.Person);
        var rules = await teamRules.GetAsync(cancellationToken);
        // The totals and the stalled count in one pass over the deals the person may see.
        var (currencies, stalled) = await deals.CountOpenAsync(scope, TeamStallLimits.Of(rules, context), context.Now, cancellationToken);
        var total = currencies.Sum(c => c.Count);
        object[] about = team is null ? [] : [say.Language.Isolate(team)];
        var title = say.Lists(titled + ".Title", about);
        if (total == 0)
        {
            var none = say.Lists(titled + ".None", about);
            return new BotAnswer(none, new Card { Kind = CardKind.DealList, Title = title, Body = [none] });
        }

        var shown = Shown(command.Count);
        var several = currencies.Where(c => c is { HasAmount: true, Currency: not null }).Select(c => c.Currency!).Distinct(StringComparer.OrdinalIgnoreCase).Skip(1).Any();
        var eachCurrency = command.Order == DealOrder.Biggest && shown < ListLimits.Deals && several;
        var picked = new List<ListRow>();
        if (command.Order == DealOrder.Oldest)
        {
            var first = await deals.ListOldestOpenAsync(scope, shown, cancellationToken);
            picked.AddRange(Ordered(Assess(InVisibleOrder(first, context.Person), rules, context), DealOrder.Oldest, context).Take(shown));
        }
        else if (command.Order == DealOrder.ClosestToClosing)
        {
            var first = await ClosestAsync(context.Person, shown, context, cancellationToken);
            picked.AddRange(Ordered(Assess(InVisibleOrder(first, context.Person), rules, context), DealOrder.ClosestToClosing, context).Take(shown));
        }
        else
        {
            // The currencies in the order the whole list groups them (see Ordered), each read only as far as it is shown.
            var groups = currencies
                .GroupBy(c => c.HasAmount ? (c.Currency ?? string.Empty).ToUpperInvariant() : null)
                .OrderBy(g => g.Key switch { null => 2, "" => 1, _ => 0 })
                .ThenByDescending(g => g.Sum(c => c.Count))
                .ThenBy(g => g.Key, StringComparer.Ordinal);
            foreach (var group in groups)
            {
                var wanted = eachCurrency ? shown : shown - picked.Count;
                if (wanted <= 0 || picked.Count >= ListLimits.Deals)
                {
                    break;
                }

                var first = await deals.ListBiggestOpenAsync(scope, [.. group], wanted, cancellationToken);
                picked.AddRange(Ordered(Assess(InVisibleOrder(first, context.Person), rules, context), DealOrder.Biggest, context).Take(wanted));
            }

            picked = [.. picked.Take(ListLimits.Deals)];
        }

        return Render(new ListHeading(titled, about, title), picked, total, stalled, several, eachCurrency, shown, command.Order, withOwners: true, rules, context);
    }

    /// <summary>
    /// "closest to closing": the deals at the furthest stage positions first, one position at a time (the stages of every map
    /// at that position, whichever map a deal's team follows), until the deals at or past the position fill the list. Every
    /// deal at the last position read is read, so days in stage break its ties as the whole list does; the person's own
    /// deals in other teams are read once. Deals at no position of their map come last: when the list needs them, every
    /// visible deal is read, as before.
    /// </summary>
    private async Task<IReadOnlyList<DealView>> ClosestAsync(PersonView person, int shown, TurnContext context, CancellationToken cancellationToken)
    {
        var positions = context.Maps.All.Append(context.Maps.Default)
            .SelectMany(map => map.Stages.Select(stage => (Position: map.PositionOf(stage.Id), stage.Id)))
            .Where(p => p.Position >= 0)
            .GroupBy(p => p.Position, p => p.Id)
            .OrderByDescending(g => g.Key);
        IReadOnlyList<DealView> own = person.IsAdmin ? [] : await deals.ListOpenByOwnerAsync(person.Id, cancellationToken);
        var read = new List<DealView>(own);
        // Only the stages the teams have open deals at are read: the end of the path is often empty, and each empty read
        // was a pass over every visible deal (five of them in the admin's turn at 100,000 deals, bench/README.md perf52).
        var teams = AccessPolicy.VisibleTeams(person);
        var held = await deals.ListOpenStageIdsAsync(teams, cancellationToken);
        foreach (var at in positions)
        {
            if (at.Distinct().Where(held.Contains).ToList() is { Count: > 0 } stages)
            {
                read.AddRange(await deals.ListOpenAtStagesAsync(teams, stages, cancellationToken));
                read = [.. read.DistinctBy(view => view.Id)];
            }

            if (read.Count(view => Position(view, context) >= at.Key) >= shown)
            {
                return read;
            }
        }

        return await AccessPolicy.VisibleOpenDealsAsync(deals, person, cancellationToken);
    }

    /// <summary>The deal's place on its own map's path, as <see cref="Ordered"/> sorts it; -1 for a stage off the path or unknown.</summary>
    private static int Position(DealView view, TurnContext context) =>
        context.MapOf(view).FindStage(view.Deal.StageId) is { } at ? context.MapOf(view).PositionOf(at.Id) : -1;

    private sealed record ListRow(DealView View, Stage? Stage, StallAssessment Stall);

    /// <summary>
    /// A list's text keys (<see cref="Prefix"/>), what they name (<see cref="About"/>) and its title; the amount filter's
    /// words and the count of deals it left out for having no amount, when the list is filtered ("deals over 50k").
    /// </summary>
    private sealed record ListHeading(string Prefix, object[] About, string Title, string? Amounts = null, string? LeftOut = null);

    /// <summary>"biggest 5 deals" lists five; a count over what a card holds lists what it holds, the rest counted as without one.</summary>
    private static int Shown(int? count) => count is > 0 and < ListLimits.Deals ? count.Value : ListLimits.Deals;

    private static List<ListRow> Assess(IEnumerable<DealView> views, SalesTeamRules rules, TurnContext context) =>
        [.. views.Select(view =>
        {
            var stage = context.MapOf(view).FindStage(view.Deal.StageId);
            var stall = StallRule.Assess(view.Deal, stage?.StallAfterDays ?? 0, rules.IdleAfterDays(view.Deal.TeamId), view.SnoozedUntil, context.Now, stage, rules.Zone(view.Deal.TeamId));
            return new ListRow(view, stage, stall);
        })];

    /// <summary>The rows in the list's order; a stable sort, so ties keep the order the rows came in.</summary>
    private static List<ListRow> Ordered(List<ListRow> rows, DealOrder order, TurnContext context) => order switch
    {
        // Amounts in different currencies are not converted: each currency's deals together, the currency most deals
        // are in first, the biggest amount first within it; then amounts with no currency, then deals without an amount.
        DealOrder.Biggest => [.. rows
            .GroupBy(r => CurrencyOf(r.View.Deal))
            .OrderBy(g => g.Key switch { null => 2, "" => 1, _ => 0 })
            .ThenByDescending(g => g.Count())
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .SelectMany(g => g.OrderByDescending(r => r.View.Deal.Amount ?? decimal.MinValue).ThenBy(r => r.View.Deal.Name, StringComparer.OrdinalIgnoreCase))],
        // The furthest along its own map's path first; of two at the same stage, the one that got there last.
        DealOrder.ClosestToClosing => [.. rows
            .OrderByDescending(r => Position(r.View, context))
            .ThenBy(r => r.Stall.DaysInStage)],
        // Open the longest: since the deal was created or imported (its first history entry), not since its last move.
        DealOrder.Oldest => [.. rows
            .OrderBy(r => r.View.Deal.CreatedAt)
            .ThenBy(r => r.View.Deal.Name, StringComparer.OrdinalIgnoreCase)],
        _ => [.. rows.OrderByDescending(r => r.Stall.IsStalled).ThenByDescending(r => r.Stall.DaysInStage)],
    };

    /// <summary>
    /// The list, only the deals at <paramref name="stageText"/>'s stage when given. Named for an owner, else for the stage, its
    /// title, header and "none" texts are those under <paramref name="titled"/> (<c>Owner</c>, <c>Visible.InStage</c>,
    /// <c>Mine.InStage</c>); the plain "My deals" texts otherwise. At most <paramref name="count"/> deals are listed when
    /// asked for ("biggest 5 deals"), never more than a card holds. <paramref name="known"/>: the stage the words name,
    /// when the caller knows it (else the first deal's map that knows the words says). <paramref name="amounts"/>: only the
    /// deals in that range, the header saying so and counting those left out for having no amount.
    /// </summary>
    private async Task<BotAnswer> ListAsync(
        IReadOnlyList<DealView> mine, string? stageText, string titled, bool withOwners, TurnContext context, CancellationToken cancellationToken, string? owner = null, DealOrder order = DealOrder.StalledFirst, int? count = null, StageMatch.Found? known = null, AmountRange? amounts = null)
    {
        var say = context.Say;
        string? stageName = null;
        if (stageText is not null)
        {
            // Teams may follow different maps: the stage is looked up in each deal's own, once a map.
            var byMap = new Dictionary<ProcessMap, StageMatch.Found?>(ReferenceEqualityComparer.Instance);
            StageMatch.Found? Match(ProcessMap map) =>
                byMap.TryGetValue(map, out var found) ? found : byMap[map] = Matching.MatchStage(map, stageText) as StageMatch.Found;
            var named = mine.Select(view => (view, Match: Match(context.MapOf(view)))).ToList();
            known ??= named.FirstOrDefault(n => n.Match is not null).Match ?? Matching.MatchStage(context.Map, stageText) as StageMatch.Found;
            if (known is null)
            {
                return StageInfoUseCase.UnknownStage(stageText, mine.Count > 0 ? context.MapOf(mine[0]) : context.Map, say.Language.Code, say);
            }

            mine = [.. named.Where(n => n.Match is { } found && found.Stage.Id == n.view.Deal.StageId).Select(n => n.view)];
            stageName = MapWording.Name(known.Stage, say.Language);
        }

        var subject = owner ?? stageName;
        // «صفقات Omar في العرض»: an owner's deals at a stage are titled with both, and "none" says at which stage.
        var both = owner is not null && stageName is not null;
        // Neither an owner nor a stage: one's own ("Mine") or the teams' ("Visible", an admin's "Visible.All") deals.
        var prefix = subject is null ? titled is "Visible" or "Visible.All" ? titled : "Mine" : both ? titled + ".InStage" : titled;
        object[] about = subject is null ? []
            : both ? [say.Language.Isolate(owner!), say.Language.Isolate(stageName!)]
            : [say.Language.Isolate(subject)];
        var title = say.Lists(prefix + ".Title", about);
        string? range = null, leftOut = null;
        if (amounts is not null)
        {
            range = amounts.Words(say);
            leftOut = AmountRange.LeftOut(mine.Count(view => view.Deal.Amount is null), say);
            mine = [.. mine.Where(view => amounts.Holds(view.Deal))];
            if (mine.Count == 0)
            {
                var none = say.Lists("Amount.None", title, range);
                return new BotAnswer(leftOut is null ? none : none + "\n" + leftOut,
                    new Card { Kind = CardKind.DealList, Title = say.Lists("Amount.Title", title, range), Body = leftOut is null ? [none] : [none, leftOut] });
            }
        }

        if (mine.Count == 0)
        {
            var none = say.Lists(prefix + ".None", about);
            return new BotAnswer(none, new Card { Kind = CardKind.DealList, Title = title, Body = [none] });
        }

        var rules = await teamRules.GetAsync(cancellationToken);
        var rows = Ordered(Assess(mine, rules, context), order, context);
        var shown = Shown(count);
        var several = Currencies(rows.Select(r => r.View)).Skip(1).Any();
        // Amounts are not converted, so "biggest 3" in EUR and USD is the three biggest of each currency: taking three
        // from the list's first currency alone would leave out a bigger deal in another.
        var eachCurrency = order == DealOrder.Biggest && shown < ListLimits.Deals && several;
        var picked = eachCurrency
            ? rows.GroupBy(r => CurrencyOf(r.View.Deal)).SelectMany(g => g.Take(shown)).Take(ListLimits.Deals).ToList()
            : [.. rows.Take(shown)];
        return Render(new ListHeading(prefix, about, title, range, leftOut), picked, rows.Count, rows.Count(r => r.Stall.IsStalled), several, eachCurrency, shown, order, withOwners, rules, context);
    }

    /// <summary>
    /// The card and text of a list: the <paramref name="picked"/> deals, of <paramref name="total"/> (<paramref name="stalled"/>
    /// of them stalled) in amounts of <paramref name="several"/> currencies or not.
    /// </summary>
    private static BotAnswer Render(
        ListHeading heading, List<ListRow> picked, int total, int stalled, bool several, bool eachCurrency, int shown, DealOrder order, bool withOwners, SalesTeamRules rules, TurnContext context)
    {
        var say = context.Say;
        var lines = picked.Select(r => DealCards.ListLine(
            Line(r.View, r.Stage, r.Stall, rules.Zone(r.View.Deal.TeamId), say)
                + (order == DealOrder.Biggest || heading.Amounts is not null ? " · " + Pipeline.PipelineFormat.Amount(r.View.Deal.Amount, r.View.Deal.Currency, say) : string.Empty)
                + (order == DealOrder.Oldest ? " · " + say.Count(Phrases.Area.Lists, "Mine.OpenDays", OpenDays(r.View.Deal, context.Now)) : string.Empty),
            r.View.Id, withOwners ? r.View.OwnerName : null, say)).ToList();

        // A manager's teams hold hundreds of open deals: the rest counted under the list, with how to narrow it.
        // The example person is one of the list's owners: a fixed "Dana" is nobody in most teams (and «دانة» no one's).
        var more = total > shown && shown == ListLimits.Deals
            ? say.Lists("More", total - ListLimits.Deals, say.Language.Isolate(picked
                .GroupBy(r => r.View.OwnerName).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.OrdinalIgnoreCase).First().Key))
            : null;
        var sorted = order switch
        {
            DealOrder.StalledFirst => null,
            DealOrder.Biggest when eachCurrency => say.Lists("Order.Biggest.TopOfEachCurrency", shown),
            DealOrder.Biggest when several => say.Lists("Order.Biggest.EachCurrency"),
            _ => say.Lists("Order." + order),
        };
        // Counted phrases, so Arabic reads «صفقة متعثرة واحدة», not a bare digit beside an adjective.
        var counts = (Open: say.Count(Phrases.Area.Lists, "Counts.Open", total), Stalled: say.Count(Phrases.Area.Lists, "Counts.Stalled", stalled));
        // "Deals in EMEA over 50,000 EUR: 4 open, 1 stalled": a filtered list's title and header say the filter.
        var below = new[] { more, heading.LeftOut }.OfType<string>().ToList();
        var card = new Card
        {
            Kind = CardKind.DealList,
            Title = heading.Amounts is null ? heading.Title : say.Lists("Amount.Title", heading.Title, heading.Amounts),
            Subtitle = say.Lists("Mine.Counts", counts.Open, counts.Stalled),
            Note = sorted,
            Sections = [new CardSection(say.Lists("Mine.Section"), [.. lines, .. below.Select(line => new CardLine(line))])],
        };
        var text = new StringBuilder().AppendLine(heading.Amounts is null
            ? say.Lists(heading.Prefix + ".Header", [.. heading.About, counts.Open, counts.Stalled])
            : say.Lists("Amount.Header", heading.Title, heading.Amounts, counts.Open, counts.Stalled));
        if (sorted is not null)
        {
            text.AppendLine(sorted);
        }

        foreach (var line in lines)
        {
            text.Append("- ").AppendLine(line.Text);
        }

        foreach (var line in below)
        {
            text.AppendLine(line);
        }

        return new BotAnswer(text.ToString().TrimEnd(), card);
    }

    /// <summary>The currency a biggest-first list groups a deal under: its code, "" for an amount with none, null for no amount.</summary>
    private static string? CurrencyOf(Deal deal) => deal.Amount is null ? null : (deal.Currency ?? string.Empty).ToUpperInvariant();

    /// <summary>The currencies of the rows' amounts, each once.</summary>
    private static IEnumerable<string> Currencies(IEnumerable<DealView> views) =>
        views.Where(view => view.Deal is { Amount: not null, Currency: not null }).Select(view => view.Deal.Currency!).Distinct(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whole days since the deal was created, as days in stage are counted (<see cref="StallRule"/>).</summary>
    private static int OpenDays(Deal deal, DateTimeOffset now) => now <= deal.CreatedAt ? 0 : (int)(now - deal.CreatedAt).TotalDays;

    /// <summary>One deal: stalled, or snoozed until the day in its team's zone (so a snoozed deal does not read as on track), or neither.</summary>
    private static string Line(DealView view, Stage? stage, StallAssessment stall, TimeZoneInfo zone, Phrases say)
    {
        var name = stage is { } known ? MapWording.Name(known, say.Language) : view.Deal.StageId.Value;
        var id = "#" + view.Deal.ExternalId;
        // Counted, so Arabic reads «في المرحلة منذ 52 يومًا», not «أيام في المرحلة: 52» in the middle of a line.
        var days = say.Count(Phrases.Area.Lists, "Mine.DaysInStage", stall.DaysInStage);
        var line = stall switch
        {
            { IsStalled: true } => say.Lists("Mine.LineStalled", view.Deal.Name, id, name, days),
            { Why: StallWhy.Snoozed, SnoozedUntil: { } until } =>
                say.Lists("Mine.LineSnoozed", view.Deal.Name, id, name, days, say.Language.DayInWords(until, zone)),
            _ => say.Lists("Mine.Line", view.Deal.Name, id, name, days),
        };
        return line + " · " + NextStep(view, zone, say);
    }

    /// <summary>
    /// "next: Thu 10 Dec 2026" (the day in the team's zone; "next: Fri 11 Dec 2026, 10:00" with a booked time, as the due
    /// list writes it), "next: send pricing" when undated, or "no next step".
    /// </summary>
    private static string NextStep(DealView view, TimeZoneInfo zone, Phrases say) => view.Deal switch
    {
        { NextStepAt: { } at } => say.Lists("Mine.Next", say.Language.Moment(at, zone)),
        { NextStep: { Length: > 0 } text } => say.Lists("Mine.Next", text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 39), "…")),
        _ => say.Lists("Mine.NoNext"),
    };
}
