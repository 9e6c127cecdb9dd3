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
        services.AddOptions<ProcessMapOptions>()
            .Bind(configuration.GetSection(ProcessMapOptions.Section))
            .ResolvePathsUnderContentRoot((options, root) =>
            {
                options.Path = ContentRootPaths.Resolve(options.Path, root);
                options.Paths = [.. options.Paths.Select(path => ContentRootPaths.Resolve(path, root))];
                options.Folder = ContentRootPaths.Resolve(options.Folder, root);
            });
        services.TryAddSingleton(TimeProvider.System);

        // The default occupancy check needs a deal store; without one (map-only tools) nothing is stranded.
        // IDealStore is scoped (EF Core), so each check resolves it in its own scope.
        services.TryAddSingleton<IStageOccupancy>(sp => new ScopedStageOccupancy(sp.GetRequiredService<IServiceScopeFactory>()));
        services.TryAddSingleton<IProcessMapEvents, ProcessMapEvents>();
        services.TryAddSingleton(sp => new ProcessMapCatalog(
            sp.GetRequiredService<IOptions<ProcessMapOptions>>().Value,
            sp.GetService<IStageOccupancy>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>(),
            sp.GetService<IProcessMapEvents>()));
        services.TryAddSingleton(sp => sp.GetRequiredService<ProcessMapCatalog>().DefaultSource);
        services.TryAddSingleton<IProcessMapSource>(sp => sp.GetRequiredService<ProcessMapCatalog>());
        // The command line runs the same check before a verb that works on deals (CliVerbs).
        services.TryAddSingleton<ProcessMapStartupCheck>();
        services.AddHostedService(sp => sp.GetRequiredService<ProcessMapStartupCheck>());
        return services;
    }
}

/// <summary>
/// Refuses to start the host with an invalid map (naming file, line and reason), with a map that has no stage for
/// some open deals of its teams, or with a team whose map id no map has: there is no last good map to fall back on
/// at start. Then moves deals out of stages the maps replace (the maps may have changed while the host was down).
/// Throws <see cref="ProcessMapInvalidException"/> for a refusal.
/// </summary>
public sealed class ProcessMapStartupCheck(ProcessMapCatalog catalog, IServiceScopeFactory scopes) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            if (scope.ServiceProvider.GetService<IDirectoryStore>() is { } directory)
            {
                var teams = await directory.ListTeamsAsync(cancellationToken).ConfigureAwait(false);
                var unknown = teams.Where(t => t.MapId is { } id && catalog.Find(id) is null).ToList();
                if (unknown.Count > 0)
                {
                    throw new ProcessMapInvalidException(
                        $"Team(s) {string.Join(", ", unknown.Select(t => $"{t.Name} (map '{t.MapId}')"))} use a map no configured map has; " +
                        $"the maps are: {string.Join(", ", catalog.Sources.Select(s => s.Map.Id))}. Add the map file, or change the team's map in teams.csv.");
                }
            }
        }

        foreach (var source in catalog.Sources)
        {
            var stranded = await source.FindStrandedAsync(source.Current, cancellationToken).ConfigureAwait(false);
            if (stranded.Count > 0)
            {
                throw new ProcessMapInvalidException(
                    $"The process map {source.DisplayName} is refused: {ReloadingProcessMapSource.DescribeStranded(stranded)}");
            }
        }

        await catalog.MoveDealsAsync(cancellationToken).ConfigureAwait(false);
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
