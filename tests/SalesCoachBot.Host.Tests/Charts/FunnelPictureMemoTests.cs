using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.Pipeline;
using SalesCoachBot.Host.Charts;

namespace SalesCoachBot.Host.Tests.Charts;

/// <summary>
/// The funnel picture is drawn once per distinct content (ADR 0026): the same figures asked again give the same bytes
/// without drawing, and any change the picture shows — a count, an amount, a rate, the language — draws it anew.
/// </summary>
public sealed class FunnelPictureMemoTests
{
    private static FunnelChart Chart(int demoDeals = 12, string amount = "480k EUR", string? rate = "62% (5 of 8)") =>
        new("Pipeline — EMEA", "last 12 months",
            [new FunnelStep("Discovery", 20, "1.2M EUR", null), new FunnelStep("Demo", demoDeals, amount, rate)]);

    [Fact]
    public void RenderPng_SameFiguresAgain_SameBytesAsDrawingThem_EachCallerOwnsItsCopy()
    {
        var renderer = new ChartRenderer(new BarChartRenderer(), new FunnelChartRenderer(), new MapChartRenderer());
        var drawn = new FunnelChartRenderer().RenderPng(Chart());

        var first = renderer.RenderPng(Chart());
        Assert.Equal(drawn, first);
        first[^1] ^= 0xff; // a caller scribbling on its bytes changes nobody else's
        Assert.Equal(drawn, renderer.RenderPng(Chart()));
    }

    [Fact]
    public void RenderPng_AnyDrawnFigureChanged_DrawsTheNewPicture()
    {
        var renderer = new ChartRenderer(new BarChartRenderer(), new FunnelChartRenderer(), new MapChartRenderer());
        var direct = new FunnelChartRenderer();
        var before = renderer.RenderPng(Chart());
        foreach (var changed in new[]
        {
            Chart(demoDeals: 13), Chart(amount: "481k EUR"), Chart(rate: "63% (5 of 8)"), Chart(rate: null),
            Chart() with { Language = ReplyLanguage.Arabic }, Chart() with { Subtitle = "last 90 days" },
        })
        {
            var png = renderer.RenderPng(changed);
            Assert.NotEqual(before, png);
            Assert.Equal(direct.RenderPng(changed), png);
        }

        Assert.Equal(before, renderer.RenderPng(Chart()));
    }
}
