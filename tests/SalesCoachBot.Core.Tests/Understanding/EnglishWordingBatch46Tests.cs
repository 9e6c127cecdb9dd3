using Xunit;

namespace SalesCoachBot.Core.Tests.Understanding;

/// <summary>
/// fix/english46: English that reps and managers type (typos, "pls", "@coach", missing apostrophes, a year alone, "X's in
/// STAGE", a person's deals, comparisons), each read exactly as shown. Changes never guessed: asked back, or help.
/// </summary>
public sealed class EnglishWordingBatch46Tests
{
    [Theory]
    // A team asked like a deal, with a period: its pipeline over that period (WhatsNextUseCase.TeamPipelineAsync).
    [InlineData("how's EMEA looking this quarter", "pipeline emea this-quarter")]
    [InlineData("hows emea looking last month", "pipeline emea last-month")]
    [InlineData("how's Hooli looking this quarter", "next 1012")]
    [InlineData("how is the team tracking", "pipeline - -")]
    // A year alone where a team would be is that whole year (a year not begun is refused by the use cases), only for the
    // pipeline and the won and lost lists: elsewhere four digits may be a deal's id.
    [InlineData("won deals 2099", "closed won - year-2099")]
    [InlineData("won deals 2025", "closed won - year-2025")]
    [InlineData("won deals in 2025", "closed won - year-2025")]
    [InlineData("what did we win in 2025", "closed won - year-2025")]
    [InlineData("how many deals did we lose in 2024", "closed lost - year-2024")]
    [InlineData("lost deals for EMEA in 2025", "closed lost emea year-2025")]
    [InlineData("won deals emea 2025", "closed won emea year-2025")]
    [InlineData("pipeline 2025", "pipeline - year-2025")]
    [InlineData("pipeline for 2024", "pipeline - year-2024")]
    [InlineData("pipeline emea 2025", "pipeline emea year-2025")]
    [InlineData("won deals last year", "closed won - last-year")]
    [InlineData("pipeline Nov 2025", "pipeline - month-2025-11")]
    [InlineData("what's next for 2025", "next notfound(-)")]
    public void Parse_EnglishWording_ReadAsMeant(string text, string expected)
    {
        Assert.Equal(expected, UnderstandingTestData.Read(text));
    }
}
