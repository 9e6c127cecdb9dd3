using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Coaching.Commands;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Localization;
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

    /// <summary>Reopens the deal under the rules "reopen DEAL" follows ("undo that" after one's own close comes here too).</summary>
    public async Task<BotAnswer> ReopenAsync(DealId id, int? expectedVersion, TurnContext context, CancellationToken cancellationToken)
    {
        var say = context.Say;
        var minutes = (int)CloseCards.UndoWindow.TotalMinutes;
        var outcome = await deals.ChangeDealAsync(id, state =>
        {
            var deal = state.Deal;
            if (!AccessPolicy.CanWorkOn(context.Person, deal))
            {
                return Refuse(say.Errors("NotYours"));
            }

            if (deal.Status is not (DealStatus.Lost or DealStatus.Nurture))
            {
                return deal.Status == DealStatus.Open
                    ? DealChangePlan<ReopenOutcome>.Nothing(new ReopenOutcome(say.Coaching("Reopen.IsOpen", deal.Name), Refused: false))
                    : Refuse(say.Coaching("Reopen.OnlyLostOrNurture", deal.Name, CoachingWording.State(deal.Status, say)));
            }

            if (expectedVersion is { } version && deal.StageVersion != version)
            {
                return Refuse(say.Coaching("Reopen.OutOfDate", deal.Name));
            }

            // Closing leaves the stage as it was and stamps the stage-entered time, so that time is when it was closed.
            var ownUndo = deal.ClosedByPersonId == context.Person.Id && context.Now - deal.StageEnteredAt <= CloseCards.UndoWindow;
            if (!ownUndo && !AccessPolicy.CanMove(context.Person, deal))
            {
                return Refuse(deal.ClosedByPersonId == context.Person.Id
                    ? say.Coaching("Reopen.TooLate", deal.Name, minutes, state.View.TeamName)
                    : say.Coaching("Reopen.OnlyCloser", deal.Name, minutes, state.View.TeamName));
            }

            // The deal's team's map; a stage merged away since the close reopens in the stage that replaced it.
            if (context.MapOf(state.View).ResolveStage(deal.StageId) is not { } stage)
            {
                return Refuse(say.Coaching("Reopen.StageGone", deal.Name));
            }

            var was = deal.Status != DealStatus.Lost ? say.Coaching("Reopen.WasNurture")
                : deal.LostReason is { } r ? say.Coaching("Reopen.WasLostBecause", MapWording.LostReason(r, say, context.MapOf(state.View)))
                : say.Coaching("Reopen.WasLost");
            return new DealChangePlan<ReopenOutcome>(new ReopenOutcome(say.Coaching("Reopen.Done", deal.Name, MapWording.Name(stage, say.Language), was), Refused: false))
            {
                Transition = new StageTransition(stage.Id, DealStatus.Open, StageChangeKind.Reopened, context.Now, context.Person.Id, say.Coaching("Reopen.Reason", was)),
                ActivityAt = context.Now,
                Source = context.SourceFor(state.View),
            };
        }, cancellationToken);

        if (outcome is null)
        {
            return Errors.Answer(say.Coaching("Reopen.NoSuchDeal.Title"), say.Coaching("Reopen.NoSuchDeal"));
        }

        return outcome.Refused
            ? Errors.Answer(say.Coaching("Reopen.NotReopened.Title"), outcome.Text)
            : await whatsNext.ShowCurrentAsync(id, context, outcome.Text, cancellationToken);
    }

    private static DealChangePlan<ReopenOutcome> Refuse(string why) => DealChangePlan<ReopenOutcome>.Nothing(new ReopenOutcome(why, Refused: true));

    private sealed record ReopenOutcome(string Text, bool Refused);
}
