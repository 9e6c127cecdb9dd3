using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Teams.Activities;
using SalesCoachBot.Teams.Auth;
using SalesCoachBot.Teams.Connector;
using SalesCoachBot.Teams.Conversations;
using SalesCoachBot.Teams.Tests.Support;

namespace SalesCoachBot.Teams.Tests.Connector;

/// <summary>The outbound Bot Connector client against a recording fake connector.</summary>
public sealed class ConnectorClientTests : IAsyncLifetime
{
    private const string Url = "https://smba.test/emea/";
    private TeamsTestHost host = null!;

    public async Task InitializeAsync() => host = await TeamsTestHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    private ITeamsConnector Connector => host.App.Services.GetRequiredService<ITeamsConnector>();

    private ServiceUrlTrust Trust => host.App.Services.GetRequiredService<ServiceUrlTrust>();

    private static Activity Hello => new() { Type = "message", Text = "hello" };

    [Theory]
    [InlineData("https://smba.test/emea/", "19:abc@thread.tacv2;messageid=1", "m1", "https://smba.test/emea/v3/conversations/19%3Aabc%40thread.tacv2%3Bmessageid%3D1/activities/m1")]
    [InlineData("http://localhost:56150/_connector", "a:personal", null, "http://localhost:56150/_connector/v3/conversations/a%3Apersonal/activities")]
    [InlineData("http://localhost:56150/_connector//", "a:personal", "1795775443674", "http://localhost:56150/_connector/v3/conversations/a%3Apersonal/activities/1795775443674")]
    public void ActivitiesUri_AnyServiceUrl_HasNoDoubleSlashAndEscapesIds(string serviceUrl, string conversation, string? activityId, string expected)
    {
        var uri = TeamsConnectorClient.ActivitiesUri(serviceUrl, conversation, activityId);

        Assert.Equal(expected, uri.AbsoluteUri);
        Assert.DoesNotContain("//", uri.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_UntrustedServiceUrl_IsRefusedWithoutACall()
    {
        var result = await Connector.SendAsync("https://attacker.example.com/", "a:1", Hello, null, authenticated: true, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal(ConnectorResult.UntrustedServiceUrl, result.ErrorCode);
        Assert.Empty(host.Connector.Calls);
    }

    [Fact]
    public async Task Send_Throttled429ThenOk_RetriesHonouringRetryAfter()
    {
        Trust.Trust(Url, authenticated: true);
        host.Connector.Then(HttpStatusCode.TooManyRequests, retryAfter: TimeSpan.Zero);
        host.Connector.Then(HttpStatusCode.BadGateway);

        var result = await Connector.SendAsync(Url, "a:1", Hello, "m1", authenticated: true, CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.Equal(3, host.Connector.Calls.Count);
        Assert.All(host.Connector.Calls, c => Assert.Equal("Bearer connector-token", c.Authorization));
        Assert.StartsWith("bot-", result.ActivityId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_BadRequest_IsNotRetried()
    {
        Trust.Trust(Url, authenticated: true);
        host.Connector.Then(HttpStatusCode.BadRequest, "{\"error\":{\"code\":\"BadArgument\",\"message\":\"no\"}}");

        var result = await Connector.SendAsync(Url, "a:1", Hello, null, authenticated: true, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal(400, result.StatusCode);
        Assert.Equal("BadArgument", result.ErrorCode);
        Assert.Single(host.Connector.Calls);
    }

    [Fact]
    public async Task Update_Put_CarriesTheActivityId()
    {
        Trust.Trust(Url, authenticated: true);

        var result = await Connector.UpdateAsync(Url, "a:1", "m9", Hello, authenticated: true, CancellationToken.None);

        Assert.True(result.Succeeded);
        var call = Assert.Single(host.Connector.Calls);
        Assert.Equal(HttpMethod.Put, call.Method);
        Assert.Equal("m9", call.Body!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Proactive_StoredReference_SendsNewMessageToItsConversation()
    {
        var key = ConversationKey.For(ChatChannel.Teams, "19:team@thread.tacv2");
        await host.References.SaveAsync(new TeamsConversationReference(key, "19:team@thread.tacv2", Url, "channel", "tenant-1", "28:bot", "Sales Coach", null, true, DateTimeOffset.UnixEpoch), CancellationToken.None);
        var messenger = host.App.Services.GetRequiredService<ITeamsProactiveMessenger>();

        var result = await messenger.SendAsync(key, new BotAnswer("3 deals are stalled.", SampleCards.DealList()), CancellationToken.None);

        Assert.True(result.Succeeded);
        var call = Assert.Single(host.Connector.Calls);
        Assert.Equal("/emea/v3/conversations/19%3Ateam%40thread.tacv2/activities", call.Url.AbsolutePath);
        Assert.Equal("Bearer connector-token", call.Authorization);
        Assert.Equal("28:bot", call.Body!["from"]!["id"]!.GetValue<string>());
        Assert.Equal("3 deals are stalled.", call.Body!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Proactive_WritesBlocked_ForgetsTheConversation()
    {
        var key = ConversationKey.For(ChatChannel.Teams, "a:blocked");
        await host.References.SaveAsync(new TeamsConversationReference(key, "a:blocked", Url, "personal", "tenant-1", "28:bot", null, null, true, DateTimeOffset.UnixEpoch), CancellationToken.None);
        host.Connector.Then(HttpStatusCode.Forbidden, "{\"error\":{\"code\":\"MessageWritesBlocked\",\"message\":\"blocked\"}}");
        var messenger = host.App.Services.GetRequiredService<ITeamsProactiveMessenger>();

        var result = await messenger.SendAsync(key, new BotAnswer("nudge"), CancellationToken.None);

        Assert.Equal(ConnectorResult.MessageWritesBlocked, result.ErrorCode);
        Assert.Null(await host.References.GetAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task Proactive_NoReference_IsAResultNotAnException()
    {
        var messenger = host.App.Services.GetRequiredService<ITeamsProactiveMessenger>();

        var result = await messenger.SendAsync(ConversationKey.For(ChatChannel.Teams, "a:unknown"), new BotAnswer("x"), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Empty(host.Connector.Calls);
    }
}
