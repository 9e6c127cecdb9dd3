using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using SalesCoachBot.Data;
using SalesCoachBot.Host.Endpoints;
using SalesCoachBot.Host.Tests.Security;

namespace SalesCoachBot.Host.Tests.Observability;

/// <summary>Issue 19, point 3: <c>/healthz</c> is liveness only, <c>/readyz</c> readiness with the database and its migrations.</summary>
public sealed class HealthEndpointTests : IAsyncLifetime
{
    private TrustHost _host = null!;

    public async Task InitializeAsync() => _host = await TrustHost.StartAsync("Production", new Dictionary<string, string>());

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(string path)
    {
        var response = await _host.Client.GetAsync(path);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement);
    }

    [Fact]
    public async Task Readyz_MigratedDatabase_ReadyWithBothChecks()
    {
        var (status, body) = await GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("up to date", body.GetProperty("checks").GetProperty("migrations").GetProperty("description").GetString());
    }

    [Fact]
    public async Task Healthz_DatabaseReachable_LiveNamingTheDatabaseReachable()
    {
        var (status, body) = await GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.Equal("Sqlite reachable", body.GetProperty("checks").GetProperty("database").GetProperty("description").GetString());
    }

    [Fact]
    public async Task Readyz_MigrationPending_NotReadyNamingItWhileHealthzStaysLive()
    {
        string last;
        await using (var scope = _host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SalesCoachDbContext>();
            last = db.Database.GetMigrations().Last();
            await db.Database.ExecuteSqlAsync($"DELETE FROM __ef_migrations_history WHERE \"MigrationId\" = {last}");
        }

        var (ready, body) = await GetAsync("/readyz");
        var (live, _) = await GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready);
        Assert.Equal($"1 migrations pending: {last}", body.GetProperty("checks").GetProperty("migrations").GetProperty("description").GetString());
        Assert.Equal(HttpStatusCode.OK, live);
    }
}

/// <summary>A database nobody answers on: not ready, still live (an outage must not get every host restarted).</summary>
public sealed class HealthWithoutDatabaseTests
{
    /// <summary>A started host on a PostgreSQL address nobody answers on, without its background services.</summary>
    private static async Task<WebApplication> StartAsync()
    {
        var builder = HostComposition.CreateBuilder(["--environment=Production", "--Database:Provider=Postgres", "--ConnectionStrings:SalesCoach=Host=127.0.0.1;Port=1;Database=none;Username=none;Password=none;Timeout=2"]);
        builder.WebHost.UseTestServer();

        // The background services (map check, scheduler) need the database; the probes are what is tested here.
        builder.Services.RemoveAll<Microsoft.Extensions.Hosting.IHostedService>();
        var app = builder.Build();
        HostComposition.MapEndpoints(app);
        await app.StartAsync();
        return app;
    }

    [Fact]
    public async Task Readyz_DatabaseUnreachable_NotReadyButLive()
    {
        await using var app = await StartAsync();
        using var client = app.GetTestClient();

        var ready = await client.GetAsync("/readyz");
        var live = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var checks = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement.GetProperty("checks");
        Assert.Equal("Postgres not reachable", checks.GetProperty("database").GetProperty("description").GetString());
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        await app.StopAsync();
    }

    [Fact]
    public async Task Healthz_DatabaseUnreachable_LiveSayingSoInJson()
    {
        await using var app = await StartAsync();
        using var client = app.GetTestClient();

        var live = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        var body = JsonDocument.Parse(await live.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Degraded", body.GetProperty("status").GetString());
        Assert.Equal("Postgres not reachable", body.GetProperty("checks").GetProperty("database").GetProperty("description").GetString());
        await app.StopAsync();
    }
}

/// <summary>The liveness probe's database check: shared by probes that come together, reused for a few seconds, bounded in time.</summary>
public sealed class DatabaseReachabilityTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task IsReachable_ProbeStorm_OneCheckUntilItIsAFewSecondsOld()
    {
        var checks = 0;
        var reachability = new DatabaseReachability(_ => Task.FromResult(Interlocked.Increment(ref checks) > 0), _time);

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => reachability.IsReachableAsync(CancellationToken.None)));
        _time.Advance(DatabaseReachability.CacheFor - TimeSpan.FromMilliseconds(1));
        await reachability.IsReachableAsync(CancellationToken.None);

        Assert.All(answers, a => Assert.True(a));
        Assert.Equal(1, checks);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        await reachability.IsReachableAsync(CancellationToken.None);
        Assert.Equal(2, checks);
    }

    [Fact]
    public async Task IsReachable_DatabaseHangs_NotReachableAfterThePatience()
    {
        var hung = new TaskCompletionSource<bool>();
        var reachability = new DatabaseReachability(_ => hung.Task, _time);

        var answer = reachability.IsReachableAsync(CancellationToken.None);
        _time.Advance(DatabaseReachability.Patience);

        Assert.False(await answer.WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
