using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Slack.Tests.Fakes;

namespace SalesCoachBot.Slack.Tests;

/// <summary>
/// Issue 5, "Bad input", on correctly signed requests: wrong content types, malformed forms and JSON,
/// unknown interaction types and action ids, tampered button values and oversize bodies get the right 4xx
/// or a polite ephemeral notice, never a 500, and nothing reaches the core or Slack that should not.
/// </summary>
public sealed class BadInputTests : IAsyncLifetime
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

    [Theory]
    [InlineData("/slack/interactions", "payload=%7B%7D", "application/json")]
    [InlineData("/slack/interactions", "payload=%7B%7D", "text/plain")]
    [InlineData("/slack/interactions", "payload=%7B%7D", "multipart/form-data; boundary=x")]
    [InlineData("/slack/commands", "command=%2Fcoach&text=next+initech&user_id=U0PAT&team_id=T0FAKE&channel_id=C0SALES", "text/plain")]
    [InlineData("/slack/events", "{\"type\":\"event_callback\"}", "text/plain")]
    [InlineData("/slack/events", "{\"type\":\"event_callback\"}", "application/xml")]
    public async Task Endpoints_WrongContentType_415AndNothingHandled(string path, string body, string contentType)
    {
        var response = await host.PostAsync(path, body, contentType);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        await AssertNothingHandledAsync();
    }

    [Theory]
    [InlineData("/slack/interactions")]
    [InlineData("/slack/commands")]
    [InlineData("/slack/events")]
    public async Task Endpoints_NoContentType_415AndNothingHandled(string path)
    {
        const string body = "payload=%7B%7D";
        var ts = SlackTestHost.Now();
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        request.Headers.Add("X-Slack-Request-Timestamp", ts.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("X-Slack-Signature", SlackTestHost.Sign(SlackTestHost.Secret, ts, body));

        var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        await AssertNothingHandledAsync();
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("\"event_callback\"")]
    [InlineData("{\"type\":42}")]
    [InlineData("{\"type\":\"event_callback\",\"event\":\"app_mention\"}")]
    [InlineData("{\"type\":\"url_verification\"}")]
    [InlineData("{\"type\":\"event_callback\",\"team_id\":\"T0FAKE\",\"event\":{\"type\":\"app_mention\"}")]
    public async Task Events_MalformedJson_400AndNothingHandled(string body)
    {
        var response = await host.PostJsonAsync("/slack/events", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertNothingHandledAsync();
    }

    [Fact]
    public async Task Events_NestedTooDeep_400NotA500()
    {
        var body = "{\"type\":\"event_callback\",\"team_id\":\"T0FAKE\",\"event\":{\"type\":\"app_mention\",\"blocks\":" + new string('[', 300) + new string(']', 300) + "}}";

        var response = await host.PostJsonAsync("/slack/events", body);

        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.OK, $"got {(int)response.StatusCode}");
        await AssertNothingHandledAsync();
    }

    [Theory]
    [InlineData("{\"type\":\"event_callback\",\"team_id\":\"T0FAKE\",\"event_id\":\"Ev1\",\"event\":{\"type\":\"reaction_added\",\"user\":\"U0PAT\"}}")]
    [InlineData("{\"type\":\"event_callback\",\"team_id\":\"T0FAKE\",\"event_id\":\"Ev2\",\"event\":{\"type\":\"bananas\",\"text\":\"next initech\"}}")]
    [InlineData("{\"type\":\"app_rate_limited\",\"team_id\":\"T0FAKE\"}")]
    [InlineData("{\"type\":\"event_callback\",\"team_id\":\"T0FAKE\",\"event\":{\"type\":\"app_mention\",\"user\":\"U0PAT\",\"text\":\"<@U0BOT> next initech\",\"channel\":\"C0SALES\"}}")]
    public async Task Events_UnknownOrIncompleteEvent_AcknowledgedAndNothingHandled(string body)
    {
        var response = await host.PostJsonAsync("/slack/events", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await AssertNothingHandledAsync();
    }

    [Theory]
    [InlineData("command=%2Fcoach&text=next+initech&team_id=T0FAKE&channel_id=C0SALES")]
    [InlineData("command=%2Fcoach&text=next+initech&user_id=U0PAT&user_id=U0EVE&team_id=T0FAKE&channel_id=C0SALES")]
    [InlineData("%%%=%ZZ&&&===")]
    [InlineData("")]
    public async Task Commands_MalformedForm_400AndNothingHandled(string body)
    {
        var response = await host.PostAsync("/slack/commands", body, "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertNothingHandledAsync();
    }

    [Theory]
    [InlineData("payload=")]
    [InlineData("payload=%5B%5D")]
    [InlineData("payload=null")]
    [InlineData("payload=%7B%22type%22%3A%22block_actions%22%2C%22actions%22%3A%22confirm%22%7D")]
    [InlineData("payload=a&payload=b")]
    public async Task Interactions_MalformedPayload_400AndNothingHandled(string body)
    {
        var response = await host.PostAsync("/slack/interactions", body, "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertNothingHandledAsync();
    }

    [Theory]
    [InlineData("view_submission")]
    [InlineData("view_closed")]
    [InlineData("shortcut")]
    [InlineData("message_action")]
    [InlineData("bananas")]
    public async Task Interactions_UnknownInteractionType_200AndNothingHandled(string type)
    {
        var payload = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["type"] = type,
            ["team"] = new { id = "T0FAKE" },
            ["user"] = new { id = "U0PAT" },
            ["response_url"] = api.ResponseUrl("unknown-type").ToString(),
            ["actions"] = new[] { new { action_id = "coach-confirm", value = Confirm(42, "demo", 3) } },
        });

        var response = await host.PostAsync("/slack/interactions", "payload=" + Uri.EscapeDataString(payload), "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await AssertNothingHandledAsync();
    }

    [Theory]
    [InlineData("")]
    [InlineData("coach-confirm-but-not-really")]
    [InlineData("COACH-CONFIRM")]
    public async Task Interactions_UnknownActionId_200AndNothingHandled(string actionId)
    {
        var response = await host.PostAsync("/slack/interactions", BlockActions(actionId, Confirm(42, "demo", 3), "unknown-action"), "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await AssertNothingHandledAsync();
    }

    [Fact]
    public async Task Interactions_ButtonValueOverPayloadLimit_PoliteEphemeralNoticeAndCoreNotCalled()
    {
        var value = "{\"kind\":\"confirm\",\"deal\":42,\"stage\":\"" + new string('d', 5000) + "\",\"stageVersion\":3}";

        var response = await host.PostAsync("/slack/interactions", BlockActions("coach-confirm", value, "long-value"), "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var notice = Assert.Single(await api.WaitForCallsAsync("/hooks/long-value"));
        Assert.Contains("can't use that button", notice.Body, StringComparison.Ordinal);
        Assert.Contains("\"response_type\":\"ephemeral\"", notice.Body, StringComparison.Ordinal);
        Assert.Empty(host.Bot.Turns);
    }

    [Theory]
    [InlineData(777, "demo", 3, "another deal")]
    [InlineData(42, "contract-signed", 3, "a stage the deal is not in")]
    [InlineData(42, "demo", 1, "an old stage version")]
    public async Task Interactions_TamperedButPlausibleValue_ReachesTheCoreUnchangedAndItsAnswerReplacesTheMessage(long deal, string stage, int version, string why)
    {
        // The channel does not trust or "fix" a button value: the Core checks deal, stage and version, and answers.
        host.Bot.Reply = _ => new BotAnswer("That card was out of date.", new Card { Kind = CardKind.Error, Title = "Out of date", Note = "This card was out of date." }) { ReplacesCard = true };

        var response = await host.PostAsync("/slack/interactions", BlockActions("coach-confirm", Confirm(deal, stage, version), "tampered"), "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(await api.WaitForCallsAsync("/hooks/tampered"));
        var turn = Assert.Single(host.Bot.Turns);
        var input = Assert.IsType<ActionInput>(turn.Input);
        Assert.True(new ConfirmItemsPayload(new DealId(deal), new StageId(stage), version) == (ConfirmItemsPayload)input.Payload, why);
    }

    [Fact]
    public async Task Events_NullAuthorizationEntry_AnsweredNotA500()
    {
        // Found by the fuzzer (issue 13): a JSON null among the authorizations was dereferenced (500).
        const string body = """
            {"type":"event_callback","team_id":"T0FAKE","event_id":"EvNull","authorizations":[null,{"team_id":"T0FAKE","user_id":"U0BOT","is_bot":true}],
             "event":{"type":"app_mention","user":"U0PAT","text":"<@U0BOT> next initech","channel":"C0SALES","ts":"1715000000.000100"}}
            """;

        var response = await host.PostJsonAsync("/slack/events", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(await api.WaitForCallsAsync("/api/chat.postMessage"));
        Assert.Equal("next initech", Assert.IsType<TextInput>(Assert.Single(host.Bot.Turns).Input).Text);
    }

    [Fact]
    public async Task Interactions_NullsInCheckboxState_ConfirmReachesTheCoreWithTheTicksThatCanBeRead()
    {
        // Found by the fuzzer (issue 13): a JSON null for a block, an element or an option of state.values was
        // dereferenced (500).
        var payload = new Dictionary<string, object?>
        {
            ["type"] = "block_actions",
            ["user"] = new { id = "U0PAT", name = "pat", team_id = "T0FAKE" },
            ["team"] = new { id = "T0FAKE" },
            ["channel"] = new { id = "C0SALES" },
            ["container"] = new { type = "message", message_ts = "1715000000.000200", channel_id = "C0SALES", is_ephemeral = true },
            ["response_url"] = api.ResponseUrl("nulls").ToString(),
            ["actions"] = new[] { new { type = "button", action_id = "coach-confirm", block_id = "coach-confirm", value = Confirm(42, "demo", 3) } },
            ["state"] = new Dictionary<string, object?>
            {
                ["values"] = new Dictionary<string, object?>
                {
                    ["coach-checklist-0"] = null,
                    ["coach-checklist-1"] = new Dictionary<string, object?>
                    {
                        ["coach-tick-0"] = null,
                        ["coach-tick-1"] = new { type = "checkboxes", selected_options = new object?[] { null, new { value = "demo-held" } } },
                    },
                },
            },
        };

        var response = await host.PostAsync("/slack/interactions", "payload=" + Uri.EscapeDataString(JsonSerializer.Serialize(payload)), "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(await api.WaitForCallsAsync("/hooks/nulls"));
        var input = Assert.IsType<ActionInput>(Assert.Single(host.Bot.Turns).Input);
        Assert.Equal([new ChecklistItemId("demo-held")], input.SelectedItems);
    }

    [Theory]
    [InlineData("/slack/commands", "application/x-www-form-urlencoded")]
    [InlineData("/slack/interactions", "application/x-www-form-urlencoded")]
    [InlineData("/slack/events", "application/json")]
    public async Task Endpoints_OversizeBody_413AndNothingHandled(string path, string contentType)
    {
        var body = contentType == "application/json"
            ? "{\"type\":\"event_callback\",\"x\":\"" + new string('a', 70_000) + "\"}"
            : "text=" + new string('a', 70_000) + "&user_id=U0PAT&team_id=T0FAKE&channel_id=C0SALES";

        var response = await host.PostAsync(path, body, contentType);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await AssertNothingHandledAsync();
    }

    [Fact]
    public async Task Commands_OversizeChunkedBodyWithoutContentLength_413AndNothingHandled()
    {
        var body = "command=%2Fcoach&user_id=U0PAT&team_id=T0FAKE&channel_id=C0SALES&text=" + new string('a', 200_000);
        var ts = SlackTestHost.Now();
        var request = new HttpRequestMessage(HttpMethod.Post, "/slack/commands") { Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body))) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        request.Headers.TransferEncodingChunked = true;
        request.Headers.Add("X-Slack-Request-Timestamp", ts.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("X-Slack-Signature", SlackTestHost.Sign(SlackTestHost.Secret, ts, body));

        var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await AssertNothingHandledAsync();
    }

    [Theory]
    [InlineData("/slack/commands", "command=%2Fcoach&text=next+initech&user_id=U0PAT&team_id=T0FAKE&channel_id=C0SALES&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT0FAKE%2F1%2Fabc", "application/x-www-form-urlencoded")]
    [InlineData("/slack/events", "{\"type\":\"event_callback\",\"team_id\":\"T0FAKE\",\"event_id\":\"Ev0CUT\",\"event\":{\"type\":\"app_mention\",\"user\":\"U0PAT\",\"text\":\"<@U0BOT> help\",\"channel\":\"C0SALES\",\"ts\":\"1.2\"}}", "application/json")]
    public async Task Endpoints_BodyShorterThanItsContentLength_400AndNothingHandled(string path, string body, string contentType)
    {
        // Signed over the bytes actually sent, so only the announced length tells that the body was cut short.
        var response = await SendWithContentLengthAsync(path, body, contentType, Encoding.UTF8.GetByteCount(body) + 16);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertNothingHandledAsync();
    }

    [Fact]
    public async Task Commands_BodyAsLongAsItsContentLength_IsHandled()
    {
        // The counterpart of the test above: the same command with its true length reaches the core.
        const string body = "command=%2Fcoach&text=next+initech&user_id=U0PAT&team_id=T0FAKE&channel_id=C0SALES&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT0FAKE%2F1%2Fabc";

        var response = await SendWithContentLengthAsync("/slack/commands", body, "application/x-www-form-urlencoded", Encoding.UTF8.GetByteCount(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await host.WorkDoneAsync();
        Assert.Single(host.Bot.Turns);
    }

    private Task<HttpResponseMessage> SendWithContentLengthAsync(string path, string body, string contentType, long contentLength)
    {
        var ts = SlackTestHost.Now();
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body))) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Content.Headers.ContentLength = contentLength;
        request.Headers.Add("X-Slack-Request-Timestamp", ts.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("X-Slack-Signature", SlackTestHost.Sign(SlackTestHost.Secret, ts, body));
        return host.Client.SendAsync(request);
    }

    private async Task AssertNothingHandledAsync()
    {
        // Work queued by mistake would run after the ack: wait until the worker has done everything queued.
        await host.WorkDoneAsync();
        Assert.Empty(host.Bot.Turns);
        Assert.Empty(api.Calls);
    }

    private static string Confirm(long deal, string stage, int version) => new ConfirmItemsPayload(new DealId(deal), new StageId(stage), version).ToJson();

    private string BlockActions(string actionId, string value, string hook)
    {
        var payload = new Dictionary<string, object?>
        {
            ["type"] = "block_actions",
            ["user"] = new { id = "U0PAT", username = "pat", name = "pat", team_id = "T0FAKE" },
            ["team"] = new { id = "T0FAKE" },
            ["channel"] = new { id = "C0SALES" },
            ["container"] = new { type = "message", message_ts = "1715000000.000200", channel_id = "C0SALES", is_ephemeral = true },
            ["response_url"] = api.ResponseUrl(hook).ToString(),
            ["actions"] = new[] { new { type = "button", action_id = actionId, block_id = "coach-confirm", value } },
        };
        return "payload=" + Uri.EscapeDataString(JsonSerializer.Serialize(payload));
    }
}
