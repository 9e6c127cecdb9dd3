using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.Pipeline;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Host.Charts;
using SkiaSharp;

namespace SalesCoachBot.Host.Tests.Charts;

/// <summary>
/// Pictures in Arabic (issue 17, ADR 0023): Arabic letters joined by HarfBuzz, runs in right-to-left order with Latin
/// names and figures kept left to right, the layout mirrored, nothing overlapping; English drawn as before.
/// </summary>
public sealed class ArabicChartTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);
    private static readonly Phrases Arabic = ReplyTexts.Shared.In(ReplyLanguage.Arabic);

    [Fact]
    public void Shape_ArabicStageName_JoinedFormsNotTheLettersOneByOne()
    {
        using var font = ChartCanvas.Font(14.5f, bold: true);
        const string name = "الاستكشاف";

        var line = TextShaper.Shape(name, font);

        var run = Assert.Single(line.Runs);
        Assert.True(run.RightToLeft);
        Assert.Same(TextShaper.ArabicBold, run.Typeface);
        using var arabicFont = new SKFont(TextShaper.ArabicBold, font.Size);
        var unshaped = arabicFont.GetGlyphs(name);
        Assert.DoesNotContain((ushort)0, run.Glyphs);
        // Joined letters take their initial/medial/final glyphs (lam-alef a ligature), and HarfBuzz writes them in visual order.
        Assert.NotEqual(unshaped, run.Glyphs);
        Assert.NotEqual(unshaped.Reverse(), run.Glyphs);
        Assert.True(run.Glyphs.Count(g => !unshaped.Contains(g)) >= 4, "fewer than four contextual forms");
    }

    [Theory]
    [InlineData("3 من 4", new[] { "4", " من ", "3" })]
    [InlineData("2 مفتوحة · \u206837k EUR\u2069", new[] { "37k EUR", " · ", "مفتوحة ", "2" })]
    [InlineData("\u2068B2B default\u2069 · الإصدار 1", new[] { "1", "الإصدار", " · ", "B2B default" })]
    [InlineData("Demo", new[] { "Demo" })]
    public void Shape_MixedText_RunsInRightToLeftOrder(string text, string[] visual)
    {
        using var font = ChartCanvas.Font(13);

        var runs = TextShaper.Shape(text, font).Runs.Select(r => r.Text).Where(t => t.Trim().Length > 0 || t.Length > 1).ToList();

        Assert.Equal(visual.Select(v => v.Trim()).Where(v => v.Length > 0), runs.Select(r => r.Trim()).Where(r => r.Length > 0));
    }

    [Fact]
    public void Shape_Brackets_MirroredInsideArabic()
    {
        using var font = ChartCanvas.Font(12);

        var line = TextShaper.Shape("الخسارة (غير مناسب)", font);

        // In a right-to-left run "(" is drawn as ")" (HarfBuzz applies the bidi mirroring).
        var bracketRun = line.Runs.Single(r => r.Text.Contains('(', StringComparison.Ordinal));
        Assert.True(bracketRun.RightToLeft);
        Assert.Contains(font.GetGlyphs(")")[0], bracketRun.Glyphs);
    }

    [Fact]
    public void RenderPng_ShippedMapInArabic_StageNamesInArabicMirroredAndNothingOverlaps()
    {
        var chart = MapChartBuilder.Empty(ProcessMapLoader.Default, Now, Arabic);
        var drawn = new List<DrawnText>();

        using var bitmap = SKBitmap.Decode(new MapChartRenderer().RenderPng(chart, drawn));

        Assert.Equal((1212, 1114), (bitmap.Width, bitmap.Height));
        Assert.All(chart.Stages, s => Assert.True(Bidi.IsArabicLetter(s.Name[0]), $"'{s.Name}' is not the map's Arabic name"));
        Assert.Equal("الوعي بالعلامة التجارية", chart.Stages[0].Name);

        // The first stage sits top right; its name starts at the box's right edge.
        var boxes = MapChartRenderer.Layout(14, rightToLeft: true);
        Assert.True(boxes[0].Left > boxes[1].Left && boxes[3].Left < boxes[2].Left, "the first row does not read right to left");
        var first = drawn.Single(d => d.Text == chart.Stages[0].Name);
        Assert.InRange(boxes[0].Right - first.Box.Right, 10, 20);

        NoTextOverlaps(drawn);
        InsideTheirBoxes(drawn, chart, boxes);
        Assert.DoesNotContain(drawn, d => d.Text.Contains('…', StringComparison.Ordinal) && chart.Stages.Any(s => s.Name.StartsWith(d.Text.TrimEnd('…'), StringComparison.Ordinal)));
    }

    [Fact]
    public void RenderPng_ShippedMapInEnglish_LaidOutAsBeforeAndNothingOverlaps()
    {
        var chart = MapChartBuilder.Empty(ProcessMapLoader.Default, Now);
        var drawn = new List<DrawnText>();

        new MapChartRenderer().RenderPng(chart, drawn);

        var boxes = MapChartRenderer.Layout(14);
        Assert.True(boxes[0].Left < boxes[1].Left, "the English map must still start top left");
        var first = drawn.Single(d => d.Text == "Brand awareness");
        Assert.Equal(boxes[0].Left + 16, first.Box.Left, 0.5f);
        Assert.Contains(drawn, d => d.Text == "START");
        NoTextOverlaps(drawn);
        InsideTheirBoxes(drawn, chart, boxes);
    }

    [Fact]
    public void RenderPng_FunnelInArabic_CountsWithTheirCountedNoun()
    {
        var chart = new FunnelChart("قمع خط المبيعات — \u2068EMEA\u2069", "الصفقات المفتوحة الآن",
            [new("الاستكشاف", 1, "80k EUR", null), new("العرض التوضيحي", 2, "90k EUR", null), new("التفاوض", 4, "95k EUR", null),
             new("الموافقة", 11, "99k EUR", null), new("العرض / عرض السعر", 0, string.Empty, null)])
        {
            Language = ReplyLanguage.Arabic,
        };
        var drawn = new List<DrawnText>();

        using var bitmap = SKBitmap.Decode(new FunnelChartRenderer().RenderPng(chart, drawn));

        // Was «1 مفتوحة», «4 مفتوحة»: a count before a feminine adjective with no noun.
        string Figures(string amount) => drawn.Single(d => d.Text.Contains(amount, StringComparison.Ordinal)).Text;
        Assert.StartsWith("صفقة مفتوحة واحدة · ", Figures("80k EUR"), StringComparison.Ordinal);
        Assert.StartsWith("صفقتان مفتوحتان · ", Figures("90k EUR"), StringComparison.Ordinal);
        Assert.Matches("^\u2068?4\u2069? صفقات مفتوحة · ", Figures("95k EUR"));
        Assert.Matches("^\u2068?11\u2069? صفقة مفتوحة · ", Figures("99k EUR"));
        Assert.Contains(drawn, d => d.Text == "لا صفقات مفتوحة");
        Assert.DoesNotContain(drawn, d => d.Text.StartsWith("0 ", StringComparison.Ordinal));
    }

    [Fact]
    public void RenderPng_FunnelInArabic_NamesRightFiguresLeftNothingOverlaps()
    {
        var chart = new FunnelChart("قمع خط المبيعات — \u2068EMEA\u2069", "الصفقات المفتوحة الآن",
            [new("الاستكشاف", 4, "320k EUR", null), new("العرض التوضيحي / الحل", 3, "360k EUR", "71% (5 من 7)"), new("العرض / عرض السعر", 0, string.Empty, null)])
        {
            Language = ReplyLanguage.Arabic,
        };
        var drawn = new List<DrawnText>();

        using var bitmap = SKBitmap.Decode(new FunnelChartRenderer().RenderPng(chart, drawn));

        Assert.Equal(FunnelChartRenderer.Width, bitmap.Width);
        var name = drawn.Single(d => d.Text == "الاستكشاف");
        var figures = drawn.Single(d => d.Text.Contains("320k EUR", StringComparison.Ordinal));
        Assert.Contains("مفتوحة", figures.Text, StringComparison.Ordinal);
        Assert.True(name.Box.Left > FunnelChartRenderer.Width / 2f, "the stage name is not on the right");
        Assert.True(figures.Box.Right < FunnelChartRenderer.Width / 2f, "the figures are not on the left");
        NoTextOverlaps(drawn);
    }

    [Fact]
    public void Draw_LatinWithIsolates_NoBoxesForTheControls()
    {
        using var font = ChartCanvas.Font(12);

        Assert.Equal(font.MeasureText("62%"), TextShaper.Measure("\u206862%\u2069", font));
        Assert.Equal("62%", TextShaper.WithoutControls("\u206862%\u2069"));
    }

    private static void NoTextOverlaps(List<DrawnText> drawn)
    {
        var texts = drawn.Where(d => d.Text.Trim().Length > 0).ToList();
        for (var i = 0; i < texts.Count; i++)
        {
            for (var j = i + 1; j < texts.Count; j++)
            {
                var a = Shrunk(texts[i].Box);
                var b = Shrunk(texts[j].Box);
                Assert.False(a.IntersectsWith(b), $"'{texts[i].Text}' {texts[i].Box} overlaps '{texts[j].Text}' {texts[j].Box}");
            }
        }
    }

    /// <summary>Each stage's name and figures lie inside the stage's box, and no text crosses a box's border.</summary>
    private static void InsideTheirBoxes(List<DrawnText> drawn, MapChart chart, IReadOnlyList<SKRect> boxes)
    {
        for (var i = 0; i < chart.Stages.Count; i++)
        {
            var box = boxes[i];
            var stage = chart.Stages[i];
            Assert.Contains(drawn, d => d.Text == stage.OpenLine && box.Contains(d.Box));
            Assert.Contains(drawn, d => stage.Name.StartsWith(d.Text, StringComparison.Ordinal) && box.Contains(d.Box));
            foreach (var text in drawn.Where(d => Shrunk(d.Box).IntersectsWith(box)))
            {
                Assert.True(box.Contains(text.Box), $"'{text.Text}' {text.Box} crosses the border of box {i + 1} {box}");
            }
        }
    }

    // Ascent and descent of two lines 17 px apart touch; a real overlap is more than a pixel or two.
    private static SKRect Shrunk(SKRect r) => SKRect.Inflate(r, -1.5f, -2.5f);
}
