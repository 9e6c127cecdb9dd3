using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Data;

namespace SalesCoachBot.Host.Tests.Crm;

/// <summary>
/// Issue 18 part 2 for the CRM pull: a deal whose new owner (in the CRM) is in a team with another map is placed by that
/// map — the CRM stage's mapping there, else the stage with the same id or replacing it — or not moved, with the reason
/// on the link and in <c>crm status</c>. Through the <c>crm</c> verbs against the fake HubSpot.
/// </summary>
public sealed class CrmTeamMoveTests
{
    private static async Task<(CrmHost Host, string Dana, string Pat)> StartAsync(string smbMapYaml)
    {
        var host = await CrmHost.StartAsync(settings: folder =>
        {
            var smb = Path.Combine(folder, "smb.yaml");
            File.WriteAllText(smb, smbMapYaml);
            return new Dictionary<string, string> { ["ProcessMap:Paths:0"] = smb, ["ProcessMap:Watch"] = "false" };
        });
        Assert.Equal(0, (await host.RunAsync("import", "teams", Write(host, "teams.csv", "team,time_zone,map\nSMB,Europe/Berlin,smb\n"))).Exit);
        Assert.Equal(0, (await host.RunAsync("import", "people", Write(host, "people.csv", "email,name,team,role\npat@example.com,Pat Small,SMB,rep\n"))).Exit);
        return (host, host.Fake.AddOwner("dana@example.com", "Dana", "Rep"), host.Fake.AddOwner("pat@example.com", "Pat", "Small"));
    }

    private static string Write(CrmHost host, string name, string text)
    {
        var path = Path.Combine(host.Folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>The SMB map with a crm mapping, and lines added after a stage's id line.</summary>
    private static string SmbMap(string trialExtra) =>
        SmbTeamMap.Yaml
            .Replace("  - id: qualify\n", "  - id: qualify\n    crm: { pipeline: default, stages: [qualifiedtobuy] }\n", StringComparison.Ordinal)
            .Replace("  - id: trial\n", "  - id: trial\n" + trialExtra, StringComparison.Ordinal);

    private static async Task<DealView> DealAsync(CrmHost host, string crmId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<IDealStore>().FindByExternalIdAsync(crmId, CancellationToken.None))!;
    }

    private static async Task<List<StageHistoryEntry>> HistoryAsync(CrmHost host, DealId id)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SalesCoachDbContext>();
        return await db.StageHistory.AsNoTracking().Where(h => h.DealId == id).OrderBy(h => h.Id).ToListAsync();
    }

    [Fact]
    public async Task CrmSync_NewOwnerInTeamWhoseMapMapsTheCrmStage_DealPlacedThere()
    {
        var (host, dana, pat) = await StartAsync(SmbMap("    crm: { pipeline: default, stages: [presentationscheduled] }\n"));
        await using var _ = host;
        var id = host.Fake.AddDeal("Quasar Tools", "presentationscheduled", dana, 30_000m);
        await host.RunAsync("crm", "sync", "--full");
        Assert.Equal(("EMEA", new StageId("demo")), ((await DealAsync(host, id)).TeamName, (await DealAsync(host, id)).Deal.StageId));

        host.Fake.Change(id, "hubspot_owner_id", pat);
        var (exit, stdout, stderr) = await host.RunAsync("crm", "sync");

        Assert.True(exit == 0, stdout + stderr);
        var deal = await DealAsync(host, id);
        Assert.Equal(("SMB", "pat@example.com", new StageId("trial")), (deal.TeamName, deal.OwnerEmail, deal.Deal.StageId));
        var placed = (await HistoryAsync(host, deal.Id))[^1];
        Assert.Equal((new StageId("trial"), StageChangeKind.MovedInCrm, 1), (placed.StageId, placed.Kind, placed.MapVersion));
        Assert.Equal("moved to its new owner's team in HubSpot: map 'smb' places stage 'demo' at 'trial'", placed.Reason);
        var (_, status, _) = await host.RunAsync("crm", "status");
        Assert.Contains("flagged deals (unmapped stages, owners without a person, amounts too large to store): 0", status, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CrmSync_NewOwnerInTeamWhoseMapReplacesTheStage_PlacedByReplaces()
    {
        var (host, dana, pat) = await StartAsync(SmbMap("    replaces: [demo]\n"));
        await using var _ = host;
        var id = host.Fake.AddDeal("Quasar Tools", "presentationscheduled", dana, 30_000m);
        await host.RunAsync("crm", "sync", "--full");

        host.Fake.Change(id, "hubspot_owner_id", pat);
        await host.RunAsync("crm", "sync");

        var deal = await DealAsync(host, id);
        Assert.Equal(("SMB", new StageId("trial")), (deal.TeamName, deal.Deal.StageId));
        Assert.Equal("moved to its new owner's team in HubSpot: map 'smb' places stage 'demo' at 'trial'", (await HistoryAsync(host, deal.Id))[^1].Reason);
    }

    [Fact]
    public async Task CrmSync_NewOwnerInTeamWhoseMapHasNoPlaceForTheDeal_NotMovedAndTheReasonInStatus()
    {
        var (host, dana, pat) = await StartAsync(SmbMap(string.Empty));
        await using var _ = host;
        var id = host.Fake.AddDeal("Quasar Tools", "presentationscheduled", dana, 30_000m);
        await host.RunAsync("crm", "sync", "--full");
        var before = await DealAsync(host, id);
        var rows = (await HistoryAsync(host, before.Id)).Count;

        host.Fake.Change(id, "hubspot_owner_id", pat);
        host.Fake.Change(id, "amount", "31000");
        var (exit, stdout, _) = await host.RunAsync("crm", "sync");
        var (_, status, _) = await host.RunAsync("crm", "status");

        Assert.Equal(0, exit);
        Assert.Contains("flagged 1", stdout, StringComparison.Ordinal);
        var deal = await DealAsync(host, id);
        Assert.Equal(("EMEA", "dana@example.com", new StageId("demo"), 31_000m), (deal.TeamName, deal.OwnerEmail, deal.Deal.StageId, deal.Deal.Amount));
        Assert.Equal(rows, (await HistoryAsync(host, deal.Id)).Count);
        Assert.Contains("flagged deals (unmapped stages, owners without a person, amounts too large to store): 1", status, StringComparison.Ordinal);
        Assert.Contains("not moved to the team of its new owner pat@example.com: that team's map 'smb' has no stage 'demo' and none replacing it, "
            + "and HubSpot stage 'presentationscheduled' in pipeline 'default' is not in its crm mapping", status, StringComparison.Ordinal);
    }
}
