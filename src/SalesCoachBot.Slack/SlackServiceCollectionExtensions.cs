using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace SalesCoachBot.Slack;

public static class SlackServiceCollectionExtensions
{
    /// <summary>Registers the Slack channel when it is configured (INTERFACE.md: a channel that is off answers 404).</summary>
    public static IServiceCollection AddSlackChannel(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        _ = configuration;
        _ = environment;
        return services;
    }

    public static IEndpointRouteBuilder MapSlackChannel(this IEndpointRouteBuilder endpoints) => endpoints;
}
