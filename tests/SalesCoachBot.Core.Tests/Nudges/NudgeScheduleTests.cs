using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Nudges;

namespace SalesCoachBot.Core.Tests.Nudges;

public sealed class NudgeScheduleTests
{
    private static NudgeSchedule For(string zone, int hour, int minute = 0, bool weekdaysOnly = true, string workdays = "mon-fri")
    {
        Assert.True(NudgeSchedule.TryFindZone(zone, out var tz));
        return new NudgeSchedule(tz, new TimeOnly(hour, minute), weekdaysOnly, WorkWeek.Parse(workdays));
    }

    [Fact]
    public void DueAt_BerlinAcrossSpringForward_NineLocalMovesFromEightToSevenUtc()
    {
        var berlin = For("Europe/Berlin", 9);

        Assert.Equal(new DateTimeOffset(2025, 3, 28, 8, 0, 0, TimeSpan.Zero), berlin.DueAt(new DateOnly(2025, 3, 28)));   // Friday, CET
        Assert.Equal(new DateTimeOffset(2025, 3, 31, 7, 0, 0, TimeSpan.Zero), berlin.DueAt(new DateOnly(2025, 3, 31)));   // Monday, CEST
    }

    [Fact]
    public void DueAt_TimeSkippedBySpringForward_IsDueWhenTheClockJumpsPastIt()
    {
        var berlin = For("Europe/Berlin", 2, 30, weekdaysOnly: false);

        // 2025-03-30 02:00 CET jumps to 03:00 CEST (01:00 UTC); 02:30 never happens.
        Assert.Equal(new DateTimeOffset(2025, 3, 30, 1, 0, 0, TimeSpan.Zero), berlin.DueAt(new DateOnly(2025, 3, 30)));
    }

    [Fact]
    public void DueAt_TimeRepeatedByFallBack_IsDueTheFirstTime()
    {
        var berlin = For("Europe/Berlin", 2, 30, weekdaysOnly: false);

        // 2025-10-26 02:30 happens at 00:30 UTC (CEST) and again at 01:30 UTC (CET).
        Assert.Equal(new DateTimeOffset(2025, 10, 26, 0, 30, 0, TimeSpan.Zero), berlin.DueAt(new DateOnly(2025, 10, 26)));
    }

    [Fact]
    public void DueDate_TwoZonesAtTheSameInstant_EachUsesItsOwnLocalDay()
    {
        var tokyo = For("Asia/Tokyo", 9);
        var newYork = For("America/New_York", 9);
        var instant = new DateTimeOffset(2025, 3, 11, 14, 0, 0, TimeSpan.Zero);   // Tue 23:00 Tokyo, Tue 10:00 New York (EDT)

        Assert.Equal(new DateOnly(2025, 3, 11), tokyo.DueDate(instant));
        Assert.Equal(new DateOnly(2025, 3, 11), newYork.DueDate(instant));
        Assert.Null(newYork.DueDate(new DateTimeOffset(2025, 3, 11, 12, 59, 0, TimeSpan.Zero)));   // 08:59 EDT
        Assert.Equal(new DateOnly(2025, 3, 12), tokyo.DueDate(new DateTimeOffset(2025, 3, 12, 0, 0, 0, TimeSpan.Zero)));   // Wed 09:00 Tokyo
    }

    [Fact]
    public void DueDate_WeekendWithWeekdaysOnly_IsNeverDue()
    {
        var berlin = For("Europe/Berlin", 9);
        var everyDay = For("Europe/Berlin", 9, weekdaysOnly: false);
        var saturdayNoon = new DateTimeOffset(2025, 3, 15, 11, 0, 0, TimeSpan.Zero);

        Assert.Null(berlin.DueDate(saturdayNoon));
        Assert.Equal(new DateOnly(2025, 3, 15), everyDay.DueDate(saturdayNoon));
        Assert.Equal(new DateTimeOffset(2025, 3, 17, 8, 0, 0, TimeSpan.Zero), berlin.NextAfter(saturdayNoon));
    }

    [Fact]
    public void DueDate_RiyadhWorkingSundayToThursday_DueOnSundayNotOnFriday()
    {
        var riyadh = For("Asia/Riyadh", 9, workdays: "sun-thu");   // UTC+3 all year
        var fridayNoon = new DateTimeOffset(2025, 3, 14, 9, 0, 0, TimeSpan.Zero);
        var sundayNoon = new DateTimeOffset(2025, 3, 16, 9, 0, 0, TimeSpan.Zero);

        Assert.Null(riyadh.DueDate(fridayNoon));
        Assert.Null(riyadh.DueDate(fridayNoon.AddDays(1)));   // Saturday
        Assert.Equal(new DateOnly(2025, 3, 16), riyadh.DueDate(sundayNoon));

        // The next working day after Thursday's digest is Sunday, not Friday.
        Assert.Equal(new DateTimeOffset(2025, 3, 16, 6, 0, 0, TimeSpan.Zero), riyadh.NextAfter(new DateTimeOffset(2025, 3, 13, 9, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void TryFindZone_UnknownId_ReturnsFalse()
    {
        Assert.False(NudgeSchedule.TryFindZone("Mars/Olympus_Mons", out _));
        Assert.False(NudgeSchedule.TryFindZone("", out _));
    }
}
