using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Data;
using SalesCoachBot.Data.Imports;
using SalesCoachBot.Host.Tests.Security;

namespace SalesCoachBot.Host.Tests.Chat;

/// <summary>
/// Issue 18 parts 1 and 2 through the whole host (real core, SQLite with the demo data): an SMB team on its own map
/// (<c>ProcessMap:Paths</c>) beside the shipped one, asked about in Teams (the Bot Connector played by a recorder) and
/// in Slack (signed requests; Web API faked); a map change in force moving a deal out of a merged stage; a refused one
/// told to the admin by direct message. A reload is what the file watcher triggers, called here directly.
/// </summary>
public sealed class TeamMapsInChatTests : IAsyncLifetime
{
    private const string SamAad = "00000000-0000-0000-0000-0000000000070";
    private const string SamSlack = "U0SAM";
    private const string AdminSlack = "U0ADMIN";

    private const string SmbMap = SmbTeamMap.Yaml;

    private readonly ConnectorRecorder connector = new();
    private readonly string mapFolder = Directory.CreateTempSubdirectory("scb-teammaps-").FullName;
    private TrustHost host = null!;

    /// <summary>The SMB map's file (<c>ProcessMap:Paths:0</c>).</summary>
    private string MapPath => Path.Combine(mapFolder, "smb.yaml");

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(MapPath, SmbMap);
        host = await TrustHost.StartAsync("Development", new Dictionary<string, string>
        {
            ["Teams:AllowUnauthenticated"] = "true",
            ["Slack:SigningSecret"] = TrustHost.SigningSecret,
            ["Slack:BotToken"] = "xoxb-host-token",
            ["Slack:AllowedTeamIds:0"] = "T0OURS",
            ["ProcessMap:Paths:0"] = MapPath,
            ["ProcessMap:Watch"] = "false",
            ["Nudges:DispatchInterval"] = "00:00:00.200",
        }, connector);

        // The SMB team chooses its map in teams.csv; Sam is on it, reachable in Teams and Slack; the admin in Slack.
        await ImportAsync(ImportKind.Teams, "team,time_zone,map\nSMB,Europe/Berlin,smb\n");
        await ImportAsync(ImportKind.People,
            $"email,name,team,role,teams_aad_object_id,slack_user_id\nsam@example.com,Sam Small,SMB,rep,{SamAad},{SamSlack}\n");
        await ImportAsync(ImportKind.Deals,
            "external_id,name,owner_email,team,stage\n7001,Tiny Co,sam@example.com,SMB,qualify\n7003,Merge Co,sam@example.com,SMB,trial\n");
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SalesCoachDbContext>();
        var admin = await db.People.SingleAsync(p => p.Email == "admin@example.com");
        admin.SlackUserId = AdminSlack;
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        Directory.Delete(mapFolder, recursive: true);
    }

    private async Task ImportAsync(ImportKind kind, string csv)
    {
        var path = Path.Combine(host.Folder, $"{kind}.csv");
        await File.WriteAllTextAsync(path, csv);
        await using var scope = host.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<CsvImportService>().ImportAsync(kind, path, null, CancellationToken.None);
        Assert.True(result.IsClean, $"{kind}: {result.FileError} {string.Join("; ", result.Rejections)}");
    }

    /// <summary>What the file watcher does when the SMB map file is saved: the file reread and, if it passes, put in force.</summary>
    private async Task<ProcessMapReloadResult> SaveMapAsync(string yaml)
    {
        await File.WriteAllTextAsync(MapPath, yaml);
        var source = host.Services.GetRequiredService<ProcessMapCatalog>().Find("smb");
        Assert.NotNull(source);
        return await source.ReloadAsync(CancellationToken.None);
    }

    private static string MergedTrialIntoPilot(string yaml) => yaml
        .Replace("version: 1", "version: 2", StringComparison.Ordinal)
        .Replace("next: trial", "next: pilot", StringComparison.Ordinal)
        .Replace("  - id: trial\n    name: Trial\n", "  - id: pilot\n    name: Pilot\n    replaces: [trial]\n", StringComparison.Ordinal);

    private static async Task UntilAsync(Func<bool> condition, string what)
    {
        var until = TimeProvider.System.GetUtcNow().AddSeconds(20);
        while (!condition())
        {
            Assert.True(TimeProvider.System.GetUtcNow() < until, $"Timed out waiting for {what}.");
            await Task.Delay(20);
        }
    }

    private static JsonObject TeamsMessage(string id, string text, string aadObjectId) => new()
    {
        ["type"] = "message",
        ["id"] = id,
        ["channelId"] = "msteams",
        ["serviceUrl"] = "https://smba.test/amer/",
        ["from"] = new JsonObject { ["id"] = "29:" + aadObjectId, ["name"] = "Someone", ["aadObjectId"] = aadObjectId },
        ["recipient"] = new JsonObject { ["id"] = "28:bot", ["name"] = "Sales Coach" },
        ["conversation"] = new JsonObject { ["id"] = "a:personal-" + aadObjectId, ["conversationType"] = "personal", ["tenantId"] = "tenant-1" },
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = "tenant-1" } },
        ["text"] = text,
    };

    private async Task<string> TeamsAsync(string id, string text, string aadObjectId = SamAad)
    {
        var before = connector.Calls.Count;
        var response = await host.Client.PostAsync("/api/messages", new StringContent(TeamsMessage(id, text, aadObjectId).ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.True(response.IsSuccessStatusCode, $"HTTP {(int)response.StatusCode}");
        return Decoded(await TeamsReplies.WaitForReplyAsync(() => connector.Calls, before, id));
    }

    private async Task<string> SlackAsync(string text, string user = SamSlack)
    {
        var answer = await host.CommandAnswerAsync(new Dictionary<string, string>
        {
            ["command"] = "/coach",
            ["text"] = text,
            ["user_id"] = user,
            ["user_name"] = "someone",
            ["team_id"] = "T0OURS",
            ["channel_id"] = "C0SALES",
            ["response_url"] = "https://hooks.slack.com/commands/T0/1/abc",
            ["trigger_id"] = "1.2.3",
        });
        return Decoded(answer);
    }

    private static string Decoded(string json) =>
        JsonNode.Parse(json)?.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) ?? string.Empty;

    private async Task<Deal> DealAsync(string externalId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SalesCoachDbContext>();
        return await db.Deals.AsNoTracking().SingleAsync(d => d.ExternalId == externalId);
    }

    [Fact]
    public async Task TeamsAndSlack_DealOfATeamOnItsOwnMap_AnswersWithThatMapsChecklist()
    {
        var teams = await TeamsAsync("act-map-1", "what's next for tiny co");
        var slack = await SlackAsync("what's next for tiny co");
        var done = await SlackAsync("done pain written for tiny co");

        foreach (var reply in new[] { teams, slack })
        {
            Assert.Contains("Tiny Co — Qualify", reply, StringComparison.Ordinal);
            Assert.Contains("Buyer's problem written down", reply, StringComparison.Ordinal);
            Assert.DoesNotContain("Brand awareness", reply, StringComparison.Ordinal);   // the shipped map's first stage
        }

        Assert.Contains("Tiny Co — Trial", done, StringComparison.Ordinal);
        Assert.Equal(new StageId("trial"), (await DealAsync("7001")).StageId);
    }

    [Fact]
    public async Task TeamsAndSlack_ShowTheMap_DrawsTheAskersOrTheNamedTeamsMap()
    {
        var own = await TeamsAsync("act-map-2", "show the map");
        var named = await SlackAsync("map for smb", AdminSlack);
        var shipped = await SlackAsync("map for emea", AdminSlack);

        Assert.Contains("SMB fast track", own, StringComparison.Ordinal);
        Assert.Contains("Trial", own, StringComparison.Ordinal);
        Assert.Contains("SMB fast track", named, StringComparison.Ordinal);
        Assert.DoesNotContain("SMB fast track", shipped, StringComparison.Ordinal);
        Assert.Contains("Existing customer", shipped, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Slack_PipelineOfTheSmbTeam_CountsByItsMapsStages()
    {
        var pipeline = await SlackAsync("pipeline smb", AdminSlack);
        var mixed = await SlackAsync("pipeline", AdminSlack);

        Assert.Contains("Pipeline for SMB", pipeline, StringComparison.Ordinal);
        Assert.Contains("Open: 2 deals", pipeline, StringComparison.Ordinal);
        Assert.Contains("Several process maps", mixed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TeamsAndSlack_MapChangeMergesTheDealsStage_DealMovedWithConfirmationAndHistory()
    {
        await TeamsAsync("act-map-3", "done price agreed for merge co");

        var reload = await SaveMapAsync(MergedTrialIntoPilot(SmbMap));
        var card = await SlackAsync("what's next for merge co");
        var history = await TeamsAsync("act-map-4", "history of merge co");

        Assert.True(reload.Applied, reload.ToString());
        Assert.Contains("Merge Co — Pilot", card, StringComparison.Ordinal);
        // Block Kit: a confirmed item is a line with a tick, an open one a checkbox option.
        Assert.Contains(":white_check_mark: Price agreed with the buyer", card, StringComparison.Ordinal);
        Assert.Contains("{\"type\":\"plain_text\",\"text\":\"Three buyer users logged in during the trial\"", card, StringComparison.Ordinal);
        Assert.Contains("Moved to Pilot by the map change v1→v2", history, StringComparison.Ordinal);
        Assert.Contains("map v2", history, StringComparison.Ordinal);
        var deal = await DealAsync("7003");
        Assert.Equal(new StageId("pilot"), deal.StageId);
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SalesCoachDbContext>();
        var moved = await db.StageHistory.AsNoTracking().Where(h => h.DealId == deal.Id && h.Kind == StageChangeKind.MapChange).SingleAsync();
        Assert.Equal(2, moved.MapVersion);
        Assert.Equal("map change v1→v2", moved.Reason);
    }

    [Fact]
    public async Task Slack_RefusedMapChange_AdminToldByDirectMessageAndTheOldMapStays()
    {
        // v2 drops the trial stage without 'replaces': Merge Co would be stranded.
        var dropped = SmbMap
            .Replace("version: 1", "version: 2", StringComparison.Ordinal)
            .Replace("next: trial", "next: signed", StringComparison.Ordinal);
        dropped = dropped.Remove(dropped.IndexOf("  - id: trial", StringComparison.Ordinal), dropped.IndexOf("  - id: signed", StringComparison.Ordinal) - dropped.IndexOf("  - id: trial", StringComparison.Ordinal));

        host.Slack.Answer("conversations.open", """{"ok":true,"channel":{"id":"D0ADMIN"}}""");
        var reload = await SaveMapAsync(dropped);
        await UntilAsync(() => host.Slack.CallsTo("chat.postMessage").Any(c => c.Contains("was refused", StringComparison.Ordinal)), "the admin's direct message");
        var card = await SlackAsync("what's next for merge co");

        Assert.False(reload.Applied);
        var dm = Decoded(host.Slack.CallsTo("chat.postMessage").First(c => c.Contains("was refused", StringComparison.Ordinal)));
        Assert.Contains(host.Slack.CallsTo("conversations.open"), c => c.Contains(AdminSlack, StringComparison.Ordinal));
        Assert.Contains("D0ADMIN", dm, StringComparison.Ordinal);
        Assert.Contains("smb.yaml", dm, StringComparison.Ordinal);
        Assert.Contains("7003", dm, StringComparison.Ordinal);
        Assert.Contains("SMB fast track version 1 stays in force", dm, StringComparison.Ordinal);
        Assert.DoesNotContain(host.Slack.CallsTo("conversations.open"), c => c.Contains(SamSlack, StringComparison.Ordinal));   // reps are not told
        Assert.Contains("Merge Co — Trial", card, StringComparison.Ordinal);
        Assert.Equal(new StageId("trial"), (await DealAsync("7003")).StageId);
    }

    /// <summary>The Bot Connector: records each reply's JSON and accepts it.</summary>
    private sealed class ConnectorRecorder : HttpMessageHandler
    {
        private readonly ConcurrentQueue<string> calls = new();

        public IReadOnlyList<string> Calls => [.. calls];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            calls.Enqueue(request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken));
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"id":"reply-1"}""", Encoding.UTF8, "application/json") };
        }
    }
}
