using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace SalesCoachBot.Host.Observability;

/// <summary>
/// OpenTelemetry traces and metrics, exported over OTLP and configured by the standard <c>OTEL_*</c> variables
/// (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, <c>OTEL_EXPORTER_OTLP_PROTOCOL</c>, <c>OTEL_SERVICE_NAME</c>,
/// <c>OTEL_RESOURCE_ATTRIBUTES</c>…). Off by default: with no OTLP endpoint nothing is registered, so no request
/// pays for an activity nobody exports (README, "Deploy").
/// </summary>
internal static class TelemetrySetup
{
    /// <summary>Every meter of the bot: coaching (turns, confirmations, advances, failures), nudges (digests), CRM pushes.</summary>
    public const string BotMeters = "SalesCoachBot.*";

    public static bool IsEnabled(IConfiguration configuration) =>
        !string.Equals(configuration["OTEL_SDK_DISABLED"], "true", StringComparison.OrdinalIgnoreCase) &&
        new[] { "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT" }
            .Any(key => !string.IsNullOrWhiteSpace(configuration[key]));

    public static IServiceCollection AddSalesCoachTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        if (!IsEnabled(configuration))
        {
            return services;
        }

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("salescoachbot", serviceInstanceId: Environment.MachineName + ":" + Environment.ProcessId))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsProbe(context.Request.Path))
                .AddHttpClientInstrumentation()
                .AddEntityFrameworkCoreInstrumentation()
                .AddNpgsql())
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddMeter(BotMeters))
            .UseOtlpExporter();
        return services;
    }

    /// <summary>Load balancers poll these every few seconds; their traces would drown the real ones.</summary>
    private static bool IsProbe(PathString path) =>
        path.StartsWithSegments("/healthz", StringComparison.Ordinal) || path.StartsWithSegments("/readyz", StringComparison.Ordinal);
}
