using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SalesCoachBot.Core.Pipeline;

namespace SalesCoachBot.Host.Charts;

internal static partial class ChartEndpoints
{
    /// <summary><c>GET /charts/{token}.png</c>: a rendered chart; 404 for unknown, malformed or expired tokens.</summary>
    public static IEndpointRouteBuilder MapCharts(this IEndpointRouteBuilder app)
    {
        app.MapGet("/charts/{token}.png", GetChart).ExcludeFromDescription();
        return app;
    }

    /// <summary>The SkiaSharp renderer, the token store (in memory unless the database layer registers its own), and the publisher that replaces Core's no-picture default.</summary>
    public static IServiceCollection AddCharts(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<BarChartRenderer>();
        services.AddSingleton<FunnelChartRenderer>();
        services.AddSingleton<MapChartRenderer>();
        services.AddSingleton<ChartRenderer>();
        services.TryAddSingleton<IChartStore, MemoryChartStore>();
        services.Replace(ServiceDescriptor.Singleton<IChartPublisher, ChartPublisher>());
        return services;
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> GetChart(string token, IChartStore store, HttpContext context)
    {
        if (!TokenRegex().IsMatch(token) || await store.FindAsync(token, context.RequestAborted) is not { } png)
        {
            return TypedResults.NotFound();
        }

        // Tokens are capabilities: keep shared caches from holding on to them.
        context.Response.Headers.CacheControl = "private, max-age=86400";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.File(png, "image/png");
    }

    [GeneratedRegex("^[0-9a-f]{32}$", RegexOptions.CultureInvariant, 100)]
    private static partial Regex TokenRegex();
}
