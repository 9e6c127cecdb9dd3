using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Crm;
using SalesCoachBot.FakeCrm;
using SalesCoachBot.Host.Cli;

namespace SalesCoachBot.Host.Tests.Crm;

/// <summary>How the host signs in to the fake org.</summary>
internal enum SalesforceSignIn
{
    JwtBearer,
    ClientCredentials,
    FixedToken,
}

/// <summary>
/// The whole host as Program composes it (demo data, SQLite file, the CRM worker running) connected to a stateful fake
/// Salesforce org over real HTTP, with the shipped map plus a <c>crm:</c> mapping onto Salesforce's default stages.
/// </summary>
internal sealed class SalesforceHost : IAsyncDisposable
{
    /// <summary>Map stage → Salesforce stage API names (every default stage mapped once; Closed Lost on the lost outcome).</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Mapping = new Dictionary<string, string[]>
    {
        ["sales-engagement"] = ["Prospecting"],
        ["sql"] = ["Qualification"],
        ["discovery"] = ["Needs Analysis"],
        ["demo"] = ["Value Proposition"],
        ["proposal"] = ["Id. Decision Makers", "Perception Analysis", "Proposal/Price Quote"],
        ["verbal-agreement"] = ["Negotiation/Review"],
        ["go-live"] = ["Closed Won"],
    };

    private readonly WebApplication _app;
    private HttpClient? _client;

    private SalesforceHost(WebApplication app, FakeSalesforce fake, string folder)
    {
        _app = app;
        Fake = fake;
        Folder = folder;
    }

    public FakeSalesforce Fake { get; }
    public string Folder { get; }
    public IServiceProvider Services => _app.Services;

    /// <summary>The host's own endpoints (test server), e.g. <c>/api/messages</c> when Teams is configured.</summary>
    public HttpClient Client => _client ??= _app.GetTestClient();

    public static string MappedMapYaml()
    {
        var yaml = ProcessMapLoader.DefaultYaml;
        foreach (var (stage, crm) in Mapping)
        {
            var stages = string.Join(", ", crm.Select(s => $"'{s}'"));
            yaml = Regex.Replace(yaml, $"(?m)^  - id: {Regex.Escape(stage)}\\s*$", $"  - id: {stage}\n    crm: {{ pipeline: default, stages: [{stages}] }}");
        }

        return yaml.Replace(
            "  lost:\n    reasons:",
            "  lost:\n    crm: { pipeline: default, stages: ['Closed Lost'] }\n    reasons:",
            StringComparison.Ordinal);
    }

    public static async Task<SalesforceHost> StartAsync(
        SalesforceSignIn signIn = SalesforceSignIn.JwtBearer, Action<FakeSalesforce>? configure = null, IReadOnlyDictionary<string, string>? settings = null,
        Action<IServiceCollection>? services = null)
    {
        var folder = Directory.CreateTempSubdirectory("scb-sf-").FullName;
        var certificatePath = Path.Combine(folder, "connected-app.pem");
        var fake = await FakeSalesforce.StartAsync(configure: f =>
        {
            f.Certificate = WriteCertificate(certificatePath);
            configure?.Invoke(f);
        });
        var mapPath = Path.Combine(folder, "map.yaml");
        await File.WriteAllTextAsync(mapPath, MappedMapYaml(), Encoding.UTF8);
        var values = new Dictionary<string, string>
        {
            ["environment"] = "Production",
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:SalesCoach"] = $"Data Source={Path.Combine(folder, "host.db")}",
            ["Demo:Seed"] = "true",
            ["ProcessMap:Path"] = mapPath,
            ["PublicBaseUrl"] = "https://bot.example.com",
            ["Crm:Provider"] = "salesforce",
            ["Crm:PollInterval"] = "01:00:00",
            ["Slack:InstallationsPath"] = Path.Combine(folder, "installations"),
            ["Slack:DataProtectionKeysPath"] = Path.Combine(folder, "keys"),
        };
        switch (signIn)
        {
            case SalesforceSignIn.JwtBearer:
                values["Crm:Salesforce:LoginUrl"] = fake.BaseUrl.ToString();
                values["Crm:Salesforce:ClientId"] = FakeSalesforce.ClientId;
                values["Crm:Salesforce:Username"] = FakeSalesforce.Username;
                values["Crm:Salesforce:CertificatePath"] = certificatePath;
                break;
            case SalesforceSignIn.ClientCredentials:
                values["Crm:Salesforce:LoginUrl"] = fake.BaseUrl.ToString();
                values["Crm:Salesforce:ClientId"] = FakeSalesforce.ClientId;
                values["Crm:Salesforce:ClientSecret"] = FakeSalesforce.ClientSecret;
                break;
            default:
                values["Crm:Salesforce:InstanceUrl"] = fake.BaseUrl.ToString();
                values["Crm:Salesforce:AccessToken"] = FakeSalesforce.Token;
                break;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            values[key] = value;
        }

        var builder = HostComposition.CreateBuilder([.. values.Select(kv => $"--{kv.Key}={kv.Value}")]);
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddCliVerbs();
        // The tests sync and dispatch themselves: the worker's own round every 5 s would race them for the outbox
        // (it leased a push the test then waited for in vain, under load).
        var worker = builder.Services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(CrmWorker));
        builder.Services.Remove(worker);
        services?.Invoke(builder.Services);
        var app = builder.Build();
        HostComposition.MapEndpoints(app);
        await HostComposition.InitializeAsync(app);
        await app.StartAsync();
        return new SalesforceHost(app, fake, folder);
    }

    /// <summary>A self-signed connected-app certificate with its key (PEM) at <paramref name="path"/>; the public half for the fake.</summary>
    public static X509Certificate2 WriteCertificate(string path)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=salescoach-connected-app", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var now = TimeProvider.System.GetUtcNow();
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));
        File.WriteAllText(path, certificate.ExportCertificatePem() + "\n" + rsa.ExportPkcs8PrivateKeyPem());
        return X509CertificateLoader.LoadCertificate(certificate.Export(X509ContentType.Cert));
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
