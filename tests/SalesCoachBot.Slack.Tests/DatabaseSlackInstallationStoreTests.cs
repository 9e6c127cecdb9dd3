using System.Collections.Concurrent;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Caching;
using SalesCoachBot.Slack.Installs;

namespace SalesCoachBot.Slack.Tests;

/// <summary>
/// Issue 19: installations in the database, shared by every host; the files kept before are moved in once and never
/// over a newer row. The records are an in-memory table here; the SQL behind them is tested in the Data tests.
/// </summary>
public sealed class DatabaseSlackInstallationStoreTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("scb-slack-db-installs-").FullName;
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));
    private readonly EphemeralDataProtectionProvider protection = new();
    private readonly InMemoryRecords records = new();
    private readonly List<ServiceProvider> caches = [];

    public void Dispose()
    {
        foreach (var cache in caches)
        {
            cache.Dispose();
        }

        Directory.Delete(folder, recursive: true);
    }

    private IOptions<SlackOptions> Options => Microsoft.Extensions.Options.Options.Create(new SlackOptions { InstallationsPath = folder });

    /// <summary>A host: its own cache over the shared table.</summary>
    private (DatabaseSlackInstallationStore Store, ICacheInvalidation Invalidation) NewHost()
    {
        var services = TestCaches.Services(time, o => o.SlackInstallationLifetime = TimeSpan.FromMinutes(10));
        caches.Add(services);
        var invalidation = services.GetRequiredService<ICacheInvalidation>();
        var store = new DatabaseSlackInstallationStore(
            records, protection, Options, services.GetRequiredService<SharedCache>(), invalidation, NullLogger<DatabaseSlackInstallationStore>.Instance);
        return (store, invalidation);
    }

    private FileSlackInstallationStore FileStore()
    {
        var services = TestCaches.Services(time);
        caches.Add(services);
        return new FileSlackInstallationStore(protection, Options, services.GetRequiredService<SharedCache>(), services.GetRequiredService<ICacheInvalidation>());
    }

    private SlackInstallation Installation(string team, string token) =>
        new(team, null, false, token, "U0BOT", "commands,chat:write", "Team " + team, time.GetUtcNow());

    [Fact]
    public async Task Save_OnOneHost_FoundOnAnotherAndKeptEncrypted()
    {
        var (first, _) = NewHost();
        var (second, _) = NewHost();

        await first.SaveAsync(Installation("T0A", "xoxb-a-secret"), default);

        Assert.Equal("xoxb-a-secret", (await second.FindAsync(SlackInstallation.TeamKey("T0A"), default))?.BotToken);
        Assert.DoesNotContain("xoxb-a-secret", System.Text.Encoding.UTF8.GetString(records.Rows["T-T0A"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Find_RotatedOnAnotherHost_SeenWhenItsKeyIsInvalidated()
    {
        var (first, _) = NewHost();
        var (second, secondInvalidation) = NewHost();
        await first.SaveAsync(Installation("T0A", "xoxb-first"), default);
        Assert.Equal("xoxb-first", (await second.FindAsync("T-T0A", default))?.BotToken);

        await first.SaveAsync(Installation("T0A", "xoxb-rotated"), default);
        // What PostgreSQL NOTIFY delivers on the second host (ADR 0016).
        await secondInvalidation.InvalidateAsync(CacheKey.SlackInstallation("T-T0A"));

        Assert.Equal("xoxb-rotated", (await second.FindAsync("T-T0A", default))?.BotToken);
    }

    [Fact]
    public async Task FirstUse_InstallationFilesFromBefore_MovedInAndRenamed()
    {
        var files = FileStore();
        await files.SaveAsync(Installation("T0A", "xoxb-a"), default);
        await files.SaveAsync(Installation("T0B", "xoxb-b"), default);
        var (store, _) = NewHost();

        var listed = await store.ListAsync(default);

        Assert.Equal(["xoxb-a", "xoxb-b"], listed.Select(i => i.BotToken).Order());
        Assert.Equal(["T-T0A", "T-T0B"], records.Rows.Keys.Order());
        Assert.Empty(Directory.GetFiles(folder, "*.bin"));
        Assert.Equal(2, Directory.GetFiles(folder, "*.bin.imported").Length);
    }

    [Fact]
    public async Task FirstUse_OldFileOfAWorkspaceRotatedInTheDatabase_TheDatabaseTokenWins()
    {
        await FileStore().SaveAsync(Installation("T0A", "xoxb-old-file"), default);
        records.Rows["T-T0A"] = new InstallationCipher(protection).Protect(Installation("T0A", "xoxb-rotated"));
        var (store, _) = NewHost();

        Assert.Equal("xoxb-rotated", (await store.FindAsync("T-T0A", default))?.BotToken);
    }

    [Fact]
    public async Task FirstUse_FileThatDoesNotDecrypt_LeftInPlaceAndNotImported()
    {
        await File.WriteAllBytesAsync(Path.Combine(folder, "T-T0X.bin"), [1, 2, 3, 4]);
        var (store, _) = NewHost();

        Assert.Null(await store.FindAsync("T-T0X", default));
        Assert.Empty(records.Rows);
        Assert.True(File.Exists(Path.Combine(folder, "T-T0X.bin")));
    }

    [Fact]
    public async Task Delete_OnOneHost_GoneForANewHost()
    {
        var (first, _) = NewHost();
        await first.SaveAsync(Installation("T0A", "xoxb-a"), default);

        Assert.True(await first.DeleteAsync("T-T0A", default));

        var (later, _) = NewHost();
        Assert.Null(await later.FindAsync("T-T0A", default));
        Assert.Empty(await later.ListAsync(default));
    }

    private sealed class InMemoryRecords : IChannelInstallationRecords
    {
        public ConcurrentDictionary<string, byte[]> Rows { get; } = new(StringComparer.Ordinal);

        public Task<byte[]?> FindAsync(string key, CancellationToken cancellationToken) =>
            Task.FromResult(Rows.TryGetValue(key, out var payload) ? payload : null);

        public Task SaveAsync(string key, byte[] protectedPayload, CancellationToken cancellationToken)
        {
            Rows[key] = protectedPayload;
            return Task.CompletedTask;
        }

        public Task<bool> AddIfAbsentAsync(string key, byte[] protectedPayload, CancellationToken cancellationToken) =>
            Task.FromResult(Rows.TryAdd(key, protectedPayload));

        public Task<IReadOnlyList<string>> ListKeysAsync(CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<string>>([.. Rows.Keys.Order(StringComparer.Ordinal)]);

        public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken) => Task.FromResult(Rows.TryRemove(key, out _));
    }
}
