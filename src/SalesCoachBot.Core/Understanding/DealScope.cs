using SalesCoachBot.Core.Abstractions;

namespace SalesCoachBot.Core.Understanding;

/// <summary>
/// The deals a person may find by name or id: those of their teams, and those they own. A rep who moved to another
/// team keeps finding the deals still in their name, as "my deals" lists them.
/// </summary>
public sealed record DealScope(IReadOnlyCollection<long> TeamIds, long? OwnerId = null)
{
    public bool Allows(DealNameEntry deal) => TeamIds.Contains(deal.TeamId) || deal.OwnerId == OwnerId;
}
