using SalesCoachBot.Core.Coaching.Commands;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Coaching.UseCases;

/// <summary>
/// "thanks", «شكرا»: a rep closing a turn politely gets a short "you're welcome" in their language rather than "Sorry, I
/// didn't understand" and a list of commands. Nothing is read or changed.
/// </summary>
internal sealed class ThanksUseCase : ICommandHandler<ThanksCommand>
{
    public Task<BotAnswer> HandleAsync(ThanksCommand command, TurnContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new BotAnswer(context.Say.Coaching("Thanks.Reply")));
}
