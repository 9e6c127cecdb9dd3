using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Coaching.Commands;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Coaching.UseCases;

/// <summary>
/// Confirms checklist items ("done ITEM for DEAL" or a card's Confirm button) and advances the deal
/// when the last required item of its stage is confirmed. Runs under the store's per-deal lock, so a
/// repeated confirmation records nothing twice and racing confirmations advance the deal once.
/// </summary>
internal sealed class ConfirmItemsUseCase(
    DealLocator locator, IDealStore deals, WhatsNextUseCase whatsNext, CoachingMetrics metrics, CommandDispatcher commands, CommandParser parser)
    : ICommandHandler<ConfirmItemsCommand>, ICommandHandler<ConfirmItemsPayload>
{
    public async Task<BotAnswer> HandleAsync(ConfirmItemsCommand command, TurnContext context, CancellationToken cancellationToken)
    {
        var lookup = await locator.LocateAsync(
            command.Deal, context, id => $"done {string.Join(" and ", command.ItemTexts)} for #{id}", cancellationToken);
        if (lookup is not DealLookup.Found found)
        {
            // "done Initech" in a chat linked to no deal: the one "item" names a deal, so its checklist asks which item.
            if (command is { Deal: LinkedDealReference, ItemTexts: [var only] } && await locator.FindOneByNameAsync(only, context, cancellationToken) is { } named)
            {
                return await whatsNext.ShowAsync(named, context, context.Say.Coaching("Confirm.WhichItem", named.Deal.Name, named.Deal.ExternalId), cancellationToken);
            }

            // "done demo held hooli", "hooli demo held done" in a chat linked to no deal: the item's last (or first) words name
            // a deal whose checklist has the rest. Asked back, never done: the words were not said as "ITEM for DEAL".
            if (command is { Deal: LinkedDealReference, ItemTexts: [var typed] } && await NamedAtAnEndAsync(typed, context, cancellationToken) is { } guess)
            {
                return await AskBackAsync(guess, command.Language, context, cancellationToken);
            }

            return ((DealLookup.Answered)lookup).Answer;
        }

        var deal = found.Deal.Deal;
        if (context.MapOf(found.Deal).FindStage(deal.StageId) is not { } stage)
        {
            return await whatsNext.ShowAsync(found.Deal, context, note: null, cancellationToken);
        }

        var say = context.Say;

        // "everything is done for Initech", «كلها تمت»: every open item of the stage, named in a question, never confirmed at once.
        if (command.ItemTexts is [var said] && SaysEveryItem(said))
        {
            var left = OpenItems(stage, found.Deal).Select(i => i.Id.Value).ToList();
            return left.Count == 0
                ? await whatsNext.ShowAsync(found.Deal, context, say.Coaching("Confirm.AllConfirmed"), cancellationToken)
                : await AskBackAsync(new ConfirmItemsCommand(command.Deal, left) { Language = command.Language }, command.Language, context, cancellationToken);
        }

        var items = new List<ChecklistItemId>();
        foreach (var text in command.ItemTexts)
        {
            switch (Matching.MatchItem(stage, text))
            {
                case ItemMatch.Found one:
                    items.Add(one.Item.Id);
                    break;
                case ItemMatch.Ambiguous several:
                    return Errors.Answer(say.Coaching("Confirm.Which.Title"), say.Coaching("Confirm.Which",
                        text, CoachingWording.Or(several.Candidates.Select(i => ItemWithId(i, say)), say), several.Candidates[0].Id.Value, deal.ExternalId));
                // "done demo held hooli" in a chat linked to a deal: the words name a deal and its item, asked back as in an unlinked chat.
                case ItemMatch.NotFound when command is { Deal: LinkedDealReference, ItemTexts: [var typed] }
                    && await NamedAtAnEndAsync(typed, context, cancellationToken) is { } guess:
                    return await AskBackAsync(guess, command.Language, context, cancellationToken);
                default:
                    var open = OpenItems(stage, found.Deal);
                    var hint = open.Count == 0
                        ? say.Coaching("Confirm.AllConfirmed")
                        : say.Coaching("Confirm.OpenItems", CoachingWording.List(open.Select(i => ItemWithId(i, say)), say, "; "));
                    return Errors.Answer(say.Coaching("Confirm.NotInStage.Title"),
                        say.Coaching("Confirm.NotInStage", text, deal.Name, MapWording.Name(stage, say.Language), hint));
            }
        }

        // The items were read against this stage: if the deal moves on before the change runs (the same message handled
        // twice, by two hosts), nothing is recorded and the reply says the deal moved, rather than "not on the checklist".
        return await ConfirmAsync(deal.Id, items, expectedStageVersion: null, context, fromCard: false, cancellationToken, expectedStage: deal.StageId);
    }

    /// <summary>
    /// "demo held for Hooli", "Hooli: kickoff held and system tested", "demo held" in a chat linked to a deal: checklist
    /// items said without "done", which the words alone do not tell from anything else. Read as "done …", the guess stands
    /// only when every item is on the checklist of its deal's stage, and it is asked back (<see cref="ConfirmIntentCommand"/>),
    /// never done. Null for anything else, and for a question.
    /// </summary>
    public async Task<BotAnswer?> AskAboutItemsSaidAsync(UnknownCommand said, TurnContext context, CancellationToken cancellationToken)
    {
        var text = said.Text.Trim();
        if (text.Length == 0 || text[^1] is '?' or '\u061F'
            || CommandParser.CanonicalText(new ConfirmItemsCommand(DealReference.ThisDeal, [text]), said.Language) is not { } wording
            || parser.Parse(wording) is not ConfirmItemsCommand read
            || read.ItemTexts.Sum(i => TextFolding.Words(i).Count) < 2)
        {
            return null;
        }

        ConfirmItemsCommand? guess = null;
        if (read.Deal is NameReference name)
        {
            guess = await locator.FindOneByNameAsync(name.Text, context, cancellationToken) is { } deal && AllOfItsStage(deal, read.ItemTexts, context) ? read : null;
        }
        else
        {
            // "demo held for #1012", or "demo held" in a chat linked to a deal; else "hooli demo held" names one at an end.
            var lookup = await locator.LocateAsync(read.Deal, context, _ => wording, cancellationToken);
            guess = lookup is DealLookup.Found found && AllOfItsStage(found.Deal, read.ItemTexts, context) ? read
                : lookup is DealLookup.Answered && read is { Deal: LinkedDealReference, ItemTexts: [var typed] } ? await NamedAtAnEndAsync(typed, context, cancellationToken)
                : null;
        }

        return guess is null ? null : await AskBackAsync(guess, said.Language, context, cancellationToken);
    }

    /// <summary>"demo held hooli", "hooli demo held": a deal named by the first or last words, the rest items of its stage.</summary>
    private async Task<ConfirmItemsCommand?> NamedAtAnEndAsync(string typed, TurnContext context, CancellationToken cancellationToken)
    {
        bool OfItsStage(DealView deal, string item) => AllOfItsStage(deal, [item], context);
        var split = await locator.FindNamedAtAnEndAsync(typed, first: false, OfItsStage, context, cancellationToken)
            ?? await locator.FindNamedAtAnEndAsync(typed, first: true, OfItsStage, context, cancellationToken);
        // "Hooli: demo held" splits as "Hooli :" and "demo held"; the colon belongs to neither.
        return split is { } named ? new ConfirmItemsCommand(new NameReference(named.Name.Trim(' ', ':')), [named.Others.Trim(' ', ':')]) : null;
    }

    private Task<BotAnswer> AskBackAsync(ConfirmItemsCommand guess, string language, TurnContext context, CancellationToken cancellationToken)
    {
        var wording = CommandParser.CanonicalText(guess, language) ?? CommandParser.CanonicalText(guess)!;
        return commands.DispatchAsync(new ConfirmIntentCommand(guess, wording) { Language = language }, context, cancellationToken);
    }

    /// <summary>True when the words say "every item" in a language file's <c>all_items</c> ("everything", "all", «الكل»).</summary>
    private static bool SaysEveryItem(string text)
    {
        var words = string.Join(' ', Sentence.Tokenize(text).Select(t => t.Lower));
        return LanguagePack.All.Any(pack => pack.Words("all_items").Contains(words));
    }

    private static List<ChecklistItem> OpenItems(Stage stage, DealView deal) =>
        [.. stage.Checklist.Where(i => !deal.Confirmations.Any(c => c.Item == i.Id))];

    private static bool AllOfItsStage(DealView deal, IReadOnlyList<string> items, TurnContext context) =>
        context.MapOf(deal).FindStage(deal.Deal.StageId) is { } stage && items.All(item => Matching.MatchItem(stage, item) is ItemMatch.Found);

    /// <summary>A card's Confirm button: the items ticked on the card, at the stage and stage version the card showed.</summary>
    public Task<BotAnswer> HandleAsync(ConfirmItemsPayload command, TurnContext context, CancellationToken cancellationToken) =>
        ConfirmAsync(command.Deal, context.Turn.Input is ActionInput action ? action.SelectedItems : [], command.StageVersion, context,
            fromCard: true, cancellationToken, expectedStage: command.Stage);

    /// <summary>Confirms items against the stage version the person saw (null: the current one).</summary>
    public async Task<BotAnswer> ConfirmAsync(
        DealId dealId,
        IReadOnlyList<ChecklistItemId> items,
        int? expectedStageVersion,
        TurnContext context,
        bool fromCard,
        CancellationToken cancellationToken,
        StageId? expectedStage = null)
    {
        if (items.Count == 0)
        {
            return await whatsNext.ShowCurrentAsync(dealId, context, context.Say.Coaching("Confirm.TickFirst"), cancellationToken) with { ReplacesCard = fromCard };
        }

        var outcome = await deals.ChangeDealAsync(dealId, state => Decide(state, items, expectedStageVersion, expectedStage, context), cancellationToken);
        if (outcome is null or ConfirmOutcome.NotAllowed)
        {
            return Errors.Answer(context.Say.Errors("NotAllowed.Title"), context.Say.Errors("NotAllowed.WorkOn"));
        }

        if (outcome is ConfirmOutcome.Recorded { AdvancedTo: not null })
        {
            metrics.Advanced();
        }

        if (outcome is ConfirmOutcome.Recorded recorded)
        {
            metrics.Confirmed(recorded.Items.Count);
        }

        // One re-read after the change draws the new card (the stage may have moved on).
        var after = await locator.LocateByIdAsync(dealId, context, cancellationToken);
        if (after is not DealLookup.Found view)
        {
            return ((DealLookup.Answered)after).Answer;
        }

        var note = Describe(outcome, view.Deal.Deal, context.MapOf(view.Deal), fromCard, context.Say);
        return await whatsNext.ShowAsync(view.Deal, context, note, cancellationToken) with { ReplacesCard = fromCard };
    }

    private static DealChangePlan<ConfirmOutcome> Decide(
        DealState state, IReadOnlyList<ChecklistItemId> items, int? expectedStageVersion, StageId? expectedStage, TurnContext context)
    {
        var deal = state.Deal;
        if (!AccessPolicy.CanWorkOn(context.Person, deal))
        {
            return DealChangePlan<ConfirmOutcome>.Nothing(new ConfirmOutcome.NotAllowed());
        }

        // A card made before a stage change (or a payload naming another stage) records nothing.
        if ((expectedStageVersion is { } expected && expected != deal.StageVersion)
            || (expectedStage is { } stageSeen && stageSeen != deal.StageId))
        {
            return DealChangePlan<ConfirmOutcome>.Nothing(new ConfirmOutcome.Stale(expectedStageVersion ?? deal.StageVersion));
        }

        if (!IsCoachable(deal.Status))
        {
            return DealChangePlan<ConfirmOutcome>.Nothing(new ConfirmOutcome.Closed(deal.Status));
        }

        var map = context.MapOf(state.View);
        if (map.FindStage(deal.StageId) is not { } stage)
        {
            return DealChangePlan<ConfirmOutcome>.Nothing(new ConfirmOutcome.Closed(deal.Status));
        }

        var unknown = items.Where(i => stage.FindItem(i) is null).Distinct().ToList();
        if (unknown.Count > 0)
        {
            return DealChangePlan<ConfirmOutcome>.Nothing(new ConfirmOutcome.NotInStage(unknown, MapWording.Name(stage, context.Language)));
        }

        var already = state.View.Confirmations.Select(c => c.Item).ToHashSet();
        var fresh = items.Distinct().Where(i => !already.Contains(i)).ToList();
        if (fresh.Count == 0)
        {
            return DealChangePlan<ConfirmOutcome>.Nothing(new ConfirmOutcome.AlreadyConfirmed(items));
        }

        var confirmedAfter = already.Concat(fresh).ToHashSet();
        var next = map.NextOf(stage);
        var advance = next is not null && stage.RequiredItems.All(i => confirmedAfter.Contains(i.Id));
        var transition = advance
            ? new StageTransition(next!.Id, StatusOnEntering(map, next), StageChangeKind.Advanced, context.Now, context.Person.Id,
                context.Say.Coaching("Confirm.ExitComplete", MapWording.Name(stage, context.Language)))
            : null;

        return new DealChangePlan<ConfirmOutcome>(new ConfirmOutcome.Recorded(fresh, advance ? MapWording.Name(next!, context.Language) : null, MapWording.Name(stage, context.Language)))
        {
            Confirm = [.. fresh.Select(i => new NewConfirmation(i, context.Person.Id, context.Person.Name, context.Now, context.Turn.Channel))],
            Transition = transition,
            ActivityAt = context.Now,
            Source = context.SourceFor(state.View),
        };
    }

    /// <summary>
    /// A deal at or past the map's <c>won</c> stage is won; it stays coachable through the stages that
    /// follow (implementation, go-live...) but no longer counts as open pipeline or stalls.
    /// </summary>
    internal static DealStatus StatusOnEntering(ProcessMap map, Stage stage)
    {
        var won = map.PositionOf(map.Won);
        return won >= 0 && map.PositionOf(stage.Id) >= won ? DealStatus.Won : DealStatus.Open;
    }

    /// <summary>Open deals and won deals in post-sale stages have checklists to work through.</summary>
    internal static bool IsCoachable(DealStatus status) => status is DealStatus.Open or DealStatus.Won;

    private static string Describe(ConfirmOutcome outcome, Deal deal, ProcessMap map, bool fromCard, Phrases say) => outcome switch
    {
        ConfirmOutcome.Stale when !fromCard => say.Coaching("Confirm.MovedMeanwhile", deal.Name,
            map.ResolveStage(deal.StageId) is { } now ? MapWording.Name(now, say.Language) : deal.StageId.Value),
        ConfirmOutcome.Recorded { AdvancedTo: { } to } r =>
            say.Coaching("Confirm.Advanced", Items(r.Items, map, r.StageName, say), deal.Name, r.StageName, to),
        ConfirmOutcome.Recorded r => say.Coaching("Confirm.Confirmed", Items(r.Items, map, r.StageName, say)),
        ConfirmOutcome.Stale => say.Coaching("Confirm.Stale", deal.Name),
        ConfirmOutcome.AlreadyConfirmed => say.Coaching("Confirm.Already"),
        ConfirmOutcome.Closed c => say.Coaching("Confirm.Closed", deal.Name, CoachingWording.State(c.Status, say)),
        ConfirmOutcome.NotInStage n => say.Coaching("Confirm.NotOnChecklist", CoachingWording.List(n.Items.Select(i => i.Value), say), n.StageName),
        _ => say.Coaching("Confirm.Nothing"),
    };

    /// <summary>The confirmed items' texts, quoted: the stage is found by the name the outcome was told, in the reply's language.</summary>
    private static string Items(IReadOnlyList<ChecklistItemId> items, ProcessMap map, string stageName, Phrases say)
    {
        var stage = map.Stages.FirstOrDefault(s => MapWording.Name(s, say.Language) == stageName);
        return CoachingWording.List(items.Select(i => say.Coaching("Word.Quoted", stage?.FindItem(i) is { } item ? MapWording.Item(item, say.Language) : i.Value)), say);
    }

    /// <summary>"\"Demo held\" [demo-held]": an item's words and the id to type.</summary>
    private static string ItemWithId(ChecklistItem item, Phrases say) => say.Coaching("Confirm.ItemWithId", MapWording.Item(item, say.Language), item.Id.Value);
}

/// <summary>What a confirmation did.</summary>
internal abstract record ConfirmOutcome
{
    public sealed record Recorded(IReadOnlyList<ChecklistItemId> Items, string? AdvancedTo, string StageName) : ConfirmOutcome;

    public sealed record Stale(int CardStageVersion) : ConfirmOutcome;

    public sealed record AlreadyConfirmed(IReadOnlyList<ChecklistItemId> Items) : ConfirmOutcome;

    public sealed record Closed(DealStatus Status) : ConfirmOutcome;

    public sealed record NotInStage(IReadOnlyList<ChecklistItemId> Items, string StageName) : ConfirmOutcome;

    public sealed record NotAllowed : ConfirmOutcome;
}
