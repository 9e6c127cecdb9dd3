using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SalesCoachBot.Data;

namespace SalesCoachBot.Host.Endpoints;

/// <summary>
/// <c>GET /healthz</c>: liveness, 200 while the process answers, whatever the database does (an outage must not get
/// every host restarted); its JSON also says whether the database is reachable (<c>Degraded</c> when not), from a check
/// at most a few seconds old, so a probe storm does not become a storm of connections. <c>GET /readyz</c>: readiness,
/// 503 unless the database answers and has every migration this host knows; a load balancer sends no traffic to a
/// host that is not ready.
/// </summary>
internal static class HealthEndpoints
{
    private const string Ready = "ready";
    private const string Live = "live";

    public static IServiceCollection AddSalesCoachHealthChecks(this IServiceCollection services)
    {
        services.AddSingleton(sp => new DatabaseReachability(sp.GetRequiredService<DatabaseInitializer>().CanConnectAsync, sp.GetRequiredService<TimeProvider>()));
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [Ready])
            .AddCheck<MigrationsHealthCheck>("migrations", tags: [Ready])
            .AddCheck<DatabaseLivenessCheck>(LivenessDatabaseCheck, failureStatus: HealthStatus.Degraded, tags: [Live]);
        return services;
    }

    /// <summary>The liveness check's name; registered apart from readiness's "database" (names are unique), shown as "database".</summary>
    private const string LivenessDatabaseCheck = "database (liveness)";

    public static void MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            Predicate = c => c.Tags.Contains(Live),
            ResponseWriter = WriteAsync,
            // Alive is alive: only readiness turns 503.
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status200OK,
            },
        });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = WriteAsync });
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key == LivenessDatabaseCheck ? "database" : e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body), context.RequestAborted);
    }
}

internal sealed class DatabaseHealthCheck(DatabaseInitializer database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy($"{database.ProviderName} reachable")
            : HealthCheckResult.Unhealthy($"{database.ProviderName} not reachable");
}

/// <summary>For liveness: the database's reachability as last seen (at most a few seconds ago); never Unhealthy.</summary>
internal sealed class DatabaseLivenessCheck(DatabaseReachability reachability, DatabaseInitializer database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await reachability.IsReachableAsync(cancellationToken)
            ? HealthCheckResult.Healthy($"{database.ProviderName} reachable")
            : HealthCheckResult.Degraded($"{database.ProviderName} not reachable");
}

/// <summary>
/// Whether the database answers, asked at most once every <see cref="CacheFor"/> and given at most <see cref="Patience"/>:
/// probes that arrive together share one check, and a hung database costs a probe two seconds, not the driver's
/// connect timeout.
/// </summary>
internal sealed class DatabaseReachability(Func<CancellationToken, Task<bool>> canConnect, TimeProvider time)
{
    internal static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);
    internal static readonly TimeSpan Patience = TimeSpan.FromSeconds(2);

    private readonly Lock gate = new();
    private Task<bool>? current;
    private DateTimeOffset checkedAt;

    public Task<bool> IsReachableAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (current is null || (current.IsCompleted && time.GetUtcNow() - checkedAt >= CacheFor))
            {
                checkedAt = time.GetUtcNow();
                current = CheckAsync();
            }

            return current.WaitAsync(cancellationToken);
        }
    }

    private async Task<bool> CheckAsync()
    {
        // Not the probe's token: the answer is shared with the probes that come next.
        using var timeout = new CancellationTokenSource(Patience, time);
        try
        {
            return await canConnect(timeout.Token).WaitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}

/// <summary>Not ready while an upgrade's migrations are still being applied (by this host or another).</summary>
internal sealed class MigrationsHealthCheck(DatabaseInitializer database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var pending = await database.PendingMigrationsAsync(cancellationToken);
            return pending.Count == 0
                ? HealthCheckResult.Healthy("up to date")
                : HealthCheckResult.Unhealthy($"{pending.Count} migrations pending: {string.Join(", ", pending)}");
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("cannot read the migrations history");
        }
    }
}
