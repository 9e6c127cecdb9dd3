using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Tests.Understanding;

/// <summary>
/// Session 53 (audit52 LEFT 19): "win rate", "cycle time", «معدل الفوز» asked for one figure and got the whole report. The
/// parser now carries the figure asked (<see cref="PipelineCommand.Focus"/>), answered in the reply's first line.
/// </summary>
public sealed class PipelineFocusTests
{
    private readonly CommandParser _parser = new();

    [Theory]
    [InlineData("conversion this quarter", PipelineFocus.Conversion)]
    [InlineData("conversion rates", PipelineFocus.Conversion)]
    [InlineData("stage conversion for EMEA", PipelineFocus.Conversion)]
    [InlineData("what's our conversion from stage to stage", PipelineFocus.Conversion)]
    [InlineData("stage by stage conversion", PipelineFocus.Conversion)]
    [InlineData("conversion last quarter", PipelineFocus.Conversion)]
    [InlineData("conversion rates this month", PipelineFocus.Conversion)]
    [InlineData("cycle time", PipelineFocus.CycleTime)]
    [InlineData("cycle time this quarter", PipelineFocus.CycleTime)]
    [InlineData("sales cycle for EMEA", PipelineFocus.CycleTime)]
    [InlineData("how long is our sales cycle", PipelineFocus.CycleTime)]
    [InlineData("how long does it take us to close a deal", PipelineFocus.CycleTime)]
    [InlineData("how long do deals take to close", PipelineFocus.CycleTime)]
    [InlineData("cycle time last 90 days", PipelineFocus.CycleTime)]
    [InlineData("win rate", PipelineFocus.WinRate)]
    [InlineData("win rate this quarter", PipelineFocus.WinRate)]
    [InlineData("what's our win rate in EMEA", PipelineFocus.WinRate)]
    [InlineData("win rate last month", PipelineFocus.WinRate)]
    [InlineData("win rate for last quarter", PipelineFocus.WinRate)]
    [InlineData("weighted pipeline", PipelineFocus.Weighted)]
    [InlineData("forecast", PipelineFocus.Weighted)]
    [InlineData("forecast for EMEA", PipelineFocus.Weighted)]
    [InlineData("what's the forecast for this quarter", PipelineFocus.Weighted)]
    [InlineData("pipeline weighted", PipelineFocus.Weighted)]
    [InlineData("forecast this month", PipelineFocus.Weighted)]
    [InlineData("pipeline", PipelineFocus.None)]
    [InlineData("pipeline EMEA last 90 days", PipelineFocus.None)]
    [InlineData("how are we doing", PipelineFocus.None)]
    [InlineData("team report for EMEA", PipelineFocus.None)]
    [InlineData("funnel", PipelineFocus.None)]
    [InlineData("how's the quarter looking", PipelineFocus.None)]
    [InlineData("pipeline this month", PipelineFocus.None)]
    public void Parse_EnglishKpiQuestion_CarriesTheFigureAsked(string text, PipelineFocus focus)
    {
        var pipeline = Assert.IsType<PipelineCommand>(_parser.Parse(text));

        Assert.Equal(focus, pipeline.Focus);
    }

    [Theory]
    [InlineData("نسبة التحويل", PipelineFocus.Conversion)]
    [InlineData("نسبة التحويل هذا الربع", PipelineFocus.Conversion)]
    [InlineData("معدل التحويل لفريق EMEA", PipelineFocus.Conversion)]
    [InlineData("نسب التحويل", PipelineFocus.Conversion)]
    [InlineData("معدل التحويل بين المراحل", PipelineFocus.Conversion)]
    [InlineData("نسبة التحويل لفريق EMEA", PipelineFocus.Conversion)]
    [InlineData("معدل التحويل", PipelineFocus.Conversion)]
    [InlineData("دورة البيع", PipelineFocus.CycleTime)]
    [InlineData("متوسط مدة دورة البيع", PipelineFocus.CycleTime)]
    [InlineData("مدة دورة البيع", PipelineFocus.CycleTime)]
    [InlineData("كم مدة دورة البيع عند EMEA", PipelineFocus.CycleTime)]
    [InlineData("متوسط دورة البيع", PipelineFocus.CycleTime)]
    [InlineData("دورة البيع هذا الربع", PipelineFocus.CycleTime)]
    [InlineData("مدة دورة البيع الشهر الماضي", PipelineFocus.CycleTime)]
    [InlineData("نسبة الفوز", PipelineFocus.WinRate)]
    [InlineData("معدل الفوز", PipelineFocus.WinRate)]
    [InlineData("نسبة الفوز لفريق EMEA", PipelineFocus.WinRate)]
    [InlineData("معدل الفوز هذا الربع", PipelineFocus.WinRate)]
    [InlineData("نسبة الفوز الشهر الماضي", PipelineFocus.WinRate)]
    [InlineData("نسبة الفوز آخر 90 يوم", PipelineFocus.WinRate)]
    [InlineData("توقعات المبيعات", PipelineFocus.Weighted)]
    [InlineData("التوقعات لفريق EMEA", PipelineFocus.Weighted)]
    [InlineData("خط المبيعات المرجح", PipelineFocus.Weighted)]
    [InlineData("توقعات المبيعات هذا الربع", PipelineFocus.Weighted)]
    [InlineData("القيمة المرجحة لخط المبيعات", PipelineFocus.Weighted)]
    [InlineData("خط المبيعات", PipelineFocus.None)]
    [InlineData("خط المبيعات لفريق EMEA", PipelineFocus.None)]
    [InlineData("كيف أداء الفريق", PipelineFocus.None)]
    [InlineData("تقرير الفريق", PipelineFocus.None)]
    [InlineData("قمع المبيعات", PipelineFocus.None)]
    [InlineData("كيف وضعنا", PipelineFocus.None)]
    [InlineData("خط المبيعات هذا الشهر", PipelineFocus.None)]
    public void Parse_ArabicKpiQuestion_CarriesTheFigureAsked(string text, PipelineFocus focus)
    {
        var pipeline = Assert.IsType<PipelineCommand>(_parser.Parse(text));

        Assert.Equal(focus, pipeline.Focus);
    }

    [Theory]
    [InlineData("EMEA pipeline in EUR", "EMEA", "EUR")]
    [InlineData("pipeline EMEA in EUR", "EMEA", "EUR")]
    [InlineData("pipeline in USD", null, "USD")]
    [InlineData("pipeline in dollars", null, "USD")]
    [InlineData("pipeline for all teams", null, null)]
    [InlineData("خط المبيعات بالدولار", null, "USD")]
    [InlineData("خط المبيعات لفريق EMEA باليورو", "EMEA", "EUR")]
    public void Parse_PipelineInACurrency_TheCurrencyNotATeam(string text, string? team, string? currency)
    {
        var pipeline = Assert.IsType<PipelineCommand>(_parser.Parse(text));

        Assert.Equal((team, currency), (pipeline.TeamName, pipeline.Currency));
    }

    [Theory]
    [InlineData("win rate this quarter", null)]
    [InlineData("cycle time EMEA", "EMEA")]
    [InlineData("معدل الفوز هذا الربع", null)]
    [InlineData("نسبة التحويل لفريق EMEA", "EMEA")]
    public void Parse_FocusedQuestion_KeepsTheTeamAndNoFocusWordAsTeam(string text, string? team)
    {
        var pipeline = Assert.IsType<PipelineCommand>(_parser.Parse(text));

        Assert.Equal(team, pipeline.TeamName);
        Assert.NotEqual(PipelineFocus.None, pipeline.Focus);
    }
}
