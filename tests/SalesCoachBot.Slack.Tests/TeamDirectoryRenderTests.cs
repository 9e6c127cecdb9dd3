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
/// "who is on EMEA" and «وش الفرق» answered by the real Core use cases and rendered as Block Kit: each team a section
/// whose bold heading is the team's header, each member a line under it; the Arabic answer is in Arabic words.
/// </summary>
public sealed class TeamDirectoryRenderTests : IDisposable
{
    private readonly InMemoryStores _stores = new();
    private readonly ServiceProvider _services;
    private readonly Person _manager;

    public TeamDirectoryRenderTests()
    {
        var emea = _stores.AddTeam("EMEA");
        emea.TimeZoneId = "Europe/Berlin";
        _manager = _stores.AddPerson("mia@example.com", PersonRole.Manager, emea);
        _manager.Name = "Mia Manager";
        var rep = _stores.AddPerson("rita@example.com", PersonRole.Rep, emea);
        rep.Name = "Rita Rep";
        _stores.AddDeal("1001", "Hooli", rep, emea, "discovery", TimeProvider.System.GetUtcNow().AddDays(-2));

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

    private async Task<List<string>> RenderedAsync(string text)
    {
        await using var scope = _services.CreateAsyncScope();
        var turn = new ChatTurn(new ChatUser(ChatChannel.Slack, Email: _manager.Email), ConversationKey.For(ChatChannel.Slack, "D0DM"), new TextInput(text));
        var answer = await scope.ServiceProvider.GetRequiredService<ICoachBot>().HandleAsync(turn, CancellationToken.None);
        return [.. new BlockKitRenderer().Render(answer).Blocks.OfType<SectionBlock>().Select(s => s.Text.Text)];
    }

    [Fact]
    public async Task Render_WhoIsOnEmea_TheTeamsHeaderThenOneLinePerMember()
    {
        var sections = await RenderedAsync("who is on EMEA");

        Assert.Contains(
            "*EMEA · 2 members · digest at 09:00 Berlin on weekdays · no digest channel bound*\n"
            + "Mia Manager · manager · English · no open deals\nRita Rep · rep · English · 1 open deal",
            sections);
    }

    [Fact]
    public async Task Render_TeamsInArabic_ArabicLines()
    {
        var sections = await RenderedAsync("وش الفرق");

        var list = Assert.Single(sections, s => s.Contains("EMEA", StringComparison.Ordinal) && s.Contains("عضوان", StringComparison.Ordinal));
        Assert.Contains("صفقة مفتوحة واحدة · بتوقيت برلين", list, StringComparison.Ordinal);
    }
}
