using System.Diagnostics;
using System.Reflection;

namespace SalesCoachBot.Host.Tests.Hosting;

/// <summary>Runs the built host (<c>dotnet SalesCoachBot.Host.dll</c>) as its own process with only the settings a test gives.</summary>
internal static class HostProcess
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    public static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(
        string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(typeof(Program).Assembly.Location);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("Teams__", StringComparison.Ordinal) || k.StartsWith("Slack__", StringComparison.Ordinal) || k.StartsWith("ProcessMap__", StringComparison.Ordinal) || k.StartsWith("OTEL_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment)
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
            return (-1, await stdout, "still running after " + Patience + "\n" + await stderr);
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>
    /// The checkout's root (where SalesCoachBot.sln is), or null when there is none. Read from the path the test project
    /// was built from (its csproj's <c>AssemblyMetadata</c>), since the binaries may be outside the checkout
    /// (<c>--artifacts-path /tmp/…</c>); then, for binaries copied elsewhere, looked for above them.
    /// </summary>
    public static string? RepoRoot()
    {
        var built = typeof(HostProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "SalesCoachBot.RepoRoot")?.Value;
        if (built is not null && File.Exists(Path.Combine(built, "SalesCoachBot.sln")))
        {
            return built;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SalesCoachBot.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
