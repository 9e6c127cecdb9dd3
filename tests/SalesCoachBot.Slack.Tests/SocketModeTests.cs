using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Slack.SocketMode;
using SalesCoachBot.Slack.Tests.Fakes;

namespace SalesCoachBot.Slack.Tests;

/// <summary>Socket Mode against a fake Slack socket server on 127.0.0.1 (real WebSockets, real acks).</summary>
public sealed class SocketModeTests : IAsyncLifetime
{
    private FakeSocketModeServer slack = null!;
    private SlackTestHost? host;

    public async Task InitializeAsync() => slack = await FakeSocketModeServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }

        await slack.DisposeAsync();
    }

    private async Task<SlackTestHost> StartHostAsync(IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Slack:AppToken"] = "xapp-1-A0FAKE-test",
            ["Slack:BotToken"] = "xoxb-test-token",
            ["Slack:ApiBaseUrl"] = slack.ApiBaseUrl.ToString(),
            ["Slack:SocketBackoffBase"] = "00:00:00.050",
            ["Slack:SocketBackoffMax"] = "00:00:00.200",
            ["Slack:SocketMinHealthyTime"] = "00:00:00",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        host = await SlackTestHost.StartAsync(settings: settings, slackOn: false);
        return host;
    }

    private static object EventsEnvelope(string envelopeId, string eventId, int retry = 0) => new
    {
        envelope_id = envelopeId,
        type = "events_api",
        accepts_response_payload = false,
        retry_attempt = retry,
        retry_reason = retry > 0 ? "timeout" : string.Empty,
        payload = new
        {
            type = "event_callback",
            team_id = "T0FAKE",
            api_app_id = "A0FAKE",
            event_id = eventId,
            authorizations = new[] { new { team_id = "T0FAKE", user_id = "U0BOT", is_bot = true } },
            @event = new { type = "app_mention", user = "U0PAT", text = "<@U0BOT> what's next for initech", channel = "C0SALES", ts = "1715000000.000100" },
        },
    };

    private static object CommandEnvelope(string envelopeId, string text) => new
    {
        envelope_id = envelopeId,
        type = "slash_commands",
        accepts_response_payload = true,
        payload = new
        {
            command = "/coach",
            text,
            user_id = "U0PAT",
            user_name = "pat",
            team_id = "T0FAKE",
            channel_id = "C0SALES",
            api_app_id = "A0FAKE",
            response_url = "https://hooks.slack.com/commands/T0FAKE/1/x",
            trigger_id = "1.2.x",
        },
    };

    private static object InteractiveEnvelope(string envelopeId) => new
    {
        envelope_id = envelopeId,
        type = "interactive",
        accepts_response_payload = false,
        payload = new
        {
            type = "block_actions",
            user = new { id = "U0PAT", name = "pat" },
            team = new { id = "T0FAKE" },
            channel = new { id = "C0SALES" },
            container = new { type = "message", message_ts = "1715000000.000900", channel_id = "C0SALES", is_ephemeral = false },
            actions = new[] { new { type = "button", action_id = "coach-confirm", block_id = "coach-actions", value = new ConfirmItemsPayload(new DealId(1003), new StageId("demo"), 1).ToJson() } },
            state = new { values = new Dictionary<string, object> { ["coach-checklist-0"] = new Dictionary<string, object> { ["coach-tick-0"] = new { type = "checkboxes", selected_options = new[] { new { value = "demo-held" } } } } } },
        },
    };

    [Fact]
    public async Task SocketMode_EventsEnvelope_AckedWithEnvelopeIdOnlyThenAnsweredInTheChannel()
    {
        var app = await StartHostAsync();
        var socket = await slack.WaitForSocketAsync(1);

        await socket.SendAsync(EventsEnvelope("env-1", "Ev1"));
        var ack = await socket.NextAsync();

        Assert.Equal("""{"envelope_id":"env-1"}""", ack.GetRawText());
        var posted = Assert.Single(await slack.WaitForCallsAsync("/api/chat.postMessage"));
        Assert.Equal("Bearer xoxb-test-token", posted.Authorization);
        Assert.Contains("You said: what's next for initech", posted.Body, StringComparison.Ordinal);
        var turn = Assert.Single(app.Bot.Turns);
        Assert.Equal(ConversationKey.Slack("T0FAKE", "C0SALES"), turn.Conversation);
        Assert.Equal("Bearer xapp-1-A0FAKE-test", slack.Calls.First(c => c.Path == "/api/apps.connections.open").Authorization);
    }

    [Fact]
    public async Task SocketMode_SlashCommand_AckCarriesTheAnswerAsPayload()
    {
        await StartHostAsync();
        var socket = await slack.WaitForSocketAsync(1);

        await socket.SendAsync(CommandEnvelope("env-c", "next initech public"));
        var ack = await socket.NextAsync();

        Assert.Equal("env-c", ack.GetProperty("envelope_id").GetString());
        var payload = ack.GetProperty("payload");
        Assert.Equal("You said: next initech", payload.GetProperty("text").GetString());
        Assert.Equal("in_channel", payload.GetProperty("response_type").GetString());
        Assert.Equal("section", payload.GetProperty("blocks")[0].GetProperty("type").GetString());
    }

    [Fact]
    public async Task SocketMode_InteractiveEnvelope_AckedWithoutPayloadAndTheConfirmReachesTheCore()
    {
        var app = await StartHostAsync();
        app.Bot.Reply = _ => new BotAnswer("Confirmed.") { ReplacesCard = true };
        var socket = await slack.WaitForSocketAsync(1);

        await socket.SendAsync(InteractiveEnvelope("env-i"));
        var ack = await socket.NextAsync();

        Assert.Equal("""{"envelope_id":"env-i"}""", ack.GetRawText());
        var update = Assert.Single(await slack.WaitForCallsAsync("/api/chat.update"));
        Assert.Contains("1715000000.000900", update.Body, StringComparison.Ordinal);
        var input = Assert.IsType<ActionInput>(Assert.Single(app.Bot.Turns).Input);
        Assert.Equal([new ChecklistItemId("demo-held")], input.SelectedItems);
    }

    [Fact]
    public async Task SocketMode_RedeliveredEnvelopeAndRetriedEvent_AckedEachTimeHandledOnce()
    {
        var app = await StartHostAsync();
        var socket = await slack.WaitForSocketAsync(1);

        await socket.SendAsync(EventsEnvelope("env-1", "Ev1"));
        var first = await socket.NextAsync();
        await socket.SendAsync(EventsEnvelope("env-1", "Ev1", retry: 1));
        var again = await socket.NextAsync();
        await socket.SendAsync(EventsEnvelope("env-2", "Ev1", retry: 2));
        var third = await socket.NextAsync();
        await app.WorkDoneAsync();

        Assert.Equal("env-1", first.GetProperty("envelope_id").GetString());
        Assert.Equal("env-1", again.GetProperty("envelope_id").GetString());
        Assert.Equal("env-2", third.GetProperty("envelope_id").GetString());
        Assert.Single(app.Bot.Turns);
        Assert.Single(slack.Calls, c => c.Path == "/api/chat.postMessage");
    }

    [Fact]
    public async Task SocketMode_RedeliveredSlashCommand_GetsTheSameAnswerWithoutAskingTheCoreAgain()
    {
        var app = await StartHostAsync();
        var socket = await slack.WaitForSocketAsync(1);

        await socket.SendAsync(CommandEnvelope("env-c", "help"));
        var first = await socket.NextAsync();
        await socket.SendAsync(CommandEnvelope("env-c", "help"));
        var again = await socket.NextAsync();

        Assert.Equal(first.GetRawText(), again.GetRawText());
        Assert.Single(app.Bot.Turns);
    }

    [Fact]
    public async Task SocketMode_RefreshRequested_NewSocketIsUpBeforeTheOldClosesAndNothingIsLost()
    {
        var app = await StartHostAsync();
        var old = await slack.WaitForSocketAsync(1);
        // The new socket's hello is held back until the late envelope is acked, so a slow test thread cannot find the
        // old socket already closed (the host closes it once the new one is greeted).
        slack.SendHello = false;

        await old.SendAsync(new { type = "disconnect", reason = "refresh_requested", debug_info = new { host = "fake" } });
        // Slack may still deliver on the old socket until it is closed: that envelope must be acked there.
        await old.SendAsync(EventsEnvelope("env-late", "EvLate"));
        var lateAck = await old.NextAsync();
        var next = await slack.WaitForSocketAsync(2);
        await next.SendAsync(new { type = "hello", num_connections = 2, connection_info = new { app_id = "A0FAKE" } });
        await old.Closed.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("env-late", lateAck.GetProperty("envelope_id").GetString());
        Assert.True(next.OpenedAt <= old.ClosedAt, "the new socket must be open before the old one closes");
        Assert.Equal(2, slack.Opens);

        await next.SendAsync(EventsEnvelope("env-new", "EvNew"));
        Assert.Equal("env-new", (await next.NextAsync()).GetProperty("envelope_id").GetString());
        await Eventually.UntilAsync(() => app.Bot.Turns.Count == 2, "both envelopes to reach the core");
    }

    [Fact]
    public async Task SocketMode_SocketLost_ReconnectsAndKeepsServing()
    {
        var app = await StartHostAsync();
        var first = await slack.WaitForSocketAsync(1);

        first.Abort();
        var second = await slack.WaitForSocketAsync(2);
        await second.SendAsync(EventsEnvelope("env-2", "Ev2"));

        Assert.Equal("env-2", (await second.NextAsync()).GetProperty("envelope_id").GetString());
        await Eventually.UntilAsync(() => app.Bot.Turns.Count == 1, "the envelope to reach the core");
    }

    [Fact]
    public async Task SocketMode_TransientOpenFailures_RetriedWithBackoffUntilConnected()
    {
        slack.FailOpens("internal_error", "ratelimited");
        await StartHostAsync();

        var socket = await slack.WaitForSocketAsync(1);

        Assert.Equal(3, slack.Opens);
        await socket.SendAsync(CommandEnvelope("env-c", "help"));
        Assert.Equal("env-c", (await socket.NextAsync()).GetProperty("envelope_id").GetString());
    }

    [Theory]
    [InlineData("invalid_auth")]
    [InlineData("account_inactive")]
    public async Task SocketMode_FatalOpenError_StopsCleanlyWithoutRetrying(string error)
    {
        slack.FailOpens(error);
        var app = await StartHostAsync();
        var service = app.Services.GetRequiredService<SlackSocketModeService>();

        // The service's loop has returned, so no later attempt can open another connection.
        await service.ExecuteTask!.WaitAsync(Eventually.DefaultTimeout);

        Assert.Equal(error, service.FatalError);
        Assert.Equal(1, slack.Opens);
        Assert.Equal(0, slack.Connections);
    }

    [Fact]
    public async Task SocketMode_MalformedJsonAndUnknownType_SkippedAndTheConnectionStaysUp()
    {
        var app = await StartHostAsync();
        var socket = await slack.WaitForSocketAsync(1);

        await socket.SendRawAsync("{\"envelope_id\": \"broken\", \"type\": ");
        await socket.SendAsync(new { envelope_id = "env-odd", type = "shiny_new_thing", payload = new { } });
        var oddAck = await socket.NextAsync();
        await socket.SendAsync(new { envelope_id = "env-bad", type = "events_api", payload = "not an object" });
        var badAck = await socket.NextAsync();
        await socket.SendAsync(EventsEnvelope("env-1", "Ev1"));
        var goodAck = await socket.NextAsync();

        Assert.Equal("""{"envelope_id":"env-odd"}""", oddAck.GetRawText());
        Assert.Equal("""{"envelope_id":"env-bad"}""", badAck.GetRawText());
        Assert.Equal("""{"envelope_id":"env-1"}""", goodAck.GetRawText());
        Assert.Equal(1, slack.Connections);
        Assert.False(socket.Closed.IsCompleted);
        await Eventually.UntilAsync(() => app.Bot.Turns.Count == 1, "the good envelope to reach the core");
    }

    [Fact]
    public async Task SocketMode_LoneSurrogateEscapesInEnvelopeFields_SkippedAndSocketModeKeepsServing()
    {
        // Found by the fuzzer (issue 13): reading "\ud800" as a string threw on the receive loop, which ended
        // silently: no ack, no reconnect, Socket Mode deaf until a restart.
        var app = await StartHostAsync();
        var socket = await slack.WaitForSocketAsync(1);

        await socket.SendRawAsync("""{"envelope_id":"env-type","type":"\ud800","payload":{}}""");
        var typeAck = await socket.NextAsync();
        await socket.SendRawAsync("""{"envelope_id":"env-\udfff","type":"events_api","payload":{}}""");
        await socket.SendRawAsync("""{"type":"disconnect","reason":"\ud800"}""");
        var next = await slack.WaitForSocketAsync(2);
        await next.SendAsync(EventsEnvelope("env-1", "Ev1"));
        var goodAck = await next.NextAsync();

        Assert.Equal("""{"envelope_id":"env-type"}""", typeAck.GetRawText());
        Assert.Equal("""{"envelope_id":"env-1"}""", goodAck.GetRawText());
        await Eventually.UntilAsync(() => app.Bot.Turns.Count == 1, "the good envelope to reach the core");
    }

    [Fact]
    public async Task SocketMode_EnvelopeFromAnotherWorkspace_AckedButNotHandled()
    {
        var app = await StartHostAsync(new Dictionary<string, string?> { ["Slack:TeamId"] = "T0OTHER" });
        var socket = await slack.WaitForSocketAsync(1);

        await socket.SendAsync(EventsEnvelope("env-1", "Ev1"));

        Assert.Equal("env-1", (await socket.NextAsync()).GetProperty("envelope_id").GetString());
        await app.WorkDoneAsync();
        Assert.Empty(app.Bot.Turns);
        Assert.DoesNotContain(slack.Calls, c => c.Path == "/api/chat.postMessage");
    }

    [Fact]
    public async Task SocketMode_CommandFromAWorkspaceNotAllowed_AckedWithAPoliteAnswerAndNotHandled()
    {
        var app = await StartHostAsync(new Dictionary<string, string?> { ["Slack:AllowedTeamIds:0"] = "T0OURS" });
        var socket = await slack.WaitForSocketAsync(1);

        await socket.SendAsync(CommandEnvelope("env-1", "pipeline"));
        await socket.SendAsync(EventsEnvelope("env-2", "Ev2"));

        var acks = new[] { await socket.NextAsync(), await socket.NextAsync() }.ToDictionary(a => a.GetProperty("envelope_id").GetString()!);
        Assert.Equal(SalesCoachBot.Core.Localization.ReplyTexts.Shared.In(SalesCoachBot.Core.Localization.ReplyLanguage.English).Errors("Slack.NotServed"), acks["env-1"].GetProperty("payload").GetProperty("text").GetString());
        Assert.Equal("""{"envelope_id":"env-2"}""", acks["env-2"].GetRawText());
        Assert.Empty(app.Bot.Turns);
    }

    [Fact]
    public async Task SocketModeOnly_HttpEndpoints_Answer404()
    {
        var app = await StartHostAsync();

        var response = await app.PostJsonAsync("/slack/events", """{"type":"url_verification","challenge":"x"}""");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public void AckJson_WithAndWithoutPayload_MatchesSlacksShape()
    {
        Assert.Equal("""{"envelope_id":"e1"}""", SlackSocketModeService.AckJson("e1", null));
        using var doc = JsonDocument.Parse(SlackSocketModeService.AckJson("e2", new WebApi.ResponseMessage("hi", []) { ResponseType = "ephemeral" }));
        Assert.Equal("hi", doc.RootElement.GetProperty("payload").GetProperty("text").GetString());
        Assert.Equal("ephemeral", doc.RootElement.GetProperty("payload").GetProperty("response_type").GetString());
    }
}
