using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Coaching;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Teams.Cards;
using SalesCoachBot.Teams.Dispatch;
using SalesCoachBot.Teams.Tests.Support;

namespace SalesCoachBot.Teams.Tests.Cards;

/// <summary>
/// The card's "Set next step": an Action.ShowCard unfolding an Input.Date and an Input.Text whose Action.Execute sends
/// them merged into the typed payload (Universal Actions). Goldens validated by adaptivecards 1.5 (tests/peers/teams).
/// </summary>
public sealed class NextStepCardTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);
    private readonly AdaptiveCardRenderer renderer = new();
    private TeamsTestHost host = null!;

    public async Task InitializeAsync() => host = await TeamsTestHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    private static CardForm Form() => DealCards.NextStepForm(
        new Deal
        {
            Id = SampleCards.Initech,
            ExternalId = "1042",
            Name = "Initech",
            StageId = SampleCards.Discovery,
            NextStep = "Demo with their CFO",
            NextStepAt = new DateTimeOffset(2026, 12, 11, 23, 59, 0, TimeSpan.Zero),
        },
        TimeZoneInfo.Utc,
        Now);

    private static Card ChecklistWithForm()
    {
        var card = SampleCards.Checklist();
        return card with { Facts = [.. card.Facts, new CardFact("Next step", "Demo with their CFO — Fri 11 Dec 2026")], Forms = [Form()] };
    }

    private static string Golden(string name, [CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "Goldens", $"{name}.json"));

    [Fact]
    public void Render_ChecklistWithNextStepForm_MatchesGolden() =>
        GoldenFile.AssertMatches(Golden("checklist-next-step"), CardJson.Indented(renderer.Render(ChecklistWithForm())));

    [Fact]
    public void Render_FormAlone_MatchesGolden() =>
        GoldenFile.AssertMatches(Golden("next-step-form"), CardJson.Indented(renderer.Render(new Card { Kind = CardKind.Form, Title = "Next step for Initech", Forms = [Form()] })));

    [Fact]
    public void Render_Form_IsAShowCardWithDateAndTextAndAnExecuteSave()
    {
        var card = CardJson.Node(renderer.Render(ChecklistWithForm()));

        var show = card["actions"]!.AsArray().Single(a => a!["type"]!.GetValue<string>() == "Action.ShowCard")!;
        Assert.Equal("Set next step", show["title"]!.GetValue<string>());
        var body = show["card"]!["body"]!.AsArray();
        var date = body.Single(e => e!["type"]!.GetValue<string>() == "Input.Date")!;
        Assert.Equal("date", date["id"]!.GetValue<string>());
        Assert.Equal("2026-12-11", date["value"]!.GetValue<string>());
        Assert.Equal("2026-12-03", date["min"]!.GetValue<string>());
        var text = body.Single(e => e!["type"]!.GetValue<string>() == "Input.Text")!;
        Assert.Equal("text", text["id"]!.GetValue<string>());
        Assert.True(text["isRequired"]!.GetValue<bool>());
        var save = show["card"]!["actions"]![0]!;
        Assert.Equal("Action.Execute", save["type"]!.GetValue<string>());
        Assert.Equal("nextStep", save["verb"]!.GetValue<string>());
        Assert.Null(show["data"]);
    }

    [Fact]
    public void Save_PressedWithInputs_ParsesBackToThePayloadWithDateAndText()
    {
        var card = CardJson.Node(renderer.Render(ChecklistWithForm()));
        var show = card["actions"]!.AsArray().Single(a => a!["type"]!.GetValue<string>() == "Action.ShowCard")!;
        var data = show["card"]!["actions"]![0]!["data"]!.AsObject().DeepClone().AsObject();
        data["date"] = "2026-12-10";     // what Teams merges in from the inputs
        data["text"] = "send pricing";

        var input = TurnReader.Action(JsonDocument.Parse(data.ToJsonString()).RootElement);

        Assert.NotNull(input);
        Assert.Equal(new SetNextStepPayload(SampleCards.Initech, "2026-12-10", "send pricing"), input.Payload);
        Assert.Empty(input.SelectedItems);
    }

    [Fact]
    public async Task Invoke_SaveNextStep_ReachesTheCoreAndAnswersWithTheCardInTheResponse()
    {
        host.Bot.Answer = _ => new BotAnswer("Next step for Initech: send pricing.", ChecklistWithForm()) { ReplacesCard = true };
        var activity = TestActivities.Base("invoke");
        activity["name"] = "adaptiveCard/action";
        activity["replyToId"] = "card-msg-7";
        activity["locale"] = "en-GB";
        activity["value"] = new JsonObject
        {
            ["action"] = new JsonObject
            {
                ["type"] = "Action.Execute",
                ["verb"] = "nextStep",
                ["data"] = new JsonObject { ["kind"] = "nextStep", ["deal"] = 42, ["date"] = "2026-12-10", ["text"] = "send pricing" },
            },
        };

        var response = await host.PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", body["type"]!.GetValue<string>());
        var turn = Assert.Single(host.Bot.Turns);
        Assert.Equal(new SetNextStepPayload(SampleCards.Initech, "2026-12-10", "send pricing"), Assert.IsType<ActionInput>(turn.Input).Payload);
        Assert.Equal("en-GB", turn.User.Locale);
    }
}
