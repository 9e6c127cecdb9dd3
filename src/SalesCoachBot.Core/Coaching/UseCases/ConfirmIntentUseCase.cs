using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Coaching.Commands;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Coaching.UseCases;

/// <summary>
/// A change understood with low confidence: asks "did you mean …?" with Yes (runs the canonical wording) and
/// Cancel buttons, both ordinary command buttons every channel carries. Nothing changes until Yes is pressed.
/// </summary>
internal sealed class ConfirmIntentUseCase : ICommandHandler<ConfirmIntentCommand>, ICommandHandler<CancelCommand>
{
    public Task<BotAnswer> HandleAsync(ConfirmIntentCommand command, TurnContext context, CancellationToken cancellationToken)
    {
        var say = context.Say;
        var question = say.Coaching("Confirm.Question", command.CommandText);
        var card = new Card
        {
            Kind = CardKind.Info,
            Title = say.Coaching("Confirm.Title"),
            Body = [question, say.Coaching("Confirm.NothingChanges")],
            Actions =
            [
                new CardAction(say.Coaching("Confirm.Yes"), new RunCommandPayload(command.CommandText), CardActionStyle.Primary),
                new CardAction(say.Coaching("Confirm.Cancel"), new RunCommandPayload("cancel")),
            ],
        };
        return Task.FromResult(new BotAnswer(say.Coaching("Confirm.Text", question, command.CommandText), card));
    }

    public Task<BotAnswer> HandleAsync(CancelCommand command, TurnContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new BotAnswer(context.Say.Coaching("Confirm.Cancelled")));
}
