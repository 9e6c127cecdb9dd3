namespace SalesCoachBot.Core.Abstractions;

/// <summary>
/// "Has any host taken this delivery yet?" for inbound redeliveries (Slack events and interactions retried, or sent to
/// another host behind the load balancer). Shared through the database, so N hosts answer a delivery once; each
/// claim expires, so the table stays small and a key may be used again after the window.
/// </summary>
public interface IDeliveryClaims
{
    /// <summary>True for the first claim of <paramref name="key"/> within its window (the caller does the work); false for a repeat.</summary>
    Task<bool> TryClaimAsync(string key, TimeSpan window, CancellationToken cancellationToken);

    /// <summary>Gives the key back (the work could not be queued), so a redelivery is taken again.</summary>
    Task ReleaseAsync(string key, CancellationToken cancellationToken);
}
