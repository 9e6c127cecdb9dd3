using SalesCoachBot.Core.Dates;

namespace SalesCoachBot.Core.Tests.Dates;

public sealed class ZonedDayTests
{
    [Theory]
    // Riyadh is UTC+3 all year: late evening in UTC is already the next day there.
    [InlineData("2026-12-05T23:30:00Z", "Asia/Riyadh", "2026-12-06")]
    [InlineData("2026-12-05T20:59:00Z", "Asia/Riyadh", "2026-12-05")]
    // New York in winter is UTC-5: early morning in UTC is still the day before there.
    [InlineData("2026-12-05T02:00:00Z", "America/New_York", "2026-12-04")]
    [InlineData("2026-12-05T05:00:00Z", "America/New_York", "2026-12-05")]
    // The same UTC time either side of New York's spring change (8 March 2026, 07:00 UTC): 23:30 EST, then 00:30 EDT.
    [InlineData("2026-03-08T04:30:00Z", "America/New_York", "2026-03-07")]
    [InlineData("2026-03-09T04:30:00Z", "America/New_York", "2026-03-09")]
    [InlineData("2026-12-05T23:59:59Z", "UTC", "2026-12-05")]
    public void Of_InstantAndZone_TheDayOnTheZonesCalendar(string instant, string zoneId, string expected)
    {
        var at = DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);

        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), ZonedDay.Of(at, zone));
    }

    [Fact]
    public void Of_OffsetOfTheInstantItself_DoesNotMatter()
    {
        // 23:30 UTC written as 15:30 on the 5th at -08:00: the same instant, so the same Riyadh day (the 6th).
        var utc = new DateTimeOffset(2026, 12, 5, 23, 30, 0, TimeSpan.Zero);
        var sameInstant = utc.ToOffset(TimeSpan.FromHours(-8));
        var riyadh = TimeZoneInfo.FindSystemTimeZoneById("Asia/Riyadh");

        Assert.Equal(new DateOnly(2026, 12, 6), ZonedDay.Of(sameInstant, riyadh));
        Assert.Equal(ZonedDay.Of(utc, riyadh), ZonedDay.Of(sameInstant, riyadh));
    }

    [Theory]
    // Midnight skipped by a spring-forward at 00:00: the day starts at 01:00, the first minute after the gap.
    [InlineData("America/Santiago", "2026-09-06", "2026-09-06T01:00:00-03:00")]
    [InlineData("Asia/Beirut", "2026-03-29", "2026-03-29T01:00:00+03:00")]
    [InlineData("America/Havana", "2026-03-08", "2026-03-08T01:00:00-04:00")]
    public void StartOf_MidnightSkippedByAClockChange_FirstMinuteAfterTheGap(string zoneId, string day, string expected)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var date = DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture);
        // The case under test: tzdata on this machine skips that midnight.
        Assert.True(zone.IsInvalidTime(date.ToDateTime(TimeOnly.MinValue)));

        var start = ZonedDay.StartOf(date, zone);

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), start);
        Assert.Equal(date, ZonedDay.Of(start, zone));
        Assert.Equal(date.AddDays(-1), ZonedDay.Of(start.AddTicks(-1), zone));
    }

    [Theory]
    // An ordinary day, summer and winter: its midnight at the zone's offset then.
    [InlineData("America/Santiago", "2026-12-07", "2026-12-07T00:00:00-03:00")]
    [InlineData("America/Santiago", "2026-07-07", "2026-07-07T00:00:00-04:00")]
    [InlineData("Asia/Beirut", "2026-12-07", "2026-12-07T00:00:00+02:00")]
    [InlineData("Asia/Riyadh", "2026-12-07", "2026-12-07T00:00:00+03:00")]
    [InlineData("UTC", "2026-12-07", "2026-12-07T00:00:00+00:00")]
    public void StartOf_OrdinaryDay_ItsMidnight(string zoneId, string day, string expected)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);

        var start = ZonedDay.StartOf(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture), zone);

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), start);
        Assert.Equal(start.Offset, zone.GetUtcOffset(start));
    }

    [Fact]
    public void StartOf_MidnightSaidTwice_TheFirstOne()
    {
        // The Azores fall back at 01:00 (UTC+0 → UTC-1) on 25 Oct 2026: 00:00-00:59 comes twice; the day starts at the first.
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Atlantic/Azores");
        var day = new DateOnly(2026, 10, 25);
        Assert.True(zone.IsAmbiguousTime(day.ToDateTime(TimeOnly.MinValue)));

        var start = ZonedDay.StartOf(day, zone);

        Assert.Equal(new DateTimeOffset(2026, 10, 25, 0, 0, 0, TimeSpan.Zero), start);
        Assert.Equal(day.AddDays(-1), ZonedDay.Of(start.AddTicks(-1), zone));
    }
}
