using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesCoachBot.Data;
using SalesCoachBot.Host.Tests.Security;

namespace SalesCoachBot.Host.Tests.Chat;

/// <summary>
/// Issue 17, points 3 and 4, through the whole host (real core, SQLite with the demo data): the reply language comes
/// from the Teams activity's locale, from Slack's <c>users.info</c> locale, or from what the person wrote.
/// </summary>
public sealed class RepliesInTheirLanguageTests : IAsyncLifetime
{
    private const string DanaAad = "00000000-0000-0000-0000-0000000000020";
    private readonly ConnectorRecorder connector = new();
    private TrustHost host = null!;

    public async Task InitializeAsync() => host = await TrustHost.StartAsync("Development", new Dictionary<string, string>
    {
        ["Teams:AllowUnauthenticated"] = "true",
        ["Slack:SigningSecret"] = TrustHost.SigningSecret,
        ["Slack:BotToken"] = "xoxb-host-token",
        ["Slack:AllowedTeamIds:0"] = "T0OURS",
        // The Slack locale is what these tests are about: a loaded machine must not answer before users.info has.
        ["Slack:UserLookupBudget"] = "00:01:00",
    }, connector);

    public async Task DisposeAsync() => await host.DisposeAsync();

    private static JsonObject TeamsMessage(string id, string text, string? locale) => new()
    {
        ["type"] = "message",
        ["id"] = id,
        ["channelId"] = "msteams",
        ["serviceUrl"] = "https://smba.test/amer/",
        ["from"] = new JsonObject { ["id"] = "29:" + DanaAad, ["name"] = "Dana", ["aadObjectId"] = DanaAad },
        ["recipient"] = new JsonObject { ["id"] = "28:bot", ["name"] = "Sales Coach" },
        ["conversation"] = new JsonObject { ["id"] = "a:personal-dana", ["conversationType"] = "personal", ["tenantId"] = "tenant-1" },
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = "tenant-1" } },
        ["text"] = text,
        ["locale"] = locale,
    };

    private async Task<JsonNode> TeamsAsync(JsonObject activity)
    {
        var before = connector.Calls.Count;
        var response = await host.Client.PostAsync("/api/messages", new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.True(response.IsSuccessStatusCode, $"HTTP {(int)response.StatusCode}");
        return JsonNode.Parse(await TeamsReplies.WaitForReplyAsync(() => connector.Calls, before, activity["id"]!.GetValue<string>()))!;
    }

    private static string Readable(JsonNode node) =>
        node.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private static JsonNode? Card(JsonNode reply) => reply["attachments"]?[0]?["content"];

    [Fact]
    public async Task Teams_ActivityLocaleArSa_ArabicChecklistCardRightToLeft()
    {
        var reply = await TeamsAsync(TeamsMessage("act-ar-1", "what's next for Initech", "ar-SA"));

        var card = Card(reply)!;
        Assert.True((bool?)card["rtl"]);
        Assert.Equal("1.5", (string?)card["version"]);
        var text = Readable(card);
        Assert.Contains("قائمة الخروج من المرحلة", text, StringComparison.Ordinal);
        Assert.Contains("\u2068Initech\u2069", text, StringComparison.Ordinal);
        Assert.Contains("تأكيد", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Teams_EnglishLocale_EnglishCardLeftToRight()
    {
        var reply = await TeamsAsync(TeamsMessage("act-en-1", "what's next for Initech", "en-US"));

        var card = Card(reply)!;
        Assert.Null(card["rtl"]);
        Assert.Contains("Exit checklist", Readable(card), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Teams_PersonSetToEnglishWritesArabic_AnsweredInArabic()
    {
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SalesCoachDbContext>();
            var dana = await db.People.SingleAsync(p => p.Email == "dana@example.com");
            dana.Language = "en";
            await db.SaveChangesAsync();
        }

        var reply = await TeamsAsync(TeamsMessage("act-ar-2", "ما التالي لصفقة Initech", "en-US"));

        // Understood, the checklist; not understood, the help: Arabic either way.
        var card = Card(reply)!;
        Assert.True((bool?)card["rtl"]);
        var text = Readable(card);
        Assert.True(text.Contains("قائمة الخروج من المرحلة", StringComparison.Ordinal) || text.Contains("مساعدة SalesCoachBot", StringComparison.Ordinal), text);
    }

    [Fact]
    public async Task Slack_SignedCommandFromUserWithArabicLocale_ArabicBlocks()
    {
        host.Slack.Answer("users.info", """{"ok":true,"user":{"id":"U0DEMO","name":"dana","locale":"ar-SA","profile":{}}}""");

        var answer = JsonNode.Parse(await host.CommandAnswerAsync(new Dictionary<string, string>
        {
            ["command"] = "/coach",
            ["text"] = "next initech",
            ["user_id"] = "U0DEMO",
            ["user_name"] = "dana",
            ["team_id"] = "T0OURS",
            ["channel_id"] = "C0SALES",
            ["response_url"] = "https://hooks.slack.com/commands/T0/1/abc",
            ["trigger_id"] = "1.2.3",
        }))!;

        var blocks = Readable(answer["blocks"]!);
        Assert.Contains("*قائمة الخروج من المرحلة*", blocks, StringComparison.Ordinal);
        Assert.Contains("\u2068Initech\u2069", blocks, StringComparison.Ordinal);
        Assert.Contains("\"text\":\"مطلوب\"", blocks, StringComparison.Ordinal);
        Assert.Equal("\u2068Initech\u2069 — العرض التوضيحي / الحل", (string?)answer["text"]);
        Assert.Contains("include_locale=true", host.Slack.CallsTo("users.info").First(), StringComparison.Ordinal);
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
