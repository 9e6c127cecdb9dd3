using System.Text.Json;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Teams.Dispatch;

namespace SalesCoachBot.Teams.Tests.Dispatch;

public sealed class TurnReaderTests
{
    public static TheoryData<ActionPayload> Payloads() =>
    [
        new ConfirmItemsPayload(new DealId(42), new StageId("discovery"), 3),
        new ShowChecklistPayload(new DealId(42)),
        new UndoItemPayload(new DealId(42), new StageId("discovery"), 3, new ChecklistItemId("demo-booked")),
        new SnoozeDealPayload(new DealId(42), 7),
        new RunCommandPayload("help"),
        new SaidNoPayload(new DealId(42), 3, "price"),
        new ReopenDealPayload(new DealId(42), 4),
    ];

    [Theory]
    [MemberData(nameof(Payloads))]
    public void VerbMatches_ExactlyThePayloadsOwnKind(ActionPayload payload)
    {
        // The kind the payload carries in the card's data, as Core serializes it.
        using var json = JsonDocument.Parse(payload.ToJson());
        var kind = json.RootElement.GetProperty("kind").GetString();

        Assert.True(TurnReader.VerbMatches(kind, payload));
        foreach (var other in new[] { "confirm", "checklist", "undo", "snooze", "command", "said-no", "reopen", "Confirm", string.Empty, null }.Where(v => v != kind))
        {
            Assert.False(TurnReader.VerbMatches(other, payload));
        }
    }
}
