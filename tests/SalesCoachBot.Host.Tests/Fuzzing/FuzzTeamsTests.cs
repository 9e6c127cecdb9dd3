using System.Diagnostics;
using Xunit.Abstractions;

namespace SalesCoachBot.Host.Tests.Fuzzing;

/// <summary>
/// Issue 13, "The fuzzer stays": Teams activities to <c>POST /api/messages</c> of the real host, each with a valid
/// token for its serviceUrl. The corpus (<c>FuzzCorpus/teams</c>) runs first, then invalid UTF-8 and lone surrogates
/// in every field of five activities and the biggest mention runs, then JSON and byte mutations of sixteen activity
/// shapes. Pass: no 5xx, no exception in the log, and no refused activity changes the database.
/// </summary>
[Trait("Category", "Fuzz")]
public sealed class FuzzTeamsTests(ITestOutputHelper output) : IAsyncLifetime
{
    private FuzzHost host = null!;

    public async Task InitializeAsync() => host = await FuzzHost.StartAsync(FuzzChannels.Teams);

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Teams_MutatedActivities_NeverAnswer5xxOrCrashAndRefusalsChangeNothing()
    {
        var seeds = FuzzSeeds.Teams(await FuzzCases.DealAsync(host));
        var budget = FuzzSettings.Budget(25);
        var clock = Stopwatch.StartNew();
        using var run = new FuzzRunner(host, FuzzTarget.Teams, output);
        await run.ProveDatabaseWatchAsync(FuzzCases.TeamsWrite(seeds));

        await run.RunAsync("corpus", FuzzCorpus.Load(FuzzTarget.Teams));
        await run.RunAsync("every field", FuzzCases.TeamsEveryField(seeds), budget * 0.4);
        await run.RunAsync("mutations", FuzzCases.TeamsMutations(seeds, FuzzSettings.Cases(2_000)), budget - clock.Elapsed);
        await run.FinishAsync();
    }
}
