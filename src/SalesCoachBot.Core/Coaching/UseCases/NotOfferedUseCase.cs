using SalesCoachBot.Core.Coaching.Commands;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Coaching.UseCases;

/// <summary>
/// "reassign Tailwind to Sam", "deals closing this month", "lint the map": one line saying the bot does not do it and where
/// it is done, rather than "I can't find a deal matching …". Nothing is read or changed.
/// </summary>
internal sealed class NotOfferedUseCase : ICommandHandler<NotOfferedCommand>
{
    // The host's command lines as typed (the same in every language): quoted, not translated.
    private const string ImportUsage = "import deals";
    private const string MapLintUsage = "map lint FILE";

    public Task<BotAnswer> HandleAsync(NotOfferedCommand command, TurnContext context, CancellationToken cancellationToken) =>
        Task.FromResult(Answer(command.Topic, context));

    /// <summary>The reply for <paramref name="topic"/> in the person's language (also what a move to a person's name gets).</summary>
    internal static BotAnswer Answer(NotOffered topic, TurnContext context) => topic switch
    {
        NotOffered.Reassign => new BotAnswer(context.Say.Coaching("NotOffered.Reassign", ImportUsage, "owner_email")),
        NotOffered.CloseDates => new BotAnswer(context.Say.Coaching("NotOffered.CloseDates")),
        NotOffered.Amounts => new BotAnswer(context.Say.Coaching("NotOffered.Amounts", ImportUsage, "amount")),
        _ => new BotAnswer(context.Say.Coaching("NotOffered.MapLint", MapLintUsage)),
    };
}
