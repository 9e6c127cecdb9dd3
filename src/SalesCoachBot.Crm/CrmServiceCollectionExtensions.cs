using System.Net;
using System.Net.Http.Headers;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using SalesCoachBot.Core.Coaching;
using SalesCoachBot.Core.Crm;
using SalesCoachBot.Crm.HubSpot;

namespace SalesCoachBot.Crm;

public static class CrmServiceCollectionExtensions
{
    /// <summary>
    /// The CRM connection when <c>Crm:Provider</c> names one this build speaks (hubspot): options validated on start,
    /// the connector, the sync runner, the push dispatcher, the webhook queue and the background worker.
    /// </summary>
    public static IServiceCollection AddCrm(this IServiceCollection services, IConfiguration configuration, bool background = true)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<CrmSettings>().Bind(configuration.GetSection("Crm")).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CrmSettings>, CrmSettingsValidator>();
        services.AddOptions<CrmPublicUrl>().Bind(configuration);
        var provider = (configuration["Crm:Provider"] ?? CrmOptions.None).Trim().ToLowerInvariant();
        if (provider != "hubspot")
        {
            return services;
        }

        services.AddSingleton<CrmWebhookQueue>();
        services.AddHttpClient<HubSpotClient>((sp, http) =>
            {
                var hubspot = sp.GetRequiredService<IOptions<CrmSettings>>().Value.HubSpot;
                http.BaseAddress = new Uri(hubspot.BaseUrl.ToString().TrimEnd('/') + "/");
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", hubspot.AccessToken);
                http.Timeout = Timeout.InfiniteTimeSpan;   // the resilience handler limits each attempt
            })
            .AddHttpMessageHandler(() => new HubSpotRateLimitHandler())
            .AddResilienceHandler("hubspot", (pipeline, context) =>
            {
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = 4,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = TimeSpan.FromSeconds(1),
                    ShouldRetryAfterHeader = true,
                    ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                    {
                        { Result: { } response } => response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500,
                        { Exception: HttpRequestException } => true,
                        _ => false,
                    }),
                });
                pipeline.AddTimeout(TimeSpan.FromSeconds(30));
            });
        // The typed client's HttpClient comes from the factory, so its handlers are pooled and rotated as usual.
        services.AddSingleton<ICrmConnector>(sp => new HubSpotConnector(new HubSpotClient(sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(HubSpotClient)))));
        services.AddSingleton<CrmSyncRunner>();
        services.AddSingleton<CrmPushDispatcher>();
        if (background)
        {
            services.AddHostedService<CrmWorker>();
        }

        return services;
    }

    /// <summary>The CRM's inbound endpoints (HubSpot webhooks when HubSpot is the CRM).</summary>
    public static IEndpointRouteBuilder MapCrm(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.ServiceProvider.GetService<CrmWebhookQueue>() is not null)
        {
            app.MapHubSpotWebhooks();
        }

        return app;
    }
}

/// <summary>
/// HubSpot's documented limits, kept on our side so 429s stay rare: 100 requests per 10 seconds per private app, and
/// 5 per second for the search endpoints (we take 4). Requests wait for a permit rather than fail.
/// </summary>
internal sealed class HubSpotRateLimitHandler : DelegatingHandler
{
    private static readonly SlidingWindowRateLimiter General = new(new SlidingWindowRateLimiterOptions
    {
        PermitLimit = 100,
        Window = TimeSpan.FromSeconds(10),
        SegmentsPerWindow = 10,
        QueueLimit = int.MaxValue,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    private static readonly SlidingWindowRateLimiter Search = new(new SlidingWindowRateLimiterOptions
    {
        PermitLimit = 4,
        Window = TimeSpan.FromSeconds(1),
        SegmentsPerWindow = 4,
        QueueLimit = int.MaxValue,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var general = await General.AcquireAsync(1, cancellationToken);
        using var search = request.RequestUri?.AbsolutePath.EndsWith("/search", StringComparison.Ordinal) == true
            ? await Search.AcquireAsync(1, cancellationToken)
            : null;
        return await base.SendAsync(request, cancellationToken);
    }
}
