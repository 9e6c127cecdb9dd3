using System.Collections.Concurrent;

namespace SalesCoachBot.Teams.Auth;

/// <summary>
/// The service URLs the bot may call. A URL becomes trusted only when an authenticated
/// activity names it, so a forged activity cannot make the bot send its token elsewhere.
/// Development playground URLs are remembered as unauthenticated: they never get a token. Whether a
/// call carries the token also depends on the activity it answers (<see cref="Connector.ITeamsConnector"/>):
/// a URL is shared by every activity that names it, authenticated or not.
/// </summary>
internal sealed class ServiceUrlTrust
{
    private readonly ConcurrentDictionary<string, bool> urls = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Remembers <paramref name="serviceUrl"/>; an authenticated sighting wins over an unauthenticated one.</summary>
    public void Trust(string serviceUrl, bool authenticated) =>
        urls.AddOrUpdate(Normalize(serviceUrl), authenticated, (_, was) => was || authenticated);

    /// <summary>True when the URL was seen; <paramref name="authenticated"/> says whether a token may be sent to it.</summary>
    public bool IsTrusted(string serviceUrl, out bool authenticated) =>
        urls.TryGetValue(Normalize(serviceUrl), out authenticated);

    internal static string Normalize(string serviceUrl) => serviceUrl.Trim().TrimEnd('/');
}
