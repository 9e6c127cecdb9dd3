using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SalesCoachBot.Core;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Pipeline;
using SalesCoachBot.Core.ProcessMaps;

namespace SalesCoachBot.Testing;

/// <summary>
/// "compare Rita and Tom" (or «قارن بين Rita و Tom») asked by their manager and answered by the real Core use cases, for
/// the Teams and Slack tests and goldens: Rita owns one open deal of 40,000 EUR, Tom none, neither has won any.
/// </summary>
public static class CompareSamples
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    public static async Task<BotAnswer> AskAsync(string text = "compare Rita and Tom", ChatChannel channel = ChatChannel.Slack)
    {
        var stores = new InMemoryStores();
        var emea = stores.AddTeam("EMEA");
        var manager = stores.AddPerson("mia@example.com", PersonRole.Manager, emea);
        manager.Name = "Mia Manager";
        var rita = stores.AddPerson("rita@example.com", PersonRole.Rep, emea);
        rita.Name = "Rita Rep";
        var tom = stores.AddPerson("tom@example.com", PersonRole.Rep, emea);
        tom.Name = "Tom Mate";
        var hooli = stores.AddDeal("1001", "Hooli", rita, emea, "discovery", Now.AddDays(-2));
        hooli.Amount = 40_000;
        hooli.Currency = "EUR";
        hooli.LastActivityAt = Now;

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSalesCoachCore(new ConfigurationBuilder().Build());
        services.AddSingleton<IProcessMapSource>(new FixedProcessMapSource(ProcessMapLoader.Default));
        services.AddSingleton<TimeProvider>(new FixedClock(Now));
        services.AddSingleton<IDirectoryStore>(stores);
        services.AddSingleton<IDealStore>(stores);
        services.AddSingleton<IConversationStore>(stores);
        services.AddSingleton<IDealJournal>(stores);
        services.AddSingleton<IDealCreationStore>(stores);
        services.AddSingleton<IPipelineStore>(new InMemoryPipelineStore(stores));
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var turn = new ChatTurn(new ChatUser(channel, Email: manager.Email), ConversationKey.For(channel, "D0DM"), new TextInput(text));
        return await scope.ServiceProvider.GetRequiredService<ICoachBot>().HandleAsync(turn, CancellationToken.None);
    }

    /// <summary>A clock that stays at one instant, so the goldens do not move with the day they are written.</summary>
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
