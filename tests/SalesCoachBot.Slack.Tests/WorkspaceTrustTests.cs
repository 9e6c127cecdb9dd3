using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Slack.Inbound;
using SalesCoachBot.Slack.Installs;
using SalesCoachBot.Slack.Tests.Fakes;

namespace SalesCoachBot.Slack.Tests;

/// <summary>
/// Issue 13, the Slack doors: which workspaces are served and may install (finding 3), echoed user text escaped
/// (finding 5), the key ring protected at rest (finding 6), the OAuth cookie always Secure outside Development
/// (finding 7), and the Production start check. All through signed requests on the test host.
/// </summary>
public sealed class WorkspaceTrustTests : IAsyncLifetime
{
    private const string StateSecret = "state-secret-for-tests-0123456789abcdef";

    private readonly string folder = Path.Combine(Path.GetTempPath(), "slack-trust-tests-" + Guid.NewGuid().ToString("N"));
    private readonly List<SlackTestHost> hosts = [];
    private RecordingSlackApi api = null!;

    public async Task InitializeAsync() => api = await RecordingSlackApi.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var host in hosts)
        {
            await host.DisposeAsync();
        }

        await api.DisposeAsync();
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private string InstallationsPath => Path.Combine(folder, "installations");

    private string KeysPath => Path.Combine(folder, "keys");

    private async Task<SlackTestHost> StartAsync(IDictionary<string, string?> settings, string environment = "Production")
    {
        var host = await SlackTestHost.StartAsync(api, settings, environment: environment);
        hosts.Add(host);
        return host;
    }

    /// <summary>Installs on: no single-workspace token, the given extra settings on top.</summary>
    private Dictionary<string, string?> Installs(params (string Key, string? Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Slack:BotToken"] = string.Empty,
            ["Slack:ClientId"] = "111.222",
            ["Slack:ClientSecret"] = "client-secret",
            ["Slack:StateSecret"] = StateSecret,
            ["Slack:InstallationsPath"] = InstallationsPath,
            ["Slack:DataProtectionKeysPath"] = KeysPath,
            ["PublicBaseUrl"] = "https://coach.example.com",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }

    private static string Access(string team, string token) => JsonSerializer.Serialize(new
    {
        ok = true,
        access_token = token,
        token_type = "bot",
        scope = "commands,chat:write",
        bot_user_id = "U0BOT",
        team = new { id = team, name = "Team " + team },
        is_enterprise_install = false,
    });

    /// <summary>The whole browser round: /slack/install, then Slack's redirect back with a code for <paramref name="team"/>.</summary>
    private async Task<HttpResponseMessage> InstallAsync(SlackTestHost host, string team, string token)
    {
        api.Script("/api/oauth.v2.access", new ScriptedAnswer(200, Access(team, token)));
        var start = await host.Client.GetAsync("/slack/install");
        var state = QueryHelpers.ParseQuery(start.Headers.Location!.Query)["state"].ToString();
        var cookie = start.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(OAuthStateSigner.CookieName + "=", StringComparison.Ordinal)).Split(';')[0];
        var request = new HttpRequestMessage(HttpMethod.Get, $"/slack/oauth_redirect?code=code-{team}&state={Uri.EscapeDataString(state)}");
        request.Headers.Add("Cookie", cookie);
        return await host.Client.SendAsync(request);
    }

    private string[] StoredInstallations() =>
        Directory.Exists(InstallationsPath) ? Directory.GetFiles(InstallationsPath, "*.bin") : [];

    private static Dictionary<string, string> Command(string text, string team = "T0FAKE", string user = "U0PAT") =>
        SlashCommandForm.Coach(text, team, user);

    private static string Mention(string team, string eventId, string text = "<@U0BOT> my deals") => JsonSerializer.Serialize(new
    {
        type = "event_callback",
        team_id = team,
        event_id = eventId,
        @event = new { type = "app_mention", user = "U0PAT", text, channel = "C0SALES", ts = "1715000000.000100" },
    });

    private static string Interaction(string team) => "payload=" + Uri.EscapeDataString(JsonSerializer.Serialize(new
    {
        type = "block_actions",
        user = new { id = "U0PAT", name = "pat", team_id = team },
        team = new { id = team },
        channel = new { id = "C0SALES" },
        response_url = "https://hooks.slack.com/actions/T0/1/x",
        actions = new[] { new { type = "button", action_id = "coach-button-0", value = """{"kind":"checklist","deal":1003}""" } },
    }));

    private static string UserInfo(string email, bool confirmed) => JsonSerializer.Serialize(new
    {
        ok = true,
        user = new { id = "U0PAT", name = "pat", is_email_confirmed = confirmed, profile = new { email } },
    });

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    // --- Finding 3: allowed workspaces ---

    [Fact]
    public async Task OAuthRedirect_WorkspaceNotAllowed_PolitePageAndNothingStored()
    {
        var host = await StartAsync(Installs(("Slack:AllowedTeamIds:0", "T0OURS")));

        var response = await InstallAsync(host, "T0STRANGER", "xoxb-stranger");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("Not available for this workspace", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(StoredInstallations());
        Assert.Equal(HttpStatusCode.Forbidden, (await host.PostJsonAsync("/slack/events", Mention("T0STRANGER", "Ev1"))).StatusCode);
        Assert.Empty(host.Bot.Turns);
    }

    [Fact]
    public async Task OAuthRedirect_AllowedWorkspace_Installed()
    {
        var host = await StartAsync(Installs(("Slack:AllowedTeamIds:0", "T0OURS")));

        var response = await InstallAsync(host, "T0OURS", "xoxb-ours");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(StoredInstallations());
        Assert.Equal(HttpStatusCode.OK, (await host.PostJsonAsync("/slack/events", Mention("T0OURS", "Ev1"))).StatusCode);
    }

    [Fact]
    public async Task OAuthRedirect_NoListNoBotToken_OnlyTheFirstInstallationIsAllowed()
    {
        // Development: the only place installs may run without a list.
        var host = await StartAsync(Installs(("Slack:AllowedTeamIds", null)), environment: "Development");

        var first = await InstallAsync(host, "T0FIRST", "xoxb-first");
        var second = await InstallAsync(host, "T0SECOND", "xoxb-second");
        var again = await InstallAsync(host, "T0FIRST", "xoxb-first-2");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Single(StoredInstallations());
        Assert.Equal(HttpStatusCode.OK, (await host.PostJsonAsync("/slack/events", Mention("T0FIRST", "Ev1"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await host.PostJsonAsync("/slack/events", Mention("T0SECOND", "Ev2"))).StatusCode);
    }

    [Fact]
    public async Task Requests_NoListWithBotToken_OnlyTheWorkspaceOfTheBotToken()
    {
        api.Script("/api/auth.test", new ScriptedAnswer(200, """{"ok":true,"team_id":"T0HOME","user_id":"U0BOT"}"""));
        var host = await StartAsync(new Dictionary<string, string?> { ["Slack:AllowedTeamIds"] = null });

        var home = await host.PostFormAsync("/slack/commands", Command("my deals", team: "T0HOME"));
        var elsewhere = await host.PostFormAsync("/slack/commands", Command("my deals", team: "T0FAKE"));

        Assert.Equal("You said: my deals", (await JsonAsync(home)).GetProperty("text").GetString());
        Assert.Equal(SalesCoachBot.Core.Localization.ReplyTexts.Shared.In(SalesCoachBot.Core.Localization.ReplyLanguage.English).Errors("Slack.NotServed"), (await JsonAsync(elsewhere)).GetProperty("text").GetString());
        Assert.Single(host.Bot.Turns);
        var authTest = Assert.Single(api.CallsTo("/api/auth.test"));
        Assert.Equal("Bearer xoxb-test-token", authTest.Authorization);
    }

    [Fact]
    public async Task Requests_FromAWorkspaceNotAllowed_NoDataAndAPoliteAnswerToTheCommand()
    {
        var host = await StartAsync(new Dictionary<string, string?> { ["Slack:AllowedTeamIds:0"] = "T0OURS" });

        var command = await host.PostFormAsync("/slack/commands", Command("pipeline", team: "T0STRANGER"));
        var mention = await host.PostJsonAsync("/slack/events", Mention("T0STRANGER", "Ev1"));
        var interaction = await host.PostAsync("/slack/interactions", Interaction("T0STRANGER"), "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.OK, command.StatusCode);
        var answer = await JsonAsync(command);
        Assert.Equal(SalesCoachBot.Core.Localization.ReplyTexts.Shared.In(SalesCoachBot.Core.Localization.ReplyLanguage.English).Errors("Slack.NotServed"), answer.GetProperty("text").GetString());
        Assert.Equal("ephemeral", answer.GetProperty("response_type").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, mention.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, interaction.StatusCode);
        Assert.Empty(host.Bot.Turns);
        Assert.Empty(api.CallsTo("/api/users.info"));
    }

    [Fact]
    public async Task Requests_FromAWorkspaceNotAllowed_AnsweredInTheDefaultLanguage()
    {
        var host = await StartAsync(new Dictionary<string, string?> { ["Slack:AllowedTeamIds:0"] = "T0OURS", ["Coaching:DefaultLanguage"] = "ar" });

        var answer = await JsonAsync(await host.PostFormAsync("/slack/commands", Command("pipeline", team: "T0STRANGER")));

        var arabic = SalesCoachBot.Core.Localization.ReplyTexts.Shared.In(SalesCoachBot.Core.Localization.ReplyLanguage.Arabic).Errors("Slack.NotServed");
        Assert.Equal(arabic, answer.GetProperty("text").GetString());
        Assert.Contains("مساحة عمل", arabic, StringComparison.Ordinal);
        Assert.Empty(host.Bot.Turns);
    }

    [Fact]
    public async Task Requests_EnterpriseOnTheList_EveryWorkspaceOfItServed()
    {
        var host = await StartAsync(new Dictionary<string, string?> { ["Slack:AllowedEnterpriseIds:0"] = "E0GRID" });
        var inGrid = Command("my deals", team: "T0GRIDWS");
        inGrid["enterprise_id"] = "E0GRID";

        var served = await JsonAsync(await host.PostFormAsync("/slack/commands", inGrid));
        var outside = await JsonAsync(await host.PostFormAsync("/slack/commands", Command("my deals", team: "T0GRIDWS")));

        Assert.Equal("You said: my deals", served.GetProperty("text").GetString());
        Assert.Equal(SalesCoachBot.Core.Localization.ReplyTexts.Shared.In(SalesCoachBot.Core.Localization.ReplyLanguage.English).Errors("Slack.NotServed"), outside.GetProperty("text").GetString());
        var turn = Assert.Single(host.Bot.Turns);
        Assert.Equal("T0GRIDWS", turn.User.SlackTeamId);
        Assert.Equal("E0GRID", turn.User.SlackEnterpriseId);
    }

    [Theory]
    [InlineData(false, null)]
    [InlineData(true, "morgan@example.com")]
    public async Task Command_ProfileEmail_ReachesTheCoreOnlyWhenSlackSaysItIsConfirmed(bool confirmed, string? expected)
    {
        api.Script("/api/users.info", new ScriptedAnswer(200, UserInfo("morgan@example.com", confirmed)));
        var host = await StartAsync(new Dictionary<string, string?>());

        await host.PostFormAsync("/slack/commands", Command("pipeline"));

        var turn = Assert.Single(host.Bot.Turns);
        Assert.Equal(expected, turn.User.Email);
        Assert.Equal("U0PAT", turn.User.SlackUserId);
        Assert.Equal("T0FAKE", turn.User.SlackTeamId);
    }

    [Fact]
    public async Task Command_ProfileEmail_AskedOnceThenServedFromTheSharedCache()
    {
        api.Script("/api/users.info", new ScriptedAnswer(200, UserInfo("morgan@example.com", confirmed: true)));
        var host = await StartAsync(new Dictionary<string, string?>());

        await host.PostFormAsync("/slack/commands", Command("pipeline"));
        await host.PostFormAsync("/slack/commands", Command("my deals"));

        Assert.Equal(["morgan@example.com", "morgan@example.com"], host.Bot.Turns.Select(t => t.User.Email));
        Assert.Single(api.CallsTo("/api/users.info"));
    }

    // --- The Production start check ---

    [Fact]
    public async Task Start_InstallsOutsideDevelopmentWithoutAllowedWorkspaces_RefusedNamingTheKey()
    {
        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => SlackTestHost.StartAsync(api, Installs(("Slack:AllowedTeamIds", null))));

        Assert.Contains("Slack:AllowedTeamIds", refused.Message, StringComparison.Ordinal);
        hosts.Add(await SlackTestHost.StartAsync(api, Installs(("Slack:AllowedTeamIds", null)), environment: "Development"));
        hosts.Add(await SlackTestHost.StartAsync(api, Installs(("Slack:AllowedTeamIds", null), ("Slack:TeamId", "T0OURS"))));
        // A channel that is off needs no list, but install keys there would be ignored: refused, by their own name.
        var off = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            SlackTestHost.StartAsync(api, new Dictionary<string, string?> { ["Slack:ClientId"] = "111.222", ["Slack:AllowedTeamIds"] = null }, slackOn: false));
        Assert.Contains("Slack:ClientId is set but neither Slack:SigningSecret nor Slack:AppToken is", off.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Slack:AllowedTeamIds", off.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_BotTokenAloneWithoutSigningSecretOrAppToken_RefusedNamingTheKeyNotItsValue()
    {
        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            SlackTestHost.StartAsync(api, new Dictionary<string, string?> { ["Slack:BotToken"] = "xoxb-single-workspace-token" }, slackOn: false));

        Assert.Equal(
            "Slack:BotToken is set but neither Slack:SigningSecret nor Slack:AppToken is, so the Slack channel is off and it would be ignored: " +
            "set Slack:SigningSecret (HTTP endpoints) or Slack:AppToken (Socket Mode), or remove Slack:BotToken.",
            refused.Message);
        // With either of them, the same token turns the channel on.
        hosts.Add(await SlackTestHost.StartAsync(api, new Dictionary<string, string?> { ["Slack:BotToken"] = "xoxb-single-workspace-token", ["Slack:SigningSecret"] = "a-signing-secret" }, slackOn: false));
    }

    // --- Finding 5: echoed text is escaped ---

    [Fact]
    public async Task Command_UserTextWithSlackMarkup_EchoedEscapedInTheFallbackTextAndTheBlocks()
    {
        var host = await StartAsync(new Dictionary<string, string?>());

        var response = await host.PostFormAsync("/slack/commands", Command("next <!channel> <https://evil.example|Click> & co"));

        var raw = await response.Content.ReadAsStringAsync();
        var answer = JsonDocument.Parse(raw).RootElement;
        Assert.Equal("You said: next &lt;!channel&gt; &lt;https://evil.example|Click&gt; &amp; co", answer.GetProperty("text").GetString());
        Assert.Equal(answer.GetProperty("text").GetString(), answer.GetProperty("blocks")[0].GetProperty("text").GetProperty("text").GetString());
        Assert.DoesNotContain("<!channel>", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("<https://", raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mention_CardTitledWithUserText_FallbackTextOfThePostedMessageEscaped()
    {
        var host = await StartAsync(new Dictionary<string, string?>());
        host.Bot.Reply = _ => new BotAnswer(string.Empty, new Card { Kind = CardKind.DealList, Title = "Deals like <!here|here> <https://evil.example|Click>" });

        await host.PostJsonAsync("/slack/events", Mention("T0FAKE", "Ev1"));

        var post = Assert.Single(await api.WaitForCallsAsync("/api/chat.postMessage"));
        var body = JsonDocument.Parse(post.Body).RootElement;
        Assert.Equal("Deals like &lt;!here|here&gt; &lt;https://evil.example|Click&gt;", body.GetProperty("text").GetString());
        // plain_text (the header) is never parsed for markup; every mrkdwn text is escaped.
        Assert.All(MarkdownTexts(body.GetProperty("blocks")), text => Assert.DoesNotContain("<", text, StringComparison.Ordinal));
    }

    private static IEnumerable<string> MarkdownTexts(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object when element.TryGetProperty("type", out var type) && type.GetString() == "mrkdwn" => [element.GetProperty("text").GetString()!],
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => MarkdownTexts(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(MarkdownTexts),
        _ => [],
    };

    // --- Finding 7: the OAuth cookie ---

    [Theory]
    [InlineData("Production", true)]
    [InlineData("Staging", true)]
    [InlineData("Development", false)]
    public async Task Install_OverPlainHttp_CookieSecureOutsideDevelopment(string environment, bool secure)
    {
        var host = await StartAsync(Installs(("Slack:AllowedTeamIds:0", "T0OURS")), environment);

        var response = await host.Client.GetAsync("/slack/install");

        Assert.Equal("http", host.Client.BaseAddress!.Scheme);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(OAuthStateSigner.CookieName + "=", StringComparison.Ordinal));
        Assert.Equal(secure, cookie.Split(';').Any(part => part.Trim().Equals("secure", StringComparison.OrdinalIgnoreCase)));
    }

    // --- Finding 6: the key ring ---

    [Fact]
    public async Task KeyRing_Certificate_KeysEncryptedAtRestAndTokensReadBackOnlyWithIt()
    {
        var pfx = Path.Combine(folder, "keyring.pfx");
        Directory.CreateDirectory(folder);
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=SalesCoachBot key ring (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(TimeProvider.System.GetUtcNow().AddDays(-1), TimeProvider.System.GetUtcNow().AddDays(30));
            await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "pfx-password"));
        }

        var protectedSettings = Installs(("Slack:AllowedTeamIds:0", "T0OURS"), ("Slack:KeyRing:CertificatePath", pfx), ("Slack:KeyRing:CertificatePassword", "pfx-password"));
        var first = await StartAsync(protectedSettings);
        Assert.Equal(HttpStatusCode.OK, (await InstallAsync(first, "T0OURS", "xoxb-ours-secret")).StatusCode);
        await first.DisposeAsync();
        hosts.Remove(first);

        var key = Assert.Single(Directory.GetFiles(KeysPath, "key-*.xml"));
        var xml = await File.ReadAllTextAsync(key);
        Assert.Contains("EncryptedData", xml, StringComparison.Ordinal);
        Assert.DoesNotContain("<value>", xml, StringComparison.Ordinal);
        Assert.DoesNotContain(first.Logs.Lines, l => l.EventId == 5048);

        // A new host with the certificate reads the token back; one without it cannot.
        var again = await StartAsync(protectedSettings);
        Assert.Equal(HttpStatusCode.OK, (await again.PostJsonAsync("/slack/events", Mention("T0OURS", "Ev1"))).StatusCode);
        var post = Assert.Single(await api.WaitForCallsAsync("/api/chat.postMessage"));
        Assert.Equal("Bearer xoxb-ours-secret", post.Authorization);

        var withoutCertificate = await StartAsync(Installs(("Slack:AllowedTeamIds:0", "T0OURS")));
        Assert.Equal(HttpStatusCode.Forbidden, (await withoutCertificate.PostJsonAsync("/slack/events", Mention("T0OURS", "Ev2"))).StatusCode);
    }

    [Fact]
    public async Task KeyRing_UnprotectedOutsideDevelopment_WarnedAtStartNotRefused()
    {
        var production = await StartAsync(Installs(("Slack:AllowedTeamIds:0", "T0OURS")));
        var development = await StartAsync(Installs(("Slack:AllowedTeamIds:0", "T0OURS")), environment: "Development");

        var warning = Assert.Single(production.Logs.Lines, l => l.EventId == 5048);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains(Path.GetFullPath(KeysPath), warning.Message, StringComparison.Ordinal);
        Assert.Contains("Slack:KeyRing:CertificatePath", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(development.Logs.Lines, l => l.EventId == 5048);
        Assert.Equal(HttpStatusCode.Redirect, (await production.Client.GetAsync("/slack/install")).StatusCode);
    }

    [Theory]
    [InlineData("Slack:KeyRing:CertificatePath", "/nonexistent/keyring.pfx")]
    [InlineData("Slack:KeyRing:CertificateThumbprint", "0000000000000000000000000000000000000000")]
    public async Task KeyRing_CertificateThatCannotBeFound_StartRefusedNamingTheKey(string key, string value)
    {
        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => SlackTestHost.StartAsync(api, Installs(("Slack:AllowedTeamIds:0", "T0OURS"), (key, value))));

        Assert.Contains(key, refused.Message, StringComparison.Ordinal);
    }
}
