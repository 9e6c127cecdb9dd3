using System.Net;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;

namespace SalesCoachBot.Host.Tests.Hosting;

/// <summary>
/// The operator's mistakes at start (configuration, files, the database, the port) end in a few lines naming the
/// problem and exit 1: no stack trace, no SIGABRT, never a connection string's password.
/// </summary>
public sealed class StartupRefusalTests : IDisposable
{
    private const string Secret = "TopSecret42";
    private readonly string _dir = Directory.CreateTempSubdirectory("scb-refusal-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private Dictionary<string, string> Sqlite(params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string>
        {
            ["Database__Provider"] = "Sqlite",
            ["ConnectionStrings__SalesCoach"] = $"Data Source={Path.Combine(_dir, "host.db")}",
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }

    private static string[] Refusals(string stderr) =>
        [.. stderr.Split('\n').Where(l => l.StartsWith("SalesCoachBot refused to start: ", StringComparison.Ordinal))];

    private static void AssertRefused(int exit, string stdout, string stderr, params string[] expected)
    {
        var all = $"exit {exit}\nstdout:\n{stdout}\nstderr:\n{stderr}";
        Assert.True(exit == 1, all);
        Assert.DoesNotContain("   at ", stdout + stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", stdout + stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, stdout + stderr, StringComparison.Ordinal);
        var refusals = Refusals(stderr);
        Assert.True(refusals.Length > 0, all);
        foreach (var text in expected)
        {
            Assert.True(refusals.Any(r => r.Contains(text, StringComparison.Ordinal)), $"no refusal names '{text}'\n{all}");
        }
    }

    [Fact]
    public async Task MalformedAppSettings_RefusesNamingTheFile()
    {
        await File.WriteAllTextAsync(Path.Combine(_dir, "appsettings.json"), "{ \"Crm\": { \"Provider\": \"none\" ");

        var (exit, stdout, stderr) = await HostProcess.RunAsync(_dir, Sqlite(), "--urls", "http://127.0.0.1:0");

        AssertRefused(exit, stdout, stderr, "appsettings.json");
    }

    [Theory]
    [InlineData("Cache__ReadLifetime", "Cache:ReadLifetime")]
    [InlineData("Nudges__DefaultIdleDays", "Nudges:DefaultIdleDays")]
    [InlineData("Coaching__ArabicDigits", "Coaching:ArabicDigits")]
    public async Task ValueOfTheWrongType_RefusesNamingTheKey(string variable, string key)
    {
        var (exit, stdout, stderr) = await HostProcess.RunAsync(_dir, Sqlite((variable, "abc")), "--urls", "http://127.0.0.1:0");

        AssertRefused(exit, stdout, stderr, key);
    }

    [Fact]
    public async Task TwoInvalidOptions_OneLineEach()
    {
        var (exit, stdout, stderr) = await HostProcess.RunAsync(
            _dir, Sqlite(("Coaching__DefaultLanguage", "fr"), ("Nudges__MaxDigestDeals", "500")), "--urls", "http://127.0.0.1:0");

        AssertRefused(exit, stdout, stderr, "Coaching:DefaultLanguage", "MaxDigestDeals");
        Assert.Equal(2, Refusals(stderr).Length);
    }

    [Fact]
    public async Task UnknownCrmProvider_SaidOnce()
    {
        var (exit, stdout, stderr) = await HostProcess.RunAsync(_dir, Sqlite(("Crm__Provider", "foo")), "--urls", "http://127.0.0.1:0");

        AssertRefused(exit, stdout, stderr, "Crm:Provider");
        Assert.Single(Refusals(stderr));
    }

    [Fact]
    public async Task ConnectionStringWithAMisspeltKeyword_RefusesWithoutThePassword()
    {
        var settings = Sqlite(("ConnectionStrings__SalesCoach", $"Data Sorce={Path.Combine(_dir, "x.db")};Password={Secret}"));

        var (exit, stdout, stderr) = await HostProcess.RunAsync(_dir, settings, "--urls", "http://127.0.0.1:0");

        AssertRefused(exit, stdout, stderr, "ConnectionStrings:SalesCoach");
    }

    [Fact]
    public async Task SqliteFileThatCannotBeOpened_Refuses()
    {
        // The data source is a folder: SQLite cannot open it (as with a data folder the host may not write to).
        var settings = Sqlite(("ConnectionStrings__SalesCoach", $"Data Source={_dir}"));

        var (exit, stdout, stderr) = await HostProcess.RunAsync(_dir, settings, "--urls", "http://127.0.0.1:0");

        AssertRefused(exit, stdout, stderr, "SQLite");
    }

    [Theory]
    [InlineData("--urls", "http://127.0.0.1:0")]
    [InlineData("ask", "help", "--as", "dana@example.com")]
    public async Task PostgresUnreachable_HostAndVerbRefuseWithoutThePassword(params string[] args)
    {
        var settings = new Dictionary<string, string>
        {
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__SalesCoach"] = $"Host=127.0.0.1;Port=1;Database=salescoach;Username=coach;Password={Secret};Timeout=3",
        };

        var (exit, stdout, stderr) = await HostProcess.RunAsync(_dir, settings, args);

        AssertRefused(exit, stdout, stderr, "PostgreSQL");
    }

    [Theory]
    [InlineData("--urls", "http://127.0.0.1:0")]
    [InlineData("nudge", "--dry-run")]
    public async Task UnknownDatabaseProvider_RefusesNamingTheValueGiven(params string[] args)
    {
        var settings = Sqlite();
        settings["Database__Provider"] = "Foo";

        var (exit, stdout, stderr) = await HostProcess.RunAsync(_dir, settings, args);

        AssertRefused(exit, stdout, stderr, "Database:Provider must be 'Sqlite' (default) or 'Postgres', not 'Foo'.");
        Assert.False(File.Exists(Path.Combine(_dir, "host.db")), "the database was opened");
    }

    [Theory]
    [InlineData("ask", "help", "--as", "dana@example.com")]
    [InlineData("nudge", "--dry-run")]
    public async Task VerbWithConfigurationTheHostRefuses_RefusesTheSame(params string[] args)
    {
        var (exit, stdout, stderr) = await HostProcess.RunAsync(_dir, Sqlite(("Crm__Provider", "foo")), args);

        AssertRefused(exit, stdout, stderr, "Crm:Provider must be one of");
        Assert.False(File.Exists(Path.Combine(_dir, "host.db")), "the verb opened the database");
    }

    [Theory]
    [InlineData("--urls", "http://127.0.0.1:0")]
    [InlineData("ask", "help", "--as", "dana@example.com")]
    [InlineData("nudge", "--dry-run")]
    public async Task DefaultDataFolderCannotBeCreated_HostAndVerbRefuseNamingIt(params string[] args)
    {
        // A file where ./data should be: the folder cannot be created, as in a read-only working folder (the tests may
        // run as root, whom a read-only mode does not stop).
        await File.WriteAllTextAsync(Path.Combine(_dir, "data"), "");

        var (exit, stdout, stderr) = await HostProcess.RunAsync(_dir, new Dictionary<string, string> { ["Database__Provider"] = "Sqlite" }, args);

        AssertRefused(exit, stdout, stderr, $"the SQLite database's folder {Path.Combine(_dir, "data")} cannot be created");
        Assert.Single(Refusals(stderr));
    }

    [Theory]
    [InlineData("Slack__ClientId", "Slack:ClientId")]
    [InlineData("Slack__StateSecret", "Slack:StateSecret")]
    public async Task SlackInstallKeyWithoutSigningSecret_RefusesNamingTheKey(string variable, string key)
    {
        var (exit, stdout, stderr) = await HostProcess.RunAsync(_dir, Sqlite((variable, "set-without-a-signing-secret-0123456789")), "--urls", "http://127.0.0.1:0");

        AssertRefused(exit, stdout, stderr, key, "Slack:SigningSecret");
    }

    [Theory]
    [InlineData("--urls", "http://127.0.0.1:0")]
    [InlineData("nudge", "--dry-run")]
    public async Task SlackBotTokenAloneWithoutSigningSecretOrAppToken_RefusesNamingTheKeyNeverTheToken(params string[] args)
    {
        // Before, the Slack channel stayed off in silence: /slack/* answered 404 and Slack digests failed.
        const string token = "xoxb-1111-2222-bot-token-value";

        var (exit, stdout, stderr) = await HostProcess.RunAsync(_dir, Sqlite(("Slack__BotToken", token)), args);

        AssertRefused(exit, stdout, stderr, "Slack:BotToken is set but neither Slack:SigningSecret nor Slack:AppToken is", "or remove Slack:BotToken.");
        Assert.DoesNotContain(token, stdout + stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--urls", "http://127.0.0.1:0", "--contentRoot")]
    [InlineData("nudge", "--dry-run", "--contentRoot")]
    public async Task ContentRootThatDoesNotExist_HostAndVerbRefuseNamingIt(params string[] args)
    {
        var missing = Path.Combine(_dir, "no-such-folder");

        var (exit, stdout, stderr) = await HostProcess.RunAsync(_dir, Sqlite(), [.. args, missing]);

        AssertRefused(exit, stdout, stderr, $"--contentRoot {missing}");
    }

    [Fact]
    public async Task PortInUse_RefusesNamingThePort()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;

        var (exit, stdout, stderr) = await HostProcess.RunAsync(_dir, Sqlite(), "--urls", $"http://127.0.0.1:{port}");

        var all = $"exit {exit}\nstdout:\n{stdout}\nstderr:\n{stderr}";
        Assert.True(exit == 1, all);
        Assert.DoesNotContain("TaskCanceledException", stdout + stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stdout + stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", stdout + stderr, StringComparison.Ordinal);
        Assert.Contains($"SalesCoachBot refused to start: Failed to bind to address http://127.0.0.1:{port}", stderr, StringComparison.Ordinal);
        Assert.Contains("in use", Refusals(stderr).Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MapPictureIntoAMissingFolder_ExitsOneNamingTheFile()
    {
        var output = Path.Combine(_dir, "nonexistent", "m.png");

        var (exit, stdout, stderr) = await HostProcess.RunAsync(_dir, Sqlite(), "map", "show", "--format", "png", "-o", output);

        Assert.True(exit == 1, $"exit {exit}\nstdout:\n{stdout}\nstderr:\n{stderr}");
        Assert.Contains($"cannot write {output}", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stdout + stderr, StringComparison.Ordinal);
    }
}
