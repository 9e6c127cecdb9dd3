using Microsoft.Extensions.Options;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Host;
using SalesCoachBot.Host.Cli;

if (CliRunner.IsVerb(args))
{
    return await CliRunner.RunAsync(args, HostComposition.CreateBuilder);
}

if (args is ["--help"] or ["-h"])
{
    Console.WriteLine(CliRunner.UsageText());
    return ExitCodes.Done;
}

try
{
    var app = HostComposition.CreateBuilder(args).Build();
    HostComposition.MapEndpoints(app);
    await HostComposition.InitializeAsync(app);
    await app.RunAsync();
    return ExitCodes.Done;
}
catch (Exception ex) when (ex is ProcessMapInvalidException or OptionsValidationException)
{
    // A bad map or configuration is the operator's to fix: say what and where, without a stack trace.
    await Console.Error.WriteLineAsync($"SalesCoachBot refused to start: {ex.Message}");
    return ExitCodes.Failed;
}

/// <summary>Entry point; public so functional tests can host it with WebApplicationFactory.</summary>
public partial class Program;
