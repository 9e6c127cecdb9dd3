using Microsoft.AspNetCore.Http.HttpResults;
using SalesCoachBot.Data;

namespace SalesCoachBot.Host.Endpoints;

internal static class HealthEndpoints
{
    public static void MapHealthEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/healthz", CheckAsync);

    private static async Task<Results<Ok<HealthReport>, JsonHttpResult<HealthReport>>> CheckAsync(
        DatabaseInitializer database, CancellationToken cancellationToken)
    {
        var reachable = await database.CanConnectAsync(cancellationToken);
        var report = new HealthReport(reachable ? "ok" : "degraded", new DatabaseHealth(database.ProviderName, reachable));
        return reachable
            ? TypedResults.Ok(report)
            : TypedResults.Json(report, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    internal sealed record HealthReport(string Status, DatabaseHealth Database);

    internal sealed record DatabaseHealth(string Provider, bool Reachable);
}
