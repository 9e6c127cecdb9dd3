using Xunit;

namespace SalesCoachBot.Core.Tests.Understanding;

/// <summary>
/// fix/ar52: Arabic wordings the session 52 audit found misread, each read exactly as shown.
/// </summary>
public sealed class ArabicWording52Tests
{
    [Theory]
    // Levantine «شو لازم نعمل لنوصل …» ("what must we do to reach …") with a target "and a half" or "half a million".
    [InlineData("شو لازم نعمل لنوصل مليون ونص", "funnel 1.5 million")]
    [InlineData("شو لازم نعمل لنوصل مليون ونصف", "funnel 1.5 million")]
    [InlineData("شو لازم نعمل لنوصل نص مليون", "funnel 0.5 million")]
    [InlineData("كم نحتاج لتحقيق مليون ونصف", "funnel 1.5 million")]
    [InlineData("وش لازم نسوي عشان نوصل مليونين", "funnel 2 million")]
    // «كيف أداء Riley» ("how is Riley performing") asks after a rep as "how is Riley doing" does; a team keeps its pipeline.
    [InlineData("كيف أداء Riley", "owner riley")]
    [InlineData("كيف أداء Dana", "owner dana")]
    [InlineData("كيف أداء Initech", "next 1002")]
    [InlineData("كيف أداء الفريق", "pipeline - -")]
    [InlineData("كيف أداء فريق APAC", "pipeline apac -")]
    // «كم يوم» ("how many days") after the sales cycle asks how long it is: the pipeline, no team «يوم»; «اليوم» stays today.
    [InlineData("دورة البيع كم يوم", "pipeline - -")]
    [InlineData("مدة دورة البيع كم يوم", "pipeline - -")]
    [InlineData("دورة البيع لفريق EMEA كم يوم", "pipeline emea -")]
    [InlineData("شو لازم أعمل اليوم؟", "due all 0")]
    public void Parse_ArabicWording52_ReadAsMeant(string text, string expected)
    {
        Assert.Equal(expected, UnderstandingTestData.Read(text));
    }
}
