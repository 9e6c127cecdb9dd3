using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Domain;

namespace SalesCoachBot.Core.Nudges;

/// <summary>
/// Keeps sent digests true after a deal changes (a snooze): each recent digest message of the team that lists the deal
/// gets the deal's status line rewritten ("Snoozed until … by …") and its snooze button taken away, and the new content
/// goes through the outbox as a <see cref="NudgeKind.DigestUpdate"/> of that message (Teams update, Slack chat.update),
/// with the outbox's retries. The newest content of each message (its latest update) is what is rewritten, so two
/// snoozes in a row both show.
/// </summary>
public sealed class DigestUpdates(INudgeOutbox? outbox = null)
{
    /// <summary>How old a digest may be and still be updated: people look at this week's, not older ones.</summary>
    public static readonly TimeSpan Lookback = TimeSpan.FromDays(7);

    /// <summary>Queues updates of the digests that list <paramref name="deal"/>; returns how many messages are updated.</summary>
    public async Task<int> DealChangedAsync(long teamId, DealId deal, string status, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (outbox is null)
        {
            return 0;
        }

        var rows = await outbox.ListDigestMessagesAsync(teamId, now - Lookback, cancellationToken);
        var latest = rows
            .Where(r => r.MessageId is { Length: > 0 } && r.Status != OutboxStatus.Failed)
            .GroupBy(r => (r.Conversation, r.MessageId))
            .Select(g => g.MaxBy(r => r.Id)!);
        var updates = new List<NewOutboxMessage>();
        foreach (var row in latest)
        {
            var answer = DigestPayload.Deserialize(row.PayloadJson);
            if (answer.Card is { } card && Rewrite(card, deal, status) is { } rewritten)
            {
                updates.Add(new NewOutboxMessage(teamId, row.LocalDate, row.Conversation,
                    DigestPayload.Serialize(answer with { Card = rewritten }), NudgeKind.DigestUpdate, row.MessageId));
            }
        }

        if (updates.Count > 0)
        {
            await outbox.EnqueueAsync(updates, now, cancellationToken);
        }

        return updates.Count;
    }

    /// <summary>
    /// The digest card with the deal's status line (the line after its "Checklist" line: "Why: …" or an earlier status)
    /// replaced by <paramref name="status"/>, without a button; null when the card does not list the deal.
    /// </summary>
    public static Card? Rewrite(Card card, DealId deal, string status)
    {
        var changed = false;
        var sections = card.Sections.Select(section =>
        {
            var lines = section.Lines.ToList();
            for (var i = 0; i + 1 < lines.Count; i++)
            {
                if (lines[i].Action?.Payload is ShowChecklistPayload shown && shown.Deal == deal)
                {
                    var why = lines[i + 1].Text.StartsWith("Why: ", StringComparison.Ordinal) ? $"{lines[i + 1].Text.Split(" · ")[0]} · " : string.Empty;
                    lines[i + 1] = new CardLine($"{why}{status}");
                    changed = true;
                }
            }

            return section with { Lines = lines };
        }).ToList();
        return changed ? card with { Sections = sections } : null;
    }
}
