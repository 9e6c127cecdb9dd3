using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Coaching.Commands;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Coaching.UseCases;

/// <summary>
/// "who marked Globex lost?", "is Globex snoozed?", «متى انتقلت Globex للعرض التوضيحي؟»: a question about what happened
/// to a deal, answered with its history (who changed what, when, and why). Nothing changes. When the words taken for
/// the deal's name fit no deal the person may see ("did we lose the thread?"), the question was not about a deal, and
/// the answer is the help for words not understood, with the change's own example first. A question asking whether to
/// make the change ("should we move Globex to demo?", «هل أسجل Globex خاسرة؟») is answered with the deal's stage and
/// what its checklist still needs, as "what's next for Globex" is: what the change would take, not the change.
/// </summary>
internal sealed class ChangeQuestionUseCase(
    DealNameResolverCache names, IDealStore deals, HistoryUseCase history, WhatsNextUseCase whatsNext, NotUnderstoodUseCase notUnderstood)
    : ICommandHandler<ChangeQuestionCommand>
{
    public async Task<BotAnswer> HandleAsync(ChangeQuestionCommand command, TurnContext context, CancellationToken cancellationToken) =>
        await names.FitsNoDealAsync(deals, command.Deal, context.Person, cancellationToken)
            ? await notUnderstood.HandleAsync(command.Help with { Language = command.Language }, context, cancellationToken)
            : command.Advice
                ? await whatsNext.AdviseAsync(command.Deal, context, cancellationToken)
                : await history.HandleAsync(new HistoryCommand(command.Deal) { Language = command.Language }, context, cancellationToken);
}
