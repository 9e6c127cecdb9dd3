using SalesCoachBot.Core.ProcessMaps;

namespace SalesCoachBot.Host.Cli;

/// <summary>
/// One verb as the runner knows it before the host is built: its name and usage line, whether a command line needs
/// the database (<c>map lint</c> works on files alone), and which handler type runs a command line.
/// </summary>
internal sealed record CliVerb(string Name, string Usage, Func<IReadOnlyList<string>, bool> NeedsDatabase, Func<IReadOnlyList<string>, Type> Handler);

/// <summary>Every command-line verb, in one place, and how a command line is run.</summary>
internal static class CliVerbs
{
    public static readonly IReadOnlyList<CliVerb> All =
    [
        new("ask", AskVerb.Usage, _ => true, _ => typeof(AskVerb)),
        new("crm", CrmVerb.Usage, _ => true, _ => typeof(CrmVerb)),
        new("import", ImportVerb.Usage, ImportVerb.NeedsDatabase, _ => typeof(ImportVerb)),
        new("map", MapVerb.Usage, MapVerb.NeedsDatabase, args => args switch
        {
            ["show", ..] => typeof(MapShowVerb),
            ["diff", ..] => typeof(MapDiffVerb),
            _ => typeof(MapVerb),
        }),
        new("nudge", NudgeVerb.Usage, _ => true, _ => typeof(NudgeVerb)),
    ];

    public static CliVerb? Find(string name) => All.FirstOrDefault(v => v.Name == name);

    /// <summary>
    /// Verbs that read or change deals. Not the map verbs (they only read maps, and <c>map diff</c> is how a refused map
    /// is looked into), nor <c>import teams</c> (how a team's unknown map id is fixed).
    /// </summary>
    private static bool WorksOnDeals(CliVerb verb, IReadOnlyList<string> args) =>
        verb.Name != "map" && args is not ["teams", ..] && verb.NeedsDatabase(args);

    /// <summary>The verbs' handlers, scoped: each command line runs in its own scope, as a chat turn does.</summary>
    public static IServiceCollection AddCliVerbs(this IServiceCollection services)
    {
        services.AddScoped<AskVerb>();
        services.AddScoped<CrmVerb>();
        services.AddScoped<ImportVerb>();
        services.AddScoped<MapVerb>();
        services.AddScoped<MapShowVerb>();
        services.AddScoped<MapDiffVerb>();
        services.AddScoped<NudgeVerb>();
        return services;
    }

    /// <summary>Runs <paramref name="args"/> (the verb's own arguments) with the handler the container builds for them.</summary>
    public static async Task<int> RunAsync(
        IServiceProvider services, string verb, IReadOnlyList<string> args, CliContext context, CancellationToken cancellationToken)
    {
        var known = Find(verb) ?? throw new ArgumentException($"No verb '{verb}'.", nameof(verb));
        if (WorksOnDeals(known, args) && services.GetService<ProcessMapStartupCheck>() is { } maps)
        {
            // As the host does at start: a map it would refuse is refused here too, so no verb reads or writes deals
            // under it; then deals in stages the configured maps replace move.
            try
            {
                await maps.StartAsync(cancellationToken);
            }
            catch (ProcessMapInvalidException e)
            {
                await context.Error.WriteLineAsync(e.Message);
                return ExitCodes.Failed;
            }
        }

        await using var scope = services.CreateAsyncScope();
        var handler = (ICliVerb)scope.ServiceProvider.GetRequiredService(known.Handler(args));
        return await handler.RunAsync(args, context, cancellationToken);
    }
}
