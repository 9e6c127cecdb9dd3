using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SalesCoachBot.Core;
using SalesCoachBot.Data;
using SalesCoachBot.Host.Cli;

namespace SalesCoachBot.Host.Tests.Cli;

/// <summary>
/// The CLI verbs over the real Core and Data: a SQLite file in its own temporary folder, seeded with the demo data and
/// the shipped map. The clock is Friday 27 November 2026, 09:00 UTC unless a test brings its own.
/// </summary>
internal sealed class DemoAskHost : IAsyncDisposable
{
    public static readonly DateTimeOffset DefaultNow = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    private DemoAskHost(string folder, ServiceProvider services)
    {
        Folder = folder;
        Services = services;
    }

    public ServiceProvider Services { get; }

    /// <summary>The host's own temporary folder (the database is in it; tests may write their CSV files there).</summary>
    public string Folder { get; }

    public static async Task<DemoAskHost> StartAsync(FakeTimeProvider? clock = null)
    {
        var dir = Directory.CreateTempSubdirectory("scb-ask-").FullName;
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(clock ?? new FakeTimeProvider(DefaultNow));
        var options = new DatabaseOptions { Provider = "Sqlite", ConnectionString = $"Data Source={Path.Combine(dir, "ask.db")}", SeedDemo = true };
        services.AddSalesCoachDataCore(_ => options);
        services.AddSalesCoachCore(new ConfigurationBuilder().Build());
        services.AddCliVerbs();
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
        return new DemoAskHost(dir, provider);
    }

    /// <summary>Runs <c>ask</c> with these arguments, as the command line would.</summary>
    public async Task<(int Exit, string Out, string Err)> AskAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await CliVerbs.RunAsync(Services, "ask", args, new CliContext(stdout, stderr), CancellationToken.None);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }
}
