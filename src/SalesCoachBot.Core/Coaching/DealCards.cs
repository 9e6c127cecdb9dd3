using System.Globalization;
using System.Text;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Dates;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Stalls;

namespace SalesCoachBot.Core.Coaching;

/// <summary>Builds the answers that show a deal: the checklist card and its plain-text twin.</summary>
internal static class DealCards
{
    /// <summary>How many of the latest notes the deal card shows; the history has all of them.</summary>
    public const int NotesShown = 3;

    public static BotAnswer Checklist(
        DealView view, ProcessMap map, SalesTeamRules rules, DateTimeOffset now, string? note = null, IReadOnlyList<NoteView>? notes = null,
        string? language = null)
    {
        var deal = view.Deal;
        var stage = map.FindStage(deal.StageId);
        if (stage is null)
        {
            var missing = $"{deal.Name} is in stage '{deal.StageId}', which the current process map does not have. Ask an admin to fix the map or move the deal.";
            return new BotAnswer(missing, Errors.Card("Stage not in the map", missing));
        }

        var stall = StallRule.Assess(deal, stage.StallAfterDays, rules.IdleAfterDays(deal.TeamId), view.SnoozedUntil, now, stage.NameFor(language), rules.Zone(deal.TeamId));
        var confirmed = view.Confirmations.ToDictionary(c => c.Item);
        var items = stage.Checklist
            .Select(item => confirmed.TryGetValue(item.Id, out var c)
                ? new CardChecklistItem(item.Id, item.TextFor(language), item.Required, ChecklistItemState.Confirmed, c.PersonName, c.ConfirmedAt)
                : new CardChecklistItem(item.Id, item.TextFor(language), item.Required, ChecklistItemState.Open))
            .ToList();
        var confirm = new CardAction("Confirm", new ConfirmItemsPayload(deal.Id, stage.Id, deal.StageVersion), CardActionStyle.Primary);
        var next = map.NextOf(stage);

        var facts = new List<CardFact>
        {
            new("Stage", $"{stage.NameFor(language)} ({StagePosition(map, stage)})"),
            new("Stage owner", stage.Owner),
            new("Deal owner", view.OwnerName),
            new("Days in stage", stall.DaysInStage.ToString(CultureInfo.InvariantCulture)),
            new("Status", StatusText(deal, stall)),
        };
        if (deal.Amount is { } amount)
        {
            facts.Add(new("Amount", Money(amount, deal.Currency)));
        }

        if (next is not null && UseCases.ConfirmItemsUseCase.IsCoachable(deal.Status))
        {
            facts.Add(new("Next stage", next.NameFor(language)));
        }

        var zone = rules.Zone(deal.TeamId);
        if (NextStepText(deal, zone) is { } nextStep)
        {
            facts.Add(new("Next step", nextStep));
        }

        var body = new List<string>();
        if (stage.EntryFor(language) is { Length: > 0 } entry && !string.IsNullOrWhiteSpace(entry))
        {
            body.Add($"In this stage: {entry}");
        }

        if (stage.ActivitiesFor(language) is { Length: > 0 } activities && !string.IsNullOrWhiteSpace(activities))
        {
            body.Add($"What happens: {activities}");
        }

        var card = new Card
        {
            Kind = CardKind.Checklist,
            Title = $"{deal.Name} — {stage.NameFor(language)}",
            Subtitle = $"#{deal.ExternalId} · {view.TeamName}",
            Body = body,
            Facts = facts,
            Checklist = UseCases.ConfirmItemsUseCase.IsCoachable(deal.Status) ? new CardChecklist(deal.Id, stage.Id, deal.StageVersion, items, confirm) : null,
            Note = note,
            Forms = UseCases.SetNextStepUseCase.CanHaveNextStep(deal.Status) ? [NextStepForm(deal, zone, now), NoteForm(deal)] : [NoteForm(deal)],
            Sections = notes is { Count: > 0 } ? [new CardSection("Latest notes", [.. notes.Take(NotesShown).Select(n => new CardLine(NoteLine(n)))])] : [],

            // "Buyer said no" is the same as typing "DEAL said no": asks for the reason, then follows the map's branch.
            Actions = deal.Status == DealStatus.Open
                ? [new CardAction("History", new ShowHistoryPayload(deal.Id, 1)), new CardAction("Buyer said no", new SaidNoPayload(deal.Id, deal.StageVersion))]
                : [new CardAction("History", new ShowHistoryPayload(deal.Id, 1))],
        };

        var text = ChecklistText(card, items, deal, note);
        if (card.Sections.Count > 0)
        {
            text += "\nLatest notes:\n" + string.Join('\n', card.Sections[0].Lines.Select(l => "- " + l.Text));
        }

        return new BotAnswer(text, card);
    }

    /// <summary>"demo with their CFO — Fri 11 Dec 2026, 15:00" in the team's zone; null when no next step is set.</summary>
    public static string? NextStepText(Deal deal, TimeZoneInfo zone) => (deal.NextStep, deal.NextStepAt) switch
    {
        ({ Length: > 0 } text, { } at) => $"{text} — {DateInWords.Describe(at, zone)}",
        ({ Length: > 0 } text, null) => text,
        (_, { } at) => DateInWords.Describe(at, zone),
        _ => null,
    };

    /// <summary>The card's "Set next step" button: a date picker and a text, filled with the current next step.</summary>
    public static CardForm NextStepForm(Deal deal, TimeZoneInfo zone, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var current = deal.NextStepAt is { } at && at > now
            ? DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : null;
        return new CardForm(
            "Set next step",
            $"Next step for {deal.Name}",
            [
                new CardInput(SetNextStepPayload.DateInput, CardInputKind.Date, "When")
                {
                    Value = current,
                    Min = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                },
                new CardInput(SetNextStepPayload.TextInput, CardInputKind.Text, "What")
                {
                    Value = deal.NextStep,
                    Placeholder = "Demo with their CFO",
                    MaxLength = UseCases.SetNextStepUseCase.MaxTextLength,
                    Required = true,
                },
            ],
            new CardAction("Save next step", new SetNextStepPayload(deal.Id), CardActionStyle.Primary),
            new NextStepFormPayload(deal.Id));
    }
    /// <summary>The card's "Add note" button: one multi-line text, saved as a note on the deal.</summary>
    public static CardForm NoteForm(Deal deal) => new(
        "Add note",
        $"Note for {deal.Name}",
        [
            new CardInput(AddNotePayload.TextInput, CardInputKind.Text, "Note")
            {
                Placeholder = "What happened, what the buyer said, what to remember",
                MaxLength = NewNote.MaxLength,
                Required = true,
                Multiline = true,
            },
        ],
        new CardAction("Save note", new AddNotePayload(deal.Id), CardActionStyle.Primary),
        new NoteFormPayload(deal.Id));

    /// <summary>"2026-12-02 · Dana: CFO wants an ROI case by Q1".</summary>
    public static string NoteLine(NoteView note) =>
        note.AuthorName is { Length: > 0 } author ? $"{Date(note.At)} · {author}: {note.Text}" : $"{Date(note.At)}: {note.Text}";

    public static string StatusText(Deal deal, StallAssessment stall) => deal.Status switch
    {
        DealStatus.Open when stall.IsStalled => $"Stalled: {stall.Reason}",
        DealStatus.Open => $"On track: {stall.Reason}",
        DealStatus.Lost => $"Lost{(deal.LostReason is { } r ? $" ({r})" : string.Empty)}",
        DealStatus.Nurture => deal.ReengageAt is { } at ? $"Nurture until {Date(at)}" : "Nurture",
        DealStatus.Won => "Won",
        _ => deal.Status.ToString(),
    };

    public static string Money(decimal amount, string? currency) =>
        string.Create(CultureInfo.InvariantCulture, $"{amount:#,0.##} {currency ?? string.Empty}").TrimEnd();

    public static string Date(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string When(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string StagePosition(ProcessMap map, Stage stage)
    {
        var ordered = map.OrderedStages();
        var index = 0;
        while (index < ordered.Count && ordered[index].Id != stage.Id)
        {
            index++;
        }

        var position = index < ordered.Count ? index + 1 : 0;
        return $"{position} of {ordered.Count}";
    }

    private static string ChecklistText(Card card, IReadOnlyList<CardChecklistItem> items, Deal deal, string? note)
    {
        // Sized for a typical card up front: growing chunk by chunk cost more than the rest of the method.
        var text = new StringBuilder(512 + 128 * items.Count);
        if (note is not null)
        {
            text.AppendLine(note);
        }

        text.AppendLine(card.Title).AppendLine(card.Subtitle);
        foreach (var fact in card.Facts)
        {
            text.Append(fact.Label).Append(": ").AppendLine(fact.Value);
        }

        foreach (var paragraph in card.Body)
        {
            text.AppendLine(paragraph);
        }

        text.AppendLine("Exit checklist:");
        foreach (var item in items)
        {
            var mark = item.State == ChecklistItemState.Confirmed ? "[x]" : "[ ]";
            var who = item.State == ChecklistItemState.Confirmed ? $" — {item.ConfirmedBy}, {When(item.ConfirmedAt!.Value)}" : string.Empty;
            var optional = item.Required ? string.Empty : " (optional)";
            text.AppendLine(CultureInfo.InvariantCulture, $"{mark} {item.Text}{optional} [{item.Id}]{who}");
        }

        if (UseCases.ConfirmItemsUseCase.IsCoachable(deal.Status) && items.Any(i => i.State == ChecklistItemState.Open))
        {
            var first = items.First(i => i.State == ChecklistItemState.Open);
            text.Append(CultureInfo.InvariantCulture, $"Say \"done {first.Id} for {deal.ExternalId}\" when it is done.");
        }

        while (text.Length > 0 && char.IsWhiteSpace(text[^1]))
        {
            text.Length--;
        }

        return text.ToString();
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
