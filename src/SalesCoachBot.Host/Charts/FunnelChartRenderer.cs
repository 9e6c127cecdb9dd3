using SalesCoachBot.Core.Pipeline;
using SkiaSharp;

namespace SalesCoachBot.Host.Charts;

/// <summary>
/// Draws a <see cref="FunnelChart"/>: one centred band per stage, its width the stage's share of the largest stage's open
/// deals (never thinner than a sliver, so an empty stage still shows where it is), the stage name on the left, count and
/// amount on the right, and the conversion from the stage above in the gap between two bands.
/// </summary>
internal sealed class FunnelChartRenderer
{
    public const int Width = 860;
    private const float LabelRight = 230;
    private const float FunnelLeft = 250;
    private const float FunnelRight = 560;
    private const float ValueLeft = 580;
    private const float Top = 84;
    private const float Band = 38;
    private const float Gap = 24;
    private const float MinBand = 18;

    private static readonly SKColor Ink = new(0x21, 0x21, 0x21);
    private static readonly SKColor Subtle = new(0x5f, 0x63, 0x68);
    private static readonly SKColor Fill = new(0x2e, 0x6d, 0xb4);
    private static readonly SKColor Empty = new(0xcf, 0xd8, 0xdc);

    public byte[] RenderPng(FunnelChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var height = (int)(Top + (Math.Max(1, chart.Steps.Count) * (Band + Gap)) + 8);
        using var surface = SKSurface.Create(new SKImageInfo(Width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);

        using var ink = new SKPaint { Color = Ink, IsAntialias = true };
        using var subtle = new SKPaint { Color = Subtle, IsAntialias = true };
        using var fill = new SKPaint { Color = Fill, IsAntialias = false };
        using var empty = new SKPaint { Color = Empty, IsAntialias = false };
        // Crisp text keeps the PNG small enough to inline in a Teams card when the host has no public URL.
        using var title = ChartCanvas.Font(20, bold: true, crisp: true);
        using var small = ChartCanvas.Font(13, crisp: true);
        using var label = ChartCanvas.Font(14, crisp: true);
        using var value = ChartCanvas.Font(14, bold: true, crisp: true);
        using var rate = ChartCanvas.Font(12, crisp: true);
        canvas.DrawText(ChartCanvas.Fit(chart.Title, title, Width - 32), 16, 34, SKTextAlign.Left, title, ink);
        canvas.DrawText(ChartCanvas.Fit(chart.Subtitle, small, Width - 32), 16, 58, SKTextAlign.Left, small, subtle);

        var max = Math.Max(1, chart.Steps.Count == 0 ? 1 : chart.Steps.Max(s => s.Count));
        var centre = (FunnelLeft + FunnelRight) / 2;
        var full = FunnelRight - FunnelLeft;
        for (var i = 0; i < chart.Steps.Count; i++)
        {
            var step = chart.Steps[i];
            var y = Top + (i * (Band + Gap));
            var w = Math.Max(MinBand, full * step.Count / max);
            canvas.DrawRect(SKRect.Create(centre - (w / 2), y, w, Band), step.Count > 0 ? fill : empty);
            var baseline = y + (Band / 2) + 5;
            canvas.DrawText(ChartCanvas.Fit(step.Label, label, LabelRight - 16), LabelRight, baseline, SKTextAlign.Right, label, ink);
            var numbers = step.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) + " open" + (step.AmountLabel.Length > 0 ? " · " + step.AmountLabel : string.Empty);
            canvas.DrawText(ChartCanvas.Fit(numbers, value, Width - ValueLeft - 12), ValueLeft, baseline, SKTextAlign.Left, value, ink);
            if (i > 0 && step.ConversionLabel is { Length: > 0 } conversion)
            {
                canvas.DrawText("↓ " + conversion, centre, y - 7, SKTextAlign.Center, rate, subtle);
            }
        }

        return ChartCanvas.EncodePng(surface);
    }
}
