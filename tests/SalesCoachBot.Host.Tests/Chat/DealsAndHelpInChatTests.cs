using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Data;
using SalesCoachBot.Host.Tests.Security;

namespace SalesCoachBot.Host.Tests.Chat;

/// <summary>
/// Issue 15, points 8 and 10, through the whole host (real core, SQLite with the demo data): "new deal" and "help"
/// said in Teams (the Bot Connector played by a recorder) and in Slack (signed requests; Web API faked).
/// </summary>
public sealed class DealsAndHelpInChatTests : IAsyncLifetime
{
    private const string DanaAad = "00000000-0000-0000-0000-0000000000020";
    private const string MorganAad = "00000000-0000-0000-0000-0000000000030";
    private readonly List<TrustHost> hosts = [];
    private readonly ConnectorRecorder connector = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var host in hosts)
        {
            await host.DisposeAsync();
        }
    }

    private async Task<TrustHost> StartAsync(IDictionary<string, string>? extra = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["Teams:AllowUnauthenticated"] = "true",
            ["Slack:SigningSecret"] = TrustHost.SigningSecret,
            ["Slack:BotToken"] = "xoxb-host-token",
            ["Slack:AllowedTeamIds:0"] = "T0OURS",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        var host = await TrustHost.StartAsync("Development", settings, connector);
        hosts.Add(host);

        // Morgan (manager of EMEA and Americas) chats in Teams and Slack too.
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SalesCoachDbContext>();
        var morgan = await db.People.SingleAsync(p => p.Email == "morgan@example.com");
        morgan.TeamsAadObjectId = MorganAad;
        morgan.SlackUserId = "U0MORGAN";
        await db.SaveChangesAsync();
        return host;
    }

    /// <summary>Waits (bounded) for what a background job does: the Teams reply or Slack's queued answer.</summary>
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

    /// <summary>Posts an activity (no token: Development with <c>Teams:AllowUnauthenticated</c>) and returns the bot's reply as JSON text.</summary>
    private async Task<string> TeamsAsync(TrustHost host, JsonObject activity)
    {
        var before = connector.Calls.Count;
        var response = await host.Client.PostAsync("/api/messages", new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.True(response.IsSuccessStatusCode, $"HTTP {(int)response.StatusCode}");
        return Decoded(await TeamsReplies.WaitForReplyAsync(() => connector.Calls, before, activity["id"]!.GetValue<string>()));
    }

    /// <summary>JSON as people read it: escapes (\u2014, \u0027) undone, so texts can be looked for.</summary>
    private static string Decoded(string json) =>
        JsonNode.Parse(json)?.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) ?? string.Empty;

    private static Dictionary<string, string> SlashCommand(string text, string user) => new()
    {
        ["command"] = "/coach",
        ["text"] = text,
        ["user_id"] = user,
        ["user_name"] = "someone",
        ["team_id"] = "T0OURS",
        ["channel_id"] = "C0SALES",
        ["response_url"] = "https://hooks.slack.com/commands/T0/1/abc",
        ["trigger_id"] = "1.2.3",
    };

    private static async Task<string> SlackAnswerAsync(TrustHost host, Dictionary<string, string> command) =>
        Decoded(await host.CommandAnswerAsync(command));

    /// <summary>
    /// The messages posted to Dana's DM, where her events are answered. The host's own jobs post too (a manager's notice
    /// to Morgan's DM once the day's digest is due), so counting every chat.postMessage depends on the hour.
    /// </summary>
    private static List<string> PostedToDana(TrustHost host) =>
        [.. host.Slack.CallsTo("chat.postMessage").Where(body => JsonNode.Parse(body)?["channel"]?.GetValue<string>() == "D0DANA")];

    /// <summary>An Events API body signed as Slack signs it, with Slack's retry header when <paramref name="retry"/> is set.</summary>
    private static Task<HttpResponseMessage> PostSignedEventAsync(TrustHost host, string eventId, string text, int? retry = null)
    {
        var body = new JsonObject
        {
            ["type"] = "event_callback",
            ["team_id"] = "T0OURS",
            ["api_app_id"] = "A0COACH",
            ["event_id"] = eventId,
            ["event_time"] = 1_700_000_000,
            ["event"] = new JsonObject
            {
                ["type"] = "message",
                ["channel_type"] = "im",
                ["channel"] = "D0DANA",
                ["user"] = "U0DEMO",
                ["text"] = text,
                ["ts"] = "1700000000.000100",
            },
        }.ToJsonString();
        var timestamp = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(TrustHost.SigningSecret), Encoding.UTF8.GetBytes($"v0:{timestamp}:{body}")));
        var request = new HttpRequestMessage(HttpMethod.Post, "/slack/events") { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", signature);
        if (retry is { } n)
        {
            request.Headers.Add("X-Slack-Retry-Num", n.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add("X-Slack-Retry-Reason", "http_timeout");
        }

        return host.Client.SendAsync(request);
    }

    private static async Task<List<Deal>> DealsNamedAsync(TrustHost host, string name)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SalesCoachDbContext>();
        return await db.Deals.AsNoTracking().Where(d => d.Name == name).ToListAsync();
    }

    [Fact]
    public async Task Teams_NewDealRetriedWithTheSameActivity_OneDealFoundByNameRightAfter()
    {
        var host = await StartAsync();
        var start = ProcessMapLoader.Default.GetStage(ProcessMapLoader.Default.Start);

        var first = await TeamsAsync(host, TeamsMessage("act-new-1", "new deal Zenith Labs 50k EUR", DanaAad));
        var retried = await TeamsAsync(host, TeamsMessage("act-new-1", "new deal Zenith Labs 50k EUR", DanaAad));
        var found = await TeamsAsync(host, TeamsMessage("act-next-1", "what's next for zenith labs", DanaAad));

        var deal = Assert.Single(await DealsNamedAsync(host, "Zenith Labs"));
        Assert.Equal(50_000m, deal.Amount);
        Assert.Equal("EUR", deal.Currency);
        Assert.Equal(start.Id, deal.StageId);
        Assert.Equal("1022", deal.ExternalId);   // the demo data ends at #1021
        Assert.Contains("Created Zenith Labs (#1022)", first, StringComparison.Ordinal);
        Assert.Contains("Created Zenith Labs (#1022)", retried, StringComparison.Ordinal);
        Assert.Contains($"Zenith Labs — {start.Name}", found, StringComparison.Ordinal);
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SalesCoachDbContext>();
        var entered = Assert.Single(await db.StageHistory.AsNoTracking().Where(h => h.DealId == deal.Id).ToListAsync());
        Assert.Equal(StageChangeKind.Entered, entered.Kind);
        var dana = await db.People.AsNoTracking().SingleAsync(p => p.Email == "dana@example.com");
        Assert.Equal(dana.Id, deal.OwnerId);
        Assert.Equal(dana.Id, entered.ByPersonId);
    }

    [Fact]
    public async Task Teams_NewDealNamedLikeAnOpenOne_AnsweredWithTheExistingDeal()
    {
        var host = await StartAsync();

        var reply = await TeamsAsync(host, TeamsMessage("act-dup-1", "new deal Contoso Ltd", DanaAad));

        Assert.Contains("Contoso expansion already exists: #1008", reply, StringComparison.Ordinal);
        Assert.Empty(await DealsNamedAsync(host, "Contoso Ltd"));
    }

    [Fact]
    public async Task Teams_Help_RepSeesDealCommandsManagerAlsoTeamCommands()
    {
        var host = await StartAsync();

        var rep = await TeamsAsync(host, TeamsMessage("act-help-1", "help", DanaAad));
        var manager = await TeamsAsync(host, TeamsMessage("act-help-2", "help", MorganAad));

        foreach (var reply in new[] { rep, manager })
        {
            Assert.Contains("next step for Initech", reply, StringComparison.Ordinal);
            Assert.Contains("new deal Contoso", reply, StringComparison.Ordinal);
            Assert.Contains("history of Initech", reply, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("use this channel for", rep, StringComparison.Ordinal);
        Assert.DoesNotContain("what do we need to hit", rep, StringComparison.Ordinal);
        Assert.Contains("use this channel for EMEA nudges", manager, StringComparison.Ordinal);
        Assert.Contains("what do we need to hit 2M", manager, StringComparison.Ordinal);
        Assert.Contains("move Initech to proposal", manager, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Slack_NewDealEventRedeliveredAndSentTwice_OneDeal()
    {
        var host = await StartAsync();

        Assert.Equal(HttpStatusCode.OK, (await PostSignedEventAsync(host, "Ev0NEW1", "new deal Zenith Labs at discovery")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostSignedEventAsync(host, "Ev0NEW1", "new deal Zenith Labs at discovery", retry: 1)).StatusCode);
        await UntilAsync(() => PostedToDana(host).Count >= 1, "the answer to the first event");
        // The same words sent again as a new message (a double send): still the one deal, answered as created.
        Assert.Equal(HttpStatusCode.OK, (await PostSignedEventAsync(host, "Ev0NEW2", "new deal Zenith Labs at discovery")).StatusCode);
        await UntilAsync(() => PostedToDana(host).Count >= 2, "the answer to the second event");

        var deal = Assert.Single(await DealsNamedAsync(host, "Zenith Labs"));
        Assert.Equal(new StageId("discovery"), deal.StageId);
        var answers = PostedToDana(host).Select(Decoded).ToList();
        Assert.Equal(2, answers.Count);
        Assert.All(answers, a => Assert.Contains($"Created Zenith Labs (#{deal.ExternalId})", a, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Slack_Help_RepAndManagerThroughTheSlashCommand()
    {
        var host = await StartAsync();

        var rep = await SlackAnswerAsync(host, SlashCommand("help", "U0DEMO"));
        var manager = await SlackAnswerAsync(host, SlashCommand("help", "U0MORGAN"));

        Assert.Contains("note for Initech", rep, StringComparison.Ordinal);
        Assert.Contains("snooze Initech 3 days", rep, StringComparison.Ordinal);
        Assert.DoesNotContain("pipeline EMEA", rep, StringComparison.Ordinal);
        Assert.Contains("pipeline EMEA", manager, StringComparison.Ordinal);
        Assert.Contains("use this channel for EMEA nudges", manager, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Slack_NewDealByAManagerOfTwoTeams_AskedWhichTeamThenCreatedInTheNamedOne()
    {
        var host = await StartAsync();

        var which = await SlackAnswerAsync(host, SlashCommand("new deal Zenith Labs", "U0MORGAN"));
        var made = await SlackAnswerAsync(host, SlashCommand("new deal Zenith Labs for team Americas", "U0MORGAN"));

        Assert.Contains("Which team is the deal for? Press its button", which, StringComparison.Ordinal);
        Assert.Contains("Created Zenith Labs", made, StringComparison.Ordinal);
        var deal = Assert.Single(await DealsNamedAsync(host, "Zenith Labs"));
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SalesCoachDbContext>();
        Assert.Equal("Americas", (await db.Teams.AsNoTracking().SingleAsync(t => t.Id == deal.TeamId)).Name);
    }

    [Fact]
    public async Task Slack_NewDealWithACrm_RefusedAndNothingStored()
    {
        // A complete HubSpot setting (the token is required), pointed at a closed local port: no CRM is reached here.
        var host = await StartAsync(new Dictionary<string, string>
        {
            ["Crm:Provider"] = "hubspot",
            ["Crm:HubSpot:AccessToken"] = "pat-na1-test",
            ["Crm:HubSpot:BaseUrl"] = "http://127.0.0.1:9",
        });

        var answer = await SlackAnswerAsync(host, SlashCommand("new deal Zenith Labs", "U0DEMO"));
        var help = await SlackAnswerAsync(host, SlashCommand("help", "U0DEMO"));

        Assert.Contains("managed in HubSpot", answer, StringComparison.Ordinal);
        Assert.Empty(await DealsNamedAsync(host, "Zenith Labs"));
        Assert.DoesNotContain("new deal Contoso", help, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_UnknownCrmProvider_Refused()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => StartAsync(new Dictionary<string, string> { ["Crm:Provider"] = "excel" }));

        Assert.Contains("Crm:Provider", error.ToString(), StringComparison.Ordinal);
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

    [Fact]
    public async Task Teams_WhatDidIDoThisWeek_TheRepsOwnNoteOnTheCard()
    {
        var host = await StartAsync();

        await TeamsAsync(host, TeamsMessage("act-acts-1", "note for Initech: CFO wants ROI", DanaAad));
        var reply = await TeamsAsync(host, TeamsMessage("act-acts-2", "what did I do this week", DanaAad));

        Assert.Contains("AdaptiveCard", reply, StringComparison.Ordinal);
        Assert.Contains("What you did", reply, StringComparison.Ordinal);
        // The demo data dates Dana's Acme advance three days back: from Thursday to Sunday it is in this week too
        // ("you wrote 1 note, moved a deal 1 time."), so the sentence is not expected to end after the note.
        Assert.Contains(", you wrote 1 note", reply, StringComparison.Ordinal);
        Assert.Contains("Initech (#1002)", reply, StringComparison.Ordinal);
        Assert.Contains("Note: CFO wants ROI", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Slack_WhatDidIDoToday_TheRepsOwnCallInBlockKit()
    {
        var host = await StartAsync();

        await SlackAnswerAsync(host, SlashCommand("called Globex, they want a discount", "U0DEMO"));
        var answer = await SlackAnswerAsync(host, SlashCommand("what did I do today", "U0DEMO"));

        Assert.Contains("\"blocks\"", answer, StringComparison.Ordinal);
        Assert.Contains("you logged 1 call.", answer, StringComparison.Ordinal);
        Assert.Contains("Globex renewal (#1003)", answer, StringComparison.Ordinal);
        Assert.Contains("A call (they want a discount)", answer, StringComparison.Ordinal);
    }
}
