using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.Pipeline;
using SalesCoachBot.Core.Stalls;

namespace SalesCoachBot.Core.Tests.Localization;

public sealed class PluralFormsTests
{
    private static readonly Phrases English = ReplyTexts.Shared.In(ReplyLanguage.English);
    private static readonly Phrases Arabic = ReplyTexts.Shared.In(ReplyLanguage.Arabic);

    [Theory]
    [InlineData(0, "أقل من يوم")]
    [InlineData(1, "يوم واحد")]
    [InlineData(2, "يومان")]
    [InlineData(3, "3 أيام")]
    [InlineData(10, "10 أيام")]
    [InlineData(11, "11 يومًا")]
    [InlineData(99, "99 يومًا")]
    [InlineData(100, "100 يوم")]
    [InlineData(103, "103 أيام")]
    [InlineData(111, "111 يومًا")]
    public void Count_ArabicDays_TakesTheNounFormOfEachCategory(long days, string expected) =>
        Assert.Equal(expected, Arabic.Count(Phrases.Area.Nudges, "Days", days));

    /// <summary>After «منذ» (since) and «قبل» (ago) the Arabic dual is «يومين»; the other forms do not change.</summary>
    [Theory]
    [InlineData(1, "يوم واحد")]
    [InlineData(2, "يومين")]
    [InlineData(3, "3 أيام")]
    [InlineData(11, "11 يومًا")]
    [InlineData(100, "100 يوم")]
    public void Count_ArabicDaysSince_DualInItsOtherCase(long days, string expected) =>
        Assert.Equal(expected, Arabic.Count(Phrases.Area.Nudges, "DaysSince", days));

    [Fact]
    public void StallReason_TwoDaysIdle_ArabicSaysSinceTwoDaysRightEnglishUnchanged()
    {
        var onTrack = new StallAssessment(false, StallReasonKind.NotStalled, 2, 2) { Why = StallWhy.OnTrack, StallAfterDays = 21 };
        var idle = new StallAssessment(true, StallReasonKind.Idle, 20, 2) { Why = StallWhy.Idle, IdleAfterDays = 1 };

        Assert.Equal("يومان في المرحلة (الحد 21)، وآخر نشاط قبل يومين.", StallWording.Reason(onTrack, Arabic));
        Assert.Equal("لا نشاط منذ يومين (الحد 1).", StallWording.Reason(idle, Arabic));
        Assert.Equal("2 days in stage (limit 21), last activity 2 days ago.", StallWording.Reason(onTrack, English));
    }

    [Theory]
    [InlineData(0, "less than a day")]
    [InlineData(1, "1 day")]
    [InlineData(2, "2 days")]
    public void Count_EnglishDays_OneAndOther(long days, string expected) =>
        Assert.Equal(expected, English.Count(Phrases.Area.Nudges, "Days", days));

    [Fact]
    public void PipelineDays_ArabicZeroAndMany_AreNotTheSameForm()
    {
        Assert.Equal("0 يوم", PipelineFormat.Days(0, Arabic));
        Assert.Equal("13 يومًا", PipelineFormat.Days(13, Arabic));
        Assert.Equal("آخر 30 يومًا", PipelineFormat.Window(30, Arabic));
        Assert.Equal("آخر 100 يوم", PipelineFormat.Window(100, Arabic));
    }

    [Fact]
    public void Count_ZeroForm_IsUsedWhenATextHasOne()
    {
        Assert.StartsWith("No deal won in", English.Count(Phrases.Area.Pipeline, "Thin", 0, "the last 30 days"), StringComparison.Ordinal);
        Assert.StartsWith("Only 1 deal won in", English.Count(Phrases.Area.Pipeline, "Thin", 1, "the last 30 days"), StringComparison.Ordinal);
        Assert.StartsWith("لم تُربح أي صفقة", Arabic.Count(Phrases.Area.Pipeline, "Thin", 0, "آخر 30 يومًا"), StringComparison.Ordinal);
        Assert.StartsWith("لم تُربح إلا صفقتان", Arabic.Count(Phrases.Area.Pipeline, "Thin", 2, "آخر 30 يومًا"), StringComparison.Ordinal);
    }

    [Fact]
    public void Count_OneStageEntry_IsSingular() =>
        Assert.Equal("1 stage entry (+1 on the week before)", English.Count(Phrases.Area.Pipeline, "Week", 1, "+1"));

    [Fact]
    public void Count_ArabicReengageMore_DualAndFew()
    {
        Assert.Equal("وصفقتان أخريان حان موعد العودة إليهما.", Arabic.Count(Phrases.Area.Nudges, "Digest.Note.ReengageMore", 2));
        Assert.Equal("و3 صفقات أخرى حان موعد العودة إليها.", Arabic.Count(Phrases.Area.Nudges, "Digest.Note.ReengageMore", 3));
        Assert.Equal("And 1 more due to re-engage.", English.Count(Phrases.Area.Nudges, "Digest.Note.ReengageMore", 1));
    }
}
