using System.Globalization;
using System.Text;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Coaching;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Stalls;

namespace SalesCoachBot.Core.Nudges;

/// <summary>One stalled deal as the digest shows it.</summary>
public sealed record DigestDeal(
    DealId Id,
    string ExternalId,
    string Name,
    string OwnerName,
    string StageName,
    int DaysStuck,
    int DaysOverdue,
    string? Amount,
    string? FirstOpenItem,
    string Reason,
    long OwnerId = 0);

/// <summary>
/// A team's stalled deals on one local day, most overdue first. With <paramref name="ForOwner"/> it is one owner's
/// direct message (<c>Nudges:DirectMessageOwners</c>): only their deals, addressed to them.
/// </summary>
public sealed record TeamDigest(long TeamId, string TeamName, DateOnly LocalDate, IReadOnlyList<DigestDeal> Deals, string? ForOwner = null)
{
    /// <summary>Nurtured deals whose re-engage date has arrived, listed under "due to re-engage" (<see cref="ReengageNudges"/>).</summary>
    public IReadOnlyList<DigestReengage> Reengage { get; init; } = [];
}

/// <summary>
/// Builds the daily digest: the shared stall rule per deal (snoozed deals and deals with a next step booked in
/// the future are not stalled), grouped by owner, most overdue first, with the reason and two actions per deal.
/// </summary>
public static class DigestBuilder
{
    public const int SnoozeDays = 3;

    /// <summary>
    /// Lines a digest may use, counted the way the Block Kit renderer budgets Slack's 50 blocks: each deal is two
    /// lines with a button (details → checklist, reason → snooze), each owner heading counts as two; header,
    /// note, subtitle and the "See all" row take the rest. Also keeps the Adaptive Card well under Teams' size limit.
    /// </summary>
    public const int LineBudget = 46;

    public static IReadOnlyList<DigestDeal> StalledDeals(IEnumerable<DealView> views, ProcessMap map, int idleAfterDays, DateTimeOffset now, TimeZoneInfo? zone = null) =>
        views
            .Select(view =>
            {
                var deal = view.Deal;
                var stage = map.FindStage(deal.StageId);
                var stall = StallRule.Assess(deal, stage?.StallAfterDays ?? 0, idleAfterDays, view.SnoozedUntil, now, stage?.Name, zone);
                return (view, stage, stall);
            })
            .Where(r => r.stall.IsStalled)
            .Select(r => new DigestDeal(
                r.view.Id,
                r.view.Deal.ExternalId,
                r.view.Deal.Name,
                r.view.OwnerName,
                r.stage?.Name ?? r.view.Deal.StageId.Value,
                r.stall.DaysInStage,
                r.stall.DaysOverdue,
                r.view.Deal.Amount is { } amount ? DealCards.Money(amount, r.view.Deal.Currency) : null,
                FirstOpenItem(r.stage, r.view),
                r.stall.Reason,
                r.view.Deal.OwnerId))
            .OrderByDescending(d => d.DaysOverdue)
            .ThenByDescending(d => d.DaysStuck)
            .ThenBy(d => d.ExternalId, StringComparer.Ordinal)
            .ToList();

    /// <summary>The first required item not yet confirmed, else the first optional one.</summary>
    private static string? FirstOpenItem(Stage? stage, DealView view)
    {
        if (stage is null)
        {
            return null;
        }

        var confirmed = view.Confirmations.Select(c => c.Item).ToHashSet();
        var open = stage.Checklist.Where(i => !confirmed.Contains(i.Id)).ToList();
        return (open.FirstOrDefault(i => i.Required) ?? open.FirstOrDefault())?.Text;
    }

    /// <summary>The deals that fit in one message: the most overdue, within <paramref name="maxDeals"/> and <see cref="LineBudget"/>.</summary>
    public static IReadOnlyList<DigestDeal> Shown(IReadOnlyList<DigestDeal> deals, int maxDeals) => Shown(deals, maxDeals, reservedLines: 0);

    /// <summary>As above, leaving <paramref name="reservedLines"/> of the budget to the "due to re-engage" section.</summary>
    public static IReadOnlyList<DigestDeal> Shown(IReadOnlyList<DigestDeal> deals, int maxDeals, int reservedLines)
    {
        var shown = new List<DigestDeal>();
        var owners = new HashSet<string>(StringComparer.Ordinal);
        foreach (var deal in deals)
        {
            var newOwner = !owners.Contains(deal.OwnerName);
            var cost = 2 + (newOwner ? 2 : 0);
            if (shown.Count >= maxDeals || (2 * shown.Count) + (2 * owners.Count) + cost > LineBudget - reservedLines)
            {
                break;
            }

            shown.Add(deal);
            owners.Add(deal.OwnerName);
        }

        return shown;
    }

    public static BotAnswer Render(TeamDigest digest, int maxDeals)
    {
        // The re-engage section (heading and one line per deal) comes out of the same line budget.
        var reengage = digest.Reengage.Take(ReengageNudges.MaxShown).ToList();
        var reengageMore = digest.Reengage.Count - reengage.Count;
        var shown = Shown(digest.Deals, maxDeals, reengage.Count == 0 ? 0 : 2 + reengage.Count);
        var more = digest.Deals.Count - shown.Count;
        var day = digest.LocalDate.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture);
        var count = digest.Deals.Count == 1 ? "1 stalled deal" : $"{digest.Deals.Count} stalled deals";
        var dueCount = digest.Reengage.Count == 1 ? "1 deal due to re-engage" : $"{digest.Reengage.Count} deals due to re-engage";

        // Owners ordered by their most overdue deal, so the worst case leads the message.
        var sections = shown
            .GroupBy(d => d.OwnerName, StringComparer.Ordinal)
            .Select(g => new CardSection(
                $"{g.Key} · {g.Count()}",
                [.. g.SelectMany(d => new[]
                {
                    new CardLine(DetailLine(d), new CardAction("Checklist", new ShowChecklistPayload(d.Id))),
                    new CardLine($"Why: {d.Reason}", new CardAction($"Snooze {SnoozeDays} days", new SnoozeDealPayload(d.Id, SnoozeDays))),
                })]))
            .ToList();

        if (reengage.Count > 0)
        {
            sections.Add(new CardSection(
                $"Due to re-engage · {digest.Reengage.Count}",
                [.. reengage.Select(d => new CardLine(ReengageLine(d), new CardAction("Checklist", new ShowChecklistPayload(d.Id))))]));
        }

        // An owner's "See all" is their own list; the channel's is the team's.
        var seeAllCommand = digest.ForOwner is null ? $"stalled {digest.TeamName}" : "my deals";
        var seeAll = new RunCommandPayload(seeAllCommand);
        var card = new Card
        {
            Kind = CardKind.Digest,
            Title = digest.Deals.Count == 0 && digest.Reengage.Count > 0
                ? $"Deals due to re-engage · {digest.TeamName}"
                : digest.ForOwner is null ? $"Stalled deals · {digest.TeamName}" : $"Your stalled deals · {digest.TeamName}",
            Subtitle = digest.Reengage.Count > 0 ? $"{day} · {count} · {dueCount}" : $"{day} · {count}",
            Note = Note(shown.Count, more, reengageMore),
            Sections = sections,
            Actions = more > 0 ? [new CardAction("See all", seeAll, CardActionStyle.Primary)] : [],
        };

        var text = new StringBuilder();
        if (digest.ForOwner is { } owner)
        {
            text.Append(CultureInfo.InvariantCulture, $"{owner}, you have {count} in {digest.TeamName} on {digest.LocalDate:yyyy-MM-dd}.");
        }
        else
        {
            text.Append(CultureInfo.InvariantCulture, $"{digest.TeamName}: {count} on {digest.LocalDate:yyyy-MM-dd}.");
        }

        if (shown.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $" Most overdue: {shown[0].Name} (#{shown[0].ExternalId}), {shown[0].DaysStuck} days in {shown[0].StageName}.");
        }

        if (more > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $" And {more} more: say \"{seeAllCommand}\".");
        }

        if (digest.Reengage.Count > 0)
        {
            var names = string.Join(", ", reengage.Select(d => $"{d.Name} (#{d.ExternalId})"));
            text.Append(CultureInfo.InvariantCulture, $" Due to re-engage: {names}{(reengageMore > 0 ? $" and {reengageMore} more" : string.Empty)}.");
        }

        return new BotAnswer(text.ToString(), card);
    }

    private static string? Note(int shown, int more, int reengageMore)
    {
        var stalled = more > 0 ? $"Showing the {shown} most overdue; and {more} more. Press \"See all\" for the full list." : null;
        var reengage = reengageMore > 0 ? $"And {reengageMore} more due to re-engage." : null;
        return stalled is null ? reengage : reengage is null ? stalled : $"{stalled} {reengage}";
    }

    private static string ReengageLine(DigestReengage d)
    {
        var parts = new List<string>
        {
            $"{d.Name} (#{d.ExternalId})",
            d.OwnerName,
            string.Create(CultureInfo.InvariantCulture, $"nurtured in {d.StageName} until {d.ReengageOn:yyyy-MM-dd}"),
        };
        if (d.Amount is { } amount)
        {
            parts.Add(amount);
        }

        return string.Join(" · ", parts);
    }

    private static string DetailLine(DigestDeal d)
    {
        var parts = new List<string>
        {
            $"{d.Name} (#{d.ExternalId})",
            d.StageName,
            d.DaysStuck == 1 ? "1 day stuck" : $"{d.DaysStuck} days stuck",
        };
        if (d.Amount is { } amount)
        {
            parts.Add(amount);
        }

        if (d.FirstOpenItem is { } item)
        {
            parts.Add($"next: {item}");
        }

        return string.Join(" · ", parts);
    }
}
