using System.Globalization;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.Nudges;
using SalesCoachBot.Core.Stalls;

namespace SalesCoachBot.Core.Tests.Localization;

/// <summary>
/// Arabic introduces a date that names its weekday with «يوم» («محدّدة يوم الأحد 6 ديسمبر»), a bare date with «في»
/// («محدّدة في 2026-12-06»). A next step's moment in the team's zone names the weekday; the UTC day does not.
/// </summary>
public sealed class WeekdayDateWordingTests
{
    private static readonly Phrases English = ReplyTexts.Shared.In(ReplyLanguage.English);
    private static readonly Phrases Arabic = ReplyTexts.Shared.In(ReplyLanguage.Arabic);

    // Sunday 6 December 2026, 15:00 in Dubai.
    private static readonly DateTimeOffset Sunday = DateTimeOffset.Parse("2026-12-06T11:00:00Z", CultureInfo.InvariantCulture);
    private static readonly TimeZoneInfo Dubai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Dubai");

    private static StallAssessment Booked(StallWhy why, TimeZoneInfo? zone) =>
        new(why == StallWhy.OverStageDespiteNextStep, StallReasonKind.NotStalled, 30, 1)
        {
            Why = why,
            StallAfterDays = 14,
            NextStepAt = Sunday,
            Zone = zone,
        };

    private static string WithoutIsolates(string text) => new([.. text.Where(c => c is < '\u2066' or > '\u2069')]);

    [Fact]
    public void StallReason_NextStepInTheTeamsZone_ArabicSaysYawmBeforeTheWeekday()
    {
        Assert.Equal("الخطوة التالية محدّدة يوم الأحد 6 ديسمبر 2026، 15:00.", WithoutIsolates(StallWording.Reason(Booked(StallWhy.NextStepBooked, Dubai), Arabic)));
        Assert.EndsWith("الخطوة التالية محدّدة يوم الأحد 6 ديسمبر 2026، 15:00، لكنها لم تعد تمنع عدّها متعثرة.",
            WithoutIsolates(StallWording.Reason(Booked(StallWhy.OverStageDespiteNextStep, Dubai), Arabic)), StringComparison.Ordinal);
    }

    [Fact]
    public void StallReason_NextStepAsUtcDay_ArabicKeepsFi()
    {
        Assert.Equal("الخطوة التالية محدّدة في 2026-12-06.", WithoutIsolates(StallWording.Reason(Booked(StallWhy.NextStepBooked, null), Arabic)));
        Assert.EndsWith("الخطوة التالية محدّدة في 2026-12-06، لكنها لم تعد تمنع عدّها متعثرة.",
            WithoutIsolates(StallWording.Reason(Booked(StallWhy.OverStageDespiteNextStep, null), Arabic)), StringComparison.Ordinal);
    }

    [Fact]
    public void StallReason_English_SameWordsWithOrWithoutZone()
    {
        Assert.Equal("Next step booked for Sun 6 Dec 2026, 15:00.", StallWording.Reason(Booked(StallWhy.NextStepBooked, Dubai), English));
        Assert.Equal("Next step booked for 2026-12-06.", StallWording.Reason(Booked(StallWhy.NextStepBooked, null), English));
        Assert.EndsWith("Next step booked for 2026-12-06, but that no longer holds off the stall.", StallWording.Reason(Booked(StallWhy.OverStageDespiteNextStep, null), English), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "كان موعد الخطوة التالية لصفقة Acme (#1042) يوم الأحد 6 ديسمبر 2026، 15:00،")]
    [InlineData("demo with their CFO", "كان موعد الخطوة التالية «demo with their CFO» لصفقة Acme (#1042) يوم الأحد 6 ديسمبر 2026، 15:00،")]
    public void Reminder_Arabic_DueDateWithYawm(string? step, string expected)
    {
        var due = new DueNextStep(new DealId(7), "1042", "Acme", 1, 2, step, Sunday, Sunday.AddDays(-3));

        Assert.StartsWith(expected, WithoutIsolates(NextStepReminders.Message(due, Dubai, Arabic).Text), StringComparison.Ordinal);
    }
}
