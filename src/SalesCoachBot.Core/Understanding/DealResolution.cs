using SalesCoachBot.Core.Abstractions;

namespace SalesCoachBot.Core.Understanding;

/// <summary>Which deal a reference names: one, several (ask which), or none (suggest the closest).</summary>
public abstract record DealResolution
{
    private DealResolution()
    {
    }

    public sealed record Found(DealNameEntry Deal) : DealResolution;

    /// <summary>Several deals fit equally well: the bot asks which, it never guesses. Best first, at most <see cref="DealResolver.MaxChoices"/>.</summary>
    public sealed record Ambiguous(IReadOnlyList<DealNameEntry> Candidates) : DealResolution;

    /// <summary>No deal fits; <see cref="Closest"/> is a suggestion when one is reasonably close.</summary>
    public sealed record NotFound(DealNameEntry? Closest) : DealResolution;
}
