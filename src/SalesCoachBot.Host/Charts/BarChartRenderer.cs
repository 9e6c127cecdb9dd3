using SalesCoachBot.Core.Pipeline;
using SkiaSharp;

namespace SalesCoachBot.Host.Charts;

/// <summary>
/// Draws a <see cref="BarChart"/> as a fixed-size PNG with SkiaSharp: stage names on the left, one flat bar per
/// stage, the value after it. Flat colours and hinted, non-antialiased text (still crisp at these sizes) keep the
/// file near 6 KB, small enough to inline in a Teams card; antialiased text made it 22 KB.
/// </summary>
internal sealed class BarChartRenderer
{
    public const int Width = 800;
    public const int Height = 400;

    /// <summary>Where every bar starts; stage names are right-aligned before it.</summary>
    internal const float BarLeft = 230;
    internal const float BarMaxRight = Width - 70;
    internal static readonly SKColor BarColor = new(0x2E, 0x6D, 0xB4);
    private const float Top = 56;
    private const float Bottom = Height - 16;
    private static readonly SKColor TextColor = new(0x22, 0x22, 0x22);

    // DejaVu Sans is what .ci/run installs; the fallback is whatever fontconfig offers.
    private readonly SKTypeface _typeface = SKTypeface.FromFamilyName("DejaVu Sans") ?? SKTypeface.Default;
    private readonly SKTypeface _bold = SKTypeface.FromFamilyName("DejaVu Sans", SKFontStyle.Bold) ?? SKTypeface.Default;

    public byte[] RenderPng(BarChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        using var surface = SKSurface.Create(new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);

        using var text = new SKPaint { Color = TextColor, IsAntialias = true };
        using var bar = new SKPaint { Color = BarColor, IsAntialias = false, Style = SKPaintStyle.Fill };
        using var titleFont = new SKFont(_bold, 20) { Edging = SKFontEdging.Alias };
        // Through the shaper, so an Arabic label is joined (the layout itself stays left to right).
        TextShaper.Draw(canvas, ChartCanvas.Fit(chart.Title, titleFont, Width - 32), 16, 34, SKTextAlign.Left, titleFont, text);

        var bars = chart.Bars;
        if (bars.Count > 0)
        {
            var slot = (Bottom - Top) / bars.Count;
            var thickness = Math.Min(slot * 0.7f, 36);
            using var font = new SKFont(_typeface, Math.Clamp(slot * 0.5f, 10, 15)) { Edging = SKFontEdging.Alias };
            var max = bars.Max(b => b.Value);
            for (var i = 0; i < bars.Count; i++)
            {
                var centre = Top + (slot * i) + (slot / 2);
                var baseline = centre + (font.Size * 0.35f);
                TextShaper.Draw(canvas, ChartCanvas.Fit(bars[i].Label, font, BarLeft - 24), BarLeft - 10, baseline, SKTextAlign.Right, font, text);

                var length = max > 0 ? (float)(bars[i].Value / max) * (BarMaxRight - BarLeft) : 0;
                if (length >= 1)
                {
                    canvas.DrawRect(SKRect.Create(BarLeft, centre - (thickness / 2), length, thickness), bar);
                }

                TextShaper.Draw(canvas, bars[i].ValueLabel, BarLeft + length + 8, baseline, SKTextAlign.Left, font, text);
            }
        }

        using var image = surface.Snapshot();
        using var pixels = image.PeekPixels();
        using var data = pixels.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.AllFilters, 9))
            ?? throw new InvalidOperationException("SkiaSharp could not encode the chart as PNG.");
        return data.ToArray();
    }
}
