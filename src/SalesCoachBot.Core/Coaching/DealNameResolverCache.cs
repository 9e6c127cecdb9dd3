using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Coaching;

/// <summary>
/// Keeps one <see cref="DealNameIndex"/> of every deal's name so a turn never scans all deals.
/// Deals change outside this process too (imports, other hosts), so the index is rebuilt in the
/// background when older than <see cref="MaxAge"/>, and when a name is not found. A small index
/// (fast to build) is rebuilt at once before answering "not found", so a just-imported deal is found;
/// a large one at most once a minute, in the background.
/// </summary>
public sealed partial class DealNameResolverCache(TimeProvider time, IServiceScopeFactory scopes, ILogger<DealNameResolverCache> logger) : IDisposable
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan MinRebuildInterval = TimeSpan.FromSeconds(2);

    // A large index costs seconds of CPU to rebuild; a miss triggers that at most once a minute.
    private static readonly TimeSpan MinSlowRebuildInterval = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan QuickBuild = TimeSpan.FromMilliseconds(100);

    private readonly DealResolver _resolver = new();
    private readonly SemaphoreSlim _rebuild = new(1, 1);
    private DealNameIndex? _index;
    private DateTimeOffset _builtAt;
    private TimeSpan _lastBuildTook;
    private int _backgroundRunning;

    public async Task<DealResolution> ResolveAsync(
        IDealStore deals, string text, IReadOnlyCollection<long>? teamIds, CancellationToken cancellationToken)
    {
        var reference = new NameReference(text);
        var index = _index ?? await RebuildAsync(deals, null, cancellationToken);
        var age = time.GetUtcNow() - _builtAt;
        if (age > MaxAge)
        {
            RebuildInBackground();
        }

        var resolution = _resolver.Resolve(reference, index, teamIds);
        if (resolution is DealResolution.NotFound && age > MinRebuildInterval)
        {
            if (_lastBuildTook <= QuickBuild)
            {
                var fresh = await RebuildAsync(deals, index, cancellationToken);
                resolution = _resolver.Resolve(reference, fresh, teamIds);
            }
            else if (age > MinSlowRebuildInterval)
            {
                RebuildInBackground();
            }
        }

        return resolution;
    }

    /// <summary>Builds the index now (e.g. at start-up) so the first turn does not pay for it.</summary>
    public async Task WarmUpAsync(IDealStore deals, CancellationToken cancellationToken) =>
        await RebuildAsync(deals, null, cancellationToken);

    private async Task<DealNameIndex> RebuildAsync(IDealStore deals, DealNameIndex? seen, CancellationToken cancellationToken)
    {
        await _rebuild.WaitAsync(cancellationToken);
        try
        {
            if (_index is not null && !ReferenceEquals(_index, seen))
            {
                return _index; // another turn rebuilt it while this one waited
            }

            var started = Stopwatch.GetTimestamp();
            var entries = await deals.ListNamesAsync(null, cancellationToken);
            var rebuilt = new DealNameIndex(entries);
            _lastBuildTook = Stopwatch.GetElapsedTime(started);
            _builtAt = time.GetUtcNow();

            // Readers may still hold the old index; it has no unmanaged state, so it is left to the GC.
            _index = rebuilt;
            return rebuilt;
        }
        finally
        {
            _rebuild.Release();
        }
    }

    private void RebuildInBackground()
    {
        if (Interlocked.Exchange(ref _backgroundRunning, 1) == 1)
        {
            return;
        }

        var seen = _index;
        _ = Task.Run(async () =>
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await RebuildAsync(scope.ServiceProvider.GetRequiredService<IDealStore>(), seen, CancellationToken.None);
            }
            catch (Exception ex)
            {
                // Nothing awaits this task, so the error is reported here. The current index keeps serving; a later turn tries again.
                RebuildFailed(logger, ex);
            }
            finally
            {
                Volatile.Write(ref _backgroundRunning, 0);
            }
        });
    }

    public void Dispose() => _rebuild.Dispose();

    [LoggerMessage(EventId = 1210, Level = LogLevel.Warning, Message = "Deal name index: the background rebuild failed; the current index keeps serving")]
    private static partial void RebuildFailed(ILogger logger, Exception exception);
}
