using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SalesCoachBot.Core;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Data;
using SalesCoachBot.Host.Cli;

namespace SalesCoachBot.Host.Tests.Cli;

/// <summary>
/// Issue 18 through the command line over a real SQLite database: an SMB team on its own map (ProcessMap:Paths) beside
/// the shipped map, imports checked against each team's map, <c>ask</c> answering from the deal's team's map, and a
/// map change (a stage merged with <c>replaces</c>) moving the SMB deal when the next command line starts.
/// </summary>
public sealed class TeamMapAskTests : IAsyncLifetime
{
    private const string SmbMap = SmbTeamMap.Yaml;

    private readonly string _dir = Directory.CreateTempSubdirectory("scb-teammap-").FullName;
    private ServiceProvider _services = null!;

    private string MapPath => Path.Combine(_dir, "smb.yaml");

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(MapPath, SmbMap);
        _services = Build();
        await _services.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
        Assert.Equal(0, await RunAsync("import", "teams", Write("teams.csv", "team,time_zone,map\nSMB,Europe/Berlin,smb\n")));
        Assert.Equal(0, await RunAsync("import", "people", Write("people.csv", "email,name,team,role\nsam@example.com,Sam Small,SMB,rep\n")));
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>A fresh container over the same database: what the next command line sees (the map files as they are now).</summary>
    private ServiceProvider Build()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero)));
        var options = new DatabaseOptions { Provider = "Sqlite", ConnectionString = $"Data Source={Path.Combine(_dir, "ask.db")}", SeedDemo = true };
        services.AddSalesCoachDataCore(_ => options);
        services.AddSalesCoachCore(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ProcessMap:Paths:0"] = MapPath, ["ProcessMap:Watch"] = "false" })
            .Build());
        services.AddCliVerbs();
        return services.BuildServiceProvider();
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private readonly StringWriter _out = new();
    private readonly StringWriter _err = new();

    private async Task<int> RunAsync(string verb, params string[] args)
    {
        _out.GetStringBuilder().Clear();
        _err.GetStringBuilder().Clear();
        return await CliVerbs.RunAsync(_services, verb, args, new CliContext(_out, _err), CancellationToken.None);
    }

    private async Task<string> AskAsync(string text, string email = "sam@example.com")
    {
        Assert.Equal(0, await RunAsync("ask", text, "--as", email));
        return _out.ToString();
    }

    [Fact]
    public async Task Ask_DealOfATeamWithItsOwnMap_AnswersFromThatMap()
    {
        Assert.Equal(0, await RunAsync("import", "deals", Write("deals.csv", "external_id,name,owner_email,team,stage\n7001,Tiny Co,sam@example.com,SMB,qualify\n")));

        var first = await AskAsync("what's next for tiny co");
        var done = await AskAsync("done pain written for tiny co");

        Assert.Contains("Tiny Co — Qualify", first, StringComparison.Ordinal);
        Assert.Contains("Buyer's problem written down", first, StringComparison.Ordinal);
        Assert.Contains("Tiny Co — Trial", done, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_NewDealInATeamOnItsOwnMap_StartsAtThatMapsFirstStage()
    {
        var made = await AskAsync("new deal Small Biz 5k EUR");
        var atTrial = await AskAsync("new deal Other Biz at trial");
        var unknown = await AskAsync("new deal Third Biz at discovery");

        Assert.Contains("Small Biz — Qualify", made, StringComparison.Ordinal);
        Assert.Contains("Buyer's problem written down", made, StringComparison.Ordinal);
        Assert.Contains("Other Biz — Trial", atTrial, StringComparison.Ordinal);
        Assert.Contains("I don't know a stage called \"discovery\". Stages: Qualify, Trial, Signed.", unknown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MapShow_Team_DrawsThatTeamsMap()
    {
        Assert.Equal(0, await RunAsync("map", "show", "--team", "SMB", "--no-counts"));
        var smb = _out.ToString();
        Assert.Equal(0, await RunAsync("map", "show", "--no-counts"));
        var shipped = _out.ToString();

        Assert.Contains("qualify", smb, StringComparison.Ordinal);
        Assert.DoesNotContain("discovery", smb, StringComparison.Ordinal);
        Assert.Contains("discovery", shipped, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportDeals_StageOfAnotherTeamsMap_IsRefusedNamingTheTeamsMap()
    {
        var exit = await RunAsync("import", "deals", Write("deals.csv", "external_id,name,owner_email,team,stage\n7002,Wrong Co,sam@example.com,SMB,discovery\n"));

        Assert.NotEqual(0, exit);
        Assert.Contains("unknown stage 'discovery' (map 'SMB fast track' has: qualify, trial, signed)", _out.ToString() + _err.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportTeams_UnknownMap_IsRefusedNamingTheMaps()
    {
        var exit = await RunAsync("import", "teams", Write("teams2.csv", "team,map\nMidmarket,enterprise\n"));

        Assert.NotEqual(0, exit);
        Assert.Contains("map 'enterprise' is not a configured process map (the maps are: smb, default)", _out.ToString() + _err.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_AfterTheTeamsMapMergedAStage_TheDealMovedWithItsHistoryAndConfirmations()
    {
        Assert.Equal(0, await RunAsync("import", "deals", Write("deals.csv", "external_id,name,owner_email,team,stage\n7003,Merge Co,sam@example.com,SMB,trial\n")));
        await AskAsync("done price agreed for merge co");

        await MergeTrialIntoPilotAsync();

        var card = await AskAsync("what's next for merge co");
        var history = await AskAsync("history of merge co");

        Assert.Contains("Merge Co — Pilot", card, StringComparison.Ordinal);
        Assert.Contains("[x] Price agreed with the buyer", card, StringComparison.Ordinal);
        Assert.Contains("[ ] Three buyer users logged in during the trial", card, StringComparison.Ordinal);
        Assert.Contains("Moved to Pilot by the map change to v2", history, StringComparison.Ordinal);
        Assert.Contains("map v2", history, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportHistory_StageTheMapReplaced_StoredAsTheReplacingStageAndNotTwice()
    {
        Assert.Equal(0, await RunAsync("import", "deals", Write("deals.csv", "external_id,name,owner_email,team,stage\n7006,Past Co,sam@example.com,SMB,qualify\n")));
        Assert.Equal(0, await RunAsync("import", "history", Write("before.csv", "external_id,stage,entered_at\n7006,trial,2026-10-01\n")));
        await MergeTrialIntoPilotAsync();

        // The file from before the merge again, and one more row under the old id.
        var exit = await RunAsync("import", "history", Write("after.csv", "external_id,stage,entered_at\n7006,trial,2026-10-01\n7006,trial,2026-10-20\n"));
        var output = _out.ToString() + _err.ToString();

        Assert.Equal(0, exit);
        Assert.DoesNotContain("unknown stage", output, StringComparison.Ordinal);
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SalesCoachDbContext>();
        var rows = await db.StageHistory.AsNoTracking().Where(h => h.Kind == StageChangeKind.Imported)
            .Join(db.Deals.Where(d => d.ExternalId == "7006"), h => h.DealId, d => d.Id, (h, _) => h).ToListAsync();
        Assert.Equal(
            [("trial", new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero)), ("pilot", new DateTimeOffset(2026, 10, 20, 0, 0, 0, TimeSpan.Zero))],
            rows.OrderBy(h => h.EnteredAt).Select(h => (h.StageId.Value, h.EnteredAt)));
    }

    [Fact]
    public async Task History_AfterTheMerge_OldRowsReadAsTheNewStageAndTheCarriedConfirmationAsCarried()
    {
        Assert.Equal(0, await RunAsync("import", "deals", Write("deals.csv", "external_id,name,owner_email,team,stage\n7008,Hist Co,sam@example.com,SMB,trial\n")));
        await AskAsync("done price agreed for hist co");
        await MergeTrialIntoPilotAsync();

        var history = await AskAsync("history of hist co");

        Assert.DoesNotContain("trial", history, StringComparison.Ordinal);
        Assert.Contains("Entered Pilot", history, StringComparison.Ordinal);
        Assert.Contains("Moved to Pilot by the map change", history, StringComparison.Ordinal);
        Assert.Single(history.Split('\n'), l => l.Contains("Confirmed \"Price agreed with the buyer\" (Pilot)", StringComparison.Ordinal));
        Assert.Contains("Confirmation of \"Price agreed with the buyer\" (Pilot) carried over by the map change", history, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NurturedDeal_InTheMergedStage_ReadAsTheNewStageAndListedByMapDiff()
    {
        Assert.Equal(0, await RunAsync("import", "deals", Write("deals.csv", "external_id,name,owner_email,team,stage\n7009,Nurt Co,sam@example.com,SMB,trial\n")));
        await using (var scope = _services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SalesCoachDbContext>();
            await db.Deals.Where(d => d.ExternalId == "7009").ExecuteUpdateAsync(u => u.SetProperty(d => d.Status, DealStatus.Nurture));
        }

        await MergeTrialIntoPilotAsync();
        var card = await AskAsync("what's next for nurt co");
        var diff = await RunAsync("map", "diff", Write("smb-v1.yaml", SmbMap), MapPath);
        var listed = _out.ToString();

        Assert.Contains("Nurt Co — Pilot", card, StringComparison.Ordinal);
        Assert.DoesNotContain("does not have", card, StringComparison.Ordinal);
        Assert.Equal(0, diff);
        Assert.Contains("nurture 7009 \"Nurt Co\" trial → pilot", listed, StringComparison.Ordinal);
    }

    /// <summary>v2 of the SMB map: trial is merged into a new "pilot" stage that keeps the price item; the next command line reads it.</summary>
    private async Task MergeTrialIntoPilotAsync()
    {
        await File.WriteAllTextAsync(MapPath, SmbMap
            .Replace("version: 1", "version: 2", StringComparison.Ordinal)
            .Replace("next: trial", "next: pilot", StringComparison.Ordinal)
            .Replace("  - id: trial\n    name: Trial\n", "  - id: pilot\n    name: Pilot\n    replaces: [trial]\n", StringComparison.Ordinal));
        await _services.DisposeAsync();
        _services = Build();
    }

    [Fact]
    public async Task Verbs_MapThatStrandsADeal_RefusedAsTheHostRefusesItAndNothingChanges()
    {
        Assert.Equal(0, await RunAsync("import", "deals", Write("deals.csv", "external_id,name,owner_email,team,stage\n7004,Strand Co,sam@example.com,SMB,trial\n")));

        // v2 drops trial without naming it under 'replaces': the host refuses to start with it.
        await File.WriteAllTextAsync(MapPath, SmbMap
            .Replace("version: 1", "version: 2", StringComparison.Ordinal)
            .Replace("next: trial", "next: pilot", StringComparison.Ordinal)
            .Replace("  - id: trial\n    name: Trial\n", "  - id: pilot\n    name: Pilot\n", StringComparison.Ordinal));
        await _services.DisposeAsync();
        _services = Build();

        var ask = await RunAsync("ask", "what's next for strand co", "--as", "sam@example.com");
        var refusal = _err.ToString();
        var answered = _out.ToString();
        var import = await RunAsync("import", "deals", Write("more.csv", "external_id,name,owner_email,team,stage\n7005,Later Co,sam@example.com,SMB,pilot\n"));
        var diff = await RunAsync("map", "diff", Write("smb-v1.yaml", SmbMap), MapPath);
        var teams = await RunAsync("import", "teams", Write("teams2.csv", "team,time_zone,map\nSMB,Europe/Berlin,smb\n"));

        Assert.Equal(1, ask);
        Assert.Contains("7004 \"Strand Co\" in trial", refusal, StringComparison.Ordinal);
        Assert.Empty(answered);
        Assert.Equal(1, import);
        Assert.Equal(1, diff); // map diff still runs: it lists the stranded deal and exits 1
        Assert.Equal(0, teams);
        await using var scope = _services.CreateAsyncScope();
        var deals = scope.ServiceProvider.GetRequiredService<SalesCoachBot.Core.Abstractions.IDealStore>();
        Assert.Null(await deals.FindByExternalIdAsync("7005", CancellationToken.None));
        Assert.Equal("trial", (await deals.FindByExternalIdAsync("7004", CancellationToken.None))!.Deal.StageId.Value);
    }
}
