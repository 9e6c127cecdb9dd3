using System.Text.RegularExpressions;
using SalesCoachBot.Core.Localization;

namespace SalesCoachBot.Core.Crm;

/// <summary>
/// The reasons a CRM sync writes into a deal's stage history and lost reason. They are stored in English, so the
/// database and its exports read the same on every host and to every tool; <see cref="Describe"/> reads them back and
/// shows them in the reader's language ("lost in HubSpot: budget cut" → «سُجّلت خاسرة في HubSpot: budget cut»). The
/// CRM's own words (its lost reason, its error) stay as the CRM wrote them.
/// </summary>
public static partial class CrmReasons
{
    /// <summary>A deal and its history imported by the first sync.</summary>
    public static string Imported(string crm) => $"from {crm}";

    public static string Moved(string crm) => $"moved in {crm}";

    /// <summary>A deal closed here (lost, won, in nurture) moved back to an open stage in the CRM.</summary>
    public static string Reopened(string crm) => $"reopened in {crm}";

    /// <summary>Whether a stored reason is <see cref="Reopened"/>'s (with or without skipped items after it).</summary>
    public static bool IsReopened(string? reason) => reason is not null && ReopenedRegex().IsMatch(reason);

    public static string Lost(string crm) => $"lost in {crm}";

    /// <summary>Lost with the CRM's own reason.</summary>
    public static string LostBecause(string crm, string reason) => $"lost in {crm}: {reason}";

    public static string Deleted(string crm) => $"deleted in {crm}";

    /// <summary>A move forward in the CRM past required items nobody confirmed here.</summary>
    public static string SkippingItems(string reason, IEnumerable<string> items) =>
        $"{reason}; skipped unconfirmed required items: {string.Join(", ", items)}";

    /// <summary>A deal whose new owner is in a team with another map, placed in that map's stage.</summary>
    public static string NewOwnersTeam(string crm, string mapId, string fromStage, string toStage) =>
        $"moved to its new owner's team in {crm}: map '{mapId}' places stage '{fromStage}' at '{toStage}'";

    /// <summary>Our move put back because the CRM refused it.</summary>
    public static string Back(string error) => $"back: {error}";

    /// <summary>
    /// A stored reason in the reader's language when it is one of the forms above (in any case: the pipeline's lost
    /// reasons are counted in lower case); any other text (a person's own reason, a map's lost reason) as stored.
    /// </summary>
    public static string Describe(string text, Phrases say)
    {
        ArgumentNullException.ThrowIfNull(say);
        if (string.IsNullOrEmpty(text) || !text.Contains(' ', StringComparison.Ordinal))
        {
            return text;
        }

        var skipped = SkippedRegex().Match(text);
        var main = skipped.Success ? text[..skipped.Index] : text;
        var described = DescribeOne(main, say);
        if (described is null)
        {
            return text;
        }

        return skipped.Success ? say.Coaching("CrmReason.SkippedItems", described, skipped.Groups["items"].Value) : described;
    }

    private static readonly string[] Names = ["HubSpot", "Salesforce", "Pipedrive", "Dynamics 365"];

    private static string? DescribeOne(string text, Phrases say)
    {
        if (LostBecauseRegex().Match(text) is { Success: true } lostBecause)
        {
            return say.Coaching("CrmReason.LostBecause", Name(lostBecause), lostBecause.Groups["reason"].Value);
        }

        if (NewTeamRegex().Match(text) is { Success: true } team)
        {
            return say.Coaching("CrmReason.NewOwnersTeam", Name(team), team.Groups["map"].Value, team.Groups["from"].Value, team.Groups["to"].Value);
        }

        if (BackRegex().Match(text) is { Success: true } back)
        {
            return say.Coaching("CrmReason.Back", back.Groups["error"].Value);
        }

        return SimpleRegex().Match(text) is { Success: true } simple
            ? say.Coaching(simple.Groups["what"].Value.ToLowerInvariant() switch
            {
                "from" => "CrmReason.Imported",
                "moved in" => "CrmReason.Moved",
                "reopened in" => "CrmReason.Reopened",
                "lost in" => "CrmReason.Lost",
                _ => "CrmReason.Deleted",
            }, Name(simple))
            : null;
    }

    /// <summary>The CRM's name as it spells it, whatever the case it was read in.</summary>
    private static string Name(Match match) =>
        Names.First(n => string.Equals(n, match.Groups["crm"].Value, StringComparison.OrdinalIgnoreCase));

    // Only the CRMs' own names (CrmOptions.DisplayName), so a person's reason such as "lost in pricing" stays theirs.
    [GeneratedRegex(@"^(?<what>from|moved in|reopened in|lost in|deleted in) (?<crm>HubSpot|Salesforce|Pipedrive|Dynamics 365)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SimpleRegex();

    [GeneratedRegex(@"^reopened in (HubSpot|Salesforce|Pipedrive|Dynamics 365)(;|$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ReopenedRegex();

    [GeneratedRegex(@"^lost in (?<crm>HubSpot|Salesforce|Pipedrive|Dynamics 365): (?<reason>.+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex LostBecauseRegex();

    [GeneratedRegex(@"^moved to its new owner's team in (?<crm>HubSpot|Salesforce|Pipedrive|Dynamics 365): map '(?<map>[^']*)' places stage '(?<from>[^']*)' at '(?<to>[^']*)'$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NewTeamRegex();

    [GeneratedRegex(@"^back: (?<error>.+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex BackRegex();

    [GeneratedRegex(@"; skipped unconfirmed required items: (?<items>.+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex SkippedRegex();
}
