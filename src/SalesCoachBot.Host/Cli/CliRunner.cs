using System.Reflection;
using SalesCoachBot.Data;

namespace SalesCoachBot.Host.Cli;

/// <summary>Runs a command-line verb instead of the web host when the first argument names one.</summary>
internal static class CliRunner
{
    private static readonly Lazy<IReadOnlyList<ICliVerb>> Verbs = new(() =>
        typeof(CliRunner).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ICliVerb).IsAssignableFrom(t))
            .Select(t => (ICliVerb)Activator.CreateInstance(t)!)
            .OrderBy(v => v.Name, StringComparer.Ordinal)
            .ToList());

    public static bool IsVerb(string[] args) =>
        args.Length > 0 && Verbs.Value.Any(v => v.Name == args[0]);

    public static async Task<int> RunAsync(string[] args, Func<string[], WebApplicationBuilder> createBuilder)
    {
        var verb = Verbs.Value.First(v => v.Name == args[0]);
        var verbArgs = args.Skip(1).ToList();
        if (verbArgs is ["--help"] or ["-h"])
        {
            await Console.Out.WriteLineAsync($"usage: {verb.Usage}");
            return ExitCodes.Done;
        }

        // Verbs share the host's configuration (appsettings, environment) and services but start no web server.
        var builder = createBuilder([]);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Logging.AddFilter("System", LogLevel.Warning);
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        await using var app = builder.Build();

        using var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cts.Cancel();
        };

        if (verb.NeedsDatabase(verbArgs))
        {
            await app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(cts.Token);
        }

        return await verb.RunAsync(verbArgs, new CliContext(app.Services, Console.Out, Console.Error), cts.Token);
    }

    public static string UsageText() =>
        "usage: dotnet run --project src/SalesCoachBot.Host -- VERB ...\n" +
        string.Join('\n', Verbs.Value.Select(v => "  " + v.Usage));
}
