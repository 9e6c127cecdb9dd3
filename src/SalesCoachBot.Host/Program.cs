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

var app = HostComposition.CreateBuilder(args).Build();
HostComposition.MapEndpoints(app);
await HostComposition.InitializeAsync(app);
await app.RunAsync();
return ExitCodes.Done;

/// <summary>Entry point; public so functional tests can host it with WebApplicationFactory.</summary>
public partial class Program;
