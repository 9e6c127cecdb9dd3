using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SalesCoachBot.Core;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Pipeline;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Slack.BlockKit;
using SalesCoachBot.Testing;

namespace SalesCoachBot.Slack.Tests;

/// <summary>
/// "compare Rita and Tom" answered by the real Core use cases and rendered as Block Kit: the comparison's title, then a
/// line per figure with both people's values side by side.
/// </summary>
public sealed class CompareRepsRenderTests : IDisposable
{
    private readonly InMemoryStores _stores = new();
    private readonly ServiceProvider _services;
    private readonly Person _manager;

    public CompareRepsRenderTests()
    {
        var emea = _stores.AddTeam("EMEA");
        _manager = _stores.AddPerson("mia@example.com", PersonRole.Manager, emea);
        _manager.Name = "Mia Manager";
        var rita = _stores.AddPerson("rita@example.com", PersonRole.Rep, emea);
        rita.Name = "Rita Rep";
        var tom = _stores.AddPerson("tom@example.com", PersonRole.Rep, emea);
        tom.Name = "Tom Mate";
        var hooli = _stores.AddDeal("1001", "Hooli", rita, emea, "discovery", TimeProvider.System.GetUtcNow().AddDays(-2));
        hooli.Amount = 40_000;
        hooli.Currency = "EUR";
        hooli.LastActivityAt = TimeProvider.System.GetUtcNow();

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSalesCoachCore(new ConfigurationBuilder().Build());
        services.AddSingleton<IProcessMapSource>(new FixedProcessMapSource(ProcessMapLoader.Default));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IDirectoryStore>(_stores);
        services.AddSingleton<IDealStore>(_stores);
        services.AddSingleton<IConversationStore>(_stores);
        services.AddSingleton<IDealJournal>(_stores);
        services.AddSingleton<IDealCreationStore>(_stores);
        services.AddSingleton<IPipelineStore>(new InMemoryPipelineStore(_stores));
        _services = services.BuildServiceProvider();
    }

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task Render_CompareRitaAndTom_TitleThenBothValuesOnEachFiguresLine()
    {
        await using var scope = _services.CreateAsyncScope();
        var turn = new ChatTurn(new ChatUser(ChatChannel.Slack, Email: _manager.Email), ConversationKey.For(ChatChannel.Slack, "D0DM"), new TextInput("compare Rita and Tom"));
        var answer = await scope.ServiceProvider.GetRequiredService<ICoachBot>().HandleAsync(turn, CancellationToken.None);

        var json = System.Text.Json.JsonSerializer.Serialize(new BlockKitRenderer().Render(answer).Blocks, new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        Assert.Contains("Rita Rep vs Tom Mate", json, StringComparison.Ordinal);
        Assert.Contains("Rita Rep: 1 deal, 40,000 EUR · Tom Mate: no deals", json, StringComparison.Ordinal);
        Assert.Contains("Rita Rep: no deals closed · Tom Mate: no deals closed", json, StringComparison.Ordinal);
    }
}
