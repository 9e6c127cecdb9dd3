using System.Collections.Concurrent;
using SalesCoachBot.Core.Dates;
using SalesCoachBot.Core.Domain;

namespace SalesCoachBot.Core.Nudges;

/// <summary>
/// When a team's digest is due: its local <c>NudgeTime</c> in its IANA zone, on the team's working days
/// (<see cref="Workdays"/>, e.g. Sunday to Thursday) only when it says so.
/// Everything is computed from instants, so daylight-saving changes need no special cases beyond the two
/// below, and the once-a-day guarantee comes from claiming the local date, not from the clock.
/// </summary>
public sealed record NudgeSchedule(TimeZoneInfo Zone, TimeOnly At, bool WeekdaysOnly, WorkWeek Workdays)
{
    // Zones already found by id. A card asks for its team's zone several times, and the runtime's own cache takes a
    // process-wide lock on every lookup, which concurrent turns queue on. Ids come from configuration and the teams
    // table, so the set stays small; unknown ids are not kept.
    private static readonly ConcurrentDictionary<string, TimeZoneInfo> FoundZones = new(StringComparer.Ordinal);

    /// <summary>Resolves a team's zone; false for an unknown or invalid id.</summary>
    public static bool TryFindZone(string? id, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (string.IsNullOrWhiteSpace(id))
        {
            return false;
        }

        if (FoundZones.TryGetValue(id, out var found))
        {
            zone = found;
            return true;
        }

        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id.Trim());
            FoundZones.TryAdd(id, zone);
            return true;
        }
        catch (TimeZoneNotFoundException)
        {
            return false;
        }
        catch (InvalidTimeZoneException)
        {
            return false;
        }
    }

    public DateOnly LocalDate(DateTimeOffset now) => ZonedDay.Of(now, Zone);

    public bool RunsOn(DateOnly date) => !WeekdaysOnly || Workdays.Includes(date.DayOfWeek);

    /// <summary>
    /// The instant the digest of <paramref name="date"/> is due. A time skipped by a spring-forward change is
    /// due when the clock jumps past it (02:30 → 03:00); a time that occurs twice in autumn is due the first time.
    /// </summary>
    public DateTimeOffset DueAt(DateOnly date)
    {
        var local = ZonedDay.FirstExisting(date.ToDateTime(At, DateTimeKind.Unspecified), Zone);

        var offset = Zone.IsAmbiguousTime(local) ? Zone.GetAmbiguousTimeOffsets(local).Max() : Zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    /// <summary>The local date whose digest is due at <paramref name="now"/> (missed earlier today included), or null.</summary>
    public DateOnly? DueDate(DateTimeOffset now)
    {
        var today = LocalDate(now);
        return RunsOn(today) && now >= DueAt(today) ? today : null;
    }

    /// <summary>The next due instant after <paramref name="now"/>.</summary>
    public DateTimeOffset NextAfter(DateTimeOffset now)
    {
        var date = LocalDate(now);
        for (var i = 0; i < 8; i++, date = date.AddDays(1))
        {
            var due = DueAt(date);
            if (RunsOn(date) && due > now)
            {
                return due;
            }
        }

        throw new InvalidOperationException($"No digest day within a week; the work week '{Workdays}' has no day.");
    }
}
