using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Coaching;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Slack.BlockKit;
using SalesCoachBot.Slack.Inbound;
using SalesCoachBot.Slack.Tests.Fakes;

namespace SalesCoachBot.Slack.Tests;

/// <summary>
/// The card's "Set next step": a button whose press opens a modal (views.open with the interaction's trigger_id) with a
/// datepicker and a text input; its signed view_submission fills the submit payload, a refused input keeps the modal
/// open (response_action errors), an accepted one closes it and replaces the card. Goldens checked by @slack/types.
/// </summary>
public sealed class NextStepModalTests : IAsyncLifetime
{
    private static readonly DealId Initech = new(1042);
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);

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

    private static CardForm Form() => DealCards.NextStepForm(
        new Deal { Id = Initech, ExternalId = "1042", Name = "Initech", StageId = new StageId("demo"), NextStep = "Demo with their CFO", NextStepAt = new DateTimeOffset(2026, 12, 11, 23, 59, 0, TimeSpan.Zero) },
        TimeZoneInfo.Utc,
        Now);

    internal static BotAnswer CardWithForm() => new("Initech is in Demo.", new Card
    {
        Kind = CardKind.Checklist,
        Title = "Initech — Demo",
        Subtitle = "#1042 · EMEA",
        Facts = [new("Stage", "Demo (2 of 3)"), new("Next step", "Demo with their CFO — Fri 11 Dec 2026")],
        Checklist = new CardChecklist(Initech, new StageId("demo"), 3,
            [new(new ChecklistItemId("demo-held"), "Demo held with the buyer's team", true, ChecklistItemState.Open)],
            new CardAction("Confirm", new ConfirmItemsPayload(Initech, new StageId("demo"), 3), CardActionStyle.Primary)),
        Forms = [Form()],
    });

    private static string ProjectDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;

    [Fact]
    public void Render_CardWithForm_MatchesGoldenAndTheButtonAsksForTheForm()
    {
        var message = new BlockKitRenderer().Render(CardWithForm());
        var json = JsonSerializer.Serialize(message, SlackJsonContext.Indented.SlackMessage) + "\n";

        GoldenFile.AssertMatches(Path.Combine(ProjectDirectory(), "Goldens", "checklist-next-step.json"), json);
        var button = message.Blocks.OfType<ActionsBlock>().SelectMany(b => b.Elements).OfType<ButtonElement>().Single(b => b.Text.Text == "Set next step");
        Assert.Equal(new NextStepFormPayload(Initech), ActionPayload.TryParse(button.Value));
    }

    [Fact]
    public void RenderModal_NextStepForm_MatchesGoldenWithDatepickerAndText()
    {
        var modal = new BlockKitRenderer().RenderModal(Form(), """{"payload":"x","channel":"C0SALES"}""");
        var json = JsonSerializer.Serialize(modal, SlackJsonContext.Indented.ModalView) + "\n";

        GoldenFile.AssertMatches(Path.Combine(ProjectDirectory(), "Goldens", "views", "next-step-modal.json"), json);
        var inputs = modal.Blocks.OfType<InputBlock>().ToList();
        Assert.Equal(["date", "text"], inputs.Select(i => i.BlockId));
        Assert.IsType<DatePickerElement>(inputs[0].Element);
        Assert.Equal("2026-12-11", ((DatePickerElement)inputs[0].Element).InitialDate);
        Assert.Equal("Demo with their CFO", ((PlainTextInputElement)inputs[1].Element).InitialValue);
        Assert.True(modal.Title.Text.Length <= 24);
    }

    [Fact]
    public void FormPayload_ModalValues_FillTheRememberedPayloadButNeverItsOwnFields()
    {
        var state = new InteractionState(new Dictionary<string, IReadOnlyDictionary<string, InteractionStateValue>>
        {
            ["date"] = new Dictionary<string, InteractionStateValue> { ["date"] = new("datepicker", null, null, "2026-12-10") },
            ["text"] = new Dictionary<string, InteractionStateValue> { ["text"] = new("plain_text_input", "send pricing", null) },
            ["deal"] = new Dictionary<string, InteractionStateValue> { ["deal"] = new("plain_text_input", "999", null) },
        });

        var payload = SlackInboundHandler.FormPayload(new SetNextStepPayload(Initech).ToJson(), state);

        Assert.Equal(new SetNextStepPayload(Initech, "2026-12-10", "send pricing"), payload);
    }

    private static string BlockActionsWithTrigger(ActionPayload value, string responseUrl) =>
        "payload=" + Uri.EscapeDataString(JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["type"] = "block_actions",
            ["user"] = new { id = "U0PAT", username = "pat", name = "pat", team_id = "T0FAKE" },
            ["team"] = new { id = "T0FAKE" },
            ["channel"] = new { id = "C0SALES" },
            ["container"] = new { type = "message", message_ts = "1715000000.000200", channel_id = "C0SALES", is_ephemeral = false },
            ["message"] = new { ts = "1715000000.000200" },
            ["response_url"] = responseUrl,
            ["trigger_id"] = "12345.98765.abcd2358fdea",
            ["actions"] = new[] { new { type = "button", action_id = "coach-button-1000", block_id = "b", value = value.ToJson() } },
        }));

    private static string ViewSubmission(string privateMetadata, string date, string text, string callbackId = BlockKitRenderer.FormCallbackId) =>
        "payload=" + Uri.EscapeDataString(JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["type"] = "view_submission",
            ["user"] = new { id = "U0PAT", username = "pat", name = "pat", team_id = "T0FAKE" },
            ["team"] = new { id = "T0FAKE" },
            ["view"] = new
            {
                id = "V0MODAL",
                callback_id = callbackId,
                private_metadata = privateMetadata,
                state = new
                {
                    values = new Dictionary<string, object>
                    {
                        ["date"] = new Dictionary<string, object> { ["date"] = new { type = "datepicker", selected_date = date } },
                        ["text"] = new Dictionary<string, object> { ["text"] = new { type = "plain_text_input", value = text } },
                    },
                },
            },
        }));

    private void AnswerLikeTheCore() => host.Bot.Reply = turn => (turn.Input as ActionInput)?.Payload switch
    {
        NextStepFormPayload => new BotAnswer("Next step for Initech", new Card { Kind = CardKind.Form, Title = "Next step for Initech", Forms = [Form()] }),
        SetNextStepPayload { Date: "2026-12-01" } => CardWithForm() with
        {
            ReplacesCard = true,
            InputErrors = new Dictionary<string, string> { ["date"] = "\"2026-12-01\" is Tue 1 Dec 2026, which has passed." },
        },
        SetNextStepPayload => CardWithForm() with { ReplacesCard = true },
        _ => new BotAnswer("?"),
    };

    [Fact]
    public async Task SetNextStepButton_OpensTheModalWithTheTriggerId()
    {
        AnswerLikeTheCore();

        var response = await host.PostAsync("/slack/interactions", BlockActionsWithTrigger(new NextStepFormPayload(Initech), api.ResponseUrl("card").ToString()),
            "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var open = Assert.Single(await api.WaitForCallsAsync("/api/views.open"));
        using var json = JsonDocument.Parse(open.Body);
        Assert.Equal("12345.98765.abcd2358fdea", json.RootElement.GetProperty("trigger_id").GetString());
        var view = json.RootElement.GetProperty("view");
        Assert.Equal("modal", view.GetProperty("type").GetString());
        Assert.Equal(BlockKitRenderer.FormCallbackId, view.GetProperty("callback_id").GetString());
        using var metadata = JsonDocument.Parse(view.GetProperty("private_metadata").GetString()!);
        Assert.Equal(new SetNextStepPayload(Initech), ActionPayload.TryParse(metadata.RootElement.GetProperty("payload").GetString()));
        Assert.Equal("C0SALES", metadata.RootElement.GetProperty("channel").GetString());
        await host.WorkDoneAsync();
        Assert.Empty(api.CallsTo("/hooks/card"));
        Assert.Empty(api.CallsTo("/api/chat.postMessage"));
    }

    private async Task<string> OpenedMetadataAsync()
    {
        AnswerLikeTheCore();
        await host.PostAsync("/slack/interactions", BlockActionsWithTrigger(new NextStepFormPayload(Initech), api.ResponseUrl("card").ToString()), "application/x-www-form-urlencoded");
        var open = Assert.Single(await api.WaitForCallsAsync("/api/views.open"));
        using var json = JsonDocument.Parse(open.Body);
        return json.RootElement.GetProperty("view").GetProperty("private_metadata").GetString()!;
    }

    [Fact]
    public async Task ViewSubmission_PastDate_ErrorsUnderTheDateAndTheModalStaysOpen()
    {
        var metadata = await OpenedMetadataAsync();

        var response = await host.PostAsync("/slack/interactions", ViewSubmission(metadata, "2026-12-01", "send pricing"), "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var ack = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("errors", ack.RootElement.GetProperty("response_action").GetString());
        Assert.Contains("has passed", ack.RootElement.GetProperty("errors").GetProperty("date").GetString(), StringComparison.Ordinal);
        var submitted = Assert.IsType<ActionInput>(host.Bot.Turns.Last().Input);
        Assert.Equal(new SetNextStepPayload(Initech, "2026-12-01", "send pricing"), submitted.Payload);
        Assert.Equal(ConversationKey.Slack("T0FAKE", "C0SALES"), host.Bot.Turns.Last().Conversation);
        await host.WorkDoneAsync();
        Assert.Empty(api.CallsTo("/api/chat.update"));
    }

    [Fact]
    public async Task ViewSubmission_Accepted_ClosesTheModalAndUpdatesTheCardInPlace()
    {
        var metadata = await OpenedMetadataAsync();

        var response = await host.PostAsync("/slack/interactions", ViewSubmission(metadata, "2026-12-10", "send pricing"), "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(string.Empty, await response.Content.ReadAsStringAsync());
        var update = Assert.Single(await api.WaitForCallsAsync("/api/chat.update"));
        using var json = JsonDocument.Parse(update.Body);
        Assert.Equal("C0SALES", json.RootElement.GetProperty("channel").GetString());
        Assert.Equal("1715000000.000200", json.RootElement.GetProperty("ts").GetString());
        Assert.Equal(new SetNextStepPayload(Initech, "2026-12-10", "send pricing"), Assert.IsType<ActionInput>(host.Bot.Turns.Last().Input).Payload);
    }

    [Theory]
    [InlineData("not-our-callback", """{"payload":"{\"kind\":\"nextStep\",\"deal\":1042}","channel":"C0SALES"}""")]
    [InlineData(BlockKitRenderer.FormCallbackId, "not json")]
    [InlineData(BlockKitRenderer.FormCallbackId, """{"payload":"{\"kind\":\"nope\"}","channel":"C0SALES"}""")]
    public async Task ViewSubmission_NotOneOfOurForms_AcknowledgedAndNothingReachesTheCore(string callbackId, string metadata)
    {
        var response = await host.PostAsync("/slack/interactions", ViewSubmission(metadata, "2026-12-10", "x", callbackId), "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await host.WorkDoneAsync();
        Assert.Empty(host.Bot.Turns);
    }

    [Fact]
    public async Task ViewSubmission_BadSignature_401()
    {
        var body = ViewSubmission("""{"payload":"{\"kind\":\"nextStep\",\"deal\":1042}","channel":"C0SALES"}""", "2026-12-10", "x");

        var response = await host.PostAsync("/slack/interactions", body, "application/x-www-form-urlencoded",
            signature: SlackTestHost.Sign("another-secret", SlackTestHost.Now(), body));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(host.Bot.Turns);
    }
}
