using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Coaching;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.ProcessMaps;

namespace SalesCoachBot.Testing;

/// <summary>The answers around closing a deal (issue 15), built by Core's own builders, for each channel's golden files.</summary>
public static class SampleCloseCards
{
    private static readonly Stage Proposal = new(
        new StageId("proposal"), "Proposal / quote", "sales", "A proposal is being written.", "Send the proposal.", 10,
        [new ChecklistItem(new ChecklistItemId("proposal-sent"), "Proposal sent", true)],
        new StageId("verbal-agreement"),
        [new Branch(Branch.BuyerSaysNo, BranchTarget.Lost), new Branch("not-now", BranchTarget.Nurture)],
        [],
        []);

    private static DealView Globex(DealStatus status, int stageVersion) => new(
        new Deal
        {
            Id = new DealId(1003),
            ExternalId = "1003",
            Name = "Globex renewal",
            StageId = Proposal.Id,
            StageVersion = stageVersion,
            Status = status,
            LostReason = status == DealStatus.Lost ? "price" : null,
        },
        "Dana Demo",
        "dana@example.com",
        "EMEA",
        null,
        []);

    /// <summary>"Globex renewal said no": the map's lost reasons as buttons, and a field for another.</summary>
    public static BotAnswer ReasonPicker() =>
        CloseCards.ReasonPicker(Globex(DealStatus.Open, 4), Proposal, BranchTarget.Lost, MapOutcomes.Default.LostReasons);

    /// <summary>The deal just closed, with its Undo.</summary>
    public static BotAnswer ClosedWithUndo()
    {
        var closed = new BotAnswer("Globex renewal is marked lost (price), as the map says for \"buyer said no\" in Proposal / quote.", new Card
        {
            Kind = CardKind.Checklist,
            Title = "Globex renewal — Proposal / quote",
            Subtitle = "#1003 · EMEA",
            Facts = [new CardFact("Stage", "Proposal / quote (8 of 14)"), new CardFact("Deal owner", "Dana Demo"), new CardFact("Status", "Lost (price)")],
            Note = "Globex renewal is marked lost (price), as the map says for \"buyer said no\" in Proposal / quote.",
        })
        { ReplacesCard = true };
        return CloseCards.WithUndo(closed, Globex(DealStatus.Lost, 5).Deal, 5);
    }
}
