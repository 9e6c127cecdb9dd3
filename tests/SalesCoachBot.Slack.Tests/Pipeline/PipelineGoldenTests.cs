using System.Runtime.CompilerServices;
using System.Text.Json;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Slack.BlockKit;

namespace SalesCoachBot.Slack.Tests.Pipeline;

/// <summary>
/// The pipeline answer (chart by https URL and inline as a data URI) and the reverse funnel, from the real use
/// cases, as Block Kit goldens beside the others, so tests/peers/slack/check.sh type-checks them against
/// @slack/types and the size limits. UPDATE_GOLDENS=1 rewrites them.
/// </summary>
public sealed class PipelineGoldenTests
{
    public static TheoryData<string> Names => ["pipeline-report", "pipeline-report-inline", "reverse-funnel", "pipeline-details", "map-picture", "pipeline-win-rate", "quota-progress", "quota-progress-ar"];

    private static Task<BotAnswer> AnswerAsync(string name) => name switch
    {
        "pipeline-report" => PipelineSampleAnswers.PipelineAsync(PipelineSampleAnswers.ChartUrl),
        "pipeline-report-inline" => PipelineSampleAnswers.PipelineAsync(PipelineSampleAnswers.ChartDataUri),
        "pipeline-details" => PipelineSampleAnswers.PipelineDetailsAsync(),
        "map-picture" => PipelineSampleAnswers.MapAsync(PipelineSampleAnswers.ChartUrl),
        "pipeline-win-rate" => PipelineSampleAnswers.PipelineAsync(PipelineSampleAnswers.ChartUrl, focus: Core.Understanding.PipelineFocus.WinRate),
        "quota-progress" => PipelineSampleAnswers.QuotaProgressAsync(),
        "quota-progress-ar" => PipelineSampleAnswers.QuotaProgressAsync(Core.Localization.ReplyTexts.Shared.In(Core.Localization.ReplyLanguage.Arabic)),
        _ => PipelineSampleAnswers.ReverseFunnelAsync(),
    };

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Render_PipelineAnswers_MatchGoldenAndKeepEveryDocumentedLimit(string name)
    {
        var json = BlockKitGoldenTests.RenderJson(await AnswerAsync(name));
        GoldenFile.AssertMatches(GoldenPath(name), json);
        using var doc = JsonDocument.Parse(json);
        Assert.Empty(BlockKitLimitCheck.Problems(doc.RootElement));
    }

    [Fact]
    public async Task Render_PipelineChartAtHttpsUrl_IsOneImageBlockWithAltText()
    {
        var message = new BlockKitRenderer().Render(await PipelineSampleAnswers.PipelineAsync(PipelineSampleAnswers.ChartUrl));

        var image = Assert.Single(message.Blocks.OfType<ImageBlock>());
        Assert.Equal(PipelineSampleAnswers.ChartUrl, image.ImageUrl);
        Assert.StartsWith("Pipeline funnel — EMEA: Discovery 4 open, 320k EUR; Demo 3 open", image.AltText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PipelineSampleAnswers.ChartDataUri)]
    [InlineData("http://coach.example.com/charts/0f3c6a9e2b7d41c58e1a9f0b3c2d4e5f.png")]
    [InlineData("/charts/0f3c6a9e2b7d41c58e1a9f0b3c2d4e5f.png")]
    public async Task Render_PipelineChartNotAtHttpsUrl_HasNoImageBlockButKeepsTheFigures(string url)
    {
        var answer = await PipelineSampleAnswers.PipelineAsync(url);

        var message = new BlockKitRenderer().Render(answer);

        Assert.Empty(message.Blocks.OfType<ImageBlock>());
        var wire = SlackWireJson.Serialize(message, SlackJsonContext.Wire.SlackMessage);
        Assert.DoesNotContain("data:image", wire, StringComparison.Ordinal);
        Assert.Contains("Discovery: 4 deals", wire, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_FocusedPipeline_TheAnswerComesRightAfterTheHeaderBeforeTheFigures()
    {
        var message = new BlockKitRenderer().Render(await PipelineSampleAnswers.PipelineAsync(PipelineSampleAnswers.ChartUrl, focus: Core.Understanding.PipelineFocus.WinRate));

        var lead = Assert.IsType<SectionBlock>(message.Blocks[1]);
        Assert.StartsWith("*Win rate, the last 12 months: 67% (6 won, 3 lost) · EMEA", lead.Text.Text, StringComparison.Ordinal);
        Assert.IsType<ContextBlock>(message.Blocks[2]);
    }

    [Fact]
    public void Render_CardImageAtHttpsUrl_IsTheLastBlock()
    {
        var card = new Card { Kind = CardKind.Pipeline, Title = "Chart", Image = new CardImage("https://coach.example.com/c.png", "A chart") };

        var message = new BlockKitRenderer().Render(new BotAnswer("chart", card));

        Assert.Equal(new ImageBlock("https://coach.example.com/c.png", "A chart"), message.Blocks[^1]);
    }

    private static string GoldenPath(string name, [CallerFilePath] string here = "") =>
        Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(here)!)!, "Goldens", name + ".json");
}
