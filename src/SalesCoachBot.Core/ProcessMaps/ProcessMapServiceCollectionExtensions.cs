using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SalesCoachBot.Core.Abstractions;

namespace SalesCoachBot.Core.ProcessMaps;

public static class ProcessMapServiceCollectionExtensions
{
    /// <summary>Registers <see cref="IProcessMapSource"/>: the map at <c>ProcessMap:Path</c>, or the shipped default.</summary>
    public static IServiceCollection AddProcessMaps(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ProcessMapOptions>().Bind(configuration.GetSection(ProcessMapOptions.Section));
        services.TryAddSingleton(TimeProvider.System);

        // The default occupancy check needs a deal store; without one (map-only tools) nothing is stranded.
        services.TryAddSingleton<IStageOccupancy>(sp =>
            sp.GetService<IDealStore>() is { } deals ? new DealStoreStageOccupancy(deals) : new NoDeals());
        services.TryAddSingleton(sp => new ReloadingProcessMapSource(
            sp.GetRequiredService<IOptions<ProcessMapOptions>>().Value,
            () => sp.GetService<IStageOccupancy>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<ReloadingProcessMapSource>>()));
        services.TryAddSingleton<IProcessMapSource>(sp => sp.GetRequiredService<ReloadingProcessMapSource>());
        services.AddHostedService<ProcessMapStartupCheck>();
        return services;
    }

    private sealed class NoDeals : IStageOccupancy
    {
        public Task<IReadOnlyList<StageOccupant>> FindDealsOutsideAsync(IReadOnlySet<string> knownStages, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<StageOccupant>>([]);
    }
}

/// <summary>
/// Refuses to start the host with an invalid map (naming file, line and reason) or with a map that
/// has no stage for some open deals: there is no last good map to fall back on at start.
/// </summary>
internal sealed class ProcessMapStartupCheck(ReloadingProcessMapSource source) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var map = source.Current;
        var stranded = await source.FindStrandedAsync(map, cancellationToken).ConfigureAwait(false);
        if (stranded.Count > 0)
        {
            throw new ProcessMapInvalidException(
                $"The process map {source.DisplayName} is refused: {ReloadingProcessMapSource.DescribeStranded(stranded)}");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
