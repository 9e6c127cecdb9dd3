using System.Globalization;
using System.Text;

namespace SalesCoachBot.Core.ProcessMaps;

/// <summary>
/// Draws a map as a flowchart: stages in path order joined by their <c>next</c> arrows, branches as
/// dashed arrows labelled with their condition (to stages, nurture or lost). With counts, each stage
/// shows how many open deals sit in it.
/// </summary>
public static class MapDiagram
{
    public static string ToMermaid(ProcessMap map, IReadOnlyDictionary<string, int>? openDeals = null)
    {
        var sb = new StringBuilder();
        sb.Append("%% ").Append(Clean(map.Name)).Append(" (version ").Append(map.Version.ToString(CultureInfo.InvariantCulture)).AppendLine(")");
        sb.AppendLine("flowchart TD");
        sb.AppendLine("  map_start((Start))");
        foreach (var stage in map.OrderedStages())
        {
            var label = new StringBuilder();
            label.Append("<b>").Append(Clean(stage.Name)).Append("</b><br/>").Append(Clean(stage.Owner));
            if (stage.StallAfterDays > 0)
            {
                label.Append(" · stalls after ").Append(stage.StallAfterDays.ToString(CultureInfo.InvariantCulture)).Append('d');
            }

            if (stage.Substages.Count > 0)
            {
                label.Append("<br/><i>").Append(Clean(string.Join(", ", stage.Substages.Select(s => s.Name)))).Append("</i>");
            }

            if (openDeals is not null)
            {
                label.Append("<br/>").Append(OpenText(openDeals, stage));
            }

            sb.Append("  ").Append(NodeId(stage.Id.Value)).Append("[\"").Append(label).AppendLine("\"]");
        }

        var reserved = map.Stages.SelectMany(s => s.Branches).Select(b => b.To).Where(t => t.IsReserved).Distinct().ToList();
        foreach (var target in reserved)
        {
            sb.Append("  ").Append(NodeId(target.Value)).Append("([\"").Append(target.IsNurture ? "Nurture" : "Lost").AppendLine("\"])");
        }

        sb.Append("  map_start --> ").AppendLine(NodeId(map.Start.Value));
        foreach (var stage in map.OrderedStages())
        {
            if (stage.Next is { } next)
            {
                sb.Append("  ").Append(NodeId(stage.Id.Value)).Append(" --> ").AppendLine(NodeId(next.Value));
            }

            foreach (var branch in stage.Branches)
            {
                sb.Append("  ").Append(NodeId(stage.Id.Value)).Append(" -. \"").Append(Clean(branch.When)).Append("\" .-> ")
                    .AppendLine(NodeId(branch.To.Value));
            }
        }

        sb.AppendLine("  classDef won stroke:#2e7d32,stroke-width:3px");
        sb.AppendLine("  classDef outcome fill:#f5f5f5,stroke:#9e9e9e,stroke-dasharray:4 3");
        sb.Append("  class ").Append(NodeId(map.Won.Value)).AppendLine(" won");
        if (reserved.Count > 0)
        {
            sb.Append("  class ").Append(string.Join(',', reserved.Select(r => NodeId(r.Value)))).AppendLine(" outcome");
        }

        return sb.ToString();
    }

    private const int BoxX = 150;
    private const int BoxWidth = 360;
    private const int BoxHeight = 60;
    private const int RowHeight = 96;
    private const int Top = 70;
    private const int OutcomeX = 640;
    private const int Width = 860;

    /// <summary>A self-contained SVG: one column of stages, skip and back arrows curving on the left, branches on the right.</summary>
    public static string ToSvg(ProcessMap map, IReadOnlyDictionary<string, int>? openDeals = null)
    {
        var stages = map.OrderedStages();
        var row = stages.Select((s, i) => (s.Id, i)).ToDictionary(x => x.Id.Value, x => x.i, StringComparer.Ordinal);
        var height = Top + (stages.Count * RowHeight) + 20;
        var outcomeY = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            [BranchTarget.Nurture.Value] = Top + (height / 3),
            [BranchTarget.Lost.Value] = Top + (2 * height / 3),
        };

        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\" font-family=\"Segoe UI, Helvetica, Arial, sans-serif\" font-size=\"13\">\n");
        sb.Append(CultureInfo.InvariantCulture, $"<title>{Xml(map.Name)} (version {map.Version})</title>\n");
        sb.Append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#555\"/></marker></defs>\n");
        sb.Append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{BoxX}\" y=\"32\" font-size=\"18\" font-weight=\"600\">{Xml(map.Name)} · version {map.Version}</text>\n");

        var startY = RowY(row[map.Start.Value]);
        sb.Append(CultureInfo.InvariantCulture,
            $"<circle cx=\"{BoxX - 60}\" cy=\"{startY + (BoxHeight / 2)}\" r=\"18\" fill=\"#e3f2fd\" stroke=\"#1565c0\"/><text x=\"{BoxX - 60}\" y=\"{startY + (BoxHeight / 2) + 4}\" text-anchor=\"middle\" font-size=\"11\">Start</text>\n");
        sb.Append(CultureInfo.InvariantCulture,
            $"<line x1=\"{BoxX - 42}\" y1=\"{startY + (BoxHeight / 2)}\" x2=\"{BoxX}\" y2=\"{startY + (BoxHeight / 2)}\" stroke=\"#555\" marker-end=\"url(#arrow)\"/>\n");

        foreach (var stage in stages)
        {
            var y = RowY(row[stage.Id.Value]);
            var won = stage.Id == map.Won;
            sb.Append(CultureInfo.InvariantCulture,
                $"<g id=\"stage-{Xml(stage.Id.Value)}\"><rect x=\"{BoxX}\" y=\"{y}\" width=\"{BoxWidth}\" height=\"{BoxHeight}\" rx=\"8\" fill=\"{(won ? "#e8f5e9" : "#fafafa")}\" stroke=\"{(won ? "#2e7d32" : "#607d8b")}\" stroke-width=\"{(won ? 3 : 1.5)}\"/>");
            sb.Append(CultureInfo.InvariantCulture,
                $"<text x=\"{BoxX + 12}\" y=\"{y + 22}\" font-weight=\"600\">{Xml(stage.Name)}</text>");
            var detail = $"{stage.Owner}{(stage.StallAfterDays > 0 ? $" · stalls after {stage.StallAfterDays}d" : string.Empty)} · {stage.Checklist.Count} checklist item(s)";
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{BoxX + 12}\" y=\"{y + 42}\" fill=\"#555\" font-size=\"12\">{Xml(detail)}</text>");
            if (openDeals is not null)
            {
                sb.Append(CultureInfo.InvariantCulture,
                    $"<text x=\"{BoxX + BoxWidth - 12}\" y=\"{y + 22}\" text-anchor=\"end\" font-weight=\"600\" fill=\"#1565c0\">{Xml(OpenText(openDeals, stage))}</text>");
            }

            sb.Append("</g>\n");
        }

        foreach (var stage in stages)
        {
            var from = row[stage.Id.Value];
            if (stage.Next is { } next && row.TryGetValue(next.Value, out var to))
            {
                sb.Append(to == from + 1
                    ? Line(BoxX + (BoxWidth / 2), RowY(from) + BoxHeight, BoxX + (BoxWidth / 2), RowY(to), dashed: false)
                    : Curve(BoxX, from, to, left: true, dashed: false, label: null));
            }

            foreach (var branch in stage.Branches)
            {
                if (branch.To.IsReserved)
                {
                    var ty = outcomeY[branch.To.Value];
                    var fy = RowY(from) + (BoxHeight / 2);
                    sb.Append(CultureInfo.InvariantCulture,
                        $"<path d=\"M{BoxX + BoxWidth},{fy} C{BoxX + BoxWidth + 60},{fy} {OutcomeX - 60},{ty} {OutcomeX},{ty}\" fill=\"none\" stroke=\"#9e9e9e\" stroke-dasharray=\"5 4\" marker-end=\"url(#arrow)\"><title>{Xml(stage.Name)}: {Xml(branch.When)} → {branch.To.Value}</title></path>\n");
                }
                else if (row.TryGetValue(branch.To.Value, out var target))
                {
                    sb.Append(Curve(BoxX + BoxWidth, from, target, left: false, dashed: true, label: branch.When));
                }
            }
        }

        foreach (var target in map.Stages.SelectMany(s => s.Branches).Select(b => b.To).Where(t => t.IsReserved).Distinct())
        {
            var y = outcomeY[target.Value];
            var when = string.Join(", ", map.Stages.SelectMany(s => s.Branches).Where(b => b.To == target).Select(b => b.When).Distinct());
            sb.Append(CultureInfo.InvariantCulture,
                $"<g id=\"outcome-{target.Value}\"><rect x=\"{OutcomeX}\" y=\"{y - 22}\" width=\"190\" height=\"44\" rx=\"22\" fill=\"#f5f5f5\" stroke=\"#9e9e9e\" stroke-dasharray=\"4 3\"/><text x=\"{OutcomeX + 95}\" y=\"{y - 2}\" text-anchor=\"middle\" font-weight=\"600\">{(target.IsNurture ? "Nurture" : "Lost")}</text><text x=\"{OutcomeX + 95}\" y=\"{y + 14}\" text-anchor=\"middle\" font-size=\"10\" fill=\"#555\">{Xml(Shorten(when, 34))}</text></g>\n");
        }

        sb.Append("</svg>\n");
        return sb.ToString();
    }

    private static int RowY(int row) => Top + (row * RowHeight);

    private static string Line(int x1, int y1, int x2, int y2, bool dashed) =>
        string.Create(CultureInfo.InvariantCulture,
            $"<line x1=\"{x1}\" y1=\"{y1}\" x2=\"{x2}\" y2=\"{y2}\" stroke=\"#555\"{(dashed ? " stroke-dasharray=\"5 4\"" : string.Empty)} marker-end=\"url(#arrow)\"/>\n");

    private static string Curve(int x, int from, int to, bool left, bool dashed, string? label)
    {
        var y1 = RowY(from) + (BoxHeight / 2);
        var y2 = RowY(to) + (BoxHeight / 2);
        var bulge = (left ? -1 : 1) * (40 + (Math.Abs(to - from) * 12));
        var path = string.Create(CultureInfo.InvariantCulture,
            $"<path d=\"M{x},{y1} C{x + bulge},{y1} {x + bulge},{y2} {x},{y2}\" fill=\"none\" stroke=\"{(dashed ? "#9e9e9e" : "#555")}\"{(dashed ? " stroke-dasharray=\"5 4\"" : string.Empty)} marker-end=\"url(#arrow)\"/>\n");
        return label is null
            ? path
            : path + string.Create(CultureInfo.InvariantCulture,
                $"<text x=\"{x + bulge + 4}\" y=\"{(y1 + y2) / 2}\" font-size=\"10\" fill=\"#555\">{Xml(label)}</text>\n");
    }

    private static string OpenText(IReadOnlyDictionary<string, int> openDeals, Stage stage)
    {
        var count = openDeals.GetValueOrDefault(stage.Id.Value)
            + stage.Replaces.Sum(r => openDeals.GetValueOrDefault(r.Value));
        return count == 1 ? "1 open deal" : $"{count} open deals";
    }

    // Mermaid ids: letters, digits and underscores only, prefixed so ids like "end" cannot clash with keywords.
    private static string NodeId(string id) => "s_" + id.Replace('-', '_');

    private static string Clean(string text) =>
        text.Replace("\"", "#quot;", StringComparison.Ordinal).Replace("<", "#lt;", StringComparison.Ordinal)
            .Replace(">", "#gt;", StringComparison.Ordinal).Replace('\n', ' ');

    private static string Xml(string text) => System.Security.SecurityElement.Escape(text);

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
