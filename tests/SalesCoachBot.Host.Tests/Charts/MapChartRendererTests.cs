using SalesCoachBot.Core.Pipeline;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Host.Charts;
using SkiaSharp;

namespace SalesCoachBot.Host.Tests.Charts;

/// <summary>The map picture of the shipped 14-stage map: its size, boxes that never overlap, names that are never cut.</summary>
public sealed class MapChartRendererTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void RenderPng_ShippedMap_FourColumnsFourRowsAtFullSize()
    {
        var chart = MapChartBuilder.Empty(ProcessMapLoader.Default, Now);

        using var bitmap = SKBitmap.Decode(new MapChartRenderer().RenderPng(chart));

        Assert.Equal(14, chart.Stages.Count);
        Assert.Equal((1212, 1114), (bitmap.Width, bitmap.Height));
    }

    [Fact]
    public void Layout_ShippedMap_BoxesApartAndInsideThePicture()
    {
        var boxes = MapChartRenderer.Layout(14);

        for (var i = 0; i < boxes.Count; i++)
        {
            Assert.True(boxes[i].Left >= 0 && boxes[i].Right <= 1212 && boxes[i].Bottom <= 1114, $"box {i} outside: {boxes[i]}");
            for (var j = i + 1; j < boxes.Count; j++)
            {
                Assert.False(boxes[i].IntersectsWith(boxes[j]), $"boxes {i} and {j} overlap");
            }

            // Next stages are neighbours: the snake turns at a row's end, so no arrow crosses a box.
            if (i > 0)
            {
                Assert.True(boxes[i].Top == boxes[i - 1].Top || boxes[i].Left == boxes[i - 1].Left, $"stage {i} is not beside stage {i - 1}");
            }
        }
    }

    [Fact]
    public void Names_ShippedMap_EveryNameWholeOnAtMostTwoLines()
    {
        using var font = ChartCanvas.Font(14.5f, bold: true);

        foreach (var stage in ProcessMapLoader.Default.Stages)
        {
            var lines = ChartCanvas.Wrap(stage.Name, font, MapChartRenderer.NameWidth, 2);
            Assert.DoesNotContain(lines, l => l.Contains('…', StringComparison.Ordinal));
            Assert.Equal(stage.Name, string.Join(' ', lines));
        }
    }

    [Fact]
    public void RenderPng_FunnelOfThreeStages_OneBandPerStage()
    {
        var chart = new FunnelChart("Pipeline funnel — EMEA", "open deals", [new("Discovery", 4, "320k EUR", null), new("Demo", 3, "360k EUR", "71% (5 of 7)"), new("Proposal", 0, "", null)]);

        using var bitmap = SKBitmap.Decode(new FunnelChartRenderer().RenderPng(chart));

        Assert.Equal(FunnelChartRenderer.Width, bitmap.Width);
        Assert.Equal(84 + (3 * 62) + 8, bitmap.Height);
    }
}
