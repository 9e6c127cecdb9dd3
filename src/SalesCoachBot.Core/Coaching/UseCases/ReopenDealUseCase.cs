using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Coaching.Commands;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Coaching.UseCases;

/// <summary>
/// "reopen DEAL" and the Undo on a close: a lost or nurtured deal goes back to the stage it left, open, recorded in its
/// stage history. Whoever closed it may undo it within <see cref="CloseCards.UndoWindow"/>; a manager of its team or an
/// admin may reopen it any time. Reopening an open deal changes nothing (a retried Undo is harmless).
/// </summary>
internal sealed class ReopenDealUseCase(DealLocator locator, IDealStore deals, WhatsNextUseCase whatsNext)
    : ICommandHandler<ReopenDealCommand>, ICommandHandler<ReopenDealPayload>
{
    public async Task<BotAnswer> HandleAsync(ReopenDealCommand command, TurnContext context, CancellationToken cancellationToken)
    {
        var lookup = await locator.LocateAsync(command.Deal, context, id => $"reopen #{id}", cancellationToken);
        return lookup is DealLookup.Found found
            ? await ReopenAsync(found.Deal.Id, expectedVersion: null, context, cancellationToken)
            : ((DealLookup.Answered)lookup).Answer;
    }

    public async Task<BotAnswer> HandleAsync(ReopenDealPayload payload, TurnContext context, CancellationToken cancellationToken)
    {
        var lookup = await locator.LocateByIdAsync(payload.Deal, context, cancellationToken);
        return lookup is DealLookup.Found found
            ? await ReopenAsync(found.Deal.Id, payload.StageVersion, context, cancellationToken) with { ReplacesCard = true }
            : ((DealLookup.Answered)lookup).Answer;
    }

    private async Task<BotAnswer> ReopenAsync(DealId id, int? expectedVersion, TurnContext context, CancellationToken cancellationToken)
    {
        var outcome = await deals.ChangeDealAsync(id, state =>
        {
            var deal = state.Deal;
            if (!AccessPolicy.CanWorkOn(context.Person, deal))
            {
                return Refuse("That deal is not one you can work on.");
            }

            if (deal.Status is not (DealStatus.Lost or DealStatus.Nurture))
            {
                return deal.Status == DealStatus.Open
                    ? DealChangePlan<ReopenOutcome>.Nothing(new ReopenOutcome($"{deal.Name} is open; nothing to reopen.", Refused: false))
                    : Refuse($"{deal.Name} is {deal.Status.ToString().ToLowerInvariant()}; only lost or nurtured deals are reopened. A manager can move it: \"move {deal.Name} to STAGE because …\".");
            }

            if (expectedVersion is { } version && deal.StageVersion != version)
            {
                return Refuse($"This Undo was out of date: {deal.Name} has changed since it was closed. Nothing was reopened.");
            }

            // Closing leaves the stage as it was and stamps the stage-entered time, so that time is when it was closed.
            var ownUndo = deal.ClosedByPersonId == context.Person.Id && context.Now - deal.StageEnteredAt <= CloseCards.UndoWindow;
            if (!ownUndo && !AccessPolicy.CanMove(context.Person, deal))
            {
                return Refuse(deal.ClosedByPersonId == context.Person.Id
                    ? $"You closed {deal.Name} more than {CloseCards.UndoWindow.TotalMinutes:0} minutes ago; now a manager of {state.View.TeamName} can reopen it."
                    : $"Only whoever closed {deal.Name} (within {CloseCards.UndoWindow.TotalMinutes:0} minutes) or a manager of {state.View.TeamName} can reopen it.");
            }

            // The deal's team's map; a stage merged away since the close reopens in the stage that replaced it.
            if (context.MapOf(state.View).ResolveStage(deal.StageId) is not { } stage)
            {
                return Refuse($"{deal.Name} was closed in a stage the map no longer has; a manager can move it: \"move {deal.Name} to STAGE because …\".");
            }

            var was = deal.Status == DealStatus.Lost ? $"lost{(deal.LostReason is { } r ? $" ({r})" : string.Empty)}" : "in nurture";
            return new DealChangePlan<ReopenOutcome>(new ReopenOutcome($"Reopened {deal.Name} in {stage.Name} (it was {was}).", Refused: false))
            {
                Transition = new StageTransition(stage.Id, DealStatus.Open, StageChangeKind.Reopened, context.Now, context.Person.Id, $"Reopened; was {was}"),
                ActivityAt = context.Now,
                Source = context.SourceFor(state.View),
            };
        }, cancellationToken);

        if (outcome is null)
        {
            return Errors.Answer("No such deal", "That deal no longer exists.");
        }

        return outcome.Refused
            ? Errors.Answer("Not reopened", outcome.Text)
            : await whatsNext.ShowCurrentAsync(id, context, outcome.Text, cancellationToken);
    }

    private static DealChangePlan<ReopenOutcome> Refuse(string why) => DealChangePlan<ReopenOutcome>.Nothing(new ReopenOutcome(why, Refused: true));

    private sealed record ReopenOutcome(string Text, bool Refused);
}
