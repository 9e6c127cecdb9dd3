using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.FakeCrm;
using SalesCoachBot.Host.Cli;

namespace SalesCoachBot.Host.Tests.Crm;

/// <summary>
/// The whole host as Program composes it (demo data, SQLite file, the CRM worker running), connected to a stateful fake
/// HubSpot over real HTTP, with the shipped map plus a <c>crm:</c> mapping onto HubSpot's default pipeline.
/// </summary>
internal sealed class CrmHost : IAsyncDisposable
{
    public const string ClientSecret = "crm-host-client-secret";
    public const string PublicBaseUrl = "https://bot.example.com";

    /// <summary>Map stage → HubSpot default-pipeline stage(s).</summary>
    public static readonly IReadOnlyDictionary<string, string> Mapping = new Dictionary<string, string>
    {
        ["sales-engagement"] = "appointmentscheduled",
        ["sql"] = "qualifiedtobuy",
        ["demo"] = "presentationscheduled",
        ["proposal"] = "decisionmakerboughtin",
        ["verbal-agreement"] = "contractsent",
        ["go-live"] = "closedwon",
    };

    private readonly WebApplication _app;

    private CrmHost(WebApplication app, FakeHubSpot fake, string folder)
    {
        _app = app;
        Fake = fake;
        Folder = folder;
        Client = app.GetTestClient();
    }

    public FakeHubSpot Fake { get; }
    public string Folder { get; }
    public HttpClient Client { get; }
    public IServiceProvider Services => _app.Services;

    /// <summary>The shipped map with the HubSpot mapping (and closedlost for the lost outcome).</summary>
    public static string MappedMapYaml(IReadOnlyDictionary<string, string>? mapping = null)
    {
        var yaml = ProcessMapLoader.DefaultYaml;
        foreach (var (stage, crm) in mapping ?? Mapping)
        {
            yaml = Regex.Replace(yaml, $"(?m)^  - id: {Regex.Escape(stage)}\\s*$", $"  - id: {stage}\n    crm: {{ pipeline: default, stages: [{crm}] }}");
        }

        return yaml.Replace(
            "  lost:\n    reasons:",
            "  lost:\n    crm: { pipeline: default, stages: [closedlost] }\n    reasons:",
            StringComparison.Ordinal);
    }

    /// <param name="settings">Keys added to the host's configuration, given the host's folder.</param>
    /// <param name="overrides">Keys added to (or, with a null value, removed from) the host's configuration.</param>
    public static async Task<CrmHost> StartAsync(
        string? token = null,
        string? mapYaml = null,
        Func<string, IReadOnlyDictionary<string, string>>? settings = null,
        IReadOnlyDictionary<string, string?>? overrides = null,
        Action<IServiceCollection>? services = null)
    {
        var fake = await FakeHubSpot.StartAsync();
        var folder = Directory.CreateTempSubdirectory("scb-crm-").FullName;
        var mapPath = Path.Combine(folder, "map.yaml");
        await File.WriteAllTextAsync(mapPath, mapYaml ?? MappedMapYaml(), Encoding.UTF8);
        var values = new Dictionary<string, string>
        {
            ["environment"] = "Production",
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:SalesCoach"] = $"Data Source={Path.Combine(folder, "host.db")}",
            ["Demo:Seed"] = "true",
            ["ProcessMap:Path"] = mapPath,
            ["PublicBaseUrl"] = PublicBaseUrl,
            ["Crm:Provider"] = "hubspot",
            ["Crm:HubSpot:AccessToken"] = token ?? FakeHubSpot.Token,
            ["Crm:HubSpot:BaseUrl"] = fake.BaseUrl.ToString(),
            ["Crm:HubSpot:ClientSecret"] = ClientSecret,
            ["Crm:PollInterval"] = "01:00:00",
            ["Crm:MaxWebhookEvents"] = "50",
            ["Slack:InstallationsPath"] = Path.Combine(folder, "installations"),
            ["Slack:DataProtectionKeysPath"] = Path.Combine(folder, "keys"),
        };
        foreach (var (key, value) in settings?.Invoke(folder) ?? new Dictionary<string, string>())
        {
            values[key] = value;
        }

        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                values.Remove(key);
            }
            else
            {
                values[key] = value;
            }
        }

        var builder = HostComposition.CreateBuilder([.. values.Select(kv => $"--{kv.Key}={kv.Value}")]);
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddCliVerbs();
        services?.Invoke(builder.Services);
        var app = builder.Build();
        HostComposition.MapEndpoints(app);
        await HostComposition.InitializeAsync(app);
        await app.StartAsync();
        return new CrmHost(app, fake, folder);
    }

    public async Task<(int Exit, string Out, string Err)> RunAsync(string verb, params string[] args)
    {
        var stdout = new StringWriter(CultureInfo.InvariantCulture);
        var stderr = new StringWriter(CultureInfo.InvariantCulture);
        var exit = await CliVerbs.RunAsync(_app.Services, verb, args, new CliContext(stdout, stderr), CancellationToken.None);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Fake.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }
}
