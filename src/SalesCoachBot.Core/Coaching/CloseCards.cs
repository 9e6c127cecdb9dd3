using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Localization;
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
    /// <remarks>The buttons show the map's reasons in the reply's language; the payload keeps the map's own reason.</remarks>
    public static BotAnswer ReasonPicker(
        DealView view, Stage stage, BranchTarget target, IReadOnlyList<string> lostReasons, string? note = null, Phrases? say = null, ProcessMap? map = null)
    {
        say ??= Phrases.English;
        var language = say.Language;
        var deal = view.Deal;
        var then = target.IsNurture ? say.Coaching("CloseCard.Then.Nurture")
            : target.IsLost ? say.Coaching("CloseCard.Then.Lost")
            : say.Coaching("CloseCard.Then.Stage", map?.FindStage(target.AsStage) is { } to ? MapWording.Name(to, language) : target.Value);
        var stageName = MapWording.Name(stage, language);
        var text = say.Coaching("CloseCard.Why", deal.Name, stageName, then);
        var choices = lostReasons
            .Select(reason => (Reason: reason, Label: MapWording.LostReason(reason, say, map)))
            .Select(r => new CardChoice(r.Label, null, new CardAction(r.Label, new SaidNoPayload(deal.Id, deal.StageVersion, r.Reason))))
            .ToList();
        var card = new Card
        {
            Kind = CardKind.Info,
            Title = say.Coaching("CloseCard.Title", deal.Name),
            Subtitle = say.Coaching("CloseCard.Subtitle", "#" + deal.ExternalId, view.TeamName, stageName),
            Body = [text],
            Note = note,
            Choices = choices,
            Forms = [AnotherReasonForm(deal, deal.StageVersion, say)],
        };
        var answer = lostReasons.Count > 0
            ? say.Coaching("CloseCard.Example", text, "#" + deal.ExternalId, MapWording.LostReason(lostReasons[0], say, map))
            : text;
        return new BotAnswer(answer, card);
    }

    /// <summary>"Another reason": one text, sent as the no's reason at the stage version the card showed.</summary>
    public static CardForm AnotherReasonForm(Deal deal, int stageVersion, Phrases? say = null)
    {
        say ??= Phrases.English;
        return new(
            say.Coaching("CloseCard.Another"),
            say.Coaching("CloseCard.Title", deal.Name),
            [
                new CardInput(SaidNoPayload.ReasonInput, CardInputKind.Text, say.Coaching("CloseCard.WhatDidTheySay"))
                {
                    MaxLength = UseCases.CloseDealUseCase.MaxReasonLength,
                    Required = true,
                    Multiline = true,
                },
            ],
            new CardAction(say.Coaching("CloseCard.CloseWithReason"), new SaidNoPayload(deal.Id, stageVersion), CardActionStyle.Destructive),
            new SaidNoFormPayload(deal.Id, stageVersion));
    }

    /// <summary>Adds the Undo button (and says how to undo) to the answer showing a deal just closed at <paramref name="closedVersion"/>.</summary>
    public static BotAnswer WithUndo(BotAnswer answer, Deal deal, int closedVersion, Phrases? say = null)
    {
        say ??= Phrases.English;
        var undo = new CardAction(say.Coaching("CloseCard.Undo"), new ReopenDealPayload(deal.Id, closedVersion));
        var how = say.Coaching("CloseCard.UndoHow", (int)UndoWindow.TotalMinutes, "#" + deal.ExternalId);
        var card = answer.Card is { } c ? c with { Actions = [.. c.Actions, undo], Note = c.Note is null ? how : $"{c.Note} {how}" } : null;
        return answer with { Text = $"{answer.Text}\n{how}", Card = card };
    }
}
