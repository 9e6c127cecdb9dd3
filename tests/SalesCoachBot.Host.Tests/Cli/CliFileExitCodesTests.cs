using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Data;
using SalesCoachBot.Data.Infrastructure;
using SalesCoachBot.Host.Cli;
using SalesCoachBot.Host.Tests.Hosting;

namespace SalesCoachBot.Host.Tests.Cli;

/// <summary>
/// INTERFACE.md: exit 1 for errors or rejected input, 2 for a wrong command line. A file that is missing or cannot be
/// read is an error in the input, whichever verb reads it; <c>--allow-backward</c> is a deals-only flag.
/// </summary>
public sealed class CliFileExitCodesTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scb-cliexit-").FullName;
    private readonly StringWriter _out = new();
    private readonly StringWriter _err = new();
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ProcessMap:Watch"] = "false" })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2025, 3, 10, 9, 0, 0, TimeSpan.Zero)));
        services.AddProcessMaps(configuration);
        var options = new DatabaseOptions { Provider = "Sqlite", ConnectionString = $"Data Source={Path.Combine(_dir, "exit.db")}" };
        services.AddSalesCoachDataCore(_ => options);
        services.AddCliVerbs();
        _services = services.BuildServiceProvider();
        await _services.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private Task<int> Run(string verb, params string[] args) =>
        CliVerbs.RunAsync(_services, verb, args, new CliContext(_out, _err), CancellationToken.None);

    private string Missing(string name) => Path.Combine(_dir, "nowhere", name);

    [Theory]
    [InlineData("deals")]
    [InlineData("people")]
    [InlineData("teams")]
    [InlineData("history")]
    public async Task Import_MissingFile_ExitsOneNamingIt(string kind)
    {
        var file = Missing("nonexist.csv");

        var exit = await Run("import", kind, file);

        Assert.Equal(1, exit);
        Assert.Contains($"{file}: no such file", _err.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("usage:", _err.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_FolderInsteadOfAFile_ExitsOne()
    {
        var exit = await Run("import", "deals", _dir);

        Assert.Equal(1, exit);
        Assert.Contains("is a folder", _err.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("people")]
    [InlineData("teams")]
    [InlineData("history")]
    public async Task Import_AllowBackwardOnAnotherKind_UsageErrorExitTwo(string kind)
    {
        var exit = await Run("import", kind, Missing("x.csv"), "--allow-backward");

        Assert.Equal(2, exit);
        Assert.Contains("usage: import", _err.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_AllowBackwardWithAValue_UsageErrorExitTwo()
    {
        Assert.Equal(2, await Run("import", "deals", Missing("x.csv"), "--allow-backward=no"));
    }

    [Fact]
    public void Import_NeedsDatabase_WithAllowBackwardForDealsOnly()
    {
        Assert.True(ImportVerb.NeedsDatabase(["deals", "a.csv", "--allow-backward"]));
        Assert.False(ImportVerb.NeedsDatabase(["people", "a.csv", "--allow-backward"]));
        Assert.False(ImportVerb.NeedsDatabase(["deals", "a.csv", "--force"]));
    }

    [Fact]
    public void Import_NeedsDatabase_WithAllowReopenForDealsOnlyAndWithoutAValue()
    {
        Assert.True(ImportVerb.NeedsDatabase(["deals", "a.csv", "--allow-reopen"]));
        Assert.True(ImportVerb.NeedsDatabase(["deals", "a.csv", "--allow-reopen", "--allow-backward"]));
        Assert.False(ImportVerb.NeedsDatabase(["history", "a.csv", "--allow-reopen"]));
        Assert.False(ImportVerb.NeedsDatabase(["deals", "a.csv", "--allow-reopen=yes"]));
    }

    [Fact]
    public async Task Import_EarlierStage_WarningOnStdoutExitZeroAndAllowBackwardMovesIt()
    {
        Assert.Equal(0, await Run("import", "teams", Write("teams.csv", "team,time_zone\nEMEA,Europe/Berlin\n")));
        Assert.Equal(0, await Run("import", "people", Write("people.csv", "email,name,team,role\ndana@example.com,Dana Demo,EMEA,rep\n")));
        const string header = "external_id,name,account,amount,currency,owner_email,team,stage,stage_entered_at,next_step,next_step_at,created_at\n";
        Assert.Equal(0, await Run("import", "deals", Write("now.csv", header + "1002,Initech,Initech,27500,EUR,dana@example.com,EMEA,proposal,2025-03-01,Call the CFO,2025-12-11,\n")));
        _out.GetStringBuilder().Clear();
        var old = Write("old.csv", header + "1002,Initech,,,,dana@example.com,EMEA,discovery,,,,\n");

        var skipped = await Run("import", "deals", old);

        Assert.Equal(0, skipped);
        var lines = _out.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("added 0, updated 0, rejected 0, warnings 1", lines[0]);
        Assert.StartsWith("line 2: warning: deal 1002 (Initech) is at proposal; the file's stage discovery is earlier", lines[1], StringComparison.Ordinal);
        _out.GetStringBuilder().Clear();

        var moved = await Run("import", "deals", old, "--allow-backward");

        Assert.Equal(0, moved);
        Assert.Equal("added 0, updated 1, rejected 0", _out.ToString().Trim());
    }

    [Fact]
    public async Task MapLint_MissingFile_ExitsOne()
    {
        Assert.Equal(1, await Run("map", "lint", Missing("map.yaml")));
    }

    [Fact]
    public async Task MapShow_MissingFile_ExitsOne()
    {
        Assert.Equal(1, await Run("map", "show", Missing("map.yaml"), "--no-counts"));
    }

    [Fact]
    public async Task MapDiff_MissingFile_ExitsOne()
    {
        Assert.Equal(1, await Run("map", "diff", Missing("old.yaml"), Missing("new.yaml"), "--no-deals"));
    }

    [Fact]
    public async Task Map_WrongCommandLine_StillUsageErrorExitTwo()
    {
        Assert.Equal(2, await Run("map", "lint"));
        Assert.Equal(2, await Run("map", "diff", Missing("old.yaml")));
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }
}

/// <summary>The verb as an operator runs it: "applying migrations" on stderr only when the run applies some.</summary>
public sealed class VerbMigrationLineTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scb-verb-second-run-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Verb_SecondRunOnAnUpToDateDatabase_SaysNothingAboutMigrations()
    {
        var database = Path.Combine(_dir, "coach.db");
        var settings = new Dictionary<string, string> { ["ConnectionStrings__SalesCoach"] = $"Data Source={database}" };
        var missing = Path.Combine(_dir, "nonexist.csv");

        var first = await HostProcess.RunAsync(_dir, settings, "import", "deals", missing);
        var second = await HostProcess.RunAsync(_dir, settings, "import", "deals", missing);

        Assert.Equal((1, 1), (first.Exit, second.Exit));
        Assert.Contains($"Database SQLite {database}: applying migrations", first.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("applying migrations", second.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("up to date", second.Stderr, StringComparison.Ordinal);
        Assert.Contains($"{missing}: no such file", second.Stderr, StringComparison.Ordinal);
    }
}
