using System.Globalization;
using System.Text;
using Microsoft.Extensions.ObjectPool;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Dates;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Stalls;

namespace SalesCoachBot.Core.Coaching;

/// <summary>Builds the answers that show a deal: the checklist card and its plain-text twin.</summary>
internal static class DealCards
{
    /// <summary>How many of the latest notes the deal card shows; the history has all of them.</summary>
    public const int NotesShown = DealView.LatestNotesRead;

    public static BotAnswer Checklist(
        DealView view, ProcessMap map, SalesTeamRules rules, DateTimeOffset now, string? note = null, IReadOnlyList<NoteView>? notes = null, Phrases? say = null)
    {
        say ??= Phrases.English;
        var language = say.Language;
        var deal = view.Deal;
        // A closed (nurtured, lost) deal keeps the stage it left; one the map has renamed since reads as the stage that
        // replaces it, where a reopen puts it. Open deals were moved there when the map went in force.
        var stage = map.ResolveStage(deal.StageId);
        if (stage is null)
        {
            var missing = say.Errors("StageNotInMap", deal.Name, deal.StageId.Value);
            return new BotAnswer(missing, Errors.Card(say.Errors("StageNotInMap.Title"), missing));
        }

        var stageName = MapWording.Name(stage, language);
        var stall = StallRule.Assess(deal, stage.StallAfterDays, rules.IdleAfterDays(deal.TeamId), view.SnoozedUntil, now, stage, rules.Zone(deal.TeamId));
        var confirmed = view.Confirmations.ToDictionary(c => c.Item);
        var items = stage.Checklist
            .Select(item => confirmed.TryGetValue(item.Id, out var c)
                ? new CardChecklistItem(item.Id, MapWording.Item(item, language), item.Required, ChecklistItemState.Confirmed, c.PersonName, c.ConfirmedAt)
                : new CardChecklistItem(item.Id, MapWording.Item(item, language), item.Required, ChecklistItemState.Open))
            .ToList();
        var confirm = new CardAction(say.Cards("Confirm"), new ConfirmItemsPayload(deal.Id, stage.Id, deal.StageVersion), CardActionStyle.Primary);
        var next = map.NextOf(stage);

        var facts = new List<CardFact>
        {
            new(say.Cards("Fact.Stage"), say.Cards("StageWithPosition", stageName, StagePosition(map, stage, say))),
            new(say.Cards("Fact.StageOwner"), MapWording.Owner(stage, say)),
            new(say.Cards("Fact.DealOwner"), language.Isolate(view.OwnerName)),
        };
        // Closing a deal as lost or nurture restarts its stage clock, so the count would be days since it closed, read
        // as days in the stage ("0" the day it is lost). Won deals keep moving through the stages after the win: theirs is true.
        if (deal.Status is not (DealStatus.Lost or DealStatus.Nurture))
        {
            // Day 0 is "less than a day", the words the status line beside it uses, not a "0" that reads as none.
            facts.Add(new(say.Cards("Fact.DaysInStage"), stall.DaysInStage == 0 ? say.Count(Phrases.Area.Nudges, "Days", 0) : language.Number(stall.DaysInStage)));
        }

        facts.Add(new(say.Cards("Fact.Status"), StatusText(deal, stall, say, map)));
        if (deal.Amount is { } amount)
        {
            facts.Add(new(say.Cards("Fact.Amount"), language.Money(amount, deal.Currency)));
        }

        if (next is not null && UseCases.ConfirmItemsUseCase.IsCoachable(deal.Status))
        {
            facts.Add(new(say.Cards("Fact.NextStage"), MapWording.Name(next, language)));
        }

        var zone = rules.Zone(deal.TeamId);
        // A lost deal takes no step: its stored one is left out of the card, not erased, so the history stays as it was and
        // "reopen" brings it back. Won and nurture deals may still book one (post-sale stages, a re-engagement).
        if (UseCases.SetNextStepUseCase.CanHaveNextStep(deal.Status) && NextStepText(deal, zone, say) is { } nextStep)
        {
            facts.Add(new(say.Cards("Fact.NextStep"), nextStep));
        }

        var body = new List<string>();
        if (MapWording.Entry(stage, language) is { } entry && !string.IsNullOrWhiteSpace(entry))
        {
            body.Add(say.Cards("InThisStage", entry));
        }

        if (MapWording.Activities(stage, language) is { } activities && !string.IsNullOrWhiteSpace(activities))
        {
            body.Add(say.Cards("WhatHappens", activities));
        }

        var card = new Card
        {
            Kind = CardKind.Checklist,
            Title = say.Cards("Checklist.Title", deal.Name, stageName),
            Subtitle = say.Cards("Checklist.Subtitle", "#" + deal.ExternalId, view.TeamName),
            Body = body,
            Facts = facts,
            Checklist = UseCases.ConfirmItemsUseCase.IsCoachable(deal.Status) ? new CardChecklist(deal.Id, stage.Id, deal.StageVersion, items, confirm) : null,
            Note = note,
            Forms = UseCases.SetNextStepUseCase.CanHaveNextStep(deal.Status) ? [NextStepForm(deal, zone, now, say), NoteForm(deal, say)] : [NoteForm(deal, say)],
            Sections = notes is { Count: > 0 } ? [new CardSection(say.Cards("LatestNotes"), [.. notes.Take(NotesShown).Select(n => new CardLine(NoteLine(n, zone, say, map)))])] : [],

            // "Buyer said no" is the same as typing "DEAL said no": asks for the reason, then follows the map's branch.
            Actions = deal.Status == DealStatus.Open
                ? [new CardAction(say.Cards("Button.History"), new ShowHistoryPayload(deal.Id, 1)), new CardAction(say.Cards("Button.BuyerSaidNo"), new SaidNoPayload(deal.Id, deal.StageVersion))]
                : [new CardAction(say.Cards("Button.History"), new ShowHistoryPayload(deal.Id, 1))],
        };

        // The plain-text twin (1–3 KB) is read only where the card is not shown; chats send the card with the note
        // (what just happened) and the title as its notification line.
        return new BotAnswer(() => ChecklistText(card, items, deal, note, zone, say), note is null ? card.Title : note + "\n" + card.Title, card);
    }

    /// <summary>"demo with their CFO — Fri 11 Dec 2026, 15:00" in the team's zone; null when no next step is set.</summary>
    public static string? NextStepText(Deal deal, TimeZoneInfo zone, Phrases? say = null)
    {
        say ??= Phrases.English;
        return (deal.NextStep, deal.NextStepAt) switch
        {
            ({ Length: > 0 } text, { } at) => say.Cards("NextStepWithDate", text, say.Language.Moment(at, zone)),
            ({ Length: > 0 } text, null) => text,
            (_, { } at) => say.Language.Moment(at, zone),
            _ => null,
        };
    }

    /// <summary>The card's "Set next step" button: a date picker and a text, filled with the current next step.</summary>
    public static CardForm NextStepForm(Deal deal, TimeZoneInfo zone, DateTimeOffset now, Phrases? say = null)
    {
        say ??= Phrases.English;
        var today = ZonedDay.Of(now, zone);
        var current = deal.NextStepAt is { } at && at > now
            ? ZonedDay.Of(at, zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : null;
        return new CardForm(
            say.Cards("NextStepForm.Button"),
            say.Cards("NextStepForm.Title", deal.Name),
            [
                new CardInput(SetNextStepPayload.DateInput, CardInputKind.Date, say.Cards("NextStepForm.When"))
                {
                    Value = current,
                    Min = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                },
                new CardInput(SetNextStepPayload.TextInput, CardInputKind.Text, say.Cards("NextStepForm.What"))
                {
                    Value = deal.NextStep,
                    Placeholder = say.Cards("NextStepForm.Placeholder"),
                    MaxLength = UseCases.SetNextStepUseCase.MaxTextLength,
                    Required = true,
                },
            ],
            new CardAction(say.Cards("NextStepForm.Save"), new SetNextStepPayload(deal.Id), CardActionStyle.Primary),
            new NextStepFormPayload(deal.Id));
    }

    /// <summary>The card's "Add note" button: one multi-line text, saved as a note on the deal.</summary>
    public static CardForm NoteForm(Deal deal, Phrases? say = null)
    {
        say ??= Phrases.English;
        return new(
            say.Cards("NoteForm.Button"),
            say.Cards("NoteForm.Title", deal.Name),
            [
                new CardInput(AddNotePayload.TextInput, CardInputKind.Text, say.Cards("NoteForm.Note"))
                {
                    Placeholder = say.Cards("NoteForm.Placeholder"),
                    MaxLength = NewNote.MaxLength,
                    Required = true,
                    Multiline = true,
                },
            ],
            new CardAction(say.Cards("NoteForm.Save"), new AddNotePayload(deal.Id), CardActionStyle.Primary),
            new NoteFormPayload(deal.Id));
    }

    /// <summary>"Wed 2 Dec 2026 · Dana: CFO wants an ROI case by Q1": the day the note was written in the team's zone.</summary>
    public static string NoteLine(NoteView note, TimeZoneInfo zone, Phrases? say = null, ProcessMap? map = null)
    {
        say ??= Phrases.English;
        var day = say.Language.DayInWords(note.At, zone);
        // A close proposal is stored language-neutral and worded here, for this reader.
        var text = CloseProposalNote.Describe(note.Text, note.AuthorName, say, map);
        return note.AuthorName is { Length: > 0 } author && !NamesItsAuthor(text, author)
            ? say.Cards("NoteLine.ByAuthor", day, author, text)
            : say.Cards("NoteLine", day, text);
    }

    /// <summary>
    /// Whether a note's text already names its author as a word ("Dana Demo proposed closing it as lost: price", «اقترح
    /// Dana Demo إغلاقها…»): shown without the author before it, so the name is read once.
    /// </summary>
    internal static bool NamesItsAuthor(string? text, string author)
    {
        if (string.IsNullOrEmpty(text) || author.Length == 0)
        {
            return false;
        }

        for (var at = text.IndexOf(author, StringComparison.Ordinal); at >= 0; at = text.IndexOf(author, at + 1, StringComparison.Ordinal))
        {
            var end = at + author.Length;
            if ((at == 0 || !char.IsLetterOrDigit(text[at - 1])) && (end == text.Length || !char.IsLetterOrDigit(text[end])))
            {
                return true;
            }
        }

        return false;
    }

    public static string StatusText(Deal deal, StallAssessment stall, Phrases? say = null, ProcessMap? map = null)
    {
        say ??= Phrases.English;
        return deal.Status switch
        {
            DealStatus.Open when stall.IsStalled => say.Cards("Status.Stalled", StallWording.Reason(stall, say)),
            DealStatus.Open => say.Cards("Status.OnTrack", StallWording.Reason(stall, say)),
            DealStatus.Lost => deal.LostReason is { } r ? say.Cards("Status.LostBecause", MapWording.LostReason(r, say, map)) : say.Cards("Status.Lost"),
            DealStatus.Nurture => deal.ReengageAt is { } at
                ? say.Cards("Status.NurtureUntil", stall.Zone is { } zone ? say.Language.DayInWords(at, zone) : say.Language.Day(at))
                : say.Cards("Status.Nurture"),
            DealStatus.Won => say.Cards("Status.Won"),
            _ => deal.Status.ToString(),
        };
    }

    public static string Money(decimal amount, string? currency, Phrases? say = null) => (say?.Language ?? ReplyLanguage.English).Money(amount, currency);

    /// <summary>The button every list puts beside a deal: its checklist card.</summary>
    public static CardAction ChecklistButton(DealId deal, Phrases say) => new(say.Lists("Button.Checklist"), new ShowChecklistPayload(deal));

    /// <summary>A deal's line in a list: its text, " · owner: Dana Demo" when the list spans owners, and its checklist button.</summary>
    public static CardLine ListLine(string text, DealId deal, string? owner, Phrases say) =>
        new(owner is null ? text : text + " · " + say.Lists("Visible.Owner", owner), ChecklistButton(deal, say));

    private static string StagePosition(ProcessMap map, Stage stage, Phrases say)
    {
        return say.Cards("Position", map.PositionOf(stage.Id) + 1, map.OrderedStages().Count);
    }

    private static string ChecklistText(Card card, IReadOnlyList<CardChecklistItem> items, Deal deal, string? note, TimeZoneInfo zone, Phrases say)
    {
        var text = TextBuilders.Get();
        try
        {
            AppendChecklistText(text, card, items, deal, note, zone, say);
            return text.ToString();
        }
        finally
        {
            TextBuilders.Return(text);
        }
    }

    // Builders kept between cards: a checklist's text is 1–3 KB, and a new builder for each (sized up front, as
    // growing chunk by chunk cost more) was 4 % of the card's CPU in a profile of Slack /coach.
    private static readonly ObjectPool<StringBuilder> TextBuilders =
        new DefaultObjectPoolProvider().CreateStringBuilderPool(initialCapacity: 4 * 1024, maximumRetainedCapacity: 16 * 1024);

    // The text answer names when an item was confirmed in the team's zone; the cards leave it to each reader's client.
    private static void AppendChecklistText(StringBuilder text, Card card, IReadOnlyList<CardChecklistItem> items, Deal deal, string? note, TimeZoneInfo zone, Phrases say)
    {
        if (note is not null)
        {
            text.AppendLine(note);
        }

        text.AppendLine(card.Title).AppendLine(card.Subtitle);
        foreach (var fact in card.Facts)
        {
            text.AppendLine(say.Cards("FactLine", fact.Label, fact.Value));
        }

        foreach (var paragraph in card.Body)
        {
            text.AppendLine(paragraph);
        }

        text.AppendLine(say.Cards("ExitChecklist.Text"));
        foreach (var item in items)
        {
            var mark = say.Language.Mark(item.State == ChecklistItemState.Confirmed ? "[x]" : "[ ]");
            var label = item.Required ? item.Text : say.Cards("Item.Optional", item.Text);
            var line = say.Cards("ItemLine", mark, label, item.Id.Value);
            text.AppendLine(item.State == ChecklistItemState.Confirmed
                ? say.Cards("ItemLine.Confirmed", line, item.ConfirmedBy ?? string.Empty, say.Language.Time(item.ConfirmedAt!.Value, zone))
                : line);
        }

        if (UseCases.ConfirmItemsUseCase.IsCoachable(deal.Status) && items.Any(i => i.State == ChecklistItemState.Open))
        {
            var first = items.First(i => i.State == ChecklistItemState.Open);
            text.Append(say.Cards("SayDone", first.Id.Value, deal.ExternalId));
        }

        while (text.Length > 0 && char.IsWhiteSpace(text[^1]))
        {
            text.Length--;
        }

        if (card.Sections is [var latestNotes, ..])
        {
            text.Append('\n').Append(say.Cards("LatestNotes.Text"));
            foreach (var line in latestNotes.Lines)
            {
                text.Append("\n- ").Append(line.Text);
            }
        }
    }
}

/// <summary>Team settings the cards need (idle limits), looked up once per turn.</summary>
public sealed class SalesTeamRules(IReadOnlyList<SalesTeam> teams, int defaultIdleDays, string? defaultTimeZone = null)
{
    private readonly Dictionary<long, SalesTeam> _teams = teams.ToDictionary(t => t.Id);

    public int IdleAfterDays(long teamId) => _teams.TryGetValue(teamId, out var team) ? team.IdleAfterDays : defaultIdleDays;

    /// <summary>
    /// The team's time zone, in which its dates are read and shown: the team's own, else <c>Nudges:DefaultTimeZone</c>,
    /// else UTC (an unknown id counts as none, as for the digest).
    /// </summary>
    public TimeZoneInfo Zone(long teamId) =>
        Nudges.NudgeSchedule.TryFindZone(_teams.GetValueOrDefault(teamId)?.TimeZoneId, out var zone) ? zone
        : Nudges.NudgeSchedule.TryFindZone(defaultTimeZone, out var fallback) ? fallback
        : TimeZoneInfo.Utc;

    /// <summary>The team's working days, which "next week" and "end of week" follow; Monday to Friday for a team not found.</summary>
    public WorkWeek Workdays(long teamId) => _teams.GetValueOrDefault(teamId)?.Workdays ?? WorkWeek.MondayToFriday;

    public SalesTeam? Find(long teamId) => _teams.GetValueOrDefault(teamId);

    public IReadOnlyCollection<SalesTeam> All => _teams.Values;
}

/// <summary>Small polite answer cards that are not about one deal.</summary>
public static class Errors
{
    public static Card Card(string title, string message) => new()
    {
        Kind = CardKind.Error,
        Title = title,
        Body = [message],
    };

    public static BotAnswer Answer(string title, string message) => new(message, Card(title, message));
}
