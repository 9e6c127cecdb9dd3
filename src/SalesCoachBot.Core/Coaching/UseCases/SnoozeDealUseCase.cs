using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Coaching.Commands;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;

namespace SalesCoachBot.Core.Coaching.UseCases;

/// <summary>A digest's "snooze" button: leave the deal out of stalled lists for some days (recorded).</summary>
internal sealed class SnoozeDealUseCase(DealLocator locator, IDealStore deals) : ICommandHandler<SnoozeDealPayload>
{
    public const int MaxDays = 30;

    public async Task<BotAnswer> HandleAsync(SnoozeDealPayload payload, TurnContext context, CancellationToken cancellationToken)
    {
        if (payload.Days is < 1 or > MaxDays)
        {
            return Errors.Answer("Snooze", $"A deal can be snoozed for 1 to {MaxDays} days.");
        }

        var lookup = await locator.LocateByIdAsync(payload.Deal, context, cancellationToken);
        if (lookup is not DealLookup.Found found)
        {
            return ((DealLookup.Answered)lookup).Answer;
        }

        var until = context.Now.AddDays(payload.Days);
        var message = await deals.ChangeDealAsync(found.Deal.Id, state =>
            state.Deal.Status != DealStatus.Open
                ? DealChangePlan<string>.Nothing($"{state.Deal.Name} is not open; nothing to snooze.")
                : new DealChangePlan<string>($"Snoozed {state.Deal.Name} until {DealCards.Date(until)}: it is left out of stalled lists until then.")
                {
                    Snooze = new SnoozeRequest(context.Person.Id, until, context.Now),
                }, cancellationToken);
        return new BotAnswer(message ?? "Nothing to snooze.", Errors.Card("Snoozed", message ?? "Nothing to snooze.") with { Kind = CardKind.Info });
    }
}
