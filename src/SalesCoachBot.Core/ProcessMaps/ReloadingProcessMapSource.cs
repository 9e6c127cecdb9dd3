using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.FileProviders.Physical;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace SalesCoachBot.Core.ProcessMaps;

/// <summary><c>ProcessMap</c> configuration section.</summary>
public sealed class ProcessMapOptions
{
    public const string Section = "ProcessMap";

    /// <summary>The map file; empty means the shipped default map.</summary>
    public string? Path { get; set; }

    /// <summary>Reload the file when it changes (default true); the file is polled every few seconds.</summary>
    public bool Watch { get; set; } = true;

    /// <summary>More map files, one per team process (issue 18): teams choose one by id in teams.csv.</summary>
    public List<string> Paths { get; set; } = [];

    /// <summary>A folder whose <c>*.yaml</c> / <c>*.yml</c> files are maps, as if listed in <see cref="Paths"/>.</summary>
    public string? Folder { get; set; }

    /// <summary>The id of the map of teams with no <c>map</c>: default the map at <see cref="Path"/>, else the shipped one.</summary>
    public string? Default { get; set; }
}

public enum ProcessMapReloadOutcome
{
    /// <summary>The new map is in force.</summary>
    Applied,

    /// <summary>The file holds the map already in force.</summary>
    Unchanged,

    /// <summary>The new map has errors; the last good map stays.</summary>
    Invalid,

    /// <summary>The new map would leave deals in stages it no longer has; the last good map stays.</summary>
    Stranded,

    /// <summary>The deals could not be checked (database unreachable); the last good map stays.</summary>
    CheckFailed,
}

public sealed record ProcessMapReloadResult(
    ProcessMapReloadOutcome Outcome,
    IReadOnlyList<MapDiagnostic> Diagnostics,
    IReadOnlyList<StageOccupant> Stranded)
{
    public bool Applied => Outcome == ProcessMapReloadOutcome.Applied;
}

/// <summary>
/// The map in force: the configured file (or the shipped default), reloaded when the file changes.
/// A new map replaces the current one only when it has no errors and strands no deal; otherwise the
/// last good map stays and the reason is logged.
/// </summary>
public sealed partial class ReloadingProcessMapSource : IProcessMapSource, IDisposable
{
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(300);
    private const int MaxNamedDeals = 20;

    private readonly IStageOccupancy? _occupancy;
    private readonly IProcessMapEvents? _events;
    private readonly ILogger<ReloadingProcessMapSource> _logger;
    private readonly SemaphoreSlim _reloadGate = new(1, 1);
    private readonly PhysicalFileProvider? _folder;
    private readonly IDisposable? _onChange;
    private readonly ITimer? _debounceTimer;
    private ProcessMap _current;
    private string _currentHash;

    /// <summary>Loads the map now; throws <see cref="ProcessMapInvalidException"/> naming file, line and reason when it has errors.</summary>
    public ReloadingProcessMapSource(
        ProcessMapOptions options, IStageOccupancy? occupancy, TimeProvider time, ILogger<ReloadingProcessMapSource> logger,
        IProcessMapEvents? events = null, bool isDefault = true)
    {
        _occupancy = occupancy;
        _events = events;
        _logger = logger;
        if (string.IsNullOrWhiteSpace(options.Path))
        {
            _current = ProcessMapLoader.Default;
            _currentHash = Hash(ProcessMapLoader.DefaultYaml);
            Map = new MapRef(_current.Id, isDefault);
            return;
        }

        FilePath = System.IO.Path.GetFullPath(options.Path);
        var (result, hash) = Read(FilePath);
        _current = result.Map ?? throw ProcessMapLoader.Invalid(result, FilePath);
        _currentHash = hash;
        Map = new MapRef(_current.Id, isDefault);
        LogLoaded(_logger, _current.Name, _current.Version, FilePath, _current.Stages.Count);

        if (options.Watch)
        {
            // Polled, not watched: a file system watcher follows the whole folder, and a map kept beside the SQLite
            // database would wake it for every page the database writes (ADR 0035). Polling also sees an editor's
            // save by rename, and a file on a network share.
            _debounceTimer = time.CreateTimer(_ => _ = ReloadFromWatcherAsync(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _folder = new PhysicalFileProvider(System.IO.Path.GetDirectoryName(FilePath)!, ExclusionFilters.None)
            {
                UsePollingFileWatcher = true,
                UseActivePolling = true,
            };
            var name = System.IO.Path.GetFileName(FilePath);
            _onChange = ChangeToken.OnChange(() => _folder.Watch(name), () => _debounceTimer.Change(Debounce, Timeout.InfiniteTimeSpan));
        }
    }

    public ProcessMap Current => Volatile.Read(ref _current);

    /// <summary>The map's id in the catalog (fixed at start: a reload that changes it is refused) and whether it is the default.</summary>
    public MapRef Map { get; internal set; }

    /// <summary>The full path of the map file, or null for the shipped default.</summary>
    public string? FilePath { get; }

    /// <summary>How the map is named in messages: its file, or the shipped default.</summary>
    public string DisplayName => FilePath ?? ProcessMapLoader.DefaultMapName;

    /// <summary>The outcome of the most recent reload, for diagnostics.</summary>
    public ProcessMapReloadResult? LastReload { get; private set; }

    /// <summary>Raised after a new map is in force.</summary>
    public event Action<ProcessMap>? Changed;

    /// <summary>Reads the file again and puts the new map in force when it is valid and strands no deal.</summary>
    public async Task<ProcessMapReloadResult> ReloadAsync(CancellationToken cancellationToken)
    {
        if (FilePath is null)
        {
            return LastReload = new(ProcessMapReloadOutcome.Unchanged, [], []);
        }

        await _reloadGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var result = await ReloadCoreAsync(FilePath, cancellationToken).ConfigureAwait(false);
            LastReload = result;
            return result;
        }
        finally
        {
            _reloadGate.Release();
        }
    }

    /// <summary>Open deals of the map's teams whose stage the map does not know (neither a stage nor a replaced id).</summary>
    public async Task<IReadOnlyList<StageOccupant>> FindStrandedAsync(ProcessMap map, CancellationToken cancellationToken) =>
        _occupancy is { } occupancy
            ? await occupancy.FindDealsOutsideAsync(Map, KnownStages(map), cancellationToken).ConfigureAwait(false)
            : [];

    /// <summary>Moves the deals of the map's teams out of replaced stages (at start, and after every change put in force).</summary>
    public async Task<IReadOnlyList<MovedDeal>> MoveDealsAsync(ProcessMap? previous, ProcessMap current, CancellationToken cancellationToken) =>
        _events is { } events
            ? await events.InForceAsync(Map, previous, current, cancellationToken).ConfigureAwait(false)
            : [];

    /// <summary>"3 deals would be stranded: 1042 "Acme" in old-stage, …" with at most 20 named.</summary>
    public static string DescribeStranded(IReadOnlyList<StageOccupant> stranded)
    {
        var named = string.Join(", ", stranded.Take(MaxNamedDeals));
        var more = stranded.Count > MaxNamedDeals ? $" and {stranded.Count - MaxNamedDeals} more" : string.Empty;
        return $"{stranded.Count} open deal(s) sit in stages the map no longer has: {named}{more}. " +
               "Keep those stages, move the deals first, or list the old id under 'replaces' on the stage that takes them over.";
    }

    public void Dispose()
    {
        _onChange?.Dispose();
        _folder?.Dispose();
        _debounceTimer?.Dispose();
        _reloadGate.Dispose();
    }

    private async Task<ProcessMapReloadResult> ReloadCoreAsync(string path, CancellationToken cancellationToken)
    {
        var (result, hash) = Read(path);
        if (hash == _currentHash)
        {
            return new(ProcessMapReloadOutcome.Unchanged, result.Diagnostics, []);
        }

        if (result.Map is { } parsed && parsed.Id != Map.Id)
        {
            // Teams name their map by id: a changed id would move them all to another map (or none) at once.
            var line = MapDiagnostic.Error(1, 1, "Map.IdChanged", Map.Id, parsed.Id);
            result = new MapLoadResult(null, [.. result.Diagnostics, line]);
        }

        if (result.Map is not { } map)
        {
            foreach (var error in result.Errors)
            {
                LogRejectedInvalid(_logger, error.Format(path));
            }

            await TellRefusedAsync(new MapRefusal(path, Current, ProcessMapReloadOutcome.Invalid, [.. result.Errors], []), cancellationToken).ConfigureAwait(false);
            return new(ProcessMapReloadOutcome.Invalid, result.Diagnostics, []);
        }

        IReadOnlyList<StageOccupant> stranded;
        try
        {
            stranded = await FindStrandedAsync(map, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Without the deal check a map could strand deals unseen; keeping the last good map is the safe side.
            LogCheckFailed(_logger, path, ex);
            return new(ProcessMapReloadOutcome.CheckFailed, result.Diagnostics, []);
        }

        if (stranded.Count > 0)
        {
            LogRejectedStranded(_logger, path, DescribeStranded(stranded));
            await TellRefusedAsync(new MapRefusal(path, Current, ProcessMapReloadOutcome.Stranded, [], stranded), cancellationToken).ConfigureAwait(false);
            return new(ProcessMapReloadOutcome.Stranded, result.Diagnostics, stranded);
        }

        var previous = Current;
        Volatile.Write(ref _current, map);
        _currentHash = hash;
        LogLoaded(_logger, map.Name, map.Version, path, map.Stages.Count);
        foreach (var forgotten in MapChange.Diff(previous, map).ForgottenReplacements)
        {
            // A second rename listing only the last id: the older id's history no longer reads as any stage.
            LogForgottenReplacement(_logger, path, forgotten.Stage.Id.Value, forgotten.Replaced.Value, string.Join(", ", forgotten.Forgotten));
        }

        Changed?.Invoke(map);
        try
        {
            await MoveDealsAsync(previous, map, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The map is in force; deals still in replaced stages are moved at the next start or change (the move is idempotent).
            LogMoveFailed(_logger, path, ex);
        }

        return new(ProcessMapReloadOutcome.Applied, result.Diagnostics, []);
    }

    private async Task TellRefusedAsync(MapRefusal refusal, CancellationToken cancellationToken)
    {
        if (_events is null)
        {
            return;
        }

        try
        {
            await _events.RefusedAsync(Map, refusal, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Telling the admins is best effort: the refusal stands and is in the log either way.
            LogTellFailed(_logger, refusal.File, ex);
        }
    }

    private async Task ReloadFromWatcherAsync()
    {
        try
        {
            await ReloadAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            // The host is shutting down while a save was pending.
        }
    }

    private static (MapLoadResult Result, string Hash) Read(string path)
    {
        var (result, text) = ProcessMapLoader.LoadFileWithText(path);
        return (result, text is null ? string.Empty : Hash(text));
    }

    private static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static HashSet<string> KnownStages(ProcessMap map) =>
        map.Stages.Select(s => s.Id.Value).Concat(map.Stages.SelectMany(s => s.Replaces).Select(r => r.Value))
            .ToHashSet(StringComparer.Ordinal);

    [LoggerMessage(EventId = 1106, Level = LogLevel.Warning, Message = "Process map {Path}: stage {Stage} replaces {Replaced}, which replaced {Forgotten}; list those under replaces too, or their history no longer reads as that stage")]
    private static partial void LogForgottenReplacement(ILogger logger, string path, string stage, string replaced, string forgotten);

    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Process map '{Name}' version {Version} in force from {Path} ({StageCount} stages)")]
    private static partial void LogLoaded(ILogger logger, string name, int version, string path, int stageCount);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Error, Message = "Process map change refused, last good map kept: {Diagnostic}")]
    private static partial void LogRejectedInvalid(ILogger logger, string diagnostic);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Error, Message = "Process map change in {Path} refused, last good map kept: {Reason}")]
    private static partial void LogRejectedStranded(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Error, Message = "Process map from {Path} is in force, but moving deals out of its replaced stages failed; retried at the next start or change")]
    private static partial void LogMoveFailed(ILogger logger, string path, Exception exception);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Warning, Message = "The admins could not be told of the refused map change in {Path}")]
    private static partial void LogTellFailed(ILogger logger, string path, Exception exception);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Error, Message = "Process map change in {Path} refused, last good map kept: the deals in removed stages could not be checked")]
    private static partial void LogCheckFailed(ILogger logger, string path, Exception exception);
}
