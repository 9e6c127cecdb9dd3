using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Coaching.Commands;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Coaching.UseCases;

/// <summary>"what's next for DEAL": the deal's stage, why it matters, and its exit checklist.</summary>
internal sealed class WhatsNextUseCase(DealLocator locator, TeamRulesProvider teamRules, IDealJournal journal)
    : ICommandHandler<WhatsNextCommand>, ICommandHandler<ShowChecklistPayload>
{
    public async Task<BotAnswer> HandleAsync(WhatsNextCommand command, TurnContext context, CancellationToken cancellationToken)
    {
        var lookup = await locator.LocateAsync(command.Deal, context, id => $"what's next for #{id}", cancellationToken);
        if (lookup is not DealLookup.Found found)
        {
            return ((DealLookup.Answered)lookup).Answer;
        }

        return await ShowAsync(found.Deal, context, note: null, cancellationToken);
    }

    /// <summary>"should we move Globex to demo?": the deal's card, with a note that nothing changed.</summary>
    public async Task<BotAnswer> AdviseAsync(DealReference deal, TurnContext context, CancellationToken cancellationToken)
    {
        var lookup = await locator.LocateAsync(deal, context, id => $"what's next for #{id}", cancellationToken);
        return lookup is DealLookup.Found found
            ? await ShowAsync(found.Deal, context, context.Say.Coaching("Advice.NothingChanged", found.Deal.Deal.Name), cancellationToken)
            : ((DealLookup.Answered)lookup).Answer;
    }

    /// <summary>A "Checklist" button: the deal's current card.</summary>
    public Task<BotAnswer> HandleAsync(ShowChecklistPayload command, TurnContext context, CancellationToken cancellationToken) =>
        ShowCurrentAsync(command.Deal, context, note: null, cancellationToken);

    /// <summary>Re-reads the deal (after a change) and shows its current card with a note on what happened.</summary>
    public async Task<BotAnswer> ShowCurrentAsync(DealId deal, TurnContext context, string? note, CancellationToken cancellationToken)
    {
        var lookup = await locator.LocateByIdAsync(deal, context, cancellationToken);
        return lookup is DealLookup.Found found
            ? await ShowAsync(found.Deal, context, note, cancellationToken)
            : ((DealLookup.Answered)lookup).Answer;
    }

    public async Task<BotAnswer> ShowAsync(DealView deal, TurnContext context, string? note, CancellationToken cancellationToken)
    {
        var rules = await teamRules.GetAsync(cancellationToken);
        // A deal read by id, or the view a change left, brings its latest notes (cached with it); a listed deal does not.
        var notes = deal.LatestNotes ?? await journal.RecentNotesAsync(deal.Id, DealCards.NotesShown, cancellationToken);
        return DealCards.Checklist(deal, context.MapOf(deal), rules, context.Now, note, notes, context.Say);
    }
}
