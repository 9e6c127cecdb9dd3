using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Data;
using SalesCoachBot.Data.Infrastructure;
using SalesCoachBot.Host.Cli;

namespace SalesCoachBot.Host.Tests.Cli;

/// <summary>The <c>import</c> verb against a real SQLite file: arguments in, stdout / stderr / exit code out.</summary>
public sealed class ImportVerbTests : IAsyncLifetime
{
    private static readonly ProcessMap Map = new(
        "Verb test map",
        1,
        new StageId("discovery"),
        new StageId("demo"),
        [
            new Stage(new StageId("discovery"), "Discovery", "sales", "e", "a", 14,
                [new ChecklistItem(new ChecklistItemId("requirements-listed"), "Requirements listed", true)],
                new StageId("demo"), [], [], []),
            new Stage(new StageId("demo"), "Demo", "sales-engineer", "e", "a", 10,
                [new ChecklistItem(new ChecklistItemId("demo-held"), "Demo held", true)],
                null, [], [], []),
        ],
        MapOutcomes.Default);

    private readonly string _dir = Directory.CreateTempSubdirectory("scb-importverb-").FullName;
    private readonly StringWriter _out = new();
    private readonly StringWriter _err = new();
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2025, 3, 10, 9, 0, 0, TimeSpan.Zero)));
        services.AddSingleton<IProcessMapSource>(new FixedProcessMapSource(Map));
        var options = new DatabaseOptions { Provider = "Sqlite", ConnectionString = $"Data Source={Path.Combine(_dir, "verb.db")}" };
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

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private Task<int> Run(params string[] args) =>
        CliVerbs.RunAsync(_services, "import", args, new CliContext(_out, _err), CancellationToken.None);

    private async Task ImportTeamAndPeopleAsync()
    {
        Assert.Equal(0, await Run("teams", Write("teams.csv", "team,time_zone,nudge_time\nEMEA,Europe/Berlin,09:00\n")));
        Assert.Equal(0, await Run("people", Write("people.csv", "email,name,team,role\ndana@example.com,Dana Demo,EMEA,rep\n")));
        _out.GetStringBuilder().Clear();
    }

    [Fact]
    public async Task Import_AllRowsGood_PrintsSummaryAndExitsZero()
    {
        await ImportTeamAndPeopleAsync();
        var file = Write("deals.csv", "external_id,name,owner_email,team,stage,amount,currency\n1001,Acme Corp,dana@example.com,EMEA,discovery,1000.50,EUR\n1002,Initech,dana@example.com,emea,Demo,,\n");

        var exit = await Run("deals", file);

        Assert.Equal(0, exit);
        Assert.Equal("added 2, updated 0, rejected 0", _out.ToString().Trim());
    }

    [Fact]
    public async Task Import_SomeRowsRejected_PrintsOneLinePerRowAndExitsOne()
    {
        await ImportTeamAndPeopleAsync();
        var file = Write("deals.csv",
            "external_id,name,owner_email,team,stage,stage_entered_at\n" +
            "1001,Acme Corp,dana@example.com,EMEA,discovery,2025-01-02\n" +
            "1002,Initech,nobody@example.com,EMEA,discovery,2025-01-02\n" +
            "1003,Globex,dana@example.com,EMEA,negotiation,02/01/2025\n");

        var exit = await Run("deals", file);

        Assert.Equal(1, exit);
        var lines = _out.ToString().Trim().Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Equal("added 1, updated 0, rejected 2", lines[0]);
        Assert.StartsWith("line 3: unknown owner 'nobody@example.com'", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("line 4: unknown stage 'negotiation'", lines[2], StringComparison.Ordinal);
        Assert.Contains("not an ISO 8601 date", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_UnknownColumn_RefusesWholeFileAndWritesNothing()
    {
        await ImportTeamAndPeopleAsync();
        var file = Write("deals.csv", "external_id,name,owner_email,team,stage,colour\n1001,Acme Corp,dana@example.com,EMEA,discovery,red\n");

        var exit = await Run("deals", file);

        Assert.Equal(1, exit);
        Assert.Contains("unknown column 'colour'", _out.ToString(), StringComparison.Ordinal);
        await using var db = _services.GetRequiredService<SalesCoachDbContextFactory>().CreateDbContext();
        Assert.Equal(0, await db.Deals.CountAsync());
    }

    [Theory]
    [InlineData]
    [InlineData("bananas", "x.csv")]
    [InlineData("deals")]
    [InlineData("deals", "a.csv", "b.csv")]
    [InlineData("deals", "a.csv", "--force")]
    public async Task Import_BadArguments_UsageErrorExitTwo(params string[] args)
    {
        var exit = await Run(args);

        Assert.Equal(2, exit);
        Assert.Contains("usage: import", _err.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("import needs what to import (deals, people, teams or history) and a FILE.csv")]
    [InlineData("unknown import kind 'users': say deals, people, teams or history", "users", "people.csv")]
    [InlineData("import people needs a FILE.csv", "people")]
    [InlineData("import takes one kind and one FILE.csv", "deals", "a.csv", "b.csv")]
    [InlineData("unknown option '--force'", "deals", "a.csv", "--force")]
    [InlineData("--allow-backward goes with import deals only", "people", "a.csv", "--allow-backward")]
    [InlineData("--allow-reopen takes no value", "deals", "a.csv", "--allow-reopen=yes")]
    public async Task Import_BadArguments_SayWhatIsWrongBeforeTheUsage(string mistake, params string[] args)
    {
        // An operator's first "import users people.csv" is told the kinds there are, not only shown the usage line.
        Assert.Equal(2, await Run(args));

        Assert.StartsWith(mistake + Environment.NewLine + "usage: import", _err.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_MissingFile_ExitOne()
    {
        var exit = await Run("deals", Path.Combine(_dir, "missing.csv"));

        // INTERFACE.md: 1 for errors in the input, 2 only for a wrong command line.
        Assert.Equal(1, exit);
        Assert.Contains("no such file", _err.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_LargeFile_ReportsProgressOnStderr()
    {
        await ImportTeamAndPeopleAsync();
        var lines = Enumerable.Range(1, 20_000).Select(i => $"H-{i},Deal {i},dana@example.com,EMEA,discovery");
        var file = Write("deals.csv", "external_id,name,owner_email,team,stage\n" + string.Join('\n', lines) + "\n");

        var exit = await Run("deals", file);

        Assert.Equal(0, exit);
        Assert.Equal("added 20000, updated 0, rejected 0", _out.ToString().Trim());
        Assert.Contains("10,000 rows read", _err.ToString(), StringComparison.Ordinal);
        Assert.Contains("20,000 rows read", _err.ToString(), StringComparison.Ordinal);
    }
}
