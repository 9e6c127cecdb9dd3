using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SalesCoachBot.Data;

namespace SalesCoachBot.Host.Endpoints;

/// <summary>
/// <c>GET /healthz</c>: liveness (the process answers; never the database, so an outage does not get every host
/// restarted). <c>GET /readyz</c>: readiness, 503 unless the database answers and has every migration this host
/// knows; a load balancer sends no traffic to a host that is not ready.
/// </summary>
internal static class HealthEndpoints
{
    private const string Ready = "ready";

    public static IServiceCollection AddSalesCoachHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [Ready])
            .AddCheck<MigrationsHealthCheck>("migrations", tags: [Ready]);
        return services;
    }

    public static void MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = WriteAsync });
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
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
