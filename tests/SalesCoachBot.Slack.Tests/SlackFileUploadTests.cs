using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Slack.BlockKit;
using SalesCoachBot.Slack.Tests.Fakes;
using SalesCoachBot.Slack.Tests.Pipeline;
using SalesCoachBot.Slack.WebApi;
using SalesCoachBot.Slack.Workspaces;

namespace SalesCoachBot.Slack.Tests;

/// <summary>
/// Slack's external file upload (a chart without a public URL) against the recording fake Web API:
/// files.getUploadURLExternal, the bytes to the upload URL, files.completeUploadExternal into the channel.
/// </summary>
public sealed class SlackFileUploadTests : IAsyncLifetime
{
    private const string GetUrl = "/api/files.getUploadURLExternal";
    private const string Complete = "/api/files.completeUploadExternal";
    private const string UploadPath = "/upload/v1/CwABAAAAXwoAAf8";

    private static readonly SlackWorkspace Workspace = SlackWorkspace.Of("T0FAKE");
    private static readonly byte[] Png = Encoding.ASCII.GetBytes("PNG-bytes-of-the-pipeline-chart-0123456789");

    private RecordingSlackApi api = null!;
    private SlackTestHost host = null!;

    private ISlackApiClient Client => host.Services.GetRequiredService<ISlackApiClient>();

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

    private void ScriptUploadUrl() =>
        api.Script(GetUrl, new ScriptedAnswer(200, $$"""{"ok":true,"upload_url":"{{new Uri(api.BaseUrl, UploadPath)}}","file_id":"F0CHART"}"""));

    private static SlackFileUpload Chart() => new("C0SALES", "pipeline.png", Png)
    {
        Title = "Open deals per stage",
        AltText = "Open deals per stage — EMEA: Discovery 4, Demo 3, Proposal 3.",
    };

    [Fact]
    public async Task UploadFile_WithBlocks_AsksForUrlPostsBytesWithoutTokenThenSharesInChannel()
    {
        ScriptUploadUrl();
        api.Script(Complete, new ScriptedAnswer(200, """{"ok":true,"files":[{"id":"F0CHART","title":"Open deals per stage"}]}"""));
        var blocks = new List<Block> { new SectionBlock(TextObject.Markdown("*Pipeline · EMEA*")) };

        var result = await Client.UploadFileAsync(Workspace, Chart() with { Blocks = blocks, InitialComment = "ignored when blocks are sent", ThreadTs = "1715000000.000100" }, CancellationToken.None);

        Assert.True(result.Ok, result.Error);
        Assert.Equal("F0CHART", Assert.Single(result.Value!.Files).Id);
        Assert.Equal([GetUrl, UploadPath, Complete], api.Calls.Select(c => c.Path));

        var ask = api.CallsTo(GetUrl).Single();
        Assert.Equal("Bearer xoxb-test-token", ask.Authorization);
        var askForm = QueryHelpers.ParseQuery(ask.Body);
        Assert.Equal("pipeline.png", askForm["filename"].ToString());
        Assert.Equal(Png.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), askForm["length"].ToString());
        Assert.Equal("Open deals per stage — EMEA: Discovery 4, Demo 3, Proposal 3.", askForm["alt_txt"].ToString());

        var upload = api.CallsTo(UploadPath).Single();
        Assert.Null(upload.Authorization); // the pre-signed URL never sees the bot token
        Assert.Equal("application/octet-stream", upload.ContentType);
        Assert.Equal(Encoding.ASCII.GetString(Png), upload.Body);

        var share = api.CallsTo(Complete).Single();
        Assert.Equal("Bearer xoxb-test-token", share.Authorization);
        var form = QueryHelpers.ParseQuery(share.Body);
        Assert.Equal("C0SALES", form["channel_id"].ToString());
        Assert.Equal("1715000000.000100", form["thread_ts"].ToString());
        Assert.False(form.ContainsKey("initial_comment"));
        using var files = JsonDocument.Parse(form["files"].ToString());
        Assert.Equal("F0CHART", files.RootElement[0].GetProperty("id").GetString());
        Assert.Equal("Open deals per stage", files.RootElement[0].GetProperty("title").GetString());
        using var sentBlocks = JsonDocument.Parse(form["blocks"].ToString());
        Assert.Equal("section", sentBlocks.RootElement[0].GetProperty("type").GetString());
        Assert.Equal("*Pipeline · EMEA*", sentBlocks.RootElement[0].GetProperty("text").GetProperty("text").GetString());
    }

    [Fact]
    public async Task UploadFile_WithoutBlocks_SharesWithInitialComment()
    {
        ScriptUploadUrl();

        var result = await Client.UploadFileAsync(Workspace, Chart() with { InitialComment = "Pipeline for EMEA" }, CancellationToken.None);

        Assert.True(result.Ok, result.Error);
        var form = QueryHelpers.ParseQuery(api.CallsTo(Complete).Single().Body);
        Assert.Equal("Pipeline for EMEA", form["initial_comment"].ToString());
        Assert.False(form.ContainsKey("blocks"));
        Assert.False(form.ContainsKey("thread_ts"));
    }

    [Fact]
    public async Task UploadFile_NoScopeForUploadUrl_ReturnsSlacksErrorAndSendsNoBytes()
    {
        api.Script(GetUrl, new ScriptedAnswer(200, """{"ok":false,"error":"missing_scope"}"""));

        var result = await Client.UploadFileAsync(Workspace, Chart(), CancellationToken.None);

        Assert.False(result.Ok);
        Assert.Equal("missing_scope", result.Error);
        Assert.Equal([GetUrl], api.Calls.Select(c => c.Path));
    }

    [Fact]
    public async Task UploadFile_UploadUrlRefusesBytes_ReturnsErrorAndNeverCompletes()
    {
        ScriptUploadUrl();
        api.Script(UploadPath, new ScriptedAnswer(403, "forbidden", ContentType: "text/plain"));

        var result = await Client.UploadFileAsync(Workspace, Chart(), CancellationToken.None);

        Assert.False(result.Ok);
        Assert.Equal("forbidden", result.Error);
        Assert.Empty(api.CallsTo(Complete));
    }

    [Fact]
    public async Task UploadFile_AnswerWithoutUploadUrl_IsInvalidResponse()
    {
        api.Script(GetUrl, new ScriptedAnswer(200, """{"ok":true,"file_id":"F0CHART"}"""));

        var result = await Client.UploadFileAsync(Workspace, Chart(), CancellationToken.None);

        Assert.Equal("invalid_response", result.Error);
        Assert.Equal([GetUrl], api.Calls.Select(c => c.Path));
    }

    [Fact]
    public async Task UploadFile_ChannelNotFoundOnComplete_ReturnsSlacksError()
    {
        ScriptUploadUrl();
        api.Script(Complete, new ScriptedAnswer(200, """{"ok":false,"error":"channel_not_found"}"""));

        var result = await Client.UploadFileAsync(Workspace, Chart(), CancellationToken.None);

        Assert.Equal("channel_not_found", result.Error);
        Assert.Single(api.CallsTo(UploadPath));
    }

    private static string Mention(string eventId) => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["type"] = "event_callback",
        ["team_id"] = "T0FAKE",
        ["event_id"] = eventId,
        ["authorizations"] = new[] { new { team_id = "T0FAKE", user_id = "U0BOT", is_bot = true } },
        ["event"] = new Dictionary<string, object?>
        {
            ["type"] = "app_mention",
            ["user"] = "U0PAT",
            ["text"] = "<@U0BOT> pipeline emea",
            ["channel"] = "C0SALES",
            ["ts"] = "1715000000.000100",
        },
    });

    private static BotAnswer PipelineAnswer(string imageUrl) => new("Pipeline for EMEA: 10 open deals.", new Card
    {
        Kind = CardKind.Pipeline,
        Title = "Pipeline · EMEA",
        Image = new CardImage(imageUrl, "Open deals per stage — EMEA: Discovery 4, Demo 3, Proposal 3."),
    });

    [Fact]
    public async Task Mention_AnswerWithInlineChart_PostsTheAnswerThenSharesThePngAsAFile()
    {
        ScriptUploadUrl();
        host.Bot.Reply = _ => PipelineAnswer(PipelineSampleAnswers.ChartDataUri);
        var png = Convert.FromBase64String(PipelineSampleAnswers.ChartDataUri["data:image/png;base64,".Length..]);

        var response = await host.PostJsonAsync("/slack/events", Mention("Ev0CHART1"));

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var share = Assert.Single(await api.WaitForCallsAsync(Complete));
        string[] steps = ["/api/chat.postMessage", GetUrl, UploadPath, Complete];
        Assert.Equal(steps, api.Calls.Select(c => c.Path).Where(steps.Contains));
        var post = JsonDocument.Parse(api.CallsTo("/api/chat.postMessage").Single().Body).RootElement;
        Assert.DoesNotContain(post.GetProperty("blocks").EnumerateArray(), b => b.GetProperty("type").GetString() == "image");
        var ask = QueryHelpers.ParseQuery(api.CallsTo(GetUrl).Single().Body);
        Assert.Equal(png.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), ask["length"].ToString());
        Assert.Equal("Open deals per stage — EMEA: Discovery 4, Demo 3, Proposal 3.", ask["alt_txt"].ToString());
        var form = QueryHelpers.ParseQuery(share.Body);
        Assert.Equal("C0SALES", form["channel_id"].ToString());
        Assert.Contains("Pipeline · EMEA", form["files"].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mention_AnswerWithChartAtHttpsUrl_ShowsImageBlockAndUploadsNothing()
    {
        host.Bot.Reply = _ => PipelineAnswer(PipelineSampleAnswers.ChartUrl);

        await host.PostJsonAsync("/slack/events", Mention("Ev0CHART2"));

        var post = JsonDocument.Parse(Assert.Single(await api.WaitForCallsAsync("/api/chat.postMessage")).Body).RootElement;
        Assert.Contains(post.GetProperty("blocks").EnumerateArray(), b => b.GetProperty("type").GetString() == "image");
        await host.WorkDoneAsync();
        Assert.Empty(api.CallsTo(GetUrl));
    }
}
