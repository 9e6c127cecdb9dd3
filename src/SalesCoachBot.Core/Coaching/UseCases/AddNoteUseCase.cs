using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Coaching.Commands;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Coaching.UseCases;

/// <summary>
/// "note for DEAL: TEXT" or a card's "Add note" button: a note stored with its author, time and chat. Anyone who may
/// work on the deal may add one. It counts as activity; the card shows the last three, the history all of them.
/// A retry of the same turn adds nothing (<see cref="NewNote.RetryWindow"/>). The text is never logged.
/// </summary>
internal sealed class AddNoteUseCase(
    DealLocator locator, IDealStore deals, IDealJournal journal, TeamRulesProvider teamRules, WhatsNextUseCase whatsNext, CommandDispatcher commands)
    : ICommandHandler<AddNoteCommand>, ICommandHandler<AddNotePayload>, ICommandHandler<NoteFormPayload>
{
    public async Task<BotAnswer> HandleAsync(AddNoteCommand command, TurnContext context, CancellationToken cancellationToken)
    {
        // "note that Hooli wants SSO": the deal's name and the note run together. When the first words name exactly one deal
        // the person may see, the note is asked back with the rest as its text, never stored unasked.
        if (string.IsNullOrWhiteSpace(command.Text) && command.Deal is NameReference said
            && await locator.FindNamedAtAnEndAsync(said.Text, first: true, (_, rest) => rest.Length > 0, context, cancellationToken) is { } split)
        {
            var wording = command.Language == LanguagePack.Arabic.Code
                ? $"ملاحظة لصفقة {split.Name}: {split.Others}"
                : Canonical.Command($"note for {split.Name}: {split.Others}");
            var guess = new AddNoteCommand(new NameReference(split.Name), split.Others) { Language = command.Language };
            return await commands.DispatchAsync(new ConfirmIntentCommand(guess, wording) { Language = command.Language }, context, cancellationToken);
        }

        // "notes on Initech", "what did we note on Initech": no text about a deal is a question about its notes. Naming no
        // deal ("note that nobody wants SSO") it is a note with nothing after the deal: refused below, saying how to write one.
        if (string.IsNullOrWhiteSpace(command.Text))
        {
            var asked = await locator.LocateAsync(command.Deal, context, id => $"note for #{id}:", cancellationToken);
            switch (asked)
            {
                case DealLookup.Found deal:
                    return await NotesAsync(deal.Deal, context, cancellationToken);
                case DealLookup.Answered { Answer.Card.Kind: CardKind.ChooseDeal } choose:
                    return choose.Answer;
            }
        }

        if (Refusal(command.Text, context.Say) is { } refused)
        {
            return refused;
        }

        var lookup = await locator.LocateAsync(command.Deal, context, id => $"note for #{id}: {command.Text}", cancellationToken);
        if (lookup is not DealLookup.Found found)
        {
            return ((DealLookup.Answered)lookup).Answer;
        }

        return await AddAsync(found.Deal.Id, command.Text, context, fromCard: false, cancellationToken);
    }

    /// <summary>The card's "Add note" form, with the text typed into it; refused input goes back under that input.</summary>
    public async Task<BotAnswer> HandleAsync(AddNotePayload command, TurnContext context, CancellationToken cancellationToken)
    {
        var text = command.Text?.Trim() ?? string.Empty;
        if (Problem(text, context.Say) is { } problem)
        {
            var lookup = await locator.LocateByIdAsync(command.Deal, context, cancellationToken);
            if (lookup is not DealLookup.Found found)
            {
                return ((DealLookup.Answered)lookup).Answer;
            }

            var card = await whatsNext.ShowAsync(found.Deal, context, problem, cancellationToken);
            return card with { ReplacesCard = true, InputErrors = new Dictionary<string, string>(StringComparer.Ordinal) { [AddNotePayload.TextInput] = problem } };
        }

        return await AddAsync(command.Deal, text, context, fromCard: true, cancellationToken);
    }

    /// <summary>The form on its own (Slack opens it as a modal from the card's button).</summary>
    public async Task<BotAnswer> HandleAsync(NoteFormPayload payload, TurnContext context, CancellationToken cancellationToken)
    {
        var lookup = await locator.LocateByIdAsync(payload.Deal, context, cancellationToken);
        if (lookup is not DealLookup.Found found)
        {
            return ((DealLookup.Answered)lookup).Answer;
        }

        var form = DealCards.NoteForm(found.Deal.Deal, context.Say);
        return new BotAnswer(form.Title, new Card { Kind = CardKind.Form, Title = form.Title, Forms = [form] });
    }

    /// <summary>Why a note cannot be stored, as the answer to give; null when it can. Shared with the channels' own checks (Slack modal errors).</summary>
    public static BotAnswer? Refusal(string text, Phrases say) => Problem(text, say) is { } problem ? Errors.Answer(say.Coaching("Note.NotSaved.Title"), problem) : null;

    /// <summary>What is wrong with a note's text, in one sentence; null when nothing is.</summary>
    public static string? Problem(string text, Phrases say)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            // The example names a Latin deal inside Arabic: isolated, as the help's same example is.
            return say.Language.IsRightToLeft ? Bidi.IsolateLatinRuns(say.Coaching("Note.Empty")) : say.Coaching("Note.Empty");
        }

        return text.Length > NewNote.MaxLength ? say.Coaching("Note.TooLong", NewNote.MaxLength, text.Length) : null;
    }

    private async Task<BotAnswer> AddAsync(DealId dealId, string text, TurnContext context, bool fromCard, CancellationToken cancellationToken)
    {
        var outcome = await deals.ChangeDealAsync(dealId, state =>
        {
            if (!AccessPolicy.CanWorkOn(context.Person, state.Deal))
            {
                return DealChangePlan<string>.Nothing(NotAllowed);
            }

            return new DealChangePlan<string>(context.Say.Coaching("Note.Noted", state.Deal.Name))
            {
                AddNote = new NewNote(context.Person.Id, text, context.Now),
                ActivityAt = context.Now,
                Source = context.SourceFor(state.View),
            };
        }, cancellationToken);

        if (outcome is null or NotAllowed)
        {
            return Errors.Answer(context.Say.Errors("NotAllowed.Title"), context.Say.Errors("NotAllowed.WorkOn"));
        }

        return await whatsNext.ShowCurrentAsync(dealId, context, outcome, cancellationToken) with { ReplacesCard = fromCard };
    }

    /// <summary>
    /// The deal's notes, newest first, each with its day in the team's zone and its author, with the form to add one;
    /// whoever may see the deal may read them. The older ones past a card's worth are in its history.
    /// </summary>
    private async Task<BotAnswer> NotesAsync(DealView view, TurnContext context, CancellationToken cancellationToken)
    {
        var say = context.Say;
        var deal = view.Deal;
        var name = say.Language.Isolate(deal.Name);
        var notes = await journal.RecentNotesAsync(view.Id, ListLimits.Deals + 1, cancellationToken);
        var zone = (await teamRules.GetAsync(cancellationToken)).Zone(deal.TeamId);
        var lines = notes.Take(ListLimits.Deals).Select(n => new CardLine(DealCards.NoteLine(n, zone, say, context.MapOf(view)))).ToList();
        var footer = notes.Count > ListLimits.Deals ? say.Coaching("Notes.Older", name) : say.Coaching("Notes.Add", name);
        var header = lines.Count == 0 ? say.Coaching("Notes.None", name) : say.Coaching("Notes.Header", name, lines.Count);
        var card = new Card
        {
            Kind = CardKind.History,
            Title = say.Coaching("Notes.Title", name),
            Subtitle = "#" + deal.ExternalId,
            Body = lines.Count == 0 ? [header] : [],
            Sections = lines.Count == 0 ? [] : [new CardSection(say.Coaching("Notes.Section"), lines)],
            Note = footer,
            Forms = [DealCards.NoteForm(deal, say)],
            Actions = [DealCards.ChecklistButton(view.Id, say)],
        };
        var text = string.Join('\n', [header, .. lines.Select(l => "- " + l.Text), footer]);
        return new BotAnswer(text, card);
    }

    private const string NotAllowed = "not-allowed"; // a marker, never shown
}
