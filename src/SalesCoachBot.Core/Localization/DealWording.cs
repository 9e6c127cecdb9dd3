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
/// reasons) as a reply shows them. They are the team's text, written in the map, and shown as written today; every
/// reply takes them from here, so per-language text in the map (issue 17 part 5) changes this one place.
/// </summary>
public static class MapWording
{
    public static string Name(Stage stage, ReplyLanguage language) => stage.Name;

    public static string? Entry(Stage stage, ReplyLanguage language) => stage.Entry;

    public static string? Activities(Stage stage, ReplyLanguage language) => stage.Activities;

    public static string Owner(Stage stage, ReplyLanguage language) => stage.Owner;

    public static string Item(ChecklistItem item, ReplyLanguage language) => item.Text;

    public static string Branch(string when, ReplyLanguage language) => when;

    public static string LostReason(string reason, ReplyLanguage language) => reason;
}
