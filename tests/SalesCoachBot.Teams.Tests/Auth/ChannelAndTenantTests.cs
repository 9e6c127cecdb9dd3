using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SalesCoachBot.Teams.Conversations;
using SalesCoachBot.Teams.Tests.Support;

namespace SalesCoachBot.Teams.Tests.Auth;

/// <summary>
/// Issue 13, finding 1: a validly signed activity is served only when it comes from Teams (channel
/// <c>msteams</c>, a signing key endorsed for it) and, when tenants are configured, from one of them.
/// Every refusal happens before the Core or the conversation reference store is asked anything.
/// </summary>
public sealed class ChannelAndTenantTests
{
    /// <summary>What login.botframework.com publishes: keys endorsed for several channels, Teams among them.</summary>
    private static readonly string[] EveryChannel = ["msteams", "directline", "webchat", "emulator"];

    [Theory]
    [InlineData("directline")]
    [InlineData("webchat")]
    [InlineData("MSTEAMS")]
    [InlineData(null)]
    public async Task Messages_SignedActivityFromAnotherChannel_403BeforeAnythingIsRead(string? channelId)
    {
        var store = new WatchedReferenceStore();
        await using var host = await StartAsync(store);
        var key = host.Authority.AddKey("key-all", endorsements: EveryChannel);
        // Direct Line lets the sender choose who it says it is.
        var activity = TestActivities.Message("my deals");
        activity["channelId"] = channelId;
        activity["from"]!["aadObjectId"] = "aad-of-a-manager";

        var response = await host.PostAsync(activity, host.Authority.Token(TeamsTestHost.ServiceUrl, key: key));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        AssertNothingReadOrSent(host, store);
    }

    [Fact]
    public async Task Messages_TeamsActivitySignedWithAKeyEndorsedForAllChannels_IsServed()
    {
        await using var host = await TeamsTestHost.StartAsync();
        var key = host.Authority.AddKey("key-all", endorsements: EveryChannel);

        var response = await host.PostAsync(TestActivities.Message("my deals"), host.Authority.Token(TeamsTestHost.ServiceUrl, key: key));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(host.Bot.Turns);
    }

    [Fact]
    public async Task Messages_KeyNotEndorsedForTeams_401_AlsoWhenTheSameTokenComesAgain()
    {
        var store = new WatchedReferenceStore();
        await using var host = await StartAsync(store);
        var token = host.Authority.Token(TeamsTestHost.ServiceUrl, key: host.Authority.AddKey("key-web", endorsements: ["directline", "webchat"]));

        // The second time the token is known to the validator (remembered): the channel is compared again.
        var first = await host.PostAsync(TestActivities.Message("my deals"), token);
        var second = await host.PostAsync(TestActivities.Message("my deals"), token);

        Assert.Equal(HttpStatusCode.Unauthorized, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, second.StatusCode);
        AssertNothingReadOrSent(host, store);
    }

    [Fact]
    public async Task Messages_RememberedTeamsToken_IsStillComparedWithEachActivitysChannel()
    {
        var store = new WatchedReferenceStore();
        await using var host = await StartAsync(store);
        var token = host.Authority.Token(TeamsTestHost.ServiceUrl);
        Assert.Equal(HttpStatusCode.OK, (await host.PostAsync(TestActivities.Message("help"), token)).StatusCode);
        var turns = host.Bot.Turns.Count;
        var calls = store.Calls;
        var webChat = TestActivities.Message("my deals");
        webChat["channelId"] = "webchat";

        var response = await host.PostAsync(webChat, token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(turns, host.Bot.Turns.Count);
        Assert.Equal(calls, store.Calls);
    }

    [Fact]
    public async Task Messages_BotFrameworkKeyWithoutEndorsements_401()
    {
        var store = new WatchedReferenceStore();
        await using var host = await StartAsync(store);
        var key = host.Authority.AddKey("key-bare", noEndorsements: true);

        var response = await host.PostAsync(TestActivities.Message("my deals"), host.Authority.Token(TeamsTestHost.ServiceUrl, key: key));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        AssertNothingReadOrSent(host, store);
    }

    [Theory]
    [InlineData("tenant-b", "tenant-b", HttpStatusCode.OK)]
    [InlineData("TENANT-A", null, HttpStatusCode.OK)]
    [InlineData(null, "tenant-a", HttpStatusCode.OK)]
    [InlineData("tenant-x", "tenant-x", HttpStatusCode.Forbidden)]
    [InlineData("tenant-a", "tenant-x", HttpStatusCode.Forbidden)]
    [InlineData("tenant-x", "tenant-a", HttpStatusCode.Forbidden)]
    [InlineData(null, null, HttpStatusCode.Forbidden)]
    public async Task Messages_AllowedTenants_ServesOnlyThem_OthersAre403BeforeAnythingIsRead(string? channelDataTenant, string? conversationTenant, HttpStatusCode expected)
    {
        var store = new WatchedReferenceStore();
        await using var host = await StartAsync(store, new Dictionary<string, string?>
        {
            ["Teams:TenantId"] = string.Empty,
            ["Teams:AllowedTenants:0"] = "tenant-a",
            ["Teams:AllowedTenants:1"] = "tenant-b",
        });
        var activity = TestActivities.Message("my deals");
        activity["channelData"] = channelDataTenant is null ? new JsonObject() : new JsonObject { ["tenant"] = new JsonObject { ["id"] = channelDataTenant } };
        activity["conversation"]!["tenantId"] = conversationTenant;

        var response = await host.PostAsync(activity);

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Forbidden)
        {
            AssertNothingReadOrSent(host, store);
        }
        else
        {
            Assert.Single(host.Bot.Turns);
        }
    }

    [Fact]
    public async Task Messages_TenantIdAndAllowedTenants_ServeBoth()
    {
        await using var host = await TeamsTestHost.StartAsync(settings: new Dictionary<string, string?> { ["Teams:AllowedTenants:0"] = "tenant-2" });
        var second = TestActivities.Message("help");
        second["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = "tenant-2" } };
        second["conversation"]!["tenantId"] = "tenant-2";

        Assert.Equal(HttpStatusCode.OK, (await host.PostAsync(TestActivities.Message("help"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.PostAsync(second)).StatusCode);
        Assert.Equal(2, host.Bot.Turns.Count);
    }

    [Fact]
    public async Task Channel_ProductionWithAppIdButNoTenant_RefusesToStartNamingTheKeys()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            TeamsTestHost.StartAsync("Production", new Dictionary<string, string?> { ["Teams:TenantId"] = string.Empty }));

        Assert.Contains("Teams:TenantId", error.Message, StringComparison.Ordinal);
        Assert.Contains("Teams:AllowedTenants", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Channel_ProductionWithOnlyAllowedTenants_Starts()
    {
        await using var host = await TeamsTestHost.StartAsync("Production", new Dictionary<string, string?>
        {
            ["Teams:TenantId"] = string.Empty,
            ["Teams:AllowedTenants:0"] = TeamsTestHost.TenantId,
        });

        Assert.Equal(HttpStatusCode.OK, (await host.PostAsync(TestActivities.Message("help"))).StatusCode);
    }

    [Theory]
    [InlineData("Development")]
    [InlineData("Staging")]
    public async Task Channel_OutsideProductionWithoutTenant_StartsAndServesActivitiesWithoutTenant(string environment)
    {
        await using var host = await TeamsTestHost.StartAsync(environment, new Dictionary<string, string?> { ["Teams:TenantId"] = string.Empty });
        var activity = TestActivities.Message("help");
        activity.Remove("channelData");
        activity["conversation"]!.AsObject().Remove("tenantId");

        Assert.Equal(HttpStatusCode.OK, (await host.PostAsync(activity)).StatusCode);
        Assert.Single(host.Bot.Turns);
    }

    private static Task<TeamsTestHost> StartAsync(WatchedReferenceStore store, IDictionary<string, string?>? settings = null) =>
        TeamsTestHost.StartAsync(settings: settings, services: s => s.AddSingleton<IConversationReferenceStore>(store));

    private static void AssertNothingReadOrSent(TeamsTestHost host, WatchedReferenceStore store)
    {
        Assert.Empty(host.Bot.Turns);
        Assert.Equal(0, store.Calls);
        Assert.Empty(host.Connector.Calls);
    }
}
