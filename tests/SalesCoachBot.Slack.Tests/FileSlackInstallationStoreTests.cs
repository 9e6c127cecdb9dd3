using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SalesCoachBot.Core.Caching;
using SalesCoachBot.Slack.Installs;

namespace SalesCoachBot.Slack.Tests;

/// <summary>
/// The installation files read through the shared cache: writes through the store are seen at once, a file changed
/// by another process once the entry's lifetime has passed or its key is invalidated (docs/decisions/0004).
/// </summary>
public sealed class FileSlackInstallationStoreTests : IDisposable
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private readonly string folder = Directory.CreateTempSubdirectory("scb-slack-installs-").FullName;
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));
    private readonly EphemeralDataProtectionProvider protection = new();
    private readonly List<ServiceProvider> caches = [];

    public void Dispose()
    {
        foreach (var cache in caches)
        {
            cache.Dispose();
        }

        Directory.Delete(folder, recursive: true);
    }

    /// <summary>A store over the shared folder with its own cache, as another process on the same files would have.</summary>
    private (FileSlackInstallationStore Store, ICacheInvalidation Invalidation) NewStore(TimeSpan? lifetime = null)
    {
        var services = TestCaches.Services(time, o => o.SlackInstallationLifetime = lifetime ?? Lifetime);
        caches.Add(services);
        var options = Options.Create(new SlackOptions { InstallationsPath = folder });
        var invalidation = services.GetRequiredService<ICacheInvalidation>();
        return (new FileSlackInstallationStore(protection, options, services.GetRequiredService<SharedCache>(), invalidation), invalidation);
    }

    private SlackInstallation Installation(string token) =>
        new("T0A", null, false, token, "U0BOT", "commands,chat:write", "Team A", time.GetUtcNow());

    private static string Key => SlackInstallation.TeamKey("T0A");

    [Fact]
    public async Task Find_NoneThenSaved_ReturnsTheSavedInstallationAtOnce()
    {
        var (store, _) = NewStore();
        Assert.Null(await store.FindAsync(Key, default));   // "none" is kept as well

        await store.SaveAsync(Installation("xoxb-first"), default);

        Assert.Equal("xoxb-first", (await store.FindAsync(Key, default))?.BotToken);
    }

    [Fact]
    public async Task Find_AfterSaveOverACachedOne_ReturnsTheNewToken()
    {
        var (store, _) = NewStore();
        await store.SaveAsync(Installation("xoxb-first"), default);
        Assert.Equal("xoxb-first", (await store.FindAsync(Key, default))?.BotToken);

        await store.SaveAsync(Installation("xoxb-rotated"), default);

        Assert.Equal("xoxb-rotated", (await store.FindAsync(Key, default))?.BotToken);
    }

    [Fact]
    public async Task Find_AfterDelete_ReturnsNone()
    {
        var (store, _) = NewStore();
        await store.SaveAsync(Installation("xoxb-first"), default);
        Assert.NotNull(await store.FindAsync(Key, default));

        Assert.True(await store.DeleteAsync(Key, default));

        Assert.Null(await store.FindAsync(Key, default));
        Assert.Empty(await store.ListAsync(default));
    }

    [Fact]
    public async Task Find_FileRewrittenByAnotherProcess_SeenOnceTheLifetimeHasPassed()
    {
        var (writer, _) = NewStore();
        var (reader, _) = NewStore();
        await writer.SaveAsync(Installation("xoxb-first"), default);
        Assert.Equal("xoxb-first", (await reader.FindAsync(Key, default))?.BotToken);

        await writer.SaveAsync(Installation("xoxb-rotated"), default);
        var withinBound = (await reader.FindAsync(Key, default))?.BotToken;
        time.Advance(Lifetime + TimeSpan.FromSeconds(1));
        var afterBound = (await reader.FindAsync(Key, default))?.BotToken;

        Assert.Equal("xoxb-first", withinBound);   // the documented bound: another process's write is not seen sooner
        Assert.Equal("xoxb-rotated", afterBound);
    }

    [Fact]
    public async Task Find_FileRewrittenByAnotherProcess_SeenAtOnceWhenItsKeyIsInvalidated()
    {
        var (writer, _) = NewStore();
        var (reader, readerInvalidation) = NewStore();
        await writer.SaveAsync(Installation("xoxb-first"), default);
        Assert.Equal("xoxb-first", (await reader.FindAsync(Key, default))?.BotToken);
        await writer.SaveAsync(Installation("xoxb-rotated"), default);

        // What a cross-host broadcast would call on the reader's host (ICacheInvalidation, ADR 0004).
        await readerInvalidation.InvalidateAsync(CacheKey.SlackInstallation(Key));

        Assert.Equal("xoxb-rotated", (await reader.FindAsync(Key, default))?.BotToken);
    }

    [Fact]
    public async Task Find_LifetimeZero_ReadsTheFileEveryTime()
    {
        var (writer, _) = NewStore();
        var (reader, _) = NewStore(TimeSpan.Zero);
        await writer.SaveAsync(Installation("xoxb-first"), default);
        Assert.Equal("xoxb-first", (await reader.FindAsync(Key, default))?.BotToken);

        await writer.SaveAsync(Installation("xoxb-rotated"), default);

        Assert.Equal("xoxb-rotated", (await reader.FindAsync(Key, default))?.BotToken);
    }
}
