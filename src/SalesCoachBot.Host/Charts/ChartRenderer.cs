using SalesCoachBot.Core.Pipeline;

namespace SalesCoachBot.Host.Charts;

/// <summary>Picks the renderer for a chart's kind.</summary>
internal sealed class ChartRenderer(BarChartRenderer bars, FunnelChartRenderer funnels, MapChartRenderer maps)
{
    public byte[] RenderPng(Chart chart) => chart switch
    {
        BarChart bar => bars.RenderPng(bar),
        FunnelChart funnel => funnels.RenderPng(funnel),
        MapChart map => maps.RenderPng(map),
        _ => throw new ArgumentOutOfRangeException(nameof(chart), chart.GetType().Name, "No renderer for this chart."),
    };
}
