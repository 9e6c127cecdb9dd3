using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Nudges;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Tests.Fakes;

namespace SalesCoachBot.Core.Tests.Nudges;

/// <summary><c>Nudges:DirectMessageOwners</c>: each owner gets just their stalled deals, under the digest's once-a-day claim.</summary>
public sealed class OwnerDirectMessageTests
{
    private readonly InMemoryStores _stores = new();
    private readonly InMemoryNudgeStore _nudges = new();
    private readonly InMemoryRecipients _recipients = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 12, 10, 0, 0, TimeSpan.Zero));
    private readonly SalesTeam _emea;

    public OwnerDirectMessageTests()
    {
        _emea = _stores.AddTeam("EMEA");
        _emea.TimeZoneId = "Europe/Berlin";
        var ana = _stores.AddPerson("ana@example.com", PersonRole.Rep, _emea);
        var ben = _stores.AddPerson("ben@example.com", PersonRole.Rep, _emea);
        var cy = _stores.AddPerson("cy@example.com", PersonRole.Rep, _emea);
        _recipients.Team(_emea.Id, "EMEA")
            .Person(new NudgeRecipient(ana.Id, "ana", SlackUserId: "U0ANA", TeamsAadObjectId: null))
            .Person(new NudgeRecipient(ben.Id, "ben", SlackUserId: null, TeamsAadObjectId: "aad-ben"))
            .Person(new NudgeRecipient(cy.Id, "cy", SlackUserId: null, TeamsAadObjectId: null));
        _stores.AddDeal("A-1", "Ana old", ana, _emea, "demo", _time.GetUtcNow().AddDays(-50));
        _stores.AddDeal("A-2", "Ana older", ana, _emea, "demo", _time.GetUtcNow().AddDays(-60));
        _stores.AddDeal("B-1", "Ben stuck", ben, _emea, "demo", _time.GetUtcNow().AddDays(-45));
        _stores.AddDeal("C-1", "Cy stuck", cy, _emea, "demo", _time.GetUtcNow().AddDays(-45));
    }

    private NudgeRunner Runner(bool directMessages) => new(
        _stores, new OpenDealsAsStallCandidates(_stores), _nudges, _nudges, new FixedProcessMapSource(MapBuilder.ThreeStages()), _recipients,
        NudgeTestSetup.Notifier(_nudges, _recipients, _time), _time,
        NudgeTestSetup.Options(o => o.DirectMessageOwners = directMessages), new NudgeProblems(), NullLogger<NudgeRunner>.Instance);

    private async Task<IReadOnlyList<OutboxMessage>> OwnerMessagesAsync() =>
        [.. (await _nudges.ListMessagesAsync(null, CancellationToken.None)).Where(m => m.Kind == NudgeKind.OwnerDigest)];

    [Fact]
    public async Task RunNow_DirectMessageOwnersOn_EachReachableOwnerGetsOnlyTheirDeals()
    {
        await _nudges.BindAsync(_emea.Id, ConversationKey.Parse("slack:T1:C-emea"), 1, _time.GetUtcNow(), CancellationToken.None);

        var outcome = Assert.Single(await Runner(directMessages: true).RunNowAsync([_emea], force: false, CancellationToken.None));

        Assert.Equal(TeamNudgeStatus.Queued, outcome.Status);
        Assert.Equal(2, outcome.DirectMessages);
        var owners = await OwnerMessagesAsync();
        Assert.Equal(["slack-user:U0ANA", "teams-user:aad-ben"], owners.Select(m => m.Conversation.ToString()));
        var ana = DigestPayload.Deserialize(owners[0].PayloadJson);
        Assert.Equal("Your stalled deals · EMEA", ana.Card!.Title);
        Assert.StartsWith("ana, you have 2 stalled deals in EMEA on Wednesday 12 March 2025. Most overdue: Ana older (#A-2)", ana.Text, StringComparison.Ordinal);
        Assert.Equal(["A-2", "A-1"], DealIds(ana));
        Assert.Equal(["B-1"], DealIds(DigestPayload.Deserialize(owners[1].PayloadJson)));

        // The channel digest still lists everyone's deals.
        var channel = (await _nudges.ListMessagesAsync(null, CancellationToken.None)).Single(m => m.Kind == NudgeKind.Digest);
        Assert.Equal(4, DealIds(DigestPayload.Deserialize(channel.PayloadJson)).Count);
    }

    [Fact]
    public async Task RunNow_SecondRunSameDay_OwnersNotMessagedAgain()
    {
        await Runner(directMessages: true).RunNowAsync([_emea], force: false, CancellationToken.None);
        var second = Assert.Single(await Runner(directMessages: true).RunNowAsync([_emea], force: false, CancellationToken.None));

        Assert.Equal(TeamNudgeStatus.AlreadyClaimed, second.Status);
        Assert.Equal(2, (await OwnerMessagesAsync()).Count);
    }

    [Fact]
    public async Task RunNow_NoChannelBound_OwnersStillMessagedAndManagersTold()
    {
        _recipients.Manager(_emea.Id, new NudgeRecipient(99, "boss", SlackUserId: "U0BOSS", TeamsAadObjectId: null));

        var outcome = Assert.Single(await Runner(directMessages: true).RunNowAsync([_emea], force: false, CancellationToken.None));

        Assert.Equal(TeamNudgeStatus.NoChannelBound, outcome.Status);
        var messages = await _nudges.ListMessagesAsync(null, CancellationToken.None);
        Assert.Equal(
            [(NudgeKind.OwnerDigest, "slack-user:U0ANA"), (NudgeKind.OwnerDigest, "teams-user:aad-ben"), (NudgeKind.ManagerNotice, "slack-user:U0BOSS")],
            messages.Select(m => (m.Kind, m.Conversation.ToString())));
    }

    [Fact]
    public async Task RunNow_DirectMessageOwnersOff_OnlyTheChannelDigest()
    {
        await _nudges.BindAsync(_emea.Id, ConversationKey.Parse("slack:T1:C-emea"), 1, _time.GetUtcNow(), CancellationToken.None);

        var outcome = Assert.Single(await Runner(directMessages: false).RunNowAsync([_emea], force: false, CancellationToken.None));

        Assert.Equal(0, outcome.DirectMessages);
        Assert.Equal([NudgeKind.Digest], (await _nudges.ListMessagesAsync(null, CancellationToken.None)).Select(m => m.Kind));
    }

    private static List<string> DealIds(BotAnswer answer) =>
        [.. answer.Card!.Sections.SelectMany(s => s.Lines).Where(l => l.Action?.Payload is ShowChecklistPayload)
            .Select(l => l.Text[(l.Text.IndexOf("(#", StringComparison.Ordinal) + 2)..l.Text.IndexOf(')', StringComparison.Ordinal)])];
}
