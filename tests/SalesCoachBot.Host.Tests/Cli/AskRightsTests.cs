using Microsoft.Extensions.DependencyInjection;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Nudges;
using SalesCoachBot.Data.Demo;

namespace SalesCoachBot.Host.Tests.Cli;

/// <summary>
/// Issue 13, finding 8, through the <c>ask</c> verb over the real Core and Data (SQLite, demo data): a rep cannot
/// close a teammate's deal as lost (the owner is asked to confirm), and "use this channel for TEAM nudges" tells a
/// rep nothing about which teams exist.
/// </summary>
public sealed class AskRightsTests : IAsyncLifetime
{
    private DemoAskHost _host = null!;

    public async Task InitializeAsync() => _host = await DemoAskHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<(int Exit, string Out)> AskAsync(string text, string email)
    {
        var (exit, stdout, _) = await _host.AskAsync([text, "--as", email]);
        return (exit, stdout);
    }

    private async Task<DealStatus> StatusAsync(string externalId)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<IDealStore>().FindByExternalIdAsync(externalId, CancellationToken.None))!.Deal.Status;
    }

    private async Task<IReadOnlyList<OutboxMessage>> ProposalsAsync() =>
        [.. (await _host.Services.GetRequiredService<INudgeOutbox>().ListMessagesAsync(null, CancellationToken.None)).Where(m => m.Kind == NudgeKind.CloseProposal)];

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
