using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Coaching.Commands;

/// <summary>A button that runs a chat command as if typed (help buttons, "see all", a choice among deals).</summary>
internal sealed class RunCommandHandler(CommandParser parser, CommandDispatcher commands) : ICommandHandler<RunCommandPayload>
{
    public Task<BotAnswer> HandleAsync(RunCommandPayload command, TurnContext context, CancellationToken cancellationToken) =>
        commands.DispatchAsync(parser.Parse(command.Text), context, cancellationToken);
}
