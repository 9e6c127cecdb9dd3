using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Localization;
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
                    : NotFound(context.Say.Errors("DealNotFound.Id", "#" + byId.ExternalId), closest: null, context.Say);

            case NameReference byName:
                return await LocateByNameAsync(byName.Text, context, retry, cancellationToken);

            default:
                var linked = await conversations.GetLinkedDealAsync(context.Turn.Conversation, cancellationToken);
                if (linked is { } linkedId && await deals.GetAsync(linkedId, cancellationToken) is { } linkedDeal
                    && AccessPolicy.CanSee(context.Person, linkedDeal.Deal))
                {
                    return new DealLookup.Found(linkedDeal);
                }

                // The help's example deal, given as arguments so that an Arabic reply isolates the name and the id.
                return new DealLookup.Answered(Errors.Answer(context.Say.Errors("WhichDeal.Title"), context.Say.Errors("WhichDeal", "Initech", "#1002")));
        }
    }

    /// <summary>
    /// The one deal <paramref name="text"/> names among those the person may see, or null (none, or several): for words
    /// that may be a deal's name or something else ("done Initech"), so nothing is answered here.
    /// </summary>
    public async Task<DealView?> FindOneByNameAsync(string text, TurnContext context, CancellationToken cancellationToken) =>
        await names.ResolveAsync(deals, text, AccessPolicy.FindableDeals(context.Person), cancellationToken) is DealResolution.Found one
            ? await deals.GetAsync(one.Deal.Id, cancellationToken)
            : null;

    /// <summary>True when <paramref name="text"/> names none of the deals the person may see (not several: that is a choice).</summary>
    public async Task<bool> NamesNoDealAsync(string text, TurnContext context, CancellationToken cancellationToken) =>
        await names.ResolveAsync(deals, text, AccessPolicy.FindableDeals(context.Person), cancellationToken) is DealResolution.NotFound;

    /// <summary>
    /// "demo held hooli", "initech send the SOW": a deal named by up to four words at one end of <paramref name="text"/>
    /// (its last words, or its first when <paramref name="first"/>), the longest run that names exactly one deal the
    /// person may see, provided the other words pass <paramref name="fits"/> for that deal. Null when none does.
    /// </summary>
    public async Task<(DealView Deal, string Name, string Others)?> FindNamedAtAnEndAsync(
        string text, bool first, Func<DealView, string, bool> fits, TurnContext context, CancellationToken cancellationToken)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var take = Math.Min(4, words.Length - 1); take >= 1; take--)
        {
            var name = string.Join(' ', first ? words[..take] : words[^take..]);
            var rest = string.Join(' ', first ? words[take..] : words[..^take]);
            if (await FindOneByNameAsync(name, context, cancellationToken) is { } deal && fits(deal, rest))
            {
                return (deal, name, rest);
            }
        }

        return null;
    }

    public async Task<DealLookup> LocateByIdAsync(DealId id, TurnContext context, CancellationToken cancellationToken)
    {
        var deal = await deals.GetAsync(id, cancellationToken);
        return deal is not null && AccessPolicy.CanSee(context.Person, deal.Deal)
            ? new DealLookup.Found(deal)
            : NotFound(context.Say.Errors("DealNotFound.Gone"), closest: null, context.Say);
    }

    private async Task<DealLookup> LocateByNameAsync(
        string text, TurnContext context, Func<string, string> retry, CancellationToken cancellationToken)
    {
        var say = context.Say;
        var resolution = await names.ResolveAsync(deals, text, AccessPolicy.FindableDeals(context.Person), cancellationToken);
        switch (resolution)
        {
            case DealResolution.Found one:
                var found = await deals.GetAsync(one.Deal.Id, cancellationToken);
                return found is not null
                    ? new DealLookup.Found(found)
                    : NotFound(say.Errors("DealNotFound.Called", say.Language.Echo(Quoted(text))), closest: null, say);

            case DealResolution.Ambiguous several:
                var choices = several.Candidates
                    .Take(10)
                    .Select(c => new CardChoice(
                        say.Errors("DealChoice", c.Name, "#" + c.ExternalId),
                        c.Account,
                        new CardAction(say.Errors("DealChoice", c.Name, "#" + c.ExternalId), new RunCommandPayload(retry(c.ExternalId)))))
                    .ToList();
                var message = say.Errors("SeveralDeals", say.Language.Echo(Quoted(text))) + "\n" +
                    string.Join('\n', several.Candidates.Take(10).Select(c => "- " + say.Errors("DealChoice", c.Name, "#" + c.ExternalId)));
                return new DealLookup.Answered(new BotAnswer(message, new Card
                {
                    Kind = CardKind.ChooseDeal,
                    Title = say.Errors("WhichDeal.Title"),
                    Body = [say.Errors("SeveralDeals.Body", say.Language.Echo(Quoted(text)))],
                    Choices = choices,
                }));

            case DealResolution.NotFound none:
                return NotFound(say.Errors("DealNotFound.Matching", say.Language.Echo(Quoted(text))), none.Closest, say);

            default:
                throw new InvalidOperationException($"Unexpected name match {resolution.GetType().Name}.");
        }
    }

    /// <summary>
    /// The words taken for a name, as the answer quotes them: a whole 600-character message read as one name is cut, as the
    /// help answer cuts what it did not understand, so the "not found" stays readable.
    /// </summary>
    internal static string Quoted(string text)
    {
        const int Max = 80;
        if (text.Length <= Max)
        {
            return text;
        }

        var cut = char.IsHighSurrogate(text[Max - 2]) ? Max - 2 : Max - 1;
        return string.Concat(text.AsSpan(0, cut).TrimEnd(), "…");
    }

    private static DealLookup NotFound(string message, DealNameEntry? closest, Phrases say)
    {
        if (closest is null)
        {
            return new DealLookup.Answered(Errors.Answer(say.Errors("DealNotFound.Title"), message));
        }

        var choice = say.Errors("DealChoice", closest.Name, "#" + closest.ExternalId);
        var suggestion = say.Errors("DealNotFound.DidYouMean", message, choice);
        return new DealLookup.Answered(new BotAnswer(suggestion, new Card
        {
            Kind = CardKind.ChooseDeal,
            Title = say.Errors("DealNotFound.Title"),
            Body = [suggestion],
            Choices = [new CardChoice(choice, closest.Account,
                new CardAction(say.Errors("DealChoice.WhatsNext", "#" + closest.ExternalId), new RunCommandPayload($"what's next for #{closest.ExternalId}")))],
        }));
    }
}
