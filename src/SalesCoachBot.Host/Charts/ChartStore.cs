using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace SalesCoachBot.Host.Charts;

/// <summary>
/// Rendered charts kept in memory under random 128-bit tokens until they expire. A restart forgets them,
/// which only costs an old card its picture; the text answer carries the same numbers.
/// </summary>
internal sealed class ChartStore(TimeProvider time)
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
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _charts[token] = new StoredChart(png, time.GetUtcNow() + Lifetime);
        return token;
    }

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
