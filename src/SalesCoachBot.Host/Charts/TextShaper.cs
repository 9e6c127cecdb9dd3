using System.Reflection;
using HarfBuzzSharp;
using SkiaSharp;
using SkiaSharp.HarfBuzz;

namespace SalesCoachBot.Host.Charts;

/// <summary>One run of a line, in visual order: glyphs from HarfBuzz, drawn with one typeface in one direction.</summary>
internal sealed record ShapedRun(string Text, SKTypeface Typeface, ushort[] Glyphs, SKPoint[] Positions, float Width, bool RightToLeft);

/// <summary>A line of text ready to draw: its runs left to right and its width.</summary>
internal sealed record ShapedLine(IReadOnlyList<ShapedRun> Runs, float Width, bool RightToLeft);

/// <summary>
/// Writes text that may hold Arabic (ADR 0023). Text without Arabic is drawn by Skia as before (its widths and pixels
/// unchanged). Text with Arabic goes through a small implementation of the Unicode bidi algorithm (UAX #9: the paragraph's
/// direction from its first strong letter outside isolates, numbers and Latin words as left-to-right runs, neutrals
/// taking the direction around them, isolates FSI…PDI as their own paragraphs, runs reordered by level) and every run
/// is shaped by HarfBuzz — Arabic letters joined (initial, medial, final forms, lam-alef), brackets mirrored — with
/// Noto Sans Arabic for Arabic script and the chart's font for the rest.
/// </summary>
internal static class TextShaper
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<SKTypeface, SKShaper> Shapers = [];

    /// <summary>Noto Sans Arabic, carried in the assembly (Charts/Fonts, SIL OFL 1.1) so no machine depends on a font package.</summary>
    public static readonly SKTypeface ArabicRegular = Embedded("NotoSansArabic-Regular.ttf");

    public static readonly SKTypeface ArabicBold = Embedded("NotoSansArabic-Bold.ttf");

    /// <summary>True when the text holds a letter of a right-to-left script (Arabic, Hebrew, their presentation forms).</summary>
    public static bool HasRightToLeft(string text)
    {
        foreach (var c in text)
        {
            if (Classify(c) == Kind.R)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The width the text takes when drawn with <paramref name="font"/>.</summary>
    public static float Measure(string text, SKFont font) =>
        HasRightToLeft(text) ? Shape(text, font).Width : font.MeasureText(WithoutControls(text));

    /// <summary>Draws one line at (<paramref name="x"/>, baseline <paramref name="y"/>); returns the box it covers.</summary>
    public static SKRect Draw(SKCanvas canvas, string text, float x, float y, SKTextAlign align, SKFont font, SKPaint paint)
    {
        if (!HasRightToLeft(text))
        {
            // Left to right only: Skia draws it as it always did, less the isolates Arabic replies wrap figures in.
            text = WithoutControls(text);
            canvas.DrawText(text, x, y, align, font, paint);
            var plain = font.MeasureText(text);
            return Box(Start(x, plain, align), y, plain, font);
        }

        var line = Shape(text, font);
        var left = Start(x, line.Width, align);
        var pen = left;
        foreach (var run in line.Runs)
        {
            if (run.Glyphs.Length > 0)
            {
                using var runFont = Derive(font, run.Typeface);
                using var builder = new SKTextBlobBuilder();
                var buffer = builder.AllocatePositionedRun(runFont, run.Glyphs.Length);
                buffer.SetGlyphs(run.Glyphs);
                buffer.SetPositions(run.Positions);
                using var blob = builder.Build();
                if (blob is not null)
                {
                    canvas.DrawText(blob, pen, y, paint);
                }
            }

            pen += run.Width;
        }

        return Box(left, y, line.Width, font);
    }

    /// <summary>The text less its bidi controls (isolates, marks, zero-width joiners), which a font would draw as boxes.</summary>
    public static string WithoutControls(string text)
    {
        if (!text.Any(c => Classify(c) is Kind.Isolate or Kind.Pop or Kind.Mark))
        {
            return text;
        }

        return string.Concat(text.Where(c => Classify(c) is not (Kind.Isolate or Kind.Pop or Kind.Mark)));
    }

    /// <summary>The line laid out: bidi runs in visual order, each shaped by HarfBuzz with the font that has its letters.</summary>
    public static ShapedLine Shape(string text, SKFont font)
    {
        var kinds = text.Select(Classify).ToArray();
        var levels = new int[text.Length];
        var paragraph = FirstStrong(kinds, 0, text.Length) == Kind.R ? 1 : 0;
        Resolve(kinds, levels, 0, text.Length, paragraph);

        // Logical runs: same level, same font; bidi controls are not drawn.
        var runs = new List<(int Start, int End, int Level, bool Arabic)>();
        var start = -1;
        var arabic = false;
        for (var i = 0; i <= text.Length; i++)
        {
            var skip = i < text.Length && kinds[i] is Kind.Isolate or Kind.Pop or Kind.Mark;
            var isArabic = i < text.Length && !skip && UsesArabicFont(text, kinds, i, arabic && start >= 0 && levels[i] == levels[start]);
            if (start >= 0 && (i == text.Length || skip || levels[i] != levels[start] || isArabic != arabic))
            {
                runs.Add((start, i, levels[start], arabic));
                start = -1;
            }

            if (i < text.Length && !skip && start < 0)
            {
                start = i;
                arabic = isArabic;
            }
        }

        // Rule L2: from the highest level down to the lowest odd one, reverse every stretch at that level or higher.
        var order = Enumerable.Range(0, runs.Count).ToList();
        if (runs.Count > 0)
        {
            var highest = runs.Max(r => r.Level);
            var lowestOdd = runs.Where(r => r.Level % 2 == 1).Select(r => r.Level).DefaultIfEmpty(highest + 1).Min();
            for (var level = highest; level >= lowestOdd; level--)
            {
                for (var i = 0; i < order.Count;)
                {
                    if (runs[order[i]].Level < level)
                    {
                        i++;
                        continue;
                    }

                    var end = i;
                    while (end < order.Count && runs[order[end]].Level >= level)
                    {
                        end++;
                    }

                    order.Reverse(i, end - i);
                    i = end;
                }
            }
        }

        var shaped = new List<ShapedRun>(runs.Count);
        foreach (var index in order)
        {
            var (from, to, level, useArabic) = runs[index];
            var typeface = useArabic ? (font.Typeface?.IsBold == true ? ArabicBold : ArabicRegular) : font.Typeface ?? SKTypeface.Default;
            shaped.Add(ShapeRun(text[from..to], typeface, font, level % 2 == 1));
        }

        return new ShapedLine(shaped, shaped.Sum(r => r.Width), paragraph == 1);
    }

    private static ShapedRun ShapeRun(string text, SKTypeface typeface, SKFont font, bool rightToLeft)
    {
        using var runFont = Derive(font, typeface);
        using var buffer = new HarfBuzzSharp.Buffer();
        buffer.AddUtf16(text);
        buffer.GuessSegmentProperties();
        buffer.Direction = rightToLeft ? Direction.RightToLeft : Direction.LeftToRight;
        SKShaper.Result result;
        lock (Gate)
        {
            if (!Shapers.TryGetValue(typeface, out var shaper))
            {
                shaper = new SKShaper(typeface);
                Shapers[typeface] = shaper;
            }

            result = shaper.Shape(buffer, 0, 0, runFont);
        }

        var glyphs = result.Codepoints.Select(c => (ushort)c).ToArray();
        return new ShapedRun(text, typeface, glyphs, result.Points, result.Width, rightToLeft);
    }

    private static SKFont Derive(SKFont font, SKTypeface typeface) => new(typeface, font.Size)
    {
        Edging = font.Edging,
        Hinting = font.Hinting,
        Subpixel = font.Subpixel,
        Embolden = font.Embolden,
    };

    private static float Start(float x, float width, SKTextAlign align) => align switch
    {
        SKTextAlign.Center => x - (width / 2),
        SKTextAlign.Right => x - width,
        _ => x,
    };

    private static SKRect Box(float left, float baseline, float width, SKFont font)
    {
        var metrics = font.Metrics;
        return new SKRect(left, baseline + metrics.Ascent, left + width, baseline + metrics.Descent);
    }

    /// <summary>
    /// Levels for text[from..to) as a paragraph (or isolate) at <paramref name="level"/>: a reduced UAX #9 — strong
    /// letters (L, R), numbers (European and Arabic digits with the separators and signs around them, always laid out
    /// left to right), neutrals, and isolates resolved recursively. No explicit embeddings or overrides: the bot writes none.
    /// </summary>
    private static void Resolve(Kind[] kinds, int[] levels, int from, int to, int level)
    {
        var rtl = level % 2 == 1;

        // Isolates: their content is a paragraph of its own; the outside sees one neutral.
        var types = new Kind[to - from];
        for (var i = from; i < to; i++)
        {
            types[i - from] = kinds[i];
            if (kinds[i] == Kind.Isolate)
            {
                var close = MatchingPop(kinds, i, to);
                var inner = FirstStrong(kinds, i + 1, close) == Kind.R ? NextOdd(level) : NextEven(level);
                Resolve(kinds, levels, i + 1, close, inner);
                levels[i] = level;
                types[i - from] = Kind.Neutral;
                for (var j = i + 1; j < close; j++)
                {
                    types[j - from] = Kind.Skipped;
                }

                if (close < to)
                {
                    levels[close] = level;
                    types[close - from] = Kind.Neutral;
                }

                i = close;
            }
        }

        // Separators between two digits and signs touching a number belong to the number ("1,250", "62%", "#1004").
        for (var i = 0; i < types.Length; i++)
        {
            if (types[i] == Kind.Separator)
            {
                types[i] = i > 0 && i + 1 < types.Length && types[i - 1] == Kind.Number && types[i + 1] == Kind.Number ? Kind.Number : Kind.Neutral;
            }
        }

        for (var i = 0; i < types.Length; i++)
        {
            if (types[i] == Kind.Sign && ((i > 0 && types[i - 1] == Kind.Number) || (i + 1 < types.Length && types[i + 1] == Kind.Number)))
            {
                types[i] = Kind.Number;
            }
            else if (types[i] == Kind.Sign)
            {
                types[i] = Kind.Neutral;
            }
        }

        // Neutrals: the direction of the strong types on both sides when they agree (numbers count as R), else the paragraph's.
        var lastStrong = rtl ? Kind.R : Kind.L;
        for (var i = 0; i < types.Length; i++)
        {
            if (types[i] is Kind.L or Kind.R or Kind.Number)
            {
                lastStrong = types[i] == Kind.L ? Kind.L : Kind.R;
                continue;
            }

            if (types[i] != Kind.Neutral && types[i] != Kind.Mark)
            {
                continue;
            }

            var end = i;
            while (end < types.Length && types[end] is Kind.Neutral or Kind.Mark or Kind.Skipped)
            {
                end++;
            }

            var next = end < types.Length ? (types[end] == Kind.L ? Kind.L : Kind.R) : (rtl ? Kind.R : Kind.L);
            var resolved = next == lastStrong ? next : (rtl ? Kind.R : Kind.L);
            for (var j = i; j < end; j++)
            {
                if (types[j] != Kind.Skipped)
                {
                    types[j] = resolved == Kind.L ? Kind.ResolvedL : Kind.ResolvedR;
                }
            }

            i = end - 1;
        }

        var before = rtl ? Kind.R : Kind.L;
        for (var i = 0; i < types.Length; i++)
        {
            var at = from + i;
            switch (types[i])
            {
                case Kind.Skipped:
                    continue;
                case Kind.L or Kind.ResolvedL:
                    levels[at] = rtl ? level + 1 : level;
                    break;
                case Kind.R or Kind.ResolvedR:
                    levels[at] = rtl ? level : level + 1;
                    break;
                case Kind.Number:
                    // Digits read left to right: one level up in a right-to-left paragraph; after Arabic letters in a
                    // left-to-right one they are Arabic numbers, two up (rules W2, I1, I2).
                    levels[at] = rtl ? level + 1 : before == Kind.R ? level + 2 : level;
                    break;
                default:
                    levels[at] = level;
                    break;
            }

            if (types[i] is Kind.L or Kind.R)
            {
                before = types[i];
            }
        }
    }

    private static int MatchingPop(Kind[] kinds, int isolate, int to)
    {
        var depth = 0;
        for (var i = isolate + 1; i < to; i++)
        {
            if (kinds[i] == Kind.Isolate)
            {
                depth++;
            }
            else if (kinds[i] == Kind.Pop && depth-- == 0)
            {
                return i;
            }
        }

        return to;
    }

    /// <summary>Rule P2: the first L or R letter, skipping isolates; L when there is none.</summary>
    private static Kind FirstStrong(Kind[] kinds, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            if (kinds[i] is Kind.L or Kind.R)
            {
                return kinds[i];
            }

            if (kinds[i] == Kind.Isolate)
            {
                i = MatchingPop(kinds, i, to);
            }
        }

        return Kind.L;
    }

    private static int NextOdd(int level) => level % 2 == 0 ? level + 1 : level + 2;

    private static int NextEven(int level) => level % 2 == 0 ? level + 2 : level + 1;

    /// <summary>Arabic script (and the Arabic comma, question mark, digits) takes the Arabic font; spaces stay with the run they are in.</summary>
    private static bool UsesArabicFont(string text, Kind[] kinds, int i, bool runIsArabic)
    {
        var c = text[i];
        if (IsArabicScript(c))
        {
            return true;
        }

        return char.IsWhiteSpace(c) && runIsArabic;
    }

    private static bool IsArabicScript(char c) =>
        c is (>= '\u0600' and <= '\u06FF') or (>= '\u0750' and <= '\u077F') or (>= '\u08A0' and <= '\u08FF')
            or (>= '\uFB50' and <= '\uFDFF') or (>= '\uFE70' and <= '\uFEFF');

    private static Kind Classify(char c) => c switch
    {
        '\u2066' or '\u2067' or '\u2068' => Kind.Isolate,
        '\u2069' => Kind.Pop,
        '\u200E' or '\u200F' or '\u061C' or (>= '\u202A' and <= '\u202E') or '\u200B' or '\u200C' or '\u200D' or '\uFEFF' => Kind.Mark,
        >= '0' and <= '9' => Kind.Number,
        (>= '\u0660' and <= '\u0669') or '\u066B' or '\u066C' or (>= '\u06F0' and <= '\u06F9') => Kind.Number,
        ',' or '.' or ':' or '/' => Kind.Separator,
        '%' or '#' or '$' or '+' or '-' or '\u2212' or '\u066A' or '€' or '£' => Kind.Sign,
        _ when IsArabicScript(c) || c is >= '\u0590' and <= '\u05FF' => char.IsLetter(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark
            or System.Globalization.UnicodeCategory.ModifierLetter ? Kind.R : Kind.Neutral,
        _ when char.IsLetter(c) => Kind.L,
        _ => Kind.Neutral,
    };

    private static SKTypeface Embedded(string file)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("SalesCoachBot.Host.Charts.Fonts." + file)
            ?? throw new InvalidOperationException($"The chart font {file} is not embedded in the host assembly.");
        using var data = SKData.Create(stream);
        return SKTypeface.FromData(data) ?? throw new InvalidOperationException($"SkiaSharp could not read the chart font {file}.");
    }

    private enum Kind
    {
        L,
        R,
        Number,
        Separator,
        Sign,
        Neutral,
        Isolate,
        Pop,
        Mark,
        Skipped,
        ResolvedL,
        ResolvedR,
    }
}
