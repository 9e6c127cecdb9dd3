using System.Globalization;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.ProcessMaps;

namespace SalesCoachBot.Core.Understanding;

/// <summary>Which checklist item a text names; when none, the stage's open items to suggest.</summary>
internal abstract record ItemMatch
{
    private ItemMatch()
    {
    }

    public sealed record Found(ChecklistItem Item) : ItemMatch;

    public sealed record Ambiguous(IReadOnlyList<ChecklistItem> Candidates) : ItemMatch;

    public sealed record NotFound(IReadOnlyList<ChecklistItem> OpenItems) : ItemMatch;
}

/// <summary>
/// Matches item text to a stage's checklist: by position ("2", "#2"), id ("demo-held", "demo held"),
/// or the item's words loosely ("requirements listed", "champion"). Stateless and thread-safe.
/// </summary>
internal sealed class ChecklistItemMatcher
{
    private static readonly HashSet<string> Filler = new(StringComparer.Ordinal)
    {
        "the", "a", "an", "item", "is", "was", "has", "been", "with", "no", "number",
    };

    /// <param name="confirmed">Items already confirmed, left out of the suggestions when nothing fits.</param>
    public ItemMatch Match(Stage stage, string? text, IReadOnlyCollection<ChecklistItemId>? confirmed = null)
    {
        ArgumentNullException.ThrowIfNull(stage);
        var match = MatchWords(stage, TextFolding.Words(text), confirmed);
        // «لمحضر الاجتماع», «بالعرض»: a preposition glued to an Arabic item's word; the words without it, only when as
        // typed they name no single item (an item's word may start with «ل» or «ب» itself).
        var unglued = TextFolding.Words(text).Select(ArabicText.WithoutGluedPreposition).ToList();
        return match is ItemMatch.Found || unglued.SequenceEqual(TextFolding.Words(text))
            || MatchWords(stage, unglued, confirmed) is not ItemMatch.Found found
            ? match
            : found;
    }

    private static ItemMatch MatchWords(Stage stage, List<string> all, IReadOnlyCollection<ChecklistItemId>? confirmed)
    {
        var items = stage.Checklist;
        var open = items.Where(i => confirmed is null || !confirmed.Contains(i.Id)).ToList();
        var words = all.Where(w => !Filler.Contains(w)).ToList();
        if (words.Count == 0)
        {
            words = all;
        }

        if (words.Count == 0)
        {
            return new ItemMatch.NotFound(open);
        }

        // "2", "#2", "item 2": by position, as numbered on the card.
        if (words.Count == 1 && int.TryParse(words[0], NumberStyles.None, CultureInfo.InvariantCulture, out var position))
        {
            return position >= 1 && position <= items.Count ? new ItemMatch.Found(items[position - 1]) : new ItemMatch.NotFound(open);
        }

        var compact = string.Concat(words);
        var byId = items.Where(i => string.Concat(TextFolding.Words(i.Id.Value)) == compact).ToList();
        if (byId.Count == 1)
        {
            return new ItemMatch.Found(byId[0]);
        }

        var scored = items
            .Select(i => (Item: i, Tier: StageMatcher.Tier(words, WordsOf(i))))
            .Where(x => x.Tier != MatchKind.None)
            .ToList();
        if (scored.Count == 0)
        {
            return new ItemMatch.NotFound(open);
        }

        var bestTier = scored.Max(x => x.Tier);
        var best = scored.Where(x => x.Tier == bestTier).Select(x => x.Item).ToList();
        return best.Count == 1 ? new ItemMatch.Found(best[0]) : new ItemMatch.Ambiguous(best);
    }

    /// <summary>The item's id and its text in every language the map gives: an Arabic rep types the Arabic words.</summary>
    private static List<string> WordsOf(ChecklistItem item) =>
        [.. TextFolding.Words(item.Id.Value).Concat(item.Texts.InEveryLanguage.Prepend(item.Text).SelectMany(TextFolding.Words)).Distinct()];
}
