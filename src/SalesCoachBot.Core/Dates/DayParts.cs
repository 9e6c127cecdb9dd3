using SalesCoachBot.Core.Localization;

namespace SalesCoachBot.Core.Dates;

/// <summary>A part of a day said instead of a clock time: "this morning", "yesterday afternoon", «العصر», «المسا».</summary>
public enum DayPart
{
    Morning,
    Afternoon,
    Evening,
}

/// <summary>
/// Where a part of a day starts, and which part a stored day-only instant stands for. A call "this morning" is stored at
/// the part's start in the team's zone (05:00, 12:00, 17:00) and marked day-only, as "called Hooli yesterday" is at the day's
/// start: no clock time nobody said is shown, the part is ("Mon 7 Dec 2026, morning"). A day-only instant before 05:00 is
/// the whole day. The start is also the earliest the activity can have been, so a part still to come is refused.
/// </summary>
public static class DayParts
{
    public static TimeOnly Start(DayPart part) => part switch
    {
        DayPart.Morning => new TimeOnly(5, 0),
        DayPart.Afternoon => new TimeOnly(12, 0),
        _ => new TimeOnly(17, 0),
    };

    /// <summary>The instant <paramref name="part"/> of <paramref name="day"/> starts in <paramref name="zone"/>.</summary>
    public static DateTimeOffset StartOf(DateOnly day, DayPart part, TimeZoneInfo zone)
    {
        var local = ZonedDay.FirstExisting(day.ToDateTime(Start(part), DateTimeKind.Unspecified), zone);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    /// <summary>The part a day-only instant stands for in the zone; null for a day's start (the day said alone).</summary>
    public static DayPart? Of(DateTimeOffset at, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(at, zone).Hour switch
    {
        >= 17 => DayPart.Evening,
        >= 12 => DayPart.Afternoon,
        >= 5 => DayPart.Morning,
        _ => null,
    };

    /// <summary>A day-only instant for people: "Mon 7 Dec 2026, morning" / «الاثنين 7 ديسمبر 2026، صباحًا», or the day alone.</summary>
    public static string Describe(DateTimeOffset at, TimeZoneInfo zone, Phrases say)
    {
        var day = say.Language.DayInWords(at, zone);
        return Of(at, zone) is { } part ? say.Coaching("DayPart.At", day, say.Coaching("DayPart." + part)) : day;
    }
}
