using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Crm;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Host.Tests.Fuzzing;
using SalesCoachBot.Teams.Connector;

namespace SalesCoachBot.Host.Tests.Crm;

/// <summary>
/// Issue 16 end to end: a rep confirms the last required item of a stage in Teams (an activity with a Bot Framework token
/// signed by a local authority, validated by the host as in production), the deal advances, and the real push outbox and
/// dispatcher write the new stage to the fake HubSpot and to the fake Salesforce org.
/// </summary>
public sealed class TeamsToCrmTests : IDisposable
{
    private const string DanaAad = "00000000-0000-0000-0000-0000000000020";   // the demo data's Dana
    private static readonly string[] DemoItems = ["demo-script-mapped", "demo-held", "gaps-recorded"];

    private readonly FuzzSigning _signing = new();
    private readonly FuzzNetwork _network;

    public TeamsToCrmTests() => _network = new FuzzNetwork(_signing);

    public void Dispose() => _signing.Dispose();

    /// <summary>Teams with its real token validation; OpenID metadata, keys and the Bot Connector answered in memory.</summary>
    private Dictionary<string, string?> TeamsSettings() => new()
    {
        ["Teams:AppId"] = FuzzSigning.AppId,
        ["Teams:AppPassword"] = "not-used-the-token-provider-is-a-double",
        ["Teams:OpenIdMetadataUrl"] = FuzzSigning.MetadataUrl,
        ["Teams:TenantId"] = FuzzSeeds.TenantId,
    };

    private void TeamsNetwork(IServiceCollection services)
    {
        foreach (var name in new[] { "SalesCoachBot.Teams.OpenId", "SalesCoachBot.Teams.Connector" })
        {
            services.AddHttpClient(name).ConfigurePrimaryHttpMessageHandler(() => _network);
        }

        services.AddSingleton<IConnectorTokenProvider>(new FixedConnectorToken());
    }

    /// <summary>Dana's message in her personal chat, with a valid token (the turn itself runs in the background).</summary>
    private async Task SayInTeamsAsync(HttpClient client, string text)
    {
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["id"] = "act-" + Guid.NewGuid().ToString("N"),
            ["channelId"] = "msteams",
            ["serviceUrl"] = FuzzSeeds.ServiceUrl,
            ["from"] = new JsonObject { ["id"] = "29:dana", ["name"] = "Dana", ["aadObjectId"] = DanaAad },
            ["recipient"] = new JsonObject { ["id"] = "28:bot", ["name"] = "Sales Coach" },
            ["conversation"] = new JsonObject { ["id"] = "a:personal-dana", ["conversationType"] = "personal", ["tenantId"] = FuzzSeeds.TenantId },
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = FuzzSeeds.TenantId } },
            ["text"] = text,
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _signing.Token(FuzzSeeds.ServiceUrl));
        var response = await client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"HTTP {(int)response.StatusCode}");
    }

    /// <summary>Waits (bounded) for the Teams turn to have advanced the deal.</summary>
    private static async Task<DealView> UntilStageAsync(IServiceProvider services, string crmId, string stage)
    {
        var until = TimeProvider.System.GetUtcNow().AddSeconds(20);
        while ((await DealAsync(services, crmId)).Deal.StageId != new StageId(stage) && TimeProvider.System.GetUtcNow() < until)
        {
            await Task.Delay(20);
        }

        return await DealAsync(services, crmId);
    }

    private static async Task<DealView> DealAsync(IServiceProvider services, string crmId)
    {
        await using var scope = services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<IDealStore>().FindByExternalIdAsync(crmId, CancellationToken.None))!;
    }

    [Fact]
    public async Task LastRequiredItemConfirmedInTeams_NewStageWrittenToHubSpot()
    {
        await using var host = await CrmHost.StartAsync(overrides: TeamsSettings(), services: TeamsNetwork);
        var dana = host.Fake.AddOwner("dana@example.com", "Dana", "Rep");
        var id = host.Fake.AddDeal("Teams Push Co", "presentationscheduled", dana);
        Assert.Equal(0, (await host.RunAsync("crm", "sync", "--full")).Exit);
        foreach (var item in DemoItems[..^1])
        {
            Assert.Equal(0, (await host.RunAsync("ask", $"done {item} for teams push co", "--as", "dana@example.com")).Exit);
        }

        await SayInTeamsAsync(host.Client, $"done {DemoItems[^1]} for teams push co");
        var advanced = await UntilStageAsync(host.Services, id, "proposal");
        await CrmPushes.SendDueAsync(host.Services);

        Assert.Equal(new StageId("proposal"), advanced.Deal.StageId);
        Assert.Equal("decisionmakerboughtin", host.Fake.Get(id, "dealstage"));
        var (_, status, _) = await host.RunAsync("crm", "status");
        Assert.Contains("pending pushes: 0, failed pushes: 0", status, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LastRequiredItemConfirmedInTeams_NewStageWrittenToSalesforce()
    {
        await using var host = await SalesforceHost.StartAsync(
            settings: TeamsSettings().ToDictionary(kv => kv.Key, kv => kv.Value!), services: TeamsNetwork);
        var dana = host.Fake.AddUser("dana@example.com", "Dana Rep");
        var id = host.Fake.AddOpportunity("Teams Push Co", "Value Proposition", dana);
        Assert.Equal(0, (await host.RunAsync("crm", "sync", "--full")).Exit);
        foreach (var item in DemoItems[..^1])
        {
            Assert.Equal(0, (await host.RunAsync("ask", $"done {item} for teams push co", "--as", "dana@example.com")).Exit);
        }

        await SayInTeamsAsync(host.Client, $"done {DemoItems[^1]} for teams push co");
        var advanced = await UntilStageAsync(host.Services, id, "proposal");
        await CrmPushes.SendDueAsync(host.Services);

        Assert.Equal(new StageId("proposal"), advanced.Deal.StageId);
        Assert.Equal("Id. Decision Makers", host.Fake.Get(id, "StageName"));
    }

    private sealed class FixedConnectorToken : IConnectorTokenProvider
    {
        public Task<string?> GetTokenAsync(CancellationToken cancellationToken) => Task.FromResult<string?>("connector-token");
    }
}
