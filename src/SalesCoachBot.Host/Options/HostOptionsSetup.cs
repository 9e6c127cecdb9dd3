using SalesCoachBot.Core.Coaching;

namespace SalesCoachBot.Host.Options;

/// <summary>Options of the host itself (public URL). Channel and data options live in their projects.</summary>
internal sealed class PublicOptions
{
    /// <summary>The host's public https URL, used for chart links and the Slack OAuth redirect.</summary>
    public Uri? PublicBaseUrl { get; set; }
}

internal static class HostOptionsSetup
{
    public static IServiceCollection AddHostOptions(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<PublicOptions>()
            .Bind(configuration)
            .Validate(o => o.PublicBaseUrl is null || o.PublicBaseUrl.IsAbsoluteUri, "PublicBaseUrl must be an absolute URL.")
            .ValidateOnStart();
        services.AddOptions<CrmOptions>()
            .Bind(configuration.GetSection(CrmOptions.SectionName))
            .Validate(o => o.IsKnownProvider, $"Crm:Provider must be one of {string.Join(", ", CrmOptions.Providers)}.")
            .ValidateOnStart();
        _ = environment;
        return services;
    }
}
