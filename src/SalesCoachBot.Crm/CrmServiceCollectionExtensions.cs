using System.Net;
using System.Net.Http.Headers;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using SalesCoachBot.Core;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Coaching;
using SalesCoachBot.Core.Crm;
using SalesCoachBot.Crm.HubSpot;
using SalesCoachBot.Crm.Salesforce;

namespace SalesCoachBot.Crm;

public static class CrmServiceCollectionExtensions
{
    /// <summary>
    /// The CRM connection when <c>Crm:Provider</c> names one this build speaks (hubspot, salesforce): options validated on start,
    /// the connector, the sync runner, the push dispatcher, the webhook queue and the background worker.
    /// </summary>
    public static IServiceCollection AddCrm(this IServiceCollection services, IConfiguration configuration, bool background = true)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<CrmSettings>()
            .Bind(configuration.GetSection("Crm"))
            .ResolvePathsUnderContentRoot((settings, root) => settings.Salesforce.CertificatePath = ContentRootPaths.Resolve(settings.Salesforce.CertificatePath, root))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<CrmSettings>, CrmSettingsValidator>();
        services.AddOptions<CrmPublicUrl>().Bind(configuration);
        var provider = (configuration["Crm:Provider"] ?? CrmOptions.None).Trim().ToLowerInvariant();
        switch (provider)
        {
            case "hubspot":
                AddHubSpot(services, configuration);
                break;
            case "salesforce":
                AddSalesforce(services);
                if (background && configuration.GetSection("Crm:Salesforce").Get<SalesforceSettings>() is { UsesCdc: true })
                {
                    AddSalesforceChangeEvents(services);
                }

                break;
            default:
                return services;
        }

        services.AddSingleton<CrmWebhookQueue>();
        services.AddSingleton<CrmSyncRunner>();
        services.AddSingleton<CrmPushDispatcher>();
        if (background)
        {
            services.AddHostedService<CrmWorker>();
        }

        return services;
    }

    private static void AddHubSpot(IServiceCollection services, IConfiguration configuration)
    {
        var oauth = configuration.GetSection("Crm:HubSpot").Get<HubSpotSettings>() is { UsesOAuth: true };
        services.AddHttpClient<HubSpotClient>((sp, http) =>
            {
                var hubspot = sp.GetRequiredService<IOptions<CrmSettings>>().Value.HubSpot;
                http.BaseAddress = new Uri(hubspot.BaseUrl.ToString().TrimEnd('/') + "/");
                if (!hubspot.UsesOAuth)
                {
                    http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", hubspot.AccessToken);
                }

                http.Timeout = Timeout.InfiniteTimeSpan;   // the resilience handler limits each attempt
            })
            .AddHttpMessageHandler(() => new HubSpotRateLimitHandler())
            .AddResilienceHandler("hubspot", Retries);
        if (oauth)
        {
            // OAuth: the token endpoint has its own client (retried like the API); tokens are kept encrypted with the
            // host's Data Protection key ring (Slack's, when Slack installs are on) in the installation records.
            services.AddDataProtection().SetApplicationName("SalesCoachBot");
            services.AddHttpClient(HubSpotTokenHttp, http => http.Timeout = Timeout.InfiniteTimeSpan).AddResilienceHandler("hubspot-oauth", Retries);
            services.AddSingleton(sp => new HubSpotOAuth(
                sp.GetRequiredService<IHttpClientFactory>().CreateClient(HubSpotTokenHttp), sp.GetRequiredService<IOptions<CrmSettings>>(),
                sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IDataProtectionProvider>(), sp.GetService<IChannelInstallationRecords>()));
            // Added after the resilience handler, so it is the innermost: every retry carries a live token.
            services.AddHttpClient(nameof(HubSpotClient)).AddHttpMessageHandler(sp => new HubSpotOAuthHandler(sp.GetRequiredService<HubSpotOAuth>()));
        }

        // The typed client's HttpClient comes from the factory, so its handlers are pooled and rotated as usual.
        services.AddSingleton<ICrmConnector>(sp => new HubSpotConnector(new HubSpotClient(sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(HubSpotClient)))));
    }

    private static void AddSalesforce(IServiceCollection services)
    {
        services.AddHttpClient(SalesforceHttp, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .AddHttpMessageHandler(() => new SalesforceConcurrencyHandler())
            .AddResilienceHandler("salesforce", Retries);
        services.AddSingleton(sp => new SalesforceAuth(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(SalesforceHttp), sp.GetRequiredService<IOptions<CrmSettings>>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new SalesforceClient(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(SalesforceHttp), sp.GetRequiredService<SalesforceAuth>(),
            sp.GetRequiredService<IOptions<CrmSettings>>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ICrmConnector>(sp => new SalesforceConnector(sp.GetRequiredService<SalesforceClient>(), sp.GetRequiredService<IOptions<CrmSettings>>()));
    }

    /// <summary>
    /// Change Data Capture over CometD (ADR 0022): its own client, without the resilience handler's 30 s attempts (a long
    /// poll is held up to 110 s) or the REST calls' concurrency permits, and without the pooled handler's cookies
    /// (<see cref="BayeuxClient"/> keeps them per handshake, as Salesforce's CometD needs).
    /// </summary>
    private static void AddSalesforceChangeEvents(IServiceCollection services)
    {
        services.AddHttpClient(SalesforceStreamingHttp, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { UseCookies = false, PooledConnectionLifetime = TimeSpan.FromMinutes(10) });
        services.AddSingleton(sp => new BayeuxClient(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(SalesforceStreamingHttp), sp.GetRequiredService<SalesforceAuth>(), sp.GetRequiredService<IOptions<CrmSettings>>()));
        services.AddSingleton<SalesforceChangeEventWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<SalesforceChangeEventWorker>());
    }

    private const string SalesforceStreamingHttp = "salesforce-streaming";
    private const string SalesforceHttp = "salesforce";
    private const string HubSpotTokenHttp = "hubspot-oauth";

    /// <summary>429 / 5xx / network errors retried 4 times with jittered exponential backoff (Retry-After wins), 30 s an attempt.</summary>
    private static void Retries(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, ResilienceHandlerContext context)
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
    }

    /// <summary>The CRM's inbound endpoints (HubSpot webhooks when HubSpot is the CRM; Salesforce is polled).</summary>
    public static IEndpointRouteBuilder MapCrm(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.ServiceProvider.GetService<ICrmConnector>() is { Provider: "hubspot" })
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

/// <summary>
/// Salesforce counts concurrent long-running requests per org (25) and API requests per 24 hours; the sync needs
/// neither many at once nor bursts, so at most 4 calls are in flight. The daily allocation is watched by
/// <see cref="SalesforceClient"/> from each answer's Sforce-Limit-Info.
/// </summary>
internal sealed class SalesforceConcurrencyHandler : DelegatingHandler
{
    private static readonly ConcurrencyLimiter InFlight = new(new ConcurrencyLimiterOptions
    {
        PermitLimit = 4,
        QueueLimit = int.MaxValue,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var permit = await InFlight.AcquireAsync(1, cancellationToken);
        return await base.SendAsync(request, cancellationToken);
    }
}
