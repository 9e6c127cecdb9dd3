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
}
