using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Coaching;

/// <summary>The outcome of finding the deal a person meant: the deal, or the answer to give instead.</summary>
internal abstract record DealLookup
{
    public sealed record Found(DealView Deal) : DealLookup;

    /// <summary>Not found, ambiguous, or not visible to this person: answer with this instead.</summary>
    public sealed record Answered(BotAnswer Answer) : DealLookup;
}

/// <summary>
/// Finds the deal a person referred to: by external id, by the conversation's linked deal, or by a
/// loose name among the deals they may see. Several matches give a choice card, never a guess.
/// </summary>
internal sealed class DealLocator(IDealStore deals, IConversationStore conversations, DealNameResolverCache names)
{
    /// <param name="retry">Builds the command text to run when a choice is picked, from the chosen external id.</param>
    public async Task<DealLookup> LocateAsync(
        DealReference reference, TurnContext context, Func<string, string> retry, CancellationToken cancellationToken)
    {
        switch (reference)
        {
            case ExternalIdReference byId:
                var deal = await deals.FindByExternalIdAsync(byId.ExternalId, cancellationToken);
                return deal is not null && AccessPolicy.CanSee(context.Person, deal.Deal)
                    ? new DealLookup.Found(deal)
                    : NotFound($"I can't find deal #{byId.ExternalId} among the deals you can see.", closest: null);

            case NameReference byName:
                return await LocateByNameAsync(byName.Text, context, retry, cancellationToken);

            default:
                var linked = await conversations.GetLinkedDealAsync(context.Turn.Conversation, cancellationToken);
                if (linked is { } linkedId && await deals.GetAsync(linkedId, cancellationToken) is { } linkedDeal
                    && AccessPolicy.CanSee(context.Person, linkedDeal.Deal))
                {
                    return new DealLookup.Found(linkedDeal);
                }

                return new DealLookup.Answered(Errors.Answer(
                    "Which deal?",
                    "Which deal do you mean? Name it (\"what's next for Initech\", \"next #1002\"), or link this chat to one first: \"link this chat to Initech\"."));
        }
    }

    public async Task<DealLookup> LocateByIdAsync(DealId id, TurnContext context, CancellationToken cancellationToken)
    {
        var deal = await deals.GetAsync(id, cancellationToken);
        return deal is not null && AccessPolicy.CanSee(context.Person, deal.Deal)
            ? new DealLookup.Found(deal)
            : NotFound("That deal no longer exists or is not one you can see.", closest: null);
    }

    private async Task<DealLookup> LocateByNameAsync(
        string text, TurnContext context, Func<string, string> retry, CancellationToken cancellationToken)
    {
        var visible = AccessPolicy.VisibleTeams(context.Person);
        var resolution = await names.ResolveAsync(deals, text, visible, cancellationToken);
        switch (resolution)
        {
            case DealResolution.Found one:
                var found = await deals.GetAsync(one.Deal.Id, cancellationToken);
                return found is not null
                    ? new DealLookup.Found(found)
                    : NotFound($"I can't find a deal called \"{text}\".", closest: null);

            case DealResolution.Ambiguous several:
                var choices = several.Candidates
                    .Take(10)
                    .Select(c => new CardChoice(
                        $"{c.Name} (#{c.ExternalId})",
                        c.Account,
                        new CardAction($"{c.Name} (#{c.ExternalId})", new RunCommandPayload(retry(c.ExternalId)))))
                    .ToList();
                var message = $"Several deals match \"{text}\". Which one?\n" +
                    string.Join('\n', several.Candidates.Take(10).Select(c => $"- {c.Name} (#{c.ExternalId})"));
                return new DealLookup.Answered(new BotAnswer(message, new Card
                {
                    Kind = CardKind.ChooseDeal,
                    Title = "Which deal?",
                    Body = [$"Several deals match \"{text}\"."],
                    Choices = choices,
                }));

            case DealResolution.NotFound none:
                return NotFound($"I can't find a deal matching \"{text}\" among the deals you can see.", none.Closest);

            default:
                throw new InvalidOperationException($"Unexpected name match {resolution.GetType().Name}.");
        }
    }

    private static DealLookup NotFound(string message, DealNameEntry? closest)
    {
        if (closest is null)
        {
            return new DealLookup.Answered(Errors.Answer("Deal not found", message));
        }

        var suggestion = $"{message} Did you mean {closest.Name} (#{closest.ExternalId})?";
        return new DealLookup.Answered(new BotAnswer(suggestion, new Card
        {
            Kind = CardKind.ChooseDeal,
            Title = "Deal not found",
            Body = [suggestion],
            Choices = [new CardChoice($"{closest.Name} (#{closest.ExternalId})", closest.Account,
                new CardAction($"What's next for #{closest.ExternalId}", new RunCommandPayload($"what's next for #{closest.ExternalId}")))],
        }));
    }
}
