using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SalesCoachBot.Core;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Caching;
using SalesCoachBot.Core.Cards;
using Microsoft.AspNetCore.DataProtection;
using SalesCoachBot.Core.Home;
using SalesCoachBot.Slack.BlockKit;
using SalesCoachBot.Slack.Home;
using SalesCoachBot.Slack.Inbound;
using SalesCoachBot.Slack.Installs;
using SalesCoachBot.Slack.Processing;
using SalesCoachBot.Slack.SocketMode;
using SalesCoachBot.Slack.Verification;
using SalesCoachBot.Slack.WebApi;
using SalesCoachBot.Slack.Workspaces;

namespace SalesCoachBot.Slack;

public static class SlackServiceCollectionExtensions
{
    /// <summary>Registers the Slack channel when it is configured (docs/slack.md: a channel that is off answers 404).</summary>
    /// <param name="keysInDatabase">
    /// How the host keeps Data Protection keys in its database (<c>Slack:KeyRing:Store</c> = <c>Database</c>); the channel
    /// itself knows no database.
    /// </param>
    public static IServiceCollection AddSlackChannel(
        this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment, Action<IDataProtectionBuilder>? keysInDatabase = null)
    {
        ArgumentNullException.ThrowIfNull(environment);

        // The renderer is useful without the channel too: `ask --json` shows what Slack would be sent.
        services.TryAddSingleton<BlockKitRenderer>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICardRenderer, BlockKitCardRenderer>());

        var section = configuration.GetSection(SlackOptions.SectionName);
        var configured = section.Get<SlackOptions>() ?? new SlackOptions();
        configured.ResolvePaths(environment.ContentRootPath);
        if (!configured.Enabled)
        {
            // Install keys or a bot token alone turn nothing on (no signing secret verifies HTTP requests, no Socket Mode
            // receives them): refused by name instead of ignored, as a typo in SigningSecret would be. Names only, never values.
            if (KeysNeedingTheChannel(configured) is { Count: > 0 } keys)
            {
                var named = string.Join(", ", keys);
                services.AddOptions<SlackOptions>()
                    .Bind(section)
                    .Validate(_ => false, $"{named} {(keys.Count == 1 ? "is" : "are")} set but neither Slack:SigningSecret nor Slack:AppToken is, " +
                        $"so the Slack channel is off and {(keys.Count == 1 ? "it" : "they")} would be ignored: " +
                        $"set Slack:SigningSecret (HTTP endpoints) or Slack:AppToken (Socket Mode), or remove {named}.")
                    .ValidateOnStart();
            }

            return services;
        }

        services.AddOptions<SlackOptions>()
            .Bind(section)
            .PostConfigure(o => o.ResolvePaths(environment.ContentRootPath))
            .ValidateDataAnnotations()
            .Validate(o => o.ApiBaseUrl.IsAbsoluteUri && o.ApiBaseUrl.AbsolutePath.EndsWith('/'), "Slack:ApiBaseUrl must be an absolute URL ending with '/'.")
            .Validate(o => string.IsNullOrEmpty(o.BotToken) || o.BotToken.StartsWith("xoxb-", StringComparison.Ordinal), "Slack:BotToken must be a bot token (xoxb-…).")
            .Validate(o => string.IsNullOrEmpty(o.AppToken) || o.AppToken.StartsWith("xapp-", StringComparison.Ordinal), "Slack:AppToken must be an app-level token (xapp-…).")
            .Validate(o => o.AckBudget > TimeSpan.Zero && o.AckBudget < TimeSpan.FromSeconds(3), "Slack:AckBudget must be under Slack's 3 s.")
            .Validate(o => o.UserLookupBudget > TimeSpan.Zero && o.UserLookupBudget <= SlackOptions.MaxUserLookupBudget,
                "Slack:UserLookupBudget must be more than 00:00:00 and at most 00:01:00: how long a message waits for users.info before it is answered without the person's email and locale.")
            .Validate(o => o.InstallsEnabled || (string.IsNullOrWhiteSpace(o.ClientId) && string.IsNullOrWhiteSpace(o.ClientSecret) && string.IsNullOrWhiteSpace(o.StateSecret)),
                "Slack installs need all of Slack:ClientId, Slack:ClientSecret and Slack:StateSecret.")
            .Validate(o => string.IsNullOrEmpty(o.StateSecret) || o.StateSecret.Length >= 32, "Slack:StateSecret must be at least 32 characters.")
            .Validate(o => o.SocketBackoffBase > TimeSpan.Zero && o.SocketBackoffMax >= o.SocketBackoffBase && o.SocketHelloTimeout > TimeSpan.Zero,
                "Slack:SocketBackoffBase, SocketBackoffMax and SocketHelloTimeout must be positive (max ≥ base).")
            // Outside Development an install link is public: without a list, any workspace could be the first to use it.
            .Validate(o => !o.InstallsEnabled || environment.IsDevelopment() || o.HasWorkspaceList,
                "Slack:AllowedTeamIds (or Slack:AllowedEnterpriseIds) must name the workspaces that may install and use the app: Slack installs (Slack:ClientId) are on outside Development.")
            .Validate(o => !o.InstallsEnabled || o.KeyRing.Store != SlackKeyStore.Database || keysInDatabase is not null,
                "Slack:KeyRing:Store 'Database' needs the host's database.")
            .Validate(o => string.IsNullOrWhiteSpace(o.KeyRing.CertificatePath) || string.IsNullOrWhiteSpace(o.KeyRing.CertificateThumbprint),
                "Slack:KeyRing: set CertificatePath or CertificateThumbprint, not both.")
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSalesCoachCaching();
        services.AddSingleton<SlackChannelMarker>();
        services.AddSingleton(sp => new SlackSignature(
            sp.GetRequiredService<IOptions<SlackOptions>>().Value.SigningSecret ?? string.Empty,
            TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<SlackOptions>>().Value.TimestampToleranceSeconds)));
        services.AddSingleton<SlackVerificationFilter>();
        services.AddSingleton<ChannelPacer>();
        services.AddSingleton<SlackWorkQueue>();
        // Shared through the database when the host has one (several hosts), else in this process.
        services.TryAddSingleton<ISlackEventDeduplicator>(sp => sp.GetService<IDeliveryClaims>() is { } claims
            ? new SharedEventDeduplicator(claims, sp.GetRequiredService<IOptions<SlackOptions>>())
            : ActivatorUtilities.CreateInstance<WindowedEventDeduplicator>(sp));
        services.AddSingleton<SlackUserDirectory>();
        services.AddSingleton<SlackTurnProcessor>();
        services.AddSingleton<SlackInboundHandler>();
        services.AddSingleton<SlackEndpoints>();
        services.AddSingleton<SlackInstallations>();
        services.AddSingleton<ISlackTokenProvider>(sp => sp.GetRequiredService<SlackInstallations>());
        services.AddSingleton<SlackWorkspaceGate>();
        services.AddSingleton<HomeViewRenderer>();
        services.AddSingleton<SlackHomePublisher>();
        services.TryAddScoped<HomeOverviewUseCase>();
        // The home is written in the person's language; the core registers the choice, a Slack-only host gets the defaults.
        services.TryAddSingleton<Core.Localization.LanguageChoice>();
        services.AddOptions<Core.Localization.LanguageOptions>().BindConfiguration("Coaching");
        services.AddHostedService<SlackWorker>();
        // Our own log lines name the method and Slack's error; the factory's per-request logging handlers (a scope and
        // two Information lines per call, filtered or not) only cost time on every response_url answer.
        // No HttpClient.Timeout: it would cover the retries' waits too; the pipeline limits each attempt instead.
        services.AddHttpClient(SlackApiClient.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers()
            .AddSlackWebApiResilience();
        services.AddSingleton<SlackWebApiTransport>();
        services.AddSingleton<SlackOAuthClient>();
        services.AddSingleton<ISlackApiClient, SlackApiClient>();

        if (configured.SocketModeEnabled)
        {
            services.AddSlackSocketModeResilience();
            services.AddSingleton<SlackSocketModeService>();
            services.AddHostedService(sp => sp.GetRequiredService<SlackSocketModeService>());
        }

        if (configured.InstallsEnabled)
        {
            services.AddSlackKeyRing(configured.KeyRing, configured.DataProtectionKeysPath, keysInDatabase);
            // In the database when the host has one (every host sees every install), else in files.
            services.TryAddSingleton<ISlackInstallationStore>(sp => sp.GetService<IChannelInstallationRecords>() is { } records
                ? ActivatorUtilities.CreateInstance<DatabaseSlackInstallationStore>(sp, records)
                : ActivatorUtilities.CreateInstance<FileSlackInstallationStore>(sp));
            services.AddSingleton<OAuthStateSigner>();
            services.AddSingleton<SlackInstallEndpoints>();
        }
        else
        {
            services.TryAddSingleton<ISlackInstallationStore, NoSlackInstallationStore>();
        }

        return services;
    }

    public static IEndpointRouteBuilder MapSlackChannel(this IEndpointRouteBuilder endpoints)
    {
        var marker = endpoints.ServiceProvider.GetService<SlackChannelMarker>();
        if (marker is null)
        {
            return endpoints;
        }

        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<SlackOptions>>().Value;
        var logger = endpoints.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("SalesCoachBot.Slack");
        SlackLog.ChannelOn(logger, options.HttpEnabled, !string.IsNullOrEmpty(options.BotToken), options.TeamId);
        WarnAboutProduction(options, endpoints.ServiceProvider.GetRequiredService<IHostEnvironment>(), logger);
        if (options.InstallsEnabled)
        {
            endpoints.MapGet("/slack/install", (HttpContext http, SlackInstallEndpoints install) => install.Install(http));
            endpoints.MapGet(SlackInstallEndpoints.RedirectPath, (HttpContext http, SlackInstallEndpoints install) => install.RedirectAsync(http));
        }

        if (!options.HttpEnabled)
        {
            // Socket Mode only: without a signing secret nothing could verify HTTP requests, so the endpoints stay 404.
            SlackLog.HttpOff(logger);
            return endpoints;
        }

        var group = endpoints.MapGroup("/slack").AddEndpointFilter<SlackVerificationFilter>();
        group.MapPost("/events", (HttpContext http, SlackEndpoints slack) => slack.HandleEventAsync(http));
        group.MapPost("/commands", (HttpContext http, SlackEndpoints slack) => slack.HandleCommandAsync(http));
        group.MapPost("/interactions", (HttpContext http, SlackEndpoints slack) => slack.HandleInteractionAsync(http));
        return endpoints;
    }

    /// <summary>The keys that do something only with the channel on (the bot token, the install keys) that are set, by their configuration names.</summary>
    private static List<string> KeysNeedingTheChannel(SlackOptions options) =>
        [
            .. new[] { ("Slack:BotToken", options.BotToken), ("Slack:ClientId", options.ClientId), ("Slack:ClientSecret", options.ClientSecret), ("Slack:StateSecret", options.StateSecret) }
                .Where(k => !string.IsNullOrWhiteSpace(k.Item2))
                .Select(k => k.Item1),
        ];

    /// <summary>What an operator should fix but a host may run without (docs/slack.md, "In Production").</summary>
    private static void WarnAboutProduction(SlackOptions options, IHostEnvironment environment, ILogger logger)
    {
        if (environment.IsDevelopment())
        {
            return;
        }

        if (options.InstallsEnabled && !options.KeyRing.Protected)
        {
            SlackLog.KeyRingUnprotected(logger, options.KeyRing.Store == SlackKeyStore.Database ? "in the database" : Path.GetFullPath(options.DataProtectionKeysPath));
        }

        if (!options.HasWorkspaceList && string.IsNullOrWhiteSpace(options.BotToken) && !options.InstallsEnabled)
        {
            SlackLog.NoWorkspaceList(logger);
        }
    }

    /// <summary>Present in DI only when the channel is configured.</summary>
    private sealed class SlackChannelMarker;
}
