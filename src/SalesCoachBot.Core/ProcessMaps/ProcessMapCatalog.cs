using Microsoft.Extensions.Logging;

namespace SalesCoachBot.Core.ProcessMaps;

/// <summary>
/// Every map the host serves (issue 18: one map per team): the file at <c>ProcessMap:Path</c>, the files of
/// <c>ProcessMap:Paths</c> and <c>ProcessMap:Folder</c>, and the shipped map (id <c>default</c>, unless a file takes
/// that id). Each file reloads on its own, under the same rules as a single map; ids are unique.
/// </summary>
public sealed class ProcessMapCatalog : IProcessMapSource, IDisposable
{
    public ProcessMapCatalog(
        ProcessMapOptions options, IStageOccupancy? occupancy, TimeProvider time, ILoggerFactory loggers, IProcessMapEvents? events = null)
    {
        var logger = loggers.CreateLogger<ReloadingProcessMapSource>();
        ReloadingProcessMapSource Load(string? path) =>
            new(new ProcessMapOptions { Path = path, Watch = options.Watch }, occupancy, time, logger, events);

        var files = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.Path))
        {
            files.Add(options.Path);
        }

        files.AddRange(options.Paths.Where(p => !string.IsNullOrWhiteSpace(p)));
        if (!string.IsNullOrWhiteSpace(options.Folder))
        {
            if (!Directory.Exists(options.Folder))
            {
                throw new ProcessMapInvalidException($"The process map folder {options.Folder} (ProcessMap:Folder) does not exist.");
            }

            files.AddRange(Directory.EnumerateFiles(options.Folder)
                .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal));
        }

        var sources = new List<ReloadingProcessMapSource>();
        try
        {
            foreach (var file in files.Select(System.IO.Path.GetFullPath).Distinct(StringComparer.Ordinal))
            {
                var source = Load(file);
                if (sources.FirstOrDefault(s => s.Map.Id == source.Map.Id) is { } twin)
                {
                    source.Dispose();
                    throw new ProcessMapInvalidException(
                        $"The process maps {twin.DisplayName} and {file} both have id '{twin.Map.Id}': give each map its own 'id' (teams choose their map by it).");
                }

                sources.Add(source);
            }

            if (sources.All(s => s.Map.Id != ProcessMap.DefaultId))
            {
                sources.Add(Load(null));
            }

            var defaultId = options.Default
                ?? (string.IsNullOrWhiteSpace(options.Path) ? ProcessMap.DefaultId : sources[0].Map.Id);
            DefaultSource = sources.FirstOrDefault(s => s.Map.Id == defaultId)
                ?? throw new ProcessMapInvalidException(
                    $"ProcessMap:Default is '{defaultId}', but no map has that id; the maps are: {string.Join(", ", sources.Select(s => s.Map.Id))}.");
        }
        catch
        {
            sources.ForEach(s => s.Dispose());
            throw;
        }

        foreach (var source in sources)
        {
            source.Map = new MapRef(source.Map.Id, ReferenceEquals(source, DefaultSource));
        }

        Sources = sources;
    }

    /// <summary>Every map's source, files first in the order configured, the shipped map last.</summary>
    public IReadOnlyList<ReloadingProcessMapSource> Sources { get; }

    /// <summary>The map of teams with no <c>map</c>.</summary>
    public ReloadingProcessMapSource DefaultSource { get; }

    public ProcessMap Current => DefaultSource.Current;

    public ProcessMapSet Maps => new(DefaultSource.Current, [.. Sources.Select(s => s.Current)]);

    public ReloadingProcessMapSource? Find(string id) => Sources.FirstOrDefault(s => s.Map.Id == id);

    /// <summary>Moves every map's deals out of the stages it replaces (at start: the maps may have changed meanwhile).</summary>
    public async Task<IReadOnlyList<MovedDeal>> MoveDealsAsync(CancellationToken cancellationToken)
    {
        var moved = new List<MovedDeal>();
        foreach (var source in Sources)
        {
            moved.AddRange(await source.MoveDealsAsync(null, source.Current, cancellationToken).ConfigureAwait(false));
        }

        return moved;
    }

    public void Dispose()
    {
        foreach (var source in Sources)
        {
            source.Dispose();
        }
    }
}
