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
        // IDealStore is scoped (EF Core), so each check resolves it in its own scope.
        services.TryAddSingleton<IStageOccupancy>(sp => new ScopedStageOccupancy(sp.GetRequiredService<IServiceScopeFactory>()));
        services.TryAddSingleton<IProcessMapEvents, ProcessMapEvents>();
        services.TryAddSingleton(sp => new ReloadingProcessMapSource(
            sp.GetRequiredService<IOptions<ProcessMapOptions>>().Value,
            sp.GetService<IStageOccupancy>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<ReloadingProcessMapSource>>(),
            sp.GetService<IProcessMapEvents>()));
        services.TryAddSingleton<IProcessMapSource>(sp => sp.GetRequiredService<ReloadingProcessMapSource>());
        services.AddHostedService<ProcessMapStartupCheck>();
        return services;
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

        // The map may have changed while the host was down: deals in stages it replaces move now.
        await source.MoveDealsAsync(null, map, cancellationToken).ConfigureAwait(false);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Open deals from a deal store resolved in a fresh scope per check; none when no store is registered.</summary>
internal sealed class ScopedStageOccupancy(IServiceScopeFactory scopes) : IStageOccupancy
{
    public async Task<IReadOnlyList<StageOccupant>> FindDealsOutsideAsync(MapRef map, IReadOnlySet<string> knownStages, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return scope.ServiceProvider.GetService<IDealStore>() is { } deals
            ? await new DealStoreStageOccupancy(deals, scope.ServiceProvider.GetService<IDirectoryStore>())
                .FindDealsOutsideAsync(map, knownStages, cancellationToken).ConfigureAwait(false)
            : [];
    }
}
