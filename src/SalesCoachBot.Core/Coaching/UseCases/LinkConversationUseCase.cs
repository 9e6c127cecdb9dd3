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
            return Errors.Answer(context.Say.Coaching("Link.Which.Title"), context.Say.Coaching("Link.Which"));
        }

        var lookup = await locator.LocateAsync(command.Deal, context, id => $"link this chat to #{id}", cancellationToken);
        if (lookup is not DealLookup.Found found)
        {
            return ((DealLookup.Answered)lookup).Answer;
        }

        await conversations.LinkAsync(context.Turn.Conversation, found.Deal.Id, context.Person.Id, context.Now, cancellationToken);
        var message = context.Say.Coaching("Link.Linked", found.Deal.Deal.Name, "#" + found.Deal.Deal.ExternalId);
        var title = context.Say.Coaching("Link.Linked.Title");
        return Errors.Answer(title, message) with { Card = Errors.Card(title, message) with { Kind = Cards.CardKind.Info } };
    }

    public async Task<BotAnswer> HandleAsync(UnlinkConversationCommand command, TurnContext context, CancellationToken cancellationToken)
    {
        _ = command;
        var removed = await conversations.UnlinkAsync(context.Turn.Conversation, cancellationToken);
        var message = removed ? context.Say.Coaching("Link.Unlinked") : context.Say.Coaching("Link.WasNotLinked");
        return new BotAnswer(message, Errors.Card(context.Say.Coaching("Link.Unlinked.Title"), message) with { Kind = Cards.CardKind.Info });
    }
}
