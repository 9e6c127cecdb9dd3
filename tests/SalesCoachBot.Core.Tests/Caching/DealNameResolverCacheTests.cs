using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Caching;
using SalesCoachBot.Core.Coaching;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Tests.Caching;

/// <summary>
/// The deal-name index: rebuilt when old, when its region is invalidated, and on a name not found; a rebuild
/// that fails is logged and the index it would have replaced keeps answering.
/// </summary>
public sealed class DealNameResolverCacheTests : IDisposable
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly Mock<IDealStore> store = new();
    private readonly RecordingLogger logger = new();
    private readonly ServiceProvider services;
    private readonly DealNameResolverCache names;
    private Exception? failure;
    private IReadOnlyList<DealNameEntry> entries = [Entry(1, "Acme Corp")];
    private int lists;
    private TimeSpan listTakes = TimeSpan.Zero;

    public DealNameResolverCacheTests()
    {
        store.Setup(s => s.ListNamesAsync(null, It.IsAny<CancellationToken>())).Returns(() =>
        {
            Interlocked.Increment(ref lists);
            time.Advance(listTakes);
            return failure is { } f ? Task.FromException<IReadOnlyList<DealNameEntry>>(f) : Task.FromResult(entries);
        });
        var collection = new ServiceCollection();
        collection.AddSingleton<TimeProvider>(time);
        collection.AddSalesCoachCaching();
        collection.AddScoped(_ => store.Object);
        services = collection.BuildServiceProvider();
        names = new DealNameResolverCache(
            time, services.GetRequiredService<IServiceScopeFactory>(), services.GetRequiredService<SharedCache>(),
            services.GetRequiredService<IOptions<CacheOptions>>(), logger);
    }

    public void Dispose()
    {
        names.Dispose();
        services.Dispose();
    }

    private Task<DealResolution> ResolveAsync(string text) => names.ResolveAsync(store.Object, text, null, CancellationToken.None);

    [Fact]
    public async Task Resolve_BackgroundRebuildFails_IsLoggedAndTheOldIndexKeepsAnswering()
    {
        Assert.IsType<DealResolution.Found>(await ResolveAsync("acme"));
        failure = new FakeDbException("the database went away");
        time.Advance(services.GetRequiredService<IOptions<CacheOptions>>().Value.DealNameIndexMaxAge + TimeSpan.FromSeconds(1));

        Assert.IsType<DealResolution.Found>(await ResolveAsync("acme")); // answered from the old index; rebuild started

        var line = await logger.Written.Task.WaitAsync(Eventually.DefaultTimeout);
        Assert.Equal((LogLevel.Error, 1210), (line.Level, line.EventId));
        Assert.IsType<FakeDbException>(line.Exception);
        Assert.Contains("1 deals", line.Message, StringComparison.Ordinal);
        Assert.IsType<DealResolution.Found>(await ResolveAsync("acme"));
    }

    [Fact]
    public async Task Resolve_NotFoundAndTheQuickRebuildFails_AnswersNotFoundAndLogs()
    {
        Assert.IsType<DealResolution.Found>(await ResolveAsync("acme"));
        failure = new FakeDbException("the database went away");
        time.Advance(TimeSpan.FromSeconds(3));

        Assert.IsType<DealResolution.NotFound>(await ResolveAsync("globex"));

        var line = Assert.Single(logger.Lines);
        Assert.Equal((LogLevel.Error, 1210), (line.Level, line.EventId));
        Assert.Equal(2, lists);
    }

    [Fact]
    public async Task Resolve_NotFoundAfterASlowBuild_RebuildsInTheBackgroundAtMostOnceAMinute()
    {
        listTakes = TimeSpan.FromSeconds(2); // a large index: reading the names takes seconds
        Assert.IsType<DealResolution.Found>(await ResolveAsync("acme"));
        entries = [Entry(1, "Acme Corp"), Entry(2, "Globex")];
        time.Advance(TimeSpan.FromSeconds(3));

        Assert.IsType<DealResolution.NotFound>(await ResolveAsync("globex")); // no rebuild for a miss seconds later
        Assert.Equal(1, lists);

        time.Advance(TimeSpan.FromMinutes(1));
        Assert.IsType<DealResolution.NotFound>(await ResolveAsync("globex")); // answered now; the rebuild runs behind

        var deadline = TimeProvider.System.GetUtcNow() + Eventually.DefaultTimeout;
        DealResolution resolution;
        while ((resolution = await ResolveAsync("globex")) is not DealResolution.Found && TimeProvider.System.GetUtcNow() < deadline)
        {
            await Task.Delay(10);
        }

        Assert.IsType<DealResolution.Found>(resolution);
        Assert.Equal(2, lists);
        Assert.Empty(logger.Lines);
    }

    [Fact]
    public async Task Resolve_AfterDealNamesAreInvalidated_RebuildsAndFindsTheNewName()
    {
        Assert.IsType<DealResolution.Found>(await ResolveAsync("acme"));
        entries = [Entry(1, "Initech Rollout")]; // renamed by an import
        Assert.IsType<DealResolution.NotFound>(await ResolveAsync("initech")); // no rebuild: the index is seconds old

        await services.GetRequiredService<ICacheInvalidation>().InvalidateAsync(CacheKey.All(CacheRegion.DealNames));

        var deadline = TimeProvider.System.GetUtcNow().UtcDateTime + Eventually.DefaultTimeout;
        DealResolution resolution;
        while ((resolution = await ResolveAsync("initech")) is not DealResolution.Found && TimeProvider.System.GetUtcNow().UtcDateTime < deadline)
        {
            await Task.Delay(10); // the rebuild runs in the background; wait until its index answers
        }

        Assert.IsType<DealResolution.Found>(resolution);
        Assert.Empty(logger.Lines);
    }

    private static DealNameEntry Entry(long id, string name) => new(new DealId(id), $"D{id}", name, null, 1, 1, DealStatus.Open);

    private sealed class FakeDbException(string message) : DbException(message);

    private sealed record Line(LogLevel Level, int EventId, string Message, Exception? Exception);

    private sealed class RecordingLogger : ILogger<DealNameResolverCache>
    {
        private readonly ConcurrentQueue<Line> lines = new();

        public TaskCompletionSource<Line> Written { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IReadOnlyList<Line> Lines => [.. lines];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = new Line(logLevel, eventId.Id, formatter(state, exception), exception);
            lines.Enqueue(line);
            Written.TrySetResult(line);
        }
    }
}
