using SalesCoachBot.Core.Coaching.Commands;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Coaching.UseCases;

/// <summary>
/// Words not understood as any command. Checklist items said without "done" ("demo held for Hooli") are asked back
/// as a confirmation (<see cref="ConfirmItemsUseCase.AskAboutItemsSaidAsync"/>); anything else gets the help answer
/// with the commands that came closest.
/// </summary>
internal sealed class NotUnderstoodUseCase(HelpUseCase help, ConfirmItemsUseCase confirmations) : ICommandHandler<UnknownCommand>
{
    public async Task<BotAnswer> HandleAsync(UnknownCommand command, TurnContext context, CancellationToken cancellationToken) =>
        await confirmations.AskAboutItemsSaidAsync(command, context, cancellationToken) ?? help.NotUnderstood(command, context);
}
