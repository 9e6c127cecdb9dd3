using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SalesCoachBot.Core.Pipeline;
using SalesCoachBot.Data.Hosts;

namespace SalesCoachBot.Host.Charts;

internal static partial class ChartEndpoints
{
    /// <summary><c>GET /charts/{token}.png</c>: a rendered chart; 404 for unknown, malformed or expired tokens.</summary>
    public static IEndpointRouteBuilder MapCharts(this IEndpointRouteBuilder app)
    {
        app.MapGet("/charts/{token}.png", GetChart).ExcludeFromDescription();
        return app;
    }

    /// <summary>The SkiaSharp renderer, the in-memory token store, and the publisher that replaces Core's no-picture default.</summary>
    public static IServiceCollection AddCharts(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<BarChartRenderer>();
        // In the database when the host has one (any host serves any chart), else in memory.
        services.TryAddSingleton<IChartStore>(sp => sp.GetService<ChartImageStore>() is { } images
            ? new DatabaseChartStore(images)
            : new ChartStore(sp.GetRequiredService<TimeProvider>()));
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
