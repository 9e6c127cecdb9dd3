using Microsoft.Extensions.Options;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Data;
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

    var app = HostComposition.CreateBuilder(args).Build();

    // Checked before the host starts: a refusal inside StartAsync is also logged as "Hosting failed to start"
    // with a stack trace, which buries the one line the operator needs.
    app.Services.GetService<IStartupValidator>()?.Validate();
    _ = app.Services.GetRequiredService<IProcessMapSource>().Current;
    HostComposition.MapEndpoints(app);
    await HostComposition.InitializeAsync(app);
    await app.RunAsync();
    return ExitCodes.Done;
}
catch (Exception ex) when (ex is ProcessMapInvalidException or OptionsValidationException or DatabaseNewerThanHostException)
{
    // A bad map or configuration is the operator's to fix: say what and where, without a stack trace.
    // Verbs load the same map and options, so they answer the same way.
    await Console.Error.WriteLineAsync($"SalesCoachBot refused to start: {ex.Message}");
    return ExitCodes.Failed;
}

/// <summary>Entry point; public so functional tests can host it with WebApplicationFactory.</summary>
public partial class Program;
