using SalesCoachBot.Core.Domain;

namespace SalesCoachBot.Core.Abstractions;

/// <summary>Merges a deal's rows into one timeline, newest first (the database's journal and the tests' in-memory stores alike).</summary>
public static class DealTimeline
{
    public static IReadOnlyList<TimelineEntry> Merge(
        IEnumerable<StageHistoryEntry> stages,
        IEnumerable<Confirmation> confirmations,
        IEnumerable<DealNote> notes,
        IEnumerable<DealActivity> activities,
        IEnumerable<Snooze> snoozes,
        Func<long?, string?> name)
    {
        var stageRows = stages as IReadOnlyCollection<StageHistoryEntry> ?? [.. stages];
        var confirmationRows = confirmations as IReadOnlyCollection<Confirmation> ?? [.. confirmations];
        var entries = new List<(TimelineEntry Entry, int Order)>();
        foreach (var h in stageRows)
        {
            entries.Add((new TimelineEntry(TimelineEntryKind.StageChange, h.EnteredAt, name(h.ByPersonId))
            {
                Stage = h.StageId,
                StageChange = h.Kind,
                Text = h.Reason,
                Conversation = h.Conversation,
                MapVersion = h.MapVersion,
            }, 0));
        }

        foreach (var c in confirmationRows)
        {
            entries.Add((new TimelineEntry(TimelineEntryKind.Confirmed, c.ConfirmedAt, name(c.PersonId))
            {
                Stage = c.StageId,
                Item = c.ItemId,
                Channel = c.Channel,
                Conversation = c.Conversation,
                CarriedOver = IsCarriedOver(c, stageRows, confirmationRows),
            }, 1));
            if (c.WithdrawnAt is { } withdrawn)
            {
                entries.Add((new TimelineEntry(TimelineEntryKind.Withdrawn, withdrawn, name(c.WithdrawnByPersonId))
                {
                    Stage = c.StageId,
                    Item = c.ItemId,
                }, 2));
            }
        }

        foreach (var n in notes)
        {
            entries.Add((new TimelineEntry(TimelineEntryKind.Note, n.At, name(n.PersonId)) { Text = n.Text, Conversation = n.Conversation }, 3));
        }

        foreach (var a in activities)
        {
            entries.Add((new TimelineEntry(TimelineEntryKind.Activity, a.OccurredAt, name(a.PersonId))
            {
                Activity = a.Kind,
                Text = a.Text,
                Conversation = a.Conversation,
            }, 4));
        }

        foreach (var s in snoozes)
        {
            entries.Add((new TimelineEntry(TimelineEntryKind.Snooze, s.CreatedAt, name(s.PersonId)) { Until = s.Until }, 5));
        }

        // Newest first; at the same instant the later step (the advance after the confirmation) first.
        return entries.OrderByDescending(e => e.Entry.At).ThenBy(e => e.Order).Select(e => e.Entry).ToList();
    }

    /// <summary>
    /// A map change copies the confirmations of items the replacing stage keeps, with their person and time: such a copy
    /// is in a stage the deal entered by a map change after it was "confirmed", beside the original under the old id.
    /// </summary>
    private static bool IsCarriedOver(Confirmation c, IReadOnlyCollection<StageHistoryEntry> stages, IReadOnlyCollection<Confirmation> all) =>
        stages.Any(h => h.Kind == StageChangeKind.MapChange && h.StageId == c.StageId && h.EnteredAt >= c.ConfirmedAt)
        && all.Any(o => o.StageId != c.StageId && o.ItemId == c.ItemId && o.PersonId == c.PersonId && o.ConfirmedAt == c.ConfirmedAt);
}
