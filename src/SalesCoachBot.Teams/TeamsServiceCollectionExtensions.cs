using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using SalesCoachBot.Core.Caching;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Resilience;
using SalesCoachBot.Teams.Auth;
using SalesCoachBot.Teams.Cards;
using SalesCoachBot.Teams.Connector;
using SalesCoachBot.Teams.Conversations;
using SalesCoachBot.Teams.Dispatch;

namespace SalesCoachBot.Teams;

public static class TeamsServiceCollectionExtensions
{
    public const string MessagesPath = "/api/messages";

    /// <summary>Registers the Teams channel when it is configured (docs/teams.md: a channel that is off answers 404).</summary>
    public static IServiceCollection AddTeamsChannel(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var section = configuration.GetSection(TeamsOptions.SectionName);
        // Validated even when the channel is off, so a forbidden setting stops the host.
        services.AddOptions<TeamsOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TeamsOptions>>(new TeamsOptionsValidator(environment));

        var options = section.Get<TeamsOptions>() ?? new TeamsOptions();
        var enabled = TeamsOptions.IsEnabled(options, environment.IsDevelopment());
        services.AddSingleton(new TeamsChannelState(enabled, options.AllowUnauthenticated && environment.IsDevelopment(), options.ServedTenants));
        services.TryAddSingleton<AdaptiveCardRenderer>();
        services.AddSingleton<ICardRenderer, TeamsCardRenderer>();   // ask --json shows the Adaptive Card even when the channel is off
        if (!enabled)
        {
            return services;
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddSalesCoachCaching();
        services.AddHttpClient(BotTokenValidator.OpenIdHttpClientName, c => c.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton<BotTokenValidator>();
        services.AddSingleton<ServiceUrlTrust>();
        services.AddSingleton<ConversationPacer>();
        services.TryAddSingleton<IConnectorTokenProvider, MsalConnectorTokenProvider>();
        services.TryAddSingleton<IConversationReferenceStore, InMemoryConversationReferenceStore>();
        services.AddHttpClient<ITeamsConnector, TeamsConnectorClient>(TeamsConnectorClient.HttpClientName)
            // No per-request HttpClient log handlers (they log only at Information/Debug, and open a
            // log scope per call even then); failed calls are logged by the client itself (TeamsLog).
            .RemoveAllLoggers()
            .AddResilienceHandler(ResiliencePipelines.TeamsConnector, builder => builder.AddRetry(new HttpRetryStrategyOptions
            {
                // Teams: retry throttling and gateway errors with exponential backoff and jitter, honouring Retry-After.
                MaxRetryAttempts = 4,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(300),
                MaxDelay = TimeSpan.FromSeconds(10),
                ShouldRetryAfterHeader = true,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                {
                    { Result: { } response } => IsRetryable(response.StatusCode),
                    { Exception: HttpRequestException } => true,
                    _ => false,
                }),
            }));
        services.AddSingleton<ITeamsProactiveMessenger, TeamsProactiveMessenger>();
        services.AddScoped<ActivityDispatcher>();
        services.AddScoped<TeamsRequestHandler>();
        services.AddHostedService<TeamsStartupReport>();
        return services;
    }

    public static IEndpointRouteBuilder MapTeamsChannel(this IEndpointRouteBuilder endpoints)
    {
        if (endpoints.ServiceProvider.GetService<TeamsChannelState>() is { Enabled: true })
        {
            endpoints.MapPost(MessagesPath, (HttpContext context, TeamsRequestHandler handler) => handler.HandleAsync(context))
                .DisableAntiforgery()
                .WithName("TeamsMessages");
        }

        return endpoints;
    }

    internal static bool IsRetryable(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.PreconditionFailed or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout;
}

/// <summary>
/// Whether the channel is on, whether requests without a token are accepted (Development only), and the tenants
/// served (none: any), worked out once rather than on every request.
/// </summary>
internal sealed record TeamsChannelState(bool Enabled, bool AllowUnauthenticated, IReadOnlySet<string> ServedTenants);

internal sealed class TeamsOptionsValidator(IHostEnvironment environment) : IValidateOptions<TeamsOptions>
{
    public ValidateOptionsResult Validate(string? name, TeamsOptions options)
    {
        var failures = new List<string>();
        if (options.AllowUnauthenticated && !environment.IsDevelopment())
        {
            failures.Add($"Teams:AllowUnauthenticated is true but the environment is '{environment.EnvironmentName}'. " +
                "It is allowed only in Development (local clients such as the Agents Playground); every other host must authenticate each activity.");
        }

        if (options.AppType == TeamsAppType.SingleTenant && string.IsNullOrWhiteSpace(options.TenantId))
        {
            failures.Add("Teams:AppType is SingleTenant but Teams:TenantId is not set.");
        }
        else if (environment.IsProduction() && !string.IsNullOrWhiteSpace(options.AppId) && options.ServedTenants.Count == 0)
        {
            // Any Bot Framework bot can be added in any tenant: without a tenant list, strangers' tenants would be served.
            failures.Add("Teams:AppId is set but neither Teams:TenantId nor Teams:AllowedTenants is. " +
                "In Production the Teams channel serves only the organisation's tenant(s): set Teams:TenantId (or the list Teams:AllowedTenants).");
        }

        CheckUrl(failures, "Teams:OpenIdMetadataUrl", options.OpenIdMetadataUrl);
        CheckUrl(failures, "Teams:EntraOpenIdMetadataUrl", options.EntraOpenIdMetadataUrl);
        if (!string.IsNullOrWhiteSpace(options.TokenEndpoint)
            && (!Uri.TryCreate(options.TokenEndpoint, UriKind.Absolute, out var tokenEndpoint) || tokenEndpoint.Scheme != Uri.UriSchemeHttps))
        {
            // MSAL takes its authority over https only, loopback or not: refused here rather than on every send.
            failures.Add("Teams:TokenEndpoint must be an absolute https URL.");
        }
        if (options.MaxBodyBytes is < 1024 or > 4 * 1024 * 1024)
        {
            failures.Add("Teams:MaxBodyBytes must be between 1 KB and 4 MB.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    // Keys and tokens come only over https; plain http is accepted for a loopback stub.
    private static void CheckUrl(List<string> failures, string key, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && !(url.Scheme == Uri.UriSchemeHttp && BotTokenValidator.IsLoopback(url))))
        {
            failures.Add($"{key} must be an absolute https URL (http only for a loopback address).");
        }
    }
}

/// <summary>Says at startup how the channel runs; loudly when authentication is off.</summary>
internal sealed class TeamsStartupReport(TeamsChannelState state, IOptions<TeamsOptions> options, ILogger<TeamsStartupReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (state.AllowUnauthenticated)
        {
            TeamsLog.UnauthenticatedModeOn(logger);
        }

        if (!string.IsNullOrWhiteSpace(o.AppId))
        {
            TeamsLog.ChannelOn(logger, o.AppId, o.AppType);
            if (!o.HasCredentials)
            {
                TeamsLog.NoOutboundCredentials(logger);
            }
        }

        if (o.ServedTenants.Count == 0)
        {
            TeamsLog.AnyTenant(logger);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
