using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SalesCoachBot.Core.ProcessMaps;

namespace SalesCoachBot.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>Registers the coaching use cases, the language understanding and the process map source.</summary>
    public static IServiceCollection AddSalesCoachCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddProcessMaps(configuration);
        return services;
    }
}
