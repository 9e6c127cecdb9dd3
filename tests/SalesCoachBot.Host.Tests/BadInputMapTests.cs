using System.Diagnostics;

namespace SalesCoachBot.Host.Tests;

/// <summary>
/// Issue 2, "Bad input": a map with errors. The real host process, started the way an operator
/// starts it, refuses to start (or to run a verb) with exit code 1 and a message naming the file,
/// line and reason, and prints no stack trace.
/// </summary>
public sealed class BadInputMapTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    private readonly string _dir = Directory.CreateTempSubdirectory("scb-badmap-").FullName;
    private readonly Dictionary<string, string> _environment = [];

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string, string, string, string> BadMaps => new()
    {
        {
            "unknown stage in next",
            """
            name: Bad map
            version: 1
            start: discovery
            stages:
              - id: discovery
                name: Discovery
                owner: sales
                entry: A discovery meeting is on the calendar.
                activities: Hold discovery meetings.
                stallAfterDays: 14
                checklist:
                  - { id: requirements-listed, text: "Requirements list shared with the buyer", required: true }
                next: negotiation
            """,
            ":13:",
            "negotiation"
        },
        {
            "YAML syntax error",
            """
            name: Broken
            version: 1
            stages:
              - id: [discovery
            """,
            ":5:",
            "not valid YAML"
        },
        {
            "unknown key",
            """
            name: Typo map
            version: 1
            start: discovery
            stages:
              - id: discovery
                name: Discovery
                owner: sales
                entry: A discovery meeting is on the calendar.
                activities: Hold discovery meetings.
                stallAfterDayz: 14
                checklist:
                  - { id: requirements-listed, text: "Requirements list shared with the buyer", required: true }
            """,
            ":10:",
            "stallAfterDayz"
        },
    };

    [Theory]
    [MemberData(nameof(BadMaps))]
    public async Task Host_MapWithErrors_RefusesToStartNamingFileLineAndReasonExitOne(string why, string yaml, string line, string reason)
    {
        var map = Path.Combine(_dir, "bad-map.yaml");
        await File.WriteAllTextAsync(map, yaml);

        var (exit, stdout, stderr) = await RunHostAsync(map, "--urls", "http://127.0.0.1:0", "--contentRoot", _dir);

        Assert.True(exit == 1, $"{why}: exit {exit}\nstdout:\n{stdout}\nstderr:\n{stderr}");
        Assert.Contains("refused to start", stderr, StringComparison.Ordinal);
        Assert.Contains(map + line, stderr, StringComparison.Ordinal);
        Assert.Contains(reason, stderr, StringComparison.Ordinal);
        NoStackTrace(stdout, stderr);
    }

    [Theory]
    [InlineData("import", "deals", "deals.csv")]
    [InlineData("map", "show")]
    public async Task Verb_MapWithErrors_ExitOneNamingFileLineAndReason(params string[] args)
    {
        var map = Path.Combine(_dir, "bad-map.yaml");
        await File.WriteAllTextAsync(map, (string)BadMaps.First()[1]!);
        await File.WriteAllTextAsync(Path.Combine(_dir, "deals.csv"), "external_id,name,owner_email,team,stage\n1,Acme,a@example.com,EMEA,discovery\n");

        var (exit, stdout, stderr) = await RunHostAsync(map, [.. args.Select(a => a == "deals.csv" ? Path.Combine(_dir, a) : a)]);

        Assert.True(exit == 1, $"exit {exit}\nstdout:\n{stdout}\nstderr:\n{stderr}");
        Assert.Contains(map + ":13:", stderr, StringComparison.Ordinal);
        Assert.Contains("negotiation", stderr, StringComparison.Ordinal);
        NoStackTrace(stdout, stderr);
    }

    [Fact]
    public async Task Host_InvalidConfiguration_RefusesToStartCleanlyExitOne()
    {
        // The same clean refusal for options validated on start (here: the Development-only switch in Production).
        var map = Path.Combine(_dir, "good-map.yaml");
        await File.WriteAllTextAsync(map, ((string)BadMaps.First()[1]!).Replace("next: negotiation", "", StringComparison.Ordinal));
        _environment["Teams__AllowUnauthenticated"] = "true";

        var (exit, stdout, stderr) = await RunHostAsync(map, "--urls", "http://127.0.0.1:0", "--contentRoot", _dir);

        Assert.True(exit == 1, $"exit {exit}\nstdout:\n{stdout}\nstderr:\n{stderr}");
        Assert.Contains("refused to start", stderr, StringComparison.Ordinal);
        Assert.Contains("Teams:AllowUnauthenticated", stderr, StringComparison.Ordinal);
        NoStackTrace(stdout, stderr);
    }

    private static void NoStackTrace(string stdout, string stderr)
    {
        Assert.DoesNotContain("   at ", stdout + stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", stdout + stderr, StringComparison.Ordinal);
    }

    /// <summary>Runs the built host (<c>dotnet SalesCoachBot.Host.dll</c>) in a private folder with the map and a private SQLite file.</summary>
    private async Task<(int Exit, string Stdout, string Stderr)> RunHostAsync(string map, params string[] args)
    {
        var hostDll = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _dir,
        };
        start.ArgumentList.Add(hostDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // Only what this test sets: no channel keys leak in from the machine running the tests.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("Teams__", StringComparison.Ordinal) || k.StartsWith("Slack__", StringComparison.Ordinal) || k.StartsWith("ProcessMap__", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ProcessMap__Path"] = map;
        start.Environment["Database__Provider"] = "Sqlite";
        start.Environment["ConnectionStrings__SalesCoach"] = $"Data Source={Path.Combine(_dir, "host.db")}";
        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Patience);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return (-1, await stdout, "still running after " + Patience + ": the host started with a bad map\n" + await stderr);
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
