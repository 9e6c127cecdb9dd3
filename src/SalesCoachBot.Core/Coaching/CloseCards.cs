using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.ProcessMaps;

namespace SalesCoachBot.Core.Coaching;

/// <summary>The answers around closing a deal: the "why did they say no?" question, and the Undo on a close.</summary>
internal static class CloseCards
{
    /// <summary>How long whoever closed a deal may undo it themselves; after that it is a manager's call.</summary>
    public static readonly TimeSpan UndoWindow = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Asks why the buyer said no before anything closes: one button per lost reason of the map, and a field for any other
    /// reason. Every button carries the stage version, so a card answered after the deal moved changes nothing.
    /// </summary>
    public static BotAnswer ReasonPicker(DealView view, Stage stage, BranchTarget target, IReadOnlyList<string> lostReasons, string? note = null)
    {
        var deal = view.Deal;
        var then = target.IsNurture ? "goes to nurture" : target.IsLost ? "is closed as lost" : $"goes to stage {target.Value}";
        var text = $"Why did {deal.Name} say no? In {stage.Name} the map says a no {then}. Pick the reason, or type another; nothing changes until you do.";
        var choices = lostReasons
            .Select(reason => new CardChoice(reason, null, new CardAction(reason, new SaidNoPayload(deal.Id, deal.StageVersion, reason))))
            .ToList();
        var card = new Card
        {
            Kind = CardKind.Info,
            Title = $"Why did {deal.Name} say no?",
            Subtitle = $"#{deal.ExternalId} · {view.TeamName} · {stage.Name}",
            Body = [text],
            Note = note,
            Choices = choices,
            Forms = [AnotherReasonForm(deal, deal.StageVersion)],
        };
        var typed = lostReasons.Count > 0 ? $" Say e.g. \"#{deal.ExternalId} said no because {lostReasons[0]}\"." : string.Empty;
        return new BotAnswer(text + typed, card);
    }

    /// <summary>"Another reason": one text, sent as the no's reason at the stage version the card showed.</summary>
    public static CardForm AnotherReasonForm(Deal deal, int stageVersion) => new(
        "Another reason",
        $"Why did {deal.Name} say no?",
        [
            new CardInput(SaidNoPayload.ReasonInput, CardInputKind.Text, "What did the buyer say?")
            {
                MaxLength = UseCases.CloseDealUseCase.MaxReasonLength,
                Required = true,
                Multiline = true,
            },
        ],
        new CardAction("Close with this reason", new SaidNoPayload(deal.Id, stageVersion), CardActionStyle.Destructive),
        new SaidNoFormPayload(deal.Id, stageVersion));

    /// <summary>Adds the Undo button (and says how to undo) to the answer showing a deal just closed at <paramref name="closedVersion"/>.</summary>
    public static BotAnswer WithUndo(BotAnswer answer, Deal deal, int closedVersion)
    {
        var undo = new CardAction("Undo", new ReopenDealPayload(deal.Id, closedVersion));
        var how = $"Undo within {UndoWindow.TotalMinutes:0} minutes: press Undo or say \"reopen #{deal.ExternalId}\".";
        var card = answer.Card is { } c ? c with { Actions = [.. c.Actions, undo], Note = c.Note is null ? how : $"{c.Note} {how}" } : null;
        return answer with { Text = $"{answer.Text}\n{how}", Card = card };
    }
}
