using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace SalesCoachBot.Host.Options;

/// <summary>
/// appsettings*.json (and other configuration files) are re-read when they change by polling every few seconds, not
/// by the framework's default watcher. That watcher follows the whole content root recursively, and the default SQLite
/// database lies under it (<c>./data</c>): every page SQLite wrote reached the watcher's thread as a file event, about
/// 6 % of a CRM full sync's CPU (ADR 0033). The builder is created with <c>hostBuilder:reloadConfigOnChange=false</c>
/// so that watcher never starts; <see cref="Apply"/> then turns reloading back on through polling file providers.
/// A hosted service only so the container disposes the providers (and their timers) with the host.
/// </summary>
internal sealed class PolledConfigurationFiles(IReadOnlyList<PhysicalFileProvider> providers) : IHostedService, IDisposable
{
    /// <summary>The command-line switch that keeps the default watcher from starting.</summary>
    public const string NoDefaultWatcher = "--hostBuilder:reloadConfigOnChange=false";

    public static void Apply(WebApplicationBuilder builder)
    {
        var providers = new Dictionary<string, PhysicalFileProvider>(StringComparer.Ordinal);
        var problems = new ConfigurationFileProblems();
        var sources = builder.Configuration.Sources;
        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i] is not FileConfigurationSource { FileProvider: PhysicalFileProvider physical } file)
            {
                continue;
            }

            if (!providers.TryGetValue(physical.Root, out var polling))
            {
                polling = new PhysicalFileProvider(physical.Root) { UsePollingFileWatcher = true, UseActivePolling = true };
                providers[physical.Root] = polling;
            }

            file.FileProvider = polling;
            file.ReloadOnChange = true;
            if (file is JsonConfigurationSource json and not LastGoodJsonConfigurationSource)
            {
                // Replaced in place (order decides which file wins); the list is rebuilt once, below.
                sources[i] = LastGoodJsonConfigurationSource.From(json, problems);
            }
        }

        if (providers.Count > 0)
        {
            // Any change to the list rebuilds every provider from its source: once, with all of them changed.
            sources[0] = sources[0];
        }

        var owned = new PolledConfigurationFiles([.. providers.Values]);
        builder.Services.AddSingleton<IHostedService>(sp =>
        {
            problems.Attach(sp.GetRequiredService<ILoggerFactory>().CreateLogger<PolledConfigurationFiles>());
            return owned;
        });
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        foreach (var provider in providers)
        {
            provider.Dispose();
        }
    }
}
