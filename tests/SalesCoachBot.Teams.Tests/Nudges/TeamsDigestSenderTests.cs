using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Nudges;
using SalesCoachBot.Teams.Conversations;
using SalesCoachBot.Teams.Nudges;
using SalesCoachBot.Teams.Tests.Support;

namespace SalesCoachBot.Teams.Tests.Nudges;

/// <summary>
/// Which Teams failures the outbox retries (429 with Retry-After, 5xx, timeouts) and which fail at once (403, no stored
/// reference), against the recording fake connector behind the real connector client and its retry handler.
/// </summary>
public sealed class TeamsDigestSenderTests : IAsyncLifetime
{
    private const string Url = "https://smba.test/emea/";
    private static readonly ConversationKey Channel = ConversationKey.For(ChatChannel.Teams, "19:emea@thread.tacv2");
    private static readonly BotAnswer Digest = new("EMEA: 3 stalled deals on 2026-11-27.");
    private TeamsTestHost host = null!;

    public async Task InitializeAsync()
    {
        host = await TeamsTestHost.StartAsync();
        await host.References.SaveAsync(Reference(Channel, "19:emea@thread.tacv2", "channel", userAadObjectId: "aad-last-speaker"), CancellationToken.None);
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    private TeamsDigestSender Sender => ActivatorUtilities.CreateInstance<TeamsDigestSender>(host.App.Services);

    private static TeamsConversationReference Reference(ConversationKey key, string conversationId, string type, string? userAadObjectId = null, int minutesAgo = 0) =>
        new(key, conversationId, Url, type, "tenant-1", "28:bot", "Sales Coach", userAadObjectId, true, DateTimeOffset.UnixEpoch.AddDays(1).AddMinutes(-minutesAgo));

    private static string Forbidden(string code) => $"{{\"error\":{{\"code\":\"{code}\",\"message\":\"no\"}}}}";

    [Fact]
    public async Task Send_ConnectorAccepts_IsSentToTheChannelsConversation()
    {
        var result = await Sender.SendAsync(Channel, Digest, CancellationToken.None);

        Assert.IsType<DigestSendResult.Sent>(result);
        var call = Assert.Single(host.Connector.Calls);
        Assert.Equal("/emea/v3/conversations/19%3Aemea%40thread.tacv2/activities", call.Url.AbsolutePath);
        Assert.Equal(Digest.Text, call.Body!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Send_StillThrottledAfterTheHandlersRetries_IsTransientWithTheConnectorsRetryAfter()
    {
        // The connector client retries 429 four times itself (Retry-After 0 keeps this test fast); the last answer asks for two minutes.
        for (var i = 0; i < 4; i++)
        {
            host.Connector.Then(HttpStatusCode.TooManyRequests, retryAfter: TimeSpan.Zero);
        }

        host.Connector.Then(HttpStatusCode.TooManyRequests, retryAfter: TimeSpan.FromMinutes(2));

        var result = await Sender.SendAsync(Channel, Digest, CancellationToken.None);

        var transient = Assert.IsType<DigestSendResult.Transient>(result);
        Assert.Equal("HTTP 429", transient.Error);
        Assert.Equal(TimeSpan.FromMinutes(2), transient.RetryAfter);
        Assert.Equal(5, host.Connector.Calls.Count);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, 1)]
    [InlineData(HttpStatusCode.ServiceUnavailable, 1)]
    [InlineData(HttpStatusCode.PreconditionFailed, 5)]
    public async Task Send_ServerErrorOrPreconditionFailed_IsTransient(HttpStatusCode status, int calls)
    {
        for (var i = 0; i < calls; i++)
        {
            // 412 is retried by the connector client too; Retry-After 0 keeps that fast.
            host.Connector.Then(status, retryAfter: status == HttpStatusCode.PreconditionFailed ? TimeSpan.Zero : null);
        }

        var result = await Sender.SendAsync(Channel, Digest, CancellationToken.None);

        var transient = Assert.IsType<DigestSendResult.Transient>(result);
        Assert.Equal($"HTTP {(int)status}", transient.Error);
        Assert.Equal(status == HttpStatusCode.PreconditionFailed ? TimeSpan.Zero : null, transient.RetryAfter);
        Assert.Equal(calls, host.Connector.Calls.Count);
    }

    [Fact]
    public async Task Send_HttpClientTimesOut_IsTransientTimeout()
    {
        host.Connector.ThenThrow(new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout"));

        var result = await Sender.SendAsync(Channel, Digest, CancellationToken.None);

        Assert.Equal(new DigestSendResult.Transient("timeout"), result);
    }

    [Fact]
    public async Task Send_Forbidden_IsPermanentAtOnceAndNotRetried()
    {
        host.Connector.Then(HttpStatusCode.Forbidden, Forbidden("BotNotInConversationRoster"));

        var result = await Sender.SendAsync(Channel, Digest, CancellationToken.None);

        var permanent = Assert.IsType<DigestSendResult.Permanent>(result);
        Assert.StartsWith("403 BotNotInConversationRoster: the bot was removed from the channel or blocked", permanent.Error, StringComparison.Ordinal);
        Assert.Single(host.Connector.Calls);
    }

    [Fact]
    public async Task Send_WritesBlocked_IsPermanentAndTheReferenceIsForgotten()
    {
        host.Connector.Then(HttpStatusCode.Forbidden, Forbidden("MessageWritesBlocked"));

        var result = await Sender.SendAsync(Channel, Digest, CancellationToken.None);

        Assert.IsType<DigestSendResult.Permanent>(result);
        Assert.Null(await host.References.GetAsync(Channel, CancellationToken.None));
    }

    [Fact]
    public async Task Send_NoStoredReference_IsPermanentWithoutACall()
    {
        var result = await Sender.SendAsync(ConversationKey.For(ChatChannel.Teams, "19:gone@thread.tacv2"), Digest, CancellationToken.None);

        var permanent = Assert.IsType<DigestSendResult.Permanent>(result);
        Assert.Contains("no conversation reference stored", permanent.Error, StringComparison.Ordinal);
        Assert.Empty(host.Connector.Calls);
    }

    [Fact]
    public async Task Send_DirectMessageToPerson_GoesToTheirNewestPersonalConversation()
    {
        await host.References.SaveAsync(Reference(ConversationKey.For(ChatChannel.Teams, "a:old"), "a:old", "personal", "aad-erin", minutesAgo: 60), CancellationToken.None);
        await host.References.SaveAsync(Reference(ConversationKey.For(ChatChannel.Teams, "a:new"), "a:new", "personal", "aad-erin"), CancellationToken.None);

        var result = await Sender.SendAsync(ConversationKey.TeamsUser("aad-erin"), new BotAnswer("The EMEA digest could not be delivered."), CancellationToken.None);

        Assert.IsType<DigestSendResult.Sent>(result);
        Assert.Equal("/emea/v3/conversations/a%3Anew/activities", Assert.Single(host.Connector.Calls).Url.AbsolutePath);
    }

    [Fact]
    public async Task Send_ReengageOwnerMessage_TheDealsCardGoesToTheOwnersPersonalConversation()
    {
        await host.References.SaveAsync(Reference(ConversationKey.For(ChatChannel.Teams, "a:sam"), "a:sam", "personal", "aad-sam"), CancellationToken.None);

        var result = await Sender.SendAsync(ConversationKey.TeamsUser("aad-sam"), ReengageSamples.OwnerMessage(), CancellationToken.None);

        Assert.IsType<DigestSendResult.Sent>(result);
        var call = Assert.Single(host.Connector.Calls);
        Assert.Equal("/emea/v3/conversations/a%3Asam/activities", call.Url.AbsolutePath);
        var card = call.Body!["attachments"]![0]!["content"]!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", call.Body["attachments"]![0]!["contentType"]!.GetValue<string>());
        Assert.Contains("Blue Sun (#1018) is due to re-engage", card.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_DirectMessageToPersonWithoutPersonalConversation_IsPermanentWithoutACall()
    {
        // The channel reference names this person as its last speaker, but a channel is not a direct message.
        var result = await Sender.SendAsync(ConversationKey.TeamsUser("aad-last-speaker"), Digest, CancellationToken.None);

        var permanent = Assert.IsType<DigestSendResult.Permanent>(result);
        Assert.Contains("no personal Teams conversation", permanent.Error, StringComparison.Ordinal);
        Assert.Empty(host.Connector.Calls);
    }
}
