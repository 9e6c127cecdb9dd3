using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Crm;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Crm.HubSpot;
using SalesCoachBot.Data;

namespace SalesCoachBot.Host.Tests.Crm;

/// <summary>
/// CRM sync end to end through the public surface: the <c>crm</c> verbs, <c>ask</c>, and signed HubSpot webhooks,
/// against the stateful fake HubSpot over HTTP.
/// </summary>
public sealed class CrmSyncTests : IAsyncLifetime
{
    private CrmHost _host = null!;
    private string _dana = null!;
    private string _sam = null!;

    private FakeCrm.FakeHubSpot Fake => _host.Fake;

    public async Task InitializeAsync()
    {
        _host = await CrmHost.StartAsync();
        _dana = Fake.AddOwner("dana@example.com", "Dana", "Rep");
        _sam = Fake.AddOwner("sam@example.com", "Sam", "Rep");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<DealView?> DealAsync(string crmId)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IDealStore>().FindByExternalIdAsync(crmId, CancellationToken.None);
    }

    private async Task<List<StageHistoryEntry>> HistoryAsync(DealId id)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SalesCoachDbContext>();
        return await db.StageHistory.AsNoTracking().Where(h => h.DealId == id).OrderBy(h => h.Id).ToListAsync();
    }

    [Fact]
    public async Task CrmSyncFull_NewDeals_AddedWithOwnerStageAndImportedHistory()
    {
        var zenith = Fake.AddDeal("Zenith Robotics", "appointmentscheduled", _dana, 42_000m);
        Fake.Change(zenith, "dealstage", "qualifiedtobuy");
        Fake.Change(zenith, "dealstage", "presentationscheduled");
        var won = Fake.AddDeal("Orbit Labs", "closedwon", _sam, 9_000m, currency: "usd");

        var (exit, stdout, stderr) = await _host.RunAsync("crm", "sync", "--full");

        Assert.True(exit == 0, stdout + stderr);
        Assert.Contains("full sync from HubSpot: added 2,", stdout, StringComparison.Ordinal);
        Assert.Contains("2 deals read", stderr, StringComparison.Ordinal);
        var deal = await DealAsync(zenith);
        Assert.NotNull(deal);
        Assert.Equal("Zenith Robotics", deal.Deal.Name);
        Assert.Equal("dana@example.com", deal.OwnerEmail);
        Assert.Equal(new StageId("demo"), deal.Deal.StageId);
        Assert.Equal(42_000m, deal.Deal.Amount);
        var history = await HistoryAsync(deal.Id);
        Assert.Equal(["sales-engagement", "sql", "demo"], history.Select(h => h.StageId.Value));
        Assert.All(history, h => Assert.Equal(StageChangeKind.Imported, h.Kind));
        var orbit = await DealAsync(won);
        Assert.Equal(DealStatus.Won, orbit!.Deal.Status);
        Assert.Equal("USD", orbit.Deal.Currency);
    }

    [Fact]
    public async Task CrmSync_UnknownStageAndOwnerWithoutPerson_KeptAndFlaggedInStatus()
    {
        var ghost = Fake.AddOwner("ghost@example.com", "Gho", "St");
        var unknownStage = Fake.AddDeal("Mystery Inc", "somewherenew", _dana);
        var noPerson = Fake.AddDeal("Nobody Ltd", "qualifiedtobuy", ghost);

        var (exit, stdout, _) = await _host.RunAsync("crm", "sync", "--full");
        var (_, status, _) = await _host.RunAsync("crm", "status");

        Assert.Equal(0, exit);
        Assert.Contains("flagged 2", stdout, StringComparison.Ordinal);
        Assert.Null(await DealAsync(unknownStage));
        Assert.Contains($"{unknownStage} Mystery Inc: unknown HubSpot stage 'somewherenew' in pipeline 'default'", status, StringComparison.Ordinal);
        Assert.Contains($"{noPerson} Nobody Ltd: owner ghost@example.com has no person", status, StringComparison.Ordinal);

        // Once the map (or the people list) knows them, the next sync places the kept deal: nothing was lost.
        Fake.Change(unknownStage, "dealstage", "contractsent");
        var (_, again, _) = await _host.RunAsync("crm", "sync");
        Assert.Contains("added 1", again, StringComparison.Ordinal);
        Assert.Equal(new StageId("verbal-agreement"), (await DealAsync(unknownStage))!.Deal.StageId);
    }

    [Theory]
    [InlineData("99999999999999999999", "99999999999999999999")]   // 20 integer digits: the PostgreSQL column holds 16, SQLite's text took it
    [InlineData("1E+17", "100000000000000000")]                    // was read as no amount, and cleared the stored one
    [InlineData("1e30", "79228162514264337593543950335 or beyond")] // past what a decimal holds: the same
    public async Task CrmSync_AmountBeyondSixteenIntegerDigits_RestSyncedStoredAmountKeptFlaggedInStatusUntilOneFits(string amount, string received)
    {
        var id = Fake.AddDeal("Zenith Robotics", "qualifiedtobuy", _dana, 10_000m);
        await _host.RunAsync("crm", "sync", "--full");

        Fake.Change(id, "dealname", "Zenith Robotics EU");
        Fake.Change(id, "amount", amount);
        var (exit, stdout, stderr) = await _host.RunAsync("crm", "sync");
        var (_, status, _) = await _host.RunAsync("crm", "status");

        Assert.True(exit == 0, stdout + stderr);
        var deal = (await DealAsync(id))!;
        Assert.Equal(("Zenith Robotics EU", 10_000m), (deal.Deal.Name, deal.Deal.Amount!.Value));
        Assert.Contains("flagged deals (unmapped stages, owners without a person, amounts too large to store): 1", status, StringComparison.Ordinal);
        Assert.Contains($"\n  {id} Zenith Robotics EU: amount too large to store: HubSpot sent {received}; kept 10000\n", status.ReplaceLineEndings("\n"), StringComparison.Ordinal);

        // An amount that fits: stored, and the flag is gone.
        Fake.Change(id, "amount", "12000");
        await _host.RunAsync("crm", "sync");
        var (_, cleared, _) = await _host.RunAsync("crm", "status");
        Assert.Equal(12_000m, (await DealAsync(id))!.Deal.Amount);
        Assert.Contains("flagged deals (unmapped stages, owners without a person, amounts too large to store): 0", cleared, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("42000", "42000")]
    [InlineData("1,234.5", "1234.5")]
    [InlineData("1.5E+17", "150000000000000000")]
    [InlineData("99999999999999999999", "99999999999999999999")]
    [InlineData("1e30", "79228162514264337593543950335")]      // the largest decimal: too large for a deal all the same
    [InlineData("-1e30", "-79228162514264337593543950335")]
    [InlineData("", null)]
    [InlineData("twelve", null)]
    [InlineData("NaN", null)]
    public void CrmAmounts_HubSpotText_ReadAsADecimal(string text, string? expected)
    {
        Assert.Equal(expected is null ? null : decimal.Parse(expected, CultureInfo.InvariantCulture), SalesCoachBot.Crm.CrmAmounts.Parse(text));
    }

    [Fact]
    public async Task CrmSync_ChangedInCrm_UpdatesFieldsAndRecordsOneMovedInCrmRow()
    {
        var id = Fake.AddDeal("Zenith Robotics", "qualifiedtobuy", _dana, 10_000m);
        await _host.RunAsync("crm", "sync", "--full");

        Fake.Change(id, "dealname", "Zenith Robotics EU");
        Fake.Change(id, "amount", "12500");
        Fake.Change(id, "hubspot_owner_id", _sam);
        Fake.Change(id, "dealstage", "decisionmakerboughtin");
        var (exit, stdout, _) = await _host.RunAsync("crm", "sync");
        var (_, second, _) = await _host.RunAsync("crm", "sync");

        Assert.Equal(0, exit);
        Assert.Contains("incremental sync from HubSpot: added 0, updated 0, moved 1", stdout, StringComparison.Ordinal);
        Assert.Contains("moved 0", second, StringComparison.Ordinal);
        var deal = (await DealAsync(id))!;
        Assert.Equal("Zenith Robotics EU", deal.Deal.Name);
        Assert.Equal(12_500m, deal.Deal.Amount);
        Assert.Equal("sam@example.com", deal.OwnerEmail);
        Assert.Equal(new StageId("proposal"), deal.Deal.StageId);
        var moved = Assert.Single(await HistoryAsync(deal.Id), h => h.Kind == StageChangeKind.MovedInCrm);
        Assert.StartsWith("moved in HubSpot; skipped unconfirmed required items:", moved.Reason, StringComparison.Ordinal);
        // The open items of the stage it left, then those of each stage HubSpot jumped over, Demo last.
        Assert.EndsWith("demo-script-mapped, demo-held, gaps-recorded", moved.Reason, StringComparison.Ordinal);
        var (_, history, _) = await _host.RunAsync("ask", "history of zenith", "--as", "sam@example.com");
        Assert.Contains("Moved to Proposal / quote: moved in HubSpot; skipped unconfirmed required items:", history, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoteInChat_WrittenToHubSpotAsANoteOnTheDeal()
    {
        var id = Fake.AddDeal("Zenith Robotics", "presentationscheduled", _dana);
        await _host.RunAsync("crm", "sync", "--full");

        var (exit, _, _) = await _host.RunAsync("ask", "note for zenith: CFO wants a pilot first", "--as", "dana@example.com");
        await CrmPushes.SendDueAsync(_host.Services);
        await CrmPushes.SendDueAsync(_host.Services);

        Assert.Equal(0, exit);
        var note = Assert.Single(Fake.Notes);
        Assert.Equal((id, "CFO wants a pilot first"), note);
    }

    /// <summary>The text without the Unicode isolates Arabic replies put around Latin words.</summary>
    private static string WithoutIsolates(string text) => new([.. text.Where(c => c is < '\u2066' or > '\u2069')]);

    [Fact]
    public async Task CrmSyncFull_DeletedOrLostInCrm_ClosedWithReasonNeverRemoved()
    {
        var deleted = Fake.AddDeal("Vanishing Co", "qualifiedtobuy", _dana);
        var lost = Fake.AddDeal("Lost Cause", "qualifiedtobuy", _dana);
        await _host.RunAsync("crm", "sync", "--full");

        Fake.Delete(deleted);
        Fake.Change(lost, "closed_lost_reason", "went with a competitor");
        Fake.Change(lost, "dealstage", "closedlost");
        var (exit, stdout, _) = await _host.RunAsync("crm", "sync", "--full");

        Assert.Equal(0, exit);
        Assert.Contains("closed 2", stdout, StringComparison.Ordinal);
        var gone = (await DealAsync(deleted))!;
        Assert.Equal(DealStatus.Lost, gone.Deal.Status);
        Assert.Equal("deleted in HubSpot", gone.Deal.LostReason);
        var closed = (await DealAsync(lost))!;
        Assert.Equal(DealStatus.Lost, closed.Deal.Status);
        Assert.Equal("went with a competitor", closed.Deal.LostReason);
        // Recorded as a close with the CRM's reason, not as a move to the stage the deal was already in.
        var row = Assert.Single(await HistoryAsync(closed.Id), h => h.Kind == StageChangeKind.ClosedInCrm);
        Assert.Equal("lost in HubSpot: went with a competitor", row.Reason);
        Assert.Equal("deleted in HubSpot", Assert.Single(await HistoryAsync(gone.Id), h => h.Kind == StageChangeKind.ClosedInCrm).Reason);
        var (_, history, _) = await _host.RunAsync("ask", "history of lost cause", "--as", "dana@example.com");
        Assert.Contains("Closed in Sales qualified lead: lost in HubSpot: went with a competitor", history, StringComparison.Ordinal);
        Assert.DoesNotContain("Moved to", history, StringComparison.Ordinal);
        // Stored in English, read in the reader's language; the CRM's own reason stays as the CRM wrote it.
        var (_, arabic, _) = await _host.RunAsync("ask", "سجل صفقة Lost Cause", "--as", "dana@example.com");
        Assert.Contains("سُجّلت خاسرة في HubSpot: went with a competitor", WithoutIsolates(arabic), StringComparison.Ordinal);
        Assert.DoesNotContain("lost in", arabic, StringComparison.Ordinal);
        var (_, goneHistory, _) = await _host.RunAsync("ask", "سجل صفقة Vanishing Co", "--as", "dana@example.com");
        Assert.Contains("حُذفت في HubSpot", WithoutIsolates(goneHistory), StringComparison.Ordinal);
        Assert.DoesNotContain("deleted in", goneHistory, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CrmSyncFull_LostThenReopenedInHubSpot_RowsRecordTheOutcomeWhatMovedSaysLostAndReopened()
    {
        var boomerang = Fake.AddDeal("Boomerang Co", "qualifiedtobuy", _dana);
        var late = Fake.AddDeal("Late Arrival", "qualifiedtobuy", _dana);
        Fake.Change(late, "dealstage", "closedlost");
        await _host.RunAsync("crm", "sync", "--full");
        Fake.Change(boomerang, "dealstage", "closedlost");
        await _host.RunAsync("crm", "sync", "--full");
        Fake.Change(boomerang, "dealstage", "presentationscheduled");

        var (exit, stdout, stderr) = await _host.RunAsync("crm", "sync", "--full");

        Assert.True(exit == 0, stdout + stderr);
        var reopened = (await DealAsync(boomerang))!;
        Assert.Equal(DealStatus.Open, reopened.Deal.Status);
        var rows = await HistoryAsync(reopened.Id);
        Assert.Equal(
            [(StageChangeKind.Imported, (DealStatus?)DealStatus.Open), (StageChangeKind.ClosedInCrm, DealStatus.Lost), (StageChangeKind.MovedInCrm, DealStatus.Open)],
            rows.Select(h => (h.Kind, h.Outcome)));
        // From sql to demo: sql's open required items are named after it, as for any CRM move.
        Assert.StartsWith("reopened in HubSpot; skipped unconfirmed required items: ", rows[^1].Reason, StringComparison.Ordinal);
        // A deal that arrives lost: its loss is a row of its own (the CRM's lost stage is on no map), as a later sync's is.
        var arrived = (await DealAsync(late))!;
        Assert.Equal(
            [(StageChangeKind.Imported, (DealStatus?)DealStatus.Open), (StageChangeKind.ClosedInCrm, DealStatus.Lost)],
            (await HistoryAsync(arrived.Id)).Select(h => (h.Kind, h.Outcome)));

        var (_, moves, _) = await _host.RunAsync("ask", "what moved this month", "--as", "morgan@example.com");
        var lines = moves.Split('\n');
        Assert.Contains(lines, l => l.Contains("Boomerang Co", StringComparison.Ordinal) && l.Contains("· reopened ·", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Boomerang Co", StringComparison.Ordinal) && l.Contains("· lost ·", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Late Arrival", StringComparison.Ordinal) && l.Contains("· lost ·", StringComparison.Ordinal));
        var (_, history, _) = await _host.RunAsync("ask", "history of boomerang co", "--as", "dana@example.com");
        Assert.Contains("reopened in HubSpot", history, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MovedInChatThenClosedInHubSpot_TheNewerCloseStandsAndOurMoveIsNotSent()
    {
        // Left running, the worker could send our move after HubSpot's close and before the sync below, overwriting the
        // close before any sync saw it: not the order this test is about.
        await CrmPushes.StopWorkerAsync(_host.Services);
        var id = Fake.AddDeal("Race Co", "presentationscheduled", _dana);
        await _host.RunAsync("crm", "sync", "--full");
        var (exit, _, _) = await _host.RunAsync("ask", "move race co to proposal because pricing requested", "--as", "morgan@example.com");
        Assert.Equal(0, exit);

        // Before our stage push went out, a rep closed the deal in HubSpot.
        Fake.Change(id, "closed_lost_reason", "Chose competitor");
        Fake.Change(id, "dealstage", "closedlost");
        var (_, stdout, _) = await _host.RunAsync("crm", "sync");
        await CrmPushes.SendDueAsync(_host.Services);

        Assert.True(stdout.Contains("closed 1", StringComparison.Ordinal), stdout);
        var deal = (await DealAsync(id))!;
        Assert.Equal(DealStatus.Lost, deal.Deal.Status);
        Assert.Equal("Chose competitor", deal.Deal.LostReason);
        Assert.Equal("closedlost", Fake.Get(id, "dealstage"));
        var (_, status, _) = await _host.RunAsync("crm", "status");
        Assert.Contains("pending pushes: 0, failed pushes: 0", status, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MovedInChat_HubSpotChangesAnotherFieldBeforeThePush_OurMoveStandsAndIsSent()
    {
        var id = Fake.AddDeal("Steady Co", "presentationscheduled", _dana);
        await _host.RunAsync("crm", "sync", "--full");
        await _host.RunAsync("ask", "move steady co to proposal because pricing requested", "--as", "morgan@example.com");

        Fake.Change(id, "amount", "31000");
        await _host.RunAsync("crm", "sync");
        await CrmPushes.SendDueAsync(_host.Services);

        var deal = (await DealAsync(id))!;
        Assert.Equal(new StageId("proposal"), deal.Deal.StageId);
        Assert.Equal(31_000m, deal.Deal.Amount);
        Assert.Equal("decisionmakerboughtin", Fake.Get(id, "dealstage"));
    }

    [Fact]
    public async Task CrmSyncDryRun_StoresNothingAndKeepsCursor()
    {
        var id = Fake.AddDeal("Dry Run Ltd", "qualifiedtobuy", _dana);

        var (exit, stdout, _) = await _host.RunAsync("crm", "sync", "--full", "--dry-run");
        var (_, status, _) = await _host.RunAsync("crm", "status");

        Assert.Equal(0, exit);
        Assert.Contains("dry run, nothing stored: full sync from HubSpot: added 1", stdout, StringComparison.Ordinal);
        Assert.Null(await DealAsync(id));
        Assert.Contains("cursor: never", status, StringComparison.Ordinal);
        Assert.Contains("last full sync: never", status, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CrmSync_RateLimitedAndServerErrors_RetriedAndCompleted()
    {
        for (var i = 0; i < 5; i++)
        {
            Fake.AddDeal($"Retry deal {i}", "qualifiedtobuy", _dana);
        }

        Fake.FailNext(429);
        Fake.FailNext(500);
        var (exit, stdout, _) = await _host.RunAsync("crm", "sync", "--full");

        Assert.Equal(0, exit);
        Assert.Contains("added 5", stdout, StringComparison.Ordinal);
        Assert.True(Fake.MaxRequestsPer10Seconds <= 100, $"{Fake.MaxRequestsPer10Seconds} requests in 10 s");
    }

    [Fact]
    public async Task CrmSync_ServerKeepsFailing_ClearErrorAndCursorKept()
    {
        Fake.AddDeal("Unlucky", "qualifiedtobuy", _dana);
        Fake.FailNext(503, 20);

        var (exit, _, stderr) = await _host.RunAsync("crm", "sync", "--full");

        Assert.Equal(1, exit);
        Assert.Contains("HubSpot is unavailable: HubSpot answered 503", stderr, StringComparison.Ordinal);
        Assert.Contains("Nothing was lost", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CrmCheck_MappingMatchesHubSpot_ExitZero()
    {
        var (exit, stdout, _) = await _host.RunAsync("crm", "check");

        Assert.Equal(0, exit);
        Assert.Contains("the map's crm mapping matches HubSpot", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfirmLastItemInChat_StageWrittenToHubSpot_EchoNotRecordedTwice()
    {
        var id = Fake.AddDeal("Zenith Robotics", "presentationscheduled", _dana);
        await _host.RunAsync("crm", "sync", "--full");

        foreach (var item in new[] { "demo-script-mapped", "demo-held", "gaps-recorded" })
        {
            var (exit, _, _) = await _host.RunAsync("ask", $"done {item} for zenith", "--as", "dana@example.com");
            Assert.Equal(0, exit);
        }

        var deal = (await DealAsync(id))!;
        Assert.Equal(new StageId("proposal"), deal.Deal.StageId);
        await CrmPushes.SendDueAsync(_host.Services);
        Assert.Equal("decisionmakerboughtin", Fake.Get(id, "dealstage"));

        var (_, stdout, _) = await _host.RunAsync("crm", "sync");
        Assert.Contains("moved 0", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(await HistoryAsync(deal.Id), h => h.Kind == StageChangeKind.MovedInCrm);
        var (_, status, _) = await _host.RunAsync("crm", "status");
        Assert.Contains("pending pushes: 0, failed pushes: 0", status, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NextStepInChat_WrittenToHubSpot()
    {
        var id = Fake.AddDeal("Zenith Robotics", "presentationscheduled", _dana);
        await _host.RunAsync("crm", "sync", "--full");

        var (exit, _, _) = await _host.RunAsync("ask", "next step for zenith: demo with their CFO", "--as", "dana@example.com");
        await CrmPushes.SendDueAsync(_host.Services);

        Assert.Equal(0, exit);
        Assert.Equal("demo with their CFO", Fake.Get(id, "hs_next_step"));
    }

    [Fact]
    public async Task MoveInChat_HubSpotRefuses_FailedPushShownWithHubSpotsMessage()
    {
        var id = Fake.AddDeal("Refused Co", "qualifiedtobuy", _dana);
        await _host.RunAsync("crm", "sync", "--full");
        Fake.Pipelines[0].Stages.RemoveAll(s => s.Id == "contractsent");   // an admin removed the stage in HubSpot

        var (exit, answer, _) = await _host.RunAsync("ask", "move refused co to verbal agreement because they said yes", "--as", "morgan@example.com");
        await CrmPushes.SendDueAsync(_host.Services);
        var (_, status, _) = await _host.RunAsync("crm", "status");

        Assert.Equal(0, exit);
        Assert.Contains("Verbal", answer, StringComparison.Ordinal);
        Assert.Equal("qualifiedtobuy", Fake.Get(id, "dealstage"));
        Assert.Contains("pending pushes: 0, failed pushes: 1", status, StringComparison.Ordinal);
        Assert.Contains("HubSpot refused it: HubSpot answered 400", status, StringComparison.Ordinal);
        Assert.Contains("is not a stage of pipeline 'default'", status, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignedWebhook_StageChangedInHubSpot_ReachesTheDeal()
    {
        var id = Fake.AddDeal("Webhook Works", "qualifiedtobuy", _dana);
        await _host.RunAsync("crm", "sync", "--full");
        Fake.Change(id, "dealstage", "contractsent");

        var response = await PostWebhookAsync($"[{{\"eventId\":1,\"subscriptionId\":2,\"portalId\":3,\"appId\":4,\"occurredAt\":1764687600000,\"subscriptionType\":\"deal.propertyChange\",\"attemptNumber\":0,\"objectId\":{id},\"propertyName\":\"dealstage\",\"propertyValue\":\"contractsent\",\"changeSource\":\"CRM_UI\"}}]");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var deadline = TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(20);
        while ((await DealAsync(id))!.Deal.StageId != new StageId("verbal-agreement") && TimeProvider.System.GetUtcNow() < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal(new StageId("verbal-agreement"), (await DealAsync(id))!.Deal.StageId);
    }

    [Fact]
    public async Task SignedWebhook_RedeliveredEvent_NotPulledAgain()
    {
        var id = Fake.AddDeal("Retried Co", "qualifiedtobuy", _dana);
        var other = Fake.AddDeal("Fresh Co", "qualifiedtobuy", _dana);
        await _host.RunAsync("crm", "sync", "--full");
        Fake.Change(id, "dealstage", "contractsent");
        string Event(long eventId, string deal, int attempt) =>
            $"{{\"eventId\":{eventId},\"subscriptionId\":7,\"portalId\":3,\"appId\":4,\"occurredAt\":1764687600000,\"subscriptionType\":\"deal.propertyChange\",\"attemptNumber\":{attempt},\"objectId\":{deal},\"propertyName\":\"dealstage\",\"propertyValue\":\"x\",\"changeSource\":\"CRM_UI\"}}";
        Assert.Equal(HttpStatusCode.OK, (await PostWebhookAsync($"[{Event(41, id, 0)}]")).StatusCode);
        await WaitForStageAsync(id, "verbal-agreement");
        var reads = Fake.Calls.Count(c => c.EndsWith("/batch/read", StringComparison.Ordinal));
        Fake.Change(id, "dealstage", "closedlost");   // a pull of this deal now would close it: it must not happen

        // HubSpot redelivers event 41 (attempt 1), alone and then beside a new event for another deal.
        var retry = await PostWebhookAsync($"[{Event(41, id, 1)}]");
        Fake.Change(other, "dealstage", "contractsent");
        var mixed = await PostWebhookAsync($"[{Event(41, id, 2)},{Event(42, other, 0)}]");
        await WaitForStageAsync(other, "verbal-agreement");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (retry.StatusCode, mixed.StatusCode));
        Assert.Equal(reads + 1, Fake.Calls.Count(c => c.EndsWith("/batch/read", StringComparison.Ordinal)));
        var deal = (await DealAsync(id))!.Deal;
        Assert.Equal((new StageId("verbal-agreement"), DealStatus.Open), (deal.StageId, deal.Status));
        await using var scope = _host.Services.CreateAsyncScope();
        var claims = scope.ServiceProvider.GetRequiredService<IDeliveryClaims>();
        Assert.False(await claims.TryClaimAsync("hubspot:7:41:" + id, TimeSpan.FromDays(3), CancellationToken.None));   // held in the database
    }

    private async Task WaitForStageAsync(string crmId, string stage)
    {
        var deadline = TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(20);
        while ((await DealAsync(crmId))!.Deal.StageId != new StageId(stage) && TimeProvider.System.GetUtcNow() < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal(new StageId(stage), (await DealAsync(crmId))!.Deal.StageId);
    }

    [Theory]
    [InlineData("bad-signature", 0)]
    [InlineData("good", -301)]
    [InlineData("good", 301)]
    [InlineData("missing", 0)]
    public async Task Webhook_BadOrOldSignature_401AndNothingRead(string signature, int ageSeconds)
    {
        var id = Fake.AddDeal("Untouched", "qualifiedtobuy", _dana);
        await _host.RunAsync("crm", "sync", "--full");
        Fake.Change(id, "dealstage", "contractsent");
        var calls = Fake.Calls.Count;

        var response = await PostWebhookAsync($"[{{\"objectId\":{id},\"subscriptionType\":\"deal.propertyChange\"}}]", signature, TimeSpan.FromSeconds(-ageSeconds));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(calls, Fake.Calls.Count);
        Assert.Equal(new StageId("sql"), (await DealAsync(id))!.Deal.StageId);
    }

    [Fact]
    public async Task Webhook_HugeBatch_ClearMessageNothingQueued()
    {
        var events = string.Join(',', Enumerable.Range(1, 51).Select(i => $"{{\"objectId\":{i},\"subscriptionType\":\"deal.creation\"}}"));

        var response = await PostWebhookAsync($"[{events}]");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("51 events in one batch; at most 50", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Webhook_MalformedBodyWithGoodSignature_400()
    {
        var response = await PostWebhookAsync("{\"not\":\"an array\"");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private async Task<HttpResponseMessage> PostWebhookAsync(string body, string signature = "good", TimeSpan? skew = null)
    {
        var timestamp = (TimeProvider.System.GetUtcNow() + (skew ?? TimeSpan.Zero)).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var bytes = Encoding.UTF8.GetBytes(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, HubSpotWebhooks.Path) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new("application/json");
        if (signature != "missing")
        {
            request.Headers.Add("X-HubSpot-Request-Timestamp", timestamp);
            request.Headers.Add("X-HubSpot-Signature-v3", signature == "good"
                ? HubSpotSignature.Compute(CrmHost.ClientSecret, "POST", CrmHost.PublicBaseUrl + HubSpotWebhooks.Path, bytes, timestamp)
                : "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
        }

        return await _host.Client.SendAsync(request);
    }
}
