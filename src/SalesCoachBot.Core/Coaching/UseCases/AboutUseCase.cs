using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Coaching.Commands;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Coaching.UseCases;

/// <summary>
/// "tell me about Initech", "what is discovery?": words that may name a stage of the person's map or a deal. A stage
/// the map names gets its page; else a deal the person may see gets its card, as "what's next for Initech" does; else
/// the words named neither, and the answer is the help for words not understood. Words typed alone ("Globex?") name a
/// deal only if they fit one, not if one is merely close; words that name one of the person's teams ("EMEA?") get its
/// pipeline. Nothing changes.
/// </summary>
internal sealed class AboutUseCase(
    StageInfoUseCase stages, DealNameResolverCache names, IDealStore deals, WhatsNextUseCase whatsNext, NotUnderstoodUseCase notUnderstood)
    : ICommandHandler<AboutCommand>
{
    public async Task<BotAnswer> HandleAsync(AboutCommand command, TurnContext context, CancellationToken cancellationToken) =>
        await stages.AnswerIfStageAsync(command.StageText, context, cancellationToken)
        ?? (await (command.NameAlone ? names.NamesNoDealAsync(deals, command.Deal, context.Person, cancellationToken)
                : names.FitsNoDealAsync(deals, command.Deal, context.Person, cancellationToken))
            ? await whatsNext.TeamPipelineAsync(command.Deal, command.Language, context, cancellationToken)
                ?? await notUnderstood.HandleAsync(command.Help with { Language = command.Language }, context, cancellationToken)
            : await whatsNext.HandleAsync(new WhatsNextCommand(command.Deal) { Language = command.Language }, context, cancellationToken));
}
