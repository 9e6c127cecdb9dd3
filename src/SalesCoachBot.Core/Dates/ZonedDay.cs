namespace SalesCoachBot.Core.Dates;

/// <summary>The calendar day an instant falls on in a time zone: "today", a due day, a snooze's end, in a team's calendar.</summary>
public static class ZonedDay
{
    /// <summary>
    /// The day <paramref name="at"/> falls on in <paramref name="zone"/>, with the zone's offset at that instant (daylight
    /// saving included): 23:30 UTC is already the next day in Riyadh (UTC+3), 02:00 UTC still the day before in New York.
    /// </summary>
    public static DateOnly Of(DateTimeOffset at, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);

    /// <summary>
    /// <paramref name="local"/> when it exists in <paramref name="zone"/>; a time skipped by a spring-forward change
    /// (02:30 on the night the clock jumps 02:00 → 03:00) becomes the first minute that exists after the gap.
    /// </summary>
    public static DateTime FirstExisting(DateTime local, TimeZoneInfo zone)
    {
        for (var guard = 0; zone.IsInvalidTime(local) && guard < 24 * 60; guard++)
        {
            local = local.AddMinutes(1);
        }

        return local;
    }

    /// <summary>
    /// The instant <paramref name="day"/> starts in <paramref name="zone"/>: its midnight, or, where a clock change skips
    /// midnight (Santiago, Beirut, Havana spring forward at 00:00), the first minute after the gap (<see cref="FirstExisting"/>).
    /// A midnight said twice (a fall-back at 01:00, as in the Azores) is its first: the day starts an hour before the repeat.
    /// </summary>
    public static DateTimeOffset StartOf(DateOnly day, TimeZoneInfo zone)
    {
        var local = FirstExisting(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), zone);
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }
}
