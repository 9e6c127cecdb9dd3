using System.Text;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Coaching.Commands;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Dates;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Coaching.UseCases;

/// <summary>
/// "what's due this week": the next steps of the person's open deals that are overdue (oldest first) or due within the
/// asked window, each with its day in words in the deal's team zone, then the open deals with no next step booked.
/// A rep sees only their own deals; a manager the deals of their teams, grouped by owner as "stalled" does; an admin all.
/// Days are counted in each deal's team zone, so "overdue" and "today" follow the team's calendar, not UTC's.
/// "what's due for Dana": only the deals of owners called so among those the person may see (a team's, when no owner is).
/// </summary>
internal sealed class DueUseCase(IDealStore deals, IDirectoryStore directory, TeamRulesProvider teamRules) : ICommandHandler<DueCommand>
{
    public async Task<BotAnswer> HandleAsync(DueCommand command, TurnContext context, CancellationToken cancellationToken)
    {
        var say = context.Say;
        var person = context.Person;
        var manages = person.IsManager || person.IsAdmin;
        var rules = await teamRules.GetAsync(cancellationToken);
        var scope = manages ? AccessPolicy.TeamsLabel(person, rules, say) : say.Lists("Due.YourDeals");
        var title = say.Lists("Due.Title");
        IReadOnlyList<DealStep> open;
        // Whether the person has open deals at all, when none of them is listed ("you have no open deals").
        var any = true;
        // Deals with no next step at all that were counted but not read, by owner: only the first of each owner's are named.
        IReadOnlyDictionary<string, int> unread = new Dictionary<string, int>(StringComparer.Ordinal);
        if (command.OwnerName is { } name)
        {
            var visible = (await AccessPolicy.VisibleOpenDealsAsync(deals, person, cancellationToken)).Select(DealStep.Of).ToList();
            open = OwnerNames.Theirs(visible, view => view.OwnerName, name);
            // "what's due for EMEA": no owner is called so, but a team the person may see is.
            var team = open.Count == 0 ? await AccessPolicy.FindVisibleTeamAsync(directory, name, person, cancellationToken) : null;
            if (team is not null)
            {
                open = [.. visible.Where(view => view.TeamId == team.Id)];
            }
            else if (open.Count == 0)
            {
                return Errors.Answer(say.Lists("Due.UnknownPerson.Title"), say.Lists("Due.UnknownPerson", name, say.Lists("Example.Due")));
            }

            var named = team?.Name ?? OwnerNames.Named(open.Select(view => view.OwnerName), name);
            (scope, title) = (team?.Name ?? say.Lists("Due.Person", named), say.Lists("Due.For.Title", named));
            if (open.Count == 0)
            {
                var nothing = say.Lists("Owner.None", named);
                return new BotAnswer(nothing, new Card { Kind = CardKind.DealList, Title = title, Body = [nothing] });
            }

            // One person's steps read as one's own do; several owners' (a team's, two called "Sam") are grouped by owner.
            manages = open.Select(view => view.OwnerName).Distinct(StringComparer.Ordinal).Skip(1).Any();
        }
        else
        {
            // Only the steps the answer may show: none due after the window (a day past it in every zone: the exact day is
            // counted below, in each team's zone).
            DateTimeOffset? before = command.Focus switch
            {
                DueFocus.Missing => null,
                DueFocus.Overdue => context.Now.AddDays(1),
                _ => context.Now.AddDays(command.WithinDays + 2),
            };
            var of = manages
                ? AccessPolicy.VisibleTeams(person) is { } teams ? new DealScope(teams) : null
                : new DealScope([], person.Id);
            var due = await deals.ListDueStepsAsync(of, before, withoutDay: command.Focus != DueFocus.Overdue, ListLimits.NamesInLine, cancellationToken);
            // The steps and each owner's first deals without one, in the store's order, as if every deal had been read.
            open = [.. due.Steps.Concat(due.Missing.SelectMany(owner => owner.First)).OrderBy(step => step.StageEnteredAt).ThenBy(step => step.Id)];
            unread = due.Missing.GroupBy(owner => owner.OwnerName, StringComparer.Ordinal)
                .ToDictionary(owner => owner.Key, owner => owner.Sum(o => o.Count - o.First.Count), StringComparer.Ordinal);
            any = open.Count > 0 || (await deals.CountOpenByCurrencyAsync(of, cancellationToken)).Sum(c => c.Count) > 0;
        }

        var rows = open
            .Select(view =>
            {
                var zone = rules.Zone(view.TeamId);
                var today = ZonedDay.Of(context.Now, zone);
                int? days = view.NextStepAt is { } at
                    ? ZonedDay.Of(at, zone).DayNumber - today.DayNumber
                    : null;
                var missing = string.IsNullOrWhiteSpace(view.NextStep) && view.NextStepAt is null;
                return (view, zone, days, missing);
            })
            .ToList();

        var overdue = command.Focus == DueFocus.Missing ? [] : rows.Where(r => r.days < 0).OrderBy(r => r.days).ThenBy(r => r.view.Name, StringComparer.OrdinalIgnoreCase).ToList();
        var soon = command.Focus == DueFocus.All
            ? rows.Where(r => r.days >= 0 && r.days <= command.WithinDays).OrderBy(r => r.view.NextStepAt).ThenBy(r => r.view.Name, StringComparer.OrdinalIgnoreCase).ToList()
            : [];
        var missing = command.Focus == DueFocus.Overdue ? [] : rows.Where(r => r.missing).OrderBy(r => r.view.Name, StringComparer.OrdinalIgnoreCase).ToList();
        // A step with words but no day is due at no time: listed with what's coming up, so it is given one.
        var undated = command.Focus == DueFocus.All
            ? rows.Where(r => r.days is null && !r.missing).OrderBy(r => r.view.Name, StringComparer.OrdinalIgnoreCase).ToList()
            : [];

        if (overdue.Count + soon.Count + missing.Count + undated.Count == 0)
        {
            var none = !any ? say.Lists("Mine.None")
                : command.Focus switch
                {
                    DueFocus.Missing => say.Lists("Due.NoneMissing"),
                    DueFocus.Overdue => say.Lists("Due.NoneOverdue"),
                    _ => say.Lists("Due.None", Window(command.WithinDays, say)),
                };
            return new BotAnswer(none, new Card { Kind = CardKind.DealList, Title = title, Body = [none] });
        }

        // Counted in full, listed up to what a card holds: the most pressing first (overdue, then coming up, then undated).
        var count = (Overdue: overdue.Count, Soon: soon.Count, Undated: undated.Count, Missing: missing.Count + unread.Values.Sum());
        overdue = [.. overdue.Take(ListLimits.Deals)];
        soon = [.. soon.Take(ListLimits.Deals - overdue.Count)];
        undated = [.. undated.Take(ListLimits.Deals - overdue.Count - soon.Count)];
        var unlisted = count.Overdue + count.Soon + count.Undated - overdue.Count - soon.Count - undated.Count;
        var more = unlisted > 0 ? say.Lists("Due.More", unlisted) : null;

        CardLine Step((DealStep view, TimeZoneInfo zone, int? days, bool missing) r)
        {
            var id = "#" + r.view.ExternalId;
            // A step booked with a day but no words reads "Globex (#1001): next step — today, Sat 5 Dec 2026".
            var what = string.IsNullOrWhiteSpace(r.view.NextStep) ? say.Lists("Due.NoText") : r.view.NextStep!;
            // A step booked with a clock time keeps it ("today, Mon 7 Dec 2026, 20:00"); a day-only step shows its day.
            var day = say.Language.Moment(r.view.NextStepAt!.Value, r.zone);
            var text = r.days switch
            {
                < 0 => say.Lists("Due.LineOverdue", r.view.Name, id, what, -r.days.Value, day),
                0 => say.Lists("Due.LineToday", r.view.Name, id, what, day),
                1 => say.Lists("Due.LineTomorrow", r.view.Name, id, what, day),
                _ => say.Lists("Due.Line", r.view.Name, id, what, day),
            };
            return DealCards.ListLine(text, r.view.Id, owner: null, say);
        }

        CardLine Undated((DealStep view, TimeZoneInfo zone, int? days, bool missing) r) =>
            DealCards.ListLine(say.Lists("Due.LineUndated", r.view.Name, "#" + r.view.ExternalId, r.view.NextStep!), r.view.Id, owner: null, say);

        CardLine Missing(IEnumerable<(DealStep view, TimeZoneInfo zone, int? days, bool missing)> group, int notRead)
        {
            var names = group.Select(r => r.view.Name).ToList();
            var all = names.Count + notRead;
            return all > ListLimits.NamesInLine
                ? new CardLine(say.Lists("Due.MissingAndMore", all, CoachingWording.List(names.Take(ListLimits.NamesInLine), say), all - ListLimits.NamesInLine))
                : new CardLine(say.Lists("Due.Missing", all, CoachingWording.List(names, say)));
        }

        List<CardSection> sections;
        if (manages)
        {
            // Each owner's rows looked up once: scanning every list for each of hundreds of owners cost more than the rest.
            var (overdueOf, soonOf, undatedOf, missingOf) = (
                overdue.ToLookup(r => r.view.OwnerName, StringComparer.Ordinal), soon.ToLookup(r => r.view.OwnerName, StringComparer.Ordinal),
                undated.ToLookup(r => r.view.OwnerName, StringComparer.Ordinal), missing.ToLookup(r => r.view.OwnerName, StringComparer.Ordinal));
            sections = [.. overdue.Concat(soon).Concat(undated).Concat(missing)
                .GroupBy(r => r.view.OwnerName)
                .OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase)
                .Select(g => new CardSection(g.Key, [
                    .. overdueOf[g.Key].Select(Step),
                    .. soonOf[g.Key].Select(Step),
                    .. undatedOf[g.Key].Select(Undated),
                    .. missingOf.Contains(g.Key) ? [Missing(missingOf[g.Key], unread.GetValueOrDefault(g.Key))] : Array.Empty<CardLine>()]))];
        }
        else
        {
            sections = [];
            if (overdue.Count > 0)
            {
                sections.Add(new CardSection(say.Lists("Due.Section.Overdue"), [.. overdue.Select(Step)]));
            }

            if (soon.Count > 0)
            {
                sections.Add(new CardSection(say.Lists("Due.Section.Soon", Window(command.WithinDays, say)), [.. soon.Select(Step)]));
            }

            if (undated.Count > 0)
            {
                sections.Add(new CardSection(say.Lists("Due.Section.Undated"), [.. undated.Select(Undated), new CardLine(say.Lists("Due.HintUndated"))]));
            }

            if (missing.Count > 0)
            {
                sections.Add(new CardSection(say.Lists("Due.Section.Missing"), [Missing(missing, unread.Values.Sum()), new CardLine(say.Lists("Due.Hint"))]));
            }
        }

        // The text form lists deals as items; a hint, and the line that names the deals with no step (it says all its
        // heading does), read as plain lines there: "- Book one by saying …" under "No next step:" read as one more deal.
        var missingSection = manages || missing.Count == 0 ? null : sections[^1];

        // Only what was asked about is counted: "which deals have no next step" does not answer "0 overdue, 0 coming up";
        // and a count of none is left out ("5 with no next step", «5 صفقات بلا خطوة تالية», not «متأخرة: 0، قادمة: 0، …»).
        (string Kind, int Count)[] counted = command.Focus switch
        {
            DueFocus.Missing => [("Missing", count.Missing)],
            DueFocus.Overdue => [("Overdue", count.Overdue)],
            _ => [.. new[] { ("Overdue", count.Overdue), ("Soon", count.Soon), ("Undated", count.Undated), ("Missing", count.Missing) }.Where(c => c.Item2 > 0)],
        };
        string Counts(string separator, bool brief) => string.Join(separator, counted.Select(c =>
            say.Count(Phrases.Area.Lists, "Due.Count." + (brief && c.Kind == "Undated" ? "UndatedBrief" : c.Kind), c.Count)));
        var header = say.Lists("Due.Header", scope, Counts(say.Nudges("ListSeparator"), brief: false));
        var subtitle = Counts(" · ", brief: true);
        var text = new StringBuilder().AppendLine(header);
        foreach (var section in sections)
        {
            if (!ReferenceEquals(section, missingSection))
            {
                text.AppendLine(say.Lists("Stalled.Owner", section.Heading));
            }

            foreach (var line in section.Lines)
            {
                text.Append(manages || line.Action is not null ? "- " : string.Empty).AppendLine(line.Text);
            }
        }

        if (more is not null)
        {
            text.AppendLine(more);
        }

        if (manages && undated.Count > 0)
        {
            text.AppendLine(say.Lists("Due.HintUndated"));
        }

        if (manages && missing.Count > 0)
        {
            text.AppendLine(say.Lists("Due.Hint"));
        }

        return new BotAnswer(text.ToString().TrimEnd(), new Card
        {
            Kind = CardKind.DealList,
            Title = title,
            Subtitle = subtitle,
            Sections = sections,
            Note = manages ? Notes(more, undated.Count > 0 ? say.Lists("Due.HintUndated") : null, missing.Count > 0 ? say.Lists("Due.Hint") : null) : more,
        });
    }

    /// <summary>A manager's card note: what was left out and the hints that apply, one after the other; null when none does.</summary>
    private static string? Notes(params string?[] hints) =>
        string.Join(' ', hints.Where(h => h is not null)) is { Length: > 0 } note ? note : null;

    /// <summary>"today", "by tomorrow", "in the next 7 days".</summary>
    private static string Window(int days, Phrases say) => days switch
    {
        0 => say.Lists("Due.Window.Today"),
        1 => say.Lists("Due.Window.Tomorrow"),
        _ => say.Lists("Due.Window.Days", days),
    };
}
