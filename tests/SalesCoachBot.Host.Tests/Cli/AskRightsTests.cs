using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SalesCoachBot.Core;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Nudges;
using SalesCoachBot.Data;
using SalesCoachBot.Data.Demo;
using SalesCoachBot.Host.Cli;

namespace SalesCoachBot.Host.Tests.Cli;

/// <summary>
/// Issue 13, finding 8, through the <c>ask</c> verb over the real Core and Data (SQLite, demo data): a rep cannot
/// close a teammate's deal as lost (the owner is asked to confirm), and "use this channel for TEAM nudges" tells a
/// rep nothing about which teams exist.
/// </summary>
public sealed class AskRightsTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scb-askrights-").FullName;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero)));
        var options = new DatabaseOptions { Provider = "Sqlite", ConnectionString = $"Data Source={Path.Combine(_dir, "ask.db")}", SeedDemo = true };
        services.AddSalesCoachDataCore(_ => options);
        services.AddSalesCoachCore(new ConfigurationBuilder().Build());
        services.AddCliVerbs();
        _services = services.BuildServiceProvider();
        await _services.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private async Task<(int Exit, string Out)> AskAsync(string text, string email)
    {
        var stdout = new StringWriter();
        var exit = await CliVerbs.RunAsync(_services, "ask", [text, "--as", email], new CliContext(stdout, new StringWriter()), CancellationToken.None);
        return (exit, stdout.ToString());
    }

    private async Task<DealStatus> StatusAsync(string externalId)
    {
        await using var scope = _services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<IDealStore>().FindByExternalIdAsync(externalId, CancellationToken.None))!.Deal.Status;
    }

    private async Task<IReadOnlyList<OutboxMessage>> ProposalsAsync() =>
        [.. (await _services.GetRequiredService<INudgeOutbox>().ListMessagesAsync(null, CancellationToken.None)).Where(m => m.Kind == NudgeKind.CloseProposal)];

    [Fact]
    public async Task Ask_TeammateMarksDealLost_StaysOpenOwnerGetsProposalAndOwnerConfirms()
    {
        // Initech (#1002) is Dana's; Sam is a rep in the same team.
        var (exit, proposed) = await AskAsync("mark initech lost because no budget", "sam@example.com");

        Assert.Equal(0, exit);
        Assert.Contains("Only Dana Demo (the owner) or a manager of EMEA can close Initech as lost; it stays open. I asked Dana Demo to confirm", proposed, StringComparison.Ordinal);
        Assert.Equal(DealStatus.Open, await StatusAsync("1002"));
        var sent = await ProposalsAsync();
        Assert.Equal(
            [$"slack-user:{DemoData.DemoRepSlackUserId}", $"teams-user:{DemoData.DemoRepTeamsAadObjectId}"],
            sent.Select(m => m.Conversation.ToString()).Order(StringComparer.Ordinal));
        var card = DigestPayload.Deserialize(sent[0].PayloadJson).Card!;
        var command = Assert.IsType<RunCommandPayload>(card.Actions[0].Payload).Text;
        Assert.Equal("mark #1002 lost because no budget", command);

        (exit, _) = await AskAsync(command, DemoData.DemoRepEmail);

        Assert.Equal(0, exit);
        Assert.Equal(DealStatus.Lost, await StatusAsync("1002"));
    }

    [Fact]
    public async Task Ask_TeammateSaysNoWhereMapClosesAsLost_StaysOpen()
    {
        // Globex renewal (#1003, Dana's) is in Proposal, where the shipped map sends a no to lost.
        var (_, proposed) = await AskAsync("#1003 said no because price", "sam@example.com");

        Assert.Contains("can close Globex renewal as lost; it stays open", proposed, StringComparison.Ordinal);
        Assert.Equal(DealStatus.Open, await StatusAsync("1003"));
        Assert.Equal("#1003 said no because price", ((RunCommandPayload)DigestPayload.Deserialize((await ProposalsAsync())[0].PayloadJson).Card!.Actions[0].Payload).Text);
    }

    [Fact]
    public async Task Ask_ManagerMarksTeamDealLost_Closes()
    {
        await AskAsync("mark initech lost because no budget", "morgan@example.com");

        Assert.Equal(DealStatus.Lost, await StatusAsync("1002"));
        Assert.Empty(await ProposalsAsync());
    }

    [Theory]
    [InlineData("riley@example.com")]
    [InlineData("dana@example.com")]
    public async Task Ask_UseChannelForNudges_ExistingTeamAndUnknownTeamAnswerAlike(string rep)
    {
        var (_, existing) = await AskAsync("use this channel for EMEA nudges", rep);
        var (_, unknown) = await AskAsync("use this channel for Narnia nudges", rep);

        Assert.Equal(existing.Replace("EMEA", "TEAM", StringComparison.Ordinal), unknown.Replace("Narnia", "TEAM", StringComparison.Ordinal));
    }
}
