using System.Diagnostics;

namespace SalesCoachBot.Host.Tests.Security;

/// <summary>
/// Issue 13, "Done means": in Production the real host process refuses to start when Slack installs are on without a
/// list of allowed workspaces, naming the key, with exit code 1 and no stack trace.
/// </summary>
public sealed class SlackStartRefusalTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    private readonly string dir = Directory.CreateTempSubdirectory("scb-slack-start-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public async Task Host_SlackInstallsWithoutAllowedWorkspacesOutsideDevelopment_RefusesToStartNamingTheKey(string environment)
    {
        var (exit, stdout, stderr) = await RunHostAsync(environment, new Dictionary<string, string>
        {
            ["Slack__SigningSecret"] = "signing-secret",
            ["Slack__ClientId"] = "111.222",
            ["Slack__ClientSecret"] = "client-secret",
            ["Slack__StateSecret"] = "state-secret-for-tests-0123456789abcdef",
        });

        Assert.True(exit == 1, $"exit {exit}\nstdout:\n{stdout}\nstderr:\n{stderr}");
        Assert.Contains("refused to start", stderr, StringComparison.Ordinal);
        Assert.Contains("Slack:AllowedTeamIds", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stdout + stderr, StringComparison.Ordinal);
    }

    /// <summary>Runs the built host (<c>dotnet SalesCoachBot.Host.dll</c>) in a private folder with a private SQLite file.</summary>
    private async Task<(int Exit, string Stdout, string Stderr)> RunHostAsync(string environment, Dictionary<string, string> settings)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = dir,
        };
        start.ArgumentList.Add(typeof(Program).Assembly.Location);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");

        // Only what this test sets: no channel keys leak in from the machine running the tests.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("Teams__", StringComparison.Ordinal) || k.StartsWith("Slack__", StringComparison.Ordinal) || k.StartsWith("ForwardedHeaders__", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        start.Environment["DOTNET_ENVIRONMENT"] = environment;
        start.Environment["Database__Provider"] = "Sqlite";
        start.Environment["ConnectionStrings__SalesCoach"] = $"Data Source={Path.Combine(dir, "host.db")}";
        foreach (var (key, value) in settings)
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
            return (-1, await stdout, "still running after " + Patience + ": the host started\n" + await stderr);
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
