using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SalesCoachBot.Slack.Installs;
using SalesCoachBot.Slack.Tests.Fakes;

namespace SalesCoachBot.Slack.Tests;

/// <summary>Multi-workspace OAuth v2 install against a fake oauth.v2.access: state, cookie, storage, rotation, uninstall, isolation.</summary>
public sealed class InstallTests : IAsyncLifetime
{
    private const string StateSecret = "state-secret-for-tests-0123456789abcdef";

    private readonly string folder = Path.Combine(Path.GetTempPath(), "slack-install-tests-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider time = new(TimeProvider.System.GetUtcNow());
    private RecordingSlackApi api = null!;
    private SlackTestHost host = null!;

    public async Task InitializeAsync()
    {
        api = await RecordingSlackApi.StartAsync();
        host = await SlackTestHost.StartAsync(api, new Dictionary<string, string?>
        {
            ["Slack:BotToken"] = string.Empty,
            ["Slack:ClientId"] = "111.222",
            ["Slack:ClientSecret"] = "client-secret",
            ["Slack:StateSecret"] = StateSecret,
            ["Slack:InstallationsPath"] = Path.Combine(folder, "installations"),
            ["Slack:DataProtectionKeysPath"] = Path.Combine(folder, "keys"),
            ["PublicBaseUrl"] = "https://coach.example.com",
            ["Slack:AllowedTeamIds:0"] = "T0A",
            ["Slack:AllowedTeamIds:1"] = "T0B",
            ["Slack:AllowedTeamIds:2"] = "T0C",
        }, services: s => s.AddSingleton<TimeProvider>(time));
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await api.DisposeAsync();
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Access(string team, string token, int? expiresIn = null, string? refresh = null) => JsonSerializer.Serialize(new
    {
        ok = true,
        access_token = token,
        token_type = "bot",
        scope = "commands,chat:write",
        bot_user_id = "U0BOT",
        app_id = "A0FAKE",
        team = new { id = team, name = "Team " + team },
        enterprise = (object?)null,
        authed_user = new { id = "U0ADMIN" },
        is_enterprise_install = false,
        expires_in = expiresIn,
        refresh_token = refresh,
    });

    /// <summary>GET /slack/install: the state from the redirect and the nonce cookie it set.</summary>
    private async Task<(Uri Location, string State, string Cookie)> StartInstallAsync()
    {
        var response = await host.Client.GetAsync("/slack/install");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        var state = QueryHelpers.ParseQuery(location.Query)["state"].ToString();
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(OAuthStateSigner.CookieName + "=", StringComparison.Ordinal));
        return (location, state, cookie.Split(';')[0]);
    }

    private Task<HttpResponseMessage> RedirectAsync(string query, string? cookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/slack/oauth_redirect?" + query);
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        return host.Client.SendAsync(request);
    }

    private async Task InstallAsync(string team, string token, int? expiresIn = null, string? refresh = null)
    {
        api.Script("/api/oauth.v2.access", new ScriptedAnswer(200, Access(team, token, expiresIn, refresh)));
        var (_, state, cookie) = await StartInstallAsync();
        var response = await RedirectAsync($"code=code-{team}&state={Uri.EscapeDataString(state)}", cookie);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private Task<HttpResponseMessage> MentionFromAsync(string team, string eventId) =>
        host.PostJsonAsync("/slack/events", JsonSerializer.Serialize(new
        {
            type = "event_callback",
            team_id = team,
            event_id = eventId,
            @event = new { type = "app_mention", user = "U0PAT", text = "<@U0BOT> help", channel = "C0SALES", ts = "1.2" },
        }));

    /// <summary>The installation files (the store creates its folder on first use).</summary>
    private string[] StoredFiles() =>
        Directory.Exists(Path.Combine(folder, "installations")) ? Directory.GetFiles(Path.Combine(folder, "installations")) : [];

    private Task<SlackInstallation?> StoredAsync(string team) =>
        host.Services.GetRequiredService<ISlackInstallationStore>().FindAsync(SlackInstallation.TeamKey(team), default);

    [Fact]
    public async Task Install_RedirectsToSlackWithTheManifestScopesSignedStateAndABindingCookie()
    {
        var (location, state, cookie) = await StartInstallAsync();

        Assert.Equal("https://slack.com/oauth/v2/authorize", location.GetLeftPart(UriPartial.Path));
        var query = QueryHelpers.ParseQuery(location.Query);
        Assert.Equal("111.222", query["client_id"]);
        Assert.Equal(string.Join(',', SlackAppRequirements.BotScopes.Keys), query["scope"]);
        Assert.Equal("https://coach.example.com/slack/oauth_redirect", query["redirect_uri"]);
        Assert.Equal(3, state.Split('.').Length);
        Assert.StartsWith(OAuthStateSigner.CookieName + "=" + state.Split('.')[0], cookie, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OAuthRedirect_GoodCode_StoresTheBotTokenEncryptedAndSaysThanks()
    {
        api.Script("/api/oauth.v2.access", new ScriptedAnswer(200, Access("T0A", "xoxb-team-a")));
        var (_, state, cookie) = await StartInstallAsync();

        var response = await RedirectAsync($"code=good-code&state={Uri.EscapeDataString(state)}", cookie);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("installed", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        var call = Assert.Single(api.CallsTo("/api/oauth.v2.access"));
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("111.222:client-secret")), call.Authorization);
        Assert.Contains("code=good-code", call.Body, StringComparison.Ordinal);
        Assert.Equal("xoxb-team-a", (await StoredAsync("T0A"))?.BotToken);
        var file = Assert.Single(StoredFiles());
        Assert.DoesNotContain("xoxb-team-a", Encoding.UTF8.GetString(await File.ReadAllBytesAsync(file)), StringComparison.Ordinal);
        Assert.DoesNotContain("xoxb", (await StoredAsync("T0A"))!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OAuthRedirect_BadCode_PolitePageAndNothingStored()
    {
        api.Script("/api/oauth.v2.access", new ScriptedAnswer(200, """{"ok":false,"error":"invalid_code"}"""));
        var (_, state, cookie) = await StartInstallAsync();

        var response = await RedirectAsync($"code=bad&state={Uri.EscapeDataString(state)}", cookie);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("start again", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(StoredFiles());
    }

    [Theory]
    [InlineData("forged")]
    [InlineData("expired")]
    [InlineData("replayed")]
    [InlineData("no cookie")]
    [InlineData("other browser")]
    [InlineData("garbage")]
    public async Task OAuthRedirect_BadState_RefusedWithAPolitePageAndNoTokenExchange(string why)
    {
        api.Script("/api/oauth.v2.access", new ScriptedAnswer(200, Access("T0A", "xoxb-team-a")));
        var (_, state, cookie) = await StartInstallAsync();
        var (_, otherState, otherCookie) = await StartInstallAsync();
        if (why == "replayed")
        {
            Assert.Equal(HttpStatusCode.OK, (await RedirectAsync($"code=c&state={Uri.EscapeDataString(state)}", cookie)).StatusCode);
            File.Delete(StoredFiles().Single());
        }

        if (why == "expired")
        {
            time.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        }

        var parts = state.Split('.');
        var sentState = why switch
        {
            "forged" => $"{parts[0]}.{long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) + 3600}.{parts[2]}",
            "garbage" => "not-a-state",
            _ => state,
        };
        var sentCookie = why switch
        {
            "no cookie" => null,
            "other browser" => otherCookie,
            _ => cookie,
        };

        var response = await RedirectAsync($"code=c&state={Uri.EscapeDataString(sentState)}", sentCookie);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("install link", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(why == "replayed" ? 1 : 0, api.CallsTo("/api/oauth.v2.access").Count);
        Assert.Empty(StoredFiles());
        _ = otherState;
    }

    [Fact]
    public async Task OAuthRedirect_AccessDenied_PolitePageAndNothingStored()
    {
        var (_, state, cookie) = await StartInstallAsync();

        var response = await RedirectAsync($"error=access_denied&state={Uri.EscapeDataString(state)}", cookie);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Installation cancelled", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(api.CallsTo("/api/oauth.v2.access"));
        Assert.Empty(StoredFiles());
    }

    [Fact]
    public async Task Requests_TwoWorkspacesInstalled_EachAnsweredWithItsOwnTokenAndOthersRefused()
    {
        await InstallAsync("T0A", "xoxb-team-a");
        await InstallAsync("T0B", "xoxb-team-b");

        Assert.Equal(HttpStatusCode.OK, (await MentionFromAsync("T0B", "EvB")).StatusCode);
        var toB = Assert.Single(await api.WaitForCallsAsync("/api/chat.postMessage"));
        Assert.Equal(HttpStatusCode.OK, (await MentionFromAsync("T0A", "EvA")).StatusCode);
        var both = await api.WaitForCallsAsync("/api/chat.postMessage", 2);
        var notInstalled = await MentionFromAsync("T0C", "EvC");

        Assert.Equal("Bearer xoxb-team-b", toB.Authorization);
        Assert.Equal("Bearer xoxb-team-a", both[1].Authorization);
        Assert.Equal(HttpStatusCode.Forbidden, notInstalled.StatusCode);
        Assert.All(api.Calls.Where(c => c.Path.StartsWith("/api/", StringComparison.Ordinal) && c.Path != "/api/oauth.v2.access"),
            c => Assert.DoesNotContain("T0C", c.Authorization ?? string.Empty, StringComparison.Ordinal));
        Assert.Equal(2, host.Bot.Turns.Count);
    }

    [Theory]
    [InlineData("app_uninstalled")]
    [InlineData("tokens_revoked")]
    public async Task Uninstall_EventRemovesTheTokenAndLaterRequestsAreRefused(string eventType)
    {
        await InstallAsync("T0A", "xoxb-team-a");
        await InstallAsync("T0B", "xoxb-team-b");
        object ev = eventType == "app_uninstalled"
            ? new { type = eventType }
            : new { type = eventType, tokens = new { oauth = Array.Empty<string>(), bot = new[] { "U0BOT" } } };

        var response = await host.PostJsonAsync("/slack/events", JsonSerializer.Serialize(new { type = "event_callback", team_id = "T0A", event_id = "EvGone", @event = ev }));
        await host.WorkDoneAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(await StoredAsync("T0A"));
        Assert.NotNull(await StoredAsync("T0B"));
        Assert.Equal(HttpStatusCode.Forbidden, (await MentionFromAsync("T0A", "EvAfter")).StatusCode);
    }

    [Fact]
    public async Task TokenRotation_TokenAboutToExpire_RefreshedBeforeUseAndTheNewTokenStored()
    {
        await InstallAsync("T0A", "xoxe.xoxb-old", expiresIn: 43200, refresh: "xoxe-1-refresh-old");
        time.Advance(TimeSpan.FromHours(12) - TimeSpan.FromMinutes(2));
        api.Script("/api/oauth.v2.access", new ScriptedAnswer(200, Access("T0A", "xoxe.xoxb-new", 43200, "xoxe-1-refresh-new")));

        // The clock moved, so the request is signed at the fake "now".
        var body = JsonSerializer.Serialize(new { type = "event_callback", team_id = "T0A", event_id = "EvRot", @event = new { type = "app_mention", user = "U0PAT", text = "hi", channel = "C0SALES", ts = "1.2" } });
        var response = await host.PostAsync("/slack/events", body, "application/json", timestamp: time.GetUtcNow().ToUnixTimeSeconds());
        var posted = Assert.Single(await api.WaitForCallsAsync("/api/chat.postMessage"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Bearer xoxe.xoxb-new", posted.Authorization);
        var refresh = api.CallsTo("/api/oauth.v2.access").Last();
        Assert.Contains("grant_type=refresh_token", refresh.Body, StringComparison.Ordinal);
        Assert.Contains("refresh_token=xoxe-1-refresh-old", refresh.Body, StringComparison.Ordinal);
        Assert.Equal("xoxe-1-refresh-new", (await StoredAsync("T0A"))?.RefreshToken);
    }
}
