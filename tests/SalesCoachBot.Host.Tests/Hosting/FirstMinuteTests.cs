using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace SalesCoachBot.Host.Tests.Hosting;

/// <summary>Issue 19, point 6 and "bad input": what a newcomer and an operator meet first.</summary>
public sealed class FirstMinuteTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scb-first-minute-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void LaunchSettings_EveryProfile_ListensOnTheUrlTheReadmeNames()
    {
        var root = HostProcess.RepoRoot() ?? throw new InvalidOperationException("run from a checkout");
        var readme = File.ReadAllText(Path.Combine(root, "README.md"));
        using var launch = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "src", "SalesCoachBot.Host", "Properties", "launchSettings.json")));

        const string Url = "http://localhost:3978";
        Assert.Contains($"dotnet run --project src/SalesCoachBot.Host     # the bot host on {Url}", readme, StringComparison.Ordinal);
        var profiles = launch.RootElement.GetProperty("profiles").EnumerateObject().ToList();
        Assert.NotEmpty(profiles);
        Assert.All(profiles, p => Assert.Equal(Url, p.Value.GetProperty("applicationUrl").GetString()));
    }

    [Fact]
    public async Task FirstRun_DemoOnAFreshSqliteFile_MigratesSeedsAndWarnsAboutNothing()
    {
        // The README's first minute (Development, demo data, the embedded SQLite file): the newcomer's first log.
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["Database__Provider"] = "Sqlite",
            ["ConnectionStrings__SalesCoach"] = $"Data Source={Path.Combine(_dir, "first.db")}",
            ["Demo__Seed"] = "true",
        };

        var (exit, stdout, stderr) = await HostProcess.RunAsync(_dir, settings, "nudge", "--dry-run");

        Assert.True(exit == 0, $"exit {exit}\nstdout:\n{stdout}\nstderr:\n{stderr}");
        Assert.Contains("Seeded demo data", stdout + stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("warn:", stdout + stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("fail:", stdout + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Host_DatabaseWithNewerMigrations_RefusesToStartNamingTheVersions()
    {
        var db = Path.Combine(_dir, "host.db");
        var settings = new Dictionary<string, string>
        {
            ["Database__Provider"] = "Sqlite",
            ["ConnectionStrings__SalesCoach"] = $"Data Source={db}",
        };

        // A first run migrates the file (a verb suffices), then a "newer release" adds a migration this host does not know.
        var (migrated, _, migrateErr) = await HostProcess.RunAsync(_dir, settings, "nudge", "--dry-run");
        Assert.True(migrated == 0, migrateErr);
        string newest;
        await using (var connection = new SqliteConnection($"Data Source={db}"))
        {
            await connection.OpenAsync();
            await using var read = connection.CreateCommand();
            read.CommandText = "SELECT MAX(\"MigrationId\") FROM __ef_migrations_history";
            newest = (string)(await read.ExecuteScalarAsync())!;
            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO __ef_migrations_history VALUES ('29990101000000_FromANewerRelease', '10.0.15')";
            await insert.ExecuteNonQueryAsync();
        }

        var (exit, stdout, stderr) = await HostProcess.RunAsync(_dir, settings, "--urls", "http://127.0.0.1:0");

        Assert.True(exit == 1, $"exit {exit}\nstdout:\n{stdout}\nstderr:\n{stderr}");
        Assert.Contains("refused to start", stderr, StringComparison.Ordinal);
        Assert.Contains("29990101000000_FromANewerRelease", stderr, StringComparison.Ordinal);
        Assert.Contains(newest, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stdout + stderr, StringComparison.Ordinal);
    }
}
