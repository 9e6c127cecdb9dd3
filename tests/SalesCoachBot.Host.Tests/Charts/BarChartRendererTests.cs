using SalesCoachBot.Core.Pipeline;
using SalesCoachBot.Host.Charts;
using SkiaSharp;

namespace SalesCoachBot.Host.Tests.Charts;

public sealed class BarChartRendererTests
{
    private static readonly BarChartRenderer Renderer = new();

    private static BarChart Chart(params (string Label, double Value)[] bars) =>
        new("Open deals per stage — EMEA", [.. bars.Select(b => new ChartBar(b.Label, b.Value, b.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)))]);

    [Fact]
    public void RenderPng_AnyChart_ValidPngOfFixedSizeNotOneColour()
    {
        var png = Renderer.RenderPng(Chart(("Discovery", 9), ("Demo", 6), ("Proposal", 4)));

        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], png.Take(8));
        using var bitmap = SKBitmap.Decode(png);
        Assert.NotNull(bitmap);
        Assert.Equal((800, 400), (bitmap.Width, bitmap.Height));
        var colours = new HashSet<SKColor>();
        for (var y = 0; y < bitmap.Height; y += 4)
        {
            for (var x = 0; x < bitmap.Width; x += 4)
            {
                colours.Add(bitmap.GetPixel(x, y));
            }
        }

        Assert.True(colours.Count >= 3, $"only {colours.Count} colours"); // background, text, bars
        Assert.Contains(colours, c => c == SKColors.White);
        Assert.Contains(colours, c => c == BarChartRenderer.BarColor);
    }

    [Fact]
    public void RenderPng_BarsDifferAsTheDataDoes()
    {
        var png = Renderer.RenderPng(Chart(("Discovery", 10), ("Demo", 5), ("Proposal", 0), ("Verbal agreement", 2)));

        var bars = MeasureBars(png);

        // The zero bar draws nothing; the others scale with their values (10 : 5 : 2) over the same axis.
        Assert.Equal(3, bars.Count);
        var full = BarChartRenderer.BarMaxRight - BarChartRenderer.BarLeft;
        Assert.InRange(bars[0], full - 2, full + 1);
        Assert.InRange(bars[1], (full / 2) - 2, (full / 2) + 2);
        Assert.InRange(bars[2], (full / 5) - 2, (full / 5) + 2);
        Assert.True(bars[0] > bars[1] && bars[1] > bars[2]);
    }

    [Fact]
    public void RenderPng_DefaultMapStagesWithLongNames_SmallEnoughToInlineInATeamsCard()
    {
        string[] stages = ["Brand awareness", "Brand engagement", "Marketing qualified lead", "Sales engagement", "Sales qualified lead",
            "Discovery / needs analysis", "Demo / solution", "Proposal / estimate / quote", "Verbal agreement", "Contract signed", "Implementation"];

        var png = Renderer.RenderPng(Chart([.. stages.Select((s, i) => (s, (double)(120 - (i * 9))))]));

        Assert.True(png.Length <= ChartPublisher.MaxInlinePngBytes, $"{png.Length} bytes");
        Assert.Equal(11, MeasureBars(png).Count);
    }

    [Fact]
    public void RenderPng_NoBarsOrAllZero_StillAPicture()
    {
        using var empty = SKBitmap.Decode(Renderer.RenderPng(Chart()));
        using var zeros = SKBitmap.Decode(Renderer.RenderPng(Chart(("Discovery", 0))));

        Assert.Equal(800, empty.Width);
        Assert.Equal(400, zeros.Height);
    }

    /// <summary>Bar lengths in pixels, top to bottom: runs of bar colour down the bar's first column, measured across their middle row.</summary>
    private static List<int> MeasureBars(byte[] png)
    {
        using var bitmap = SKBitmap.Decode(png);
        var x0 = (int)BarChartRenderer.BarLeft + 1;
        var runs = new List<(int Start, int End)>();
        int? start = null;
        for (var y = 0; y < bitmap.Height; y++)
        {
            var isBar = bitmap.GetPixel(x0, y) == BarChartRenderer.BarColor;
            if (isBar && start is null)
            {
                start = y;
            }
            else if (!isBar && start is { } s)
            {
                runs.Add((s, y - 1));
                start = null;
            }
        }

        return [.. runs.Select(r =>
        {
            var y = (r.Start + r.End) / 2;
            var x = (int)BarChartRenderer.BarLeft;
            while (x < bitmap.Width && bitmap.GetPixel(x, y) == BarChartRenderer.BarColor)
            {
                x++;
            }

            return x - (int)BarChartRenderer.BarLeft;
        })];
    }
}
