using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.ProcessMaps;

namespace SalesCoachBot.Core.Tests.Fakes;

/// <summary>The real Core services over in-memory stores, a fixed map and a fake clock.</summary>
internal sealed class BotHarness : IDisposable
{
    private readonly ServiceProvider _services;

    public BotHarness(ProcessMap? map = null)
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
        services.AddLogging();
        services.AddSalesCoachCore(new ConfigurationBuilder().Build());
        services.AddSingleton<IProcessMapSource>(new FixedProcessMapSource(Map));
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton<IDirectoryStore>(Stores);
        services.AddSingleton<IDealStore>(Stores);
        services.AddSingleton<IConversationStore>(Stores);
        services.AddSingleton<SalesCoachBot.Core.Pipeline.IPipelineStore>(new InMemoryPipelineStore(Stores));
        _services = services.BuildServiceProvider();
    }

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

    public async Task<BotAnswer> TurnAsync(TurnInput input, Person? person = null, string conversation = "test")
    {
        await using var scope = _services.CreateAsyncScope();
        var who = person ?? Rep;
        var turn = new ChatTurn(new ChatUser(ChatChannel.Cli, Email: who.Email), ConversationKey.For(ChatChannel.Cli, conversation), input);
        return await scope.ServiceProvider.GetRequiredService<ICoachBot>().HandleAsync(turn, CancellationToken.None);
    }

    public void Dispose() => _services.Dispose();
}
