using System.Net;
using System.Text.Json;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Slack.BlockKit;
using SalesCoachBot.Slack.Inbound;
using SalesCoachBot.Slack.Tests.Fakes;

namespace SalesCoachBot.Slack.Tests;

public sealed class SlackEndpointTests : IAsyncLifetime
{
    private RecordingSlackApi api = null!;
    private SlackTestHost host = null!;

    public async Task InitializeAsync()
    {
        api = await RecordingSlackApi.StartAsync();
        host = await SlackTestHost.StartAsync(api);
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await api.DisposeAsync();
    }

    private static string Mention(string eventId, string text = "<@U0BOT> what's next for initech", string? botId = null, string? subtype = null, string user = "U0PAT") =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["type"] = "event_callback",
            ["team_id"] = "T0FAKE",
            ["event_id"] = eventId,
            ["authorizations"] = new[] { new { team_id = "T0FAKE", user_id = "U0BOT", is_bot = true } },
            ["event"] = new Dictionary<string, object?>
            {
                ["type"] = "app_mention",
                ["user"] = user,
                ["text"] = text,
                ["channel"] = "C0SALES",
                ["ts"] = "1715000000.000100",
                ["bot_id"] = botId,
                ["subtype"] = subtype,
            },
        });

    private static Dictionary<string, string> Command(string text) => SlashCommandForm.Coach(text);

    [Fact]
    public async Task Commands_SlackDocumentedVectorSignedNow_IsAcceptedAndReachesTheCore()
    {
        var body = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", "doc-vector-slash-command.txt"));
        var response = await host.PostAsync("/slack/commands", body, "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var turn = Assert.Single(host.Bot.Turns);
        Assert.Equal(ConversationKey.Slack("T1DC2JH3J", "G8PSS9T3V"), turn.Conversation);
        Assert.Equal("U2CERLKJA", turn.User.SlackUserId);
        Assert.Equal(new TextInput("help"), turn.Input);
    }

    [Fact]
    public async Task Commands_SlackDocumentedVectorAtItsOwnTimestamp_IsStaleAnd401()
    {
        var body = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", "doc-vector-slash-command.txt"));
        var response = await host.PostAsync("/slack/commands", body, "application/x-www-form-urlencoded",
            timestamp: 1531420618, signature: "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(host.Bot.Turns);
    }

    [Theory]
    [InlineData("tampered")]
    [InlineData("wrong secret")]
    [InlineData("stale")]
    [InlineData("future")]
    [InlineData("garbled")]
    [InlineData("missing headers")]
    public async Task AllEndpoints_BadSignature_401AndNothingReachesTheCore(string why)
    {
        foreach (var (path, body, type) in new[]
        {
            ("/slack/commands", SlackTestHost.FormBody(Command("next initech")), "application/x-www-form-urlencoded"),
            ("/slack/events", Mention("Ev1"), "application/json"),
            ("/slack/interactions", BlockActions("coach-confirm", Confirm.ToJson(), true, api.ResponseUrl("x").ToString(), "demo-held"), "application/x-www-form-urlencoded"),
        })
        {
            var ts = SlackTestHost.Now() + why switch { "stale" => -310, "future" => 310, _ => 0 };
            var signature = why switch
            {
                "tampered" => SlackTestHost.Sign(SlackTestHost.Secret, ts, body + " "),
                "wrong secret" => SlackTestHost.Sign("another-secret", ts, body),
                "garbled" => "v0=not-hex",
                _ => SlackTestHost.Sign(SlackTestHost.Secret, ts, body),
            };

            var response = await host.PostAsync(path, body, type, timestamp: ts, signature: signature, signed: why != "missing headers");

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        await host.WorkDoneAsync();
        Assert.Empty(host.Bot.Turns);
        Assert.Empty(api.Calls);
    }

    [Fact]
    public async Task Events_UrlVerification_EchoesChallenge()
    {
        var response = await host.PostJsonAsync("/slack/events", """{"token":"x","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", json.RootElement.GetProperty("challenge").GetString());
    }

    [Fact]
    public async Task Commands_UnsignedSslCheck_200AndNothingElse()
    {
        var response = await host.PostAsync("/slack/commands", "ssl_check=1&token=xyz", "application/x-www-form-urlencoded", signed: false);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(string.Empty, await response.Content.ReadAsStringAsync());
        await host.WorkDoneAsync();
        Assert.Empty(host.Bot.Turns);
    }

    [Fact]
    public async Task Events_AppMention_AckedThenAnsweredInTheChannelWithMentionStripped()
    {
        var response = await host.PostJsonAsync("/slack/events", Mention("Ev100"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var posted = Assert.Single(await api.WaitForCallsAsync("/api/chat.postMessage"));
        var turn = Assert.Single(host.Bot.Turns);
        Assert.Equal(new TextInput("what's next for initech"), turn.Input);
        Assert.Equal(ConversationKey.Slack("T0FAKE", "C0SALES"), turn.Conversation);
        Assert.Equal("Bearer xoxb-test-token", posted.Authorization);
        using var json = JsonDocument.Parse(posted.Body);
        Assert.Equal("C0SALES", json.RootElement.GetProperty("channel").GetString());
        Assert.Equal("You said: what's next for initech", json.RootElement.GetProperty("text").GetString());
        Assert.True(json.RootElement.GetProperty("blocks").GetArrayLength() > 0);
    }

    [Fact]
    public async Task Events_RetriedDelivery_HandledOnce()
    {
        await host.PostJsonAsync("/slack/events", Mention("Ev200"));
        var retry = await host.PostJsonAsync("/slack/events", Mention("Ev200"), new Dictionary<string, string>
        {
            ["X-Slack-Retry-Num"] = "1",
            ["X-Slack-Retry-Reason"] = "http_timeout",
        });

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        await host.WorkDoneAsync();
        Assert.Single(host.Bot.Turns);
        Assert.Single(api.CallsTo("/api/chat.postMessage"));
    }

    [Theory]
    [InlineData("B0BOT", null, "U0PAT")]
    [InlineData(null, "message_changed", "U0PAT")]
    [InlineData(null, null, "U0BOT")]
    public async Task Events_BotOrEditedMessages_Ignored(string? botId, string? subtype, string user)
    {
        var response = await host.PostJsonAsync("/slack/events", Mention("Ev300" + botId + subtype + user, botId: botId, subtype: subtype, user: user));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await host.WorkDoneAsync();
        Assert.Empty(host.Bot.Turns);
        Assert.Empty(api.Calls);
    }

    [Fact]
    public async Task Events_DirectMessage_Answered()
    {
        var body = """{"type":"event_callback","team_id":"T0FAKE","event_id":"Ev400","event":{"type":"message","channel_type":"im","user":"U0PAT","text":"my deals","channel":"D0DM","ts":"1.1"}}""";
        await host.PostJsonAsync("/slack/events", body);

        var posted = Assert.Single(await api.WaitForCallsAsync("/api/chat.postMessage"));
        Assert.Contains("\"channel\":\"D0DM\"", posted.Body, StringComparison.Ordinal);
        Assert.Equal(new TextInput("my deals"), Assert.Single(host.Bot.Turns).Input);
    }

    [Fact]
    public async Task Commands_AnswerReadyInTime_BlockKitInTheAckEphemeralByDefault()
    {
        host.Bot.Reply = _ => new BotAnswer("Initech is in Demo.", new Card { Kind = CardKind.Info, Title = "Initech" });

        var response = await host.PostFormAsync("/slack/commands", Command("next initech"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("ephemeral", json.RootElement.GetProperty("response_type").GetString());
        Assert.Equal("Initech is in Demo.", json.RootElement.GetProperty("text").GetString());
        Assert.Equal("header", json.RootElement.GetProperty("blocks")[0].GetProperty("type").GetString());
        Assert.Equal(new TextInput("next initech"), Assert.Single(host.Bot.Turns).Input);
    }

    [Fact]
    public async Task Commands_AnsweredInTheAck_OneJsonBodyWithItsLengthAndTheSerializersBytes()
    {
        var answer = new BotAnswer("Initech — \"Demo\" <b> & co.", new Card { Kind = CardKind.Info, Title = "Initech", Body = ["é 😀 \u2028"] });
        host.Bot.Reply = _ => answer;

        var response = await host.PostFormAsync("/slack/commands", Command("next initech"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(body.Length, response.Content.Headers.ContentLength);
        var expected = SalesCoachBot.Slack.WebApi.ResponseMessage.From(new SalesCoachBot.Slack.BlockKit.BlockKitRenderer().Render(answer), "ephemeral");
        var text = System.Text.Encoding.UTF8.GetString(body);
        Assert.Equal(SlackWireJson.Serialize(expected, SlackJsonContext.Wire.ResponseMessage), text);
        // The same JSON the serializer's metadata path writes (Indented takes it), with quotes and non-ASCII as written.
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(
            System.Text.Json.Nodes.JsonNode.Parse(JsonSerializer.Serialize(expected, SlackJsonContext.Indented.ResponseMessage)),
            System.Text.Json.Nodes.JsonNode.Parse(text)));
        Assert.Contains("Initech — \\\"Demo\\\" &lt;b&gt; &amp; co.", text, StringComparison.Ordinal);
        Assert.Contains("\"é ", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Commands_FieldGivenTwice_IsTreatedAsMissing()
    {
        var body = SlackTestHost.FormBody(Command("next initech")) + "&user_id=U0OTHER";

        var response = await host.PostAsync("/slack/commands", body, "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(host.Bot.Turns);
    }

    [Fact]
    public async Task Commands_EndingWithPublic_InChannelAndWordRemoved()
    {
        var response = await host.PostFormAsync("/slack/commands", Command("next initech public"));

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("in_channel", json.RootElement.GetProperty("response_type").GetString());
        Assert.Equal(new TextInput("next initech"), Assert.Single(host.Bot.Turns).Input);
    }

    [Fact]
    public async Task Commands_SlowAnswer_AckedFastThenPostedToResponseUrl()
    {
        await using var slowHost = await SlackTestHost.StartAsync(api, new Dictionary<string, string?> { ["Slack:AckBudget"] = "00:00:00.200" });
        var answerReady = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        slowHost.Bot.HoldAnswersUntil = answerReady.Task;
        var form = Command("next initech");
        form["response_url"] = api.ResponseUrl("slow").ToString();

        var response = await slowHost.PostFormAsync("/slack/commands", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Working on it", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        answerReady.SetResult();
        var delivered = Assert.Single(await api.WaitForCallsAsync("/hooks/slow"));
        Assert.Contains("You said: next initech", delivered.Body, StringComparison.Ordinal);
        Assert.Contains("\"response_type\":\"ephemeral\"", delivered.Body, StringComparison.Ordinal);
    }

    private static string BlockActions(string actionId, string? value, bool ephemeral, string responseUrl, params string[] ticked)
    {
        var selected = ticked.Select(t => new { text = new { type = "plain_text", text = t }, value = t }).ToArray();
        var payload = new Dictionary<string, object?>
        {
            ["type"] = "block_actions",
            ["user"] = new { id = "U0PAT", username = "pat", name = "pat", team_id = "T0FAKE" },
            ["team"] = new { id = "T0FAKE" },
            ["channel"] = new { id = "C0SALES" },
            ["container"] = new { type = "message", message_ts = "1715000000.000200", channel_id = "C0SALES", is_ephemeral = ephemeral },
            ["message"] = new { ts = "1715000000.000200" },
            ["response_url"] = responseUrl,
            ["state"] = new
            {
                values = new Dictionary<string, object>
                {
                    ["coach-checklist-0"] = new Dictionary<string, object> { ["coach-tick-0"] = new { type = "checkboxes", selected_options = selected.Take(1).ToArray() } },
                    ["coach-checklist-1"] = new Dictionary<string, object> { ["coach-tick-1"] = new { type = "checkboxes", selected_options = selected.Skip(1).ToArray() } },
                    ["other-block"] = new Dictionary<string, object> { ["x"] = new { type = "checkboxes", selected_options = new[] { new { value = "not-ours" } } } },
                },
            },
            ["actions"] = new[] { new { type = "button", action_id = actionId, block_id = "coach-confirm", value } },
        };
        return "payload=" + Uri.EscapeDataString(JsonSerializer.Serialize(payload));
    }

    private static readonly ConfirmItemsPayload Confirm = new(new DealId(42), new StageId("demo"), 3);

    [Fact]
    public void FormPayload_AnotherReasonModal_TextArrivesInTheSaidNoPayload()
    {
        var state = new InteractionState(new Dictionary<string, IReadOnlyDictionary<string, InteractionStateValue>>
        {
            [SaidNoPayload.ReasonInput] = new Dictionary<string, InteractionStateValue>
            {
                [SaidNoPayload.ReasonInput] = new("plain_text_input", "They build it in house", null),
            },
        });

        var payload = SlackInboundHandler.FormPayload(new SaidNoPayload(new DealId(42), 3).ToJson(), state);

        Assert.Equal(new SaidNoPayload(new DealId(42), 3, "They build it in house"), payload);
    }

    [Fact]
    public void FormPayload_PayloadThatCarriesItsReason_KeepsItsOwn()
    {
        var state = new InteractionState(new Dictionary<string, IReadOnlyDictionary<string, InteractionStateValue>>
        {
            [SaidNoPayload.ReasonInput] = new Dictionary<string, InteractionStateValue>
            {
                [SaidNoPayload.ReasonInput] = new("plain_text_input", "something else", null),
            },
        });

        var payload = SlackInboundHandler.FormPayload(new SaidNoPayload(new DealId(42), 3, "price").ToJson(), state);

        Assert.Equal(new SaidNoPayload(new DealId(42), 3, "price"), payload);
    }

    [Fact]
    public async Task Interactions_ConfirmOnEphemeralCard_CoreGetsTickedItemsAndCardReplacedViaResponseUrl()
    {
        host.Bot.Reply = _ => new BotAnswer("Confirmed.", new Card { Kind = CardKind.Checklist, Title = "Initech" }) { ReplacesCard = true };
        var body = BlockActions("coach-confirm", Confirm.ToJson(), ephemeral: true, api.ResponseUrl("eph").ToString(), "demo-held", "pricing-sent");

        var response = await host.PostAsync("/slack/interactions", body, "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var replaced = Assert.Single(await api.WaitForCallsAsync("/hooks/eph"));
        var input = Assert.IsType<ActionInput>(Assert.Single(host.Bot.Turns).Input);
        Assert.Equal(Confirm, input.Payload);
        Assert.Equal([new ChecklistItemId("demo-held"), new ChecklistItemId("pricing-sent")], input.SelectedItems);
        using var json = JsonDocument.Parse(replaced.Body);
        Assert.True(json.RootElement.GetProperty("replace_original").GetBoolean());
        Assert.Equal("Confirmed.", json.RootElement.GetProperty("text").GetString());
        await host.WorkDoneAsync();
        Assert.Empty(api.CallsTo("/api/chat.update"));
    }

    [Fact]
    public async Task Interactions_PressRedeliveredWithItsTriggerId_AckedEachTimeAnsweredOnce()
    {
        host.Bot.Reply = _ => new BotAnswer("Confirmed.", new Card { Kind = CardKind.Checklist, Title = "Initech" }) { ReplacesCard = true };
        var press = WithTriggerId(BlockActions("coach-confirm", Confirm.ToJson(), ephemeral: true, api.ResponseUrl("again").ToString(), "demo-held"), "7.8.9");
        var other = WithTriggerId(BlockActions("coach-confirm", Confirm.ToJson(), ephemeral: true, api.ResponseUrl("again").ToString(), "demo-held"), "7.8.10");

        var first = await host.PostAsync("/slack/interactions", press, "application/x-www-form-urlencoded");
        var redelivered = await host.PostAsync("/slack/interactions", press, "application/x-www-form-urlencoded");
        var nextPress = await host.PostAsync("/slack/interactions", other, "application/x-www-form-urlencoded");

        Assert.All([first, redelivered, nextPress], r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        await host.WorkDoneAsync();
        Assert.Equal(2, host.Bot.Turns.Count);
        Assert.Equal(2, api.CallsTo("/hooks/again").Count);
    }

    private static string WithTriggerId(string body, string triggerId)
    {
        var payload = System.Text.Json.Nodes.JsonNode.Parse(Uri.UnescapeDataString(body["payload=".Length..]))!.AsObject();
        payload["trigger_id"] = triggerId;
        return "payload=" + Uri.EscapeDataString(payload.ToJsonString());
    }

    [Fact]
    public async Task Interactions_ConfirmOnChannelMessage_UpdatedWithChatUpdate()
    {
        host.Bot.Reply = _ => new BotAnswer("Confirmed.", new Card { Kind = CardKind.Checklist, Title = "Initech" }) { ReplacesCard = true };
        var body = BlockActions("coach-confirm", Confirm.ToJson(), ephemeral: false, api.ResponseUrl("chan").ToString(), "demo-held");

        await host.PostAsync("/slack/interactions", body, "application/x-www-form-urlencoded");

        var update = Assert.Single(await api.WaitForCallsAsync("/api/chat.update"));
        using var json = JsonDocument.Parse(update.Body);
        Assert.Equal("C0SALES", json.RootElement.GetProperty("channel").GetString());
        Assert.Equal("1715000000.000200", json.RootElement.GetProperty("ts").GetString());
        Assert.Equal("Bearer xoxb-test-token", update.Authorization);
        await host.WorkDoneAsync();
        Assert.Empty(api.CallsTo("/hooks/chan"));
    }

    [Theory]
    [InlineData("""{"kind":"confirm","deal":"not-a-number","stage":"demo","stageVersion":3}""")]
    [InlineData("""{"kind":"confirm","deal":{"id":1},"stage":"demo","stageVersion":3}""")]
    [InlineData("""{"kind":"confirm","deal":42,"stage":7,"stageVersion":3}""")]
    [InlineData("""{"kind":"drop-tables","deal":42}""")]
    [InlineData("not json at all")]
    public async Task Interactions_TamperedButtonValue_PoliteEphemeralNoticeAndCoreNotCalled(string value)
    {
        var body = BlockActions("coach-confirm", value, ephemeral: true, api.ResponseUrl("bad").ToString());

        var response = await host.PostAsync("/slack/interactions", body, "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var notice = Assert.Single(await api.WaitForCallsAsync("/hooks/bad"));
        Assert.Contains("can't use that button", notice.Body, StringComparison.Ordinal);
        Assert.Contains("\"replace_original\":false", notice.Body, StringComparison.Ordinal);
        Assert.Empty(host.Bot.Turns);
    }

    [Theory]
    [InlineData("coach-tick-0")]
    [InlineData("somebody-elses-action")]
    public async Task Interactions_TickOrUnknownAction_200AndNothingRecorded(string actionId)
    {
        var body = BlockActions(actionId, Confirm.ToJson(), ephemeral: true, api.ResponseUrl("noop").ToString(), "demo-held");

        var response = await host.PostAsync("/slack/interactions", body, "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await host.WorkDoneAsync();
        Assert.Empty(host.Bot.Turns);
        Assert.Empty(api.Calls);
    }

    [Fact]
    public async Task Interactions_UnknownInteractionType_200AndNothingRecorded()
    {
        var body = "payload=" + Uri.EscapeDataString("""{"type":"message_action","team":{"id":"T0FAKE"},"user":{"id":"U0PAT"}}""");

        var response = await host.PostAsync("/slack/interactions", body, "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await host.WorkDoneAsync();
        Assert.Empty(host.Bot.Turns);
        Assert.Empty(api.Calls);
    }

    [Theory]
    [InlineData("/slack/events", "{not json", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("/slack/events", "a=b", "application/x-www-form-urlencoded", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("/slack/commands", "{\"text\":\"hi\"}", "application/json", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("/slack/commands", "text=hi", "application/x-www-form-urlencoded", HttpStatusCode.BadRequest)]
    [InlineData("/slack/interactions", "payload=%7Bbroken", "application/x-www-form-urlencoded", HttpStatusCode.BadRequest)]
    [InlineData("/slack/interactions", "nothing=here", "application/x-www-form-urlencoded", HttpStatusCode.BadRequest)]
    public async Task Endpoints_MalformedButSigned_4xxNeverA500(string path, string body, string contentType, HttpStatusCode expected)
    {
        var response = await host.PostAsync(path, body, contentType);

        Assert.Equal(expected, response.StatusCode);
        Assert.Empty(host.Bot.Turns);
    }

    [Fact]
    public async Task Endpoints_OversizeBody_413BeforeVerification()
    {
        var response = await host.PostAsync("/slack/events", "{\"x\":\"" + new string('a', 70_000) + "\"}", "application/json");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(host.Bot.Turns);
    }

    [Fact]
    public async Task Endpoints_RequestFromAnotherWorkspace_RefusedAndNothingRecorded()
    {
        await using var pinned = await SlackTestHost.StartAsync(api, new Dictionary<string, string?> { ["Slack:TeamId"] = "T0OURS" });

        var command = await pinned.PostFormAsync("/slack/commands", Command("next initech"));
        var ev = await pinned.PostJsonAsync("/slack/events", Mention("Ev500"));

        // The person who typed /coach gets a polite word; nothing else is answered.
        Assert.Equal(HttpStatusCode.OK, command.StatusCode);
        Assert.Contains("not available in this Slack workspace", await command.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, ev.StatusCode);
        await pinned.WorkDoneAsync();
        Assert.Empty(pinned.Bot.Turns);
    }

    [Fact]
    public async Task Endpoints_SlackNotConfigured_404()
    {
        await using var off = await SlackTestHost.StartAsync(slackOn: false);

        var response = await off.PostFormAsync("/slack/commands", Command("next initech"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
