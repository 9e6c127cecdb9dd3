using System.Collections.Frozen;
using Microsoft.Extensions.DependencyInjection;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Coaching.Commands;

/// <summary>
/// Hands a command to the one <see cref="ICommandHandler{TCommand}"/> registered for its type, resolved from the
/// turn's scope. Only that handler and what it needs are built: a turn uses one or two use cases, and building all
/// of them (with their stores and a database context) on every turn was a measured share of a chat turn's cost.
/// </summary>
internal sealed class CommandDispatcher(IServiceProvider services, CommandHandlerMap handlers)
{
    public Task<BotAnswer> DispatchAsync(ChatCommand command, TurnContext context, CancellationToken cancellationToken) =>
        handlers.Invoke(services, command, context, cancellationToken);

    public Task<BotAnswer> DispatchAsync(ActionPayload payload, TurnContext context, CancellationToken cancellationToken) =>
        handlers.Invoke(services, payload, context, cancellationToken);
}

/// <summary>
/// The command types that have a handler, each with a call to its <see cref="ICommandHandler{TCommand}"/>, built once
/// by <see cref="CommandHandlers"/> where the types are known: a turn looks its command up, no reflection.
/// </summary>
internal sealed class CommandHandlerMap(IReadOnlyDictionary<Type, CommandHandlerMap.Invoker> invokers)
{
    public delegate Task<BotAnswer> Invoker(IServiceProvider services, object command, TurnContext context, CancellationToken cancellationToken);

    private readonly FrozenDictionary<Type, Invoker> _invokers = invokers.ToFrozenDictionary();

    public IReadOnlyCollection<Type> CommandTypes => _invokers.Keys;

    /// <summary>The call for one command type, made where <typeparamref name="TCommand"/> is known.</summary>
    public static Invoker For<TCommand>()
        where TCommand : class =>
        static (services, command, context, cancellationToken) =>
            services.GetRequiredService<ICommandHandler<TCommand>>().HandleAsync((TCommand)command, context, cancellationToken);

    public Task<BotAnswer> Invoke(IServiceProvider services, object command, TurnContext context, CancellationToken cancellationToken) =>
        _invokers.TryGetValue(command.GetType(), out var invoke)
            ? invoke(services, command, context, cancellationToken)
            : throw new InvalidOperationException($"No handler is registered for {command.GetType().Name}.");
}
