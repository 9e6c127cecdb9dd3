using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Coaching.Commands;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Coaching.UseCases;

/// <summary>"undo ITEM for DEAL": withdraws a confirmation of the current stage (recorded, not deleted).</summary>
internal sealed class UndoItemUseCase(DealLocator locator, IDealStore deals, WhatsNextUseCase whatsNext)
    : ICommandHandler<UndoItemCommand>, ICommandHandler<UndoItemPayload>
{
    public async Task<BotAnswer> HandleAsync(UndoItemCommand command, TurnContext context, CancellationToken cancellationToken)
    {
        var lookup = await locator.LocateAsync(command.Deal, context, id => $"undo {command.ItemText} for #{id}", cancellationToken);
        if (lookup is not DealLookup.Found found)
        {
            return ((DealLookup.Answered)lookup).Answer;
        }

        var deal = found.Deal.Deal;
        if (context.MapOf(found.Deal).FindStage(deal.StageId) is not { } stage)
        {
            return await whatsNext.ShowAsync(found.Deal, context, note: null, cancellationToken);
        }

        if (Matching.MatchItem(stage, command.ItemText) is not ItemMatch.Found match)
        {
            return Errors.Answer("Item not found", $"\"{command.ItemText}\" is not an item of {deal.Name}'s stage {stage.Name}.");
        }

        return await UndoAsync(deal.Id, match.Item.Id, expectedStageVersion: null, context, fromCard: false, cancellationToken);
    }

    /// <summary>A card's undo button, at the stage version the card showed.</summary>
    public Task<BotAnswer> HandleAsync(UndoItemPayload command, TurnContext context, CancellationToken cancellationToken) =>
        UndoAsync(command.Deal, command.Item, command.StageVersion, context, fromCard: true, cancellationToken);

    public async Task<BotAnswer> UndoAsync(
        DealId dealId, ChecklistItemId item, int? expectedStageVersion, TurnContext context, bool fromCard, CancellationToken cancellationToken)
    {
        var outcome = await deals.ChangeDealAsync(dealId, state =>
        {
            var deal = state.Deal;
            if (expectedStageVersion is { } expected && expected != deal.StageVersion)
            {
                return DealChangePlan<string>.Nothing("This card was out of date; nothing was withdrawn. Here is the current checklist.");
            }

            var existing = state.View.Confirmations.FirstOrDefault(c => c.Item == item);
            if (existing is null)
            {
                return DealChangePlan<string>.Nothing($"\"{item}\" is not confirmed, so there is nothing to undo.");
            }

            if (!AccessPolicy.CanUndo(context.Person, deal, existing.PersonId))
            {
                return DealChangePlan<string>.Nothing($"Only {existing.PersonName}, who confirmed it, or a manager can undo \"{item}\".");
            }

            return new DealChangePlan<string>($"Withdrew the confirmation of \"{item}\".")
            {
                Withdraw = [item],
                WithdrawnBy = context.Person.Id,
                ActivityAt = context.Now,
            };
        }, cancellationToken);

        return outcome is null
            ? Errors.Answer("Not found", "That deal no longer exists or is not one you can see.")
            : await whatsNext.ShowCurrentAsync(dealId, context, outcome, cancellationToken) with { ReplacesCard = fromCard };
    }
}
