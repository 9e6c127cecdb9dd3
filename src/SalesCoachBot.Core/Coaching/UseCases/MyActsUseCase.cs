using System.Text;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Coaching.Commands;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Dates;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.Pipeline;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Coaching.UseCases;

/// <summary>
/// "what did I do this week", «شو عملت هالأسبوع»: what a person recorded in a period (this week when none is said; "today"
/// and "yesterday" are the team's days): checklist confirmations, next steps set, changed or done, notes, logged calls,
/// meetings and emails, stage moves, closes and reopens, grouped by deal (the deal with the newest act first), each deal's
/// acts newest first, under a header that counts them. Withdrawn and undone acts are left out: the list says what stands.
/// Managers and admins may ask it for a person of a team they see ("what did Dana do this week"), as "compare" allows;
/// a rep asking for someone else is refused as there. "what did the team do this week" (<see cref="MyActsCommand.WholeTeam"/>),
/// or a team's name where a person's goes ("what did EMEA do"): one line per member of the teams asked, counting their acts
/// on those teams' deals, and who recorded nothing; for managers and admins.
/// </summary>
internal sealed class MyActsUseCase(
    IDealJournal journal, PersonResolver people, TeamRulesProvider teamRules, DealLocator locator, HistoryUseCase history, IDirectoryStore directory)
    : ICommandHandler<MyActsCommand>
{
    /// <summary>Rows read of each kind: a person's busiest week is far below it, and the header's counts stay exact under it.</summary>
    internal const int ReadLimit = 2_000;

    public async Task<BotAnswer> HandleAsync(MyActsCommand command, TurnContext context, CancellationToken cancellationToken)
    {
        var say = context.Say;
        var asker = context.Person;
        var example = say.Coaching(command.ConfirmationsOnly ? "Acts.Example.Confirmed" : "Acts.Example");
        (long Id, string Name, IReadOnlyList<long> Teams, bool Me) subject = (asker.Id, asker.Name, asker.TeamIds, true);
        IReadOnlyCollection<long>? scope = null;
        string? alsoADeal = null;
        var manager = asker.IsAdmin || asker.IsManager;
        if (command.WholeTeam && command.PersonName is null)
        {
            var visible = TeamDirectory.Visible(await directory.ListTeamsAsync(cancellationToken), asker);
            var own = visible.Where(t => asker.TeamIds.Contains(t.Id)).ToList();
            return manager ? await TeamActsAsync(own.Count > 0 ? own : visible, command, context, cancellationToken)
                : Errors.Answer(say.Coaching("Acts.ManagersOnly.Title"), say.Coaching("Acts.ManagersOnly", example));
        }

        if (command.PersonName is { } typed && !OwnerNames.Means(asker.Name, typed))
        {
            // "activity for Initech": a deal's history when no one the asker may ask about is called so (a rep asks about no one).
            var lookup = manager ? (await people.VisibleToAsync(asker, cancellationToken)).Find(typed, say) : null;
            // "what did EMEA do this week": no one called so, a team the asker sees is.
            if (manager && lookup is not PersonLookup.Found
                && await AccessPolicy.FindVisibleTeamAsync(directory, typed, asker, cancellationToken) is { } namedTeam)
            {
                return await TeamActsAsync([namedTeam], command, context, cancellationToken);
            }

            if (lookup is not PersonLookup.Found && command.Otherwise is { } deal
                && (deal.Deal is not NameReference name || !await locator.NamesNoDealAsync(name.Text, context, cancellationToken)))
            {
                return await history.HandleAsync(deal with { Language = command.Language }, context, cancellationToken);
            }

            if (!manager)
            {
                return Errors.Answer(say.Coaching("Acts.ManagersOnly.Title"), say.Coaching("Acts.ManagersOnly", example));
            }

            // The people of the teams the asker sees, and only those teams' deals: as "compare Dana and Riley".
            switch (lookup)
            {
                case PersonLookup.Answered answered:
                    return answered.Answer;
                case PersonLookup.Found found:
                    subject = (found.Id, found.Name, found.TeamIds, found.Id == asker.Id);
                    // «نشاط Sam» with a deal called Sam too: the person's acts, and a line saying how to ask for the deal's history.
                    if (command.Otherwise is { Deal: NameReference named } && await locator.FindOneByNameAsync(named.Text, context, cancellationToken) is { } same
                        && string.Equals(same.Deal.Name, named.Text, StringComparison.OrdinalIgnoreCase))
                    {
                        alsoADeal = say.Coaching("Acts.AlsoADeal", say.Language.Isolate(same.Deal.Name));
                    }

                    break;
            }

            scope = AccessPolicy.VisibleTeams(asker);
        }

        var rules = await teamRules.GetAsync(cancellationToken);
        // A day and a week are the subject's first team's: midnight where they work, the week from its first workday.
        var (resolved, refusal) = Period(command, context, rules, subject.Teams.DefaultIfEmpty(0).Min(), example);
        if (resolved is null)
        {
            return refusal!;
        }

        var (window, period, inPeriod) = (resolved.Window, resolved.Label, resolved.InPeriod);
        var acts = await journal.ListActsAsync(subject.Id, scope, window.From, Until(window, context), ReadLimit, cancellationToken);
        if (command.ConfirmationsOnly)
        {
            acts = acts with { Stages = [], Notes = [], Activities = [], NextSteps = [] };
        }

        var answer = Render(acts, subject.Me ? null : subject.Name, period, inPeriod, command.ConfirmationsOnly, rules.Zone, context.MapOfTeam, say,
            say.Coaching(command.ConfirmationsOnly ? "Acts.Example.Confirmed.Month" : "Acts.Example.Month"));
        return alsoADeal is null ? answer : answer with
        {
            Text = answer.Text + Environment.NewLine + alsoADeal,
            Card = answer.Card is { } card ? card with { Body = [.. card.Body, alsoADeal] } : null,
        };
    }

    /// <summary>The period said (this week when none is), in the zone and week of team <paramref name="zoneTeam"/>.</summary>
    private static (PeriodWindow? Resolved, BotAnswer? Refusal) Period(
        MyActsCommand command, TurnContext context, SalesTeamRules rules, long zoneTeam, string example) =>
        PeriodWindows.Resolve(
            command.Said, context.Now, rules.Zone(zoneTeam), rules.Workdays(zoneTeam).First, context.Say,
            "Acts.Window", example, context.Say.Coaching("Acts.Example.LastWeek"));

    /// <summary>A period "so far" ends now, and what was done this very second is in it.</summary>
    private static DateTimeOffset Until(AnalysisWindow window, TurnContext context) =>
        window.To >= context.Now ? context.Now.AddSeconds(1) : window.To;

    /// <summary>
    /// "what did the team do this week": per team, a header saying how many members recorded something, a line per member
    /// who did ("Dana Demo: confirmed 2 items on 1 deal, logged 1 call"), busiest first, and one line naming who did not.
    /// Only acts on the team's own deals count.
    /// </summary>
    private async Task<BotAnswer> TeamActsAsync(IReadOnlyList<SalesTeam> teams, MyActsCommand command, TurnContext context, CancellationToken cancellationToken)
    {
        var say = context.Say;
        var rules = await teamRules.GetAsync(cancellationToken);
        var example = say.Coaching("Acts.Example.Team");
        var (resolved, refusal) = Period(command, context, rules, teams.Select(t => t.Id).DefaultIfEmpty(0).Min(), example);
        if (resolved is null)
        {
            return refusal!;
        }

        var when = Capitalised(resolved.InPeriod ? say.Coaching("Acts.In", resolved.Label) : resolved.Label, say);
        var until = Until(resolved.Window, context);
        var roster = await directory.ListRosterAsync([.. teams.Select(t => t.Id)], cancellationToken);
        var sections = new List<CardSection>();
        var text = new StringBuilder();
        foreach (var team in teams.OrderBy(t => t.Name, StringComparer.OrdinalIgnoreCase))
        {
            var members = roster.Members.Where(m => m.TeamId == team.Id).ToList();
            var counted = new List<(string Name, int Total, string Parts)>();
            foreach (var member in members)
            {
                var acts = Distinct(await journal.ListActsAsync(member.PersonId, [team.Id], resolved.Window.From, until, ReadLimit, cancellationToken));
                if (Total(acts) > 0)
                {
                    counted.Add((member.Name, Total(acts), Parts(acts, say)));
                }
            }

            var lines = counted
                .OrderByDescending(c => c.Total).ThenBy(c => c.Name, StringComparer.OrdinalIgnoreCase)
                .Select(c => new CardLine(say.Coaching("Acts.Team.Line", say.Language.Isolate(c.Name), c.Parts)))
                .ToList();
            var idle = members.Select(m => m.Name).Except(counted.Select(c => c.Name), StringComparer.Ordinal).Order(StringComparer.OrdinalIgnoreCase).ToList();
            if (idle.Count > 0)
            {
                lines.Add(new CardLine(say.Coaching("Acts.Team.Nothing", string.Join(say.Pipeline("Moves.PartSeparator"), idle.Select(say.Language.Isolate)))));
            }

            var header = members.Count == 0 ? say.Coaching("Acts.Team.Empty", when, say.Language.Isolate(team.Name))
                : say.Coaching("Acts.Team.Header", when, say.Language.Isolate(team.Name), counted.Count, say.Count(Phrases.Area.Coaching, "Acts.Team.Members", members.Count));
            sections.Add(new CardSection(header, lines));
            text.AppendLine(text.Length > 0 ? "\n" + header : header);
            lines.ForEach(l => text.Append("- ").AppendLine(l.Text));
        }

        var title = teams.Count == 1 ? say.Coaching("Acts.Team.Title", say.Language.Isolate(teams[0].Name)) : say.Coaching("Acts.Team.Title.Several");
        return new BotAnswer(text.ToString().TrimEnd(), new Card { Kind = CardKind.DealList, Title = title, Subtitle = when, Sections = sections });
    }

    /// <summary>A map change copies a confirmation into the stage that replaced its own, same person and time: one act, said once.</summary>
    private static PersonActs Distinct(PersonActs acts) =>
        acts with { Confirmations = [.. acts.Confirmations.DistinctBy(c => (c.DealId, c.ItemId, c.ConfirmedAt))] };

    private static int Total(PersonActs acts) =>
        acts.Confirmations.Count + acts.NextSteps.Count + acts.Notes.Count + acts.Activities.Count + acts.Stages.Count;

    /// <summary>
    /// The answer: a header counting the acts by kind, then a section per deal (the deal with the newest act first), each
    /// act a line "when · what" as the deal's history words it; <see cref="ListLimits.Deals"/> lines, the rest counted.
    /// <paramref name="person"/> is null for the asker's own.
    /// </summary>
    internal static BotAnswer Render(
        PersonActs acts, string? person, string period, bool inPeriod, bool confirmationsOnly, Func<long, TimeZoneInfo> zoneOf,
        Func<string?, ProcessMap> mapOf, Phrases say, string example)
    {
        var who = person is null ? null : say.Language.Isolate(person);
        var title = confirmationsOnly
            ? (who is null ? say.Coaching("Acts.Title.Confirmed") : say.Coaching("Acts.Title.Confirmed.Person", who))
            : (who is null ? say.Coaching("Acts.Title") : say.Coaching("Acts.Title.Person", who));
        acts = Distinct(acts);
        var confirmations = acts.Confirmations;
        var deals = acts.Deals.ToDictionary(d => d.Id);
        var entries = deals.Values
            .Select(deal => (Deal: deal, Entries: DealTimeline.Merge(
                acts.Stages.Where(h => h.DealId == deal.Id),
                confirmations.Where(c => c.DealId == deal.Id),
                acts.Notes.Where(n => n.DealId == deal.Id),
                acts.Activities.Where(a => a.DealId == deal.Id),
                [],
                acts.NextSteps.Where(e => e.DealId == deal.Id),
                _ => null)))
            .Where(d => d.Entries.Count > 0)
            .OrderByDescending(d => d.Entries[0].At)
            .ThenBy(d => d.Deal.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
        var total = entries.Sum(d => d.Entries.Count);
        var subtitle = Capitalised(period, say);
        // "this week (since Mon 30 Nov)" is said as it is, "December so far" and "the last 30 days" after "in".
        var when = inPeriod ? say.Coaching("Acts.In", period) : period;
        if (total == 0)
        {
            var key = (confirmationsOnly ? "Acts.None.Confirmed" : "Acts.None") + (who is null ? string.Empty : ".Person");
            var none = say.Coaching(key, when, who, example);
            return new BotAnswer(none, new Card { Kind = CardKind.DealList, Title = title, Subtitle = subtitle, Body = [none] });
        }

        var header = say.Coaching(who is null ? "Acts.Header" : "Acts.Header.Person", Capitalised(when, say), Parts(acts, say), who);
        var sections = new List<CardSection>();
        var shown = 0;
        foreach (var (deal, dealEntries) in entries)
        {
            var room = ListLimits.Deals - shown;
            if (room <= 0)
            {
                break;
            }

            var map = mapOf(deal.TeamMapId);
            var zone = zoneOf(deal.TeamId);
            // The person is the list's subject and the chat where it was said is in the deal's history: each line is when and what.
            var lines = dealEntries.Take(room)
                .Select((e, i) => new CardLine(
                    HistoryUseCase.Line(e with { Conversation = null, Channel = null, MapVersion = null }, map, zone, say),
                    i == 0 ? DealCards.ChecklistButton(deal.Id, say) : null))
                .ToList();
            shown += lines.Count;
            sections.Add(new CardSection(say.Coaching("Acts.Deal", deal.Name, "#" + deal.ExternalId), lines));
        }

        var more = total > shown ? say.Pipeline("Closed.More", total - shown) : null;
        var text = new StringBuilder().AppendLine(header);
        foreach (var section in sections)
        {
            text.AppendLine(section.Heading);
            section.Lines.ToList().ForEach(l => text.Append("- ").AppendLine(l.Text));
        }

        if (more is not null)
        {
            text.AppendLine(more);
        }

        return new BotAnswer(text.ToString().TrimEnd(), new Card
        {
            Kind = CardKind.DealList,
            Title = title,
            Subtitle = subtitle,
            Body = [header],
            Sections = sections,
            Note = more,
        });
    }

    /// <summary>"confirmed 5 items on 3 deals, set 2 next steps, logged 1 call": only the kinds that happened, in this order.</summary>
    private static string Parts(PersonActs acts, Phrases say)
    {
        var parts = new List<string>();
        void Part(string key, int count, params object?[] more)
        {
            if (count > 0)
            {
                parts.Add(say.Count(Phrases.Area.Coaching, "Acts.Part." + key, count, more));
            }
        }

        var confirmedOn = acts.Confirmations.Select(c => c.DealId).Distinct().Count();
        Part("Confirmed", acts.Confirmations.Count, say.Count(Phrases.Area.Coaching, "Acts.OnDeals", confirmedOn));
        Part("StepSet", acts.NextSteps.Count(e => e.Kind is NextStepEventKind.Set or NextStepEventKind.Changed));
        Part("StepDone", acts.NextSteps.Count(e => e.Kind == NextStepEventKind.Done));
        Part("Note", acts.Notes.Count);
        foreach (var kind in Enum.GetValues<ActivityKind>())
        {
            Part("Activity." + kind, acts.Activities.Count(a => a.Kind == kind));
        }

        Part("Moved", acts.Stages.Count(h => h.Kind is StageChangeKind.Advanced or StageChangeKind.Moved or StageChangeKind.Override));
        Part("Closed", acts.Stages.Count(h => h.Kind == StageChangeKind.Closed));
        Part("Reopened", acts.Stages.Count(h => h.Kind == StageChangeKind.Reopened));
        return string.Join(say.Pipeline("Moves.PartSeparator"), parts);
    }

    /// <summary>A period opening a sentence: "This week (since Mon 30 Nov)"; Arabic has no capitals.</summary>
    private static string Capitalised(string period, Phrases say) =>
        period.Length == 0 ? period : say.Language.Culture.TextInfo.ToUpper(period[0]) + period[1..];
}
