using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Teams.Tests.Support;

namespace SalesCoachBot.Teams.Tests.Dispatch;

/// <summary>
/// Issue 4, "Bad input", at <c>POST /api/messages</c> with a valid token: malformed bodies, missing or
/// unknown types and invoke names, oversize bodies and tampered card data get the matching 4xx or
/// invoke error, never a 500, and nothing is stored (no turn, no conversation reference, no reply).
/// </summary>
public sealed class BadInputTests : IAsyncLifetime
{
    /// <summary>Teams writes "&lt;at&gt;" as is, not as \u003C escapes (six bytes each).</summary>
    private static readonly JsonSerializerOptions AsTeamsSendsIt = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private TeamsTestHost host = null!;

    public async Task InitializeAsync() => host = await TeamsTestHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Theory]
    [InlineData("")]
    [InlineData("{\"type\":\"\",\"conversation\":{\"id\":\"a\"},\"serviceUrl\":\"https://smba.test/amer/\"}")]
    [InlineData("{\"type\":null,\"conversation\":{\"id\":\"a\"},\"serviceUrl\":\"https://smba.test/amer/\"}")]
    [InlineData("{\"type\":\"message\",\"conversation\":\"a\",\"serviceUrl\":\"https://smba.test/amer/\"}")]
    [InlineData("{\"type\":\"message\",\"conversation\":{\"id\":\"a\"},\"serviceUrl\":\"https://smba.test/amer/\",\"value\":{\"x\":1}")]
    [InlineData("{\"type\":\"message\",\"conversation\":{\"id\":\"a\"},\"serviceUrl\":\"https://smba.test/amer/\",\"text\":42}")]
    [InlineData("{\"type\":\"message\",\"conversation\":{\"id\":\"a\"},\"serviceUrl\":\"ftp://smba.test/amer/\",\"text\":\"hi\"}")]
    public async Task Messages_MalformedOrTypelessActivity_400AndNothingStored(string body)
    {
        var response = await host.PostAsync(TestActivities.Message("x"), rawBody: body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task Messages_NestedTooDeep_400NotA500()
    {
        var body = "{\"type\":\"message\",\"conversation\":{\"id\":\"a\"},\"serviceUrl\":\"https://smba.test/amer/\",\"value\":"
            + new string('[', 500) + new string(']', 500) + "}";

        var response = await host.PostAsync(TestActivities.Message("x"), rawBody: body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task Messages_InvalidUtf8Body_400NotA500()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new ByteArrayContent([.. "{\"type\":\"message\",\"text\":\""u8, 0xC3, 0x28, 0xFF, .. "\"}"u8]),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", host.Authority.Token(TeamsTestHost.ServiceUrl));

        var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertNothingStoredAsync();
    }

    [Theory]
    [InlineData("bananas")]
    [InlineData("typing")]
    [InlineData("messageReaction")]
    [InlineData("endOfConversation")]
    public async Task Messages_ActivityTypeTheBotDoesNotHandle_AcknowledgedAndNothingStored(string type)
    {
        // Bot Framework channels send many activity types; a bot acknowledges the ones it does not handle.
        var response = await host.PostAsync(TestActivities.Base(type, text: "done demo held for initech"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await AssertNothingStoredAsync();
    }

    [Theory]
    [InlineData("composeExtension/query")]
    [InlineData("task/fetch")]
    [InlineData("adaptiveCard/Action")]
    [InlineData("")]
    public async Task Invoke_UnknownOrMissingName_400AndNothingStored(string name)
    {
        var activity = TestActivities.Base("invoke");
        if (name.Length > 0)
        {
            activity["name"] = name;
        }

        activity["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = "confirm", ["data"] = ConfirmData(42, "discovery", 3) } };

        var response = await host.PostAsync(activity);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task Submit_CardDataNotOurs_400AndNoConversationReferenceStored()
    {
        var activity = TestActivities.Message(null!);
        activity["value"] = new JsonObject { ["kind"] = "drop-tables", ["deal"] = 42 };

        var response = await host.PostAsync(activity);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertNothingStoredAsync();
    }

    [Theory]
    [InlineData("{\"action\":\"not an object\"}")]
    [InlineData("{\"action\":{\"type\":\"Action.Execute\",\"verb\":\"confirm\"}}")]
    [InlineData("{\"action\":{\"type\":\"Action.Execute\",\"verb\":\"confirm\",\"data\":{\"kind\":\"confirm\",\"deal\":\"42; drop table deals\",\"stage\":\"discovery\",\"stageVersion\":3}}}")]
    [InlineData("{\"action\":{\"type\":\"Action.Execute\",\"verb\":\"confirm\",\"data\":{\"kind\":\"confirm\",\"deal\":42,\"stage\":\"discovery\",\"stageVersion\":99999999999}}}")]
    [InlineData("{\"action\":{\"type\":\"Action.Execute\",\"verb\":\"confirm\",\"data\":{\"kind\":\"confirm\",\"deal\":1.5,\"stage\":\"discovery\",\"stageVersion\":3}}}")]
    [InlineData("[]")]
    public async Task Invoke_TamperedActionShape_InvokeErrorAndNothingStored(string value)
    {
        var activity = TestActivities.Base("invoke");
        activity["name"] = "adaptiveCard/action";
        activity["value"] = JsonNode.Parse(value);

        var response = await host.PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(400, body["statusCode"]!.GetValue<int>());
        Assert.Equal("application/vnd.microsoft.error", body["type"]!.GetValue<string>());
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task Invoke_DataNamingAnotherDealAndAStageItIsNotIn_PassedToCoreUnchangedAndAnsweredWithItsCard()
    {
        // The channel does not trust or "fix" card data: the Core checks deal, stage and version and answers.
        host.Bot.Answer = _ => new BotAnswer("That card is out of date.", SampleCards.Checklist(note: "This card was out of date; here is the current checklist."));
        var data = ConfirmData(777, "contract-signed", 1);
        data["signed-copy-stored"] = "true";

        var response = await host.PostAsync(Invoke(data));

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(200, body["statusCode"]!.GetValue<int>());
        Assert.Equal("application/vnd.microsoft.card.adaptive", body["type"]!.GetValue<string>());
        var input = Assert.IsType<ActionInput>(Assert.Single(host.Bot.Turns).Input);
        Assert.Equal(new ConfirmItemsPayload(new DealId(777), new StageId("contract-signed"), 1), input.Payload);
        Assert.Equal([new ChecklistItemId("signed-copy-stored")], input.SelectedItems);
        Assert.Empty(host.Connector.Calls);
    }

    [Fact]
    public async Task Invoke_MoreTickedTogglesThanAnyChecklist_AtMostFiftyItemsReachTheCore()
    {
        var data = ConfirmData(42, "discovery", 3);
        for (var i = 0; i < 80; i++)
        {
            data[$"i{i}"] = "true";
        }

        var response = await host.PostAsync(Invoke(data));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var input = Assert.IsType<ActionInput>(Assert.Single(host.Bot.Turns).Input);
        Assert.Equal(50, input.SelectedItems.Count);
    }

    [Fact]
    public async Task Invoke_ThousandsOfTickedToggles_InvokeErrorAndNothingStored()
    {
        var data = ConfirmData(42, "discovery", 3);
        for (var i = 0; i < 2_000; i++)
        {
            data[$"item-{i}"] = "true";
        }

        var response = await host.PostAsync(Invoke(data));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(400, body["statusCode"]!.GetValue<int>());
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task Messages_OversizeBodyWithoutContentLength_413AndNothingStored()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(TestActivities.Message(new string('a', 400 * 1024)).ToJsonString()))),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TransferEncodingChunked = true;
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", host.Authority.Token(TeamsTestHost.ServiceUrl));

        var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task Messages_BodyShorterThanItsContentLength_400AndNothingStored()
    {
        // A whole, well-formed activity, but the sender announced more bytes than it sent: the body was cut short.
        var bytes = Encoding.UTF8.GetBytes(TestActivities.Message("what's next for initech").ToJsonString());
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StreamContent(new MemoryStream(bytes)) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Content.Headers.ContentLength = bytes.Length + 16;
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", host.Authority.Token(TeamsTestHost.ServiceUrl));

        var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task Messages_BodyAsLongAsItsContentLength_IsServed()
    {
        // The counterpart of the test above: the same request with the true length is read and answered.
        var bytes = Encoding.UTF8.GetBytes(TestActivities.Message("what's next for initech").ToJsonString());
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StreamContent(new MemoryStream(bytes)) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Content.Headers.ContentLength = bytes.Length;
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", host.Authority.Token(TeamsTestHost.ServiceUrl));

        var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(host.Bot.Turns);
    }

    [Fact]
    public async Task Invoke_OversizeCardData_413AndNothingStored()
    {
        var data = ConfirmData(42, "discovery", 3);
        data["note"] = new string('x', 300 * 1024);

        var response = await host.PostAsync(Invoke(data));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await AssertNothingStoredAsync();
    }

    private const string ActivityStart = "{\"type\":\"message\",\"id\":\"act-1\",\"channelId\":\"msteams\",\"serviceUrl\":\"https://smba.test/amer/\","
        + "\"from\":{\"id\":\"29:user\",\"aadObjectId\":\"aad-1\"},\"recipient\":{\"id\":\"28:bot\"},"
        + "\"conversation\":{\"id\":\"a:personal-1\",\"conversationType\":\"personal\",\"tenantId\":\"tenant-1\"},";

    private const string InvokeStart = "{\"type\":\"invoke\",\"name\":\"adaptiveCard/action\",\"id\":\"act-1\",\"channelId\":\"msteams\",\"serviceUrl\":\"https://smba.test/amer/\","
        + "\"from\":{\"id\":\"29:user\",\"aadObjectId\":\"aad-1\"},\"recipient\":{\"id\":\"28:bot\"},"
        + "\"conversation\":{\"id\":\"a:personal-1\",\"conversationType\":\"personal\",\"tenantId\":\"tenant-1\"},";

    private const string Tenant = "\"channelData\":{\"tenant\":{\"id\":\"tenant-1\"}}";
    private const string Confirm = "\"kind\":\"confirm\",\"deal\":42,\"stage\":\"discovery\",\"stageVersion\":3";

    /// <summary>Otherwise valid activities, by the field where the bad string (<c>BAD</c>) goes.</summary>
    private static readonly Dictionary<string, string> FieldTemplates = new()
    {
        ["text"] = ActivityStart + "\"text\":\"what's next for BAD\"," + Tenant + "}",
        ["channelData.team.name"] = ActivityStart + "\"text\":\"help\",\"channelData\":{\"tenant\":{\"id\":\"tenant-1\"},\"team\":{\"name\":\"BAD\"}}}",
        ["channelData.tenant.id"] = ActivityStart + "\"text\":\"help\",\"channelData\":{\"tenant\":{\"id\":\"BAD\"}}}",
        ["channelData property name"] = ActivityStart + "\"text\":\"help\",\"channelData\":{\"tenant\":{\"id\":\"tenant-1\"},\"BAD\":1}}",
        ["value property name"] = ActivityStart + Tenant + ",\"value\":{" + Confirm + ",\"BAD\":\"true\"}}",
        ["value toggle"] = ActivityStart + Tenant + ",\"value\":{" + Confirm + ",\"demo-booked\":\"BAD\"}}",
        ["value.action.verb"] = InvokeStart + Tenant + ",\"value\":{\"action\":{\"type\":\"Action.Execute\",\"verb\":\"BAD\",\"data\":{" + Confirm + "}}}}",
        ["value.action.data"] = InvokeStart + Tenant + ",\"value\":{\"action\":{\"type\":\"Action.Execute\",\"verb\":\"confirm\",\"data\":{" + Confirm + ",\"note\":\"BAD\"}}}}",
    };

    public static TheoryData<string, string> UnreadableFields
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var bad in new[] { "invalid-utf8", "lone-surrogate", "encoded-surrogate" })
            {
                foreach (var name in FieldTemplates.Keys)
                {
                    data.Add(bad, name);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(UnreadableFields))]
    public async Task Messages_StringThatCannotBeDecodedInAnyField_400AndNothingStored(string bad, string field)
    {
        // Issue 13, finding 4: fields read lazily (channelData, value, the verb, the tenant) threw deep in the turn: 500.
        var parts = FieldTemplates[field].Split("BAD");
        byte[] replacement = bad switch
        {
            "invalid-utf8" => [0xC3, 0x28, 0xFF],
            "lone-surrogate" => "\\ud800x"u8.ToArray(),
            "encoded-surrogate" => [0xED, 0xA0, 0x80],
            _ => throw new ArgumentOutOfRangeException(nameof(bad)),
        };
        byte[] body = [.. Encoding.UTF8.GetBytes(parts[0]), .. replacement, .. Encoding.UTF8.GetBytes(parts[1])];

        var response = await host.PostBytesAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task Messages_SameActivitiesWithReadableStrings_AreServed()
    {
        // The counterpart of the test above: with readable text in place of the bad string, each activity is read and decided on.
        foreach (var (field, template) in FieldTemplates)
        {
            var response = await host.PostBytesAsync(Encoding.UTF8.GetBytes(template.Replace("BAD", "ok \\u00e9 \\ud83d\\ude00", StringComparison.Ordinal)));

            var expected = field == "channelData.tenant.id" ? HttpStatusCode.Forbidden : HttpStatusCode.OK;
            Assert.True(response.StatusCode == expected, $"{response.StatusCode} for {field}");
        }

        Assert.Equal(FieldTemplates.Count - 2, host.Bot.Turns.Count); // all but the other tenant's and the unknown verb's
    }

    [Fact]
    public async Task Message_SixtyThousandMentionTagsInAChannel_IsAnsweredNotTimedOut()
    {
        // Issue 13, finding 4: a lazy "<at>.*?</at>" regex rescanned the rest of the text from every tag and timed out (500).
        var text = string.Concat(Enumerable.Repeat("<at>", 60_000));
        var activity = TestActivities.Message(text, "channel");

        var response = await host.PostAsync(activity, rawBody: activity.ToJsonString(AsTeamsSendsIt));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var input = Assert.IsType<TextInput>(Assert.Single(host.Bot.Turns).Input);
        Assert.Equal(text, input.Text);
    }

    [Fact]
    public async Task Message_ManyClosedMentionsInAChannel_AreAllStripped()
    {
        var text = string.Concat(Enumerable.Repeat("<at>Sales Coach</at>", 10_000)) + " my deals";
        var activity = TestActivities.Message(text, "channel");

        var response = await host.PostAsync(activity, rawBody: activity.ToJsonString(AsTeamsSendsIt));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new TextInput("my deals"), Assert.Single(host.Bot.Turns).Input);
    }

    public static TheoryData<string> ParseFailures => new() { "json", "json-text", "decoder" };

    [Theory]
    [MemberData(nameof(ParseFailures))]
    public async Task Messages_ParseFailureDuringDispatch_400NotA500(string kind)
    {
        // The guard behind the edge check: a field that still cannot be read during the turn is the sender's input.
        host.Bot.Answer = _ => kind switch
        {
            "json" => throw new JsonException("unexpected"),
            "json-text" => new BotAnswer(JsonDocument.Parse("\"\\ud800\"").RootElement.GetString()!),
            "decoder" => throw new DecoderFallbackException("unexpected"),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        var response = await host.PostAsync(TestActivities.Message("what's next for initech"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(host.Connector.Calls);
    }

    [Fact]
    public async Task Messages_OtherFailureDuringDispatch_IsNotDisguisedAsBadInput()
    {
        host.Bot.Answer = _ => throw new InvalidOperationException("a bug, not the sender's input");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.PostAsync(TestActivities.Message("help")));

        Assert.Equal("a bug, not the sender's input", error.Message);
    }

    private async Task AssertNothingStoredAsync()
    {
        Assert.Empty(host.Bot.Turns);
        Assert.Empty(host.Connector.Calls);
        Assert.Empty(await host.References.ListAsync(CancellationToken.None));
    }

    private static JsonObject ConfirmData(long deal, string stage, int version) =>
        new() { ["kind"] = "confirm", ["deal"] = deal, ["stage"] = stage, ["stageVersion"] = version };

    private static JsonObject Invoke(JsonObject data)
    {
        var activity = TestActivities.Base("invoke");
        activity["name"] = "adaptiveCard/action";
        activity["replyToId"] = "card-msg-7";
        activity["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = "confirm", ["data"] = data } };
        return activity;
    }
}
