using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.Nudges;

namespace SalesCoachBot.Core.Coaching;

/// <summary>What a teammate proposed: the deal, who, why, and the chat command that does it.</summary>
public sealed record CloseProposal(DealView Deal, PersonView Proposer, string What, string Command)
{
    /// <summary>The command in Arabic («خسرنا #1004 بسبب منافس»), which the parser reads too; null when there is no such wording.</summary>
    public string? InArabic { get; init; }

    /// <summary>
    /// The command as a reader in <paramref name="language"/> is told to say it: Arabic in Arabic when there is such
    /// wording, else the canonical <see cref="Command"/>. Buttons always run <see cref="Command"/>.
    /// </summary>
    public string ShownIn(ReplyLanguage language) =>
        language.Code == ReplyLanguage.ArabicCode && InArabic is { } arabic ? arabic : Command;
}

/// <summary>
/// A teammate's proposal to close someone else's deal as lost goes to the deal's owner by direct message, through
/// the nudge outbox and its senders (Slack DM, Teams personal chat). The message carries a button that runs the
/// command as whoever presses it, so it closes the deal only for the owner, a manager or an admin. When the owner
/// cannot be reached the team's managers are asked instead; when nobody can be, nothing is sent.
/// </summary>
/// <remarks>Each person asked reads the message in their own language (people.csv <c>language</c>, else the default).</remarks>
internal sealed class CloseProposals(
    INudgeOutbox? outbox = null, INudgeRecipients? recipients = null, ReplyTexts? texts = null, LanguageChoice? languages = null)
{
    /// <summary>Longest button payload sent; Slack's button value holds 2,000 characters, and Teams has room for more.</summary>
    private const int MaxButtonPayload = 1900;

    /// <summary>Queues the proposal; returns the names of the people asked (none when nobody can be reached).</summary>
    public async Task<IReadOnlyList<string>> SendAsync(CloseProposal proposal, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (outbox is null || recipients is null)
        {
            return [];
        }

        var deal = proposal.Deal.Deal;
        var asked = (await recipients.ListPeopleAsync([deal.OwnerId], cancellationToken)).Where(Reachable).ToList();
        if (asked.Count == 0)
        {
            asked = [.. (await recipients.ListManagersAsync(deal.TeamId, cancellationToken)).Where(Reachable)];
        }

        if (asked.Count == 0)
        {
            return [];
        }

        var date = DateOnly.FromDateTime(now.UtcDateTime);
        List<NewOutboxMessage> messages =
        [
            .. asked
                .GroupBy(p => LanguageOf(p).Code)
                .SelectMany(same =>
                {
                    var payload = DigestPayload.Serialize(Message(proposal, (texts ?? ReplyTexts.Shared).In(LanguageOf(same.First()))));
                    return same.SelectMany(NudgeTargets.DirectRoutes).Select(route => (Route: route, Payload: payload));
                })
                .DistinctBy(m => m.Route)
                .Select(m => new NewOutboxMessage(deal.TeamId, date, m.Route, m.Payload, NudgeKind.CloseProposal)),
        ];
        await outbox.EnqueueAsync(messages, now, cancellationToken);
        return [.. asked.Select(p => p.Name)];
    }

    /// <summary>The direct message: plain text that stands on its own, and a card with the confirm button.</summary>
    public static BotAnswer Message(CloseProposal proposal, Phrases? say = null)
    {
        say ??= Phrases.English;
        var view = proposal.Deal;
        var deal = view.Deal;
        var text = say.Coaching("Proposal.Text", proposal.Proposer.Name, deal.Name, "#" + deal.ExternalId, proposal.What, view.TeamName, proposal.ShownIn(say.Language));
        var close = new RunCommandPayload(proposal.Command);
        List<CardAction> actions = close.ToJson().Length <= MaxButtonPayload
            ? [new CardAction(say.Coaching("Proposal.Close"), close, CardActionStyle.Destructive)]
            : [];
        actions.Add(new CardAction(say.Coaching("Proposal.OpenChecklist"), new ShowChecklistPayload(deal.Id)));
        return CoachBot.InLanguage(new BotAnswer(text, new Card
        {
            Kind = CardKind.Info,
            Title = say.Coaching("Proposal.Title", deal.Name),
            Body = [text],
            Actions = actions,
        }), say.Language);
    }

    private ReplyLanguage LanguageOf(NudgeRecipient person) =>
        languages?.For(person.Language, chatLocale: null, teamLanguages: []) ?? ReplyLanguage.FromCode(person.Language) ?? ReplyLanguage.English;

    private static bool Reachable(NudgeRecipient person) => NudgeTargets.DirectRoutes(person).Count > 0;
}
