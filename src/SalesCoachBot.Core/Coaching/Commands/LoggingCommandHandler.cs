using Microsoft.Extensions.Logging;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Conversations;

namespace SalesCoachBot.Core.Coaching.Commands;

/// <summary>
/// Wraps every command handler (<see cref="CommandHandlers"/>): one log line and one duration measurement per
/// command, with its kind and outcome, so no use case logs or counts its own calls. A button that runs a typed
/// command (<see cref="RunCommandHandler"/>) is measured as itself and again as the command it runs.
/// </summary>
internal sealed class LoggingCommandHandler<TCommand>(
    ICommandHandler<TCommand> inner,
    CoachingMetrics metrics,
    ILogger<LoggingCommandHandler<TCommand>> logger,
    TimeProvider time) : ICommandHandler<TCommand>
    where TCommand : class
{
    // The type's name ("WhatsNextCommand", "ConfirmItemsPayload"): stable, and says whether it was typed or pressed.
    private static readonly string Kind = typeof(TCommand).Name;

    public async Task<BotAnswer> HandleAsync(TCommand command, TurnContext context, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var outcome = CommandOutcome.Failed;
        try
        {
            var answer = await inner.HandleAsync(command, context, cancellationToken);
            outcome = answer.Card?.Kind == CardKind.Error ? CommandOutcome.Refused : CommandOutcome.Answered;
            return answer;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            outcome = CommandOutcome.Canceled;
            throw;
        }
        finally
        {
            var elapsed = time.GetElapsedTime(started);
            metrics.CommandHandled(Kind, outcome, elapsed);
            if (outcome == CommandOutcome.Failed)
            {
                CommandLog.Failed(logger, Kind, elapsed.TotalMilliseconds);
            }
            else
            {
                CommandLog.Handled(logger, Kind, outcome, elapsed.TotalMilliseconds);
            }
        }
    }
}

/// <summary>How a command ended, as the <c>outcome</c> tag and log field say it.</summary>
internal static class CommandOutcome
{
    /// <summary>An answer with what was asked for.</summary>
    public const string Answered = "answered";

    /// <summary>An expected refusal answered politely (deal not found, not allowed, stale card): an error card.</summary>
    public const string Refused = "refused";

    /// <summary>An exception: a bug or a broken dependency, reported where it is caught.</summary>
    public const string Failed = "failed";

    public const string Canceled = "canceled";
}

internal static partial class CommandLog
{
    [LoggerMessage(EventId = 1200, Level = LogLevel.Debug, Message = "Command {Command} {Outcome} in {ElapsedMs} ms")]
    public static partial void Handled(ILogger logger, string command, string outcome, double elapsedMs);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "Command {Command} failed after {ElapsedMs} ms; the error is reported where it is caught")]
    public static partial void Failed(ILogger logger, string command, double elapsedMs);
}
