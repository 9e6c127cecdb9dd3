using SalesCoachBot.Core.Domain;

namespace SalesCoachBot.Core.Abstractions;

/// <summary>The history row a next step change writes (the database's store and the tests' in-memory one alike).</summary>
public static class NextStepHistory
{
    /// <summary>
    /// What <paramref name="change"/> does to <paramref name="deal"/>, read before it is applied: set (the deal had no step),
    /// changed, undone, or done (the finished step's words and day, which the deal row is about to lose).
    /// </summary>
    public static DealNextStepEvent Event(Deal deal, NextStepChange change, ConversationKey? conversation)
    {
        var had = deal.NextStep is not null || deal.NextStepAt is not null;
        return new DealNextStepEvent
        {
            DealId = deal.Id,
            Kind = change.Undoes is not null ? NextStepEventKind.Undone
                : change.Done ? NextStepEventKind.Done : had ? NextStepEventKind.Changed : NextStepEventKind.Set,
            PersonId = change.ByPersonId,
            At = change.SetAt,
            Text = change.Done ? deal.NextStep : change.Text,
            DueAt = change.Done ? deal.NextStepAt : change.At,
            Conversation = conversation,
            // What an undo of this event puts back (for an undo: the step it withdrew).
            PreviousText = deal.NextStep,
            PreviousDueAt = deal.NextStepAt,
        };
    }
}
