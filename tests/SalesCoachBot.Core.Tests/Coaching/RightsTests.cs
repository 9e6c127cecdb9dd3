using Microsoft.Extensions.DependencyInjection;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Nudges;
using SalesCoachBot.Core.Tests.Fakes;
using SalesCoachBot.Core.Tests.Nudges;

namespace SalesCoachBot.Core.Tests.Coaching;

/// <summary>
/// Issue 13, finding 8: closing a deal as lost is its owner's or a manager's call (a teammate proposes, the owner is
/// asked), and "use this channel for TEAM nudges" answers the same for a team that does not exist and one the asker
/// may not manage.
/// </summary>
public sealed class RightsTests : IDisposable
{
    private readonly InMemoryNudgeStore _nudges = new();
    private readonly InMemoryRecipients _recipients = new();
    private readonly BotHarness _bot;

    public RightsTests()
    {
        _bot = new BotHarness(configure: s =>
        {
            s.AddSingleton<INudgeOutbox>(_nudges);
            s.AddSingleton<INudgeTargetStore>(_nudges);
            s.AddSingleton<INudgeRecipients>(_recipients);
        });
        _recipients.Team(_bot.Emea.Id, "EMEA");
    }

    public void Dispose() => _bot.Dispose();

    private void Reachable(Person person, string? slack = null, string? aad = null, bool manager = false)
    {
        var recipient = new NudgeRecipient(person.Id, person.Name, slack, aad);
        if (manager)
        {
            _recipients.Manager(_bot.Emea.Id, recipient);
        }
        else
        {
            _recipients.Person(recipient);
        }
    }

    private async Task<IReadOnlyList<OutboxMessage>> ProposalsAsync() =>
        [.. (await _nudges.ListMessagesAsync(null, CancellationToken.None)).Where(m => m.Kind == NudgeKind.CloseProposal)];

    [Fact]
    public async Task MarkLost_ByTeammate_DealStaysOpenProposalRecordedAndOwnerAskedWithConfirmButton()
    {
        var deal = _bot.AddDeal("1002", "Initech", "demo");
        Reachable(_bot.Rep, slack: "U0RITA", aad: "aad-rita");

        var answer = await _bot.AskAsync("mark initech lost because no budget this year", _bot.TeamMate);

        Assert.Equal(DealStatus.Open, deal.Status);
        Assert.Equal(1, deal.StageVersion);
        Assert.DoesNotContain(_bot.Stores.History, h => h.DealId == deal.Id);
        var note = Assert.Single(_bot.Stores.Notes);
        Assert.Equal((deal.Id, _bot.TeamMate.Id), (note.DealId, note.PersonId));
        // Stored language-neutral: the words said more than the reason, so they are kept as typed.
        Assert.Equal("proposal:lost:no budget this year", note.Text);
        Assert.Contains("Only rita (the owner) or a manager of EMEA can close Initech as lost; it stays open. I asked rita to confirm", answer.Card!.Note, StringComparison.Ordinal);

        var sent = await ProposalsAsync();
        Assert.Equal(["slack-user:U0RITA", "teams-user:aad-rita"], sent.Select(m => m.Conversation.ToString()));
        var message = DigestPayload.Deserialize(sent[0].PayloadJson);
        Assert.StartsWith("tom proposes closing Initech (#1002) as lost: no budget this year.", message.Text, StringComparison.Ordinal);
        var close = message.Card!.Actions.Single(a => a.Label == "Close as lost");
        Assert.Equal(new RunCommandPayload("mark #1002 lost because no budget this year"), close.Payload);
    }

    [Fact]
    public async Task ProposalButton_PressedByOwner_ClosesAsLost_PressedByTeammate_ProposesAgain()
    {
        var deal = _bot.AddDeal("1002", "Initech", "demo");
        Reachable(_bot.Rep, slack: "U0RITA");
        await _bot.AskAsync("mark initech lost because they went with a competitor", _bot.TeamMate);
        var button = DigestPayload.Deserialize(Assert.Single(await ProposalsAsync()).PayloadJson).Card!.Actions[0].Payload;

        // Past the window in which the same proposal by the same person is answered as already made.
        _bot.Clock.Advance(NewNote.RetryWindow + TimeSpan.FromMinutes(1));
        await _bot.TurnAsync(new ActionInput(button, []), _bot.TeamMate);
        Assert.Equal(DealStatus.Open, deal.Status);
        Assert.Equal(2, (await ProposalsAsync()).Count);

        await _bot.TurnAsync(new ActionInput(button, []), _bot.Rep);
        Assert.Equal(DealStatus.Lost, deal.Status);
        Assert.Equal("competitor", deal.LostReason);
    }

    [Fact]
    public async Task SaidNo_ByTeammateWhereMapSaysLost_ProposedNotClosed()
    {
        var deal = _bot.AddDeal("1002", "Initech", "demo");
        Reachable(_bot.Rep, aad: "aad-rita");

        var answer = await _bot.AskAsync("initech said no because price", _bot.TeamMate);

        Assert.Equal(DealStatus.Open, deal.Status);
        Assert.Contains("can close Initech as lost; it stays open", answer.Card!.Note, StringComparison.Ordinal);
        var message = DigestPayload.Deserialize(Assert.Single(await ProposalsAsync()).PayloadJson);
        Assert.Equal(new RunCommandPayload("#1002 said no because price"), message.Card!.Actions[0].Payload);
    }

    [Fact]
    public async Task MarkLost_OwnerUnreachable_TeamManagersAsked()
    {
        var deal = _bot.AddDeal("1002", "Initech", "demo");
        Reachable(_bot.Manager, slack: "U0MIA", manager: true);

        var answer = await _bot.AskAsync("mark initech lost because price", _bot.TeamMate);

        Assert.Equal(DealStatus.Open, deal.Status);
        Assert.Equal("slack-user:U0MIA", Assert.Single(await ProposalsAsync()).Conversation.ToString());
        Assert.Contains("I asked mia to confirm", answer.Card!.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MarkLost_NobodyReachable_AnswerSaysWhoMustConfirmAndNothingSent()
    {
        var deal = _bot.AddDeal("1002", "Initech", "demo");

        var answer = await _bot.AskAsync("mark initech lost because price", _bot.TeamMate);

        Assert.Equal(DealStatus.Open, deal.Status);
        Assert.Empty(await ProposalsAsync());
        Assert.Contains("Ask them to say \"mark #1002 lost because price\"", answer.Card!.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MarkLost_ByTeamManagerOrAdmin_Closes()
    {
        var managed = _bot.AddDeal("1002", "Initech", "demo");
        var administered = _bot.AddDeal("1003", "Globex", "demo");

        await _bot.AskAsync("mark initech lost because price", _bot.Manager);
        await _bot.AskAsync("mark globex lost because price", _bot.Admin);

        Assert.Equal(DealStatus.Lost, managed.Status);
        Assert.Equal(DealStatus.Lost, administered.Status);
        Assert.Empty(await ProposalsAsync());
    }

    [Fact]
    public async Task MarkLost_ByManagerOfAnotherTeam_NeitherClosedNorProposed()
    {
        var deal = _bot.AddDeal("1002", "Initech", "demo");
        var otherManager = _bot.Stores.AddPerson("oscar@example.com", PersonRole.Manager, _bot.Americas);

        await _bot.AskAsync("mark #1002 lost because price", otherManager);

        Assert.Equal(DealStatus.Open, deal.Status);
        Assert.Empty(_bot.Stores.Notes);
        Assert.Empty(await ProposalsAsync());
    }

    [Theory]
    [InlineData("rep")]
    [InlineData("manager")]
    public async Task UseChannelForNudges_UnknownTeamAndTeamNotManaged_SameAnswer(string who)
    {
        var person = who == "rep" ? _bot.Rep : _bot.Manager;
        var channel = ConversationKey.Parse("slack:T1:C42");

        var existing = await _bot.AskInAsync(channel, "use this channel for americas nudges", person);
        var unknown = await _bot.AskInAsync(channel, "use this channel for narnia nudges", person);

        Assert.Equal(existing.Text.Replace("americas", "TEAM", StringComparison.Ordinal), unknown.Text.Replace("narnia", "TEAM", StringComparison.Ordinal));
        Assert.Equal(existing.Card!.Title, unknown.Card!.Title);
        Assert.DoesNotContain("Americas", existing.Text, StringComparison.Ordinal);
        Assert.Empty(await _nudges.ListAsync(null, CancellationToken.None));
    }

    [Fact]
    public async Task UseChannelForNudges_ManagerOfTheTeam_Binds()
    {
        var channel = ConversationKey.Parse("slack:T1:C42");

        var answer = await _bot.AskInAsync(channel, "use this channel for emea nudges", _bot.Manager);

        Assert.StartsWith("This channel now gets the EMEA stalled-deal digest", answer.Text, StringComparison.Ordinal);
        Assert.Equal(channel, Assert.Single(await _nudges.ListAsync(_bot.Emea.Id, CancellationToken.None)).Conversation);
    }
}
