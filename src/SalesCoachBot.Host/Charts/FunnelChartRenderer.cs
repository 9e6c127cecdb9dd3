using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.Pipeline;
using SkiaSharp;

namespace SalesCoachBot.Host.Charts;

/// <summary>
/// Draws a <see cref="FunnelChart"/>: one centred band per stage, its width the stage's share of the largest stage's open
/// deals (never thinner than a sliver, so an empty stage still shows where it is), the stage name on the left, count and
/// amount on the right, and the conversion from the stage above in the gap between two bands. An Arabic funnel is the
/// mirror image (names on the right, figures on the left), its text shaped (ADR 0023).
/// </summary>
internal sealed class FunnelChartRenderer(ReplyTexts? texts = null)
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

    public byte[] RenderPng(FunnelChart chart) => RenderPng(chart, null);

    /// <summary>The picture; every text drawn and its box go to <paramref name="drawn"/> when given.</summary>
    internal byte[] RenderPng(FunnelChart chart, List<DrawnText>? drawn)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var say = (texts ?? ReplyTexts.Shared).In(chart.Language);
        var rtl = chart.Language.IsRightToLeft;

        // Mirrored for Arabic: x measured from the right edge, and "start" alignment flips.
        float X(float x) => rtl ? Width - x : x;
        var toLeft = rtl ? SKTextAlign.Left : SKTextAlign.Right;
        var height = (int)(Top + (Math.Max(1, chart.Steps.Count) * (Band + Gap)) + 8);
        using var surface = SKSurface.Create(new SKImageInfo(Width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        var pen = new ChartPen(canvas, rtl, drawn);

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
        pen.Start(ChartCanvas.Fit(chart.Title, title, Width - 32), X(16), 34, title, ink);
        pen.Start(ChartCanvas.Fit(chart.Subtitle, small, Width - 32), X(16), 58, small, subtle);

        var max = Math.Max(1, chart.Steps.Count == 0 ? 1 : chart.Steps.Max(s => s.Count));
        var centre = X((FunnelLeft + FunnelRight) / 2);
        var full = FunnelRight - FunnelLeft;
        for (var i = 0; i < chart.Steps.Count; i++)
        {
            var step = chart.Steps[i];
            var y = Top + (i * (Band + Gap));
            var w = Math.Max(MinBand, full * step.Count / max);
            canvas.DrawRect(SKRect.Create(centre - (w / 2), y, w, Band), step.Count > 0 ? fill : empty);
            var baseline = y + (Band / 2) + 5;
            pen.Text(ChartCanvas.Fit(step.Label, label, LabelRight - 16), X(LabelRight), baseline, toLeft, label, ink);
            // Counted nouns, as the chart's alt text says them («صفقتان مفتوحتان», «4 صفقات مفتوحة»), not «4 مفتوحة».
            var numbers = say.Count(Phrases.Area.Charts, "Stage.Open", step.Count) + (step.AmountLabel.Length > 0 ? " · " + say.Language.Isolate(step.AmountLabel) : string.Empty);
            pen.Start(ChartCanvas.Fit(numbers, value, Width - ValueLeft - 12), X(ValueLeft), baseline, value, ink);
            if (i > 0 && step.ConversionLabel is { Length: > 0 } conversion)
            {
                pen.Text("↓ " + conversion, centre, y - 7, SKTextAlign.Center, rate, subtle);
            }
        }

        return ChartCanvas.EncodePng(surface);
    }
}
