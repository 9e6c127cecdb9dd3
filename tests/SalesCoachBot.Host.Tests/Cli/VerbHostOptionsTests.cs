using Microsoft.Data.Sqlite;
using SalesCoachBot.FakeCrm;
using SalesCoachBot.Host.Cli;
using SalesCoachBot.Host.Tests.Hosting;

namespace SalesCoachBot.Host.Tests.Cli;

/// <summary>
/// What an operator running a verb beside a deployed host needs: the host's <c>--contentRoot</c>, the database in use
/// named at start, and no per-request HTTP telemetry on the terminal.
/// </summary>
public sealed class VerbHostOptionsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scb-verb-host-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Theory]
    [InlineData("--contentRoot", "/opt/x", "--dry-run")]
    [InlineData("--dry-run", "--contentRoot=/opt/x")]
    [InlineData("--dry-run", "--contentroot", "/opt/x")]
    public void TakeContentRoot_EitherForm_HostOptionTakenVerbArgumentsKept(params string[] args)
    {
        var (verbArgs, hostArgs) = HostArguments.TakeContentRoot(args);

        Assert.Equal(["--dry-run"], verbArgs);
        Assert.EndsWith("=/opt/x", Assert.Single(hostArgs), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verb_ContentRootElsewhere_ReadsItsAppSettingsAndNamesTheDatabase()
    {
        var root = Directory.CreateDirectory(Path.Combine(_dir, "opt")).FullName;
        var database = Path.Combine(root, "from-appsettings.db");
        await File.WriteAllTextAsync(Path.Combine(root, "appsettings.json"), $$"""{ "ConnectionStrings": { "SalesCoach": "Data Source={{database}}" } }""");
        var elsewhere = Directory.CreateDirectory(Path.Combine(_dir, "home")).FullName;

        var (exit, stdout, stderr) = await HostProcess.RunAsync(elsewhere, new Dictionary<string, string>(), "nudge", "--dry-run", "--contentRoot", root);

        Assert.True(exit == 0, $"exit {exit}\nstdout:\n{stdout}\nstderr:\n{stderr}");
        Assert.True(File.Exists(database), $"the verb did not use the content root's database\n{stderr}");
        Assert.False(Directory.Exists(Path.Combine(elsewhere, "data")), "the verb created ./data in the current folder");
        Assert.Contains($"Database SQLite {database}: applying migrations", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verb_ContentRootElsewhere_RelativeSqliteDataSourceOpensTheContentRootsDatabase()
    {
        var root = Directory.CreateDirectory(Path.Combine(_dir, "srv", "coach")).FullName;
        await File.WriteAllTextAsync(Path.Combine(root, "appsettings.json"), """{ "ConnectionStrings": { "SalesCoach": "Data Source=data/coach.db" } }""");
        var elsewhere = Directory.CreateDirectory(Path.Combine(_dir, "home")).FullName;
        var database = Path.Combine(root, "data", "coach.db");

        var (exit, stdout, stderr) = await HostProcess.RunAsync(elsewhere, new Dictionary<string, string>(), "nudge", "--dry-run", "--contentRoot", root);

        Assert.True(exit == 0, $"exit {exit}\nstdout:\n{stdout}\nstderr:\n{stderr}");
        Assert.True(File.Exists(database), $"the verb did not open the content root's data/coach.db\n{stderr}");
        Assert.False(Directory.Exists(Path.Combine(elsewhere, "data")), "the verb opened data/coach.db under the current folder");
        Assert.Contains($"Database SQLite {database}: applying migrations", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verb_ContentRootElsewhere_RelativeMapPathReadsTheContentRootsMap()
    {
        var root = Directory.CreateDirectory(Path.Combine(_dir, "srv", "coach")).FullName;
        Directory.CreateDirectory(Path.Combine(root, "maps"));
        await File.WriteAllTextAsync(Path.Combine(root, "maps", "smb.yaml"), SmbTeamMap.Yaml);
        await File.WriteAllTextAsync(Path.Combine(root, "appsettings.json"), """
            { "ConnectionStrings": { "SalesCoach": "Data Source=data/coach.db" }, "ProcessMap": { "Path": "maps/smb.yaml", "Watch": false } }
            """);
        var elsewhere = Directory.CreateDirectory(Path.Combine(_dir, "home")).FullName;

        var (exit, stdout, stderr) = await HostProcess.RunAsync(
            elsewhere, new Dictionary<string, string>(), "map", "show", "--format", "mermaid", "--no-counts", "--contentRoot", root);

        // Before, maps/smb.yaml was looked for under the current folder: "no such file", exit 1.
        Assert.True(exit == 0, $"exit {exit}\nstdout:\n{stdout}\nstderr:\n{stderr}");
        Assert.Contains("Trial", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Sales engagement", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verb_Postgres_NamesHostAndDatabaseWithoutThePassword()
    {
        // Unreachable on purpose: the line is written before the first connection, and the refusal follows.
        var settings = new Dictionary<string, string>
        {
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__SalesCoach"] = "Host=127.0.0.1;Port=1;Database=coachdb;Username=coach;Password=TopSecret42;Timeout=3",
        };

        var (_, stdout, stderr) = await HostProcess.RunAsync(_dir, settings, "nudge", "--dry-run");

        Assert.Contains("Database PostgreSQL 127.0.0.1:1/coachdb: applying migrations", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("TopSecret42", stdout + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CrmCheck_DefaultLogLevel_NoPollyOrHttpClientRecords()
    {
        await using var hubSpot = await FakeHubSpot.StartAsync();
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings__SalesCoach"] = $"Data Source={Path.Combine(_dir, "crm.db")}",
            ["Crm__Provider"] = "hubspot",
            ["Crm__HubSpot__AccessToken"] = FakeHubSpot.Token,
            ["Crm__HubSpot__BaseUrl"] = hubSpot.BaseUrl.ToString(),
        };

        var (_, stdout, stderr) = await HostProcess.RunAsync(_dir, settings, "crm", "check");

        Assert.NotEmpty(hubSpot.Calls);
        Assert.DoesNotContain("Polly", stdout + stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("System.Net.Http", stdout + stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(hubSpot.BaseUrl.Authority, stdout + stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeHubSpot.Token, stdout + stderr, StringComparison.Ordinal);
    }
}
