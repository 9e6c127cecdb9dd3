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
        IEnumerable<DealNextStepEvent> nextSteps,
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
                Outcome = h.Outcome,
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
                    Conversation = c.WithdrawnConversation,
                }, 2));
            }
        }

        foreach (var n in notes)
        {
            entries.Add((new TimelineEntry(TimelineEntryKind.Note, n.At, name(n.PersonId)) { Text = n.Text, Conversation = n.Conversation }, 3));
            if (n.WithdrawnAt is { } withdrawn)
            {
                entries.Add((new TimelineEntry(TimelineEntryKind.NoteWithdrawn, withdrawn, name(n.WithdrawnByPersonId)) { Text = n.Text }, 2));
            }
        }

        foreach (var a in activities)
        {
            entries.Add((new TimelineEntry(TimelineEntryKind.Activity, a.OccurredAt, name(a.PersonId))
            {
                Activity = a.Kind,
                Text = a.Text,
                Conversation = a.Conversation,
                DayOnly = a.DayOnly,
            }, 4));
            if (a.WithdrawnAt is { } withdrawn)
            {
                entries.Add((new TimelineEntry(TimelineEntryKind.ActivityWithdrawn, withdrawn, name(a.WithdrawnByPersonId)) { Activity = a.Kind, Text = a.Text }, 2));
            }
        }

        var snoozeRows = snoozes as IReadOnlyCollection<Snooze> ?? [.. snoozes];
        foreach (var s in snoozeRows)
        {
            // Lifting a snooze moves its Until back to that instant, so the day it was set for is gone: it reads "ended
            // early", and the lifting is an entry of its own unless a newer snooze replaced it (that one says so itself).
            var endedEarly = s.EndedByPersonId is not null;
            entries.Add((new TimelineEntry(TimelineEntryKind.Snooze, s.CreatedAt, name(s.PersonId)) { Until = s.Until, Text = s.Reason, EndedEarly = endedEarly, Conversation = s.Conversation }, 5));
            if (endedEarly && !snoozeRows.Any(newer => newer.CreatedAt == s.Until && newer.Id != s.Id))
            {
                entries.Add((new TimelineEntry(TimelineEntryKind.SnoozeEnded, s.Until, name(s.EndedByPersonId)) { Conversation = s.EndedConversation }, 6));
            }
        }

        // Two changes of the step at one instant: the later (higher id) first, as the newest-first order reads.
        foreach (var step in nextSteps.OrderByDescending(e => e.Id))
        {
            var kind = step.Kind switch
            {
                NextStepEventKind.Set => TimelineEntryKind.NextStepSet,
                NextStepEventKind.Changed => TimelineEntryKind.NextStepChanged,
                NextStepEventKind.Undone => TimelineEntryKind.NextStepUndone,
                _ => TimelineEntryKind.NextStepDone,
            };
            entries.Add((new TimelineEntry(kind, step.At, name(step.PersonId))
            {
                Text = step.Text,
                Due = step.DueAt,
                Conversation = step.Conversation,
                Previous = step.Kind == NextStepEventKind.Undone ? step.PreviousText : null,
                PreviousDue = step.Kind == NextStepEventKind.Undone ? step.PreviousDueAt : null,
            }, 7));
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
