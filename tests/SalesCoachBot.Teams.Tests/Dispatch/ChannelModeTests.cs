using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Teams.Tests.Support;

namespace SalesCoachBot.Teams.Tests.Dispatch;

/// <summary>When the channel is on, off, or running unauthenticated for local clients.</summary>
public sealed class ChannelModeTests
{
    private static readonly Dictionary<string, string?> Playground = new()
    {
        ["Teams:AppId"] = string.Empty,
        ["Teams:AppPassword"] = string.Empty,
        ["Teams:AllowUnauthenticated"] = "true",
        ["Teams:TenantId"] = string.Empty,   // the Agents Playground's activities may carry no tenant
    };

    [Fact]
    public async Task Channel_NoAppIdInProduction_Answers404()
    {
        await using var host = await TeamsTestHost.StartAsync(settings: new Dictionary<string, string?> { ["Teams:AppId"] = string.Empty });

        var response = await host.PostAsync(TestActivities.Message("help"), token: null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(host.Bot.Turns);
    }

    [Fact]
    public async Task Channel_AllowUnauthenticatedOutsideDevelopment_RefusesToStart()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => TeamsTestHost.StartAsync("Production", Playground));

        Assert.Contains("Teams:AllowUnauthenticated", error.Message, StringComparison.Ordinal);
        Assert.Contains("Development", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Channel_AllowUnauthenticatedInDevelopment_AcceptsRequestWithoutTokenAndRepliesWithoutToken()
    {
        await using var host = await TeamsTestHost.StartAsync("Development", Playground);

        var response = await host.PostAsync(TestActivities.Message("what's next for initech", serviceUrl: "http://localhost:56150/_connector"), token: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(host.Bot.Turns);
        Assert.Single(host.Connector.Calls);
        Assert.All(host.Connector.Calls, c => Assert.Null(c.Authorization));
        Assert.All(host.Connector.Calls, c => Assert.Equal("/_connector/v3/conversations/a%3Apersonal-1/activities/act-1", c.Url.AbsolutePath));
        Assert.False(Assert.Single(await host.References.ListAsync(CancellationToken.None)).Authenticated);
    }

    [Fact]
    public async Task Channel_AllowUnauthenticatedInDevelopment_TokenlessActivityOnAUrlSeenWithAToken_IsAnsweredWithoutTheToken()
    {
        // Issue 13, finding 2: trust was kept per service URL, so once an authenticated activity named a
        // URL, every tokenless activity naming it got the bot's real token on its reply.
        await using var host = await TeamsTestHost.StartAsync("Development", new Dictionary<string, string?>(Playground) { ["Teams:AppId"] = SigningAuthority.AppId });
        var added = TestActivities.Base("conversationUpdate");
        added["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "28:bot" });

        Assert.Equal(HttpStatusCode.OK, (await host.PostAsync(TestActivities.Message("help"))).StatusCode);
        var signed = Assert.Single(host.Connector.Calls);
        Assert.Equal("Bearer connector-token", signed.Authorization);

        Assert.Equal(HttpStatusCode.OK, (await host.PostAsync(TestActivities.Message("my deals"), token: null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.PostAsync(added, token: null)).StatusCode);

        var tokenless = host.Connector.Calls.Skip(1).ToArray();
        Assert.Equal(2, tokenless.Length);
        Assert.All(tokenless, c => Assert.StartsWith(TeamsTestHost.ServiceUrl, c.Url.ToString(), StringComparison.Ordinal));
        Assert.All(tokenless, c => Assert.Null(c.Authorization));
        Assert.Equal(2, host.Bot.Turns.Count);
    }

    [Fact]
    public async Task Channel_AllowUnauthenticatedInDevelopment_TokenlessCardPressUpdatingACard_CarriesNoToken()
    {
        await using var host = await TeamsTestHost.StartAsync("Development", new Dictionary<string, string?>(Playground) { ["Teams:AppId"] = SigningAuthority.AppId });
        host.Bot.Answer = _ => new BotAnswer("Confirmed.", SampleCards.Checklist()) { ReplacesCard = true };
        Assert.Equal(HttpStatusCode.OK, (await host.PostAsync(TestActivities.Message("help"))).StatusCode);
        var press = TestActivities.Message(null!);
        press["replyToId"] = "card-msg-7";
        press["value"] = new JsonObject { ["kind"] = "checklist", ["deal"] = 42 };

        Assert.Equal(HttpStatusCode.OK, (await host.PostAsync(press, token: null)).StatusCode);

        var update = host.Connector.Calls.Last();
        Assert.Equal(HttpMethod.Put, update.Method);
        Assert.Null(update.Authorization);
    }

    [Fact]
    public async Task Channel_AllowUnauthenticatedInDevelopment_StillRejectsABadToken()
    {
        await using var host = await TeamsTestHost.StartAsync("Development", new Dictionary<string, string?>(Playground) { ["Teams:AppId"] = SigningAuthority.AppId });

        var response = await host.PostAsync(TestActivities.Message("help"), token: "Bearer not.a.jwt");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(host.Bot.Turns);
    }

    [Fact]
    public async Task Channel_SingleTenantWithoutTenantId_RefusesToStart()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            TeamsTestHost.StartAsync(settings: new Dictionary<string, string?> { ["Teams:AppType"] = "SingleTenant", ["Teams:TenantId"] = string.Empty }));

        Assert.Contains("Teams:TenantId", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Channel_PlainHttpMetadataOffLoopback_RefusesToStart()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            TeamsTestHost.StartAsync(settings: new Dictionary<string, string?> { ["Teams:OpenIdMetadataUrl"] = "http://login.example.com/keys" }));

        Assert.Contains("Teams:OpenIdMetadataUrl", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Channel_PlainHttpTokenEndpointEvenOnLoopback_RefusesToStart()
    {
        // MSAL would refuse it on the first send; the host says so at start instead.
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            TeamsTestHost.StartAsync(settings: new Dictionary<string, string?> { ["Teams:TokenEndpoint"] = "http://127.0.0.1:9/token" }));

        Assert.Contains("Teams:TokenEndpoint must be an absolute https URL", error.Message, StringComparison.Ordinal);
    }
}
