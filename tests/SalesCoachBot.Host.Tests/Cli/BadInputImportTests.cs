using System.Text;
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

/// <summary>
/// Issue 2, "Bad input", through the <c>import</c> verb on a real SQLite file: every bad file or row is
/// answered with a clear message and exit code 1, and what was stored before is still there, unchanged.
/// </summary>
public sealed class BadInputImportTests : IAsyncLifetime
{
    private static readonly ProcessMap Map = new(
        "Bad input map",
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

    private const string DealHeader = "external_id,name,account,amount,currency,owner_email,team,stage,stage_entered_at\n";

    private readonly string _dir = Directory.CreateTempSubdirectory("scb-badimport-").FullName;
    private readonly StringWriter _out = new();
    private readonly StringWriter _err = new();
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2025, 3, 10, 9, 0, 0, TimeSpan.Zero)));
        services.AddSingleton<IProcessMapSource>(new FixedProcessMapSource(Map));
        var options = new DatabaseOptions { Provider = "Sqlite", ConnectionString = $"Data Source={Path.Combine(_dir, "bad.db")}" };
        services.AddSalesCoachDataCore(_ => options);
        services.AddCliVerbs();
        _services = services.BuildServiceProvider();
        await _services.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);

        // What is already stored, and must survive every bad import untouched.
        await Expect(0, "teams", "teams.csv", "team,time_zone,nudge_time\nEMEA,Europe/Berlin,09:00\n");
        await Expect(0, "people", "people.csv", "email,name,team,role\ndana@example.com,Dana Demo,EMEA,rep\nmo@example.com,Mo Manager,EMEA,manager\n");
        await Expect(0, "deals", "deals.csv", DealHeader +
            "1001,Acme Corp,Acme,1000.50,EUR,dana@example.com,EMEA,discovery,2025-01-02\n" +
            "1002,Initech,Initech,250,USD,dana@example.com,EMEA,demo,2025-02-03T10:00:00Z\n");
        await Expect(0, "history", "history.csv", "external_id,stage,entered_at\n1002,discovery,2025-01-10\n");
        _out.GetStringBuilder().Clear();
        _err.GetStringBuilder().Clear();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    public static TheoryData<string, string, byte[], string> BadFiles => new()
    {
        { "UTF-16 LE with BOM", "deals", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(DealHeader + "1001,Acme Corp,Acme,9,EUR,dana@example.com,EMEA,demo,2025-03-01\n")], "not valid UTF-8" },
        { "UTF-16 LE without BOM", "deals", Encoding.Unicode.GetBytes(DealHeader + "1001,Acme Corp,Acme,9,EUR,dana@example.com,EMEA,demo,2025-03-01\n"), "UTF-16" },
        { "UTF-16 BE with BOM", "people", [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes("email,name,team,role\ndana@example.com,Dana Renamed,EMEA,admin\n")], "not valid UTF-8" },
        { "Latin-1", "deals", Encoding.Latin1.GetBytes(DealHeader + "1001,M\u00fcller GmbH,Acme,9,EUR,dana@example.com,EMEA,demo,2025-03-01\n"), "not valid UTF-8 (line 2" },
        { "empty", "deals", [], "empty" },
        { "only blank lines", "teams", Encoding.UTF8.GetBytes("\n\n  \n"), "empty" },
        { "binary", "history", [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00], "UTF-16 or binary" },
        { "no header", "deals", Encoding.UTF8.GetBytes("1001,Acme Corp,Acme,9,EUR,dana@example.com,EMEA,demo,2025-03-01\n"), "no header row" },
        { "header twice the same column", "deals", Encoding.UTF8.GetBytes("external_id,name,owner_email,team,stage,stage\n1001,Acme Corp,dana@example.com,EMEA,demo,demo\n"), "appears twice" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task Import_BadFile_ExitOneWithReasonAndNothingStoredChanges(string why, string kind, byte[] bytes, string expected)
    {
        var before = await SnapshotAsync();
        var path = Path.Combine(_dir, "bad.csv");
        await File.WriteAllBytesAsync(path, bytes);

        var exit = await Run(kind, path);

        Assert.True(exit == 1, $"{why}: exit {exit}");
        Assert.Contains(expected, _out.ToString(), StringComparison.Ordinal);
        Assert.Contains("nothing imported", _out.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", _out.ToString() + _err.ToString(), StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task ImportDeals_BadRowsForStoredDeals_ExitOneEachRowNamedAndStoredDealsUnchanged()
    {
        var before = await SnapshotAsync();
        var file = Write("rows.csv", DealHeader +
            "1001,Acme Corp,Acme,1000.50,EUR,dana@example.com,EMEA,demo,31/01/2025\n" +        // line 2: day-first date
            "1001,Acme Corp,Acme,1000.50,EUR,dana@example.com,EMEA,demo,2025-13-45\n" +        // line 3: impossible date
            "1002,Initech,Initech,abc,USD,dana@example.com,EMEA,discovery,2025-03-01\n" +      // line 4: amount not a number
            "1002,Initech,Initech,1e15,USD,dana@example.com,EMEA,discovery,2025-03-01\n" +     // line 5: exponent notation
            "1002,Initech,Initech,-5,USD,dana@example.com,EMEA,discovery,2025-03-01\n" +       // line 6: negative
            "1002,Initech,Initech,1000000000000000,USD,dana@example.com,EMEA,discovery,2025-03-01\n" + // line 7: absurd
            "1002,Initech,Initech,\"1,000.00\",USD,dana@example.com,EMEA,discovery,2025-03-01\n" + // line 8: thousands separator
            "1002,Initech,Initech,NaN,USD,dana@example.com,EMEA,discovery,2025-03-01\n");     // line 9: NaN

        var exit = await Run("deals", file);

        Assert.Equal(1, exit);
        var lines = Lines();
        Assert.Equal("added 0, updated 0, rejected 8", lines[0]);
        Assert.StartsWith("line 2: ", lines[1], StringComparison.Ordinal);
        Assert.Contains("'31/01/2025' is not an ISO 8601 date", lines[1], StringComparison.Ordinal);
        Assert.Contains("'2025-13-45' is not an ISO 8601 date", lines[2], StringComparison.Ordinal);
        Assert.Contains("amount 'abc' is not a number", lines[3], StringComparison.Ordinal);
        Assert.Contains("amount '1e15' is not a number", lines[4], StringComparison.Ordinal);
        Assert.Contains("amount '-5' is negative", lines[5], StringComparison.Ordinal);
        Assert.Contains("absurdly large", lines[6], StringComparison.Ordinal);
        Assert.Contains("amount '1,000.00' is not a number", lines[7], StringComparison.Ordinal);
        Assert.Contains("amount 'NaN' is not a number", lines[8], StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task ImportDeals_DuplicateKeyInOneFile_SecondRowRejectedStoredDealTakesFirstOnly()
    {
        var file = Write("dupes.csv", DealHeader +
            "1002,Initech,Initech,300,USD,dana@example.com,EMEA,demo,2025-02-03T10:00:00Z\n" +
            "1002,Initech Twin,Initech,999999,USD,dana@example.com,EMEA,discovery,2025-03-01\n");

        var exit = await Run("deals", file);

        Assert.Equal(1, exit);
        var lines = Lines();
        Assert.Equal("added 0, updated 1, rejected 1", lines[0]);
        Assert.StartsWith("line 3: duplicate external_id '1002'", lines[1], StringComparison.Ordinal);
        await using var db = NewContext();
        var initech = await db.Deals.AsNoTracking().SingleAsync(d => d.ExternalId == "1002");
        Assert.Equal(("Initech", 300m, "demo", 1), (initech.Name, initech.Amount!.Value, initech.StageId.Value, initech.StageVersion));
    }

    [Theory]
    [InlineData("people", "email,name,team,role\ndana@example.com,Dana One,EMEA,rep\nDANA@example.com,Dana Two,EMEA,admin\n", "duplicate email")]
    [InlineData("teams", "team,time_zone\nEMEA,Europe/Berlin\nemea,America/New_York\n", "duplicate team")]
    [InlineData("history", "external_id,stage,entered_at\n1001,discovery,2025-01-02\n1001,discovery,2025-01-02\n", "duplicate")]
    public async Task Import_DuplicateKeyInOneFile_ExitOneSecondRowNamedStoredDataKept(string kind, string csv, string expected)
    {
        var before = await SnapshotAsync();

        var exit = await Run(kind, Write($"{kind}.csv", csv));

        Assert.Equal(1, exit);
        var lines = Lines();
        Assert.EndsWith("rejected 1", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("line 3: ", lines[1], StringComparison.Ordinal);
        Assert.Contains(expected, lines[1], StringComparison.Ordinal);
        await using var db = NewContext();
        Assert.Equal(PersonRole.Rep, (await db.People.AsNoTracking().SingleAsync(p => p.Email == "dana@example.com")).Role);
        Assert.Equal("Europe/Berlin", (await db.Teams.AsNoTracking().SingleAsync()).TimeZoneId);
        Assert.Equal(before.Deals, (await SnapshotAsync()).Deals);
    }

    [Fact]
    public async Task ImportDeals_UnclosedQuote_ExitOneAndStoredDealsUnchanged()
    {
        var before = await SnapshotAsync();
        var file = Write("quote.csv", DealHeader +
            "1001,\"Acme Corp,Acme,5,EUR,dana@example.com,EMEA,demo,2025-03-01\n" +
            "1002,Initech,Initech,7,USD,dana@example.com,EMEA,discovery,2025-03-01\n");

        var exit = await Run("deals", file);

        Assert.Equal(1, exit);
        Assert.Matches(@"^line 2: ", Lines()[1]);
        Assert.DoesNotContain("   at ", _out.ToString() + _err.ToString(), StringComparison.Ordinal);
        var after = await SnapshotAsync();
        Assert.Equal(before.Deals.Single(d => d.StartsWith("1001", StringComparison.Ordinal)), after.Deals.Single(d => d.StartsWith("1001", StringComparison.Ordinal)));
    }

    private async Task Expect(int exit, string kind, string name, string csv) =>
        Assert.Equal(exit, await Run(kind, Write(name, csv)));

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private Task<int> Run(params string[] args) =>
        CliVerbs.RunAsync(_services, "import", args, new CliContext(_out, _err), CancellationToken.None);

    private string[] Lines() => _out.ToString().Trim().Split('\n').Select(l => l.TrimEnd('\r')).ToArray();

    private SalesCoachDbContext NewContext() => _services.GetRequiredService<SalesCoachDbContextFactory>().CreateDbContext();

    /// <summary>Everything the imports write, as comparable text.</summary>
    private async Task<Snapshot> SnapshotAsync()
    {
        await using var db = NewContext();
        var deals = (await db.Deals.AsNoTracking().OrderBy(d => d.ExternalId).ToListAsync())
            .Select(d => $"{d.ExternalId}|{d.Name}|{d.Account}|{d.Amount}|{d.Currency}|{d.OwnerId}|{d.TeamId}|{d.StageId}|{d.StageEnteredAt:O}|{d.StageVersion}|{d.Status}|{d.LastActivityAt:O}")
            .ToList();
        var people = (await db.People.AsNoTracking().OrderBy(p => p.Email).ToListAsync()).Select(p => $"{p.Email}|{p.Name}|{p.Role}").ToList();
        var teams = (await db.Teams.AsNoTracking().OrderBy(t => t.Name).ToListAsync()).Select(t => $"{t.Name}|{t.TimeZoneId}|{t.NudgeTime}").ToList();
        var history = (await db.StageHistory.AsNoTracking().OrderBy(h => h.Id).ToListAsync()).Select(h => $"{h.DealId}|{h.StageId}|{h.EnteredAt:O}|{h.Kind}").ToList();
        return new Snapshot(string.Join('\n', deals), string.Join('\n', people), string.Join('\n', teams), string.Join('\n', history), deals);
    }

    private sealed record Snapshot(string DealText, string People, string Teams, string History, IReadOnlyList<string> Deals)
    {
        public bool Equals(Snapshot? other) =>
            other is not null && (DealText, People, Teams, History) == (other.DealText, other.People, other.Teams, other.History);

        public override int GetHashCode() => HashCode.Combine(DealText, People, Teams, History);

        public override string ToString() => $"deals:\n{DealText}\npeople:\n{People}\nteams:\n{Teams}\nhistory:\n{History}";
    }
}
