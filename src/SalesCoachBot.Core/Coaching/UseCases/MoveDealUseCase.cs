using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Coaching.Commands;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Coaching.UseCases;

/// <summary>
/// "move DEAL to STAGE because REASON" (managers). Moving forward past an unfinished checklist
/// is recorded as an override, so the history shows where the process was skipped.
/// </summary>
internal sealed class MoveDealUseCase(DealLocator locator, IDealStore deals, WhatsNextUseCase whatsNext) : ICommandHandler<MoveDealCommand>
{
    public async Task<BotAnswer> HandleAsync(MoveDealCommand command, TurnContext context, CancellationToken cancellationToken)
    {
        var lookup = await locator.LocateAsync(command.Deal, context, id => $"move #{id} to {command.StageText} because {command.Reason}", cancellationToken);
        if (lookup is not DealLookup.Found found)
        {
            return ((DealLookup.Answered)lookup).Answer;
        }

        var deal = found.Deal.Deal;
        if (!AccessPolicy.CanMove(context.Person, deal))
        {
            return Errors.Answer(context.Say.Coaching("Move.ManagersOnly.Title"),
                context.Say.Coaching("Move.ManagersOnly", found.Deal.TeamName, deal.ExternalId));
        }

        // The stages a deal can move to are its team's map's.
        var map = context.MapOf(found.Deal);
        StageMatch.Found target;
        if (command.ToNextStage)
        {
            if (NextStage(deal, map) is not { } next)
            {
                return NoNeighbourStage(deal, map, context, "Move.NoNextStage");
            }

            target = new StageMatch.Found(next);
        }
        else if (command.ToPreviousStage)
        {
            if (PreviousStage(deal, map) is not { } previous)
            {
                return NoNeighbourStage(deal, map, context, "Move.NoPreviousStage");
            }

            target = new StageMatch.Found(previous);
        }
        else if (Matching.MatchStage(map, command.StageText) is StageMatch.Found named)
        {
            target = named;
        }
        else if (await NamesAnOwnerAsync(command.StageText, context, cancellationToken))
        {
            // «حوّل Tailwind لـ Sam»: moved "to" a person is a reassign, which the bot does not do; say so, not "no stage Sam".
            return NotOfferedUseCase.Answer(NotOffered.Reassign, context);
        }
        else if (IsAnAmount(command.StageText))
        {
            // "Globex is now 120k EUR", "change Globex to 120k": a new amount, which the bot does not set; never "no stage 120k EUR".
            return NotOfferedUseCase.Answer(NotOffered.Amounts, context);
        }
        else
        {
            return Errors.Answer(context.Say.Errors("UnknownStage.Title"), context.Say.Errors("UnknownStage", command.StageText,
                CoachingWording.List(map.OrderedStages().Select(s => MapWording.Name(s, context.Language)), context.Say)));
        }

        if (string.IsNullOrWhiteSpace(command.Reason))
        {
            return Errors.Answer(context.Say.Errors("ReasonNeeded.Title"), context.Say.Coaching("Move.ReasonNeeded", deal.ExternalId, target.Stage.Id.Value));
        }

        var outcome = await deals.ChangeDealAsync(deal.Id, state =>
        {
            var current = state.Deal;
            if (current.StageId == target.Stage.Id && ConfirmItemsUseCase.IsCoachable(current.Status))
            {
                return DealChangePlan<string>.Nothing(context.Say.Coaching("Move.AlreadyThere", current.Name, MapWording.Name(target.Stage, context.Language)));
            }

            var kind = IsOverride(state, map, target.Stage.Id) ? StageChangeKind.Override : StageChangeKind.Moved;
            var status = ConfirmItemsUseCase.StatusOnEntering(map, target.Stage);
            var stageName = MapWording.Name(target.Stage, context.Language);
            return new DealChangePlan<string>(kind == StageChangeKind.Override
                ? context.Say.Coaching("Move.Override", current.Name, stageName, command.Reason)
                : context.Say.Coaching("Move.Moved", current.Name, stageName, command.Reason))
            {
                Transition = new StageTransition(target.Stage.Id, status, kind, context.Now, context.Person.Id, command.Reason),
                ActivityAt = context.Now,
                Source = context.SourceFor(state.View),
            };
        }, cancellationToken);

        return await whatsNext.ShowCurrentAsync(deal.Id, context, outcome, cancellationToken);
    }

    /// <summary>
    /// "the next stage": the one after the deal's current stage on its own map. A deal that is closed, or at a stage
    /// the map leads nowhere from, has none.
    /// </summary>
    private static Stage? NextStage(Deal deal, ProcessMap map) =>
        deal.Status is DealStatus.Open && map.ResolveStage(deal.StageId) is { } current ? map.NextOf(current) : null;

    /// <summary>
    /// "the previous stage": the one before the deal's current stage on its map's path. A deal that is closed, at the
    /// map's first stage, or at a stage off the path has none.
    /// </summary>
    private static Stage? PreviousStage(Deal deal, ProcessMap map) =>
        deal.Status is DealStatus.Open && map.PositionOf(deal.StageId) is > 0 and var position ? map.OrderedStages()[position - 1] : null;

    /// <summary>
    /// Why "the next stage" or "the previous stage" names none: the deal is closed, or its stage is the last or first.
    /// <paramref name="key"/> is the text's key; its ".Title" and ".Closed" variants sit beside it.
    /// </summary>
    private static BotAnswer NoNeighbourStage(Deal deal, ProcessMap map, TurnContext context, string key)
    {
        var title = context.Say.Coaching(key + ".Title");
        if (deal.Status is not DealStatus.Open)
        {
            return Errors.Answer(title, context.Say.Coaching(key + ".Closed", deal.Name, deal.ExternalId));
        }

        var stageName = map.ResolveStage(deal.StageId) is { } current ? MapWording.Name(current, context.Language) : deal.StageId.Value;
        return Errors.Answer(title, context.Say.Coaching(key, deal.Name, stageName));
    }

    /// <summary>A forward move that skips a stage or leaves required items of the current one open.</summary>
    private static bool IsOverride(DealState state, ProcessMap map, StageId target)
    {
        var from = map.PositionOf(state.Deal.StageId);
        var to = map.PositionOf(target);
        if (from < 0 || to <= from)
        {
            return false;
        }

        var stage = map.FindStage(state.Deal.StageId);
        var confirmed = state.View.Confirmations.Select(c => c.Item).ToHashSet();
        var checklistDone = stage is not null && stage.RequiredItems.All(i => confirmed.Contains(i.Id));
        return to > from + 1 || !checklistDone;
    }

    /// <summary>Whether <paramref name="words"/> are the name of an owner of open deals the person may find.</summary>
    private async Task<bool> NamesAnOwnerAsync(string words, TurnContext context, CancellationToken cancellationToken) =>
        !string.IsNullOrWhiteSpace(words)
        && OwnerNames.Meant((await deals.ListOpenOwnersAsync(AccessPolicy.FindableDeals(context.Person), cancellationToken)).Select(o => o.Name), words).Count > 0;

    /// <summary>"120k EUR", "€50,000", "2M": words no stage is called but an amount, with a unit, a currency or four digits.</summary>
    private static bool IsAnAmount(string words) =>
        words.Any(char.IsDigit) && Pipeline.MoneyText.Parse(words) is Pipeline.AmountParse.Parsed { Money: var money }
        && (money.Currency is not null || money.Amount >= 1_000m);
}
