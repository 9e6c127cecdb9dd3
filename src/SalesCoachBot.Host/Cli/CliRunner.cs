using Microsoft.Extensions.Options;
using SalesCoachBot.Data;

namespace SalesCoachBot.Host.Cli;

/// <summary>Runs a command-line verb instead of the web host when the first argument names one.</summary>
internal static class CliRunner
{
    public static bool IsVerb(string[] args) =>
        args.Length > 0 && CliVerbs.Find(args[0]) is not null;

    public static async Task<int> RunAsync(string[] args, Func<string[], WebApplicationBuilder> createBuilder)
    {
        var verb = CliVerbs.Find(args[0])!;
        var (verbArgs, hostArgs) = HostArguments.TakeContentRoot(args.Skip(1).ToList());
        if (verbArgs is ["--help"] or ["-h"])
        {
            await Console.Out.WriteLineAsync($"usage: {verb.Usage}");
            return ExitCodes.Done;
        }

        // Verbs share the host's configuration (appsettings from the content root, environment) and services but start
        // no web server.
        var builder = createBuilder([.. hostArgs]);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Logging.AddFilter("System", LogLevel.Warning);
        // Polly's telemetry writes a line per HTTP attempt (Information when it succeeded): noise on a terminal, and
        // with the CRM's and Slack's calls it is no place for what they carry. Retries and failures (Warning) stay.
        builder.Logging.AddFilter("Polly", LogLevel.Warning);
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.AddCliVerbs();
        await using var app = builder.Build();

        using var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cts.Cancel();
        };

        if (verb.NeedsDatabase(verbArgs))
        {
            // What the host checks before it starts (ValidateOnStart): a verb that reads or writes the database refuses
            // the configuration the host refuses. File-only command lines (map lint FILE) do not need it.
            app.Services.GetService<IStartupValidator>()?.Validate();
            // Quiet when there is nothing to migrate: a verb's stderr is for what it did.
            await app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(quietWhenUpToDate: true, cts.Token);
        }

        return await CliVerbs.RunAsync(app.Services, verb.Name, verbArgs, new CliContext(Console.Out, Console.Error), cts.Token);
    }

    public static string UsageText() =>
        "usage: dotnet run --project src/SalesCoachBot.Host -- VERB ... [--contentRoot DIR]\n" +
        string.Join('\n', CliVerbs.All.Select(v => "  " + v.Usage)) + "\n" +
        "  --contentRoot DIR: read appsettings*.json from DIR, as the host does (default: the current folder)";
}
