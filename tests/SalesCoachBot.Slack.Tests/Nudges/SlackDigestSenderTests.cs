using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Nudges;
using SalesCoachBot.Slack.BlockKit;
using SalesCoachBot.Slack.Nudges;
using SalesCoachBot.Slack.Tests.Fakes;

namespace SalesCoachBot.Slack.Tests.Nudges;

/// <summary>
/// Which Slack failures the outbox retries (429, 5xx, timeouts) and which fail at once (channel_not_found,
/// not_in_channel, is_archived), against the recording fake Slack API behind the real Web API client.
/// </summary>
public sealed class SlackDigestSenderTests : IAsyncLifetime
{
    private const string PostMessage = "/api/chat.postMessage";
    private const string OpenConversation = "/api/conversations.open";
    private static readonly ConversationKey Channel = ConversationKey.Slack("T0EMEA", "C0EMEA");
    private static readonly BotAnswer Digest = new("EMEA: 3 stalled deals on 2026-11-27.");
    private RecordingSlackApi api = null!;
    private SlackTestHost host = null!;

    public async Task InitializeAsync()
    {
        api = await RecordingSlackApi.StartAsync();
        host = await SlackTestHost.StartAsync(api);
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await api.DisposeAsync();
    }

    private SlackDigestSender Sender => ActivatorUtilities.CreateInstance<SlackDigestSender>(host.Services, new BlockKitRenderer());

    private static ScriptedAnswer Error(string code) => new(200, $$"""{"ok":false,"error":"{{code}}"}""");

    [Fact]
    public async Task Send_SlackAccepts_PostsToTheChannelOfTheKey()
    {
        var result = await Sender.SendAsync(Channel, Digest, CancellationToken.None);

        Assert.IsType<DigestSendResult.Sent>(result);
        var body = JsonNode.Parse(Assert.Single(api.CallsTo(PostMessage)).Body)!;
        Assert.Equal("C0EMEA", body["channel"]!.GetValue<string>());
        Assert.Equal(Digest.Text, body["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Send_ShortRetryAfter_IsWaitedOutByTheClientAndSent()
    {
        api.Script(PostMessage, new ScriptedAnswer(429, """{"ok":false,"error":"ratelimited"}""", RetryAfter: "0"));

        var result = await Sender.SendAsync(Channel, Digest, CancellationToken.None);

        Assert.IsType<DigestSendResult.Sent>(result);
        Assert.Equal(2, api.CallsTo(PostMessage).Count);
    }

    [Fact]
    public async Task Send_RetryAfterLongerThanTheClientWaits_IsTransientAndTheOutboxWaitsAtLeastMaxRetryAfter()
    {
        api.Script(PostMessage, new ScriptedAnswer(429, """{"ok":false,"error":"ratelimited"}""", RetryAfter: "600"));

        var result = await Sender.SendAsync(Channel, Digest, CancellationToken.None);

        Assert.Equal(new DigestSendResult.Transient("ratelimited", TimeSpan.FromSeconds(60)), result);
        Assert.Single(api.CallsTo(PostMessage));
    }

    [Fact]
    public async Task Send_ServerErrorsBeyondTheClientsRetries_IsTransient()
    {
        api.Script(PostMessage, [.. Enumerable.Repeat(new ScriptedAnswer(503, "unavailable"), 10)]);

        var result = await Sender.SendAsync(Channel, Digest, CancellationToken.None);

        Assert.Equal(new DigestSendResult.Transient("http_503"), result);
        Assert.Equal(4, api.CallsTo(PostMessage).Count);   // the first call and Slack:MaxRetries (3) retries
    }

    [Theory]
    [InlineData("channel_not_found")]
    [InlineData("not_in_channel")]
    [InlineData("is_archived")]
    public async Task Send_BotNotInChannel_IsPermanentAtOnceWithAHint(string code)
    {
        api.Script(PostMessage, Error(code));

        var result = await Sender.SendAsync(Channel, Digest, CancellationToken.None);

        var permanent = Assert.IsType<DigestSendResult.Permanent>(result);
        Assert.Equal($"{code}: the bot is not in that channel any more (invite it back or bind another channel)", permanent.Error);
        Assert.Single(api.CallsTo(PostMessage));
    }

    [Theory]
    [InlineData("ratelimited", true)]
    [InlineData("timeout", true)]
    [InlineData("request_failed", true)]
    [InlineData("internal_error", true)]
    [InlineData("service_unavailable", true)]
    [InlineData("http_500", true)]
    [InlineData("http_502", true)]
    [InlineData("channel_not_found", false)]
    [InlineData("not_in_channel", false)]
    [InlineData("is_archived", false)]
    [InlineData("invalid_auth", false)]
    [InlineData("not_authed", false)]
    [InlineData("invalid_blocks", false)]
    public void Classify_SlackErrorCode_RetriesOnlyWhatCanSucceedLater(string code, bool transient)
    {
        var result = SlackDigestSender.Classify(code);

        Assert.Equal(transient, result is DigestSendResult.Transient);
        Assert.Equal(!transient, result is DigestSendResult.Permanent);
    }

    [Fact]
    public async Task Send_DirectMessageToPerson_OpensTheDmThenPostsThere()
    {
        api.Script(OpenConversation, new ScriptedAnswer(200, """{"ok":true,"channel":{"id":"D0BOSS"}}"""));

        var result = await Sender.SendAsync(ConversationKey.SlackUser("U0BOSS"), new BotAnswer("The EMEA digest could not be delivered."), CancellationToken.None);

        Assert.IsType<DigestSendResult.Sent>(result);
        Assert.Equal("U0BOSS", JsonNode.Parse(Assert.Single(api.CallsTo(OpenConversation)).Body)!["users"]!.GetValue<string>());
        Assert.Equal("D0BOSS", JsonNode.Parse(Assert.Single(api.CallsTo(PostMessage)).Body)!["channel"]!.GetValue<string>());
    }

    [Fact]
    public async Task Send_ReengageOwnerMessage_OpensTheDmThenPostsTheDealsCard()
    {
        api.Script(OpenConversation, new ScriptedAnswer(200, """{"ok":true,"channel":{"id":"D0SAM"}}"""));

        var result = await Sender.SendAsync(ConversationKey.SlackUser("U0SAM"), ReengageSamples.OwnerMessage(), CancellationToken.None);

        Assert.IsType<DigestSendResult.Sent>(result);
        var body = JsonNode.Parse(Assert.Single(api.CallsTo(PostMessage)).Body)!;
        Assert.Equal("D0SAM", body["channel"]!.GetValue<string>());
        Assert.StartsWith("Blue Sun (#1018) is due to re-engage", body["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotEmpty(body["blocks"]!.AsArray());
    }

    [Fact]
    public async Task Send_DirectMessageToUnknownUser_IsPermanentAndNothingIsPosted()
    {
        api.Script(OpenConversation, Error("user_not_found"));

        var result = await Sender.SendAsync(ConversationKey.SlackUser("U0GONE"), Digest, CancellationToken.None);

        var permanent = Assert.IsType<DigestSendResult.Permanent>(result);
        Assert.StartsWith("user_not_found: this person cannot be messaged in Slack", permanent.Error, StringComparison.Ordinal);
        Assert.Empty(api.CallsTo(PostMessage));
    }

    [Fact]
    public async Task Send_SlackOff_IsPermanentWithoutACall()
    {
        await using var off = await SlackTestHost.StartAsync(api, slackOn: false);

        var result = await ActivatorUtilities.CreateInstance<SlackDigestSender>(off.Services, new BlockKitRenderer()).SendAsync(Channel, Digest, CancellationToken.None);

        Assert.IsType<DigestSendResult.Permanent>(result);
        Assert.Empty(api.Calls);
    }
}
