namespace SalesCoachBot.Core.Tests.Understanding;

/// <summary>
/// Arabic phrasing breadth, batch 46b: the move to "the next stage" and the Arabic lines batch 46 left, with wordings
/// around them in Modern Standard Arabic and Gulf, Levantine and Egyptian dialects (each row says how it reads now).
/// A change that is not sure is asked back ("confirm? …").
/// </summary>
public sealed class ArabicWordingBatch46bTests
{
    [Theory]
    [InlineData("move hooli to the next stage", "move 1012 | next | -")]
    [InlineData("push Hooli to the next stage", "move 1012 | next | -")]
    [InlineData("انقل Hooli للمرحلة الجاية", "move 1012 | next | -")]
    [InlineData("حرك Hooli للمرحلة التالية", "move 1012 | next | -")]
    [InlineData("انقل Hooli للمرحلة اللي بعدها", "move 1012 | next | -")]
    [InlineData("انقل Hooli للمرحلة الجاية لأن العميل وافق", "move 1012 | next | العميل وافق")]
    [InlineData("ودي Initech للمرحلة اللي بعدها", "move 1002 | next | -")]
    [InlineData("انقل Hooli إلى المرحلة القادمة", "move 1012 | next | -")]
    [InlineData("أكبر صفقاتي", "mydeals")]
    public void Arabic_wording_reads_as_meant(string text, string expected) =>
        Assert.Equal(expected, UnderstandingTestData.Read(text));
}
