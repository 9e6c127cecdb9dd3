namespace SalesCoachBot.Core.Abstractions;

/// <summary>
/// A chat platform's installations (a Slack workspace's bot token and its refresh token) kept in the host's database,
/// so every host behind the load balancer serves a workspace installed through any of them. The channel encrypts the
/// payload before it gets here; the database only ever holds ciphertext.
/// </summary>
public interface IChannelInstallationRecords
{
    /// <summary>The encrypted payload stored under <paramref name="key"/>, or null.</summary>
    Task<byte[]?> FindAsync(string key, CancellationToken cancellationToken);

    /// <summary>Inserts or replaces the payload under <paramref name="key"/>.</summary>
    Task SaveAsync(string key, byte[] protectedPayload, CancellationToken cancellationToken);

    /// <summary>Stores the payload only when the key has none yet (moving older files in never overwrites a newer token).</summary>
    Task<bool> AddIfAbsentAsync(string key, byte[] protectedPayload, CancellationToken cancellationToken);

    /// <summary>Every stored key.</summary>
    Task<IReadOnlyList<string>> ListKeysAsync(CancellationToken cancellationToken);

    /// <summary>Returns false when there was nothing to remove.</summary>
    Task<bool> DeleteAsync(string key, CancellationToken cancellationToken);
}
