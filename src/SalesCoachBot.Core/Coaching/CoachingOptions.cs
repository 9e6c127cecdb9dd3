namespace SalesCoachBot.Core.Coaching;

/// <summary>Defaults for teams that set none (configuration section <c>Nudges</c>).</summary>
public sealed class CoachingOptions
{
    /// <summary>Days without activity after which a deal counts as stalled (<c>Nudges:DefaultIdleDays</c>).</summary>
    public int DefaultIdleDays { get; set; } = 14;

    /// <summary>The zone dates are read and shown in for teams that set none (<c>Nudges:DefaultTimeZone</c>).</summary>
    public string DefaultTimeZone { get; set; } = "UTC";
}
