using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using IPNetwork = System.Net.IPNetwork;
using Microsoft.Extensions.Options;

namespace SalesCoachBot.Host.Security;

/// <summary>
/// The <c>ForwardedHeaders</c> section: the reverse proxies (TLS terminators) whose <c>X-Forwarded-For</c> and
/// <c>X-Forwarded-Proto</c> the host believes. Listed proxies replace ASP.NET Core's default (loopback only).
/// </summary>
internal sealed class ForwardedHeadersSettings
{
    public const string SectionName = "ForwardedHeaders";

    /// <summary>Proxy addresses, for example <c>10.0.0.5</c>.</summary>
    public IList<string> KnownProxies { get; } = [];

    /// <summary>Proxy networks in CIDR form, for example <c>10.0.0.0/24</c>.</summary>
    public IList<string> KnownNetworks { get; } = [];

    public bool Configured => KnownProxies.Count > 0 || KnownNetworks.Count > 0;
}

internal static partial class ForwardedHeadersSetup
{
    public static IServiceCollection AddForwardedHeadersFromConfiguration(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ForwardedHeadersSettings>()
            .Bind(configuration.GetSection(ForwardedHeadersSettings.SectionName))
            .Validate(s => s.KnownProxies.All(p => IPAddress.TryParse(p, out _)), "ForwardedHeaders:KnownProxies must be IP addresses (for example 10.0.0.5).")
            .Validate(s => s.KnownNetworks.All(n => IPNetwork.TryParse(n, out _)), "ForwardedHeaders:KnownNetworks must be networks in CIDR form (for example 10.0.0.0/24).")
            .ValidateOnStart();

        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ForwardedHeadersSettings>>((options, settings) =>
        {
            // The client's address and the scheme it used; never Host, which the host does not need and a proxy may not set.
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            var proxies = settings.Value;
            if (!proxies.Configured)
            {
                return;
            }

            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in proxies.KnownProxies)
            {
                if (IPAddress.TryParse(proxy, out var address))
                {
                    options.KnownProxies.Add(address);
                }
            }

            foreach (var network in proxies.KnownNetworks)
            {
                if (IPNetwork.TryParse(network, out var parsed))
                {
                    options.KnownIPNetworks.Add(parsed);
                }
            }
        });
        return services;
    }

    /// <summary>First in the pipeline, so everything after it sees the client's scheme and address.</summary>
    public static void UseConfiguredForwardedHeaders(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment() && !app.Services.GetRequiredService<IOptions<ForwardedHeadersSettings>>().Value.Configured)
        {
            NoProxyConfigured(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("SalesCoachBot.Host.Security"));
        }
    }

    [LoggerMessage(EventId = 8201, Level = LogLevel.Warning,
        Message = "No ForwardedHeaders:KnownProxies or ForwardedHeaders:KnownNetworks configured: X-Forwarded-For/-Proto are believed only from this machine (loopback). Behind a proxy on another machine, list it (docs/slack.md, \"In Production\"); a host that terminates TLS itself needs nothing")]
    private static partial void NoProxyConfigured(ILogger logger);
}
