using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Host;
using SalesCoachBot.Host.Cli;

if (args is ["--help"] or ["-h"])
{
    Console.WriteLine(CliRunner.UsageText());
    return ExitCodes.Done;
}

if (!CliRunner.IsVerb(args) && HostArguments.Problem(args) is { } usageError)
{
    await Console.Error.WriteLineAsync(usageError);
    await Console.Error.WriteLineAsync(CliRunner.UsageText());
    return ExitCodes.Usage;
}

try
{
    if (CliRunner.IsVerb(args))
    {
        return await CliRunner.RunAsync(args, HostComposition.CreateBuilder);
    }

    var builder = HostComposition.CreateBuilder(args);

    // The generic host logs a failed start ("Hosting failed to start", with its stack trace) before rethrowing it, and
    // the catch below says it in one line (a taken port) or the exception surfaces anyway (a bug). Its other errors are
    // kept: a faulted BackgroundService is also logged as Critical, with its exception, when it stops the host.
    builder.Logging.AddFilter<ConsoleLoggerProvider>(
        "Microsoft.Extensions.Hosting.Internal.Host", level => level >= LogLevel.Information && level != LogLevel.Error);
    var app = builder.Build();

    // Checked before the host starts: a refusal inside StartAsync is also logged as "Hosting failed to start"
    // with a stack trace, which buries the one line the operator needs.
    app.Services.GetService<IStartupValidator>()?.Validate();
    _ = app.Services.GetRequiredService<IProcessMapSource>().Current;
    HostComposition.MapEndpoints(app);
    await HostComposition.InitializeAsync(app);
    await app.RunAsync();
    return ExitCodes.Done;
}
catch (Exception ex) when (StartupFailure.Describe(ex) is { } problems)
{
    // The operator's to fix (a bad map or configuration value, an unreadable file, an unreachable database, a taken
    // port): say what and where, one problem a line, without a stack trace or a password. Verbs load the same map,
    // options and database, so they answer the same way. Anything else is a bug and keeps its stack trace.
    foreach (var problem in problems)
    {
        await Console.Error.WriteLineAsync($"SalesCoachBot refused to start: {problem}");
    }

    return ExitCodes.Failed;
}

/// <summary>Entry point; public so functional tests can host it with WebApplicationFactory.</summary>
public partial class Program;
