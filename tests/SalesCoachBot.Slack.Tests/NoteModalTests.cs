using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Coaching;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Slack.BlockKit;
using SalesCoachBot.Slack.Tests.Fakes;

namespace SalesCoachBot.Slack.Tests;

/// <summary>
/// The card's "Add note" in Slack: the same form path as "Set next step" (a button that opens a modal with the
/// trigger, a signed view_submission that fills the payload), with one multi-line input up to 2,000 characters.
/// </summary>
public sealed class NoteModalTests : IAsyncLifetime
{
    private static readonly DealId Initech = new(1042);
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

    private static CardForm Form() => DealCards.NoteForm(new Deal { Id = Initech, ExternalId = "1042", Name = "Initech", StageId = new StageId("demo") });

    private static string Payload(object payload) => "payload=" + Uri.EscapeDataString(JsonSerializer.Serialize(payload));

    private string NoteButton() => Payload(new Dictionary<string, object?>
    {
        ["type"] = "block_actions",
        ["trigger_id"] = "12345.98765.abcd2358fdea",
        ["user"] = new { id = "U0PAT", username = "pat", name = "pat", team_id = "T0FAKE" },
        ["team"] = new { id = "T0FAKE" },
        ["channel"] = new { id = "C0SALES" },
        ["container"] = new { type = "message", message_ts = "1715000000.000200", channel_id = "C0SALES", is_ephemeral = false },
        ["response_url"] = api.ResponseUrl("card").ToString(),
        ["actions"] = new[] { new { type = "button", action_id = "coach-button-1001", block_id = "b", value = new NoteFormPayload(Initech).ToJson() } },
    });

    private static string Submission(string metadata, string text) => Payload(new Dictionary<string, object?>
    {
        ["type"] = "view_submission",
        ["user"] = new { id = "U0PAT", username = "pat", name = "pat", team_id = "T0FAKE" },
        ["team"] = new { id = "T0FAKE" },
        ["view"] = new Dictionary<string, object?>
        {
            ["id"] = "V0NOTE",
            ["callback_id"] = BlockKitRenderer.FormCallbackId,
            ["private_metadata"] = metadata,
            ["state"] = new
            {
                values = new Dictionary<string, object>
                {
                    [AddNotePayload.TextInput] = new Dictionary<string, object> { [AddNotePayload.TextInput] = new { type = "plain_text_input", value = text } },
                },
            },
        },
    });

    private void AnswerLikeTheCore() => host.Bot.Reply = turn => (turn.Input as ActionInput)?.Payload switch
    {
        NoteFormPayload => new BotAnswer("Note for Initech", new Card { Kind = CardKind.Form, Title = "Note for Initech", Forms = [Form()] }),
        AddNotePayload => new BotAnswer("Noted on Initech.", new Card { Kind = CardKind.Checklist, Title = "Initech" }) { ReplacesCard = true },
        _ => new BotAnswer("?"),
    };

    private async Task<JsonElement> OpenModalAsync()
    {
        AnswerLikeTheCore();
        var response = await host.PostAsync("/slack/interactions", NoteButton(), "application/x-www-form-urlencoded");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var open = Assert.Single(await api.WaitForCallsAsync("/api/views.open"));
        Assert.Equal("Bearer xoxb-test-token", open.Authorization);
        using var json = JsonDocument.Parse(open.Body);
        return json.RootElement.GetProperty("view").Clone();
    }

    [Fact]
    public async Task AddNoteButton_OpensAModalWithOneMultiLineInputOf2000Characters()
    {
        var view = await OpenModalAsync();

        Assert.Equal(BlockKitRenderer.FormCallbackId, view.GetProperty("callback_id").GetString());
        var input = view.GetProperty("blocks").EnumerateArray().Single(b => b.GetProperty("type").GetString() == "input");
        var element = input.GetProperty("element");
        Assert.Equal(("plain_text_input", AddNotePayload.TextInput, true, 2000),
            (element.GetProperty("type").GetString(), element.GetProperty("action_id").GetString(), element.GetProperty("multiline").GetBoolean(),
                element.GetProperty("max_length").GetInt32()));
    }

    [Theory]
    [InlineData("CFO wants an ROI case by Q1")]
    [InlineData(null)] // 2,000 Arabic letters: the longest note, escaped in the payload, still reads back
    public async Task ViewSubmission_Note_ReachesTheCoreWithItsTextAndUpdatesTheCard(string? text)
    {
        text ??= new string('ن', 2000);
        var view = await OpenModalAsync();

        var response = await host.PostAsync("/slack/interactions", Submission(view.GetProperty("private_metadata").GetString()!, text), "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(string.Empty, await response.Content.ReadAsStringAsync());
        var update = Assert.Single(await api.WaitForCallsAsync("/api/chat.update"));
        using var json = JsonDocument.Parse(update.Body);
        Assert.Equal(("C0SALES", "1715000000.000200"), (json.RootElement.GetProperty("channel").GetString(), json.RootElement.GetProperty("ts").GetString()));
        Assert.Equal(new AddNotePayload(Initech, text), Assert.IsType<ActionInput>(host.Bot.Turns.Last().Input).Payload);
    }

    [Fact]
    public async Task ViewSubmission_NoteTextIsNeverLogged()
    {
        var view = await OpenModalAsync();
        const string Secret = "password for the demo tenant is hunter2";

        await host.PostAsync("/slack/interactions", Submission(view.GetProperty("private_metadata").GetString()!, Secret), "application/x-www-form-urlencoded");
        await host.WorkDoneAsync();

        Assert.Contains(host.Bot.Turns, t => t.Input is ActionInput { Payload: AddNotePayload { Text: Secret } });
        Assert.DoesNotContain(host.Logs.Lines, l => l.Message.Contains("hunter2", StringComparison.Ordinal));
    }

    [Fact]
    public void RenderModal_NoteForm_MatchesItsGolden()
    {
        var modal = new BlockKitRenderer().RenderModal(Form(), """{"payload":"x","channel":"C0SALES"}""");
        var json = JsonSerializer.Serialize(modal, SlackJsonContext.Indented.ModalView) + "\n";

        GoldenFile.AssertMatches(Path.Combine(ProjectDirectory(), "Goldens", "views", "note-modal.json"), json);
    }

    private static string ProjectDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
