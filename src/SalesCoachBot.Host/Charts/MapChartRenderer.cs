using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.Pipeline;
using SkiaSharp;

namespace SalesCoachBot.Host.Charts;

/// <summary>
/// Draws a <see cref="MapChart"/> as a PNG flowchart with SkiaSharp. Stages run in reading order through a grid of at
/// most four columns, each row turning back under the last ("snake"), so every <c>next</c> arrow is a short straight line
/// between neighbours with its conversion beside it and nothing crosses a box. Branches back to an earlier stage curve
/// through the gap under the row; the "no" branches are listed in each box with their counts and lead to the nurture and
/// lost boxes at the bottom. The shipped 14-stage map comes out 1212 × 1114 px, every text at 11 px or more. An Arabic
/// chart is the mirror image: the first stage top right, rows read right to left, text shaped (ADR 0023).
/// </summary>
internal sealed class MapChartRenderer(ReplyTexts? texts = null)
{
    public const int MaxColumns = 4;
    private const float Margin = 32;
    private const float BoxWidth = 230;
    private const float BoxHeight = 164;
    private const float GapX = 76;
    private const float GapY = 62;
    private const float Header = 92;
    private const float Pad = 12;
    private const float OutcomeHeight = 58;

    private static readonly SKColor Ink = new(0x21, 0x21, 0x21);
    private static readonly SKColor Subtle = new(0x5f, 0x63, 0x68);
    private static readonly SKColor Numbers = new(0x0d, 0x47, 0xa1);
    private static readonly SKColor Warning = new(0xc6, 0x28, 0x28);
    private static readonly SKColor Border = new(0x78, 0x90, 0x9c);
    private static readonly SKColor WonGreen = new(0x2e, 0x7d, 0x32);
    private static readonly SKColor Arrow = new(0x45, 0x4f, 0x5a);
    private static readonly SKColor BranchGrey = new(0x8a, 0x8f, 0x95);

    public byte[] RenderPng(MapChart chart) => RenderPng(chart, null);

    /// <summary>The picture; every text drawn and its box go to <paramref name="drawn"/> when given.</summary>
    internal byte[] RenderPng(MapChart chart, List<DrawnText>? drawn)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var say = (texts ?? ReplyTexts.Shared).In(chart.Language);
        var rtl = chart.Language.IsRightToLeft;
        var count = Math.Max(1, chart.Stages.Count);
        var columns = Math.Min(MaxColumns, count);
        var rows = (count + columns - 1) / columns;
        var width = (int)((2 * Margin) + (columns * BoxWidth) + ((columns - 1) * GapX));
        var outcomesTop = Header + (rows * (BoxHeight + GapY));
        var height = (int)(outcomesTop + (chart.Outcomes.Count > 0 ? OutcomeHeight + 20 : 0) + 40);

        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        var pen = new ChartPen(canvas, rtl, drawn);
        var start = rtl ? width - Margin : Margin;

        using var ink = new SKPaint { Color = Ink, IsAntialias = true };
        using var subtle = new SKPaint { Color = Subtle, IsAntialias = true };
        using var title = ChartCanvas.Font(22, bold: true);
        using var small = ChartCanvas.Font(13);
        pen.Start(ChartCanvas.Fit(chart.Title, title, width - (2 * Margin)), start, 40, title, ink);
        pen.Start(ChartCanvas.Fit(chart.Subtitle, small, width - (2 * Margin)), start, 66, small, subtle);

        var layout = Layout(chart.Stages.Count, rtl);
        var boxes = new Dictionary<string, (SKRect Rect, int Row, int Index)>(StringComparer.Ordinal);
        for (var i = 0; i < chart.Stages.Count; i++)
        {
            boxes[chart.Stages[i].Id] = (layout[i], i / columns, i);
        }

        foreach (var arrow in chart.Arrows)
        {
            if (boxes.TryGetValue(arrow.From, out var from) && boxes.TryGetValue(arrow.To, out var to))
            {
                if (arrow.Branch)
                {
                    DrawBranch(pen, from.Rect, to.Rect, from.Row == to.Row, arrow.Label);
                }
                else
                {
                    DrawNext(pen, from.Rect, to.Rect, from.Row == to.Row, to.Index == from.Index + 1, arrow.Label);
                }
            }
        }

        for (var i = 0; i < chart.Stages.Count; i++)
        {
            DrawStage(pen, chart.Stages[i], boxes[chart.Stages[i].Id].Rect, i + 1, say);
        }

        DrawOutcomes(pen, chart.Outcomes, outcomesTop, width);

        using var legend = ChartCanvas.Font(11);
        pen.Start(ChartCanvas.Fit(say.Charts("Map.Legend"), legend, width - (2 * Margin)), start, height - 16, legend, subtle);
        return ChartCanvas.EncodePng(surface);
    }

    /// <summary>
    /// Where each stage's box goes, in stage order: rows of <see cref="MaxColumns"/>, every other row right to left; for a
    /// right-to-left picture the first row runs right to left.
    /// </summary>
    internal static IReadOnlyList<SKRect> Layout(int count, bool rightToLeft = false)
    {
        var columns = Math.Min(MaxColumns, Math.Max(1, count));
        var boxes = new List<SKRect>(count);
        for (var i = 0; i < count; i++)
        {
            var row = i / columns;
            var inRow = i % columns;
            var column = (row % 2 == 0) != rightToLeft ? inRow : columns - 1 - inRow;
            boxes.Add(SKRect.Create(Margin + (column * (BoxWidth + GapX)), Header + (row * (BoxHeight + GapY)), BoxWidth, BoxHeight));
        }

        return boxes;
    }

    /// <summary>The least width a stage name has: beside the widest tag, "START" (wrapped on two lines at most).</summary>
    internal const float NameWidth = BoxWidth - (2 * Pad) - 4 - 48;

    private static void DrawStage(ChartPen pen, MapChartStage stage, SKRect rect, int number, Phrases say)
    {
        var canvas = pen.Canvas;
        var rtl = pen.RightToLeft;
        using var fill = new SKPaint { Color = stage.Won ? new SKColor(0xe8, 0xf5, 0xe9) : new SKColor(0xfa, 0xfb, 0xfc), IsAntialias = true };
        using var border = new SKPaint
        {
            Color = stage.Won ? WonGreen : Border,
            IsAntialias = true,
            Style = SKPaintStyle.Stroke,
            StrokeWidth = stage.Won ? 3 : 1.5f,
        };
        using var strip = new SKPaint { Color = OwnerColor(stage.Owner), IsAntialias = true };
        canvas.DrawRoundRect(rect, 8, 8, fill);
        canvas.Save();
        canvas.ClipRoundRect(new SKRoundRect(rect, 8, 8), antialias: true);
        canvas.DrawRect(SKRect.Create(rtl ? rect.Right - 6 : rect.Left, rect.Top, 6, rect.Height), strip);
        canvas.Restore();
        canvas.DrawRoundRect(rect, 8, 8, border);

        using var ink = new SKPaint { Color = Ink, IsAntialias = true };
        using var subtle = new SKPaint { Color = Subtle, IsAntialias = true };
        using var numbers = new SKPaint { Color = Numbers, IsAntialias = true };
        using var warning = new SKPaint { Color = stage.HasStalled ? Warning : Subtle, IsAntialias = true };
        using var tagPaint = new SKPaint { Color = stage.Won ? WonGreen : Subtle, IsAntialias = true };
        using var nameFont = ChartCanvas.Font(14.5f, bold: true);
        using var ownerFont = ChartCanvas.Font(12);
        using var openFont = ChartCanvas.Font(13, bold: true);
        using var lineFont = ChartCanvas.Font(12);
        using var branchFont = ChartCanvas.Font(11);
        using var tagFont = ChartCanvas.Font(11, bold: true);

        // The text starts at the strip's side: the left in English, the right in Arabic; the tag sits opposite.
        var left = rtl ? rect.Right - Pad - 4 : rect.Left + Pad + 4;
        var textWidth = rect.Width - (2 * Pad) - 4;
        var tag = stage.Won ? say.Charts("Tag.Won") : stage.Start ? say.Charts("Tag.Start") : say.Language.Number(number);
        var tagWidth = TextShaper.Measure(tag, tagFont);
        pen.Text(tag, rtl ? rect.Left + Pad : rect.Right - Pad, rect.Top + 19, rtl ? SKTextAlign.Left : SKTextAlign.Right, tagFont, tagPaint);

        var y = rect.Top + 20;
        var nameLines = ChartCanvas.Wrap(stage.Name, nameFont, textWidth - tagWidth - 8, 2);
        foreach (var line in nameLines)
        {
            pen.Start(line, left, y, nameFont, ink);
            y += 18;
        }

        y = rect.Top + 60;
        pen.Start(ChartCanvas.Fit(stage.OwnerName ?? stage.Owner, ownerFont, textWidth), left, y, ownerFont, subtle);
        y += 20;
        foreach (var line in ChartCanvas.WrapSegments(stage.OpenLine, " · ", openFont, textWidth, 2))
        {
            pen.Start(line, left, y, openFont, numbers);
            y += 17;
        }

        if (stage.HealthLine is { } health)
        {
            pen.Start(ChartCanvas.Fit(health, lineFont, textWidth), left, y, lineFont, warning);
            y += 17;
        }

        foreach (var branch in stage.Branches.Take(2))
        {
            pen.Start(ChartCanvas.Fit(branch, branchFont, textWidth), left, y, branchFont, subtle);
            y += 14;
        }
    }

    private static void DrawNext(ChartPen pen, SKRect from, SKRect to, bool sameRow, bool adjacent, string? label)
    {
        var canvas = pen.Canvas;
        using var line = new SKPaint { Color = Arrow, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 2 };
        using var head = new SKPaint { Color = Arrow, IsAntialias = true, Style = SKPaintStyle.Fill };
        using var rate = ChartCanvas.Font(12, bold: true);
        using var sample = ChartCanvas.Font(11);
        using var ink = new SKPaint { Color = Ink, IsAntialias = true };
        using var subtle = new SKPaint { Color = Subtle, IsAntialias = true };
        var (percent, of) = SplitRate(label);

        if (adjacent && sameRow)
        {
            var rightward = to.Left > from.Left;
            var x1 = rightward ? from.Right : from.Left;
            var x2 = rightward ? to.Left : to.Right;
            var y = from.MidY;
            canvas.DrawLine(x1, y, x2 - (rightward ? 9 : -9), y, line);
            ArrowHead(canvas, new SKPoint(x2, y), new SKPoint(rightward ? 1 : -1, 0), head);
            var mid = (x1 + x2) / 2;
            if (percent is not null)
            {
                pen.Text(percent, mid, y - 8, SKTextAlign.Center, rate, ink);
            }

            if (of is not null)
            {
                pen.Text(ChartCanvas.Fit(of, sample, GapX - 6), mid, y + 18, SKTextAlign.Center, sample, subtle);
            }

            return;
        }

        if (adjacent)
        {
            // The row's end: straight down into the box under it (the snake turns there).
            var x = from.MidX;
            canvas.DrawLine(x, from.Bottom, x, to.Top - 9, line);
            ArrowHead(canvas, new SKPoint(x, to.Top), new SKPoint(0, 1), head);
            var y = (from.Bottom + to.Top) / 2;
            if (percent is not null)
            {
                pen.Start(percent + (of is null ? string.Empty : "  " + of), pen.RightToLeft ? x - 10 : x + 10, y + 5, rate, ink);
            }

            return;
        }

        // A skip: a curve over the boxes' tops.
        using var builder = new SKPathBuilder();
        builder.MoveTo(from.MidX, from.Top);
        var top = Math.Min(from.Top, to.Top) - (GapY * 0.6f);
        builder.CubicTo(from.MidX, top, to.MidX, top, to.MidX, to.Top - 9);
        using var path = builder.Detach();
        canvas.DrawPath(path, line);
        ArrowHead(canvas, new SKPoint(to.MidX, to.Top), new SKPoint(0, 1), head);
        if (label is not null)
        {
            pen.Text(label, (from.MidX + to.MidX) / 2, top + 4, SKTextAlign.Center, sample, ink);
        }
    }

    private static void DrawBranch(ChartPen pen, SKRect from, SKRect to, bool sameRow, string? label)
    {
        var canvas = pen.Canvas;
        using var dash = SKPathEffect.CreateDash([6, 4], 0);
        using var line = new SKPaint { Color = BranchGrey, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 1.6f, PathEffect = dash };
        using var head = new SKPaint { Color = BranchGrey, IsAntialias = true, Style = SKPaintStyle.Fill };
        using var font = ChartCanvas.Font(11);
        using var subtle = new SKPaint { Color = Subtle, IsAntialias = true };
        using var builder = new SKPathBuilder();

        // Through the gap under the row: from the bottom of one box to the bottom of the other.
        var x1 = from.MidX + (to.MidX > from.MidX ? 40 : -40);
        var x2 = to.MidX + (to.MidX > from.MidX ? -40 : 40);
        var bottom = Math.Max(from.Bottom, to.Bottom) + (GapY * (sameRow ? 0.62f : 0.4f));
        builder.MoveTo(x1, from.Bottom);
        builder.CubicTo(x1, bottom, x2, bottom, x2, to.Bottom + 9);
        using var path = builder.Detach();
        canvas.DrawPath(path, line);
        ArrowHead(canvas, new SKPoint(x2, to.Bottom), new SKPoint(0, -1), head);
        if (label is { Length: > 0 })
        {
            var text = ChartCanvas.Fit(label, font, Math.Abs(x2 - x1) + GapX);
            var mid = (x1 + x2) / 2;
            var w = TextShaper.Measure(text, font);
            using var back = new SKPaint { Color = SKColors.White };
            canvas.DrawRect(SKRect.Create(mid - (w / 2) - 3, bottom - 16, w + 6, 15), back);
            pen.Text(text, mid, bottom - 4, SKTextAlign.Center, font, subtle);
        }
    }

    private static void DrawOutcomes(ChartPen pen, IReadOnlyList<MapChartOutcome> outcomes, float top, int width)
    {
        var canvas = pen.Canvas;
        var rtl = pen.RightToLeft;
        if (outcomes.Count == 0)
        {
            return;
        }

        var slot = (width - (2 * Margin) - ((outcomes.Count - 1) * GapX)) / outcomes.Count;
        using var dash = SKPathEffect.CreateDash([5, 4], 0);
        using var border = new SKPaint { Color = BranchGrey, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 1.5f, PathEffect = dash };
        using var fill = new SKPaint { Color = new SKColor(0xf5, 0xf5, 0xf5), IsAntialias = true };
        using var ink = new SKPaint { Color = Ink, IsAntialias = true };
        using var subtle = new SKPaint { Color = Subtle, IsAntialias = true };
        using var name = ChartCanvas.Font(14, bold: true);
        using var detail = ChartCanvas.Font(12);
        for (var i = 0; i < outcomes.Count; i++)
        {
            var left = Margin + (i * (slot + GapX));
            var rect = SKRect.Create(rtl ? width - left - slot : left, top, slot, OutcomeHeight);
            var start = rtl ? rect.Right - 28 : rect.Left + 28;
            canvas.DrawRoundRect(rect, OutcomeHeight / 2, OutcomeHeight / 2, fill);
            canvas.DrawRoundRect(rect, OutcomeHeight / 2, OutcomeHeight / 2, border);
            pen.Start(outcomes[i].Name, start, rect.Top + 24, name, ink);
            pen.Start(ChartCanvas.Fit(outcomes[i].Detail, detail, slot - 56), start, rect.Top + 44, detail, subtle);
        }
    }

    private static void ArrowHead(SKCanvas canvas, SKPoint tip, SKPoint direction, SKPaint paint)
    {
        using var builder = new SKPathBuilder();
        var back = new SKPoint(tip.X - (direction.X * 10), tip.Y - (direction.Y * 10));
        var normal = new SKPoint(-direction.Y * 5, direction.X * 5);
        builder.MoveTo(tip);
        builder.LineTo(back.X + normal.X, back.Y + normal.Y);
        builder.LineTo(back.X - normal.X, back.Y - normal.Y);
        builder.Close();
        using var path = builder.Detach();
        canvas.DrawPath(path, paint);
    }

    /// <summary>"62% (5 of 8)" → ("62%", "5 of 8"), so the two parts can sit above and under the arrow.</summary>
    private static (string? Percent, string? Of) SplitRate(string? label)
    {
        if (label is null)
        {
            return (null, null);
        }

        var open = label.IndexOf(" (", StringComparison.Ordinal);
        return open < 0 || !label.EndsWith(')') ? (label, null) : (label[..open], label[(open + 2)..^1]);
    }

    private static SKColor OwnerColor(string owner) => owner switch
    {
        "marketing" => new SKColor(0x8e, 0x24, 0xaa),
        "sales" => new SKColor(0x15, 0x65, 0xc0),
        "sales-engineer" => new SKColor(0x00, 0x83, 0x8f),
        "implementation" => new SKColor(0xef, 0x6c, 0x00),
        "customer-success" => new SKColor(0x2e, 0x7d, 0x32),
        _ => new SKColor(0x75, 0x75, 0x75),
    };
}
