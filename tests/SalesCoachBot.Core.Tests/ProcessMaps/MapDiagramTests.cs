using System.Xml.Linq;
using SalesCoachBot.Core.ProcessMaps;

namespace SalesCoachBot.Core.Tests.ProcessMaps;

public sealed class MapDiagramTests
{
    private static readonly ProcessMap Small = ProcessMapLoader.Parse(TestMaps.Small).Map!;

    [Fact]
    public void ToMermaid_SmallMap_DrawsNextArrowsBranchesAndOutcomes()
    {
        var mermaid = MapDiagram.ToMermaid(Small);

        Assert.Contains("flowchart TD", mermaid, StringComparison.Ordinal);
        Assert.Contains("  map_start --> s_qualify", mermaid, StringComparison.Ordinal);
        Assert.Contains("  s_qualify --> s_demo", mermaid, StringComparison.Ordinal);
        Assert.Contains("  s_demo --> s_signed", mermaid, StringComparison.Ordinal);
        Assert.Contains("  s_qualify -. \"buyer-says-no\" .-> s_nurture", mermaid, StringComparison.Ordinal);
        Assert.Contains("  s_demo -. \"needs-unclear\" .-> s_qualify", mermaid, StringComparison.Ordinal);
        Assert.Contains("  s_demo -. \"buyer-says-no\" .-> s_lost", mermaid, StringComparison.Ordinal);
        Assert.Contains("  s_lost([\"Lost\"])", mermaid, StringComparison.Ordinal);
        Assert.Contains("  class s_signed won", mermaid, StringComparison.Ordinal);
        Assert.DoesNotContain("open deal", mermaid, StringComparison.Ordinal);
    }

    [Fact]
    public void ToMermaid_WithCounts_ShowsOpenDealsPerStageIncludingReplacedIds()
    {
        var map = ProcessMapLoader.Parse(TestMaps.Small.Replace("    name: Demo\n", "    name: Demo\n    replaces: [presentation]\n", StringComparison.Ordinal)).Map!;

        var mermaid = MapDiagram.ToMermaid(map, new Dictionary<string, int> { ["qualify"] = 1, ["demo"] = 2, ["presentation"] = 3 });

        Assert.Contains("s_qualify[\"<b>Qualify</b><br/>sales · stalls after 10d<br/>1 open deal\"]", mermaid, StringComparison.Ordinal);
        Assert.Contains("<br/>5 open deals\"]", mermaid, StringComparison.Ordinal);
        Assert.Contains("<br/>0 open deals\"]", mermaid, StringComparison.Ordinal);
    }

    [Fact]
    public void ToMermaid_ShippedMap_ListsSubStagesAndEveryStage()
    {
        var mermaid = MapDiagram.ToMermaid(ProcessMapLoader.Default);

        foreach (var stage in ProcessMapLoader.Default.Stages)
        {
            Assert.Contains($"  s_{stage.Id.Value.Replace('-', '_')}[\"<b>{stage.Name}</b>", mermaid, StringComparison.Ordinal);
        }

        Assert.Contains("<i>Social touch, Email sequence, Phone call, Event meeting</i>", mermaid, StringComparison.Ordinal);
    }

    [Fact]
    public void ToSvg_ShippedMapWithCounts_IsWellFormedWithABoxPerStageAndOutcome()
    {
        var svg = MapDiagram.ToSvg(ProcessMapLoader.Default, new Dictionary<string, int> { ["discovery"] = 4 });

        var doc = XDocument.Parse(svg);
        XNamespace ns = "http://www.w3.org/2000/svg";
        var groups = doc.Descendants(ns + "g").Select(g => (string?)g.Attribute("id")).ToList();
        Assert.Equal(14, groups.Count(g => g!.StartsWith("stage-", StringComparison.Ordinal)));
        Assert.Contains("outcome-nurture", groups);
        Assert.Contains("outcome-lost", groups);
        var discovery = doc.Descendants(ns + "g").Single(g => (string?)g.Attribute("id") == "stage-discovery");
        Assert.Contains(discovery.Descendants(ns + "text"), t => t.Value == "4 open deals");
    }

    [Fact]
    public void ToSvg_NamesWithMarkup_AreEscaped()
    {
        var map = ProcessMapLoader.Parse(TestMaps.Small.Replace("name: Demo\n", "name: \"Demo <live> & Q&A\"\n", StringComparison.Ordinal)).Map!;

        var doc = XDocument.Parse(MapDiagram.ToSvg(map));

        Assert.Contains(doc.Descendants(), e => e.Value == "Demo <live> & Q&A");
    }
}
