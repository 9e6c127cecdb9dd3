using SalesCoachBot.Core.Pipeline;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Tests.Understanding;

/// <summary>
/// Session 52's audit: a manager's Arabic KPI questions were read as a team called «بين المراحل», «متوسط», «يوم» or
/// «اخبار», or not understood («نسبة التحويل هذا الربع»). They ask for the pipeline, whose figures hold those KPIs.
/// </summary>
public sealed class ManagerKpiWords52Tests
{
    private readonly CommandParser _parser = new();

    [Theory]
    [InlineData("نسبة التحويل")]
    [InlineData("معدل التحويل بين المراحل")]
    [InlineData("دورة البيع")]
    [InlineData("متوسط مدة دورة البيع")]
    [InlineData("إيه أخبار البايبلاين")]
    [InlineData("الرسم البياني لخط المبيعات")]
    [InlineData("خط المبيعات لكل الفرق")]
    [InlineData("خط المبيعات لجميع الفرق")]
    [InlineData("pipeline weighted")]
    [InlineData("خط المبيعات حقي")]
    [InlineData("شو وضع البايبلاين تبعي")]
    public void Parse_ArabicKpiQuestion_IsThePipelineOfNoNamedTeam(string text)
    {
        var pipeline = Assert.IsType<PipelineCommand>(_parser.Parse(text));

        Assert.Null(pipeline.TeamName);
    }

    [Fact]
    public void Parse_ArabicConversionThisQuarter_IsThisQuartersPipeline()
    {
        var pipeline = Assert.IsType<PipelineCommand>(_parser.Parse("نسبة التحويل هذا الربع"));

        Assert.Null(pipeline.TeamName);
        Assert.Equal((CalendarUnit.Quarter, false), (pipeline.Period!.Unit, pipeline.Period.Previous));
    }

    [Fact]
    public void Parse_ArabicConversionForATeam_NamesTheTeam()
    {
        var pipeline = Assert.IsType<PipelineCommand>(_parser.Parse("نسبة التحويل لفريق EMEA"));

        Assert.Equal("EMEA", pipeline.TeamName);
    }
}
