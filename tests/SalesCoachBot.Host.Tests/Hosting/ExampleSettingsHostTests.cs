using Microsoft.Data.Sqlite;

namespace SalesCoachBot.Host.Tests.Hosting;

/// <summary>appsettings.example.json copied as appsettings.json, as an operator starts: the host takes it as written.</summary>
public sealed class ExampleSettingsHostTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scb-example-settings-").FullName;

    public ExampleSettingsHostTests()
    {
        var root = HostProcess.RepoRoot() ?? throw new InvalidOperationException("run from a checkout");
        File.Copy(Path.Combine(root, "appsettings.example.json"), Path.Combine(_dir, "appsettings.json"));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private Dictionary<string, string> Settings() => new()
    {
        ["Database__Provider"] = "Sqlite",
        ["ConnectionStrings__SalesCoach"] = $"Data Source={Path.Combine(_dir, "example.db")}",
    };

    [Fact]
    public async Task ExampleSettings_BlankProcessMapDefault_VerbRunsOnTheShippedMap()
    {
        var (exit, stdout, stderr) = await HostProcess.RunAsync(_dir, Settings(), "nudge", "--dry-run");

        Assert.True(exit == 0, $"exit {exit}\nstdout:\n{stdout}\nstderr:\n{stderr}");
        Assert.DoesNotContain("refused", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExampleSettings_BlankProcessMapDefault_MapShowDrawsTheShippedMap()
    {
        var (exit, stdout, stderr) = await HostProcess.RunAsync(_dir, Settings(), "map", "show", "--no-counts");

        Assert.True(exit == 0, $"exit {exit}\nstdout:\n{stdout}\nstderr:\n{stderr}");
        Assert.Contains("flowchart", stdout, StringComparison.Ordinal);
    }
}
