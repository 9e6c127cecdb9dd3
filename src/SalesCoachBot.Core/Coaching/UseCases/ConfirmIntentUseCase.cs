using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Coaching.Commands;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Coaching.UseCases;

/// <summary>
/// A change understood with low confidence: asks "did you mean …?" with Yes (runs the canonical wording) and
/// Cancel buttons, both ordinary command buttons every channel carries. Nothing changes until Yes is pressed.
/// A guess whose deal name fits no deal the person may see, nor comes close to one, was not a command at all
/// («بلا بلا بلا» read as "unsnooze deal بلا بلا"): that gets the help answer for words not understood instead.
/// A guessed move to a stage no map has ("Hooli's in trouble" read as a move to "trouble") is never offered: the deal's
/// card answers what was said about it. The question is kept for the person in that chat (<see cref="AnswerWindow"/>), so
/// "yes" or «نعم» typed instead of pressed answers it too, and runs its command once.
/// </summary>
internal sealed class ConfirmIntentUseCase(
    DealNameResolverCache names, IDealStore deals, DealLocator locator, NotUnderstoodUseCase notUnderstood, WhatsNextUseCase whatsNext,
    IConversationStore conversations, CommandParser parser, CommandDispatcher commands)
    : ICommandHandler<ConfirmIntentCommand>, ICommandHandler<CancelCommand>, ICommandHandler<AnswerCommand>
{
    /// <summary>How long a typed "yes" answers a question: a yes said later is likely about something else.</summary>
    public static readonly TimeSpan AnswerWindow = TimeSpan.FromMinutes(10);

    public async Task<BotAnswer> HandleAsync(ConfirmIntentCommand command, TurnContext context, CancellationToken cancellationToken)
    {
        if (command.Guess is IDealCommand guess && await names.FitsNoDealAsync(deals, guess.Deal, context.Person, cancellationToken))
        {
            var typed = context.Turn.Words?.Trim() ?? command.CommandText;
            return await notUnderstood.HandleAsync(new UnknownCommand(typed) { Language = command.Language }, context, cancellationToken);
        }

        if (command.Guess is MoveDealCommand { ToNextStage: false, ToPreviousStage: false } move
            && !context.Maps.All.Any(map => Matching.MatchStage(map, move.StageText) is StageMatch.Found or StageMatch.Ambiguous))
        {
            return await whatsNext.HandleAsync(new WhatsNextCommand(move.Deal) { Language = command.Language }, context, cancellationToken);
        }

        if (command.Guess is ConfirmItemsCommand items && command.Language == LanguagePack.Arabic.Code
            && await ItemIdsAsync(items, context, cancellationToken) is { } ids
            && CommandParser.CanonicalText(items with { ItemTexts = ids }, command.Language) is { } byId)
        {
            // «حدد مناصر داخلي لـ Zenith» offered back as «تم حدد مناصر …» puts «تم» before a verb; the item's id reads
            // as the help's example does («تم champion-named لصفقة Zenith») and is understood again.
            command = command with { CommandText = byId };
        }

        var say = context.Say;
        // An Arabic wording keeps its deal names and item ids apart from the Arabic words around them, as help lines
        // do; the Yes button runs the plain words, which parse.
        var shown = say.Language.IsRightToLeft ? Bidi.IsolateLatinRuns(command.CommandText) : command.CommandText;
        var question = say.Coaching("Confirm.Question", shown);
        var card = new Card
        {
            Kind = CardKind.Info,
            Title = say.Coaching("Confirm.Title"),
            Body = [question, say.Coaching("Confirm.NothingChanges")],
            Actions =
            [
                new CardAction(say.Coaching("Confirm.Yes"), new RunCommandPayload(command.CommandText), CardActionStyle.Primary),
                new CardAction(say.Coaching("Confirm.Cancel"), new RunCommandPayload("cancel")),
            ],
        };
        if (command.CommandText.Length <= Domain.PendingQuestion.MaxCommandLength)
        {
            await conversations.AskAsync(context.Turn.Conversation, context.Person.Id, command.CommandText, context.Now, cancellationToken);
        }

        return new BotAnswer(say.Coaching("Confirm.Text", question, shown), card);
    }

    /// <summary>
    /// "yes" / «نعم» typed: runs the command of the question asked of this person in this chat within <see cref="AnswerWindow"/>,
    /// as its Yes button does; "no" drops it. The question is taken as it is answered, so a second "yes" (or Slack delivering
    /// the first twice) finds none and runs nothing again. No question: the words as they read before.
    /// </summary>
    public async Task<BotAnswer> HandleAsync(AnswerCommand command, TurnContext context, CancellationToken cancellationToken)
    {
        var asked = await conversations.TakeQuestionAsync(context.Turn.Conversation, context.Person.Id, context.Now - AnswerWindow, commandText: null, cancellationToken);
        return asked switch
        {
            null => await commands.DispatchAsync(command.Otherwise, context, cancellationToken),
            _ when command.Yes => await commands.DispatchAsync(parser.Parse(asked), context, cancellationToken),
            _ => new BotAnswer(context.Say.Coaching("Confirm.Cancelled")),
        };
    }

    /// <summary>The ids of the checklist items the words name on the deal's stage, each found once; null when any is not.</summary>
    private async Task<IReadOnlyList<string>?> ItemIdsAsync(ConfirmItemsCommand items, TurnContext context, CancellationToken cancellationToken)
    {
        if (items.Deal is not (NameReference or ExternalIdReference)
            || await locator.LocateAsync(items.Deal, context, _ => string.Empty, cancellationToken) is not DealLookup.Found found
            || context.MapOf(found.Deal).FindStage(found.Deal.Deal.StageId) is not { } stage)
        {
            return null;
        }

        var ids = new List<string>();
        foreach (var text in items.ItemTexts)
        {
            if (Matching.MatchItem(stage, text) is not ItemMatch.Found { Item: var item })
            {
                return null;
            }

            ids.Add(item.Id.Value);
        }

        return ids;
    }

    public async Task<BotAnswer> HandleAsync(CancelCommand command, TurnContext context, CancellationToken cancellationToken)
    {
        // Cancel pressed or typed: the question is answered, so a "yes" after it runs nothing.
        await conversations.TakeQuestionAsync(context.Turn.Conversation, context.Person.Id, context.Now - AnswerWindow, commandText: null, cancellationToken);
        return new BotAnswer(context.Say.Coaching("Confirm.Cancelled"));
    }
}
