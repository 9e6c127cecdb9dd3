using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Crm;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Crm.Salesforce;
using SalesCoachBot.Data;
using SalesCoachBot.Host.Tests.Security;

namespace SalesCoachBot.Host.Tests.Crm;

/// <summary>
/// Salesforce Change Data Capture (<c>Crm:Salesforce:ChangeEvents=cdc</c>) end to end: the host's own CometD subscriber
/// against the fake org's Bayeux server over HTTP (handshake, subscribe with <c>ext.replay</c>, long polls), events pulled
/// through the sync path, the replayId stored in the database, and the faults: a forgotten client, a refused replayId,
/// a malformed event, a dropped connection, an expired session.
/// </summary>
public sealed class SalesforceChangeEventTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private sealed record Org(SalesforceHost Host, string First, string Second) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Host.DisposeAsync();
    }

    private static async Task<Org> StartAsync(Action<IServiceCollection>? services = null)
    {
        var host = await SalesforceHost.StartAsync(settings: new Dictionary<string, string> { ["Crm:Salesforce:ChangeEvents"] = "cdc" }, services: services);
        var dana = host.Fake.AddUser("dana@example.com", "Dana Rep");
        var first = host.Fake.AddOpportunity("Zenith Robotics", "Qualification", dana, 42_000m);
        var second = host.Fake.AddOpportunity("Orbit Labs", "Qualification", dana, 9_000m);
        var (exit, stdout, stderr) = await host.RunAsync("crm", "sync", "--full");
        Assert.True(exit == 0, stdout + stderr);
        await UntilAsync(() => Task.FromResult(host.Fake.Subscriptions.Any(s => s.Error is null)), "the host subscribes");
        return new Org(host, first, second);
    }

    private static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var until = TimeProvider.System.GetUtcNow() + Patience;
        while (!await condition())
        {
            Assert.True(TimeProvider.System.GetUtcNow() < until, $"waited {Patience} for: {what}");
            await Task.Delay(50);
        }
    }

    private static async Task<DealView> DealAsync(SalesforceHost host, string crmId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<IDealStore>().FindByExternalIdAsync(crmId, CancellationToken.None))!;
    }

    private static async Task<bool> InStageAsync(SalesforceHost host, string crmId, string stage) =>
        (await DealAsync(host, crmId)).Deal.StageId == new StageId(stage);

    private static Task<long?> ReplayIdAsync(SalesforceHost host) =>
        host.Services.GetRequiredService<ICrmChangeEventStore>().GetReplayIdAsync("salesforce", CancellationToken.None);

    private static async Task<int> HistoryCountAsync(SalesforceHost host, DealId id)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SalesCoachDbContext>().StageHistory.CountAsync(h => h.DealId == id);
    }

    private static int QueryAllCalls(SalesforceHost host) => host.Fake.CallsByPath.GetValueOrDefault("GET /services/data/v59.0/queryAll");

    [Fact]
    public async Task StageChangedInSalesforce_ChangeEvent_DealMovedReplayIdStored_RepeatedEventNotPulledAgain()
    {
        await using var org = await StartAsync();
        var host = org.Host;
        Assert.Equal((SalesforceChangeEventWorker.Channel, (long?)-1, (string?)null), host.Fake.Subscriptions.First());

        host.Fake.Change(org.First, "StageName", "Negotiation/Review");
        var replay = host.Fake.PublishChangeEvent("UPDATE", [org.First], ["StageName", "LastModifiedDate"], "tx-1");

        await UntilAsync(async () => await ReplayIdAsync(host) == replay, "the replayId is stored");
        var deal = await DealAsync(host, org.First);
        Assert.Equal(new StageId("verbal-agreement"), deal.Deal.StageId);
        var (_, status, _) = await host.RunAsync("crm", "status");
        Assert.Contains($"change events: Change Data Capture, resuming after replayId {replay}; polling every 00:15:00", status, StringComparison.Ordinal);
        var history = await HistoryCountAsync(host, deal.Id);
        var pulls = QueryAllCalls(host);

        // The same transaction and record again (Salesforce redelivers after a reconnect): claimed once, not pulled again.
        var again = host.Fake.PublishChangeEvent("UPDATE", [org.First], ["StageName"], "tx-1");
        await UntilAsync(async () => await ReplayIdAsync(host) == again, "the repeated event's replayId is stored");
        Assert.Equal(pulls, QueryAllCalls(host));
        Assert.Equal(history, await HistoryCountAsync(host, deal.Id));
    }

    [Fact]
    public async Task ServerForgetsClient_403UnknownClient_HandshakesAgainAndReplaysMissedEventFromStoredReplayId()
    {
        await using var org = await StartAsync();
        var host = org.Host;
        host.Fake.Change(org.First, "StageName", "Needs Analysis");
        var stored = host.Fake.PublishChangeEvent("UPDATE", [org.First], ["StageName"]);
        await UntilAsync(async () => await ReplayIdAsync(host) == stored, "the first event applied");
        var handshakes = host.Fake.Handshakes;

        host.Fake.ForgetStreamingClients();
        host.Fake.Change(org.Second, "StageName", "Value Proposition");
        var missed = host.Fake.PublishChangeEvent("UPDATE", [org.Second], ["StageName"]);

        await UntilAsync(() => InStageAsync(host, org.Second, "demo"), "the missed event replayed and pulled");
        Assert.True(host.Fake.Handshakes > handshakes);
        Assert.Contains((SalesforceChangeEventWorker.Channel, (long?)stored, (string?)null), host.Fake.Subscriptions);
        await UntilAsync(async () => await ReplayIdAsync(host) == missed, "the replayed event's replayId stored");
    }

    [Fact]
    public async Task ServerForgetsClientBeforeAnyReplayIdStored_EventWhileUnsubscribed_PulledFromTheCursor()
    {
        await using var org = await StartAsync();
        var host = org.Host;
        Assert.Null(await ReplayIdAsync(host));
        var handshakes = host.Fake.Handshakes;

        // No replayId to resume from, so the new session subscribes from -1 (new events only): this event is never
        // delivered to it, and the change must come from the cursor.
        host.Fake.ForgetStreamingClients();
        host.Fake.Change(org.Second, "StageName", "Value Proposition");
        host.Fake.PublishChangeEvent("UPDATE", [org.Second], ["StageName"]);

        await UntilAsync(() => InStageAsync(host, org.Second, "demo"), "the change pulled from the cursor after subscribing again");
        Assert.True(host.Fake.Handshakes > handshakes);
        Assert.Null(await ReplayIdAsync(host));
    }

    [Fact]
    public async Task StoredReplayIdRefused_SubscribesFromMinusOne_AndPullsFromTheCursor()
    {
        await using var org = await StartAsync();
        var host = org.Host;
        host.Fake.Change(org.First, "StageName", "Needs Analysis");
        var stored = host.Fake.PublishChangeEvent("UPDATE", [org.First], ["StageName"]);
        await UntilAsync(async () => await ReplayIdAsync(host) == stored, "the first event applied");

        // Downtime beyond the org's retention: the stored id is gone, and the change made meanwhile sent no event we see.
        host.Fake.ExpireEventsThrough(stored);
        host.Fake.ForgetStreamingClients();
        host.Fake.Change(org.Second, "StageName", "Value Proposition");

        await UntilAsync(() => InStageAsync(host, org.Second, "demo"), "the change pulled from the cursor");
        var refused = host.Fake.Subscriptions.Single(s => s.Error is not null);
        Assert.Equal(stored, refused.ReplayFrom);
        Assert.StartsWith("400::The replayId", refused.Error, StringComparison.Ordinal);
        Assert.Equal((long?)-1, host.Fake.Subscriptions.Last().ReplayFrom);
        Assert.Null(await ReplayIdAsync(host));
    }

    [Fact]
    public async Task MalformedEvents_SkippedAndReplayIdAdvances_TheNextEventApplied()
    {
        await using var org = await StartAsync();
        var host = org.Host;
        host.Fake.Publish(SalesforceChangeEventWorker.Channel, id => new JsonObject { ["event"] = new JsonObject { ["replayId"] = id }, ["payload"] = new JsonObject() });
        host.Fake.Publish(SalesforceChangeEventWorker.Channel, _ => new JsonObject { ["payload"] = new JsonObject { ["ChangeEventHeader"] = new JsonObject() } });
        host.Fake.Publish(SalesforceChangeEventWorker.Channel, id => new JsonObject
        {
            ["event"] = new JsonObject { ["replayId"] = id },
            ["payload"] = new JsonObject { ["ChangeEventHeader"] = new JsonObject { ["entityName"] = "Opportunity", ["changeType"] = "UPDATE", ["recordIds"] = "006x" } },
        });
        host.Fake.Change(org.First, "StageName", "Value Proposition");
        var good = host.Fake.PublishChangeEvent("UPDATE", [org.First], ["StageName"]);

        await UntilAsync(async () => await ReplayIdAsync(host) == good, "the good event's replayId stored");
        Assert.True(await InStageAsync(host, org.First, "demo"));
    }

    [Fact]
    public async Task GapEvent_PullsEverythingSinceTheCursor()
    {
        await using var org = await StartAsync();
        var host = org.Host;
        host.Fake.Change(org.First, "StageName", "Value Proposition");
        host.Fake.Change(org.Second, "StageName", "Needs Analysis");
        host.Fake.PublishChangeEvent("GAP_OVERFLOW", []);

        await UntilAsync(() => InStageAsync(host, org.Second, "discovery"), "the gap pulled from the cursor");
        Assert.True(await InStageAsync(host, org.First, "demo"));
    }

    [Fact]
    public async Task DroppedConnectionsAndExpiredSession_ReconnectWithBackoffSignInAgain_EventApplied()
    {
        await using var org = await StartAsync();
        var host = org.Host;
        var handshakes = host.Fake.Handshakes;
        var signIns = host.Fake.SignIns;

        host.Fake.DropNextConnects(2);
        host.Fake.ExpireSessions();
        await UntilAsync(() => Task.FromResult(host.Fake.Handshakes >= handshakes + 3), "a new handshake after the 401 and after each dropped poll");
        host.Fake.Change(org.First, "StageName", "Negotiation/Review");
        host.Fake.PublishChangeEvent("UPDATE", [org.First], ["StageName"]);

        await UntilAsync(() => InStageAsync(host, org.First, "verbal-agreement"), "the event applied after reconnecting");
        Assert.Equal(signIns + 1, host.Fake.SignIns);
    }

    [Fact]
    public async Task SubscriptionLease_HeldByOneHost_AnotherHostIsRefusedUntilItExpires()
    {
        await using var org = await StartAsync();
        var store = org.Host.Services.GetRequiredService<ICrmChangeEventStore>();
        var now = TimeProvider.System.GetUtcNow();

        Assert.False(await store.TryHoldLeaseAsync("salesforce", "other-host", now + TimeSpan.FromMinutes(5), now, CancellationToken.None));
        Assert.True(await store.TryHoldLeaseAsync("salesforce", "other-host", now + TimeSpan.FromMinutes(20), now + SalesforceChangeEventWorker.LeaseFor + TimeSpan.FromMinutes(1), CancellationToken.None));
    }

    /// <summary>
    /// A host that stops gives the subscription back even when its goodbye to Salesforce fails (here the session had
    /// expired, so the disconnect answered 401): another host takes over at once, not after the lease runs out.
    /// </summary>
    [Fact]
    public async Task Stopping_DisconnectRefused_LeaseReleasedForTheNextHost()
    {
        await using var org = await StartAsync();
        var store = org.Host.Services.GetRequiredService<ICrmChangeEventStore>();
        var worker = org.Host.Services.GetRequiredService<SalesforceChangeEventWorker>();

        org.Host.Fake.ExpireSessions();
        await worker.StopAsync(CancellationToken.None);

        Assert.True(worker.ExecuteTask!.IsCompletedSuccessfully, worker.ExecuteTask.Exception?.ToString());
        var now = TimeProvider.System.GetUtcNow();
        Assert.True(await store.TryHoldLeaseAsync("salesforce", "next-host", now + SalesforceChangeEventWorker.LeaseFor, now, CancellationToken.None));
    }

    [Fact]
    public async Task DatabaseUnreachableWhileApplying_OneOutageWarningNoStackTraces_BothChangesAppliedOnceItIsBack()
    {
        var logs = new LogLines();
        var database = new Outage();
        await using var org = await StartAsync(services =>
        {
            services.AddSingleton<ILoggerProvider>(logs);
            Outage.Decorate<IDeliveryClaims>(services, (inner, _) => new FailingClaims(inner, database));
            Outage.Decorate<ICrmChangeEventStore>(services, (inner, _) => new FailingEventStore(inner, database));
        });
        var host = org.Host;
        host.Fake.Change(org.First, "StageName", "Needs Analysis");
        var stored = host.Fake.PublishChangeEvent("UPDATE", [org.First], ["StageName"], "tx-0");
        await UntilAsync(async () => await ReplayIdAsync(host) == stored, "the first event applied");
        var before = logs.Lines.Count;

        // The database goes away between the first record's claim and the second's: the claim taken cannot be given back
        // then, and must be before the event is replayed, or the first change would be skipped as "applied already".
        database.DownAfterClaims = 1;
        host.Fake.Change(org.First, "StageName", "Negotiation/Review");
        host.Fake.Change(org.Second, "StageName", "Value Proposition");
        host.Fake.PublishChangeEvent("UPDATE", [org.First, org.Second], ["StageName"], "tx-1");
        await UntilAsync(() => Task.FromResult(database.Refused >= 3), "three rounds refused by the database");
        Assert.Equal(stored, await database.Bypass(() => ReplayIdAsync(host)));
        database.Up();

        await UntilAsync(() => InStageAsync(host, org.Second, "demo"), "the second change applied once the database is back");
        Assert.True(await InStageAsync(host, org.First, "verbal-agreement"));
        await UntilAsync(() => Task.FromResult(logs.Lines.Skip(before).Any(l => l.EventId == 2122)), "the outage said to be over");
        var said = logs.Lines.Skip(before).ToList();
        var warning = Assert.Single(said, l => l.Level >= LogLevel.Warning);
        Assert.Equal(2120, warning.EventId);
        Assert.Single(said, l => l.EventId == 2122);
        Assert.DoesNotContain(said, l => l.EventId == 1633);
    }

    /// <summary>The database as the change event worker sees it: answering, or refusing connections (as Npgsql says it through EF Core).</summary>
    private sealed class Outage
    {
        private int _down;
        private int _claimsUntilDown = -1;
        private int _refused;

        public int Refused => Volatile.Read(ref _refused);

        public int DownAfterClaims
        {
            set => Volatile.Write(ref _claimsUntilDown, value);
        }

        public static void Decorate<T>(IServiceCollection services, Func<T, IServiceProvider, T> decorate)
            where T : class
        {
            var registered = services.Last(d => d.ServiceType == typeof(T));
            services.Add(ServiceDescriptor.Singleton(sp => decorate(
                registered.ImplementationInstance as T ?? registered.ImplementationFactory?.Invoke(sp) as T ?? (T)ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!), sp)));
        }

        public void Up()
        {
            Volatile.Write(ref _claimsUntilDown, -1);
            Volatile.Write(ref _down, 0);
        }

        public async Task<TResult> Bypass<TResult>(Func<Task<TResult>> read)
        {
            var down = Interlocked.Exchange(ref _down, 0);
            try
            {
                return await read();
            }
            finally
            {
                Volatile.Write(ref _down, down);
            }
        }

        public void ThrowIfDown()
        {
            if (Volatile.Read(ref _down) == 1)
            {
                Interlocked.Increment(ref _refused);
                throw new InvalidOperationException("An exception has been raised that is likely due to a transient failure.",
                    new NpgsqlException("Failed to connect to 10.0.0.9:5432", new SocketException((int)SocketError.ConnectionRefused)));
            }
        }

        public void Claimed()
        {
            if (Interlocked.Decrement(ref _claimsUntilDown) == 0)
            {
                Volatile.Write(ref _down, 1);
            }
        }
    }

    private sealed class FailingClaims(IDeliveryClaims inner, Outage database) : IDeliveryClaims
    {
        public async Task<bool> TryClaimAsync(string key, TimeSpan window, CancellationToken cancellationToken)
        {
            database.ThrowIfDown();
            var claimed = await inner.TryClaimAsync(key, window, cancellationToken);
            database.Claimed();
            return claimed;
        }

        public Task ReleaseAsync(string key, CancellationToken cancellationToken)
        {
            database.ThrowIfDown();
            return inner.ReleaseAsync(key, cancellationToken);
        }
    }

    private sealed class FailingEventStore(ICrmChangeEventStore inner, Outage database) : ICrmChangeEventStore
    {
        public Task<long?> GetReplayIdAsync(string provider, CancellationToken cancellationToken)
        {
            database.ThrowIfDown();
            return inner.GetReplayIdAsync(provider, cancellationToken);
        }

        public Task SaveReplayIdAsync(string provider, long? replayId, CancellationToken cancellationToken)
        {
            database.ThrowIfDown();
            return inner.SaveReplayIdAsync(provider, replayId, cancellationToken);
        }

        public Task<bool> TryHoldLeaseAsync(string provider, string owner, DateTimeOffset until, DateTimeOffset now, CancellationToken cancellationToken)
        {
            database.ThrowIfDown();
            return inner.TryHoldLeaseAsync(provider, owner, until, now, cancellationToken);
        }

        public Task ReleaseLeaseAsync(string provider, string owner, CancellationToken cancellationToken)
        {
            database.ThrowIfDown();
            return inner.ReleaseLeaseAsync(provider, owner, cancellationToken);
        }
    }
}
