using System.Diagnostics;
using Xunit.Abstractions;

namespace SalesCoachBot.Host.Tests.Fuzzing;

/// <summary>The Slack host of the fuzz tests, shared by its four endpoints (one Socket Mode connection).</summary>
public sealed class FuzzSlackHost : IAsyncLifetime
{
    internal FuzzHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await FuzzHost.StartAsync(FuzzChannels.Slack);

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

/// <summary>
/// Issue 13, "The fuzzer stays": slash commands, interactions (block_actions, view_submission, App Home), events and
/// Socket Mode envelopes to the real host, every HTTP request correctly signed. Per endpoint the corpus
/// (<c>FuzzCorpus/slack-*</c>) runs first, then invalid UTF-8 and lone surrogates in every field of a few seeds, then
/// mutations. Pass: no 5xx, no exception in the log, no refused request changes the database, and every envelope
/// with an id is acked (Socket Mode stays up).
/// </summary>
[Trait("Category", "Fuzz")]
public sealed class FuzzSlackTests(FuzzSlackHost fixture, ITestOutputHelper output) : IClassFixture<FuzzSlackHost>
{
    private FuzzHost Host => fixture.Host;

    [Fact]
    public async Task SlashCommands_Mutated_NeverAnswer5xxOrCrashAndRefusalsChangeNothing()
    {
        var seeds = FuzzSeeds.SlackCommands();
        using var run = new FuzzRunner(Host, FuzzTarget.SlackCommands, output);
        await run.ProveDatabaseWatchAsync(FuzzCases.CommandWrite(seeds));
        await RunAsync(run, FuzzTarget.SlackCommands, FuzzCases.CommandsEveryField(seeds), FuzzCases.CommandsMutations(seeds, FuzzSettings.Cases(2_000)));
    }

    [Fact]
    public async Task Interactions_Mutated_NeverAnswer5xxOrCrashAndRefusalsChangeNothing()
    {
        var seeds = FuzzSeeds.SlackInteractions(await FuzzCases.DealAsync(Host));
        using var run = new FuzzRunner(Host, FuzzTarget.SlackInteractions, output);
        await RunAsync(run, FuzzTarget.SlackInteractions, FuzzCases.InteractionsEveryField(seeds), FuzzCases.InteractionsMutations(seeds, FuzzSettings.Cases(2_000)));
    }

    [Fact]
    public async Task Events_Mutated_NeverAnswer5xxOrCrashAndRefusalsChangeNothing()
    {
        var seeds = FuzzSeeds.SlackEvents();
        using var run = new FuzzRunner(Host, FuzzTarget.SlackEvents, output);
        await RunAsync(run, FuzzTarget.SlackEvents, FuzzCases.EventsEveryField(seeds), FuzzCases.EventsMutations(seeds, FuzzSettings.Cases(2_000)));
    }

    [Fact]
    public async Task SocketMode_MutatedEnvelopes_AckedWithoutCrashAndTheConnectionStays()
    {
        var deal = await FuzzCases.DealAsync(Host);
        var seeds = FuzzSeeds.SlackSocket(deal);
        var interactive = FuzzSeeds.SlackEvents().Count - 1;
        var command = interactive + FuzzSeeds.SlackInteractions(deal).Count;
        using var run = new FuzzRunner(Host, FuzzTarget.SlackSocket, output);
        await RunAsync(run, FuzzTarget.SlackSocket, FuzzCases.SocketEveryField(seeds, interactive, command), FuzzCases.SocketMutations(seeds, FuzzSettings.Cases(1_500)));

        // Still connected and answering after everything it was sent.
        await run.RunAsync("probe", [FuzzCases.SocketProbe(seeds, 2_000_000)]);
        await run.FinishAsync();
    }

    private static async Task RunAsync(FuzzRunner run, FuzzTarget target, IEnumerable<FuzzCase> everyField, IEnumerable<FuzzCase> mutations)
    {
        var budget = FuzzSettings.Budget(14);
        var clock = Stopwatch.StartNew();
        await run.RunAsync("corpus", FuzzCorpus.Load(target));
        await run.RunAsync("every field", everyField, budget * 0.4);
        await run.RunAsync("mutations", mutations, budget - clock.Elapsed);
        if (target != FuzzTarget.SlackSocket)
        {
            await run.FinishAsync();
        }
    }
}
