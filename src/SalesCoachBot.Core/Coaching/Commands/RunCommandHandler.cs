using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Coaching.UseCases;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Coaching.Commands;

/// <summary>A button that runs a chat command as if typed (help buttons, "see all", a choice among deals).</summary>
internal sealed class RunCommandHandler(CommandParser parser, CommandDispatcher commands, IConversationStore conversations) : ICommandHandler<RunCommandPayload>
{
    public async Task<BotAnswer> HandleAsync(RunCommandPayload command, TurnContext context, CancellationToken cancellationToken)
    {
        // A "did you mean …?" answered with its Yes button: taken, so a "yes" typed after it does not run the command again.
        await conversations.TakeQuestionAsync(
            context.Turn.Conversation, context.Person.Id, context.Now - ConfirmIntentUseCase.AnswerWindow, command.Text, cancellationToken);
        return await commands.DispatchAsync(parser.Parse(command.Text), context, cancellationToken);
    }
}
