using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Crm;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Data;
using SalesCoachBot.FakeCrm;

namespace SalesCoachBot.Host.Tests.Crm;

/// <summary>
/// Salesforce sync end to end through the public surface (the <c>crm</c> verbs and <c>ask</c>) against the stateful
/// fake org over HTTP: JWT bearer sign-in, SOQL paging, history import, pushes as composite requests, refusals.
/// </summary>
public sealed class SalesforceSyncTests
{
    private static async Task<DealView?> DealAsync(SalesforceHost host, string crmId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IDealStore>().FindByExternalIdAsync(crmId, CancellationToken.None);
    }

    private static async Task<List<StageHistoryEntry>> HistoryAsync(SalesforceHost host, DealId id)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SalesCoachDbContext>();
        return await db.StageHistory.AsNoTracking().Where(h => h.DealId == id).OrderBy(h => h.Id).ToListAsync();
    }

    private static Task DispatchAsync(SalesforceHost host) =>
        CrmPushes.SendDueAsync(host.Services);

    [Fact]
    public async Task CrmSyncFull_JwtBearer_OpportunitiesAddedWithOwnerStageCurrencyAndImportedHistory()
    {
        await using var host = await SalesforceHost.StartAsync();
        var dana = host.Fake.AddUser("dana@example.com", "Dana Rep");
        var sam = host.Fake.AddUser("sam@example.com", "Sam Rep");
        var zenith = host.Fake.AddOpportunity("Zenith Robotics", "Prospecting", dana, 42_000m);
        host.Fake.Change(zenith, "StageName", "Qualification");
        host.Fake.Change(zenith, "StageName", "Value Proposition");
        var won = host.Fake.AddOpportunity("Orbit Labs", "Closed Won", sam, 9_000m, currency: "USD");

        var (exit, stdout, stderr) = await host.RunAsync("crm", "sync", "--full");

        Assert.True(exit == 0, stdout + stderr);
        Assert.Contains("full sync from Salesforce: added 2,", stdout, StringComparison.Ordinal);
        Assert.Equal(1, host.Fake.SignIns);
        var deal = (await DealAsync(host, zenith))!;
        Assert.Equal("Zenith Robotics", deal.Deal.Name);
        Assert.Equal("dana@example.com", deal.OwnerEmail);
        Assert.Equal(new StageId("demo"), deal.Deal.StageId);
        Assert.Equal(42_000m, deal.Deal.Amount);
        var history = await HistoryAsync(host, deal.Id);
        Assert.Equal(["sales-engagement", "sql", "demo"], history.Select(h => h.StageId.Value));
        Assert.All(history, h => Assert.Equal(StageChangeKind.Imported, h.Kind));
        var orbit = (await DealAsync(host, won))!;
        Assert.Equal(DealStatus.Won, orbit.Deal.Status);
        Assert.Equal("USD", orbit.Deal.Currency);
    }

    [Fact]
    public async Task CrmSync_ManyPages_FollowsNextRecordsUrlThenIncrementalReadsOnlyChanges()
    {
        await using var host = await SalesforceHost.StartAsync(SalesforceSignIn.ClientCredentials, f => f.MaxPageSize = 200);
        var dana = host.Fake.AddUser("dana@example.com", "Dana Rep");
        var ids = Enumerable.Range(0, 450).Select(i => host.Fake.AddOpportunity($"Paged deal {i}", "Qualification", dana, 1000 + i)).ToList();

        var (exit, stdout, stderr) = await host.RunAsync("crm", "sync", "--full");
        host.Fake.Change(ids[7], "Name", "Paged deal seven");
        host.Fake.Change(ids[8], "StageName", "Needs Analysis");
        var (_, incremental, _) = await host.RunAsync("crm", "sync");

        Assert.True(exit == 0, stdout + stderr);
        Assert.Contains("added 450,", stdout, StringComparison.Ordinal);
        Assert.Equal(2, host.Fake.CallsByPath.GetValueOrDefault("GET /services/data/v59.0/query/{id}"));
        Assert.Contains("incremental sync from Salesforce: added 0, updated 1, moved 1, closed 0, unchanged ", incremental, StringComparison.Ordinal);
        Assert.Equal("Paged deal seven", (await DealAsync(host, ids[7]))!.Deal.Name);
        Assert.Equal(new StageId("discovery"), (await DealAsync(host, ids[8]))!.Deal.StageId);
        Assert.Equal(1, host.Fake.SignIns);
    }

    [Fact]
    public async Task CrmSync_UnknownStageAndOwnerWithoutPerson_KeptFlaggedThenPlaced()
    {
        await using var host = await SalesforceHost.StartAsync(configure: f => f.Stages.Insert(2, ("Scoping", "Scoping", false, false)));
        var dana = host.Fake.AddUser("dana@example.com", "Dana Rep");
        var ghost = host.Fake.AddUser("ghost@example.com", "Gho St");
        var unknownStage = host.Fake.AddOpportunity("Mystery Inc", "Scoping", dana);
        var noPerson = host.Fake.AddOpportunity("Nobody Ltd", "Qualification", ghost);

        var (exit, stdout, _) = await host.RunAsync("crm", "sync", "--full");
        var (_, status, _) = await host.RunAsync("crm", "status");
        var (checkExit, check, _) = await host.RunAsync("crm", "check");

        Assert.Equal(0, exit);
        Assert.Contains("flagged 2", stdout, StringComparison.Ordinal);
        Assert.Null(await DealAsync(host, unknownStage));
        Assert.Contains($"{unknownStage} Mystery Inc: unknown Salesforce stage 'Scoping' in pipeline 'default'", status, StringComparison.Ordinal);
        Assert.Contains($"{noPerson} Nobody Ltd: owner ghost@example.com has no person", status, StringComparison.Ordinal);
        Assert.Equal(1, checkExit);
        Assert.Contains("CRM stage 'Scoping' (Scoping) of pipeline 'default' maps to no map stage", check, StringComparison.Ordinal);

        host.Fake.Change(unknownStage, "StageName", "Negotiation/Review");
        var (_, again, _) = await host.RunAsync("crm", "sync");
        Assert.Contains("added 1", again, StringComparison.Ordinal);
        Assert.Equal(new StageId("verbal-agreement"), (await DealAsync(host, unknownStage))!.Deal.StageId);
    }

    [Fact]
    public async Task CrmSync_SessionExpired_SignsInAgainOnceAndCompletes()
    {
        await using var host = await SalesforceHost.StartAsync();
        var dana = host.Fake.AddUser("dana@example.com", "Dana Rep");
        host.Fake.AddOpportunity("Renewed Session", "Qualification", dana);
        await host.RunAsync("crm", "check");

        host.Fake.ExpireSessions();
        var (exit, stdout, stderr) = await host.RunAsync("crm", "sync", "--full");

        Assert.True(exit == 0, stdout + stderr);
        Assert.Contains("added 1", stdout, StringComparison.Ordinal);
        Assert.Equal(2, host.Fake.SignIns);
    }

    [Fact]
    public async Task CrmSync_AppRevoked_PausesWithOneClearLineNothingLostThenResumes()
    {
        await using var host = await SalesforceHost.StartAsync();
        var dana = host.Fake.AddUser("dana@example.com", "Dana Rep");
        var id = host.Fake.AddOpportunity("Revoked Co", "Qualification", dana);
        await host.RunAsync("crm", "sync", "--full");
        host.Fake.ExpireSessions();
        host.Fake.AppRevoked = true;
        host.Fake.Change(id, "StageName", "Needs Analysis");

        var (exit, stdout, _) = await host.RunAsync("crm", "sync");
        var (_, status, _) = await host.RunAsync("crm", "status");

        Assert.Equal(1, exit);
        Assert.Contains("Salesforce sync paused: Salesforce refused the JWT bearer sign-in (invalid_grant: expired access/refresh token)", stdout, StringComparison.Ordinal);
        Assert.Contains("(PAUSED since", status, StringComparison.Ordinal);
        Assert.Equal(new StageId("sql"), (await DealAsync(host, id))!.Deal.StageId);

        host.Fake.AppRevoked = false;
        var (resumed, after, _) = await host.RunAsync("crm", "sync");
        var (_, statusAfter, _) = await host.RunAsync("crm", "status");
        Assert.Equal(0, resumed);
        Assert.Contains("moved 1", after, StringComparison.Ordinal);
        Assert.DoesNotContain("PAUSED", statusAfter, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CrmSync_FixedTokenExpired_PausedNamingTheKey()
    {
        await using var host = await SalesforceHost.StartAsync(SalesforceSignIn.FixedToken);
        host.Fake.ExpireSessions();

        var (exit, stdout, _) = await host.RunAsync("crm", "sync");

        Assert.Equal(1, exit);
        Assert.Contains("Salesforce answered 401 to the configured Crm:Salesforce:AccessToken", stdout, StringComparison.Ordinal);
        Assert.Equal(0, host.Fake.SignIns);
    }

    [Fact]
    public async Task CrmSync_RateLimitedAndServerErrors_RetriedAndCompleted()
    {
        await using var host = await SalesforceHost.StartAsync(SalesforceSignIn.FixedToken);
        var dana = host.Fake.AddUser("dana@example.com", "Dana Rep");
        for (var i = 0; i < 5; i++)
        {
            host.Fake.AddOpportunity($"Retry deal {i}", "Qualification", dana);
        }

        host.Fake.FailNext(429);
        host.Fake.FailNext(503);
        var (exit, stdout, stderr) = await host.RunAsync("crm", "sync", "--full");

        Assert.True(exit == 0, stdout + stderr);
        Assert.Contains("added 5", stdout, StringComparison.Ordinal);
        Assert.True(host.Fake.MaxConcurrentRequests <= 4, $"{host.Fake.MaxConcurrentRequests} requests at once");
    }

    [Fact]
    public async Task CrmSync_ServerKeepsFailing_ClearErrorNothingStored()
    {
        await using var host = await SalesforceHost.StartAsync(SalesforceSignIn.FixedToken);
        var dana = host.Fake.AddUser("dana@example.com", "Dana Rep");
        var id = host.Fake.AddOpportunity("Unlucky", "Qualification", dana);
        host.Fake.FailNext(503, 20);

        var (exit, _, stderr) = await host.RunAsync("crm", "sync", "--full");

        Assert.Equal(1, exit);
        Assert.Contains("Salesforce is unavailable: Salesforce answered 503", stderr, StringComparison.Ordinal);
        Assert.Contains("SERVER_UNAVAILABLE", stderr, StringComparison.Ordinal);
        Assert.Null(await DealAsync(host, id));
    }

    [Fact]
    public async Task CrmSync_DeletedInSalesforce_IncrementalClosesItNeverRemoves()
    {
        await using var host = await SalesforceHost.StartAsync();
        var dana = host.Fake.AddUser("dana@example.com", "Dana Rep");
        var id = host.Fake.AddOpportunity("Vanishing Co", "Qualification", dana);
        await host.RunAsync("crm", "sync", "--full");

        host.Fake.Delete(id);
        var (exit, stdout, _) = await host.RunAsync("crm", "sync");

        Assert.Equal(0, exit);
        Assert.Contains("closed 1", stdout, StringComparison.Ordinal);
        var gone = (await DealAsync(host, id))!;
        Assert.Equal(DealStatus.Lost, gone.Deal.Status);
        Assert.Equal("deleted in Salesforce", gone.Deal.LostReason);
    }

    [Fact]
    public async Task CrmSync_SingleCurrencyOrg_NoCurrencyFieldAsked()
    {
        await using var host = await SalesforceHost.StartAsync(configure: f => f.MultiCurrency = false);
        var dana = host.Fake.AddUser("dana@example.com", "Dana Rep");
        var id = host.Fake.AddOpportunity("One Currency", "Qualification", dana, 500m);

        var (exit, stdout, stderr) = await host.RunAsync("crm", "sync", "--full");

        Assert.True(exit == 0, stdout + stderr);
        Assert.Equal(500m, (await DealAsync(host, id))!.Deal.Amount);
    }

    [Fact]
    public async Task CrmCheck_MappingCoversEveryStage_ExitZero()
    {
        await using var host = await SalesforceHost.StartAsync();

        var (exit, stdout, _) = await host.RunAsync("crm", "check");

        Assert.Equal(0, exit);
        Assert.Contains("the map's crm mapping matches Salesforce", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangesInChat_StageNoteAndNextStepInOneCompositeRequest_ReplayAndEchoChangeNothing()
    {
        await using var host = await SalesforceHost.StartAsync();
        var dana = host.Fake.AddUser("dana@example.com", "Dana Rep");
        var id = host.Fake.AddOpportunity("Zenith Robotics", "Value Proposition", dana);
        await host.RunAsync("crm", "sync", "--full");
        await DispatchAsync(host);   // settles what the seeded data queued (no Salesforce record: skipped), so only ours is left

        foreach (var item in new[] { "demo-script-mapped", "demo-held", "gaps-recorded" })
        {
            Assert.Equal(0, (await host.RunAsync("ask", $"done {item} for zenith", "--as", "dana@example.com")).Exit);
        }

        Assert.Equal(0, (await host.RunAsync("ask", "note for zenith: CFO wants a pilot & a <quote>", "--as", "dana@example.com")).Exit);
        Assert.Equal(0, (await host.RunAsync("ask", "next step for zenith: demo with their CFO", "--as", "dana@example.com")).Exit);
        await DispatchAsync(host);
        await DispatchAsync(host);

        Assert.Equal("Id. Decision Makers", host.Fake.Get(id, "StageName"));
        Assert.Equal("demo with their CFO", host.Fake.Get(id, "NextStep"));
        var note = Assert.Single(host.Fake.Notes);
        Assert.Equal((id, "CFO wants a pilot & a <quote>"), (note.OpportunityId, note.Text));
        Assert.Equal(1, host.Fake.CallsByPath.GetValueOrDefault("POST /services/data/v59.0/composite"));

        var (_, stdout, _) = await host.RunAsync("crm", "sync");
        Assert.Contains("moved 0", stdout, StringComparison.Ordinal);
        var deal = (await DealAsync(host, id))!;
        Assert.DoesNotContain(await HistoryAsync(host, deal.Id), h => h.Kind == StageChangeKind.MovedInCrm);
        var (_, status, _) = await host.RunAsync("crm", "status");
        Assert.Contains("pending pushes: 0, failed pushes: 0", status, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoteAsTask_WrittenAsACompletedTaskOnTheOpportunity()
    {
        await using var host = await SalesforceHost.StartAsync(settings: new Dictionary<string, string> { ["Crm:Salesforce:NoteObject"] = "Task" });
        var dana = host.Fake.AddUser("dana@example.com", "Dana Rep");
        var id = host.Fake.AddOpportunity("Zenith Robotics", "Value Proposition", dana);
        await host.RunAsync("crm", "sync", "--full");

        await host.RunAsync("ask", "note for zenith: CFO wants a pilot first", "--as", "dana@example.com");
        await DispatchAsync(host);

        var task = Assert.Single(host.Fake.Tasks);
        Assert.Equal((id, "CFO wants a pilot first"), (task.WhatId, task.Description));
        Assert.Empty(host.Fake.Notes);
    }

    [Fact]
    public async Task MoveInChat_ValidationRuleRefuses_FailedWithSalesforcesMessage()
    {
        await using var host = await SalesforceHost.StartAsync(configure: f => f.ValidationRules["Negotiation/Review"] = "Close Date must be set before Negotiation/Review.");
        var dana = host.Fake.AddUser("dana@example.com", "Dana Rep");
        var id = host.Fake.AddOpportunity("Refused Co", "Qualification", dana);
        await host.RunAsync("crm", "sync", "--full");

        var (exit, _, _) = await host.RunAsync("ask", "move refused co to verbal agreement because they said yes", "--as", "morgan@example.com");
        await DispatchAsync(host);
        await DispatchAsync(host);
        var (_, status, _) = await host.RunAsync("crm", "status");

        Assert.Equal(0, exit);
        Assert.Equal("Qualification", host.Fake.Get(id, "StageName"));
        Assert.Contains("pending pushes: 0, failed pushes: 1", status, StringComparison.Ordinal);
        Assert.Contains("Salesforce refused it: Salesforce answered 400: FIELD_CUSTOM_VALIDATION_EXCEPTION: Close Date must be set before Negotiation/Review.", status, StringComparison.Ordinal);
        Assert.Equal(1, host.Fake.CallsByPath.GetValueOrDefault("POST /services/data/v59.0/composite"));
    }

    [Fact]
    public async Task Push_ServerErrorThenSuccess_RetriedLaterNotLost()
    {
        await using var host = await SalesforceHost.StartAsync(SalesforceSignIn.FixedToken);
        var dana = host.Fake.AddUser("dana@example.com", "Dana Rep");
        var id = host.Fake.AddOpportunity("Flaky Co", "Qualification", dana);
        await host.RunAsync("crm", "sync", "--full");

        await host.RunAsync("ask", "next step for flaky co: call back Friday", "--as", "dana@example.com");
        host.Fake.FailNext(503, 5);   // the client's own retries (4) all fail: the push waits for a later round
        await DispatchAsync(host);
        var (_, status, _) = await host.RunAsync("crm", "status");

        Assert.Null(host.Fake.Get(id, "NextStep"));
        Assert.Contains("pending pushes: 1, failed pushes: 0", status, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_ChangeOfADemoDealWithNoSalesforceRecord_NotCountedPendingButApart_SkippedByTheDispatcher()
    {
        await using var host = await SalesforceHost.StartAsync();
        var dana = host.Fake.AddUser("dana@example.com", "Dana Rep");
        var id = host.Fake.AddOpportunity("Zenith Robotics", "Value Proposition", dana);
        await host.RunAsync("crm", "sync", "--full");
        var seeded = NotPushed((await host.RunAsync("crm", "status")).Out);
        Assert.Equal(0, (await host.RunAsync("ask", "next step for zenith: call the CFO", "--as", "dana@example.com")).Exit);
        // Initech is demo data: never in Salesforce, so its change can never be sent.
        var (exit, answer, _) = await host.RunAsync("ask", "next step for initech: send the pilot plan", "--as", "dana@example.com");
        Assert.True(exit == 0 && answer.Contains("send the pilot plan", StringComparison.Ordinal), answer);

        var (_, before, _) = await host.RunAsync("crm", "status");
        await DispatchAsync(host);
        var (_, after, _) = await host.RunAsync("crm", "status");

        Assert.Contains("pending pushes: 1, failed pushes: 0\n", before, StringComparison.Ordinal);
        Assert.Equal(seeded + 1, NotPushed(before));
        Assert.Contains($"not pushed: {seeded + 1} change(s) of deals with no Salesforce record (demo, chat or CSV deals); skipped at the next push round\n", before, StringComparison.Ordinal);
        Assert.Equal("call the CFO", host.Fake.Get(id, "NextStep"));
        Assert.Contains("pending pushes: 0, failed pushes: 0\n", after, StringComparison.Ordinal);
        Assert.DoesNotContain("not pushed", after, StringComparison.Ordinal);
    }

    /// <summary>The count on <c>crm status</c>'s "not pushed" line; 0 when there is none.</summary>
    private static int NotPushed(string status) =>
        System.Text.RegularExpressions.Regex.Match(status, @"not pushed: (\d+) change") is { Success: true } m ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
}
