using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;

namespace SalesCoachBot.Host.Tests.Hosting;

/// <summary>
/// appsettings.json is still re-read when it changes, but by polling: the default watcher follows the content root
/// recursively, where the default SQLite database lives, and woke for every page SQLite wrote (ADR 0033).
/// </summary>
public sealed class ConfigurationFilesTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("scb-config-");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public async Task AppSettingsChanged_ReadAgainByPolling_NoRecursiveWatcherOnTheContentRoot()
    {
        var file = Path.Combine(_root.FullName, "appsettings.json");
        await File.WriteAllTextAsync(file, """{ "Coaching": { "DefaultLanguage": "en" } }""");
        var builder = HostComposition.CreateBuilder([$"--contentRoot={_root.FullName}"]);
        await using var app = builder.Build();
        var configuration = app.Services.GetRequiredService<IConfiguration>();
        Assert.Equal("en", configuration["Coaching:DefaultLanguage"]);

        var json = ((IConfigurationRoot)configuration).Providers.OfType<JsonConfigurationProvider>()
            .Single(p => p.Source.Path == "appsettings.json");
        Assert.True(json.Source.ReloadOnChange);
        // Once watching, a provider reports UsePollingFileWatcher false whichever it uses; active polling is what shows.
        Assert.True(json.Source.FileProvider is PhysicalFileProvider { UseActivePolling: true });

        await File.WriteAllTextAsync(file, """{ "Coaching": { "DefaultLanguage": "ar" } }""");
        File.SetLastWriteTimeUtc(file, TimeProvider.System.GetUtcNow().UtcDateTime.AddSeconds(5));   // a new modification time even on a coarse clock
        var until = TimeProvider.System.GetUtcNow().AddSeconds(20);
        while (configuration["Coaching:DefaultLanguage"] != "ar")
        {
            Assert.True(TimeProvider.System.GetUtcNow() < until, "appsettings.json was not read again within 20 s");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task AppSettingsMadeInvalidWhileRunning_OneWarningNamingFileAndErrorLastGoodKept()
    {
        var file = Path.Combine(_root.FullName, "appsettings.json");
        await File.WriteAllTextAsync(file, """{ "Coaching": { "DefaultLanguage": "ar" } }""");
        await using var host = await Security.TrustHost.StartAsync("Production", new Dictionary<string, string> { ["contentRoot"] = _root.FullName });
        var configuration = host.Services.GetRequiredService<IConfiguration>();
        Assert.Equal("ar", configuration["Coaching:DefaultLanguage"]);

        await File.WriteAllTextAsync(file, """{ "Coaching": { "DefaultLanguage": "en" """);
        File.SetLastWriteTimeUtc(file, TimeProvider.System.GetUtcNow().UtcDateTime.AddSeconds(5));
        var until = TimeProvider.System.GetUtcNow().AddSeconds(20);
        while (!host.Logs.Lines.Any(l => l.EventId == 8301))
        {
            Assert.True(TimeProvider.System.GetUtcNow() < until, "no warning within 20 s of appsettings.json turning invalid");
            await Task.Delay(100);
        }

        var warning = Assert.Single(host.Logs.Lines, l => l.EventId == 8301);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, warning.Level);
        Assert.Contains(file, warning.Message, StringComparison.Ordinal);
        Assert.Contains("LineNumber", warning.Message, StringComparison.Ordinal);
        Assert.Equal("ar", configuration["Coaching:DefaultLanguage"]);
    }
}
