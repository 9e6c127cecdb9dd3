using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Coaching.Commands;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Dates;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Coaching.UseCases;

/// <summary>
/// "undo ITEM for DEAL": withdraws a confirmation of the current stage (recorded, not deleted). "undo that": the latest act
/// still in force, whichever kind: a confirmation the same way, a next step set, changed or done (the step before it is
/// back), a note or a logged activity (marked withdrawn, kept in the history), or one's own close within its undo window
/// (reopened as "reopen DEAL" does, by <see cref="ReopenDealUseCase"/>).
/// </summary>
internal sealed class UndoItemUseCase(
    DealLocator locator, IDealStore deals, IDealJournal journal, IConversationStore conversations, TeamRulesProvider teamRules, WhatsNextUseCase whatsNext,
    ReopenDealUseCase reopen)
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

        return await UndoAsync(deal.Id, match.Item.Id, expectedStageVersion: null, context, fromCard: false, ifGone: null, cancellationToken);
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
        var since = context.Now - RecentWindow;
        var personId = onDeal is null ? context.Person.Id : (long?)null;
        var scope = AccessPolicy.FindableDeals(context.Person);
        var latest = command.Target is UndoTarget.Any or UndoTarget.Confirmation
            ? await deals.FindLatestConfirmationAsync(personId, onDeal?.Id, scope, since, cancellationToken)
            : null;
        var act = command.Target switch
        {
            UndoTarget.Confirmation => null,
            UndoTarget.NextStep => await journal.FindLatestActAsync(personId, onDeal?.Id, scope, since, UndoableAct.NextStep, activity: null, cancellationToken),
            UndoTarget.Note => await journal.FindLatestActAsync(personId, onDeal?.Id, scope, since, UndoableAct.Note, activity: null, cancellationToken),
            UndoTarget.Activity => await journal.FindLatestActAsync(personId, onDeal?.Id, scope, since, UndoableAct.Activity, activity: null, cancellationToken),
            UndoTarget.Call => await journal.FindLatestActAsync(personId, onDeal?.Id, scope, since, UndoableAct.Activity, ActivityKind.Call, cancellationToken),
            UndoTarget.Meeting => await journal.FindLatestActAsync(personId, onDeal?.Id, scope, since, UndoableAct.Activity, ActivityKind.Meeting, cancellationToken),
            UndoTarget.Email => await journal.FindLatestActAsync(personId, onDeal?.Id, scope, since, UndoableAct.Activity, ActivityKind.Email, cancellationToken),
            _ => await journal.FindLatestActAsync(personId, onDeal?.Id, scope, since, kind: null, activity: null, cancellationToken),
        };

        // "mark Tailwind lost - price", then "undo that": the close's own reply offers "reopen" for CloseCards.UndoWindow, so
        // within it the person's own close is what "that" points at when nothing was done after it. Reopened by the rules
        // of "reopen" (the closer within the window; anyone else needs a manager's rights), never by a wider rule.
        var close = command.Target == UndoTarget.Any
            ? await deals.FindLatestCloseAsync(context.Person.Id, onDeal?.Id, context.Now - CloseCards.UndoWindow, cancellationToken)
            : null;
        if (close is not null && (act is null || close.ClosedAt >= act.At) && (latest is null || close.ClosedAt >= latest.ConfirmedAt))
        {
            return await reopen.ReopenAsync(close.Deal, expectedVersion: null, context, cancellationToken);
        }

        // The newest act is the one "that" points at; a confirmation wins a tie (it is what "undo that" always meant).
        if (act is not null && (latest is null || act.At > latest.ConfirmedAt))
        {
            return await UndoActAsync(act, context, cancellationToken);
        }

        if (latest is null)
        {
            // "undo my last note" with none: the reply names the kind asked for, not "nothing at all".
            if (command.Target is not UndoTarget.Any)
            {
                // One sentence per kind: Arabic agrees "still in force" with the noun (a note is feminine, a confirmation not).
                var none = onDeal is null
                    ? say.Coaching("Undo.NothingOfKind." + command.Target, hours)
                    : say.Coaching("Undo.NothingOfKindOnDeal." + command.Target, onDeal.Deal.Name, hours);
                if (command.Target == UndoTarget.Confirmation)
                {
                    // An older confirmation is still withdrawn by naming it, as "undo that" with nothing recent says.
                    none += " " + say.Coaching("Undo.NameOlder", onDeal is null ? HelpExample(say) : UndoExample(onDeal, context));
                }

                return Errors.Answer(say.Coaching("Undo.Nothing.Title"), none);
            }

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

        // A twin "undo my last confirmation" that withdrew it first leaves nothing for this one: it says so, as for a note.
        return await UndoAsync(latest.Deal, latest.Item, expectedStageVersion: null, context, fromCard: false, say.Coaching("Undo.AlreadyUndone"), cancellationToken);
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

    /// <summary>
    /// Withdraws a next step change, note or logged activity under the deal's lock, with the rights an undo of a
    /// confirmation needs (<see cref="AccessPolicy.CanUndo"/>). A twin "undo that" racing this one finds it withdrawn (the
    /// store checks under the lock) or the step already back, and withdraws nothing more.
    /// </summary>
    private async Task<BotAnswer> UndoActAsync(LatestAct act, TurnContext context, CancellationToken cancellationToken)
    {
        var say = context.Say;
        var view = await deals.GetAsync(act.Deal, cancellationToken);
        if (view is null)
        {
            return Errors.Answer(say.Errors("NotFound.Title"), say.Errors("NotFound.See"));
        }

        var zone = (await teamRules.GetAsync(cancellationToken)).Zone(view.Deal.TeamId);
        var already = say.Coaching("Undo.AlreadyUndone");
        var outcome = await deals.ChangeDealAsync(act.Deal, state =>
        {
            var deal = state.Deal;
            if (!AccessPolicy.CanUndo(context.Person, deal, act.PersonId ?? 0))
            {
                return DealChangePlan<string>.Nothing(say.Coaching("Undo.OnlyAuthor", Describe(act, zone, context), deal.Name));
            }

            return act.Kind switch
            {
                UndoableAct.Note => new DealChangePlan<string>(say.Coaching("Undo.NoteWithdrawn", deal.Name, Describe(act, zone, context)))
                {
                    WithdrawNote = act.Id,
                    WithdrawnBy = context.Person.Id,
                    ActivityAt = context.Now,
                    IfAlreadyWithdrawn = already,
                },
                UndoableAct.Activity => new DealChangePlan<string>(say.Coaching("Undo.ActivityWithdrawn", deal.Name, Describe(act, zone, context), Day(act, zone, say)))
                {
                    WithdrawActivity = act.Id,
                    WithdrawnBy = context.Person.Id,
                    ActivityAt = context.Now,
                    IfAlreadyWithdrawn = already,
                },
                _ => UndoStep(act, state, zone, context, already),
            };
        }, cancellationToken);

        return outcome is null
            ? Errors.Answer(say.Errors("NotFound.Title"), say.Errors("NotFound.See"))
            : await whatsNext.ShowCurrentAsync(act.Deal, context, outcome, cancellationToken);
    }

    /// <summary>
    /// A next step change undone: the step it replaced is back (none after a first step; the finished one after "done"),
    /// recorded as an undo in the deal's history. Only while the deal still has the step the change left.
    /// </summary>
    private static DealChangePlan<string> UndoStep(LatestAct act, DealState state, TimeZoneInfo zone, TurnContext context, string already)
    {
        var say = context.Say;
        var deal = state.Deal;
        var (leftText, leftDue) = act.StepChange == NextStepEventKind.Done ? (null, null) : (act.Text, act.Due);
        var (backText, backDue) = act.StepChange switch
        {
            NextStepEventKind.Done => (act.Text, act.Due),
            NextStepEventKind.Changed => (act.PreviousText, act.PreviousDue),
            _ => ((string?)null, (DateTimeOffset?)null),
        };
        if (!string.Equals(deal.NextStep, leftText, StringComparison.Ordinal) || deal.NextStepAt != leftDue)
        {
            // The racing twin finds the step already back where this undo puts it; anything else changed it since.
            return string.Equals(deal.NextStep, backText, StringComparison.Ordinal) && deal.NextStepAt == backDue
                ? DealChangePlan<string>.Nothing(already)
                : DealChangePlan<string>.Nothing(say.Coaching("Undo.StepChangedSince", deal.Name, Step(deal.NextStep, deal.NextStepAt, zone, say)));
        }

        if (act.StepChange == NextStepEventKind.Changed && backText is null && backDue is null)
        {
            // A change recorded before the step it replaced was kept: there is nothing known to put back.
            return DealChangePlan<string>.Nothing(say.Coaching("Undo.StepUnknown", deal.Name));
        }

        var withdrawn = Step(act.Text, act.Due, zone, say);
        var said = act.StepChange == NextStepEventKind.Done
            ? say.Coaching("Undo.StepDoneWithdrawn", deal.Name, withdrawn)
            : backText is null && backDue is null
                ? say.Coaching("Undo.StepWithdrawnNone", deal.Name, withdrawn)
                : say.Coaching("Undo.StepWithdrawn", deal.Name, withdrawn, Step(backText, backDue, zone, say));
        return new DealChangePlan<string>(said)
        {
            NextStep = new NextStepChange(backText, backDue, context.Now) { ByPersonId = context.Person.Id, Undoes = act.Id },
            IfAlreadyWithdrawn = already,
            ActivityAt = context.Now,
            Source = context.SourceFor(state.View),
        };
    }

    /// <summary>"call the CFO, Fri 11 Dec 2026": a step's words (or "next step") and its day when it has one.</summary>
    private static string Step(string? text, DateTimeOffset? due, TimeZoneInfo zone, Phrases say)
    {
        var words = text is { Length: > 0 } ? text : say.Lists("Due.NoText");
        return due is { } day ? say.Coaching("Undo.StepWithDay", words, say.Language.Moment(day, zone)) : words;
    }

    /// <summary>What the act was, in the words the reply quotes: the note, "a call (pricing)", the step and its day.</summary>
    private static string Describe(LatestAct act, TimeZoneInfo zone, TurnContext context) => act.Kind switch
    {
        UndoableAct.Note => CloseProposalNote.Describe(act.Text ?? string.Empty, null, context.Say, context.Map),
        UndoableAct.Activity => LogActivityUseCase.Describe(act.Activity ?? ActivityKind.Other, act.Text, context.Say),
        _ => Step(act.Text, act.Due, zone, context.Say),
    };

    /// <summary>When a logged activity happened: its day alone when only the day was said.</summary>
    private static string Day(LatestAct act, TimeZoneInfo zone, Phrases say) => act.OccurredAt is not { } at
        ? "?"
        : act.DayOnly ? DayParts.Describe(at, zone, say) : say.Language.Moment(at, zone);

    /// <summary>A card's undo button, at the stage version the card showed.</summary>
    public Task<BotAnswer> HandleAsync(UndoItemPayload command, TurnContext context, CancellationToken cancellationToken) =>
        UndoAsync(command.Deal, command.Item, command.StageVersion, context, fromCard: true, ifGone: null, cancellationToken);

    /// <summary>Withdraws the item's confirmation under the deal's lock; <paramref name="ifGone"/> answers when none is left.</summary>
    public async Task<BotAnswer> UndoAsync(
        DealId dealId, ChecklistItemId item, int? expectedStageVersion, TurnContext context, bool fromCard, string? ifGone, CancellationToken cancellationToken)
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
                return DealChangePlan<string>.Nothing(ifGone ?? context.Say.Coaching("Undo.NotConfirmed", itemText));
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
