using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Coaching.Commands;

/// <summary>
/// Handles one kind of command: a <see cref="ChatCommand"/> a person typed, or the <see cref="ActionPayload"/> of a card
/// button they pressed. Every command type has exactly one handler, registered in <see cref="CommandHandlers"/>.
/// </summary>
internal interface ICommandHandler<in TCommand>
    where TCommand : class
{
    Task<BotAnswer> HandleAsync(TCommand command, TurnContext context, CancellationToken cancellationToken);
}
