using System.Net;
using System.Text.Json.Nodes;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Teams.Cards;
using SalesCoachBot.Teams.Tests.Support;

namespace SalesCoachBot.Teams.Tests.Dispatch;

/// <summary>Activity types in, Core turns out, answers back the Teams way (authenticated requests).</summary>
public sealed class DispatchTests : IAsyncLifetime
{
    private TeamsTestHost host = null!;

    public async Task InitializeAsync() => host = await TeamsTestHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Message_PersonalText_CallsBotWithTeamsUserAndRepliesWithOneActivity_CardWithTheTextAsSummary()
    {
        var response = await host.PostAsync(TestActivities.Message("what's next for initech"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var turn = Assert.Single(host.Bot.Turns);
        Assert.Equal(new TextInput("what's next for initech"), turn.Input);
        Assert.Equal(new ChatUser(ChatChannel.Teams, TeamsAadObjectId: "00000000-0000-0000-0000-0000000000020", Email: null, DisplayName: "Alex Wilber"), turn.User);
        Assert.Equal(ConversationKey.For(ChatChannel.Teams, "a:personal-1"), turn.Conversation);

        // One outbound activity per answer (as botbuilder sends): the card, with the answer text as
        // its summary, not as visible text that a later Action.Execute update would leave stale.
        var call = Assert.Single(host.Connector.Calls);
        Assert.Equal(HttpMethod.Post, call.Method);
        Assert.Equal("/amer/v3/conversations/a%3Apersonal-1/activities/act-1", call.Url.AbsolutePath);
        Assert.Equal("message", call.Body!["type"]!.GetValue<string>());
        Assert.Equal("act-1", call.Body!["replyToId"]!.GetValue<string>());
        Assert.Null(call.Body!["text"]);
        Assert.Equal("Initech is in Discovery.", call.Body!["summary"]!.GetValue<string>());
        var attachment = Assert.Single(call.Body!["attachments"]!.AsArray())!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment["contentType"]!.GetValue<string>());
        Assert.Equal("AdaptiveCard", attachment["content"]!["type"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(CardJson.Node(new AdaptiveCardRenderer().Render(SampleCards.Checklist())), attachment["content"]));
        Assert.Equal("28:bot", call.Body!["from"]!["id"]!.GetValue<string>());
        Assert.Equal("29:user", call.Body!["recipient"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Message_AnswerWithSummary_SummaryGoesWithTheCardAndTheLongTextIsNeverComposed()
    {
        host.Bot.Answer = _ => new BotAnswer(() => throw new InvalidOperationException("the plain-text twin is not for Teams"), "Initech — Discovery", SampleCards.Checklist());

        var response = await host.PostAsync(TestActivities.Message("what's next for initech"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var call = Assert.Single(host.Connector.Calls);
        Assert.Equal("Initech — Discovery", call.Body!["summary"]!.GetValue<string>());
        Assert.Null(call.Body!["text"]);
    }

    [Fact]
    public async Task Message_UserTextEchoedInACard_IsShownAsTypedNotAsMarkdown()
    {
        // Issue 13, finding 5: text people typed came back in TextBlocks, where its Markdown links rendered.
        const string typed = "[Click here](https://evil.example/login) **now** _please_";
        const string literal = "\\[Click here\\](https://evil.example/login) \\*\\*now\\*\\* \\_please\\_";
        host.Bot.Answer = turn =>
        {
            var said = ((TextInput)turn.Input).Text;
            var card = SampleCards.Checklist(note: $"Note: {said}") with
            {
                Title = said,
                Subtitle = said,
                Body = [$"Sorry, I didn't understand \"{said}\"."],
                Facts = [new CardFact("Next step", said)],
                Sections = [new CardSection(said, [new CardLine(said)])],
                Choices = [new CardChoice("Acme", said, new CardAction("Acme", new ShowChecklistPayload(new DealId(7))))],
            };
            var items = card.Checklist!.Items.Select(i => i with { ConfirmedBy = said }).ToArray();
            return new BotAnswer("Here.", card with { Checklist = card.Checklist with { Items = items } });
        };

        await host.PostAsync(TestActivities.Message(typed));

        var content = Assert.Single(Assert.Single(host.Connector.Calls).Body!["attachments"]!.AsArray())!["content"]!;
        var shown = Walk(content).Where(n => n["type"]?.GetValue<string>() == "TextBlock").Select(n => n["text"]!.GetValue<string>())
            .Concat(Walk(content).Where(n => n["type"]?.GetValue<string>() == "FactSet").SelectMany(n => n["facts"]!.AsArray()).Select(f => f!["value"]!.GetValue<string>()))
            .Where(t => t.Contains("Click here", StringComparison.Ordinal))
            .ToArray();
        Assert.Equal(9, shown.Length); // note, title, subtitle, body, fact, section heading and line, choice, who confirmed
        Assert.All(shown, t => Assert.Contains(literal, t, StringComparison.Ordinal));
        Assert.DoesNotContain("[Click here]", content.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(Walk(content), n => n["text"]?.GetValue<string>() is { } t
            && t.StartsWith($"Confirmed by {literal} on {{{{DATE(", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Message_WithTheAttachmentsTeamsAddsToTypedText_IsAnswered()
    {
        // Teams sends typed text with a text/html copy (content is a string) and files as objects; the bot reads neither.
        var activity = TestActivities.Message("what's next for initech");
        activity["attachments"] = new JsonArray(
            new JsonObject { ["contentType"] = "text/html", ["content"] = "<p>what's next for initech</p>" },
            new JsonObject { ["contentType"] = "application/vnd.microsoft.teams.file.download.info", ["content"] = new JsonObject { ["downloadUrl"] = "https://files.example/x", ["fileType"] = "pdf" } });

        var response = await host.PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new TextInput("what's next for initech"), Assert.Single(host.Bot.Turns).Input);
        Assert.Single(host.Connector.Calls);
    }

    [Fact]
    public async Task Message_AnswerWithoutCard_IsOneTextActivity()
    {
        host.Bot.Answer = _ => new BotAnswer("You have no open deals.");

        await host.PostAsync(TestActivities.Message("my deals"));

        var call = Assert.Single(host.Connector.Calls);
        Assert.Equal("You have no open deals.", call.Body!["text"]!.GetValue<string>());
        Assert.Null(call.Body!["summary"]);
        Assert.Null(call.Body!["attachments"]);
    }

    [Fact]
    public async Task Message_CardWithoutButtons_IsOneActivityWithTextAndCard()
    {
        host.Bot.Answer = _ => new BotAnswer("No such deal.", SampleCards.Error());

        await host.PostAsync(TestActivities.Message("what's next for initec"));

        var call = Assert.Single(host.Connector.Calls);
        Assert.Equal("No such deal.", call.Body!["text"]!.GetValue<string>());
        Assert.Single(call.Body!["attachments"]!.AsArray());
    }

    [Theory]
    [InlineData("channel", "<at>Sales Coach</at> what's next for initech", "what's next for initech")]
    [InlineData("groupChat", "<at>Sales Coach</at>&nbsp;my deals", "my deals")]
    [InlineData("personal", "  help ", "help")]
    public async Task Message_MentionInChannelOrGroup_IsStripped(string scope, string text, string expected)
    {
        await host.PostAsync(TestActivities.Message(text, scope));

        Assert.Equal(new TextInput(expected), Assert.Single(host.Bot.Turns).Input);
    }

    [Fact]
    public async Task Message_OnlyAMention_IsAcknowledgedWithoutATurn()
    {
        var response = await host.PostAsync(TestActivities.Message("<at>Sales Coach</at>", "channel"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(host.Bot.Turns);
    }

    [Fact]
    public async Task Submit_ConfirmWithTickedToggles_UpdatesTheOriginalCardInPlace()
    {
        host.Bot.Answer = _ => new BotAnswer("Confirmed.", SampleCards.Checklist()) { ReplacesCard = true };
        var activity = TestActivities.Message(null!);
        activity.Remove("text");
        activity["replyToId"] = "card-msg-7";
        activity["value"] = new JsonObject
        {
            ["kind"] = "confirm",
            ["deal"] = 42,
            ["stage"] = "discovery",
            ["stageVersion"] = 3,
            ["demo-booked"] = "true",
            ["champion-named"] = "false",
        };

        var response = await host.PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var input = Assert.IsType<ActionInput>(Assert.Single(host.Bot.Turns).Input);
        Assert.Equal(new ConfirmItemsPayload(new DealId(42), new StageId("discovery"), 3), input.Payload);
        Assert.Equal([new ChecklistItemId("demo-booked")], input.SelectedItems);
        var call = Assert.Single(host.Connector.Calls);
        Assert.Equal(HttpMethod.Put, call.Method);
        Assert.EndsWith("/v3/conversations/a%3Apersonal-1/activities/card-msg-7", call.Url.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal("card-msg-7", call.Body!["id"]!.GetValue<string>());
        Assert.Equal("Confirmed.", call.Body!["summary"]!.GetValue<string>());
        Assert.Null(call.Body!["text"]);
        Assert.Single(call.Body!["attachments"]!.AsArray());
    }

    [Fact]
    public async Task Submit_UpdateRefusedByConnector_FallsBackToANewReply()
    {
        host.Bot.Answer = _ => new BotAnswer("Confirmed.", SampleCards.Checklist()) { ReplacesCard = true };
        host.Connector.Then(HttpStatusCode.NotFound, "{\"error\":{\"code\":\"ActivityNotFound\",\"message\":\"gone\"}}");
        var activity = TestActivities.Message(null!);
        activity["replyToId"] = "card-msg-7";
        activity["value"] = new JsonObject { ["kind"] = "checklist", ["deal"] = 42 };

        await host.PostAsync(activity);

        var calls = host.Connector.Calls.ToArray();
        Assert.Equal([HttpMethod.Put, HttpMethod.Post], calls.Select(c => c.Method));
        Assert.Single(calls[1].Body!["attachments"]!.AsArray());
    }

    [Fact]
    public async Task Submit_DataNotOurs_Returns400AndNoTurn()
    {
        var activity = TestActivities.Message(null!);
        activity["value"] = new JsonObject { ["verb"] = "submitNext", ["dealId"] = "X" };

        var response = await host.PostAsync(activity);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(host.Bot.Turns);
    }

    [Fact]
    public async Task Invoke_ActionExecute_AnswersWithTheUpdatedCardInTheResponse()
    {
        host.Bot.Answer = _ => new BotAnswer("Confirmed.", SampleCards.Checklist(note: "This card was out of date; here is the current checklist."));
        var response = await host.PostAsync(Invoke("confirm", new JsonObject
        {
            ["kind"] = "confirm",
            ["deal"] = 42,
            ["stage"] = "discovery",
            ["stageVersion"] = 3,
            ["demo-booked"] = "true",
        }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(200, body["statusCode"]!.GetValue<int>());
        Assert.Equal("application/vnd.microsoft.card.adaptive", body["type"]!.GetValue<string>());
        Assert.Equal("AdaptiveCard", body["value"]!["type"]!.GetValue<string>());
        Assert.Equal("1.5", body["value"]!["version"]!.GetValue<string>());
        var input = Assert.IsType<ActionInput>(Assert.Single(host.Bot.Turns).Input);
        Assert.Equal([new ChecklistItemId("demo-booked")], input.SelectedItems);
        Assert.Empty(host.Connector.Calls);
    }

    [Fact]
    public async Task Invoke_AddNoteFromTheCard_CoreGetsThePayloadAndTheTypedNote()
    {
        host.Bot.Answer = _ => new BotAnswer("Noted on Initech.", SampleCards.ChecklistWithNotes());
        var note = "CFO wants an ROI case by Q1.\n" + new string('x', 1900);

        var response = await host.PostAsync(Invoke("note", new JsonObject
        {
            ["kind"] = "note",
            ["deal"] = 42,
            [AddNotePayload.TextInput] = note,
            ["demo-booked"] = "false",
        }));

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(200, body["statusCode"]!.GetValue<int>());
        Assert.Equal("AdaptiveCard", body["value"]!["type"]!.GetValue<string>());
        var turn = Assert.Single(host.Bot.Turns);
        var input = Assert.IsType<ActionInput>(turn.Input);
        Assert.Equal(new AddNotePayload(new DealId(42), note), input.Payload);
        Assert.Equal(ChatChannel.Teams, turn.Conversation.Channel);
    }

    [Fact]
    public async Task Invoke_SaidNoWithTypedReason_ReasonInputArrivesInThePayload()
    {
        // The reason card's Input.Text has the payload property's name, so Teams merges what was typed into the data.
        host.Bot.Answer = _ => new BotAnswer("Closed.", SampleCards.Checklist());
        var response = await host.PostAsync(Invoke("said-no", new JsonObject
        {
            ["kind"] = "said-no",
            ["deal"] = 42,
            ["stageVersion"] = 3,
            [SaidNoPayload.ReasonInput] = "They build it in house",
        }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var input = Assert.IsType<ActionInput>(Assert.Single(host.Bot.Turns).Input);
        Assert.Equal(new SaidNoPayload(new DealId(42), 3, "They build it in house"), input.Payload);
        Assert.Empty(input.SelectedItems);
    }

    [Fact]
    public async Task Invoke_AnswerWithoutCard_IsAMessageInvokeResponse()
    {
        host.Bot.Answer = _ => new BotAnswer("Snoozed for 7 days.");

        var response = await host.PostAsync(Invoke("snooze", new JsonObject { ["kind"] = "snooze", ["deal"] = 42, ["days"] = 7 }));

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("application/vnd.microsoft.activity.message", body["type"]!.GetValue<string>());
        Assert.Equal("Snoozed for 7 days.", body["value"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("confirm", "{\"kind\":\"nonsense\",\"deal\":42}")]
    [InlineData("confirm", "{\"deal\":42}")]
    [InlineData("snooze", "{\"kind\":\"confirm\",\"deal\":42,\"stage\":\"discovery\",\"stageVersion\":3}")]
    [InlineData(null, "{\"kind\":\"confirm\",\"deal\":42,\"stage\":\"discovery\",\"stageVersion\":3}")]
    [InlineData("confirm", "\"just a string\"")]
    public async Task Invoke_TamperedOrForeignData_AnswersInvokeErrorAndNoTurn(string? verb, string data)
    {
        var response = await host.PostAsync(Invoke(verb, JsonNode.Parse(data)!));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(400, body["statusCode"]!.GetValue<int>());
        Assert.Equal("application/vnd.microsoft.error", body["type"]!.GetValue<string>());
        Assert.Empty(host.Bot.Turns);
    }

    [Fact]
    public async Task Invoke_UnknownName_Returns400()
    {
        var activity = TestActivities.Base("invoke");
        activity["name"] = "composeExtension/query";

        Assert.Equal(HttpStatusCode.BadRequest, (await host.PostAsync(activity)).StatusCode);
        Assert.Empty(host.Bot.Turns);
    }

    [Fact]
    public async Task ConversationUpdate_BotAdded_WelcomesAndStoresReference()
    {
        var activity = TestActivities.Base("conversationUpdate");
        activity["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "29:user" }, new JsonObject { ["id"] = "28:bot" });

        Assert.Equal(HttpStatusCode.OK, (await host.PostAsync(activity)).StatusCode);

        var call = Assert.Single(host.Connector.Calls);
        Assert.Equal("/amer/v3/conversations/a%3Apersonal-1/activities", call.Url.AbsolutePath);
        Assert.Contains("what's next for DEAL", call.Body!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        var reference = Assert.Single(await host.References.ListAsync(CancellationToken.None));
        Assert.Equal("https://smba.test/amer/", reference.ServiceUrl);
        Assert.Equal("tenant-1", reference.TenantId);
        Assert.Equal("28:bot", reference.BotId);
        Assert.True(reference.Authenticated);
        Assert.Empty(host.Bot.Turns);
    }

    [Fact]
    public async Task InstallationUpdate_AddThenRemove_StoresThenForgetsReference()
    {
        var add = TestActivities.Base("installationUpdate");
        add["action"] = "add";
        await host.PostAsync(add);
        Assert.Single(await host.References.ListAsync(CancellationToken.None));

        var remove = TestActivities.Base("installationUpdate");
        remove["action"] = "remove";
        await host.PostAsync(remove);

        Assert.Empty(await host.References.ListAsync(CancellationToken.None));
        Assert.Empty(host.Connector.Calls);
    }

    [Fact]
    public async Task UnknownActivityType_IsAcknowledgedAndIgnored()
    {
        var response = await host.PostAsync(TestActivities.Base("typing"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(host.Bot.Turns);
        Assert.Empty(host.Connector.Calls);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("{\"id\":\"x\",\"serviceUrl\":\"https://smba.test/amer/\",\"conversation\":{\"id\":\"a\"}}")]
    [InlineData("{\"type\":\"message\",\"serviceUrl\":\"https://smba.test/amer/\"}")]
    [InlineData("{\"type\":\"message\",\"conversation\":{\"id\":\"a\"},\"serviceUrl\":\"not a url\"}")]
    [InlineData("{\"type\":42,\"conversation\":{\"id\":\"a\"},\"serviceUrl\":\"https://smba.test/amer/\"}")]
    public async Task Messages_MalformedActivity_Returns400(string body)
    {
        var response = await host.PostAsync(TestActivities.Message("x"), rawBody: body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(host.Bot.Turns);
    }

    [Fact]
    public async Task Messages_BodyOverLimit_Returns413()
    {
        var activity = TestActivities.Message(new string('a', 300 * 1024));

        var response = await host.PostAsync(activity);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(host.Bot.Turns);
    }

    private static IEnumerable<JsonObject> Walk(JsonNode? node) => node switch
    {
        JsonObject o => new[] { o }.Concat(o.SelectMany(p => Walk(p.Value))),
        JsonArray a => a.SelectMany(Walk),
        _ => [],
    };

    private static JsonObject Invoke(string? verb, JsonNode data)
    {
        var activity = TestActivities.Base("invoke");
        activity["name"] = "adaptiveCard/action";
        activity["replyToId"] = "card-msg-7";
        var action = new JsonObject { ["type"] = "Action.Execute", ["title"] = "Confirm", ["data"] = data };
        if (verb is not null)
        {
            action["verb"] = verb;
        }

        activity["value"] = new JsonObject { ["action"] = action };
        return activity;
    }
}
