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

        var sources = new List<ReloadingProcessMapSource>();
        try
        {
            foreach (var file in Files(options))
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

            var defaultId = DefaultId(options)
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

    /// <summary>
    /// The map files configured, full paths without repeats: <c>ProcessMap:Path</c> first, then <c>ProcessMap:Paths</c>,
    /// then the <c>*.yaml</c>/<c>*.yml</c> files of <c>ProcessMap:Folder</c> by name.
    /// </summary>
    public static IReadOnlyList<string> Files(ProcessMapOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
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

        return [.. files.Select(System.IO.Path.GetFullPath).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>
    /// One map as the host would serve it, read from the files without starting the catalog (whose rules refuse the host
    /// for any broken map): the map with <paramref name="id"/>, or the default map when null. For tools drawing one map;
    /// throws <see cref="ProcessMapInvalidException"/> naming the file when that map is broken, or the ids when none has it.
    /// </summary>
    public static ProcessMap LoadOne(ProcessMapOptions options, string? id)
    {
        ArgumentNullException.ThrowIfNull(options);
        id ??= DefaultId(options);
        if (id is null && !string.IsNullOrWhiteSpace(options.Path))
        {
            // As the catalog: with no ProcessMap:Default, the map at ProcessMap:Path is the default.
            return ProcessMapLoader.LoadFileOrThrow(System.IO.Path.GetFullPath(options.Path));
        }

        id ??= ProcessMap.DefaultId;

        var ids = new List<string>();
        ProcessMapInvalidException? broken = null;
        foreach (var file in Files(options))
        {
            var result = ProcessMapLoader.LoadFile(file);
            if (result.Map is null)
            {
                // Its id is unknown: it may be the map asked for, so it is named if no other map has the id.
                broken ??= ProcessMapLoader.Invalid(result, file);
            }
            else if (result.Map.Id == id)
            {
                return result.Map;
            }
            else
            {
                ids.Add(result.Map.Id);
            }
        }

        return id == ProcessMap.DefaultId
            ? ProcessMapLoader.Default
            : throw broken ?? new ProcessMapInvalidException(
                $"No process map has id '{id}'; the maps are: {string.Join(", ", ids.Append(ProcessMap.DefaultId).Distinct(StringComparer.Ordinal))}.");
    }

    /// <summary>
    /// <c>ProcessMap:Default</c>, or null when it is unset or blank: appsettings.example.json writes it empty, meaning
    /// "the map at Path, else the shipped map".
    /// </summary>
    private static string? DefaultId(ProcessMapOptions options) =>
        string.IsNullOrWhiteSpace(options.Default) ? null : options.Default.Trim();

    /// <summary>Every map's source, files first in the order configured, the shipped map last.</summary>
    public IReadOnlyList<ReloadingProcessMapSource> Sources { get; }

    /// <summary>The map of teams with no <c>map</c>.</summary>
    public ReloadingProcessMapSource DefaultSource { get; }

    public ProcessMap Current => DefaultSource.Current;

    /// <summary>
    /// Every map as it is now. Asked on every turn, so the set is kept until a source's map changes (a reload
    /// replaces the map object, which is what is compared), rather than built again each time.
    /// </summary>
    public ProcessMapSet Maps
    {
        get
        {
            var kept = _maps;
            if (kept is not null && IsCurrent(kept))
            {
                return kept;
            }

            var fresh = new ProcessMapSet(DefaultSource.Current, [.. Sources.Select(s => s.Current)]);
            _maps = fresh;
            return fresh;
        }
    }

    private ProcessMapSet? _maps;

    private bool IsCurrent(ProcessMapSet set)
    {
        if (!ReferenceEquals(set.Default, DefaultSource.Current) || set.All.Count != Sources.Count)
        {
            return false;
        }

        for (var i = 0; i < Sources.Count; i++)
        {
            if (!ReferenceEquals(set.All[i], Sources[i].Current))
            {
                return false;
            }
        }

        return true;
    }

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
