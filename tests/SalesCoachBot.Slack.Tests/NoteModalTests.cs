using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Slack.BlockKit;
using SalesCoachBot.Slack.Tests.Fakes;

namespace SalesCoachBot.Slack.Tests;

/// <summary>
/// The card's "Add note" button in Slack: a button that opens a modal (views.open with the trigger), and the modal's
/// signed <c>view_submission</c>: bad input answered with <c>response_action: errors</c> and nothing reaching the core,
/// good input run as the button's payload with the typed text, answering on the card the button was on.
/// </summary>
public sealed class NoteModalTests : IAsyncLifetime
{
    private static readonly AddNotePayload AddNote = new(new DealId(42));
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

    private static string Form(object payload) => "payload=" + Uri.EscapeDataString(JsonSerializer.Serialize(payload));

    private string ModalButton(string? value = null) => Form(new Dictionary<string, object?>
    {
        ["type"] = "block_actions",
        ["trigger_id"] = "12345.98765.abcd2358fdea",
        ["user"] = new { id = "U0PAT", username = "pat", name = "pat", team_id = "T0FAKE" },
        ["team"] = new { id = "T0FAKE" },
        ["channel"] = new { id = "C0SALES" },
        ["container"] = new { type = "message", message_ts = "1715000000.000200", channel_id = "C0SALES", is_ephemeral = false },
        ["response_url"] = api.ResponseUrl("card").ToString(),
        ["actions"] = new[] { new { type = "button", action_id = BlockKitRenderer.ModalActionPrefix + "3", block_id = "b", value = value ?? AddNote.ToJson() } },
    });

    private static string Submission(string metadata, string? text, string callbackId = BlockKitRenderer.ModalCallbackId) => Form(new Dictionary<string, object?>
    {
        ["type"] = "view_submission",
        ["user"] = new { id = "U0PAT", username = "pat", name = "pat", team_id = "T0FAKE" },
        ["team"] = new { id = "T0FAKE" },
        ["view"] = new Dictionary<string, object?>
        {
            ["id"] = "V0NOTE",
            ["callback_id"] = callbackId,
            ["private_metadata"] = metadata,
            ["state"] = new
            {
                values = new Dictionary<string, object>
                {
                    [BlockKitRenderer.ModalInputBlockId] = new Dictionary<string, object> { [AddNotePayload.Input.Id] = new { type = "plain_text_input", value = text } },
                },
            },
        },
    });

    private async Task<string> OpenModalAsync()
    {
        var response = await host.PostAsync("/slack/interactions", ModalButton(), "application/x-www-form-urlencoded");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var open = Assert.Single(await api.WaitForCallsAsync("/api/views.open"));
        using var json = JsonDocument.Parse(open.Body);
        return json.RootElement.GetProperty("view").GetProperty("private_metadata").GetString()!;
    }

    [Fact]
    public async Task AddNoteButton_OpensModalWithTheTriggerAndNothingReachesTheCore()
    {
        await host.PostAsync("/slack/interactions", ModalButton(), "application/x-www-form-urlencoded");

        var open = Assert.Single(await api.WaitForCallsAsync("/api/views.open"));
        using var json = JsonDocument.Parse(open.Body);
        Assert.Equal("12345.98765.abcd2358fdea", json.RootElement.GetProperty("trigger_id").GetString());
        var view = json.RootElement.GetProperty("view");
        Assert.Equal("modal", view.GetProperty("type").GetString());
        Assert.Equal(BlockKitRenderer.ModalCallbackId, view.GetProperty("callback_id").GetString());
        var element = view.GetProperty("blocks")[0].GetProperty("element");
        Assert.Equal(("plain_text_input", AddNotePayload.Input.Id, true, 2000),
            (element.GetProperty("type").GetString(), element.GetProperty("action_id").GetString(), element.GetProperty("multiline").GetBoolean(), element.GetProperty("max_length").GetInt32()));
        Assert.Equal("Bearer xoxb-test-token", open.Authorization);
        await host.WorkDoneAsync();
        Assert.Empty(host.Bot.Turns);
    }

    [Fact]
    public async Task ViewSubmission_Note_RunsThePayloadWithTheTextAndUpdatesTheCardItCameFrom()
    {
        host.Bot.Reply = _ => new BotAnswer("Noted on Initech.", new Card { Kind = CardKind.Checklist, Title = "Initech" }) { ReplacesCard = true };
        var metadata = await OpenModalAsync();

        var response = await host.PostAsync("/slack/interactions", Submission(metadata, " CFO wants an ROI case by Q1 "), "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(string.Empty, await response.Content.ReadAsStringAsync()); // an empty ack closes the modal
        var update = Assert.Single(await api.WaitForCallsAsync("/api/chat.update"));
        using var json = JsonDocument.Parse(update.Body);
        Assert.Equal(("C0SALES", "1715000000.000200"), (json.RootElement.GetProperty("channel").GetString(), json.RootElement.GetProperty("ts").GetString()));
        var turn = Assert.Single(host.Bot.Turns);
        var input = Assert.IsType<ActionInput>(turn.Input);
        Assert.Equal(AddNote, input.Payload);
        Assert.Equal("CFO wants an ROI case by Q1", input.Inputs[AddNotePayload.Input.Id]);
        Assert.Equal(ConversationKey.Slack("T0FAKE", "C0SALES"), turn.Conversation);
        Assert.Equal("U0PAT", turn.User.SlackUserId);
    }

    [Theory]
    [InlineData(2001, "A note can be at most 2,000 characters; this one has 2,001. Nothing was stored.")]
    [InlineData(0, "Write the note first; nothing was stored.")]
    public async Task ViewSubmission_BadNote_ErrorsInTheAckModalStaysOpenNothingReachesTheCore(int length, string error)
    {
        var metadata = await OpenModalAsync();

        var response = await host.PostAsync("/slack/interactions", Submission(metadata, new string('n', length)), "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("errors", json.RootElement.GetProperty("response_action").GetString());
        Assert.Equal(error, json.RootElement.GetProperty("errors").GetProperty(BlockKitRenderer.ModalInputBlockId).GetString());
        await host.WorkDoneAsync();
        Assert.Empty(host.Bot.Turns);
    }

    [Fact]
    public async Task ViewSubmission_NoteTextIsNeverLogged()
    {
        var metadata = await OpenModalAsync();
        const string Secret = "password for the demo tenant is hunter2";

        await host.PostAsync("/slack/interactions", Submission(metadata, Secret), "application/x-www-form-urlencoded");
        await host.PostAsync("/slack/interactions", Submission(metadata, Secret + new string('x', 2000)), "application/x-www-form-urlencoded");
        await host.WorkDoneAsync();

        Assert.DoesNotContain(host.Logs.Lines, l => l.Message.Contains("hunter2", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("other-callback", """{"payload":"{\"kind\":\"note\",\"deal\":42}","channel":"C0SALES","ephemeral":false}""")]
    [InlineData(BlockKitRenderer.ModalCallbackId, "not json")]
    [InlineData(BlockKitRenderer.ModalCallbackId, """{"payload":"{\"kind\":\"checklist\",\"deal\":42}","channel":"C0SALES","ephemeral":false}""")]
    public async Task ViewSubmission_NotOurModal_200AndNothingReachesTheCore(string callbackId, string metadata)
    {
        var response = await host.PostAsync("/slack/interactions", Submission(metadata, "hello", callbackId), "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await host.WorkDoneAsync();
        Assert.Empty(host.Bot.Turns);
    }

    [Fact]
    public void Modal_AddNote_MatchesItsGolden()
    {
        var metadata = """{"payload":"{\"kind\":\"note\",\"deal\":1042}","channel":"C0SALES","message_ts":"1715000000.000200","ephemeral":false}""";
        var json = JsonSerializer.Serialize(BlockKitRenderer.Modal(AddNotePayload.Input, metadata), SlackJsonContext.Indented.ModalView) + "\n";

        GoldenFile.AssertMatches(Golden("modal-add-note"), json);
    }

    private static string Golden(string name, [CallerFilePath] string here = "") =>
        Path.Combine(Path.GetDirectoryName(here)!, "Goldens", "views", name + ".json");
}
