using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SalesCoachBot.Core.Caching;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Nudges;
using SalesCoachBot.Teams.Conversations;
using SalesCoachBot.Teams.Nudges;
using SalesCoachBot.Teams.Tests.Support;

namespace SalesCoachBot.Teams.Tests.Nudges;

/// <summary>
/// Every activity asks to remember its conversation reference; the database is written only when the
/// reference is new or its route changed, and an unchanged one is not even read again (in-process record).
/// </summary>
public sealed class DurableConversationReferenceStoreTests
{
    private static readonly ConversationKey Key = ConversationKey.For(ChatChannel.Teams, "a:personal-1");
    private readonly CountingRecords records = new();
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));

    /// <summary>A store on its own cache, as in a freshly started process.</summary>
    private DurableConversationReferenceStore NewStore()
    {
        var cache = TestCaches.Create(time);
        return new DurableConversationReferenceStore(records, cache, cache);
    }

    [Fact]
    public async Task Remember_New_IsStored_Unchanged_IsNeitherReadNorWritten()
    {
        var store = NewStore();

        Assert.True(await store.RememberAsync(Reference(), verify: false, CancellationToken.None));
        Assert.False(await store.RememberAsync(Reference(), verify: false, CancellationToken.None));
        Assert.False(await store.RememberAsync(Reference(userAadObjectId: "someone-else"), verify: false, CancellationToken.None));

        Assert.Equal(1, records.Saves);
        Assert.Equal(1, records.Gets);
        var stored = Assert.Single(await store.ListAsync(CancellationToken.None));
        Assert.Equal("https://smba.test/amer/", stored.ServiceUrl);
        Assert.Equal("28:bot", stored.BotId);
        Assert.True(stored.Authenticated);
    }

    [Theory]
    [InlineData("https://smba.test/emea/", "28:bot", "tenant-1", true)]
    [InlineData("https://smba.test/amer/", "28:other-bot", "tenant-1", true)]
    [InlineData("https://smba.test/amer/", "28:bot", "tenant-2", true)]
    [InlineData("https://smba.test/amer/", "28:bot", "tenant-1", false)]
    public async Task Remember_ChangedRoute_IsStoredAgain(string serviceUrl, string botId, string tenantId, bool authenticated)
    {
        var store = NewStore();
        await store.RememberAsync(Reference(), verify: false, CancellationToken.None);

        Assert.True(await store.RememberAsync(Reference(serviceUrl, botId, tenantId, authenticated), verify: false, CancellationToken.None));

        Assert.Equal(2, records.Saves);
        var stored = Assert.Single(await store.ListAsync(CancellationToken.None));
        Assert.Equal((serviceUrl, botId, tenantId, authenticated), (stored.ServiceUrl, stored.BotId, stored.TenantId, stored.Authenticated));
    }

    [Fact]
    public async Task Remember_AfterRemove_IsStoredAgain()
    {
        var store = NewStore();
        await store.RememberAsync(Reference(), verify: false, CancellationToken.None);

        Assert.True(await store.RemoveAsync(Key, CancellationToken.None));
        Assert.True(await store.RememberAsync(Reference(), verify: false, CancellationToken.None));

        Assert.Equal(2, records.Saves);
        Assert.Single(await store.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Remember_RemovedByAnotherHost_IsStoredAgainWhenVerifiedOrOnceTheRecordIsOld()
    {
        var store = NewStore();
        await store.RememberAsync(Reference(), verify: false, CancellationToken.None);
        records.Rows.Clear();   // another host removed the row; this host's record does not know

        Assert.False(await store.RememberAsync(Reference(), verify: false, CancellationToken.None));
        Assert.True(await store.RememberAsync(Reference(), verify: true, CancellationToken.None));

        records.Rows.Clear();
        time.Advance(new CacheOptions().ConversationReferenceLifetime);
        Assert.True(await store.RememberAsync(Reference(), verify: false, CancellationToken.None));
        Assert.Single(await store.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Remember_StoredByAnEarlierProcess_IsReadOnceAndNotRewritten()
    {
        await NewStore().SaveAsync(Reference(), CancellationToken.None);
        var restarted = NewStore();

        Assert.False(await restarted.RememberAsync(Reference(), verify: false, CancellationToken.None));
        Assert.False(await restarted.RememberAsync(Reference(), verify: false, CancellationToken.None));

        Assert.Equal(1, records.Saves);
        Assert.Equal(1, records.Gets);
    }

    [Fact]
    public async Task Messages_SameConversation_StoreTheReferenceOnce_InstallsCheckTheDatabase()
    {
        await using var host = await TeamsTestHost.StartAsync(services: s =>
            s.AddSingleton<IConversationReferenceStore>(sp => new DurableConversationReferenceStore(records, sp.GetRequiredService<SharedCache>(), sp.GetRequiredService<ICacheInvalidation>())));

        for (var i = 0; i < 3; i++)
        {
            var message = TestActivities.Message("what's next for initech");
            message["id"] = $"act-{i}";
            Assert.Equal(HttpStatusCode.OK, (await host.PostAsync(message)).StatusCode);
        }

        Assert.Equal(3, host.Bot.Turns.Count);
        Assert.Equal(3, host.Connector.Calls.Count);
        Assert.Equal(1, records.Saves);
        Assert.Equal(1, records.Gets);

        // Uninstall removes the row; a message after a reinstall stores it again.
        var remove = TestActivities.Base("installationUpdate");
        remove["action"] = "remove";
        await host.PostAsync(remove);
        Assert.Empty(records.Rows);
        var add = TestActivities.Base("installationUpdate");
        add["action"] = "add";
        await host.PostAsync(add);
        Assert.Single(records.Rows);
        Assert.Equal(2, records.Saves);

        // An install always asks the database, even when this host's record says the reference is stored.
        records.Rows.Clear();
        await host.PostAsync(add);
        Assert.Single(records.Rows);
        Assert.Equal(3, records.Saves);

        // A message from a moved conversation (another service URL) is stored again.
        var moved = TestActivities.Message("help", serviceUrl: "https://smba.test/emea/");
        await host.PostAsync(moved);
        Assert.Equal("https://smba.test/emea/", Assert.Single(records.Rows.Values).ServiceUrl);
        Assert.Equal(4, records.Saves);
    }

    private static TeamsConversationReference Reference(
        string serviceUrl = "https://smba.test/amer/", string botId = "28:bot", string tenantId = "tenant-1", bool authenticated = true, string userAadObjectId = "aad-user") =>
        new(Key, "a:personal-1", serviceUrl, "personal", tenantId, botId, "Sales Coach", userAadObjectId, authenticated, DateTimeOffset.UnixEpoch);

    /// <summary>The database side, counting round trips.</summary>
    private sealed class CountingRecords : IConversationReferenceRecords
    {
        private int saves;
        private int gets;

        public ConcurrentDictionary<ConversationKey, StoredConversationReference> Rows { get; } = new();

        public int Saves => saves;

        public int Gets => gets;

        public Task SaveAsync(StoredConversationReference reference, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref saves);
            Rows[reference.Key] = reference;
            return Task.CompletedTask;
        }

        public Task<StoredConversationReference?> GetAsync(ConversationKey key, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref gets);
            return Task.FromResult(Rows.TryGetValue(key, out var row) ? row : null);
        }

        public Task<bool> RemoveAsync(ConversationKey key, CancellationToken cancellationToken) => Task.FromResult(Rows.TryRemove(key, out _));

        public Task<IReadOnlyList<StoredConversationReference>> ListAsync(CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<StoredConversationReference>>([.. Rows.Values]);
    }
}
