using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Coaching.Commands;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Coaching.UseCases;

/// <summary>
/// "undo ITEM for DEAL": withdraws a confirmation of the current stage (recorded, not deleted). "undo that": the latest
/// confirmation still in force, the same way.
/// </summary>
internal sealed class UndoItemUseCase(DealLocator locator, IDealStore deals, IConversationStore conversations, WhatsNextUseCase whatsNext)
    : ICommandHandler<UndoItemCommand>, ICommandHandler<UndoLastCommand>, ICommandHandler<UndoItemPayload>
{
    /// <summary>How far back "undo that" looks: it means something just done, never last week's tick.</summary>
    public static readonly TimeSpan RecentWindow = TimeSpan.FromHours(24);

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
            return Errors.Answer(context.Say.Coaching("Undo.NotAnItem.Title"),
                context.Say.Coaching("Undo.NotAnItem", command.ItemText, deal.Name, MapWording.Name(stage, context.Language)));
        }

        return await UndoAsync(deal.Id, match.Item.Id, expectedStageVersion: null, context, fromCard: false, cancellationToken);
    }

    /// <summary>
    /// "oops, undo that": on the deal named or linked to the chat, its latest confirmation (whoever made it: who may
    /// withdraw it is <see cref="AccessPolicy.CanUndo"/>'s call, as for a named item); with neither, the person's own latest.
    /// </summary>
    public async Task<BotAnswer> HandleAsync(UndoLastCommand command, TurnContext context, CancellationToken cancellationToken)
    {
        DealView? onDeal = null;
        if (command.Deal is not LinkedDealReference
            || await conversations.GetLinkedDealAsync(context.Turn.Conversation, cancellationToken) is not null)
        {
            var lookup = await locator.LocateAsync(command.Deal, context, id => $"undo that for #{id}", cancellationToken);
            if (lookup is not DealLookup.Found found)
            {
                return ((DealLookup.Answered)lookup).Answer;
            }

            onDeal = found.Deal;
        }

        var say = context.Say;
        var hours = (int)RecentWindow.TotalHours;
        var latest = await deals.FindLatestConfirmationAsync(
            onDeal is null ? context.Person.Id : null, onDeal?.Id, AccessPolicy.FindableDeals(context.Person), context.Now - RecentWindow, cancellationToken);
        if (latest is null)
        {
            var nothing = onDeal is null
                ? say.Coaching("Undo.NothingRecent", HelpExample(say), hours)
                : say.Coaching("Undo.NothingRecentOnDeal", onDeal.Deal.Name, UndoExample(onDeal, context), hours);
            return Errors.Answer(say.Coaching("Undo.Nothing.Title"), nothing);
        }

        var deal = onDeal?.Id == latest.Deal ? onDeal : await deals.GetAsync(latest.Deal, cancellationToken);
        if (deal is null)
        {
            return Errors.Answer(say.Errors("NotFound.Title"), say.Errors("NotFound.See"));
        }

        // Confirmed at a stage the deal has since left (its last item moved it on): as for the item named, an undo
        // withdraws only at the current stage and never moves the deal back.
        if (latest.StageVersion != deal.Deal.StageVersion)
        {
            return StageLeft(latest, deal, context);
        }

        return await UndoAsync(latest.Deal, latest.Item, expectedStageVersion: null, context, fromCard: false, cancellationToken);
    }

    /// <summary>
    /// The words that withdraw an older confirmation on this deal: its latest confirmation still in force, else the first
    /// item of its stage, by id (understood in either language); the help's example when its stage is not on the map.
    /// </summary>
    private static string UndoExample(DealView deal, TurnContext context)
    {
        var item = deal.Confirmations.OrderByDescending(c => c.ConfirmedAt).Select(c => (ChecklistItemId?)c.Item).FirstOrDefault()
            ?? context.MapOf(deal).FindStage(deal.Deal.StageId)?.Checklist.FirstOrDefault()?.Id;
        return item is { } id
            ? context.Say.Coaching("Undo.Example", id.Value, deal.Deal.Name)
            : HelpExample(context.Say);
    }

    /// <summary>The help's undo example, its Latin id and name isolated inside Arabic as the help shows them.</summary>
    private static string HelpExample(Phrases say) =>
        say.Language.IsRightToLeft ? Bidi.IsolateLatinRuns(say.Coaching("Help.Cmd.Undo")) : say.Coaching("Help.Cmd.Undo");

    /// <summary>
    /// "undo that" after the confirmation moved the deal on: which confirmation it was, at which stage, where the deal is
    /// now, and nothing withdrawn. The move back is the person's to make, so the answer gives its words: to say when they
    /// may move the deal (<see cref="AccessPolicy.CanMove"/>), else to ask a manager of its team for. A deal lost or in
    /// nurture since is reopened, not moved, so no move is offered; nor to a deal back at that stage since, whose
    /// checklist started afresh there.
    /// </summary>
    private static BotAnswer StageLeft(LatestConfirmation latest, DealView deal, TurnContext context)
    {
        var say = context.Say;
        var map = context.MapOf(deal);
        var confirmedAt = map.FindStage(latest.Stage);
        var itemText = confirmedAt?.FindItem(latest.Item) is { } known ? MapWording.Item(known, context.Language) : latest.Item.Value;
        var leftText = confirmedAt is { } left ? MapWording.Name(left, context.Language) : latest.Stage.Value;
        if (deal.Deal.StageId == latest.Stage)
        {
            return Errors.Answer(say.Coaching("Undo.StageLeft.Title"), say.Coaching("Undo.StageLeft.Again", itemText, deal.Deal.Name, leftText));
        }

        var nowText = map.FindStage(deal.Deal.StageId) is { } stage ? MapWording.Name(stage, context.Language) : deal.Deal.StageId.Value;
        var text = say.Coaching("Undo.StageLeft", itemText, deal.Deal.Name, leftText, nowText);
        if (confirmedAt is not null && deal.Deal.Status is DealStatus.Open or DealStatus.Won)
        {
            text += " " + (AccessPolicy.CanMove(context.Person, deal.Deal)
                ? say.Coaching("Undo.StageLeft.MoveBack", deal.Deal.Name, leftText)
                : say.Coaching("Undo.StageLeft.AskManager", deal.Deal.Name, leftText, deal.TeamName));
        }

        return Errors.Answer(say.Coaching("Undo.StageLeft.Title"), text);
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
                return DealChangePlan<string>.Nothing(context.Say.Coaching("Undo.OutOfDate"));
            }

            // People read the item's words, as the card shows them; the id only when the map no longer has the item.
            var itemText = context.MapOf(state.View).FindStage(deal.StageId)?.FindItem(item) is { } known
                ? MapWording.Item(known, context.Language)
                : item.Value;
            var existing = state.View.Confirmations.FirstOrDefault(c => c.Item == item);
            if (existing is null)
            {
                return DealChangePlan<string>.Nothing(context.Say.Coaching("Undo.NotConfirmed", itemText));
            }

            if (!AccessPolicy.CanUndo(context.Person, deal, existing.PersonId))
            {
                return DealChangePlan<string>.Nothing(context.Say.Coaching("Undo.OnlyConfirmer", existing.PersonName, itemText));
            }

            return new DealChangePlan<string>(context.Say.Coaching("Undo.Withdrew", itemText))
            {
                Withdraw = [item],
                WithdrawnBy = context.Person.Id,
                ActivityAt = context.Now,
                // The history names the chat an undo came from, as it does a confirmation's.
                Source = context.SourceFor(state.View),
            };
        }, cancellationToken);

        return outcome is null
            ? Errors.Answer(context.Say.Errors("NotFound.Title"), context.Say.Errors("NotFound.See"))
            : await whatsNext.ShowCurrentAsync(dealId, context, outcome, cancellationToken) with { ReplacesCard = fromCard };
    }
}
