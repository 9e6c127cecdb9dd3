using System.Text;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Coaching.Commands;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Dates;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Coaching.UseCases;

/// <summary>
/// "history of DEAL": a timeline, newest first, of stage changes (who, when, from which chat, under which map version),
/// confirmations and undos, overrides with reasons, notes, activities, snoozes and next steps set, changed or done; <see cref="PageSize"/> entries a
/// page, with a "More" button for the next. Whoever may see the deal may read its history.
/// </summary>
internal sealed class HistoryUseCase(DealLocator locator, IDealJournal journal, TeamRulesProvider teamRules, PersonResolver people)
    : ICommandHandler<HistoryCommand>, ICommandHandler<ShowHistoryPayload>
{
    public const int PageSize = 20;

    public async Task<BotAnswer> HandleAsync(HistoryCommand command, TurnContext context, CancellationToken cancellationToken)
    {
        var (deal, person) = await DealAndPersonAsync(command, context, cancellationToken);
        var lookup = await locator.LocateAsync(deal, context, id => $"history of #{id}", cancellationToken);
        return lookup is DealLookup.Found found
            ? await ShowAsync(found.Deal, page: 1, person, command.Period, context, cancellationToken)
            : ((DealLookup.Answered)lookup).Answer;
    }

    /// <summary>The "More" button: the next page replaces the card it was pressed on.</summary>
    public async Task<BotAnswer> HandleAsync(ShowHistoryPayload command, TurnContext context, CancellationToken cancellationToken)
    {
        var lookup = await locator.LocateByIdAsync(command.Deal, context, cancellationToken);
        return lookup is DealLookup.Found found
            ? await ShowAsync(found.Deal, command.Page, command.Person, PeriodWindows.FromCode(command.Period), context, cancellationToken) with { ReplacesCard = true }
            : ((DealLookup.Answered)lookup).Answer;
    }

    /// <summary>
    /// "history of Made by Hand": the whole words are the deal when they name one the asker sees; "history of Initech by Dana"
    /// filters by Dana only when she is someone the asker sees (as every "Dana's …" finds a person), else the whole words are
    /// the deal asked for (and not found, with the closest names).
    /// </summary>
    private async Task<(DealReference Deal, string? Person)> DealAndPersonAsync(HistoryCommand command, TurnContext context, CancellationToken cancellationToken)
    {
        if (command.Whole is not NameReference whole || command.PersonName is not { } person)
        {
            return (command.Deal, command.PersonName);
        }

        if (!await locator.NamesNoDealAsync(whole.Text, context, cancellationToken))
        {
            return (whole, null);
        }

        var seen = await people.VisibleToAsync(context.Person, cancellationToken);
        return seen.Find(person, context.Say) is PersonLookup.Found ? (command.Deal, person) : (whole, null);
    }

    /// <param name="person">"what did Riley do on Hooli": the entries of whoever is called so ("Riley" for "Riley Rep"); null for all.</param>
    /// <param name="said">"history of Initech last week": only the entries of that time, in the deal's team's zone; null for all.</param>
    private async Task<BotAnswer> ShowAsync(DealView view, int page, string? person, SaidPeriod? said, TurnContext context, CancellationToken cancellationToken)
    {
        var deal = view.Deal;
        var say = context.Say;
        var rules = await teamRules.GetAsync(cancellationToken);
        var zone = rules.Zone(deal.TeamId);
        PeriodWindow? period = null;
        if (said is not null)
        {
            var (resolved, refusal) = PeriodWindows.Resolve(
                said, context.Now, zone, rules.Workdays(deal.TeamId).First, say, "Window", Canonical.Command($"history of {deal.Name} last week"),
                Canonical.Command($"history of {deal.Name} this quarter"));
            if (resolved is null)
            {
                return refusal!;
            }

            period = resolved;
        }

        var all = await journal.TimelineAsync(deal.Id, cancellationToken);
        var byPerson = person is null ? all : OwnerNames.Theirs(all.Where(e => e.PersonName is not null), e => e.PersonName!, person);
        // A period "so far" ends now, and what was done this very second is in it.
        var entries = period is null ? byPerson
            : [.. byPerson.Where(e => e.At >= period.Window.From && (e.At < period.Window.To || period.Window.To >= context.Now))];
        var who = person is null ? null : OwnerNames.Named(byPerson.Select(e => e.PersonName!), person);
        var pages = Math.Max(1, (entries.Count + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pages);
        var shown = entries.Skip((page - 1) * PageSize).Take(PageSize).Select(e => Line(e, context.MapOf(view), zone, say)).ToList();
        var when = period?.InSentence(say);
        var elsewhere = byPerson.Count - entries.Count;
        var heading = entries.Count > 0 ? say.Coaching("History.Entries", ((page - 1) * PageSize) + 1, ((page - 1) * PageSize) + shown.Count, entries.Count)
            : when is null ? (who is null ? say.Coaching("History.Nothing") : say.Coaching("History.NothingBy", who))
            : who is not null ? say.Coaching("History.NothingByIn", who, when)
            // "Nothing recorded on Initech last week; 4 entries at other times": the period was empty, not the deal.
            : elsewhere > 0 ? say.Count(Phrases.Area.Coaching, "History.NothingIn.Elsewhere", elsewhere, say.Language.Isolate(deal.Name), when)
            : say.Coaching("History.NothingIn", say.Language.Isolate(deal.Name), when);

        var actions = new List<CardAction>();
        if (page < pages)
        {
            actions.Add(new CardAction(say.Coaching("History.More"), new ShowHistoryPayload(deal.Id, page + 1, person, period?.Code), CardActionStyle.Primary));
        }

        if (person is not null)
        {
            actions.Add(new CardAction(say.Coaching("History.Everyone"), new ShowHistoryPayload(deal.Id, 1)));
        }

        actions.Add(new CardAction(say.Coaching("History.Checklist"), new ShowChecklistPayload(deal.Id)));
        var card = new Card
        {
            Kind = CardKind.History,
            Title = (who, period) switch
            {
                (null, null) => say.Coaching("History.Title", deal.Name),
                (null, _) => say.Coaching("History.TitleIn", deal.Name, period.Label),
                (_, null) => say.Coaching("History.TitleBy", deal.Name, who),
                _ => say.Coaching("History.TitleByIn", deal.Name, who, period.Label),
            },
            Subtitle = say.Coaching("History.Subtitle", "#" + deal.ExternalId, view.TeamName),
            Sections = [new CardSection(heading, shown.Select(l => new CardLine(l)).ToList())],
            Actions = actions,
        };

        var text = new StringBuilder().AppendLine(card.Title).AppendLine(card.Subtitle).Append(heading);
        foreach (var line in shown)
        {
            text.AppendLine().Append("- ").Append(line);
        }

        if (page < pages)
        {
            text.AppendLine().Append(say.Coaching("History.Page", page, pages));
        }

        return new BotAnswer(text.ToString(), card);
    }

    /// <summary>One entry: when (in the team's <paramref name="zone"/>, as a snooze's end is) · who · what · where · map version.</summary>
    internal static string Line(TimelineEntry entry, ProcessMap map, TimeZoneInfo zone, Phrases say)
    {
        // A call said with a day and no time ("yesterday") shows that day, not the day's start as a time; "this morning" the day and its part.
        var parts = new List<string> { entry.DayOnly ? DayParts.Describe(entry.At, zone, say) : say.Language.Time(entry.At, zone) };
        // A note whose text names its author (an old proposal stored in words) is not preceded by the name again; a stored
        // close proposal is worded without a name below, so it shows its author where every other row does (facts53).
        if (entry.PersonName is { Length: > 0 } who && !(entry.Kind == TimelineEntryKind.Note && CloseProposalNote.Parse(entry.Text) is null && DealCards.NamesItsAuthor(entry.Text, who)))
        {
            parts.Add(say.Language.Isolate(who));
        }

        parts.Add(What(entry, map, zone, say));
        if (Where(entry, say) is { } where)
        {
            parts.Add(where);
        }

        if (entry.MapVersion is { } version)
        {
            parts.Add(say.Coaching("History.MapVersion", version));
        }

        return string.Join(" · ", parts);
    }

    private static string What(TimelineEntry entry, ProcessMap map, TimeZoneInfo zone, Phrases say)
    {
        var language = say.Language;
        // A row written under an id the map has since renamed or merged away reads as the stage that replaces it.
        var stage = entry.Stage is { } id ? (map.ResolveStage(id) is { } known ? MapWording.Name(known, language) : id.Value) : "?";
        // An import's row stores its outcome language-neutral (ImportReason); a CRM's is read back by CrmReasons.
        var reason = entry.Text is { Length: > 0 } r ? say.Coaching("History.Reason", ImportReason.Describe(r, say, map)) : string.Empty;
        return entry.Kind switch
        {
            TimelineEntryKind.StageChange => entry.StageChange switch
            {
                StageChangeKind.Entered => say.Coaching("History.Entered", stage),
                StageChangeKind.Advanced => say.Coaching("History.Advanced", stage, reason),
                StageChangeKind.Moved => say.Coaching("History.Moved", stage, reason),
                StageChangeKind.Override => say.Coaching("History.Override", stage, reason),
                // A chat close says what it closed as (lost or nurture read the same otherwise); an import's reason says it already.
                StageChangeKind.Closed when entry.Outcome is { } outcome and not DealStatus.Open && ImportReason.Parse(entry.Text) is null =>
                    say.Coaching("History.ClosedAs", stage, reason, ClosedAs(outcome, say)),
                StageChangeKind.Closed => say.Coaching("History.Closed", stage, reason),
                StageChangeKind.MapChange => say.Coaching("History.MapChange", stage, entry.Text ?? say.Coaching("History.MapChange.Default")),
                StageChangeKind.MovedInCrm => say.Coaching("History.Moved", stage, reason),
                StageChangeKind.ClosedInCrm => say.Coaching("History.Closed", stage, reason),
                // An import's win from a stage before won moved the deal into the won stage (won57): said with what it made it.
                StageChangeKind.Imported when ImportReason.Parse(entry.Text) is not null => say.Coaching("History.Moved", stage, reason),
                StageChangeKind.Reopened => entry.Text is { Length: > 0 } why
                    ? say.Coaching("History.Reopened.Because", stage, ImportReason.Describe(why, say, map))
                    : say.Coaching("History.Reopened", stage),
                _ => say.Coaching("History.Imported", stage),
            },
            TimelineEntryKind.Confirmed when entry.CarriedOver => say.Coaching("History.CarriedOver", ItemText(entry, map, language), stage),
            TimelineEntryKind.Confirmed => say.Coaching("History.Confirmed", ItemText(entry, map, language), stage),
            TimelineEntryKind.Withdrawn => say.Coaching("History.Withdrawn", ItemText(entry, map, language), stage),
            // The proposer is the row's author, said before it: "… · Sam Seller · Note: Proposed closing it as lost: no budget".
            TimelineEntryKind.Note => say.Coaching("History.Note", entry.Text is { } note ? CloseProposalNote.Describe(note, null, say, map) : null),
            TimelineEntryKind.Activity => Capitalised(LogActivityUseCase.Describe(entry.Activity ?? ActivityKind.Other, entry.Text, say)),
            TimelineEntryKind.Snooze when entry.EndedEarly => entry.Text is { Length: > 0 } why
                ? say.Coaching("History.Snoozed.EndedEarly.Because", why)
                : say.Coaching("History.Snoozed.EndedEarly"),
            TimelineEntryKind.Snooze => entry.Text is { Length: > 0 } because
                ? say.Coaching("History.Snoozed.Because", entry.Until is { } day ? language.DayInWords(day, zone) : "?", because)
                : say.Coaching("History.Snoozed", entry.Until is { } until ? language.DayInWords(until, zone) : "?"),
            TimelineEntryKind.SnoozeEnded => say.Coaching("History.SnoozeEnded"),
            TimelineEntryKind.NextStepSet => NextStep("History.NextStepSet", entry, zone, say),
            TimelineEntryKind.NextStepChanged => NextStep("History.NextStepChanged", entry, zone, say),
            TimelineEntryKind.NextStepDone => NextStep("History.NextStepDone", entry, zone, say),
            TimelineEntryKind.NextStepUndone => entry.Text is null && entry.Due is null
                ? say.Coaching("History.NextStepUndone.None", StepWords(entry.Previous, entry.PreviousDue, zone, say))
                : say.Coaching("History.NextStepUndone", StepWords(entry.Previous, entry.PreviousDue, zone, say), StepWords(entry.Text, entry.Due, zone, say)),
            TimelineEntryKind.NoteWithdrawn => say.Coaching("History.NoteWithdrawn", entry.Text is { } withdrawn ? CloseProposalNote.Describe(withdrawn, null, say, map) : null),
            TimelineEntryKind.ActivityWithdrawn => say.Coaching("History.ActivityWithdrawn", LogActivityUseCase.Describe(entry.Activity ?? ActivityKind.Other, entry.Text, say)),
            _ => entry.Kind.ToString(),
        };
    }

    /// <summary>"Next step set: send ROI case — Fri 11 Dec 2026": the step's words (or "next step" when it had none) and day.</summary>
    private static string NextStep(string key, TimelineEntry entry, TimeZoneInfo zone, Phrases say)
    {
        var step = entry.Text is { Length: > 0 } text ? text : say.Lists("Due.NoText");
        return entry.Due is { } due
            ? say.Coaching(key, step, say.Language.Moment(due, zone))
            : say.Coaching(key + ".NoDate", step);
    }

    /// <summary>"call the CFO, Fri 11 Dec 2026": a step's words (or "next step") and day, as an undo's reply quotes it.</summary>
    private static string StepWords(string? text, DateTimeOffset? due, TimeZoneInfo zone, Phrases say)
    {
        var words = text is { Length: > 0 } ? text : say.Lists("Due.NoText");
        return due is { } day ? say.Coaching("Undo.StepWithDay", words, say.Language.Moment(day, zone)) : words;
    }

    private static string ItemText(TimelineEntry entry, ProcessMap map, ReplyLanguage language) =>
        entry.Stage is { } stage && entry.Item is { } item
            ? map.ResolveStage(stage)?.FindItem(item) is { } known ? MapWording.Item(known, language) : item.Value
            : entry.Item?.Value ?? "?";

    /// <summary>"lost", "in nurture", "won": what a chat close left the deal as, in the reopen's words.</summary>
    private static string ClosedAs(DealStatus outcome, Phrases say) => outcome switch
    {
        DealStatus.Won => say.Coaching("Reopen.WasWon"),
        DealStatus.Nurture => say.Coaching("Reopen.WasNurture"),
        _ => say.Coaching("Reopen.WasLost"),
    };

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>The chat an entry came from, when recorded: "Teams chat 19:…", "Slack channel C…", "command line (walk)".</summary>
    internal static string? Where(TimelineEntry entry, Phrases say)
    {
        if (entry.Conversation is { } key)
        {
            return (key.Channel, key.IsPerson) switch
            {
                (_, true) => say.Coaching("History.DirectMessage", key.Channel.ToString()),
                (ChatChannel.Teams, _) => say.Coaching("History.TeamsChat", key.Id),
                (ChatChannel.Slack, _) => say.Coaching("History.SlackChannel", key.Id),
                _ => say.Coaching("History.CommandLine", key.Id),
            };
        }

        return entry.Channel is { } channel ? say.Coaching("History.In", channel.ToString()) : null;
    }
}
