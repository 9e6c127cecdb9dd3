using System.Globalization;

namespace SalesCoachBot.Core.Nudges;

/// <summary>Configuration section <c>Nudges</c> (keys in appsettings.example.json and docs/nudges.md).</summary>
public sealed class NudgeOptions
{
    public const string SectionName = "Nudges";

    /// <summary><c>Nudges:DefaultTime</c>, <c>HH:mm</c>: the digest time for teams that set none.</summary>
    public string DefaultTime { get; set; } = "09:00";

    /// <summary><c>Nudges:DefaultTimeZone</c>: IANA id for teams that set none.</summary>
    public string DefaultTimeZone { get; set; } = "UTC";

    /// <summary>How often the scheduler looks for teams whose digest is due.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the outbox is checked for due messages (new digests also wake it at once).</summary>
    public TimeSpan DispatchInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Attempts per message before it is marked failed.</summary>
    public int MaxAttempts { get; set; } = 8;

    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long a dispatcher owns a message it is sending; a dead host's lease expires after this.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Longest a single send may take before it counts as a timeout (and is retried).</summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Most deals listed in one digest; the rest are summed up with "and N more" and a "See all" button.</summary>
    public int MaxDigestDeals { get; set; } = 20;

    /// <summary>
    /// <c>Nudges:DirectMessageOwners</c>: also send each owner of stalled deals a direct message with just their
    /// deals (Slack DM / Teams personal chat), through the same outbox and once-a-day claim. Off by default.
    /// </summary>
    public bool DirectMessageOwners { get; set; }

    public bool TryGetDefaultTime(out TimeOnly time) =>
        TimeOnly.TryParseExact(DefaultTime, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
}
