using System.Collections.Concurrent;
using System.Security.Cryptography;
using SalesCoachBot.Data.Hosts;

namespace SalesCoachBot.Host.Charts;

/// <summary>Where rendered charts wait for <c>GET /charts/{token}.png</c>, under random 128-bit tokens until they expire.</summary>
internal interface IChartStore
{
    Task<string> AddAsync(byte[] png, CancellationToken cancellationToken);

    /// <summary>The PNG for a token, or null when the token is unknown or expired.</summary>
    Task<byte[]?> FindAsync(string token, CancellationToken cancellationToken);
}

/// <summary>
/// In the database (<see cref="ChartImageStore"/>), so a card's picture is served by whichever host the load
/// balancer picks, and survives a restart.
/// </summary>
internal sealed class DatabaseChartStore(ChartImageStore images) : IChartStore
{
    public async Task<string> AddAsync(byte[] png, CancellationToken cancellationToken)
    {
        var token = ChartStore.NewToken();
        await images.AddAsync(token, png, ChartStore.Lifetime, cancellationToken);
        return token;
    }

    public Task<byte[]?> FindAsync(string token, CancellationToken cancellationToken) => images.FindAsync(token, cancellationToken);
}

/// <summary>
/// Rendered charts kept in memory (no database registered: tests, tools). A restart forgets them, which only costs
/// an old card its picture; the text answer carries the same numbers.
/// </summary>
internal sealed class ChartStore(TimeProvider time) : IChartStore
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    /// <summary>Bounds memory (a chart is ~10–20 KB); the oldest go first.</summary>
    public const int MaxCharts = 1_000;

    private readonly ConcurrentDictionary<string, StoredChart> _charts = new(StringComparer.Ordinal);

    public int Count => _charts.Count;

    public string Add(byte[] png)
    {
        ArgumentNullException.ThrowIfNull(png);
        Prune();
        var token = NewToken();
        _charts[token] = new StoredChart(png, time.GetUtcNow() + Lifetime);
        return token;
    }

    public Task<string> AddAsync(byte[] png, CancellationToken cancellationToken) => Task.FromResult(Add(png));

    public Task<byte[]?> FindAsync(string token, CancellationToken cancellationToken) => Task.FromResult(Find(token));

    internal static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>The PNG for a token, or null when the token is unknown or expired.</summary>
    public byte[]? Find(string token)
    {
        if (!_charts.TryGetValue(token, out var chart))
        {
            return null;
        }

        if (chart.ExpiresAt <= time.GetUtcNow())
        {
            _charts.TryRemove(token, out _);
            return null;
        }

        return chart.Png;
    }

    private void Prune()
    {
        var now = time.GetUtcNow();
        foreach (var (token, chart) in _charts)
        {
            if (chart.ExpiresAt <= now)
            {
                _charts.TryRemove(token, out _);
            }
        }

        var excess = _charts.Count - MaxCharts + 1;
        if (excess > 0)
        {
            foreach (var (token, _) in _charts.OrderBy(c => c.Value.ExpiresAt).Take(excess).ToList())
            {
                _charts.TryRemove(token, out _);
            }
        }
    }

    private sealed record StoredChart(byte[] Png, DateTimeOffset ExpiresAt);
}
