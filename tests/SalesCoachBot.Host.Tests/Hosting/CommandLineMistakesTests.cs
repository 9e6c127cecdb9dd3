using Microsoft.Data.Sqlite;

namespace SalesCoachBot.Host.Tests.Hosting;

/// <summary>An operator's mistyped command line is a usage error: it never starts the web host.</summary>
public sealed class CommandLineMistakesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scb-cli-mistakes-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task MistypedVerb_Imprt_ExitsTwoNamingTheClosestVerbAndTouchesNoDatabase()
    {
        var (exit, stdout, stderr) = await HostProcess.RunAsync(_dir, new Dictionary<string, string>(), "imprt", "deals", "deals.csv");

        Assert.True(exit == 2, $"exit {exit}\nstdout:\n{stdout}\nstderr:\n{stderr}");
        Assert.Contains("unknown verb 'imprt'; did you mean 'import'?", stderr, StringComparison.Ordinal);
        Assert.Contains("import deals|people|teams|history FILE.csv", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening", stdout + stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_dir, "data")), "the default SQLite database was created");
    }

    [Fact]
    public async Task WordAfterHostOptions_ExitsTwoWithoutStartingTheHost()
    {
        var (exit, stdout, stderr) = await HostProcess.RunAsync(
            _dir, new Dictionary<string, string>(), "--urls", "http://127.0.0.1:0", "nudge", "--force");

        Assert.True(exit == 2, $"exit {exit}\nstdout:\n{stdout}\nstderr:\n{stderr}");
        Assert.Contains("unexpected argument 'nudge'", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_dir, "data")), "the default SQLite database was created");
    }

    [Fact]
    public async Task KeyValueArgument_IsHostConfiguration_NotAVerb()
    {
        // key=value is read by ASP.NET Core's command-line configuration: the host gets it (and here refuses the value).
        var (exit, stdout, stderr) = await HostProcess.RunAsync(
            _dir, new Dictionary<string, string>(), "Crm:Provider=foo", "--urls", "http://127.0.0.1:0");

        Assert.True(exit == 1, $"exit {exit}\nstdout:\n{stdout}\nstderr:\n{stderr}");
        Assert.Contains("SalesCoachBot refused to start: Crm:Provider must be one of", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("unknown verb", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("imprt", "import")]
    [InlineData("nuge", "nudge")]
    [InlineData("mapp", "map")]
    [InlineData("serve", null)]
    public void ClosestVerb_Typo_SuggestsTheVerbOrNothing(string typo, string? expected) =>
        Assert.Equal(expected, SalesCoachBot.Host.Cli.HostArguments.ClosestVerb(typo));
}
