using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Coaching.Commands;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Coaching.UseCases;

/// <summary>"link this chat to DEAL" / "unlink": the deal "what's next" means in this conversation.</summary>
internal sealed class LinkConversationUseCase(DealLocator locator, IConversationStore conversations)
    : ICommandHandler<LinkConversationCommand>, ICommandHandler<UnlinkConversationCommand>
{
    public async Task<BotAnswer> HandleAsync(LinkConversationCommand command, TurnContext context, CancellationToken cancellationToken)
    {
        if (command.Deal is LinkedDealReference)
        {
            return Errors.Answer("Which deal?", "Say which deal to link, e.g. \"link this chat to Initech\".");
        }

        var lookup = await locator.LocateAsync(command.Deal, context, id => $"link this chat to #{id}", cancellationToken);
        if (lookup is not DealLookup.Found found)
        {
            return ((DealLookup.Answered)lookup).Answer;
        }

        await conversations.LinkAsync(context.Turn.Conversation, found.Deal.Id, context.Person.Id, context.Now, cancellationToken);
        var message = $"This chat is now linked to {found.Deal.Deal.Name} (#{found.Deal.Deal.ExternalId}). Ask \"what's next\" any time.";
        return Errors.Answer("Linked", message) with { Card = Errors.Card("Linked", message) with { Kind = Cards.CardKind.Info } };
    }

    public async Task<BotAnswer> HandleAsync(UnlinkConversationCommand command, TurnContext context, CancellationToken cancellationToken)
    {
        _ = command;
        var removed = await conversations.UnlinkAsync(context.Turn.Conversation, cancellationToken);
        var message = removed ? "This chat is no longer linked to a deal." : "This chat was not linked to a deal.";
        return new BotAnswer(message, Errors.Card("Unlinked", message) with { Kind = Cards.CardKind.Info });
    }
}
