using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Coaching;

/// <summary>
/// Keeps one <see cref="DealNameIndex"/> of every deal's name for loose-name lookups, so a turn does
/// not scan all deals. Deals change outside this process too (imports, other hosts), so the index is
/// rebuilt when older than <see cref="MaxAge"/>, and once more before answering "not found".
/// </summary>
public sealed class DealNameResolverCache(TimeProvider time) : IDisposable
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MinRebuildInterval = TimeSpan.FromSeconds(2);

    private readonly DealResolver _resolver = new();
    private readonly SemaphoreSlim _rebuild = new(1, 1);
    private DealNameIndex? _index;
    private DateTimeOffset _builtAt;

    public async Task<DealResolution> ResolveAsync(
        IDealStore deals, string text, IReadOnlyCollection<long>? teamIds, CancellationToken cancellationToken)
    {
        var reference = new NameReference(text);
        var index = await GetIndexAsync(deals, forceIfOlderThan: MaxAge, cancellationToken);
        var resolution = _resolver.Resolve(reference, index, teamIds);
        if (resolution is DealResolution.NotFound)
        {
            var fresh = await GetIndexAsync(deals, forceIfOlderThan: MinRebuildInterval, cancellationToken);
            if (!ReferenceEquals(fresh, index))
            {
                resolution = _resolver.Resolve(reference, fresh, teamIds);
            }
        }

        return resolution;
    }

    private async Task<DealNameIndex> GetIndexAsync(IDealStore deals, TimeSpan forceIfOlderThan, CancellationToken cancellationToken)
    {
        var current = _index;
        if (current is not null && time.GetUtcNow() - _builtAt < forceIfOlderThan)
        {
            return current;
        }

        await _rebuild.WaitAsync(cancellationToken);
        try
        {
            if (_index is not null && !ReferenceEquals(_index, current))
            {
                return _index; // another turn rebuilt it while this one waited
            }

            var entries = await deals.ListNamesAsync(null, cancellationToken);
            var rebuilt = new DealNameIndex(entries);
            _builtAt = time.GetUtcNow();
            _index = rebuilt;
            return rebuilt;
        }
        finally
        {
            _rebuild.Release();
        }
    }

    public void Dispose()
    {
        _rebuild.Dispose();
        _index?.Dispose();
    }
}
