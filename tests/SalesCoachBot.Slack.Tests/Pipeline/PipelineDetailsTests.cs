using System.Net;
using System.Text.Json;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Slack.BlockKit;
using SalesCoachBot.Slack.Tests.Fakes;

namespace SalesCoachBot.Slack.Tests.Pipeline;

/// <summary>
/// Block Kit cannot fold the pipeline's details away: the summary carries a "Details" button, and its signed press is
/// answered in the summary's thread (chat.postMessage with thread_ts), not as an ephemeral note or a replaced card.
/// </summary>
public sealed class PipelineDetailsTests : IAsyncLifetime
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

    [Fact]
    public async Task Render_PipelineSummary_DetailsButtonAsksForTheSameQuestion()
    {
        var message = new BlockKitRenderer().Render(await PipelineSampleAnswers.PipelineAsync(PipelineSampleAnswers.ChartUrl));

        var button = message.Blocks.OfType<ActionsBlock>().SelectMany(b => b.Elements).OfType<ButtonElement>().Single(b => b.Text.Text == "Details");
        Assert.Equal(new PipelineDetailsPayload("emea", null), ActionPayload.TryParse(button.Value));
        Assert.DoesNotContain(message.Blocks.OfType<SectionBlock>(), s => s.Text.Text.Contains("By stage", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DetailsPressed_OnAChannelMessage_AnsweredInItsThread()
    {
        var details = await PipelineSampleAnswers.PipelineDetailsAsync();
        host.Bot.Reply = turn => (turn.Input as ActionInput)?.Payload is PipelineDetailsPayload ? details : new BotAnswer("?");

        var response = await host.PostAsync("/slack/interactions", BlockActions(new PipelineDetailsPayload("emea", null), api.ResponseUrl("card").ToString()),
            "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var posted = Assert.Single(await api.WaitForCallsAsync("/api/chat.postMessage"));
        using var json = JsonDocument.Parse(posted.Body);
        Assert.Equal("C0SALES", json.RootElement.GetProperty("channel").GetString());
        Assert.Equal("1715000000.000200", json.RootElement.GetProperty("thread_ts").GetString());
        Assert.Contains("By stage", posted.Body, StringComparison.Ordinal);
        await host.WorkDoneAsync();
        Assert.Empty(api.CallsTo("/api/chat.update"));
    }

    private static string BlockActions(ActionPayload value, string responseUrl) =>
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
}
