using System.Globalization;
using System.Text;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Coaching;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Localization;
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
    long OwnerId = 0)
{
    /// <summary>The verdict behind <see cref="Reason"/>, so a digest in another language says it in its own words.</summary>
    public StallAssessment? Stall { get; init; }

    /// <summary>The amount as a figure, for writing it in the digest's language; <see cref="Amount"/> is the English text.</summary>
    public decimal? AmountValue { get; init; }

    public string? Currency { get; init; }

    /// <summary>The deal's stage in the map, so the digest names it in its own language; <see cref="StageName"/> is the English text.</summary>
    public Stage? Stage { get; init; }

    /// <summary>The item behind <see cref="FirstOpenItem"/>, so the digest words it in its own language.</summary>
    public ChecklistItem? OpenItem { get; init; }
}

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
                var stall = StallRule.Assess(deal, stage?.StallAfterDays ?? 0, idleAfterDays, view.SnoozedUntil, now, stage, zone);
                return (view, stage, stall);
            })
            .Where(r => r.stall.IsStalled)
            .Select(r => (r.view, r.stage, r.stall, item: FirstOpenItem(r.stage, r.view)))
            .Select(r => new DigestDeal(
                r.view.Id,
                r.view.Deal.ExternalId,
                r.view.Deal.Name,
                r.view.OwnerName,
                r.stage?.Name ?? r.view.Deal.StageId.Value,
                r.stall.DaysInStage,
                r.stall.DaysOverdue,
                r.view.Deal.Amount is { } amount ? DealCards.Money(amount, r.view.Deal.Currency) : null,
                r.item?.Text,
                r.stall.Reason,
                r.view.Deal.OwnerId)
            {
                Stall = r.stall,
                AmountValue = r.view.Deal.Amount,
                Currency = r.view.Deal.Currency,
                Stage = r.stage,
                OpenItem = r.item,
            })
            .OrderByDescending(d => d.DaysOverdue)
            .ThenByDescending(d => d.DaysStuck)
            .ThenBy(d => d.ExternalId, StringComparer.Ordinal)
            .ToList();

    /// <summary>The first required item not yet confirmed, else the first optional one.</summary>
    private static ChecklistItem? FirstOpenItem(Stage? stage, DealView view)
    {
        if (stage is null)
        {
            return null;
        }

        var confirmed = view.Confirmations.Select(c => c.Item).ToHashSet();
        var open = stage.Checklist.Where(i => !confirmed.Contains(i.Id)).ToList();
        return open.FirstOrDefault(i => i.Required) ?? open.FirstOrDefault();
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

    public static BotAnswer Render(TeamDigest digest, int maxDeals, Phrases? say = null)
    {
        say ??= Phrases.English;
        var language = say.Language;
        // The re-engage section (heading and one line per deal) comes out of the same line budget.
        var reengage = digest.Reengage.Take(ReengageNudges.MaxShown).ToList();
        var reengageMore = digest.Reengage.Count - reengage.Count;
        var shown = Shown(digest.Deals, maxDeals, reengage.Count == 0 ? 0 : 2 + reengage.Count);
        var more = digest.Deals.Count - shown.Count;
        var day = language.IsRightToLeft ? language.Digits(digest.LocalDate.ToString("dddd d MMMM yyyy", language.Culture))
            : digest.LocalDate.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture);
        var count = say.Count(Phrases.Area.Nudges, "Digest.StalledCount", digest.Deals.Count);
        var dueCount = say.Count(Phrases.Area.Nudges, "Digest.ReengageCount", digest.Reengage.Count);

        // Owners ordered by their most overdue deal, so the worst case leads the message.
        var sections = shown
            .GroupBy(d => d.OwnerName, StringComparer.Ordinal)
            .Select(g => new CardSection(
                say.Nudges("Digest.OwnerHeading", g.Key, say.Count(Phrases.Area.Nudges, "Digest.StalledCount", g.Count())),
                [.. g.SelectMany(d => new[]
                {
                    new CardLine(DetailLine(d, say), new CardAction(say.Nudges("Digest.Button.Checklist"), new ShowChecklistPayload(d.Id))),
                    new CardLine(say.Nudges("Digest.Why", d.Stall is { } stall ? StallWording.Reason(stall, say) : d.Reason),
                        new CardAction(say.Count(Phrases.Area.Nudges, "Digest.Button.Snooze", SnoozeDays), new SnoozeDealPayload(d.Id, SnoozeDays))),
                })]))
            .ToList();

        if (reengage.Count > 0)
        {
            sections.Add(new CardSection(
                say.Nudges("Digest.ReengageHeading", digest.Reengage.Count),
                [.. reengage.Select(d => new CardLine(ReengageLine(d, say), new CardAction(say.Nudges("Digest.Button.Checklist"), new ShowChecklistPayload(d.Id))))]));
        }

        // An owner's "See all" is their own list; the channel's is the team's.
        var seeAllCommand = Canonical.Command(digest.ForOwner is null ? $"stalled {digest.TeamName}" : "my deals");
        var seeAll = new RunCommandPayload(seeAllCommand);
        var card = new Card
        {
            Kind = CardKind.Digest,
            Title = digest.Deals.Count == 0 && digest.Reengage.Count > 0
                ? say.Nudges("Digest.Title.Reengage", digest.TeamName)
                : digest.ForOwner is null ? say.Nudges("Digest.Title", digest.TeamName) : say.Nudges("Digest.Title.Owner", digest.TeamName),
            Subtitle = digest.Reengage.Count > 0 ? say.Nudges("Digest.Subtitle.WithReengage", day, count, dueCount) : say.Nudges("Digest.Subtitle", day, count),
            Note = Note(shown.Count, more, reengageMore, say),
            Sections = sections,
            Actions = more > 0 ? [new CardAction(say.Nudges("Digest.Button.SeeAll"), seeAll, CardActionStyle.Primary)] : [],
        };

        var text = new StringBuilder();
        // The text is what a notification shows: the same day in words as the card's subtitle.
        text.Append(digest.ForOwner is { } owner
            ? say.Nudges("Digest.Text.Owner", owner, count, digest.TeamName, day)
            : say.Nudges("Digest.Text", digest.TeamName, count, day));

        if (shown.Count > 0)
        {
            text.Append(' ').Append(say.Nudges("Digest.Text.MostOverdue", Ref(shown[0]), say.Count(Phrases.Area.Nudges, "DaysSince", shown[0].DaysStuck), StageIn(shown[0], language)));
        }

        if (more > 0)
        {
            // The button runs the canonical command; the text names it in the reader's language.
            var seeAllSaid = digest.ForOwner is null ? say.Lists("Example.Stalled.Team", digest.TeamName) : say.Lists("Example.MyDeals");
            text.Append(' ').Append(say.Nudges("Digest.Text.More", more, seeAllSaid));
        }

        if (digest.Reengage.Count > 0)
        {
            var names = string.Join(say.Nudges("ListSeparator"), reengage.Select(d => say.Nudges("DealRef", d.Name, "#" + d.ExternalId)));
            text.Append(' ').Append(reengageMore > 0 ? say.Nudges("Digest.Text.ReengageAndMore", names, reengageMore) : say.Nudges("Digest.Text.Reengage", names));
        }

        return CoachBot.InLanguage(new BotAnswer(text.ToString(), card), language);

        string Ref(DigestDeal d) => say.Nudges("DealRef", d.Name, "#" + d.ExternalId);
    }

    private static string? Note(int shown, int more, int reengageMore, Phrases say)
    {
        var stalled = more > 0 ? say.Nudges("Digest.Note.More", shown, more) : null;
        var reengage = reengageMore > 0 ? say.Count(Phrases.Area.Nudges, "Digest.Note.ReengageMore", reengageMore) : null;
        return stalled is null ? reengage : reengage is null ? stalled : say.Nudges("TwoSentences", stalled, reengage);
    }

    private static string ReengageLine(DigestReengage d, Phrases say)
    {
        var parts = new List<string>
        {
            say.Nudges("DealRef", d.Name, "#" + d.ExternalId),
            say.Language.Isolate(d.OwnerName),
            say.Nudges("Digest.NurturedUntil", d.Stage is { } stage ? MapWording.Name(stage, say.Language) : d.StageName, say.Language.DayInWords(d.ReengageOn)),
        };
        if ((d.AmountValue is { } value ? say.Language.Money(value, d.Currency) : d.Amount) is { } amount)
        {
            parts.Add(amount);
        }

        return string.Join(" · ", parts);
    }

    /// <summary>
    /// One deal as the operator's dry run lists it (<c>#ID name · owner · stage · days stuck · reason</c>), in the words the
    /// channel's digest would use in <paramref name="say"/>'s language, so an admin can proof a digest before it goes out.
    /// </summary>
    public static string PlanLine(DigestDeal d, Phrases say)
    {
        var language = say.Language;
        return string.Join(" · ",
            $"#{d.ExternalId} {language.Isolate(d.Name)}",
            language.Isolate(d.OwnerName),
            language.Isolate(StageIn(d, language)),
            say.Count(Phrases.Area.Nudges, "Digest.DaysStuck", d.DaysStuck),
            d.Stall is { } stall ? StallWording.Reason(stall, say) : d.Reason);
    }

    // The map's words in the digest's language; a deal built without its map keeps the text it was given.
    private static string StageIn(DigestDeal d, ReplyLanguage language) => d.Stage is { } stage ? MapWording.Name(stage, language) : d.StageName;

    private static string DetailLine(DigestDeal d, Phrases say)
    {
        var parts = new List<string>
        {
            say.Nudges("DealRef", d.Name, "#" + d.ExternalId),
            say.Language.Isolate(StageIn(d, say.Language)),
            say.Count(Phrases.Area.Nudges, "Digest.DaysStuck", d.DaysStuck),
        };
        if ((d.AmountValue is { } value ? say.Language.Money(value, d.Currency) : d.Amount) is { } amount)
        {
            parts.Add(amount);
        }

        if ((d.OpenItem is { } open ? MapWording.Item(open, say.Language) : d.FirstOpenItem) is { } item)
        {
            parts.Add(say.Nudges("Digest.NextItem", item));
        }

        return string.Join(" · ", parts);
    }
}
