using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Coaching;

/// <summary>Stage and checklist-item matching for the use cases (the matchers are stateless and thread-safe).</summary>
internal static class Matching
{
    private static readonly StageMatcher Stages = new();
    private static readonly ChecklistItemMatcher Items = new();

    public static StageMatch MatchStage(ProcessMap map, string text) => Stages.Match(map, text);

    public static ItemMatch MatchItem(Stage stage, string text) => Items.Match(stage, text);
}
