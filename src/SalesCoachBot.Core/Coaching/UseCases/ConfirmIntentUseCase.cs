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
        var question = $"Did you mean \"{command.CommandText}\"?";
        var card = new Card
        {
            Kind = CardKind.Info,
            Title = "Please confirm",
            Body = [question, "Nothing changes until you press Yes."],
            Actions =
            [
                new CardAction("Yes", new RunCommandPayload(command.CommandText), CardActionStyle.Primary),
                new CardAction("Cancel", new RunCommandPayload("cancel")),
            ],
        };
        return Task.FromResult(new BotAnswer($"{question} Reply \"{command.CommandText}\" to go ahead, or \"cancel\".", card));
    }

    public Task<BotAnswer> HandleAsync(CancelCommand command, TurnContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new BotAnswer("OK, nothing changed."));
}
