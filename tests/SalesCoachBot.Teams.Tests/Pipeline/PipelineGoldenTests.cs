using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Teams.Cards;
using SalesCoachBot.Teams.Tests.Support;

namespace SalesCoachBot.Teams.Tests.Pipeline;

/// <summary>
/// The pipeline answer (chart by URL and inline as a data URI) and the reverse funnel, from the real use cases,
/// as Adaptive Card goldens beside the others, so tests/peers/teams/check.sh validates them with Microsoft's
/// library. UPDATE_GOLDENS=1 rewrites them.
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
    public async Task Render_PipelineAnswers_MatchGoldenAndStayUnderTeamsSizeLimit(string name)
    {
        var card = (await AnswerAsync(name)).Card!;
        var json = CardJson.Indented(new AdaptiveCardRenderer().Render(card));
        GoldenFile.AssertMatches(Path.Combine(GoldenDirectory(), $"{name}.json"), json);
        var compact = CardJson.Wire(new AdaptiveCardRenderer().Render(card));
        Assert.True(compact.Length < 24 * 1024, $"{name}: {compact.Length} bytes");
    }

    [Fact]
    public async Task Render_FocusedPipeline_TheAnswerComesBeforeTheFigures()
    {
        var card = new AdaptiveCardRenderer().Render((await PipelineSampleAnswers.PipelineAsync(PipelineSampleAnswers.ChartUrl, focus: Core.Understanding.PipelineFocus.WinRate)).Card!);

        var texts = card.Body.OfType<TextBlock>().Select(t => t.Text).ToList();
        var lead = card.Body.OfType<TextBlock>().Single(t => t.Text.StartsWith("Win rate, the last 12 months: 67% (6 won, 3 lost) · EMEA", StringComparison.Ordinal));
        Assert.Equal(TextWeight.Bolder, lead.Weight);
        Assert.True(card.Body.ToList().IndexOf(lead) < card.Body.ToList().FindIndex(e => e is FactSet));
        Assert.Equal(2, texts.IndexOf(lead.Text));
    }

    [Theory]
    [InlineData(PipelineSampleAnswers.ChartUrl)]
    [InlineData(PipelineSampleAnswers.ChartDataUri)]
    public async Task Render_PipelineChart_IsOneStretchedImageWithTheUrlAndAltText(string url)
    {
        var answer = await PipelineSampleAnswers.PipelineAsync(url);

        var images = Elements(CardJson.Node(new AdaptiveCardRenderer().Render(answer.Card!))).Where(e => (string?)e["type"] == "Image").ToList();

        var image = Assert.Single(images);
        Assert.Equal(url, (string?)image["url"]);
        Assert.Equal("Stretch", (string?)image["size"]);
        Assert.StartsWith("Pipeline funnel — EMEA: Discovery 4 open, 320k EUR; Demo 3 open", (string?)image["altText"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_PipelineWithoutChart_HasNoImageAndTheTextStandsAlone()
    {
        var answer = await PipelineSampleAnswers.PipelineAsync(null);

        Assert.DoesNotContain(Elements(CardJson.Node(new AdaptiveCardRenderer().Render(answer.Card!))), e => (string?)e["type"] == "Image");
        Assert.Contains("Discovery: 4 deals", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_PipelineSummary_DetailsUnfoldInPlaceWithShowCard()
    {
        var answer = await PipelineSampleAnswers.PipelineAsync(PipelineSampleAnswers.ChartUrl);

        var card = CardJson.Node(new AdaptiveCardRenderer().Render(answer.Card!));
        var show = Assert.Single(Elements(card), e => (string?)e["type"] == "Action.ShowCard");
        Assert.Equal("Details", (string?)show["title"]);
        Assert.Contains(Elements(show["card"]), e => (string?)e["text"] == "By stage");
        Assert.DoesNotContain(Elements(card["body"]), e => (string?)e["text"] == "By stage");
    }

    private static IEnumerable<JsonObject> Elements(JsonNode? node) => node switch
    {
        JsonObject o => [o, .. o.SelectMany(p => Elements(p.Value))],
        JsonArray a => a.SelectMany(Elements),
        _ => [],
    };

    private static string GoldenDirectory([CallerFilePath] string here = "") =>
        Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(here)!)!, "Goldens");
}
