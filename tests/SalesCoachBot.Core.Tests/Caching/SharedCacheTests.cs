using Microsoft.Extensions.Time.Testing;
using SalesCoachBot.Core.Caching;
using SalesCoachBot.Core.Domain;

namespace SalesCoachBot.Core.Tests.Caching;

/// <summary>
/// The shared cache's rules: entries live for their region's lifetime on the registered TimeProvider, a value read
/// or written while its key was invalidated is not kept, and nothing is kept when a region is off.
/// </summary>
public sealed class SharedCacheTests
{
    private static readonly CacheKey Deal7 = CacheKey.Deal(new DealId(7));
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));
    private int reads;

    private ValueTask<string> ReadAsync(SharedCache cache, CacheKey key, string value) =>
        cache.GetOrReadAsync(key, value, (v, _) => { reads++; return ValueTask.FromResult(v); }, CancellationToken.None);

    [Fact]
    public async Task GetOrRead_WithinTheLifetime_ReadsOnce_ThenAgainOnceItHasPassed()
    {
        var cache = TestCaches.Create(time, o => o.ReadLifetime = TimeSpan.FromSeconds(5));

        Assert.Equal("first", await ReadAsync(cache, Deal7, "first"));
        time.Advance(TimeSpan.FromSeconds(5) - TimeSpan.FromTicks(1));
        Assert.Equal("first", await ReadAsync(cache, Deal7, "second"));
        Assert.Equal(1, reads);

        time.Advance(TimeSpan.FromTicks(1));
        Assert.Equal("second", await ReadAsync(cache, Deal7, "second"));
        Assert.Equal(2, reads);
    }

    [Fact]
    public async Task GetOrRead_Hit_HandsOutTheCachedObjectItself()
    {
        var cache = TestCaches.Create(time);
        var view = new object();

        var first = await cache.GetOrReadAsync(Deal7, view, static (v, _) => ValueTask.FromResult(v), CancellationToken.None);
        var second = await cache.GetOrReadAsync(Deal7, new object(), static (v, _) => ValueTask.FromResult(v), CancellationToken.None);

        Assert.Same(view, first);
        Assert.Same(view, second); // no serialised copy on a hit
    }

    [Fact]
    public async Task Invalidate_AWrite_IsSeenByTheNextRead()
    {
        var cache = TestCaches.Create(time);
        await ReadAsync(cache, Deal7, "before");

        await ((ICacheInvalidation)cache).InvalidateAsync(Deal7);

        Assert.Equal("after", await ReadAsync(cache, Deal7, "after"));
    }

    [Fact]
    public async Task GetOrRead_KeyInvalidatedWhileReading_ReturnsWhatItReadButDoesNotKeepIt()
    {
        var cache = TestCaches.Create(time);
        var reading = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var slow = cache.GetOrReadAsync(Deal7, 0, async (_, _) =>
        {
            reading.SetResult();
            await release.Task;
            return "read before the change committed";
        }, CancellationToken.None).AsTask();
        await reading.Task;

        await cache.InvalidateAsync(Deal7); // a change committed while the read was in flight
        release.SetResult();

        Assert.Equal("read before the change committed", await slow);
        Assert.Equal("read after", await ReadAsync(cache, Deal7, "read after"));
    }

    [Fact]
    public async Task Keep_AfterAnotherInvalidation_KeepsNothing()
    {
        var cache = TestCaches.Create(time);
        var version = cache.Version(Deal7);
        await cache.InvalidateAsync(Deal7);

        await cache.KeepAsync(Deal7, "stale", version);
        Assert.Null(await cache.PeekAsync<string>(Deal7));

        await cache.KeepAsync(Deal7, "current", cache.Version(Deal7));
        Assert.Equal("current", await cache.PeekAsync<string>(Deal7));
    }

    [Fact]
    public async Task Keep_WithAShorterLifetime_ExpiresThen()
    {
        var cache = TestCaches.Create(time, o => o.TeamsTokenLifetime = TimeSpan.FromMinutes(10));
        var token = CacheKey.TeamsToken("eyJ.a.b");

        await cache.KeepAsync(token, "passed", cache.Version(token), TimeSpan.FromMinutes(3));
        time.Advance(TimeSpan.FromMinutes(3) - TimeSpan.FromTicks(1));
        Assert.Equal("passed", await cache.PeekAsync<string>(token));
        time.Advance(TimeSpan.FromTicks(1));
        Assert.Null(await cache.PeekAsync<string>(token));
    }

    [Fact]
    public async Task InvalidateWholeRegion_DropsItsEntries_NotOtherRegions()
    {
        var cache = TestCaches.Create(time);
        var reference = CacheKey.ConversationReference(ConversationKey.Parse("teams:a"));
        await ReadAsync(cache, Deal7, "deal");
        await ReadAsync(cache, CacheKey.Deal(new DealId(8)), "deal");
        await ReadAsync(cache, reference, "reference");
        time.Advance(TimeSpan.FromTicks(1));

        await cache.InvalidateAsync(CacheKey.All(CacheRegion.DealViews));
        time.Advance(TimeSpan.FromTicks(1));

        Assert.Null(await cache.PeekAsync<string>(Deal7));
        Assert.Null(await cache.PeekAsync<string>(CacheKey.Deal(new DealId(8))));
        Assert.Equal("reference", await cache.PeekAsync<string>(reference));
    }

    [Fact]
    public async Task GetOrRead_NotFound_IsNotKept()
    {
        var cache = TestCaches.Create(time);

        await cache.GetOrReadAsync(Deal7, 0, (_, _) => { reads++; return ValueTask.FromResult<string?>(null); }, CancellationToken.None);
        await cache.GetOrReadAsync(Deal7, 0, (_, _) => { reads++; return ValueTask.FromResult<string?>(null); }, CancellationToken.None);

        Assert.Equal(2, reads);
    }

    [Fact]
    public async Task RegionOff_ReadsEveryTime_KeepsNothing()
    {
        var cache = TestCaches.Create(time, o => o.ReadLifetime = TimeSpan.Zero);

        await ReadAsync(cache, Deal7, "a");
        await ReadAsync(cache, Deal7, "b");
        await cache.KeepAsync(Deal7, "c", cache.Version(Deal7));

        Assert.False(cache.IsOn(CacheRegion.DealViews));
        Assert.Equal(2, reads);
        Assert.Null(await cache.PeekAsync<string>(Deal7));
    }
}
