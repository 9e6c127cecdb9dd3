using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;

namespace SalesCoachBot.Host.Options;

/// <summary>
/// A JSON configuration file (appsettings*.json) that, read again after a change and found invalid, keeps what it last
/// read and says so once in the log. The framework's provider instead dropped every key of that file without a word
/// (its exception goes to a file watcher that swallows it), so a typo in a running host's file silently reset the
/// keys it set to their defaults. An invalid file at start is still refused (StartupFailure).
/// </summary>
internal sealed class LastGoodJsonConfigurationSource : JsonConfigurationSource
{
    public required ConfigurationFileProblems Problems { get; init; }

    public static LastGoodJsonConfigurationSource From(JsonConfigurationSource source, ConfigurationFileProblems problems) => new()
    {
        Problems = problems,
        FileProvider = source.FileProvider,
        Path = source.Path ?? string.Empty,
        Optional = source.Optional,
        ReloadOnChange = source.ReloadOnChange,
        ReloadDelay = source.ReloadDelay,
        OnLoadException = source.OnLoadException,
    };

    public override IConfigurationProvider Build(IConfigurationBuilder builder)
    {
        EnsureDefaults(builder);
        return new Provider(this);
    }

    private sealed class Provider(LastGoodJsonConfigurationSource source) : JsonConfigurationProvider(source)
    {
        private volatile bool _loaded;

        /// <summary>The first read, at start: an invalid file throws (the host refuses to start).</summary>
        public override void Load()
        {
            base.Load();
            _loaded = true;
        }

        public override void Load(Stream stream)
        {
            try
            {
                base.Load(stream);
            }
            catch (Exception e) when (_loaded && e is FormatException or System.Text.Json.JsonException or InvalidDataException)
            {
                // Data is left as it was: the last good read.
                var file = source.FileProvider?.GetFileInfo(source.Path ?? "").PhysicalPath ?? source.Path ?? "appsettings.json";
                source.Problems.Report(file, e);
            }
        }
    }
}

/// <summary>Carries a reload's problem from the configuration providers (built before logging exists) to the log.</summary>
internal sealed partial class ConfigurationFileProblems
{
    private readonly Lock _gate = new();
    private readonly List<(string File, string Error)> _pending = [];
    private ILogger? _logger;

    public void Attach(ILogger logger)
    {
        lock (_gate)
        {
            _logger = logger;
            foreach (var (file, error) in _pending)
            {
                KeptLastGood(logger, file, error);
            }

            _pending.Clear();
        }
    }

    public void Report(string file, Exception exception)
    {
        var error = exception.Message;
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            error = $"{error} {inner.Message}";
        }

        lock (_gate)
        {
            if (_logger is { } logger)
            {
                KeptLastGood(logger, file, error);
            }
            else
            {
                _pending.Add((file, error));
            }
        }
    }

    [LoggerMessage(EventId = 8301, Level = LogLevel.Warning, Message = "{File} changed but cannot be read: {Error} The host keeps running on the configuration it last read; fix the file and it is read again")]
    private static partial void KeptLastGood(ILogger logger, string file, string error);
}
