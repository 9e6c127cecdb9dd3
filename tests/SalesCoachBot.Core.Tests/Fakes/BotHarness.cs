using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.ProcessMaps;

namespace SalesCoachBot.Core.Tests.Fakes;

/// <summary>
/// The real Core services, registered as production registers them (<see cref="CoreServiceCollectionExtensions.AddSalesCoachCore"/>),
/// over in-memory stores, a fixed map, a fake clock and a fake log; <c>configure</c> may replace some afterwards.
/// </summary>
internal sealed class BotHarness : IDisposable
{
    public BotHarness(ProcessMap? map = null, Action<IServiceCollection>? configure = null)
    {
        Map = map ?? MapBuilder.ThreeStages();
        Emea = Stores.AddTeam("EMEA");
        Americas = Stores.AddTeam("Americas");
        Rep = Stores.AddPerson("rita@example.com", PersonRole.Rep, Emea);
        Rep.TeamsAadObjectId = "aad-rita";
        TeamMate = Stores.AddPerson("tom@example.com", PersonRole.Rep, Emea);
        OtherRep = Stores.AddPerson("olga@example.com", PersonRole.Rep, Americas);
        Manager = Stores.AddPerson("mia@example.com", PersonRole.Manager, Emea);
        Admin = Stores.AddPerson("ada@example.com", PersonRole.Admin);

        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Debug).AddFakeLogging());
        services.AddSalesCoachCore(new ConfigurationBuilder().Build());
        services.AddSingleton<IProcessMapSource>(new FixedProcessMapSource(Map));
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton<IDirectoryStore>(Stores);
        services.AddSingleton<IDealStore>(Stores);
        services.AddSingleton<IConversationStore>(Stores);
        services.AddSingleton<IDealJournal>(Stores);
        services.AddSingleton<IDealCreationStore>(Stores);
        services.AddSingleton<SalesCoachBot.Core.Pipeline.IPipelineStore>(new InMemoryPipelineStore(Stores));
        configure?.Invoke(services);
        Registrations = services;
        Services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    /// <summary>What was registered, for checks on the registrations themselves.</summary>
    public IServiceCollection Registrations { get; }

    public ServiceProvider Services { get; }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));
    public InMemoryStores Stores { get; } = new();
    public ProcessMap Map { get; }
    public SalesTeam Emea { get; }
    public SalesTeam Americas { get; }
    public Person Rep { get; }
    public Person TeamMate { get; }
    public Person OtherRep { get; }
    public Person Manager { get; }
    public Person Admin { get; }

    public Deal AddDeal(string externalId, string name, string stage = "discovery", Person? owner = null, SalesTeam? team = null, int daysInStage = 2) =>
        Stores.AddDeal(externalId, name, owner ?? Rep, team ?? Emea, stage, Clock.GetUtcNow().AddDays(-daysInStage));

    public Task<BotAnswer> AskAsync(string text, Person? person = null, string conversation = "test") =>
        TurnAsync(new TextInput(text), person, conversation);

    /// <summary>A turn said in a chat conversation given by its full key (<c>slack:T1:C9</c>, <c>teams:…</c>).</summary>
    public Task<BotAnswer> AskInAsync(ConversationKey conversation, string text, Person? person = null) =>
        TurnAsync(new TextInput(text), person, conversation);

    public Task<BotAnswer> TurnAsync(TurnInput input, Person? person = null, string conversation = "test") =>
        TurnAsync(input, person, ConversationKey.For(ChatChannel.Cli, conversation));

    public async Task<BotAnswer> TurnAsync(TurnInput input, Person? person, ConversationKey conversation)
    {
        await using var scope = Services.CreateAsyncScope();
        var who = person ?? Rep;
        var turn = new ChatTurn(new ChatUser(ChatChannel.Cli, Email: who.Email), conversation, input);
        return await scope.ServiceProvider.GetRequiredService<ICoachBot>().HandleAsync(turn, CancellationToken.None);
    }

    public void Dispose() => Services.Dispose();
}
