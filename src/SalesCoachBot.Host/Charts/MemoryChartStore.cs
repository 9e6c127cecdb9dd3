using System.Collections.Concurrent;
using System.Security.Cryptography;
using SalesCoachBot.Core.Pipeline;

namespace SalesCoachBot.Host.Charts;

/// <summary>
/// Rendered charts kept in memory under random 128-bit tokens until they expire: the store when the host runs without
/// the database layer (tests of the chart endpoint). The host proper keeps charts in the database (Data's ChartStore).
/// </summary>
internal sealed class MemoryChartStore(TimeProvider time) : IChartStore
{
    /// <summary>Bounds memory (a chart is ~10–60 KB); the oldest go first.</summary>
    public const int MaxCharts = 1_000;

    private readonly ConcurrentDictionary<string, StoredChart> _charts = new(StringComparer.Ordinal);

    public int Count => _charts.Count;

    public Task<string> AddAsync(byte[] png, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(png);
        Prune();
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _charts[token] = new StoredChart(png, time.GetUtcNow() + IChartStore.Lifetime);
        return Task.FromResult(token);
    }

    public Task<byte[]?> FindAsync(string token, CancellationToken cancellationToken)
    {
        if (!_charts.TryGetValue(token, out var chart))
        {
            return Task.FromResult<byte[]?>(null);
        }

        if (chart.ExpiresAt <= time.GetUtcNow())
        {
            _charts.TryRemove(token, out _);
            return Task.FromResult<byte[]?>(null);
        }

        return Task.FromResult<byte[]?>(chart.Png);
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
