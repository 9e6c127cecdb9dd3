using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Data;
using SalesCoachBot.Slack.Inbound;

namespace SalesCoachBot.Host.Tests.Security;

/// <summary>
/// Issue 13 through the whole host (real core, database and demo data; Slack's Web API faked): who a Slack user is
/// (finding 3), the key ring in the database (finding 6), forwarded headers (finding 7) and the start warnings.
/// </summary>
public sealed class SlackTrustTests : IAsyncLifetime
{
    private readonly List<TrustHost> hosts = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var host in hosts)
        {
            await host.DisposeAsync();
        }
    }

    private async Task<TrustHost> StartAsync(string environment, IDictionary<string, string> settings)
    {
        var host = await TrustHost.StartAsync(environment, settings);
        hosts.Add(host);
        return host;
    }

    private static Dictionary<string, string> SlackOn(params string[] allowedTeams)
    {
        var settings = new Dictionary<string, string>
        {
            ["Slack:SigningSecret"] = TrustHost.SigningSecret,
            ["Slack:BotToken"] = "xoxb-host-token",
            // Who someone is may rest on users.info: a loaded machine must not answer before it has.
            ["Slack:UserLookupBudget"] = "00:01:00",
        };
        for (var i = 0; i < allowedTeams.Length; i++)
        {
            settings[$"Slack:AllowedTeamIds:{i}"] = allowedTeams[i];
        }

        return settings;
    }

    private static Dictionary<string, string> Command(string text, string team, string user) => new()
    {
        ["command"] = "/coach",
        ["text"] = text,
        ["user_id"] = user,
        ["user_name"] = "someone",
        ["team_id"] = team,
        ["channel_id"] = "C0SALES",
        ["response_url"] = "https://hooks.slack.com/commands/T0/1/abc",
        ["trigger_id"] = "1.2.3",
    };

    private static string UserInfo(string user, string email, bool confirmed) => JsonSerializer.Serialize(new
    {
        ok = true,
        user = new { id = user, name = "someone", is_email_confirmed = confirmed, profile = new { email } },
    });

    private static async Task<string> AnswerTextAsync(TrustHost host, Dictionary<string, string> command) =>
        JsonDocument.Parse(await host.CommandAnswerAsync(command)).RootElement.GetProperty("text").GetString()!;

    [Fact]
    public async Task Pipeline_StrangerWorkspaceUserWithAManagersUnconfirmedEmail_GetsNoPipeline()
    {
        var host = await StartAsync("Production", SlackOn("T0OURS"));
        host.Slack.Answer("users.info", UserInfo("U0STRANGER", "morgan@example.com", confirmed: false));

        var fromStranger = await AnswerTextAsync(host, Command("pipeline", "T0STRANGER", "U0STRANGER"));
        Assert.Equal(SalesCoachBot.Core.Localization.ReplyTexts.Shared.In(SalesCoachBot.Core.Localization.ReplyLanguage.English).Errors("Slack.NotServed"), fromStranger);
        Assert.Empty(host.Slack.CallsTo("users.info"));

        // Even inside an allowed workspace an email nobody confirmed is not an identity.
        var unconfirmed = await AnswerTextAsync(host, Command("pipeline", "T0OURS", "U0STRANGER"));
        Assert.Contains("don't know you", unconfirmed, StringComparison.Ordinal);
        Assert.DoesNotContain("Pipeline", unconfirmed, StringComparison.Ordinal);

        // The same email, confirmed, in an allowed workspace: the manager.
        host.Slack.Answer("users.info", UserInfo("U0MORGAN", "morgan@example.com", confirmed: true));
        var confirmed = await AnswerTextAsync(host, Command("pipeline", "T0OURS", "U0MORGAN"));
        Assert.StartsWith("Pipeline", confirmed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MyDeals_SlackUserIdPinnedToItsWorkspace_MatchesOnlyThere()
    {
        var host = await StartAsync("Production", SlackOn("T0OURS", "T0TWO"));
        var before = await AnswerTextAsync(host, Command("my deals", "T0TWO", "U0DEMO"));
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SalesCoachDbContext>();
            var dana = await db.People.SingleAsync(p => p.SlackUserId == "U0DEMO");
            dana.SlackTeamId = "T0OURS";
            await db.SaveChangesAsync();
        }

        var home = await AnswerTextAsync(host, Command("my deals", "T0OURS", "U0DEMO"));
        var other = await AnswerTextAsync(host, Command("my deals", "T0TWO", "U0DEMO"));

        // Before pinning (a record from before the column): any served workspace. After: only its own.
        Assert.StartsWith("My deals: 5 open", before, StringComparison.Ordinal);
        Assert.StartsWith("My deals: 5 open", home, StringComparison.Ordinal);
        Assert.Contains("don't know you", other, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Commands_InArabic_UnderstoodByTheRealCoreOverSignedRequests()
    {
        // Issue 17 end to end: signed /coach requests in Arabic (a Latin deal name inside), the real parser and stores.
        var host = await StartAsync("Production", SlackOn("T0OURS"));

        var mine = await AnswerTextAsync(host, Command("صفقاتي", "T0OURS", "U0DEMO"));
        var next = await AnswerTextAsync(host, Command("ما التالي لصفقة Initech؟", "T0OURS", "U0DEMO"));
        var dialect = await AnswerTextAsync(host, Command("\u200Fشو وضع Initch", "T0OURS", "U0DEMO"));
        var noise = await AnswerTextAsync(host, Command("\u064E\u064F\u0650", "T0OURS", "U0DEMO"));

        Assert.StartsWith("صفقاتي: 5 صفقات مفتوحة", mine, StringComparison.Ordinal);
        Assert.StartsWith("\u2068Initech\u2069 — ", next, StringComparison.Ordinal);
        Assert.StartsWith("\u2068Initech\u2069 — ", dialect, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(noise));
    }

    [Theory]
    [InlineData("10.0.0.1", true)]
    [InlineData("10.0.0.2", false)]
    [InlineData("192.168.7.9", true)]
    public async Task ForwardedProto_BelievedOnlyFromAKnownProxy(string remote, bool seenAsHttps)
    {
        // Development sets the cookie's Secure flag from the request's scheme alone, which shows what the host believed.
        var host = await StartAsync("Development", new Dictionary<string, string>(SlackOn("T0OURS"))
        {
            ["Slack:ClientId"] = "111.222",
            ["Slack:ClientSecret"] = "client-secret",
            ["Slack:StateSecret"] = "state-secret-for-tests-0123456789abcdef",
            ["ForwardedHeaders:KnownProxies:0"] = "10.0.0.1",
            ["ForwardedHeaders:KnownNetworks:0"] = "192.168.7.0/24",
        });

        var context = await host.Server.SendAsync(http =>
        {
            http.Request.Method = HttpMethods.Get;
            http.Request.Path = "/slack/install";
            http.Request.Headers["X-Forwarded-Proto"] = "https";
            http.Connection.RemoteIpAddress = IPAddress.Parse(remote);
        });

        Assert.Equal(StatusCodes.Status302Found, context.Response.StatusCode);
        var cookie = context.Response.Headers.SetCookie.ToString();
        Assert.Contains("slack_oauth_nonce=", cookie, StringComparison.Ordinal);
        Assert.Equal(seenAsHttps, cookie.Contains("secure", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("Production", false, true)]
    [InlineData("Production", true, false)]
    [InlineData("Development", false, false)]
    public async Task Start_NoProxyConfiguredOutsideDevelopment_WarnedNotRefused(string environment, bool proxyConfigured, bool warned)
    {
        var settings = proxyConfigured ? new Dictionary<string, string> { ["ForwardedHeaders:KnownProxies:0"] = "10.0.0.1" } : [];

        var host = await StartAsync(environment, settings);

        Assert.Equal(warned, host.Logs.Lines.Any(l => l.EventId == 8201 && l.Level == LogLevel.Warning && l.Message.Contains("ForwardedHeaders:KnownProxies", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task KeyRing_StoreDatabase_KeysInTheDatabaseNotBesideTheInstallations()
    {
        var host = await StartAsync("Production", new Dictionary<string, string>(SlackOn("T0OURS"))
        {
            ["Slack:BotToken"] = string.Empty,
            ["Slack:ClientId"] = "111.222",
            ["Slack:ClientSecret"] = "client-secret",
            ["Slack:StateSecret"] = "state-secret-for-tests-0123456789abcdef",
            ["Slack:KeyRing:Store"] = "Database",
        });
        host.Slack.Answer("oauth.v2.access", """{"ok":true,"access_token":"xoxb-ours-secret","token_type":"bot","team":{"id":"T0OURS","name":"Ours"}}""");

        var start = await host.Client.GetAsync("/slack/install");
        var state = QueryHelpers.ParseQuery(start.Headers.Location!.Query)["state"].ToString();
        var cookie = start.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
        var redirect = new HttpRequestMessage(HttpMethod.Get, $"/slack/oauth_redirect?code=c&state={Uri.EscapeDataString(state)}");
        redirect.Headers.Add("Cookie", cookie);
        var installed = await host.Client.SendAsync(redirect);

        Assert.Equal(HttpStatusCode.OK, installed.StatusCode);
        await using var scope = host.Services.CreateAsyncScope();
        var key = Assert.Single(await scope.ServiceProvider.GetRequiredService<SalesCoachDbContext>().DataProtectionKeys.ToListAsync());
        Assert.Contains("<key ", key.Xml, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(host.Folder, "keys")));
        // The installation is in the database too (every host serves the workspace), as ciphertext only.
        var records = host.Services.GetRequiredService<IChannelInstallationRecords>();
        Assert.Equal(["T-T0OURS"], await records.ListKeysAsync(CancellationToken.None));
        var payload = await records.FindAsync("T-T0OURS", CancellationToken.None);
        Assert.DoesNotContain("xoxb-ours-secret", Encoding.UTF8.GetString(payload!), StringComparison.Ordinal);
        Assert.Empty(Directory.Exists(Path.Combine(host.Folder, "installations")) ? Directory.GetFiles(Path.Combine(host.Folder, "installations")) : []);
        // Apart from the installations, but not encrypted: still worth the warning.
        Assert.Contains(host.Logs.Lines, l => l.EventId == 5048 && l.Message.Contains("in the database", StringComparison.Ordinal));
    }
}
