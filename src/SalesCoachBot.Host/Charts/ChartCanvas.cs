using SkiaSharp;

namespace SalesCoachBot.Host.Charts;

/// <summary>What the chart renderers share: the fonts, text fitting (measured as drawn, Arabic shaped) and PNG encoding.</summary>
internal static class ChartCanvas
{
    // DejaVu Sans is what .ci/run installs; the fallback is whatever fontconfig offers.
    public static readonly SKTypeface Regular = SKTypeface.FromFamilyName("DejaVu Sans") ?? SKTypeface.Default;
    public static readonly SKTypeface Bold = SKTypeface.FromFamilyName("DejaVu Sans", SKFontStyle.Bold) ?? SKTypeface.Default;

    /// <summary>A font; <paramref name="crisp"/> draws hinted, non-antialiased glyphs (a third of the PNG bytes, for pictures inlined in a card).</summary>
    public static SKFont Font(float size, bool bold = false, bool crisp = false) =>
        crisp
            ? new(bold ? Bold : Regular, size) { Edging = SKFontEdging.Alias, Hinting = SKFontHinting.Full }
            : new(bold ? Bold : Regular, size) { Edging = SKFontEdging.Antialias, Subpixel = true };

    /// <summary><paramref name="value"/>, cut with an ellipsis so it fits <paramref name="width"/>.</summary>
    public static string Fit(string value, SKFont font, float width)
    {
        if (TextShaper.Measure(value, font) <= width)
        {
            return value;
        }

        var cut = value;
        while (cut.Length > 1 && TextShaper.Measure(cut + "…", font) > width)
        {
            cut = cut[..^1];
        }

        return cut.TrimEnd() + "…";
    }

    /// <summary>Words wrapped into at most <paramref name="maxLines"/> lines of <paramref name="width"/>; the last one cut when needed.</summary>
    public static List<string> Wrap(string value, SKFont font, float width, int maxLines)
    {
        var lines = new List<string>();
        var line = string.Empty;
        var words = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < words.Length; i++)
        {
            var candidate = line.Length == 0 ? words[i] : line + " " + words[i];
            if (TextShaper.Measure(candidate, font) <= width || line.Length == 0)
            {
                line = candidate;
                continue;
            }

            if (lines.Count == maxLines - 1)
            {
                lines.Add(Fit(string.Join(' ', [line, .. words[i..]]), font, width));
                return lines;
            }

            lines.Add(line);
            line = words[i];
        }

        if (line.Length > 0)
        {
            lines.Add(Fit(line, font, width));
        }

        return lines;
    }

    /// <summary>Like <see cref="Wrap"/>, but breaks only between the parts of a "a · b · c" list, so an amount stays whole.</summary>
    public static List<string> WrapSegments(string value, string separator, SKFont font, float width, int maxLines)
    {
        var lines = new List<string>();
        var line = string.Empty;
        foreach (var part in value.Split(separator))
        {
            var candidate = line.Length == 0 ? part : line + separator + part;
            if (TextShaper.Measure(candidate, font) <= width || line.Length == 0)
            {
                line = candidate;
                continue;
            }

            lines.Add(Fit(line, font, width));
            line = part;
            if (lines.Count == maxLines - 1)
            {
                break;
            }
        }

        var rest = value[(string.Join(separator, lines).Length + (lines.Count > 0 ? separator.Length : 0))..];
        if (rest.Length > 0)
        {
            lines.Add(Fit(rest, font, width));
        }

        return lines;
    }

    public static byte[] EncodePng(SKSurface surface)
    {
        using var image = surface.Snapshot();
        using var pixels = image.PeekPixels();
        using var data = pixels.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.AllFilters, 9))
            ?? throw new InvalidOperationException("SkiaSharp could not encode the chart as PNG.");
        return data.ToArray();
    }
}

/// <summary>A text the renderer drew and the box it covers (what the overlap tests check).</summary>
internal sealed record DrawnText(string Text, SKRect Box);

/// <summary>
/// Writes a picture's texts: shaped when they hold Arabic (<see cref="TextShaper"/>), each one's box kept when a test asks.
/// <see cref="RightToLeft"/> is the picture's direction: an Arabic picture is laid out mirrored.
/// </summary>
internal sealed class ChartPen(SKCanvas canvas, bool rightToLeft, List<DrawnText>? drawn = null)
{
    public SKCanvas Canvas => canvas;

    public bool RightToLeft => rightToLeft;

    public void Text(string text, float x, float y, SKTextAlign align, SKFont font, SKPaint paint)
    {
        var box = TextShaper.Draw(canvas, text, x, y, align, font, paint);
        drawn?.Add(new DrawnText(text, box));
    }

    /// <summary>Text that starts at <paramref name="x"/> in reading order: to its right in English, to its left in Arabic.</summary>
    public void Start(string text, float x, float y, SKFont font, SKPaint paint) =>
        Text(text, x, y, rightToLeft ? SKTextAlign.Right : SKTextAlign.Left, font, paint);
}
