using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Crm;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Nudges;
using SalesCoachBot.Data;

namespace SalesCoachBot.Host.Tests.Crm;

/// <summary>
/// A change the CRM refuses is undone here and its author is told with the CRM's message (HubSpot and Salesforce); a
/// revoked credential pauses the sync and tells the admins once.
/// </summary>
public sealed class CrmRefusalTests
{
    private static readonly string[] DemoItems = ["demo-script-mapped", "demo-held", "gaps-recorded"];

    private static async Task<List<OutboxMessage>> NoticesAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var outbox = scope.ServiceProvider.GetRequiredService<INudgeOutbox>();
        return [.. (await outbox.ListMessagesAsync(null, CancellationToken.None)).Where(m => m.Kind == NudgeKind.CrmNotice)];
    }

    private static async Task<(DealView Deal, List<StageHistoryEntry> History, int Confirmed)> StateAsync(IServiceProvider services, string crmId)
    {
        await using var scope = services.CreateAsyncScope();
        var deal = (await scope.ServiceProvider.GetRequiredService<IDealStore>().FindByExternalIdAsync(crmId, CancellationToken.None))!;
        var db = scope.ServiceProvider.GetRequiredService<SalesCoachDbContext>();
        var history = await db.StageHistory.AsNoTracking().Where(h => h.DealId == deal.Id).OrderBy(h => h.Id).ToListAsync();
        var entity = await db.Deals.AsNoTracking().SingleAsync(d => d.Id == deal.Id);
        var confirmed = await db.Confirmations.AsNoTracking().CountAsync(c => c.DealId == deal.Id && c.StageVersion == entity.StageVersion && c.WithdrawnAt == null);
        return (deal, history, confirmed);
    }

    [Fact]
    public async Task AdvanceInChat_SalesforceValidationRuleRefuses_StageUndoneConfirmationsKeptAndRepToldWithTheMessage()
    {
        await using var host = await SalesforceHost.StartAsync(configure: f => f.ValidationRules["Id. Decision Makers"] = "Amount is required before Id. Decision Makers.");
        var dana = host.Fake.AddUser("dana@example.com", "Dana Rep");
        var id = host.Fake.AddOpportunity("Zenith Robotics", "Value Proposition", dana);
        await host.RunAsync("crm", "sync", "--full");
        foreach (var item in DemoItems)
        {
            Assert.Equal(0, (await host.RunAsync("ask", $"done {item} for zenith", "--as", "dana@example.com")).Exit);
        }

        Assert.Equal(new StageId("proposal"), (await StateAsync(host.Services, id)).Deal.Deal.StageId);
        await CrmPushes.SendDueAsync(host.Services);

        var (deal, history, confirmed) = await StateAsync(host.Services, id);
        Assert.Equal(new StageId("demo"), deal.Deal.StageId);
        Assert.Equal(DealStatus.Open, deal.Deal.Status);
        Assert.Equal(3, confirmed);
        var back = history[^1];
        Assert.Equal((StageChangeKind.MovedInCrm, "demo"), (back.Kind, back.StageId.Value));
        Assert.Contains("Salesforce refused it: Salesforce answered 400: FIELD_CUSTOM_VALIDATION_EXCEPTION: Amount is required", back.Reason, StringComparison.Ordinal);
        Assert.Equal("Value Proposition", host.Fake.Get(id, "StageName"));
        var notices = await NoticesAsync(host.Services);
        Assert.Equal(["slack-user:U0DEMO", "teams-user:00000000-0000-0000-0000-0000000000020"], notices.Select(n => n.Conversation.ToString()).Order());
        var text = DigestPayload.Deserialize(notices[0].PayloadJson).Text;
        Assert.Equal(
            $"Salesforce refused moving Zenith Robotics (#{id}) to Proposal / quote: Salesforce answered 400: FIELD_CUSTOM_VALIDATION_EXCEPTION: "
            + "Amount is required before Id. Decision Makers.. The deal stays at Demo / solution here too; fix it in Salesforce or here, then try again.",
            text);

        // The undo is not pushed back, and the next pull finds the CRM where the deal is: nothing moves.
        await CrmPushes.SendDueAsync(host.Services);
        var (_, sync, _) = await host.RunAsync("crm", "sync");
        Assert.Contains("moved 0", sync, StringComparison.Ordinal);
        Assert.Equal(2, (await NoticesAsync(host.Services)).Count);
    }

    [Fact]
    public async Task AdvanceInChat_HubSpotRefuses_StageUndoneAndRepTold()
    {
        await using var host = await CrmHost.StartAsync();
        var dana = host.Fake.AddOwner("dana@example.com", "Dana", "Rep");
        var id = host.Fake.AddDeal("Zenith Robotics", "presentationscheduled", dana);
        await host.RunAsync("crm", "sync", "--full");
        host.Fake.Pipelines[0].Stages.RemoveAll(s => s.Id == "decisionmakerboughtin");   // an admin removed the stage in HubSpot
        foreach (var item in DemoItems)
        {
            Assert.Equal(0, (await host.RunAsync("ask", $"done {item} for zenith", "--as", "dana@example.com")).Exit);
        }

        await CrmPushes.SendDueAsync(host.Services);

        var (deal, _, confirmed) = await StateAsync(host.Services, id);
        Assert.Equal(new StageId("demo"), deal.Deal.StageId);
        Assert.Equal(3, confirmed);
        Assert.Equal("presentationscheduled", host.Fake.Get(id, "dealstage"));
        var notice = Assert.Single(await NoticesAsync(host.Services), n => n.Conversation.Channel == ChatChannel.Slack);
        Assert.StartsWith($"HubSpot refused moving Zenith Robotics (#{id}) to Proposal / quote: HubSpot answered 400", DigestPayload.Deserialize(notice.PayloadJson).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoteRefused_NothingUndoneAuthorTold()
    {
        await using var host = await SalesforceHost.StartAsync(settings: new Dictionary<string, string> { ["Crm:Salesforce:NoteObject"] = "Task" });
        var dana = host.Fake.AddUser("dana@example.com", "Dana Rep");
        var id = host.Fake.AddOpportunity("Zenith Robotics", "Value Proposition", dana);
        await host.RunAsync("crm", "sync", "--full");
        host.Fake.Delete(id);   // the Task's WhatId no longer resolves

        await host.RunAsync("ask", "note for zenith: CFO wants a pilot", "--as", "dana@example.com");
        await CrmPushes.SendDueAsync(host.Services);

        Assert.Equal(new StageId("demo"), (await StateAsync(host.Services, id)).Deal.Deal.StageId);
        var notice = Assert.Single(await NoticesAsync(host.Services), n => n.Conversation.Channel == ChatChannel.Slack);
        Assert.StartsWith("Salesforce refused the note on Zenith Robotics", DigestPayload.Deserialize(notice.PayloadJson).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CredentialRevoked_AdminsToldOnceNothingLost()
    {
        await using var host = await SalesforceHost.StartAsync();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SalesCoachDbContext>();
            var admin = await db.People.SingleAsync(p => p.Email == "admin@example.com");
            admin.SlackUserId = "UADMIN";
            await db.SaveChangesAsync();
        }

        var dana = host.Fake.AddUser("dana@example.com", "Dana Rep");
        var id = host.Fake.AddOpportunity("Zenith Robotics", "Value Proposition", dana);
        await host.RunAsync("crm", "sync", "--full");
        host.Fake.ExpireSessions();
        host.Fake.AppRevoked = true;
        await host.RunAsync("ask", "next step for zenith: call the CFO", "--as", "dana@example.com");

        await host.RunAsync("crm", "sync");
        await host.RunAsync("crm", "sync");
        await Assert.ThrowsAsync<CrmAuthException>(() => CrmPushes.SendDueAsync(host.Services));

        var notice = Assert.Single(await NoticesAsync(host.Services));
        Assert.Equal("slack-user:UADMIN", notice.Conversation.ToString());
        Assert.StartsWith("The Salesforce sync is paused: Salesforce refused the JWT bearer sign-in (invalid_grant", DigestPayload.Deserialize(notice.PayloadJson).Text, StringComparison.Ordinal);
        var (_, status, _) = await host.RunAsync("crm", "status");
        Assert.Contains("pending pushes: 1, failed pushes: 0", status, StringComparison.Ordinal);

        host.Fake.AppRevoked = false;
        Assert.Equal(0, (await host.RunAsync("crm", "sync")).Exit);
        await CrmPushes.SendDueAsync(host.Services);
        Assert.Equal("call the CFO", host.Fake.Get(id, "NextStep"));
    }
}
