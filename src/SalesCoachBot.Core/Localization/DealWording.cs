using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.ProcessMaps;

namespace SalesCoachBot.Core.Localization;

/// <summary>Words for a deal's state, in the reply's language.</summary>
public static class DealWording
{
    public static string Status(DealStatus status, Phrases say) => status switch
    {
        DealStatus.Open => say.Cards("Status.Open"),
        DealStatus.Won => say.Cards("Status.Won"),
        DealStatus.Lost => say.Cards("Status.Lost"),
        DealStatus.Nurture => say.Cards("Status.Nurture"),
        _ => status.ToString(),
    };
}

/// <summary>
/// The map's own words (stage names, entry definitions, activities, checklist items, owners, branch names, lost
/// reasons) as a reply shows them: the map's text in the reply's language where the map has it, else as written
/// (ADR 0021). Every reply takes them from here.
/// </summary>
public static class MapWording
{
    /// <summary>The map's name as its file writes it; a map without one is called what the reader's language calls a process map.</summary>
    public static string MapName(ProcessMap map, Phrases say) => map.IsNamed ? map.Name : say.Maps("Map.Unnamed");

    public static string Name(Stage stage, ReplyLanguage language) => stage.NameFor(language.Code);

    public static string? Entry(Stage stage, ReplyLanguage language) => stage.EntryFor(language.Code);

    public static string? Activities(Stage stage, ReplyLanguage language) => stage.ActivitiesFor(language.Code);

    /// <summary>The stage's owner: the roles the shipped map uses in the reply's language, any other as the map writes it.</summary>
    public static string Owner(Stage stage, Phrases say) => stage.Owner switch
    {
        "marketing" => say.Charts("Owner.Marketing"),
        "sales" => say.Charts("Owner.Sales"),
        "sales-engineer" => say.Charts("Owner.SalesEngineer"),
        "implementation" => say.Charts("Owner.Implementation"),
        "customer-success" => say.Charts("Owner.CustomerSuccess"),
        _ => stage.Owner,
    };

    public static string Item(ChecklistItem item, ReplyLanguage language) => item.TextFor(language.Code);

    public static string Branch(Branch branch, ReplyLanguage language) => branch.WhenFor(language.Code);

    /// <summary>
    /// A lost reason as the map translates it; one a CRM sync wrote ("lost in HubSpot") in the reply's language; any
    /// other as stored. A map reason with no text but its id (English "no-budget") reads as words: "no budget".
    /// Exports (CSV, JSON) keep the id.
    /// </summary>
    public static string LostReason(string reason, Phrases say, ProcessMap? map = null)
    {
        if (map is null || !map.Outcomes.LostReasonTexts.ContainsKey(reason))
        {
            return Crm.CrmReasons.Describe(reason, say);
        }

        var text = map.Outcomes.LostReasonFor(reason, say.Language.Code);
        return string.Equals(text, reason, StringComparison.Ordinal) ? reason.Replace('-', ' ') : text;
    }
}
